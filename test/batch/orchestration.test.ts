import { readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { expandCells } from '../../engine/batch/cells.ts';
import { loadSweep } from '../../engine/batch/load-sweep.ts';
import { mergeShards } from '../../engine/batch/merge-shards.ts';
import { runBatch } from '../../engine/batch/run-batch.ts';
import { createScheduler } from '../../engine/batch/worker-pool.ts';
import { parseCsv } from '../../engine/io/csv.ts';
import { estimate } from '../../engine/sim/statistics.ts';
import { tempDir } from '../support/run-cli.ts';
import { hashMetrics } from './fixtures/hash-runner.ts';
import { HASH_RUNNER, hashSweep, writeSweep } from './fixtures/sweeps.ts';

const OUTPUTS = ['results.csv', 'summary.csv', 'sweep.json'];
const read = (dir: string, f: string) => readFileSync(join(dir, f), 'utf8');

async function run(sweepPath: string, options: Parameters<typeof runBatch>[2] = {}): Promise<string> {
  const out = tempDir();
  await runBatch(loadSweep(sweepPath), out, { runner: HASH_RUNNER, workers: 0, ...options });
  return out;
}

describe('batch orchestration (deterministic stand-in runner)', () => {
  const { path } = writeSweep(hashSweep());

  it('writes one row per cell and replication, in cell then replication order, with the metrics of that pair', async () => {
    const out = await run(path);
    const table = parseCsv(read(out, 'results.csv'), 'results.csv');
    const cells = expandCells(loadSweep(path));
    expect(table.rows).toHaveLength(24 * 4);
    expect(table.header.slice(0, 9)).toEqual(['cell', 'scenario', 'deployment', 'demand_multiplier', 'units_per_post', 'dispatch', 'tiers', 'seed', 'replication']);
    // metric columns in code-unit order; a metric only some cells have is a column too
    expect(table.header.slice(9)).toEqual(['a.share', 'extra.only_high_demand', 'm.count', 'm.never', 'm.undefined', 'z.last']);
    table.rows.forEach((row, i) => {
      const cell = cells[Math.floor(i / 4)];
      const r = i % 4;
      expect(row.values.slice(0, 9)).toEqual([String(cell.index), cell.scenario, cell.deployment, String(cell.demandMultiplier), 'as-deployed', cell.dispatch, 'scenario', String(cell.seed), String(r)]);
      expect(Number(row.values[9])).toBe(hashMetrics(cell, r)['a.share']);
      expect(row.values[10] === '').toBe(cell.demandMultiplier === 1);
    });
  });

  it('summarises each cell and metric with n, mean and a Student-t 95% interval, leaving NaN out', async () => {
    const out = await run(path);
    const cells = expandCells(loadSweep(path));
    const rows = parseCsv(read(out, 'summary.csv'), 'summary.csv').rows.map((r) => r.values);
    const row = rows.find((v) => v[0] === '5' && v[7] === 'm.undefined')!;
    const values = [0, 1, 2, 3].map((r) => hashMetrics(cells[5], r)['m.undefined']).filter((v) => !Number.isNaN(v));
    const e = estimate(values);
    expect(Number(row[8])).toBe(values.length);
    expect(Number(row[9])).toBe(e.mean);
    if (e.ci) expect([Number(row[10]), Number(row[11])]).toEqual([e.ci[0], e.ci[1]]);
    // an Infinity among the values: mean Infinity, no interval
    const inf = rows.find((v) => v[7] === 'm.never' && v[9] === 'Infinity');
    if (inf) expect(inf.slice(10)).toEqual(['', '']);
  });

  it('writes byte-identical files with 0, 1 and 2 worker threads', async () => {
    const [a, b, c] = [await run(path, { workers: 0 }), await run(path, { workers: 1 }), await run(path, { workers: 2 })];
    for (const f of OUTPUTS) {
      expect(read(b, f)).toBe(read(a, f));
      expect(read(c, f)).toBe(read(a, f));
    }
  });

  it('writes byte-identical files when run as 3 shards and merged (shards given in any order)', async () => {
    const whole = await run(path);
    const shards = [await run(path, { shard: { index: 1, count: 3 } }), await run(path, { shard: { index: 2, count: 3 }, workers: 2 }), await run(path, { shard: { index: 3, count: 3 } })];
    expect(parseCsv(read(shards[1], 'results.csv'), 'r').rows.map((r) => Number(r.values[0]) % 3)).toEqual(Array(32).fill(1));
    const merged = tempDir();
    mergeShards([shards[2], shards[0], shards[1]], merged);
    for (const f of OUTPUTS) expect(read(merged, f)).toBe(read(whole, f));
  });

  it('refuses to merge shards of different sweeps', async () => {
    const other = writeSweep(hashSweep({ seed: 12 })).path;
    const a = await run(path, { shard: { index: 1, count: 2 } });
    const b = await run(other, { shard: { index: 2, count: 2 } });
    expect(() => mergeShards([a, b], tempDir())).toThrow(/refusing to combine shards of different sweeps/);
  });

  it('refuses to merge when an input file changed between shards', async () => {
    const { dir, path: p } = writeSweep(hashSweep());
    const a = await run(p, { shard: { index: 1, count: 2 } });
    writeFileSync(join(dir, 'b.json'), '{"scenario":"b","edited":true}\n');
    const b = await run(p, { shard: { index: 2, count: 2 } });
    expect(() => mergeShards([a, b], tempDir())).toThrow(/different sweeps/);
  });

  it('refuses an incomplete merge, naming the missing cells, unless asked', async () => {
    const a = await run(path, { shard: { index: 1, count: 3 } });
    const b = await run(path, { shard: { index: 3, count: 3 } });
    expect(() => mergeShards([a, b], tempDir())).toThrow(/8 of 24 cells are missing \(1, 4, 7,/);
    const partial = tempDir();
    expect(mergeShards([a, b], partial, { allowIncomplete: true }).cells).toBe(16);
  });

  it('resumes: deleting finished cells and running with resume rewrites the same bytes', async () => {
    const whole = await run(path);
    const out = await run(path);
    for (const f of ['cell-000003.json', 'cell-000017.json']) rmSync(join(out, 'cells', f));
    rmSync(join(out, 'results.csv'));
    writeFileSync(join(out, 'cells', 'cell-000004.json.1234.ab12cd34.tmp'), '{"half a fi');
    const s = await runBatch(loadSweep(path), out, { runner: HASH_RUNNER, workers: 0, resume: true });
    expect([s.cellsRun, s.cellsResumed]).toEqual([2, 22]);
    expect(readdirSync(join(out, 'cells')).filter((f) => f.endsWith('.tmp'))).toEqual([]);
    for (const f of OUTPUTS) expect(read(out, f)).toBe(read(whole, f));
  });

  it('refuses to overwrite finished cells without resume, and refuses another sweep in the same directory', async () => {
    const out = await run(path);
    await expect(runBatch(loadSweep(path), out, { runner: HASH_RUNNER, workers: 0 })).rejects.toThrow(/already holds 24 finished cell\(s\) of this sweep; pass --resume/);
    const other = writeSweep(hashSweep({ replications: 5 })).path;
    await expect(runBatch(loadSweep(other), out, { runner: HASH_RUNNER, workers: 0, resume: true })).rejects.toThrow(/holds results of another sweep/);
  });

  it('checks every cell before running any, listing the problems together', async () => {
    const p = writeSweep(hashSweep({ deployments: [{ name: 'd1' }, { name: 'broken' }] })).path;
    const out = tempDir();
    await expect(runBatch(loadSweep(p), out, { runner: HASH_RUNNER, workers: 0 })).rejects.toThrow(/12 cell\(s\) of the sweep can't be run:\ncell 4 \(scenario=a\/deployment=broken\/.*\) and 11 more cell\(s\): deployment "broken" is broken/);
    expect(readdirSync(out)).toEqual([]);
  });

  it('stops on a failing replication in a worker, keeping the cells already finished', async () => {
    process.env.BATCH_TEST_FAIL_CELL = '20';
    try {
      const out = tempDir();
      await expect(runBatch(loadSweep(path), out, { runner: HASH_RUNNER, workers: 2 })).rejects.toThrow(/cell 20 \(.*\), replication \d: test failure in cell 20/);
      const done = readdirSync(join(out, 'cells'));
      expect(done).not.toContain('cell-000020.json');
      expect(done.length).toBeGreaterThan(0);
    } finally {
      delete process.env.BATCH_TEST_FAIL_CELL;
    }
  });

  it('fails (does not hang) when the runner cannot be built in a worker thread', async () => {
    process.env.BATCH_TEST_FAIL_WORKER_INIT = '1';
    try {
      await expect(runBatch(loadSweep(path), tempDir(), { runner: HASH_RUNNER, workers: 2 })).rejects.toThrow(/batch worker \d: worker init failed/);
    } finally {
      delete process.env.BATCH_TEST_FAIL_WORKER_INIT;
    }
  });

  it('hands out every replication exactly once, keeping each worker on one cell until the tail', () => {
    const cells = expandCells(loadSweep(path)).slice(0, 5);
    const s = createScheduler(cells, 4);
    const affinity: (number | undefined)[] = [undefined, undefined, undefined];
    const log: string[] = [];
    const byWorker: number[][] = [[], [], []];
    for (let i = 0; ; i = (i + 1) % 3) {
      const t = s.take(affinity[i]);
      if (!t) break;
      affinity[i] = t.position;
      log.push(`${t.task.cell.index}/${t.task.replication}`);
      byWorker[i].push(t.task.cell.index);
    }
    expect([...log].sort()).toEqual(cells.flatMap((c) => [0, 1, 2, 3].map((r) => `${c.index}/${r}`)).sort());
    // worker 0 runs cell 0 alone, then cell 3; the tail (cell 4) is shared
    expect(byWorker[0].slice(0, 5)).toEqual([0, 0, 0, 0, 3]);
  });
});
