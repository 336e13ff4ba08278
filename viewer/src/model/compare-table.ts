/**
 * The before/after table of a comparison (compare.json, written by the demo): one row per figure, the
 * current layout's value and the proposal's, formatted for people. The CLI's printed table, the
 * viewer's panel and the report all come from here, so they cannot drift.
 */
type Num = number | null;
export interface LayoutFiguresJson {
  label?: string;
  posts: number;
  units: number;
  staticTiers: { targetS: number; units: number; coveredShare: Num }[];
  sitesMet: { class: string; met: number; count: number }[];
  simulated: { class: string; tiers: { targetS: number; units: number; metShare: Num; ci95: readonly [Num, Num] | null }[]; firstUnitP50S: Num; firstUnitP90S: Num }[];
  meanUtilisation: Num;
}
export interface CompareJson { before: LayoutFiguresJson; after: LayoutFiguresJson }

export type CompareRow = [what: string, before: string, after: string];

const fin = (x: Num | undefined): x is number => typeof x === 'number' && Number.isFinite(x);
const pct = (x: Num | undefined) => (fin(x) ? `${(x * 100).toFixed(1)}%` : 'n/a');
const secs = (x: Num | undefined) => (fin(x) ? `${x.toFixed(0)} s` : 'n/a');
const within = (units: number, targetS: number) => `${units} unit(s) <= ${targetS} s`;

export function compareTableRows(r: CompareJson): CompareRow[] {
  const rows: CompareRow[] = [];
  rows.push(['posts / units', `${r.before.posts} / ${r.before.units}`, `${r.after.posts} / ${r.after.units}`]);
  r.before.staticTiers.forEach((t, i) => rows.push([`static: ${within(t.units, t.targetS)} (demand-weighted)`, pct(t.coveredShare), pct(r.after.staticTiers[i]?.coveredShare)]));
  r.before.sitesMet.forEach((s, i) => { const a = r.after.sitesMet[i]; rows.push([`static: key sites meeting ${s.class}`, `${s.met}/${s.count}`, a ? `${a.met}/${a.count}` : 'n/a']); });
  // ± when the interval is symmetric; an interval clipped at 0 or 100% is shown as its ends.
  const ci = (t: { metShare: Num; ci95: readonly [Num, Num] | null } | undefined) => {
    if (!t) return 'n/a';
    if (!fin(t.metShare)) return 'no incidents';
    const [lo, hi] = t.ci95 ?? [null, null];
    if (!fin(lo) || !fin(hi)) return pct(t.metShare);
    const symmetric = Math.abs((t.metShare - lo) - (hi - t.metShare)) < 1e-9;
    return `${pct(t.metShare)} ${symmetric ? `±${((hi - lo) * 50).toFixed(1)}` : `(${(lo * 100).toFixed(1)}–${(hi * 100).toFixed(1)})`}`;
  };
  r.before.simulated.forEach((c, k) => {
    const a = r.after.simulated[k];
    c.tiers.forEach((t, i) => rows.push([`simulated ${c.class}: ${within(t.units, t.targetS)}`, ci(t), ci(a?.tiers[i])]));
    rows.push([`simulated ${c.class}: 1st unit median / p90`, `${secs(c.firstUnitP50S)} / ${secs(c.firstUnitP90S)}`, `${secs(a?.firstUnitP50S)} / ${secs(a?.firstUnitP90S)}`]);
  });
  rows.push(['mean unit utilisation', pct(r.before.meanUtilisation), pct(r.after.meanUtilisation)]);
  return rows;
}

/** compare.json read as a comparison, or null when it does not have the demo's before/after figures. */
export function asCompareJson(raw: unknown): CompareJson | null {
  const ok = (v: unknown): v is LayoutFiguresJson => typeof v === 'object' && v !== null
    && Array.isArray((v as LayoutFiguresJson).staticTiers) && Array.isArray((v as LayoutFiguresJson).simulated) && Array.isArray((v as LayoutFiguresJson).sitesMet);
  if (typeof raw !== 'object' || raw === null) return null;
  const r = raw as { before?: unknown; after?: unknown };
  return ok(r.before) && ok(r.after) ? { before: r.before, after: r.after } : null;
}
