import type { DemoResult } from '../../engine/workflow/demo.ts';
import { compareTableHeadings, compareTableRows } from '../../viewer/src/model/compare-table.ts';

/** The comparison table as plain text (Markdown-compatible): the rows of the one table the viewer and the report show too. */
export function formatComparison(r: DemoResult): string {
  const rows = compareTableRows(r);
  const head = ['', ...compareTableHeadings(r)];
  const w = head.map((h, c) => Math.max(h.length, ...rows.map((x) => (x[c] ?? '').length), c === 0 ? 10 : 8));
  const line = (cells: string[]) => `| ${head.map((_h, c) => (c === 0 ? (cells[c] ?? '').padEnd(w[c]) : (cells[c] ?? '').padStart(w[c]))).join(' | ')} |`;
  const rule = `|${w.map((x, c) => (c === 0 ? '-'.repeat(x + 2) : `${'-'.repeat(x + 1)}:`)).join('|')}|`;
  return [line(head), rule, ...rows.map(line)].join('\n');
}
