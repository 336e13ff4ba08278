import { join } from 'node:path';
import { listDirectory, readOwnText, removeAtomicTempFiles, writeFileAtomic } from '../io/files.ts';
import { InputError } from '../io/input-error.ts';
import { VERSION } from '../version.ts';
import type { Cell } from './cells.ts';
import { formatNumber, parseNumber } from './number-format.ts';
import type { MetricRecord } from './runner.ts';

/** The finished replications of one cell, as stored in `<out>/cells/cell-NNNNNN.json`. */
export interface CellResult {
  readonly index: number;
  readonly key: string;
  readonly seed: number;
  /** replications[r] = the metrics of replication r. */
  readonly replications: readonly MetricRecord[];
}

export const CELLS_DIR = 'cells';

export function cellFileName(index: number): string {
  return `cell-${String(index).padStart(6, '0')}.json`;
}

const CELL_FILE = /^cell-(\d{6,})\.json$/;

/**
 * The text of a cell file: metric names sorted, values in the exact number format of number-format.ts.
 * Written atomically once all replications of the cell are done, so a file present means a finished cell.
 */
export function cellFileText(sweepHash: string, result: CellResult): string {
  const reps = result.replications.map((m, r) => {
    const metrics: Record<string, string> = {};
    for (const name of Object.keys(m).sort(compareNames)) metrics[name] = formatNumber(m[name]);
    return `    ${JSON.stringify({ replication: r, metrics })}`;
  });
  const head = JSON.stringify({ version: VERSION, sweepHash, cell: result.index, key: result.key, seed: result.seed });
  return `${head.slice(0, -1)},\n  "replications": [\n${reps.join(',\n')}\n  ]\n}\n`;
}

export function writeCellResult(outDir: string, sweepHash: string, result: CellResult): void {
  writeFileAtomic(join(outDir, CELLS_DIR, cellFileName(result.index)), cellFileText(sweepHash, result));
}

/** Code-unit order (never locale order), the one order of metric names everywhere. */
export function compareNames(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Indices of the cell files present in `<outDir>/cells`, sorted. */
export function listCellFiles(outDir: string): number[] {
  const dir = join(outDir, CELLS_DIR);
  const out: number[] = [];
  for (const f of listDirectory(dir)) {
    const m = CELL_FILE.exec(f);
    if (m) out.push(Number(m[1]));
  }
  return out.sort((a, b) => a - b);
}

/**
 * Remove the temporary files a killed run left: half-written cell files in `<outDir>/cells`, and
 * half-written results.csv, summary.csv, sweep.json or shard.json in `<outDir>`.
 */
export function removeStaleTempFiles(outDir: string): void {
  removeAtomicTempFiles(outDir);
  removeAtomicTempFiles(join(outDir, CELLS_DIR));
}

/**
 * Read one cell file and check it belongs to the sweep (same sweep hash, same cell key and seed, all
 * replications present). A file that fails any check is an InputError naming it.
 */
export function readCellResult(outDir: string, cell: Cell, sweepHash: string, replications: number): CellResult {
  const path = join(outDir, CELLS_DIR, cellFileName(cell.index));
  let o: { sweepHash?: unknown; cell?: unknown; key?: unknown; seed?: unknown; replications?: { replication: number; metrics: Record<string, string> }[] };
  try {
    o = JSON.parse(readOwnText(path));
  } catch (err) {
    throw new InputError(`${path}: unreadable cell result (${(err as Error).message}); delete it to run the cell again`);
  }
  if (o.sweepHash !== sweepHash) throw new InputError(`${path}: belongs to another sweep (sweep hash ${String(o.sweepHash).slice(0, 12)}…, expected ${sweepHash.slice(0, 12)}…)`);
  if (o.cell !== cell.index || o.key !== cell.key || o.seed !== cell.seed) throw new InputError(`${path}: expected cell ${cell.index} "${cell.key}", got cell ${String(o.cell)} "${String(o.key)}"`);
  const reps = o.replications;
  if (!Array.isArray(reps) || reps.length !== replications || reps.some((r, i) => r.replication !== i)) {
    throw new InputError(`${path}: expected replications 0..${replications - 1}, got ${Array.isArray(reps) ? reps.length : 'none'}; delete it to run the cell again`);
  }
  return {
    index: cell.index, key: cell.key, seed: cell.seed,
    replications: reps.map((r) => {
      const m: Record<string, number> = {};
      for (const [k, v] of Object.entries(r.metrics)) m[k] = parseNumber(v);
      return m;
    }),
  };
}
