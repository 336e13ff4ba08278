import { beforeAll, describe, expect, it } from 'vitest';
import { loadHighsSolver } from '../../engine/optimize/highs-solver.ts';
import type { MilpSolver } from '../../engine/optimize/milp.ts';
import { optimize } from '../../engine/optimize/optimize.ts';
import { solveTieredHeuristic } from '../../engine/optimize/tiered-heuristic.ts';
import { evaluateTiered, type WeightedTier } from '../../engine/optimize/tiered.ts';
import { geometricProblem } from '../support/location-problems.ts';

let highs: MilpSolver;
beforeAll(async () => { highs = await loadHighsSolver(); });

const TIERS: WeightedTier[] = [{ targetS: 15, units: 1 }, { targetS: 30, units: 2 }, { targetS: 45, units: 3 }];

describe('tiered heuristic: iterated local search', () => {
  it('reaches the HiGHS-proven optimum on 10 geometric instances, where plain local search misses some', () => {
    let plainHits = 0;
    for (let s = 0; s < 10; s++) {
      const p = geometricProblem(`ils-${s}`, 60, 20, { radius: 60 });
      const exact = optimize(p, { model: 'tiered', tiers: TIERS, facilities: 5, solvers: { highs }, timeLimitS: 60 });
      expect(exact.status).toBe('optimal');
      const plain = solveTieredHeuristic(p, { tiers: TIERS, units: 5 }, { rounds: 0 });
      const ils = solveTieredHeuristic(p, { tiers: TIERS, units: 5 });
      expect(ils.rounds).toBe(150);
      expect(evaluateTiered(p, TIERS, ils.units).objective).toBeCloseTo(ils.objective, 9);
      expect(ils.objective).toBeGreaterThanOrEqual(plain.objective);
      expect(ils.objective).toBeCloseTo(exact.objective, 9);
      if (Math.abs(plain.objective - exact.objective) < 1e-9) plainHits++;
    }
    expect(plainHits).toBeLessThan(10); // measured: plain local search reaches 6 of the 10
  }, 180_000);

  it('keeps caps, existing posts, the unit count and the budget', () => {
    for (let s = 0; s < 6; s++) {
      const p = geometricProblem(`limits-${s}`, 80, 20, { radius: 60, caps: [1, 3], costs: true, fixed: 2 });
      const params = { tiers: TIERS, units: 8, budget: 12 };
      const h = solveTieredHeuristic(p, params);
      if (!h.feasible) continue;
      const e = evaluateTiered(p, TIERS, h.units);
      expect(e.units).toBe(8);
      expect(e.cost).toBeLessThanOrEqual(12 + 1e-9);
      h.units.forEach((u, j) => {
        expect(u).toBeGreaterThanOrEqual(p.minUnits[j]);
        expect(u).toBeLessThanOrEqual(p.maxUnits[j]);
      });
      expect(e.objective).toBeCloseTo(h.objective, 9);
    }
  });

  it('is a function of the inputs and the seed', () => {
    const p = geometricProblem('seeded', 150, 40, { radius: 60 });
    const a = solveTieredHeuristic(p, { tiers: TIERS, units: 9 }, { seed: 'x' });
    const b = solveTieredHeuristic(p, { tiers: TIERS, units: 9 }, { seed: 'x' });
    expect(Array.from(a.units)).toEqual(Array.from(b.units));
    expect(a.objective).toBe(b.objective);
    expect(a.swaps).toBe(b.swaps);
  });

  it('says when the time limit cut the search short, and not otherwise', () => {
    const p = geometricProblem('clock', 60, 20, { radius: 60 });
    const full = solveTieredHeuristic(p, { tiers: TIERS, units: 5 });
    expect(full.timeLimited).toBe(false);
    let ticks = 0; // a clock that advances one second per reading: 50 readings fit in the limit
    const cut = solveTieredHeuristic(p, { tiers: TIERS, units: 5 }, { timeLimitS: 50, nowS: () => ticks++ });
    expect(cut.timeLimited).toBe(true);
    expect(cut.rounds).toBeLessThan(150);
    expect(evaluateTiered(p, TIERS, cut.units).objective).toBeCloseTo(cut.objective, 9);
  });
});
