import type { DemoResult } from '../../engine/workflow/demo.ts';

const pct = (x: number) => (Number.isFinite(x) ? `${(x * 100).toFixed(1)}%` : 'n/a');
const secs = (x: number) => (Number.isFinite(x) ? `${x.toFixed(0)} s` : 'n/a');

/** The before/after table: [what, current layout, proposal] per row, values formatted for people. */
export function comparisonRows(r: DemoResult): [string, string, string][] {
  const rows: [string, string, string][] = [];
  rows.push(['posts / units', `${r.before.posts} / ${r.before.units}`, `${r.after.posts} / ${r.after.units}`]);
  r.before.staticTiers.forEach((t, i) => rows.push([`static: ${t.units} unit(s) <= ${t.targetS} s (demand-weighted)`, pct(t.coveredShare), pct(r.after.staticTiers[i].coveredShare)]));
  r.before.sitesMet.forEach((s, i) => rows.push([`static: key sites meeting ${s.class}`, `${s.met}/${s.count}`, `${r.after.sitesMet[i].met}/${r.after.sitesMet[i].count}`]));
  // ± when the interval is symmetric; an interval clipped at 0 or 100% is shown as its ends.
  const ci = (t: { metShare: number; ci95: readonly [number, number] | null }) => {
    if (!Number.isFinite(t.metShare)) return 'no incidents';
    if (!t.ci95) return pct(t.metShare);
    const [lo, hi] = t.ci95;
    const symmetric = Math.abs((t.metShare - lo) - (hi - t.metShare)) < 1e-9;
    return `${pct(t.metShare)} ${symmetric ? `±${((hi - lo) * 50).toFixed(1)}` : `(${(lo * 100).toFixed(1)}–${(hi * 100).toFixed(1)})`}`;
  };
  r.before.simulated.forEach((c, k) => {
    const a = r.after.simulated[k];
    c.tiers.forEach((t, i) => rows.push([`simulated ${c.class}: ${t.units} unit(s) <= ${t.targetS} s`, ci(t), ci(a.tiers[i])]));
    rows.push([`simulated ${c.class}: 1st unit median / p90`, `${secs(c.firstUnitP50S)} / ${secs(c.firstUnitP90S)}`, `${secs(a.firstUnitP50S)} / ${secs(a.firstUnitP90S)}`]);
  });
  rows.push(['mean unit utilisation', pct(r.before.meanUtilisation), pct(r.after.meanUtilisation)]);
  return rows;
}

/** The before/after table as plain text (Markdown-compatible). */
export function formatComparison(r: DemoResult): string {
  const rows = comparisonRows(r);
  const w0 = Math.max(...rows.map((x) => x[0].length), 10), w1 = Math.max(...rows.map((x) => x[1].length), 14), w2 = Math.max(...rows.map((x) => x[2].length), 8);
  const line = (a: string, b: string, c: string) => `| ${a.padEnd(w0)} | ${b.padStart(w1)} | ${c.padStart(w2)} |`;
  return [line('', 'current layout', 'proposal'), `|${'-'.repeat(w0 + 2)}|${'-'.repeat(w1 + 1)}:|${'-'.repeat(w2 + 1)}:|`, ...rows.map((x) => line(...x))].join('\n');
}
