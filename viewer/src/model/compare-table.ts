/**
 * The comparison table of compare.json (written by the demo): one row per figure, one column per
 * layout (current layout, proposal, and, when the demo made a time-of-day plan, the plan and the plan
 * with move-up), formatted for people. The CLI's printed table, the viewer's panel and the report all
 * come from here, so they cannot drift.
 */
import type { CompareJson, LayoutFiguresJson, Num, TierDifferenceJson } from '../../../engine/io/run-directory/compare-file.ts';

/** [what, then one cell per column of {@link compareTableHeadings}]. */
export type CompareRow = string[];

const fin = (x: Num | undefined): x is number => typeof x === 'number' && Number.isFinite(x);
const pct = (x: Num | undefined) => (fin(x) ? `${(x * 100).toFixed(1)}%` : 'n/a');
const secs = (x: Num | undefined) => (fin(x) ? `${x.toFixed(0)} s` : 'n/a');
const within = (units: number, targetS: number) => `${units} unit(s) <= ${targetS} s`;
const DEFAULT_LABELS = ['current layout', 'proposal', 'time-of-day plan', 'plan with move-up'];

/** The layouts of the table, in column order. */
function columns(r: CompareJson): LayoutFiguresJson[] {
  return [r.before, r.after, ...(r.plan && r.planMoveUp ? [r.plan, r.planMoveUp] : [])];
}

/** Column headings (after the row names' column): each layout's label. */
export function compareTableHeadings(r: CompareJson): string[] {
  return columns(r).map((l, k) => l.label ?? DEFAULT_LABELS[k]);
}

export function compareTableRows(r: CompareJson): CompareRow[] {
  const cols = columns(r);
  const hasPlan = cols.length > 2;
  const rows: CompareRow[] = [];
  const row = (what: string, cell: (l: LayoutFiguresJson, k: number) => string) => rows.push([what, ...cols.map(cell)]);
  row('posts / units', (l) => `${l.posts} / ${l.units}`);
  if (hasPlan && r.unitHours) { const u = r.unitHours; const h = [u.before, u.after, u.plan, u.planMoveUp]; row('unit-hours on duty per day', (_l, k) => String(h[k])); }
  r.before.staticTiers.forEach((t, i) => row(`static: ${within(t.units, t.targetS)} (demand-weighted${hasPlan ? ', over the day' : ''})`, (l) => pct(l.staticTiers[i]?.coveredShare)));
  r.before.sitesMet.forEach((s, i) => row(`static: key sites meeting ${s.class}${hasPlan ? ' (plan: in every block)' : ''}`, (l) => { const a = l.sitesMet[i]; return a ? `${a.met}/${a.count}` : 'n/a'; }));
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
    c.tiers.forEach((t, i) => row(`simulated ${c.class}: ${within(t.units, t.targetS)}`, (l) => ci(l.simulated[k]?.tiers[i])));
    row(`simulated ${c.class}: 1st unit median / p90`, (l) => `${secs(l.simulated[k]?.firstUnitP50S)} / ${secs(l.simulated[k]?.firstUnitP90S)}`);
  });
  const diffs = r.differences;
  if (hasPlan && diffs) {
    // Paired per replication against the proposal (same incidents), for the first class's tiers.
    const gain = (d: TierDifferenceJson | undefined) => {
      if (!d || !fin(d.difference)) return 'n/a';
      const [lo, hi] = d.ci95 ?? [null, null];
      const pt = (x: number) => `${x >= 0 ? '+' : ''}${(x * 100).toFixed(1)}`;
      return `${pt(d.difference)} pt${fin(lo) && fin(hi) ? ` [${pt(lo)}, ${pt(hi)}]` : ''}`;
    };
    const first = r.before.simulated[0];
    first?.tiers.forEach((t) => {
      const find = (list: TierDifferenceJson[]) => list.find((d) => d.class === first.class && d.targetS === t.targetS && d.units === t.units);
      rows.push([`gain over the proposal, ${first.class} ${within(t.units, t.targetS)} (paired 95% CI)`, '', '', gain(find(diffs.plan)), gain(find(diffs.planMoveUp))]);
    });
  }
  row('mean unit utilisation', (l) => pct(l.meanUtilisation));
  if (hasPlan && r.movesPerDay) {
    const n = (x: Num) => (fin(x) ? x.toFixed(1) : 'n/a');
    const cell = (m: { planMoves: Num; moveUps: Num }) => `${n(m.planMoves)} / ${n(m.moveUps)}`;
    rows.push(['simulated unit moves a day (to plan posts / move-ups)', '', '', cell(r.movesPerDay.plan), cell(r.movesPerDay.planMoveUp)]);
  }
  return rows;
}
