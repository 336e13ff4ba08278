import seedrandom from 'seedrandom';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadHighsSolver } from '../../engine/optimize/highs-solver.ts';
import type { MilpSolver } from '../../engine/optimize/milp.ts';
import { createLocationProblem, type LocationProblem } from '../../engine/optimize/problem.ts';
import { buildTieredModel, evaluateTiered, type TieredParams } from '../../engine/optimize/tiered.ts';
import { tieredLagrangianBound } from '../../engine/optimize/tiered-lagrangian.ts';

let highs: MilpSolver;
beforeAll(async () => { highs = await loadHighsSolver(); });

/** Every way to put P units on the sites within their limits. */
function* deployments(p: LocationProblem, P: number): Generator<Int32Array> {
  const nj = p.candidateIds.length;
  const y = new Int32Array(nj);
  function* rec(j: number, left: number): Generator<Int32Array> {
    if (j === nj) { if (left === 0) yield y.slice(); return; }
    for (let u = p.minUnits[j]; u <= Math.min(p.maxUnits[j], left); u++) { y[j] = u; yield* rec(j + 1, left - u); }
    y[j] = 0;
  }
  yield* rec(0, P);
}

function bruteForce(p: LocationProblem, params: TieredParams): number {
  let best = -Infinity;
  for (const y of deployments(p, params.units)) best = Math.max(best, evaluateTiered(p, params.tiers, y).objective);
  return best;
}

function geometricProblem(seed: string, ni: number, nj: number, caps: boolean): LocationProblem {
  const rng = seedrandom(seed);
  const at = Array.from({ length: ni + nj }, () => [rng() * 100, rng() * 100]);
  const c: number[] = [], d: number[] = [], v: number[] = [];
  for (let j = 0; j < nj; j++) {
    for (let i = 0; i < ni; i++) {
      const dist = Math.hypot(at[ni + j][0] - at[i][0], at[ni + j][1] - at[i][1]);
      if (dist < 50) { c.push(j); d.push(i); v.push(Math.round(dist)); }
    }
  }
  return createLocationProblem({
    demandIds: Array.from({ length: ni }, (_, i) => `d${i}`),
    demandWeight: Array.from({ length: ni }, () => (rng() < 0.1 ? 0 : 1 + Math.floor(rng() * 9))),
    candidateIds: Array.from({ length: nj }, (_, j) => `c${j}`),
    minUnits: Array.from({ length: nj }, (_, j) => (j === 0 ? 1 : 0)),
    maxUnits: Array.from({ length: nj }, () => (caps ? Math.floor(rng() * 3) : 1 << 30)),
    pairs: { candidate: c, demand: d, cost: v },
  });
}

describe('tiered Lagrangian bound (joint tiers per demand point)', () => {
  it('one unit beside a lone demand point, tiers 60 s/1, 180 s/2, 300 s/3: the bound is the optimum 1, the LP relaxation 11/6', () => {
    const p = createLocationProblem({ demandIds: ['i'], candidateIds: ['A'], pairs: { candidate: [0], demand: [0], cost: [0] } });
    const params = { tiers: [{ targetS: 60, units: 1 }, { targetS: 180, units: 2 }, { targetS: 300, units: 3 }], units: 1 };
    const lp = highs.solve(buildTieredModel(p, params).milp, { relax: true });
    expect(lp.objective).toBeCloseTo(11 / 6, 9);
    expect(tieredLagrangianBound(p, params, 1).bound).toBeCloseTo(1, 9);
  });

  it('two sites, one demand point, P = 2: the optimum 3 (both units at A) is proven, where the LP relaxation gives 5', () => {
    // A at 50 s, B at 250 s: 2 units at A meet 60 s/1 and 180 s/2 (weight 1 + 2), but 300 s/3 needs 3 units: optimum 3.
    const p = createLocationProblem({ demandIds: ['i'], candidateIds: ['A', 'B'], pairs: { candidate: [0, 1], demand: [0, 0], cost: [50, 250] } });
    const params = { tiers: [{ targetS: 60, units: 1, weight: 1 }, { targetS: 180, units: 2, weight: 2 }, { targetS: 300, units: 3, weight: 3 }], units: 2 };
    expect(bruteForce(p, params)).toBe(3);
    const lp = highs.solve(buildTieredModel(p, params).milp, { relax: true });
    expect(lp.objective).toBeCloseTo(1 + 2 + 3 * (2 / 3), 9);
    expect(tieredLagrangianBound(p, params, 3).bound).toBeCloseTo(3, 6);
  });

  it.each(['a', 'b', 'c', 'd', 'e', 'f'])('is never below the brute-force optimum and, run to convergence, not above the LP relaxation (seed %s)', (seed) => {
    const caps = seed > 'c';
    const p = geometricProblem(`bound-${seed}`, 25, 6, caps);
    // Unsorted tiers, two sharing a target: the rings sort and merge them.
    const params: TieredParams = { tiers: [{ targetS: 40, units: 3, weight: 0.5 }, { targetS: 12, units: 1, weight: 2 }, { targetS: 25, units: 2 }, { targetS: 25, units: 1, weight: 0.25 }], units: 4 };
    if (p.maxUnits.reduce((s, u) => s + Math.min(u, 4), 0) < 4) return;
    const best = bruteForce(p, params);
    const lag = tieredLagrangianBound(p, params, best, { maxIterations: 20_000 });
    expect(lag.bound).toBeGreaterThanOrEqual(best - 1e-9);
    const lp = highs.solve(buildTieredModel(p, params).milp, { relax: true });
    expect(lp.status).toBe('optimal');
    // Measured: 11–36 % below the LP value on these seeds (e.g. seed e: 86.75 against 135.4, optimum 84.75).
    expect(lag.bound).toBeLessThanOrEqual(lp.objective + 1e-6);
  });

  it.each([2, 3, 4])('stays above the brute-force optimum when units outnumber K per site (%s sites, 8 units, K = 3: the stacking cap binds or, with 2 sites, cannot apply)', (nj) => {
    const p = geometricProblem(`stack-${nj}`, 12, nj, false);
    const params: TieredParams = { tiers: [{ targetS: 15, units: 1 }, { targetS: 30, units: 2 }, { targetS: 45, units: 3 }], units: 8 };
    const best = bruteForce(p, params);
    expect(best).toBeGreaterThan(0);
    expect(tieredLagrangianBound(p, params, best, { maxIterations: 20_000 }).bound).toBeGreaterThanOrEqual(best - 1e-9);
  });
});
