import { availableParallelism } from 'node:os';
import { resolve } from 'node:path';
import { parseRunnerSpec, SIM_RUNNER } from '../../engine/batch/runner.ts';
import { loadSweep } from '../../engine/batch/load-sweep.ts';
import { runBatch, type BatchProgress } from '../../engine/batch/run-batch.ts';
import { resolveShard } from '../../engine/batch/shard.ts';
import { InputError } from '../../engine/io/input-error.ts';
import { numberFlag, parseCommandArgs, progress } from '../args.ts';
import type { CliCommand } from '../command.ts';
import { checkOutputFlags } from '../output-flags.ts';
import { COMMAND_SUMMARIES } from '../command-list.ts';

const HELP = `patrolsim batch: run a sweep of simulations (scenarios x deployments x parameters x replications)

Usage: patrolsim batch <sweep.json> --out DIR [--workers N] [--shard K/N | --shard-count N] [--resume]

A sweep (schema: scenarios/sweep.schema.json, format: docs/batch.md) lists scenario files, deployments
(posts and units), and parameter values (demand multiplier, units per post, dispatch policy, tier sets);
every combination is a cell, run for the sweep's number of replications. Paths in the sweep are relative
to it. Cell seeds are derived from the sweep seed and the cell's key (its axis values by name), so the
numbers are the same for any worker count, any sharding and any kill-and-resume.

Options:
  --out DIR          output directory (required):
                       sweep.json    the sweep, its input hashes, every cell with its key and seed
                       cells/        one file per finished cell (written atomically)
                       results.csv   one row per cell and replication, in cell then replication order
                       summary.csv   per cell and metric: n, mean, 95% Student-t interval
                       shard.json    which shard the directory holds
  --workers N        worker threads (default: the CPUs available, ${availableParallelism()} here; 0 = run in
                     the main thread). Never changes the results.
  --shard K/N        run only shard K of N (cells i with i mod N = K-1); combine the shards' directories
                     with "patrolsim merge". Without --shard the shard is read from the environment:
                       Slurm array job:   SLURM_ARRAY_TASK_ID, SLURM_ARRAY_TASK_COUNT, normalised with
                                          SLURM_ARRAY_TASK_MIN (and _STEP), so --array=0-9 and
                                          --array=1-10 both give shards 1..10 of 10
                       Kubernetes Indexed Job: JOB_COMPLETION_INDEX (0-based) is shard index+1, and N
                                          comes from --shard-count N or PATROLSIM_SHARD_COUNT (set it to
                                          the Job's completions)
  --shard-count N    the shard count for a Kubernetes Indexed Job (see --shard)
  --resume           keep the finished cells in DIR and run only the rest (a killed run loses at most
                     the cells that were in flight). Without it, a DIR holding finished cells is an error;
                     a DIR holding another sweep (or the same sweep with changed input files) always is.
  --runner M#F       advanced: use the runner factory F exported by module M instead of the simulator
                     (see docs/batch.md, "Other models")

Progress and an ETA go to stderr (a bar on a terminal, a line every 5 s otherwise).

Exit status: 0 success, 2 bad input (every problem with its file and JSON path).`;

export const command: CliCommand = {
  name: 'batch',
  summary: COMMAND_SUMMARIES.batch,
  help: HELP,
  async run(args) {
    const { values, positionals } = parseCommandArgs('batch', args, {
      out: { type: 'string' }, workers: { type: 'string' }, shard: { type: 'string' }, 'shard-count': { type: 'string' },
      resume: { type: 'boolean' }, runner: { type: 'string' },
    });
    if (positionals.length !== 1) throw new InputError(`expected one sweep file, got ${positionals.length} (see patrolsim batch --help)`);
    if (values.out === undefined) throw new InputError('--out DIR is required (see patrolsim batch --help)');
    checkOutputFlags([{ flag: '--out', path: values.out, kind: 'directory' }]);
    const workers = numberFlag('workers', values.workers, { integer: true, min: 0, max: 1024 }) ?? availableParallelism();
    const shardCount = numberFlag('shard-count', values['shard-count'], { integer: true, min: 1 });
    const { shard, source } = resolveShard(values.shard, shardCount, process.env);
    const runner = values.runner !== undefined ? { ...parseRunnerSpec(values.runner), module: resolve(parseRunnerSpec(values.runner).module) } : SIM_RUNNER;
    const sweep = loadSweep(positionals[0]);
    const bar = createProgressDisplay(Boolean(process.stderr.isTTY));
    const summary = await runBatch(sweep, resolve(values.out), {
      workers, shard, resume: values.resume ?? false, runner,
      onStart: (s) => {
        for (const line of s.notes) progress(line);
        progress(`sweep ${sweep.name} (${s.sweepHash.slice(0, 12)}): shard ${shard.index}/${shard.count} (${source}), ${s.cells} cells, `
          + `${s.cellsToRun} to run (${s.replicationsToRun} replications) on ${s.replicationsToRun === 0 ? 0 : workers === 0 ? 'the main thread' : `${Math.min(workers, s.replicationsToRun)} worker(s)`}`);
      },
      onProgress: bar.update,
    });
    bar.finish();
    progress(`${summary.cellsRun} cell(s) run, ${summary.cellsResumed} resumed; wrote ${summary.files.map((f) => f.replace(/^.*[\\/]/, '')).join(', ')} to ${values.out}`);
    return 0;
  },
};

function formatDuration(s: number): string {
  if (!Number.isFinite(s)) return '--:--';
  const t = Math.round(s);
  const h = Math.floor(t / 3600), m = Math.floor((t % 3600) / 60), sec = t % 60;
  return `${h > 0 ? `${h}:${String(m).padStart(2, '0')}` : String(m)}:${String(sec).padStart(2, '0')}`;
}

/** Progress on stderr: a redrawn bar on a terminal, else a line every 5 s (and at the end). */
function createProgressDisplay(tty: boolean) {
  const start = performance.now();
  let last = 0;
  let drawn = false;
  let latest: BatchProgress | undefined;
  let first: { t: number; done: number } | undefined; // the first result: the rate leaves worker start-up out
  const text = (p: BatchProgress) => {
    const now = performance.now();
    const elapsedS = (now - start) / 1000;
    const rate = !first ? 0 : (p.replicationsDone - first.done) / Math.max((now - first.t) / 1000, 1e-9);
    const etaS = rate > 0 ? (p.replicationsTotal - p.replicationsDone) / rate : Infinity;
    return `${p.cellsDone}/${p.cellsTotal} cells, ${p.replicationsDone}/${p.replicationsTotal} replications, ${rate.toFixed(1)}/s, elapsed ${formatDuration(elapsedS)}, ETA ${formatDuration(etaS)}`;
  };
  return {
    update(p: BatchProgress) {
      latest = p;
      const now = performance.now();
      first ??= { t: now, done: p.replicationsDone };
      if (tty) {
        if (now - last < 100 && p.replicationsDone < p.replicationsTotal) return;
        const width = 24;
        const fill = p.replicationsTotal ? Math.round((width * p.replicationsDone) / p.replicationsTotal) : width;
        process.stderr.write(`\r[${'#'.repeat(fill)}${'.'.repeat(width - fill)}] ${text(p)}\x1b[K`);
        drawn = true;
      } else if (now - last >= 5000) {
        process.stderr.write(`${text(p)}\n`);
      } else return;
      last = now;
    },
    finish() {
      if (tty && drawn) process.stderr.write('\n');
      else if (!tty && latest && latest.replicationsDone > 0) process.stderr.write(`${text(latest)}\n`);
    },
  };
}
