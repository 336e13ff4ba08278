import { describe, expect, it } from 'vitest';
import { inShard, parseShard, resolveShard } from '../../engine/batch/shard.ts';

describe('shards', () => {
  it('deals every cell to exactly one shard', () => {
    for (const n of [1, 2, 3, 7]) {
      for (let i = 0; i < 50; i++) {
        const owners = Array.from({ length: n }, (_, k) => k + 1).filter((k) => inShard(i, { index: k, count: n }));
        expect(owners).toEqual([(i % n) + 1]);
      }
    }
  });

  it('parses K/N and rejects K outside 1..N', () => {
    expect(parseShard('2/3')).toEqual({ index: 2, count: 3 });
    expect(() => parseShard('0/3')).toThrow(/expected K in 1\.\.3/);
    expect(() => parseShard('4/3')).toThrow(/expected K in 1\.\.3/);
    expect(() => parseShard('2')).toThrow(/expected K\/N/);
  });

  it('prefers the --shard flag over the environment', () => {
    expect(resolveShard('1/2', undefined, { SLURM_ARRAY_TASK_ID: '3', SLURM_ARRAY_TASK_COUNT: '4' }).shard).toEqual({ index: 1, count: 2 });
  });

  it('reads a Slurm array starting at 0 or at 1 the same way, via SLURM_ARRAY_TASK_MIN', () => {
    const zero = (id: number) => resolveShard(undefined, undefined, { SLURM_ARRAY_TASK_ID: String(id), SLURM_ARRAY_TASK_COUNT: '4', SLURM_ARRAY_TASK_MIN: '0' }).shard;
    const one = (id: number) => resolveShard(undefined, undefined, { SLURM_ARRAY_TASK_ID: String(id), SLURM_ARRAY_TASK_COUNT: '4', SLURM_ARRAY_TASK_MIN: '1' }).shard;
    expect([0, 1, 2, 3].map(zero)).toEqual([1, 2, 3, 4].map((k) => ({ index: k, count: 4 })));
    expect([1, 2, 3, 4].map(one)).toEqual([1, 2, 3, 4].map((k) => ({ index: k, count: 4 })));
  });

  it('handles a Slurm array with a step, and refuses a task id off the step', () => {
    const env = { SLURM_ARRAY_TASK_COUNT: '3', SLURM_ARRAY_TASK_MIN: '0', SLURM_ARRAY_TASK_STEP: '2' };
    expect(resolveShard(undefined, undefined, { ...env, SLURM_ARRAY_TASK_ID: '4' }).shard).toEqual({ index: 3, count: 3 });
    expect(() => resolveShard(undefined, undefined, { ...env, SLURM_ARRAY_TASK_ID: '3' })).toThrow(/not in the array/);
  });

  it('reads a Kubernetes Indexed Job: 0-based index, count from --shard-count or PATROLSIM_SHARD_COUNT', () => {
    expect(resolveShard(undefined, 5, { JOB_COMPLETION_INDEX: '0' }).shard).toEqual({ index: 1, count: 5 });
    expect(resolveShard(undefined, undefined, { JOB_COMPLETION_INDEX: '4', PATROLSIM_SHARD_COUNT: '5' }).shard).toEqual({ index: 5, count: 5 });
    expect(() => resolveShard(undefined, undefined, { JOB_COMPLETION_INDEX: '1' })).toThrow(/--shard-count N or set PATROLSIM_SHARD_COUNT/);
    expect(() => resolveShard(undefined, 5, { JOB_COMPLETION_INDEX: '5' })).toThrow(/expected K in 1\.\.5/);
  });

  it('runs the whole sweep when nothing says otherwise', () => {
    expect(resolveShard(undefined, undefined, {}).shard).toEqual({ index: 1, count: 1 });
    expect(() => resolveShard(undefined, 3, {})).toThrow(/--shard-count: only with a Kubernetes Indexed Job/);
  });
});
