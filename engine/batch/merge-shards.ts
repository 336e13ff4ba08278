import { join } from 'node:path';
import { pathExists, readOwnText, writeFileAtomic } from '../io/files.ts';
import { InputError, throwProblems } from '../io/input-error.ts';
import type { Cell } from './cells.ts';
import { CELLS_DIR, cellFileName, listCellFiles, readCellResult } from './cell-store.ts';
import { manifestText, type SweepManifest } from './manifest.ts';
import { writeResultTables } from './run-batch.ts';
import { WHOLE_SWEEP } from './shard.ts';

export interface MergeOptions {
  /** Write what there is when cells are missing (default: missing cells are an error). */
  allowIncomplete?: boolean;
}

export interface MergeSummary {
  readonly sweepHash: string;
  readonly cells: number;
  readonly missing: readonly number[];
  readonly files: readonly string[];
}

/** Read and minimally check `<dir>/sweep.json`. */
export function readManifest(dir: string): SweepManifest {
  const path = join(dir, 'sweep.json');
  if (!pathExists(path)) throw new InputError(`${dir}: no sweep.json (not a patrolsim batch output directory)`);
  let m: SweepManifest;
  try {
    m = JSON.parse(readOwnText(path));
  } catch (err) {
    throw new InputError(`${path}: unreadable (${(err as Error).message})`);
  }
  if (typeof m.sweepHash !== 'string' || !Array.isArray(m.cells) || !Number.isInteger(m.replications)) throw new InputError(`${path}: not a patrolsim sweep.json`);
  return m;
}

/**
 * Combine the output directories of the shards of one sweep into `outDir`: the cell files of all of them,
 * then sweep.json, results.csv and summary.csv exactly as one unsharded run writes them. Directories of
 * different sweeps (sweep hash: the sweep, its input files and the runner) or patrolsim versions are
 * refused; a cell present in two directories must be byte-identical in both; missing cells are an error
 * unless `allowIncomplete`.
 *
 * @example
 * mergeShards(['runs/s1', 'runs/s2', 'runs/s3'], 'runs/all');
 */
export function mergeShards(dirs: readonly string[], outDir: string, options: MergeOptions = {}): MergeSummary {
  if (dirs.length === 0) throw new InputError('expected at least one shard directory');
  const manifests = dirs.map(readManifest);
  const first = manifests[0];
  const problems: string[] = [];
  manifests.forEach((m, i) => {
    if (m.sweepHash !== first.sweepHash) problems.push(`${dirs[i]}: sweep "${m.name}" (hash ${m.sweepHash.slice(0, 12)}…) is not the sweep of ${dirs[0]} ("${first.name}", hash ${first.sweepHash.slice(0, 12)}…)`);
    else if (m.version !== first.version) problems.push(`${dirs[i]}: written by patrolsim ${m.version}, ${dirs[0]} by ${first.version}`);
  });
  throwProblems(problems, 'refusing to combine shards of different sweeps:');
  if (pathExists(join(outDir, 'sweep.json'))) {
    const existing = readManifest(outDir);
    if (existing.sweepHash !== first.sweepHash) throw new InputError(`${outDir}: holds another sweep (hash ${existing.sweepHash.slice(0, 12)}…); choose another --out`);
  }

  const cells: Cell[] = first.cells.map((c) => ({ ...c }));
  const source = new Map<number, { dir: string; text: string }>();
  for (const dir of dirs) {
    for (const index of listCellFiles(dir)) {
      const cell = cells[index];
      if (!cell) { problems.push(`${join(dir, CELLS_DIR, cellFileName(index))}: the sweep has no cell ${index}`); continue; }
      readCellResult(dir, cell, first.sweepHash, first.replications); // checks it
      const text = readOwnText(join(dir, CELLS_DIR, cellFileName(index)));
      const prev = source.get(index);
      if (prev && prev.text !== text) problems.push(`cell ${index} (${cell.key}) differs between ${prev.dir} and ${dir}`);
      else if (!prev) source.set(index, { dir, text });
    }
  }
  throwProblems(problems, 'inconsistent shards:');
  const missing = cells.filter((c) => !source.has(c.index)).map((c) => c.index);
  if (missing.length && !options.allowIncomplete) {
    const shown = missing.slice(0, 20).join(', ');
    throw new InputError(`${missing.length} of ${cells.length} cells are missing (${shown}${missing.length > 20 ? ', …' : ''}); run or resume their shards, or pass --allow-incomplete`);
  }
  for (const [index, { text }] of [...source].sort((a, b) => a[0] - b[0])) {
    writeFileAtomic(join(outDir, CELLS_DIR, cellFileName(index)), text);
  }
  writeFileAtomic(join(outDir, 'sweep.json'), manifestText(first));
  const present = cells.filter((c) => source.has(c.index));
  const files = writeResultTables(outDir, cells, present, first.sweepHash, first.replications, WHOLE_SWEEP);
  return { sweepHash: first.sweepHash, cells: present.length, missing, files };
}
