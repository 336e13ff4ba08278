/**
 * A run directory survives its writer being killed (SIGKILL: no handler runs): the target is the old
 * complete run, absent, or the new complete run, never a mix, and the temporary directory a killed
 * writer leaves is removed by the next write. The kill points inside the writer come from its test
 * hook PATROLSIM_TEST_KILL_AFTER (deterministic); the last test kills from outside at arbitrary times.
 */
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readRunDirectory } from '../../engine/io/run-directory/run-directory.ts';

const BIN = resolve(import.meta.dirname, '../../bin/patrolsim.mjs');
const SCENARIO = resolve(import.meta.dirname, '../../scenarios/validation/h1-infinite.json');
const root = mkdtempSync(join(tmpdir(), 'patrolsim-kill-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

function simulate(out: string, seed: number, killAfter?: string) {
  const env = { ...process.env, ...(killAfter ? { PATROLSIM_TEST_KILL_AFTER: killAfter } : {}) };
  return spawnSync(process.execPath, [BIN, 'simulate', SCENARIO, '--out', out, '--seed', String(seed), '--replications', '1'], { encoding: 'utf8', env, timeout: 120_000 });
}
const litter = () => readdirSync(root).filter((f) => f.includes('.patrolsim-'));
const seedOf = (dir: string) => readRunDirectory(dir).manifest.seed;

describe('a writer killed mid-write', () => {
  it('leaves no target and only its own temporary directory on a first write; the next write cleans it up', () => {
    const out = join(root, 'first');
    const r = simulate(out, 1, 'summary.json');
    expect(r.signal).toBe('SIGKILL');
    expect(existsSync(out)).toBe(false);
    expect(litter()).toHaveLength(1);
    expect(litter()[0]).toMatch(/^\.first\.patrolsim-tmp-\d+-[0-9a-f]{8}$/);
    expect(simulate(out, 1).status).toBe(0);
    expect(litter()).toEqual([]);
    expect(seedOf(out)).toBe(1);
  });

  it('keeps the old complete run when the new one is killed before its run.json', () => {
    const out = join(root, 'second');
    expect(simulate(out, 1).status).toBe(0);
    const r = simulate(out, 2, 'trace.json');
    expect(r.signal).toBe('SIGKILL');
    expect(seedOf(out)).toBe(1);
    // The report refuses nothing here: the old run is whole. The stale temporary is gone after the next run.
    expect(simulate(out, 2).status).toBe(0);
    expect(seedOf(out)).toBe(2);
    expect(litter()).toEqual([]);
  });

  it('leaves no target (never a mix) when killed between setting the old run aside and renaming the new one in', () => {
    const out = join(root, 'third');
    expect(simulate(out, 1).status).toBe(0);
    expect(simulate(out, 2, 'set-aside').signal).toBe('SIGKILL');
    expect(existsSync(out)).toBe(false);
    const report = spawnSync(process.execPath, [BIN, 'report', out, '--out', join(root, 'r.html')], { encoding: 'utf8' });
    expect(report.status).toBe(2);
    expect(report.stderr).toMatch(/third: run directory not found/);
    expect(simulate(out, 3).status).toBe(0);
    expect(litter()).toEqual([]);
  });

  it('a reader refuses, in one line, a directory without the marker (a run directory copied half-way)', () => {
    const out = join(root, 'fourth');
    expect(simulate(out, 1).status).toBe(0);
    const half = join(root, 'half');
    cpSync(out, half, { recursive: true, filter: (src) => !src.endsWith('run.json') && !src.endsWith('trace.json') });
    const report = spawnSync(process.execPath, [BIN, 'report', half, '--out', join(root, 'h.html')], { encoding: 'utf8' });
    expect(report.status).toBe(2);
    expect(report.stderr.trim().split('\n').filter((l) => l.startsWith('patrolsim report:'))).toHaveLength(1);
    expect(report.stderr).toMatch(/half: incomplete run directory: no run\.json/);
    expect(existsSync(join(root, 'h.html'))).toBe(false);
  });

  it('whenever it is killed from outside, the target is the old run or the new one, complete', async () => {
    const out = join(root, 'random');
    expect(simulate(out, 1).status).toBe(0);
    const t0 = performance.now();
    expect(simulate(out, 2).status).toBe(0);
    const runMs = performance.now() - t0;
    for (const [k, frac] of [0.35, 0.7, 0.9, 0.97].entries()) {
      const child = spawn(process.execPath, [BIN, 'simulate', SCENARIO, '--out', out, '--seed', String(10 + k), '--replications', '1'], { stdio: 'ignore' });
      // Listen before the kill: a child that finishes first has already emitted 'exit'.
      const exited = new Promise((r) => child.once('exit', r));
      await new Promise((r) => setTimeout(r, runMs * frac));
      child.kill('SIGKILL');
      await exited;
      expect([2, 10 + k - 1, 10 + k]).toContain(seedOf(out));
    }
    expect(simulate(out, 5).status).toBe(0);
    expect(litter()).toEqual([]);
  }, 300_000);
});
