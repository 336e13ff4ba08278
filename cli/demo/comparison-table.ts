import type { DemoResult } from '../../engine/workflow/demo.ts';
import { compareTableRows } from '../../viewer/src/model/compare-table.ts';

/** The before/after table: [what, current layout, proposal] per row, values formatted for people (one table for the CLI, the viewer and the report). */
export function comparisonRows(r: DemoResult): [string, string, string][] {
  return compareTableRows(r);
}

/** The before/after table as plain text (Markdown-compatible). */
export function formatComparison(r: DemoResult): string {
  const rows = comparisonRows(r);
  const w0 = Math.max(...rows.map((x) => x[0].length), 10), w1 = Math.max(...rows.map((x) => x[1].length), 14), w2 = Math.max(...rows.map((x) => x[2].length), 8);
  const line = (a: string, b: string, c: string) => `| ${a.padEnd(w0)} | ${b.padStart(w1)} | ${c.padStart(w2)} |`;
  return [line('', 'current layout', 'proposal'), `|${'-'.repeat(w0 + 2)}|${'-'.repeat(w1 + 1)}:|${'-'.repeat(w2 + 1)}:|`, ...rows.map((x) => line(...x))].join('\n');
}
