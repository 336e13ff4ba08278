import seedrandom from 'seedrandom';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadHighsSolver } from '../../engine/optimize/highs-solver.ts';
import { createJslpSolver } from '../../engine/optimize/jslp-solver.ts';
import { evaluateLscp } from '../../engine/optimize/lscp.ts';
import type { MilpSolver } from '../../engine/optimize/milp.ts';
import { optimize } from '../../engine/optimize/optimize.ts';
import { evaluatePCenter } from '../../engine/optimize/p-center.ts';
import { evaluatePMedian } from '../../engine/optimize/p-median.ts';
import { createLocationProblem, type LocationProblem } from '../../engine/optimize/problem.ts';
import { reduceCoverageProblem } from '../../engine/optimize/reduce.ts';
import { evaluateTiered, type TieredParams } from '../../engine/optimize/tiered.ts';
import { solveTieredHeuristic } from '../../engine/optimize/tiered-heuristic.ts';
import { tieredLagrangianBound } from '../../engine/optimize/tiered-lagrangian.ts';
import { deployments } from '../support/location-problems.ts';

let highs: MilpSolver;
beforeAll(async () => { highs = await loadHighsSolver(); });

/** A random instance: costs 1..100 in steps of 1, some pairs unreachable, random weights. */
function randomProblem(seed: string, ni: number, nj: number, opts: { fixed?: boolean; caps?: boolean; costs?: boolean } = {}): LocationProblem {
  const rng = seedrandom(seed);
  const c: number[] = [], d: number[] = [], v: number[] = [];
  for (let j = 0; j < nj; j++) for (let i = 0; i < ni; i++) if (rng() < 0.8) { c.push(j); d.push(i); v.push(1 + Math.floor(rng() * 100)); }
  return createLocationProblem({
    demandIds: Array.from({ length: ni }, (_, i) => `d${i}`), demandWeight: Array.from({ length: ni }, () => 1 + Math.floor(rng() * 9)),
    candidateIds: Array.from({ length: nj }, (_, j) => `c${j}`),
    siteCost: Array.from({ length: nj }, () => (opts.costs ? 1 + Math.floor(rng() * 5) : 1)),
    minUnits: Array.from({ length: nj }, (_, j) => (opts.fixed && j === 0 ? 1 : 0)),
    maxUnits: Array.from({ length: nj }, (_, j) => (opts.caps ? (j === nj - 1 ? 0 : 1 + Math.floor(rng() * 3)) : 1 << 30)),
    pairs: { candidate: c, demand: d, cost: v },
  });
}

/** Every subset of sites of size p (or every size when p is undefined), as 0/1 vectors. */
function* subsets(nj: number, p?: number): Generator<Int32Array> {
  for (let mask = 0; mask < 1 << nj; mask++) {
    const x = Int32Array.from({ length: nj }, (_, j) => (mask >> j) & 1);
    if (p === undefined || x.reduce((s, b) => s + b, 0) === p) yield x;
  }
}

const SEEDS = ['a', 'b', 'c', 'd', 'e'];

