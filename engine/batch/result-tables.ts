import { csvField } from '../io/csv.ts';
import { estimate, estimateShare } from '../sim/statistics.ts';
import { AS_DEPLOYED, type Cell } from './cells.ts';
import { compareNames, type CellResult } from './cell-store.ts';
import { isShareMetric } from './runner.ts';
import { formatNumber } from './number-format.ts';

const CELL_COLUMNS = ['cell', 'scenario', 'deployment', 'demand_multiplier', 'units_per_post', 'dispatch', 'tiers'] as const;

function cellFields(c: Cell): string[] {
  return [String(c.index), c.scenario, c.deployment, formatNumber(c.demandMultiplier), c.unitsPerPost === null ? AS_DEPLOYED : String(c.unitsPerPost), c.dispatch, c.tiers];
}

function line(fields: readonly string[]): string {
  return `${fields.map(csvField).join(',')}\n`;
}

/** Pair each result with its cell, in cell order. */
function ordered(cells: readonly Cell[], results: ReadonlyMap<number, CellResult>): { cell: Cell; result: CellResult }[] {
  return [...results.values()].sort((a, b) => a.index - b.index).map((result) => ({ cell: cells[result.index], result }));
}

/**
 * results.csv: one row per (cell, replication), rows by cell index then replication; columns the cell's
 * axis values, its seed, the replication, then every metric name in code-unit order (the union over the
 * cells given; empty where a cell has no such metric). Numbers as in number-format.ts.
 */
export function resultsCsv(cells: readonly Cell[], results: ReadonlyMap<number, CellResult>): string {
  const rows = ordered(cells, results);
  const names = new Set<string>();
  for (const { result } of rows) for (const m of result.replications) for (const k of Object.keys(m)) names.add(k);
  const metrics = [...names].sort(compareNames);
  let out = line([...CELL_COLUMNS, 'seed', 'replication', ...metrics]);
  for (const { cell, result } of rows) {
    result.replications.forEach((m, r) => {
      out += line([...cellFields(cell), String(cell.seed), String(r), ...metrics.map((k) => (k in m ? formatNumber(m[k]) : ''))]);
    });
  }
  return out;
}

/**
 * summary.csv, long format: one row per (cell, metric), in cell order then metric name order: the number
 * of replications with a value (NaN, e.g. a share of zero incidents, is left out), their mean, and the
 * two-sided 95% Student-t interval across replications (engine/sim/statistics.ts; clipped to [0, 1] for
 * shares, see isShareMetric; empty with fewer than two values or a non-finite mean).
 */
export function summaryCsv(cells: readonly Cell[], results: ReadonlyMap<number, CellResult>): string {
  let out = line([...CELL_COLUMNS, 'metric', 'n', 'mean', 'ci95_low', 'ci95_high']);
  for (const { cell, result } of ordered(cells, results)) {
    const names = new Set<string>();
    for (const m of result.replications) for (const k of Object.keys(m)) names.add(k);
    for (const name of [...names].sort(compareNames)) {
      const values = result.replications.map((m) => m[name]).filter((v) => v !== undefined && !Number.isNaN(v));
      const e = isShareMetric(name) ? estimateShare(values) : estimate(values);
      out += line([...cellFields(cell), name, String(e.n), formatNumber(e.mean), e.ci ? formatNumber(e.ci[0]) : '', e.ci ? formatNumber(e.ci[1]) : '']);
    }
  }
  return out;
}
