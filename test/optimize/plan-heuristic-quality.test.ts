import { beforeAll, describe, expect, it } from 'vitest';
import { loadHighsSolver } from '../../engine/optimize/highs-solver.ts';
import type { MilpSolver } from '../../engine/optimize/milp.ts';
import { solvePlan } from '../../engine/optimize/solve-plan.ts';
import type { WeightedTier } from '../../engine/optimize/tiered.ts';
import { randomPlanProblem } from '../support/plan-problems.ts';

let highs: MilpSolver;
beforeAll(async () => { highs = await loadHighsSolver(); });

// The bench/heuristic-gap.ts "plan 3 blocks" family (3 blocks, 12 sites, 40 demand points, 5 movable
// units with shifts and a fixed one, at most 1 move per boundary, 0.1 per move, 1/2/3-unit tiers).
const TIERS: WeightedTier[] = [{ targetS: 25, units: 1, weight: 2 }, { targetS: 45, units: 2 }, { targetS: 65, units: 3 }];

describe('plan heuristic against HiGHS-proven optima', () => {
  it.each([['s1', 'expected'], ['s2', 'static'], ['s3', 'static']] as const)('reaches the proven optimum of the 3-block instance %s (%s objective)', (seed, objective) => {
    const pp = randomPlanProblem(`gap-${seed}-3 blocks`, { blocks: 3, sites: 12, demand: 40, units: 5, objective, maxMoves: 1, moveCost: 0.1, fixed: true, tiers: TIERS, radius: 60 });
    const exact = solvePlan(pp, { solver: 'highs', timeLimitS: 300, solvers: { highs } });
    expect(exact.status).toBe('optimal');
    const h = solvePlan(pp, { solver: 'heuristic', solvers: {} });
    expect(h.status).toBe('feasible');
    // Measured on bench/heuristic-gap.ts's seeds (s2 expected, 0.4 % short before the iterated search
    // over the plan, proves too slowly for a test; it is in the bench).
    expect(h.objective).toBeGreaterThanOrEqual(exact.objective * (1 - 1e-9));
  }, 600_000);
});
