import { InputError } from '../io/input-error.ts';

/** Shard K of N (1-based K). A sweep's cells are dealt round-robin: cell i belongs to shard (i mod N) + 1. */
export interface Shard {
  readonly index: number;
  readonly count: number;
}

export const WHOLE_SWEEP: Shard = Object.freeze({ index: 1, count: 1 });

/** Whether cell `cellIndex` (0-based) belongs to the shard. */
export function inShard(cellIndex: number, shard: Shard): boolean {
  return cellIndex % shard.count === shard.index - 1;
}

/** Parse "K/N" (1 <= K <= N). */
export function parseShard(text: string, what = '--shard'): Shard {
  const m = /^\s*(\d+)\s*\/\s*(\d+)\s*$/.exec(text);
  if (!m) throw new InputError(`${what}: expected K/N (shard K of N, 1 <= K <= N), got "${text}"`);
  return checkShard(Number(m[1]), Number(m[2]), what, text);
}

function checkShard(index: number, count: number, what: string, text: string): Shard {
  if (!(Number.isSafeInteger(count) && count >= 1)) throw new InputError(`${what}: expected a shard count N >= 1, got ${text}`);
  if (!(Number.isSafeInteger(index) && index >= 1 && index <= count)) throw new InputError(`${what}: expected K in 1..${count}, got ${text}`);
  return { index, count };
}

function intEnv(env: Readonly<Record<string, string | undefined>>, name: string): number | undefined {
  const v = env[name];
  if (v === undefined || v.trim() === '') return undefined;
  if (!/^\s*\d+\s*$/.test(v)) throw new InputError(`${name}: expected an integer >= 0, got "${v}"`);
  return Number(v);
}

/**
 * The shard, from (in this order) the `--shard K/N` flag; a Slurm array job
 * (`SLURM_ARRAY_TASK_ID`, `SLURM_ARRAY_TASK_COUNT`, normalised with `SLURM_ARRAY_TASK_MIN` and
 * `SLURM_ARRAY_TASK_STEP`: K = (ID − MIN) / STEP + 1, so `--array=0-9` and `--array=1-10` both give 1..10);
 * a Kubernetes Indexed Job (`JOB_COMPLETION_INDEX`, 0-based, K = index + 1, with N from `--shard-count` or
 * `PATROLSIM_SHARD_COUNT`, which should equal the Job's `completions`); else the whole sweep.
 * Returns where the shard came from, for the log.
 */
export function resolveShard(flag: string | undefined, shardCount: number | undefined, env: Readonly<Record<string, string | undefined>>): { shard: Shard; source: string } {
  if (flag !== undefined) {
    if (shardCount !== undefined) throw new InputError('--shard-count: only with a Kubernetes Indexed Job (JOB_COMPLETION_INDEX); --shard K/N already gives N');
    return { shard: parseShard(flag), source: '--shard' };
  }
  const slurmId = intEnv(env, 'SLURM_ARRAY_TASK_ID');
  if (slurmId !== undefined) {
    const count = intEnv(env, 'SLURM_ARRAY_TASK_COUNT');
    if (count === undefined) throw new InputError('SLURM_ARRAY_TASK_ID is set but SLURM_ARRAY_TASK_COUNT is not (use --shard K/N)');
    const min = intEnv(env, 'SLURM_ARRAY_TASK_MIN') ?? 0;
    const step = intEnv(env, 'SLURM_ARRAY_TASK_STEP') ?? 1;
    const offset = slurmId - min;
    if (step < 1 || offset < 0 || offset % step !== 0) {
      throw new InputError(`SLURM_ARRAY_TASK_ID=${slurmId} is not in the array ${min}-..:${step}; submit a plain range such as --array=0-${count - 1} (or pass --shard K/N)`);
    }
    const index = offset / step + 1;
    return { shard: checkShard(index, count, 'Slurm array task', `task ${slurmId} of ${count} (min ${min}, step ${step}) → shard ${index}/${count}`), source: `Slurm array task ${slurmId} (SLURM_ARRAY_TASK_MIN ${min})` };
  }
  const k8s = intEnv(env, 'JOB_COMPLETION_INDEX');
  if (k8s !== undefined) {
    const count = shardCount ?? intEnv(env, 'PATROLSIM_SHARD_COUNT');
    if (count === undefined) throw new InputError('JOB_COMPLETION_INDEX is set but the shard count is not: pass --shard-count N or set PATROLSIM_SHARD_COUNT to the Job\'s completions');
    return { shard: checkShard(k8s + 1, count, 'Kubernetes Indexed Job', `JOB_COMPLETION_INDEX ${k8s} of ${count} completions`), source: `Kubernetes JOB_COMPLETION_INDEX ${k8s}` };
  }
  if (shardCount !== undefined) throw new InputError('--shard-count: only with a Kubernetes Indexed Job (JOB_COMPLETION_INDEX is not set)');
  return { shard: WHOLE_SWEEP, source: 'whole sweep' };
}
