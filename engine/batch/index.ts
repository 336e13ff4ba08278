/**
 * patrolsim batch experiments (issue 6): sweeps, replications, worker threads, shards across machines.
 *
 * Public API
 * ----------
 *   loadSweep(path) -> Sweep
 *       Read and validate a sweep file (schema scenarios/sweep.schema.json, then meaning); one InputError
 *       lists every problem as `<file>: /json/path: ...`. Paths are relative to the sweep file.
 *   expandCells(sweep) -> Cell[]
 *       The cells in their fixed order (scenario → deployment → demand → units per post → dispatch →
 *       tiers), each with its canonical key and seed (deriveCellSeed: sha256 of "<sweep seed>/<key>").
 *   runBatch(sweep, outDir, {workers, shard, resume, runner, onProgress}) -> BatchSummary
 *       Run the cells of a shard on worker threads; cell files written atomically; results.csv,
 *       summary.csv, sweep.json, shard.json. Byte-identical for any worker count and sharding.
 *   mergeShards(dirs, outDir, {allowIncomplete}) -> MergeSummary
 *       Combine shard directories of one sweep (refuses different sweeps).
 *   resolveShard(flag, shardCount, env) -> {shard, source}
 *       --shard K/N, or Slurm array / Kubernetes Indexed Job environment variables.
 *   createSimRunner(sweep) -> BatchRunner
 *       The default runner: one simulator replication of a cell → flat metrics.
 *
 * The runner is injected as a RunnerSpec (module + exported factory), so worker threads can load it.
 * See docs/batch.md.
 *
 * @example
 * import { loadSweep, runBatch } from './engine/batch/index.ts';
 * await runBatch(loadSweep('scenarios/sweeps/smoke.json'), 'runs/smoke', { workers: 2 });
 */
export { loadSweep, resolveSweep } from './load-sweep.ts';
export { expandCells, cellKey, seedKey, deriveCellSeed, AS_DEPLOYED, type Cell } from './cells.ts';
export { runBatch, writeResultTables, type BatchOptions, type BatchProgress, type BatchSummary } from './run-batch.ts';
export { mergeShards, readManifest, type MergeOptions, type MergeSummary } from './merge-shards.ts';
export { resolveShard, parseShard, inShard, WHOLE_SWEEP, type Shard } from './shard.ts';
export { createSimRunner, applyUnitsPerPost, applyTiers } from './sim-runner.ts';
export { SIM_RUNNER, parseRunnerSpec, runnerId, type BatchRunner, type MetricRecord, type RunnerFactory, type RunnerSpec } from './runner.ts';
export { resultsCsv, summaryCsv } from './result-tables.ts';
export { formatNumber, parseNumber } from './number-format.ts';
export { validateSweepSchema, SWEEP_SCHEMA } from './validate-sweep-schema.ts';
export type { Sweep, SweepFile } from './sweep.ts';
