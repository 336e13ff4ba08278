import type { DemoResult, LayoutFigures } from '../../engine/workflow/demo.ts';
import type { TierDifference } from '../../engine/workflow/paired-differences.ts';

const pct = (x: number) => (Number.isFinite(x) ? `${(x * 100).toFixed(1)}%` : 'n/a');
const secs = (x: number) => (Number.isFinite(x) ? `${x.toFixed(0)} s` : 'n/a');

/** The layouts of the table, in column order: current layout, proposal, and the plan columns when there are any. */
function layouts(r: DemoResult): LayoutFigures[] {
  return [r.before, r.after, ...(r.plan && r.planMoveUp ? [r.plan, r.planMoveUp] : [])];
}

/** Column headings, in the order of {@link layouts}. */
export function comparisonHeadings(r: DemoResult): string[] {
  return ['current layout', 'proposal', ...(r.plan ? ['time-of-day plan', 'plan + move-up'] : [])];
}

/** The comparison table: [what, current layout, proposal, (plan, plan with move-up)] per row, values formatted for people. */
export function comparisonRows(r: DemoResult): string[][] {
  const cols = layouts(r);
  const rows: string[][] = [];
  const row = (what: string, f: (l: LayoutFigures, k: number) => string) => rows.push([what, ...cols.map(f)]);
  row('posts / units', (l) => `${l.posts} / ${l.units}`);
  if (r.unitHours) { const u = r.unitHours; const h = [u.before, u.after, u.plan, u.planMoveUp]; row('unit-hours on duty per day', (_l, k) => String(h[k])); }
  r.before.staticTiers.forEach((t, i) => row(`static: ${t.units} unit(s) <= ${t.targetS} s (demand-weighted${r.plan ? ', over the day' : ''})`, (l) => pct(l.staticTiers[i].coveredShare)));
  r.before.sitesMet.forEach((s, i) => row(`static: key sites meeting ${s.class}${r.plan ? ' (every block)' : ''}`, (l) => `${l.sitesMet[i].met}/${l.sitesMet[i].count}`));
  // ± when the interval is symmetric; an interval clipped at 0 or 100% is shown as its ends.
  const ci = (t: { metShare: number; ci95: readonly [number, number] | null }) => {
    if (!Number.isFinite(t.metShare)) return 'no incidents';
    if (!t.ci95) return pct(t.metShare);
    const [lo, hi] = t.ci95;
    const symmetric = Math.abs((t.metShare - lo) - (hi - t.metShare)) < 1e-9;
    return `${pct(t.metShare)} ${symmetric ? `±${((hi - lo) * 50).toFixed(1)}` : `(${(lo * 100).toFixed(1)}–${(hi * 100).toFixed(1)})`}`;
  };
  r.before.simulated.forEach((c, k) => {
    c.tiers.forEach((t, i) => row(`simulated ${c.class}: ${t.units} unit(s) <= ${t.targetS} s`, (l) => ci(l.simulated[k].tiers[i])));
    row(`simulated ${c.class}: 1st unit median / p90`, (l) => `${secs(l.simulated[k].firstUnitP50S)} / ${secs(l.simulated[k].firstUnitP90S)}`);
  });
  if (r.differences) {
    // Paired against the proposal, per replication (same incidents): the standard class's tiers.
    const diff = (d: TierDifference) => `${d.difference >= 0 ? '+' : ''}${(d.difference * 100).toFixed(1)} pt${d.ci95 ? ` [${(d.ci95[0] * 100).toFixed(1)}, ${(d.ci95[1] * 100).toFixed(1)}]` : ''}`;
    const first = r.before.simulated[0];
    first.tiers.forEach((t, i) => {
      const find = (list: TierDifference[]) => list.find((d) => d.class === first.class && d.targetS === t.targetS && d.units === t.units)!;
      rows.push([`paired gain over the proposal, ${first.class} ${t.units} unit(s) <= ${t.targetS} s (95% CI)`, '', '', diff(find(r.differences!.plan)), diff(find(r.differences!.planMoveUp))]);
    });
  }
  row('mean unit utilisation', (l) => pct(l.meanUtilisation));
  if (r.planOptimizer) {
    const days = r.planOptimizer;
    rows.push(['unit moves per replication (plan / move-up)', '', '', `${days.planMovesPerReplication.toFixed(0)} / 0`, `${days.planMovesPerReplication.toFixed(0)} / ${days.moveUpsPerReplication.toFixed(0)}`]);
  }
  return rows;
}

/** The comparison table as plain text (Markdown-compatible). */
export function formatComparison(r: DemoResult): string {
  const rows = comparisonRows(r);
  const head = ['', ...comparisonHeadings(r)];
  const n = head.length;
  const w = head.map((h, c) => Math.max(h.length, ...rows.map((x) => (x[c] ?? '').length), c === 0 ? 10 : 8));
  const line = (cells: string[]) => `| ${cells.map((x, c) => (c === 0 ? (x ?? '').padEnd(w[c]) : (x ?? '').padStart(w[c]))).join(' | ')} |`;
  const rule = `|${w.map((x, c) => (c === 0 ? '-'.repeat(x + 2) : `${'-'.repeat(x + 1)}:`)).join('|')}|`;
  return [line(head), rule, ...rows.map((x) => line(x.length < n ? [...x, ...new Array(n - x.length).fill('')] : x))].join('\n');
}
