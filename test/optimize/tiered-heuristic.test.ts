import seedrandom from 'seedrandom';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadHighsSolver } from '../../engine/optimize/highs-solver.ts';
import type { MilpSolver } from '../../engine/optimize/milp.ts';
import { optimize } from '../../engine/optimize/optimize.ts';
import { createLocationProblem, type LocationProblem } from '../../engine/optimize/problem.ts';
import { solveTieredHeuristic } from '../../engine/optimize/tiered-heuristic.ts';
import { evaluateTiered, type WeightedTier } from '../../engine/optimize/tiered.ts';

let highs: MilpSolver;
beforeAll(async () => { highs = await loadHighsSolver(); });

/**
 * Demand points and sites at random places in a 100 × 100 square; cost = rounded distance, pairs
 * farther than 60 apart unreachable. Geometric instances are where plain local search gets stuck:
 * units must be spread for the 1-unit tier and bunched for the 3-unit tier.
 */
function geometricProblem(seed: string, ni: number, nj: number, opts: { caps?: boolean; costs?: boolean; fixed?: boolean } = {}): LocationProblem {
  const rng = seedrandom(seed);
  const at = Array.from({ length: ni + nj }, () => [rng() * 100, rng() * 100]);
  const c: number[] = [], d: number[] = [], v: number[] = [];
  for (let j = 0; j < nj; j++) {
    for (let i = 0; i < ni; i++) {
      const dist = Math.hypot(at[ni + j][0] - at[i][0], at[ni + j][1] - at[i][1]);
      if (dist < 60) { c.push(j); d.push(i); v.push(Math.round(dist)); }
    }
  }
  return createLocationProblem({
    demandIds: Array.from({ length: ni }, (_, i) => `d${i}`), demandWeight: Array.from({ length: ni }, () => 1 + Math.floor(rng() * 9)),
    candidateIds: Array.from({ length: nj }, (_, j) => `c${j}`),
    siteCost: Array.from({ length: nj }, () => (opts.costs ? 1 + Math.floor(rng() * 4) : 1)),
    minUnits: Array.from({ length: nj }, (_, j) => (opts.fixed && j < 2 ? 1 : 0)),
    maxUnits: Array.from({ length: nj }, () => (opts.caps ? 1 + Math.floor(rng() * 3) : 1 << 30)),
    pairs: { candidate: c, demand: d, cost: v },
  });
}

const TIERS: WeightedTier[] = [{ targetS: 15, units: 1 }, { targetS: 30, units: 2 }, { targetS: 45, units: 3 }];

describe('tiered heuristic: iterated local search', () => {
  it('reaches the HiGHS-proven optimum on 10 geometric instances, where plain local search misses some', () => {
    let plainHits = 0;
    for (let s = 0; s < 10; s++) {
      const p = geometricProblem(`ils-${s}`, 60, 20);
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
      const p = geometricProblem(`limits-${s}`, 80, 20, { caps: true, costs: true, fixed: true });
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
    const p = geometricProblem('seeded', 150, 40);
    const a = solveTieredHeuristic(p, { tiers: TIERS, units: 9 }, { seed: 'x' });
    const b = solveTieredHeuristic(p, { tiers: TIERS, units: 9 }, { seed: 'x' });
    expect(Array.from(a.units)).toEqual(Array.from(b.units));
    expect(a.objective).toBe(b.objective);
    expect(a.swaps).toBe(b.swaps);
  });
});
