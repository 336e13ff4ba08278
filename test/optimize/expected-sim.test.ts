import { join } from 'node:path';
import seedrandom from 'seedrandom';
import { describe, expect, it } from 'vitest';
import { dayIntervals } from '../../engine/optimize/day-hours.ts';
import { tierValues } from '../../engine/optimize/tier-value.ts';
import { loadScenario, runSimulation } from '../../engine/sim/index.ts';
import { estimate } from '../../engine/sim/statistics.ts';
import { busySecondsByHour, measuredBusy, offeredLoadBusy } from '../../engine/workflow/busy.ts';
import { simulateRecords } from '../../engine/workflow/optimize-plan.ts';
import { tempDir } from '../support/run-cli.ts';

/*
 * Three units on a network whose travel times are all zero:
 *
 *      p0      p1      p2        each unit u waits at its post p_u and alone serves the calls there
 *        \      |      /         (preference dispatch), a private M/M/1 queue with load rho = 0.4;
 *         `---- X ----'          calls at X ("probe", 1 s on scene, lowest priority) may get any unit.
 *
 * The private queues are independent, and probe calls see them as time averages (Poisson arrivals),
 * so a probe call finds exactly k units free with the binomial probability of the busy-aware model:
 * (probes stay on scene 1 ms so that they do not couple the units: a multi-unit call that waits holds
 * every unit that frees up until it has all it asked for, which with 1 s on scene already makes the
 * units' busy times visibly correlated)
 * P(at least k of 3 free) with q = 0.4. Each replication is its own incident file (replayed incidents
 * are the same in every replication of one scenario), so the replications are independent.
 */
const RHO = 0.4, MEAN_S = 60, DAYS = 4, REPS = 8, PROBES_PER_DAY = 600;

function scenarioFiles(rep: number): Record<string, string> {
  const rng = seedrandom(`expected-sim/${rep}`);
  const rows: [number, string, string][] = [];
  const poisson = (perS: number, node: string, cls: string) => {
    for (let t = -Math.log(rng()) / perS; t < DAYS * 86400; t += -Math.log(rng()) / perS) rows.push([t, node, cls]);
  };
  for (const u of [0, 1, 2]) poisson(RHO / MEAN_S, `p${u}`, 'private');
  poisson(PROBES_PER_DAY / 86400, 'X', 'probe');
  rows.sort((a, b) => a[0] - b[0]);
  const edges = ['from,to,time_s', ...[0, 1, 2].flatMap((u) => [`X,p${u},0`, `p${u},X,0`])].join('\n');
  const scenario = {
    name: `binomial check ${rep}`, network: { files: ['roads.csv'] }, horizonS: DAYS * 86400, warmupS: 3600, seed: rep, replications: 1,
    demand: { kind: 'replay', file: 'calls.csv', nodeColumn: 'node', classColumn: 'class', timeColumn: 'time' },
    classes: [
      { name: 'private', priority: 1, tiers: [{ targetS: 0, units: 1 }], onScene: { kind: 'exponential', meanS: MEAN_S } },
      { name: 'probe', priority: 2, tiers: [{ targetS: 0, units: 1 }, { targetS: 0, units: 2 }, { targetS: 0, units: 3 }], onScene: { kind: 'fixed', valueS: 0.001 } },
    ],
    posts: [0, 1, 2].map((u) => ({ id: `P${u}`, node: `p${u}` })),
    units: [0, 1, 2].map((u) => ({ id: `u${u}`, type: 'car', post: `P${u}` })),
    dispatch: { policy: 'preference', queue: true, lists: { p0: ['u0'], p1: ['u1'], p2: ['u2'], X: ['u0', 'u1', 'u2'] } },
  };
  return {
    'roads.csv': `${edges}\n`,
    'calls.csv': `time,node,class\n${rows.map((r) => `${r[0].toFixed(3)},${r[1]},${r[2]}`).join('\n')}\n`,
    'scenario.json': JSON.stringify(scenario),
  };
}

describe('busy-aware tiers against simulation (zero travel time)', () => {
  it('predict the share of calls finding k units free, within the simulation\'s 95% CI, and the busy share measured from the run matches the simulator\'s own', () => {
    const met: number[][] = [[], [], []];
    const qLoad: number[] = [], qMeasured: number[] = [];
    for (let rep = 0; rep < REPS; rep++) {
      const dir = tempDir(scenarioFiles(rep));
      const sc = loadScenario(join(dir, 'scenario.json'));
      const sim = runSimulation(sc, { trace: false });
      sim.classes[1].tiers.forEach((t, k) => met[k].push(t.metShare));
      qLoad.push(offeredLoadBusy(sc, { name: 'day', hours: dayIntervals(0, 24) }, 3));
      const records = simulateRecords(sc);
      qMeasured.push(measuredBusy(sc, records, [{ hours: dayIntervals(0, 24), onDutyUnits: 3 }])[0]);
      // The busy seconds read from the run are the simulator's own busy seconds.
      const own = records[0].unitBusyS.reduce((a, b) => a + b, 0);
      const mine = busySecondsByHour(sc, records).busyS.reduce((a, b) => a + b, 0);
      expect(mine).toBeCloseTo(own, 3);
    }
    const q = estimate(qLoad).mean;
    // Offered load: private work 0.4 per unit plus the probes' 3 × 1 ms each.
    expect(q).toBeCloseTo(RHO + (PROBES_PER_DAY * 3 * 0.001) / 86400 / 3, 2);
    expect(Math.abs(estimate(qMeasured).mean - RHO)).toBeLessThan(0.02);
    const predicted = tierValues([1, 2, 3].map((k) => ({ targetS: 0, units: k })), 'expected', q, 3).map((v) => v.value[3]);
    // By hand: 1 − q³, 3 q (1 − q)² + (1 − q)³, (1 − q)³ at q ≈ 0.4: 0.936, 0.648, 0.216.
    expect(predicted[0]).toBeCloseTo(1 - q ** 3, 12);
    predicted.forEach((p, k) => {
      const e = estimate(met[k]);
      expect(e.ci).not.toBeNull();
      expect(p).toBeGreaterThanOrEqual(e.ci![0]);
      expect(p).toBeLessThanOrEqual(e.ci![1]);
    });
    // The static model (every unit free) says 100 % for all three tiers: far outside.
    expect(estimate(met[2]).ci![1]).toBeLessThan(0.5);
  }, 120_000);
});
