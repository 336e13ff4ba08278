import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadSweep } from '../../engine/batch/load-sweep.ts';
import { runBatch } from '../../engine/batch/run-batch.ts';
import { runCli, tempDir } from '../support/run-cli.ts';
import { HASH_RUNNER, HASH_RUNNER_CLI, hashSweep, writeSweep } from './fixtures/sweeps.ts';

const BIN = resolve('bin/patrolsim.mjs');
const cellFiles = (out: string) => (existsSync(join(out, 'cells')) ? readdirSync(join(out, 'cells')).filter((f) => f.endsWith('.json')) : []);
/** runCli with extra environment variables. */
const runCliEnv = (args: string[], env: Record<string, string>) => {
  const r = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', timeout: 120_000, env: { ...process.env, ...env } });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
};
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('patrolsim batch, killed and resumed (CLI in a child process)', () => {
  it('gives the same bytes after SIGKILL part way and --resume as a run that was never interrupted', async () => {
    const { path } = writeSweep(hashSweep());
    const clean = tempDir();
    await runBatch(loadSweep(path), clean, { runner: HASH_RUNNER, workers: 0 });

    const out = tempDir();
    const args = [BIN, 'batch', path, '--out', out, '--workers', '2', '--runner', HASH_RUNNER_CLI];
    const child = spawn(process.execPath, args, { env: { ...process.env, BATCH_TEST_DELAY_MS: '40' }, stdio: 'ignore' });
    const exited = new Promise<NodeJS.Signals | null>((r) => child.on('exit', (_code, signal) => r(signal)));
    const deadline = Date.now() + 50_000;
    while (cellFiles(out).length < 4 && Date.now() < deadline) await sleep(10);
    child.kill('SIGKILL');
    expect(await exited).toBe('SIGKILL');
    const survived = cellFiles(out).length;
    expect(survived).toBeGreaterThanOrEqual(4);
    expect(survived).toBeLessThan(24); // killed part way: the test means nothing otherwise
    expect(existsSync(join(out, 'results.csv'))).toBe(false);

    const again = runCli(['batch', path, '--out', out, '--workers', '2', '--runner', HASH_RUNNER_CLI]);
    expect(again.code).toBe(2);
    expect(again.stderr).toMatch(/already holds \d+ finished cell\(s\) of this sweep; pass --resume/);

    // A results.csv half-written by a writer that is gone is cleaned up by the resumed run.
    writeFileSync(join(out, 'results.csv.999999999.0123abcd.tmp'), 'cell,scen');
    const resumed = runCli(['batch', path, '--out', out, '--workers', '2', '--resume', '--runner', HASH_RUNNER_CLI]);
    expect(resumed.stderr).toMatch(new RegExp(`${24 - survived} to run`));
    expect(resumed.code).toBe(0);
    for (const f of ['results.csv', 'summary.csv', 'sweep.json']) {
      expect(readFileSync(join(out, f), 'utf8')).toBe(readFileSync(join(clean, f), 'utf8'));
    }
    expect(readdirSync(out).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('--resume removes the temporary files a kill left mid-write (results.csv too), and only those', async () => {
    const { path } = writeSweep(hashSweep());
    const out = tempDir();
    await runBatch(loadSweep(path), out, { runner: HASH_RUNNER, workers: 0 });
    // What a SIGKILL during writeFileAtomic of results.csv or of a cell file leaves behind.
    writeFileSync(join(out, 'results.csv.4242.0badf00d.tmp'), 'cell,scen');
    writeFileSync(join(out, 'cells', 'cell-000003.json.4242.deadbeef.tmp'), '{"ver');
    writeFileSync(join(out, 'my-notes.tmp'), 'not ours');
    const r = runCli(['batch', path, '--out', out, '--workers', '0', '--resume', '--runner', HASH_RUNNER_CLI]);
    expect(r.code, r.stderr).toBe(0);
    expect(readdirSync(out).filter((f) => f.endsWith('.tmp'))).toEqual(['my-notes.tmp']);
    expect(readdirSync(join(out, 'cells')).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('exits 2 with every problem of a bad sweep and its JSON path, no stack trace', () => {
    const { path } = writeSweep(hashSweep({ replications: 0, scenarios: [{ name: 'a', file: 'gone.json' }] }));
    const r = runCli(['batch', path, '--out', tempDir()]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/\/replications: expected a number >= 1, got 0/);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it('exits 2 on a bad --shard and on merging different sweeps', () => {
    const { path } = writeSweep(hashSweep());
    expect(runCli(['batch', path, '--out', tempDir(), '--shard', '4/3']).stderr).toMatch(/--shard: expected K in 1\.\.3/);
    const a = tempDir();
    const b = tempDir();
    expect(runCli(['batch', path, '--out', a, '--shard', '1/2', '--workers', '0', '--runner', HASH_RUNNER_CLI]).code).toBe(0);
    const other = writeSweep(hashSweep({ seed: 99 })).path;
    const slurm = runCliEnv(['batch', other, '--out', b, '--workers', '0', '--runner', HASH_RUNNER_CLI], { SLURM_ARRAY_TASK_ID: '2', SLURM_ARRAY_TASK_COUNT: '2', SLURM_ARRAY_TASK_MIN: '1' });
    expect(slurm.code).toBe(0);
    expect(slurm.stderr).toMatch(/shard 2\/2 \(Slurm array task 2/);
    const m = runCli(['merge', a, b, '--out', tempDir()]);
    expect(m.code).toBe(2);
    expect(m.stderr).toMatch(/refusing to combine shards of different sweeps/);
  });
});
