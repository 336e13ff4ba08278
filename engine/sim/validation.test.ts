import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadScenario } from './load-scenario.ts';
import { runSimulation } from './run-simulation.ts';
import type { Estimate } from './statistics.ts';

/**
 * The simulator against queueing theory it never computes: exact values from
 * scenarios/validation/exact_values.json (a copy of shared/benchmarks/queueing). Each check asserts the
 * exact value lies inside the simulation's 95% Student-t interval across replications, and that the
 * interval is narrow enough to mean something. Seeds are the scenarios' own (fixed, never tuned).
 */
const exact = JSON.parse(readFileSync(new URL('../../scenarios/validation/exact_values.json', import.meta.url), 'utf8'));
const dir = new URL('../../scenarios/validation/', import.meta.url).pathname;

function expectWithin(e: Estimate, truth: number, maxHalfWidth: number, what: string) {
  expect(e.ci, `${what}: no interval`).not.toBeNull();
  const [lo, hi] = e.ci!;
  expect(lo <= truth && truth <= hi, `${what}: exact ${truth} outside 95% CI [${lo}, ${hi}] (mean ${e.mean})`).toBe(true);
  expect(e.halfWidth!, `${what}: CI half-width ${e.halfWidth} too wide to be a real check`).toBeLessThan(maxHalfWidth);
}

describe('M/M/c against Erlang C (queueing on, zero travel time)', () => {
  for (const [file, key] of [['mmc-c3-lam2.4.json', 'c=3,lam=2.4,mu=1.0'], ['mmc-c5-lam4.json', 'c=5,lam=4.0,mu=1.0']] as const) {
    it(`${file}: P(wait) and Wq match ${key}`, () => {
      const truth = exact.mmc[key];
      const r = runSimulation(loadScenario(dir + file), { trace: false });
      const c = r.classes[0];
      expectWithin(c.waitShare, truth.ErlangC, 0.02, 'P(wait)');
      // Wq is in units of the mean service time (60 s here).
      expectWithin(c.meanQueueDelayS, truth.Wq * 60, 0.1 * truth.Wq * 60, 'Wq');
      // The (0 s, 1 unit) tier is met exactly when the call did not wait.
      expect(c.tiers[0].metShare).toBeCloseTo(1 - c.waitShare.mean, 12);
    });
  }
});

describe('M/M/c/c against Erlang B (queueing off)', () => {
  for (const [file, key] of [['erlang-b-c5-a3.json', 'c=5,a=3.0'], ['erlang-b-c10-a7.json', 'c=10,a=7.0']] as const) {
    it(`${file}: the share of lost calls matches B(${key})`, () => {
      const r = runSimulation(loadScenario(dir + file), { trace: false });
      expectWithin(r.classes[0].lostShare, exact.erlang_b[key], 0.006, 'loss');
    });
  }
});

describe('hypercube H1 (Larson 1974): fixed preference dispatch', () => {
  it('zero line capacity: per-unit busy fractions and loss', () => {
    const r = runSimulation(loadScenario(dir + 'h1-zero.json'), { trace: false });
    r.units.forEach((u, k) => expectWithin(u.busyShare, exact.H1.zero.unit_busy[k], 0.008, `unit ${u.id} busy`));
    expectWithin(r.classes[0].lostShare, exact.H1.zero.loss_prob, 0.006, 'loss');
  });

  it('infinite line capacity (FCFS queue): per-unit busy fractions and P(all busy at arrival)', () => {
    const r = runSimulation(loadScenario(dir + 'h1-infinite.json'), { trace: false });
    r.units.forEach((u, k) => expectWithin(u.busyShare, exact.H1.infinite.unit_busy[k], 0.008, `unit ${u.id} busy`));
    expectWithin(r.classes[0].waitShare, exact.H1.infinite.prob_all_busy_incl_queue, 0.01, 'P(wait)');
    expect(r.classes[0].lostShare.mean).toBe(0);
  });

  it('tells the three units apart: unit 3 is busier than unit 2 by more than the intervals allow', () => {
    // Exact: 0.518 vs 0.482. A simulator that ignored the preference lists would give all three 0.5.
    const r = runSimulation(loadScenario(dir + 'h1-infinite.json'), { trace: false });
    expect(r.units[2].busyShare.ci![0]).toBeGreaterThan(r.units[1].busyShare.ci![1]);
  });
});
