import { join } from 'node:path';
import { isDirectory, pathExists, readOwnText, writeFileAtomic } from '../io/files.ts';
import { InputError, throwProblems } from '../io/input-error.ts';
import { VERSION } from '../version.ts';
import { expandCells, type Cell } from './cells.ts';
import { listCellFiles, readCellResult, removeStaleTempFiles, writeCellResult, type CellResult } from './cell-store.ts';
import { buildManifest, manifestText, type SweepManifest } from './manifest.ts';
import { resultsCsv, summaryCsv } from './result-tables.ts';
import { loadRunnerFactory, runnerId, SIM_RUNNER, type MetricRecord, type RunnerSpec } from './runner.ts';
import { inShard, WHOLE_SWEEP, type Shard } from './shard.ts';
import type { Sweep } from './sweep.ts';
import { createInlineExecutor, createWorkerExecutor, type ReplicationTask, type TaskExecutor } from './worker-pool.ts';

export interface BatchOptions {
  /** Worker threads; 0 runs in this thread. Default 1. Never changes the numbers. */
  workers?: number;
  /** Default the whole sweep. Never changes the numbers of a cell. */
  shard?: Shard;
  /** Keep finished cells already in the output directory (else such cells are an error). */
  resume?: boolean;
  /** Default the simulator (SIM_RUNNER). */
  runner?: RunnerSpec;
  onStart?: (info: { cells: number; cellsToRun: number; replicationsToRun: number; sweepHash: string; notes: readonly string[] }) => void;
  /** After each replication and each finished cell. */
  onProgress?: (p: BatchProgress) => void;
}

export interface BatchProgress {
  readonly cellsDone: number;
  readonly cellsTotal: number;
  readonly replicationsDone: number;
  readonly replicationsTotal: number;
}

export interface BatchSummary {
  readonly sweepHash: string;
  readonly shard: Shard;
  /** Cells of this shard: run now, and found finished (resume). */
  readonly cellsRun: number;
  readonly cellsResumed: number;
  readonly files: readonly string[];
}

export const SHARD_FILE = 'shard.json';

/**
 * Run a sweep (or one shard of it) into `outDir`:
 *   sweep.json   the sweep, its input hashes, the cells with their keys and seeds;
 *   cells/       one file per finished cell, written atomically when its last replication is in;
 *   results.csv, summary.csv   built from the cell files once every cell of the shard is finished;
 *   shard.json   which shard this directory holds.
 * Replication r of a cell is a pure function of (cell key, cell seed, r), so the files are byte-identical
 * for any worker count, any sharding (after `mergeShards`) and any kill-and-resume.
 *
 * @example
 * await runBatch(loadSweep('scenarios/sweeps/smoke.json'), 'runs/smoke', { workers: 2 });
 */
export async function runBatch(sweep: Sweep, outDir: string, options: BatchOptions = {}): Promise<BatchSummary> {
  const spec = options.runner ?? SIM_RUNNER;
  const shard = options.shard ?? WHOLE_SWEEP;
  const workers = options.workers ?? 1;
  if (!(Number.isInteger(workers) && workers >= 0)) throw new InputError(`workers: expected an integer >= 0, got ${workers}`);
  if (pathExists(outDir) && !isDirectory(outDir)) throw new InputError(`${outDir}: expected an output directory, found a file`);
  const cells = expandCells(sweep);
  const mine = cells.filter((c) => inShard(c.index, shard));
  // Start the worker threads first: their start-up (loading tsx, the engine, the scenarios) overlaps the
  // checks below. On any error they are terminated.
  const presentAtStart = new Set(listCellFiles(outDir));
  const mostReps = mine.filter((c) => !presentAtStart.has(c.index)).length * sweep.replications;
  const pool = workers > 0 && mostReps > 0 ? createWorkerExecutor(Math.min(workers, mostReps), sweep, spec) : undefined;
  try {
    return await runChecked(sweep, outDir, cells, mine, spec, shard, options, pool);
  } finally {
    await pool?.close();
  }
}

