import { beforeAll, describe, expect, it } from 'vitest';
import { loadHighsSolver } from '../../engine/optimize/highs-solver.ts';
import type { MilpSolver } from '../../engine/optimize/milp.ts';
import { createLocationProblem, type LocationProblem } from '../../engine/optimize/problem.ts';
import { buildTieredModel, evaluateTiered, type TieredParams } from '../../engine/optimize/tiered.ts';
import { tieredLagrangianBound } from '../../engine/optimize/tiered-lagrangian.ts';
import { deployments, geometricProblem } from '../support/location-problems.ts';

let highs: MilpSolver;
beforeAll(async () => { highs = await loadHighsSolver(); });

function bruteForce(p: LocationProblem, params: TieredParams): number {
  let best = -Infinity;
  for (const y of deployments(p, params.units)) best = Math.max(best, evaluateTiered(p, params.tiers, y).objective);
  return best;
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
    const p = geometricProblem(`bound-${seed}`, 25, 6, { radius: 50, fixed: 1, zeroWeights: 0.1, caps: caps ? [0, 2] : undefined });
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
    const p = geometricProblem(`stack-${nj}`, 12, nj, { radius: 50, fixed: 1, zeroWeights: 0.1 });
    const params: TieredParams = { tiers: [{ targetS: 15, units: 1 }, { targetS: 30, units: 2 }, { targetS: 45, units: 3 }], units: 8 };
    const best = bruteForce(p, params);
    expect(best).toBeGreaterThan(0);
    expect(tieredLagrangianBound(p, params, best, { maxIterations: 20_000 }).bound).toBeGreaterThanOrEqual(best - 1e-9);
  });
});
