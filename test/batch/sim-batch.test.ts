import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { expandCells } from '../../engine/batch/cells.ts';
import { loadSweep } from '../../engine/batch/load-sweep.ts';
import { mergeShards } from '../../engine/batch/merge-shards.ts';
import { runBatch } from '../../engine/batch/run-batch.ts';
import { createSimRunner } from '../../engine/batch/sim-runner.ts';
import { parseCsv } from '../../engine/io/csv.ts';
import { loadScenario } from '../../engine/sim/load-scenario.ts';
import { runSimulation } from '../../engine/sim/run-simulation.ts';
import { tempDir } from '../support/run-cli.ts';

const SMOKE = 'scenarios/sweeps/smoke.json';
const read = (dir: string, f: string) => readFileSync(join(dir, f), 'utf8');

describe('batch runs of the simulator (scenarios/sweeps/smoke.json)', () => {
  it('writes byte-identical results with 1 worker, 2 workers, and 3 shards merged', async () => {
    const sweep = loadSweep(SMOKE);
    const one = tempDir();
    const two = tempDir();
    await runBatch(sweep, one, { workers: 1 });
    await runBatch(sweep, two, { workers: 2 });
    const shards = [1, 2, 3].map(() => tempDir());
    for (let k = 1; k <= 3; k++) await runBatch(sweep, shards[k - 1], { workers: 0, shard: { index: k, count: 3 } });
    const merged = tempDir();
    mergeShards(shards, merged);
    for (const f of ['results.csv', 'summary.csv', 'sweep.json']) {
      expect(read(two, f)).toBe(read(one, f));
      expect(read(merged, f)).toBe(read(one, f));
    }
    expect(parseCsv(read(one, 'results.csv'), 'results.csv').rows).toHaveLength(32 * 3);
  });

  it('gives a cell the numbers of `simulate --seed <cell seed>` on the same scenario, replication by replication', () => {
    const sweep = loadSweep(SMOKE);
    // cell 0: deployment "centre" and policy "nearest-queue" are what smoke-grid.json itself says
    const cell = expandCells(sweep)[0];
    const runner = createSimRunner(sweep);
    const sim = runSimulation(loadScenario('scenarios/sweeps/smoke-grid.json'), { seed: cell.seed, replications: 3, trace: false });
    for (let r = 0; r < 3; r++) {
      const m = runner.run(cell, r);
      const urgent = sim.perReplication[r].classes[0];
      expect(m['urgent.incidents']).toBe(urgent.incidents);
      expect(m['urgent.met_120s_1u']).toBe(urgent.met[0] / urgent.incidents);
      expect(m.events).toBe(sim.perReplication[r].events);
    }
  });

  it('gives every post n units with unitsPerPost n', () => {
    const sweep = loadSweep(SMOKE);
    const runner = createSimRunner(sweep);
    const cells = expandCells(sweep);
    const count = (dep: string, n: number | null) => runner.run(cells.find((c) => c.deployment === dep && c.unitsPerPost === n)!, 0)['units.count'];
    expect([count('centre', null), count('centre', 2), count('corners', null), count('corners', 2)]).toEqual([3, 2, 3, 4]);
  });

  it('checks every cell with the simulator before running: bad nodes and unknown classes, with their cells', async () => {
    const dir = tempDir();
    const sweepPath = join(dir, 'bad.json');
    writeFileSync(sweepPath, JSON.stringify({
      seed: 1, replications: 1,
      scenarios: [{ name: 'grid', file: resolve('scenarios/sweeps/smoke-grid.json') }],
      deployments: [{ name: 'ok' }, { name: 'lost', posts: [{ id: 'X', node: 'nowhere' }], units: [{ id: 'U', type: 'car', post: 'X' }] }],
      parameters: { tiers: [{ name: 'scenario' }, { name: 'typo', classes: { urgnet: [{ targetS: 60, units: 1 }] } }] },
    }));
    const err = await runBatch(loadSweep(sweepPath), tempDir(), { workers: 0 }).catch((e: Error) => e);
    expect(String(err)).toMatch(/3 cell\(s\) of the sweep can't be run/);
    expect(String(err)).toMatch(/cell 2 \(scenario=grid\/deployment=lost\/.*\): .*\/posts\/0\/node: expected a node id of the network, got "nowhere"/);
    expect(String(err)).toMatch(/\/parameters\/tiers \(typo\): class "urgnet" is not in the scenario \(classes: urgent, routine\)/);
  });
});