describe('brute force over all site subsets', () => {
  it.each(SEEDS)('LSCP (seed %s): HiGHS and jslp reach the cheapest full cover', (seed) => {
    const p = randomProblem(seed, 12, 8, { fixed: true, costs: true });
    const T = 40;
    let best = Infinity;
    for (const x of subsets(8)) {
      if (x[0] !== 1) continue;
      const e = evaluateLscp(p, T, x);
      if (e.uncovered.length === 0) best = Math.min(best, e.cost);
    }
    for (const solver of ['highs', 'jslp'] as const) {
      const r = optimize(p, { model: 'lscp', targetS: T, solver, solvers: { highs, jslp: createJslpSolver() } });
      if (best === Infinity) expect(r.status).toBe('infeasible');
      else expect(r.objective).toBe(best);
    }
  });

  it.each(SEEDS)('MCLP (seed %s): optimum equals the best subset of size P, with and without reduction', (seed) => {
    const p = randomProblem(seed, 14, 9, { fixed: true });
    const T = 30, P = 3;
    let best = -Infinity;
    for (const x of subsets(9, P)) if (x[0] === 1) best = Math.max(best, evaluateTiered(p, [{ targetS: T, units: 1 }], x).objective);
    for (const reduce of [true, false]) {
      const r = optimize(p, { model: 'mclp', targetS: T, facilities: P, reduce, solvers: { highs } });
      expect(r.status).toBe('optimal');
      expect(r.objective).toBe(best);
    }
    const j = optimize(p, { model: 'mclp', targetS: T, facilities: P, solver: 'jslp', solvers: { jslp: createJslpSolver() } });
    expect(j.objective).toBe(best);
  });

  it.each(SEEDS)('p-median and p-center (seed %s): optimum equals the best subset of size P', (seed) => {
    const p = randomProblem(seed, 12, 8);
    const P = 3;
    let bestMedian = Infinity, bestCenter = Infinity;
    for (const x of subsets(8, P)) { bestMedian = Math.min(bestMedian, evaluatePMedian(p, x)); bestCenter = Math.min(bestCenter, evaluatePCenter(p, x)); }
    const m = optimize(p, { model: 'pmedian', facilities: P, solvers: { highs } });
    expect(m.status).toBe('optimal');
    expect(m.objective).toBe(bestMedian);
    const c = optimize(p, { model: 'pcenter', facilities: P, solvers: { highs } });
    expect(c.objective).toBe(bestCenter);
  });

  it.each(['f', 'b', 'c', 'd', 'e'])('tiered (seed %s): optimum equals the best of every unit deployment; heuristic <= optimum <= bound', (seed) => {
    const p = randomProblem(seed, 15, 6, { fixed: true, caps: true, costs: true });
    const params: TieredParams = { tiers: [{ targetS: 20, units: 1, weight: 2 }, { targetS: 45, units: 2 }, { targetS: 70, units: 3, weight: 0.5 }], units: 5, budget: 8 };
    let best = -Infinity;
    for (const y of deployments(p, 5)) {
      const e = evaluateTiered(p, params.tiers, y);
      if (e.cost <= 8) best = Math.max(best, e.objective);
    }
    expect(best).toBeGreaterThan(0); // these seeds are feasible (seed 'a' is not): the comparison below is real
    for (const reduce of [true, false]) {
      const r = optimize(p, { model: 'tiered', tiers: params.tiers, facilities: 5, budget: 8, reduce, solvers: { highs } });
      expect(r.status).toBe('optimal');
      expect(r.objective).toBeCloseTo(best, 9);
    }
    const h = solveTieredHeuristic(p, params);
    if (!h.feasible) return; // caps and budget can defeat the greedy; the exact answer above still holds
    expect(evaluateTiered(p, params.tiers, h.units).objective).toBeCloseTo(h.objective, 9);
    expect(h.objective).toBeLessThanOrEqual(best + 1e-9);
    expect(tieredLagrangianBound(p, params, h.objective).bound).toBeGreaterThanOrEqual(best - 1e-9);
  });

  it.each(SEEDS)('reduction (seed %s) keeps the tiered optimum without a budget (dominance may move units)', (seed) => {
    const p = randomProblem(seed, 20, 8, { fixed: true });
    const tiers = [{ targetS: 25, units: 1 }, { targetS: 60, units: 2 }];
    const red = reduceCoverageProblem(p, { targetsS: [25, 60], tierUnits: [1, 2], useCost: false, units: 4 });
    expect(red.after.candidates).toBeLessThanOrEqual(red.before.candidates);
    let best = -Infinity;
    for (const y of deployments({ ...p, maxUnits: p.maxUnits.map(() => 4) }, 4)) best = Math.max(best, evaluateTiered(p, tiers, y).objective);
    const r = optimize(p, { model: 'tiered', tiers, facilities: 4, solvers: { highs } });
    expect(r.objective).toBe(best);
  });

  it('more units never reduce the tiered optimum (property over P = 1..5)', () => {
    const p = randomProblem('units', 18, 7);
    const tiers = [{ targetS: 25, units: 1 }, { targetS: 60, units: 2 }, { targetS: 90, units: 3 }];
    let last = -Infinity;
    for (let P = 1; P <= 5; P++) {
      const r = optimize(p, { model: 'tiered', tiers, facilities: P, solvers: { highs } });
      expect(r.status).toBe('optimal');
      expect(r.objective).toBeGreaterThanOrEqual(last);
      last = r.objective;
    }
  });

  it('the heuristic solver through optimize() returns a verified answer below the optimum and a bound above it', () => {
    const p = randomProblem('heuristic', 40, 12, { fixed: true });
    const req = { model: 'tiered' as const, tiers: [{ targetS: 20, units: 1 }, { targetS: 50, units: 2 }], facilities: 6, solvers: { highs } };
    const exact = optimize(p, req);
    const h = optimize(p, { ...req, solver: 'heuristic', timeLimitS: 2 });
    expect(exact.status).toBe('optimal');
    expect(['optimal', 'feasible']).toContain(h.status);
    expect(h.objective).toBeLessThanOrEqual(exact.objective + 1e-9);
    expect(h.bound).toBeGreaterThanOrEqual(exact.objective - 1e-9);
    expect(h.gap).toBeCloseTo((h.bound - h.objective) / h.objective, 12);
  });
});