async function runChecked(sweep: Sweep, outDir: string, cells: Cell[], mine: Cell[], spec: RunnerSpec, shard: Shard, options: BatchOptions, pool: TaskExecutor | undefined): Promise<BatchSummary> {
  // Check every cell of the shard before running any, and hash the inputs.
  const runner = await (await loadRunnerFactory(spec))(sweep);
  const byProblem = new Map<string, { first: Cell; cells: number }>();
  const badCells = new Set<number>();
  for (const c of mine) {
    for (const p of runner.check?.(c) ?? []) {
      badCells.add(c.index);
      const seen = byProblem.get(p);
      if (seen) seen.cells++; else byProblem.set(p, { first: c, cells: 1 });
    }
  }
  const problems = [...byProblem].map(([p, { first, cells: n }]) => `cell ${first.index} (${first.key})${n > 1 ? ` and ${n - 1} more cell(s)` : ''}: ${p}`);
  throwProblems(problems, `${sweep.fileName}: ${badCells.size} cell(s) of the sweep can't be run:`);
  const manifest = buildManifest(sweep, cells, runnerId(spec), runner.inputHashes?.() ?? {});

  // The output directory: empty, or holding this sweep (resume).
  checkOutDir(outDir, manifest);
  const present = new Set(listCellFiles(outDir));
  const results = new Map<number, CellResult>();
  const foreign = [...present].filter((i) => i >= cells.length);
  if (foreign.length) throw new InputError(`${join(outDir, 'cells')}: holds cell ${foreign[0]}, but the sweep has ${cells.length} cells`);
  const finished = mine.filter((c) => present.has(c.index));
  if (finished.length > 0 && !options.resume) {
    throw new InputError(`${outDir}: already holds ${finished.length} finished cell(s) of this sweep; pass --resume to run only the rest, or choose another --out`);
  }
  for (const c of finished) results.set(c.index, readCellResult(outDir, c, manifest.sweepHash, sweep.replications));
  if (options.resume) removeStaleTempFiles(outDir);
  writeFileAtomic(join(outDir, 'sweep.json'), manifestText(manifest));

  const todo = mine.filter((c) => !results.has(c.index));
  const totalReps = todo.length * sweep.replications;
  options.onStart?.({ cells: mine.length, cellsToRun: todo.length, replicationsToRun: totalReps, sweepHash: manifest.sweepHash, notes: runner.notes?.() ?? [] });

  const pending = new Map<number, (MetricRecord | undefined)[]>();
  const remaining = new Map<number, number>();
  for (const c of todo) { pending.set(c.index, new Array(sweep.replications)); remaining.set(c.index, sweep.replications); }
  let repsDone = 0;
  const progress = () => options.onProgress?.({ cellsDone: results.size, cellsTotal: mine.length, replicationsDone: repsDone, replicationsTotal: totalReps });
  const onResult = (task: ReplicationTask, metrics: MetricRecord) => {
    const c = task.cell;
    pending.get(c.index)![task.replication] = metrics;
    repsDone++;
    const left = remaining.get(c.index)! - 1;
    remaining.set(c.index, left);
    if (left === 0) {
      const result: CellResult = { index: c.index, key: c.key, seed: c.seed, replications: pending.get(c.index) as MetricRecord[] };
      writeCellResult(outDir, manifest.sweepHash, result);
      pending.delete(c.index);
      results.set(c.index, result);
    }
    progress();
  };

  await (pool ?? createInlineExecutor(runner)).run(todo, sweep.replications, onResult);
  const files = writeResultTables(outDir, cells, mine, manifest.sweepHash, sweep.replications, shard);
  return { sweepHash: manifest.sweepHash, shard, cellsRun: todo.length, cellsResumed: finished.length, files };
}

/** Write results.csv, summary.csv and shard.json from the cell files on disk (the one source of truth). */
export function writeResultTables(outDir: string, cells: readonly Cell[], mine: readonly Cell[], sweepHash: string, replications: number, shard: Shard): string[] {
  const stored = new Map<number, CellResult>();
  for (const c of mine) stored.set(c.index, readCellResult(outDir, c, sweepHash, replications));
  const files = ['results.csv', 'summary.csv', SHARD_FILE].map((f) => join(outDir, f));
  writeFileAtomic(files[0], resultsCsv(cells, stored));
  writeFileAtomic(files[1], summaryCsv(cells, stored));
  writeFileAtomic(files[2], `${JSON.stringify({ version: VERSION, sweepHash, shard: `${shard.index}/${shard.count}`, cells: mine.map((c) => c.index) })}\n`);
  return files;
}

function checkOutDir(outDir: string, manifest: SweepManifest): void {
  const path = join(outDir, 'sweep.json');
  if (!pathExists(path)) {
    if (listCellFiles(outDir).length > 0) throw new InputError(`${outDir}: holds cell results but no sweep.json; choose another --out`);
    return;
  }
  let old: Partial<SweepManifest>;
  try {
    old = JSON.parse(readOwnText(path));
  } catch (err) {
    throw new InputError(`${path}: unreadable (${(err as Error).message}); choose another --out`);
  }
  if (old.sweepHash !== manifest.sweepHash) {
    throw new InputError(`${outDir}: holds results of another sweep (or of changed inputs): sweep hash ${String(old.sweepHash).slice(0, 12)}…, this sweep ${manifest.sweepHash.slice(0, 12)}…; choose another --out`);
  }
  if (old.version !== manifest.version) throw new InputError(`${outDir}: was written by patrolsim ${String(old.version)}, this is ${manifest.version}; choose another --out`);
}
