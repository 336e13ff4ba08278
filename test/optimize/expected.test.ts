import { beforeAll, describe, expect, it } from 'vitest';
import { loadHighsSolver } from '../../engine/optimize/highs-solver.ts';
import type { MilpSolver } from '../../engine/optimize/milp.ts';
import { optimize } from '../../engine/optimize/optimize.ts';
import { createLocationProblem, pairCost, type LocationProblem } from '../../engine/optimize/problem.ts';
import { binomialTail, concaveFrom, tierValues } from '../../engine/optimize/tier-value.ts';
import { solveTieredHeuristic } from '../../engine/optimize/tiered-heuristic.ts';
import { tieredLagrangianBound } from '../../engine/optimize/tiered-lagrangian.ts';
import type { WeightedTier } from '../../engine/optimize/tiered.ts';
import { deployments, geometricProblem } from '../support/location-problems.ts';

let highs: MilpSolver;
beforeAll(async () => { highs = await loadHighsSolver(); });

/** P(at least k of n units free), each free with probability p, by enumerating all 2^n busy patterns. */
function atLeastFree(n: number, k: number, p: number): number {
  let s = 0;
  for (let mask = 0; mask < 1 << n; mask++) {
    let free = 0, pr = 1;
    for (let u = 0; u < n; u++) { if ((mask >> u) & 1) { free++; pr *= p; } else pr *= 1 - p; }
    if (free >= k) s += pr;
  }
  return s;
}

/** The expected objective of a deployment, recomputed without the engine's value tables. */
function expectedObjective(p: LocationProblem, tiers: readonly WeightedTier[], q: number, y: ArrayLike<number>): number {
  let total = 0;
  for (const t of tiers) {
    for (let i = 0; i < p.demandIds.length; i++) {
      let n = 0;
      for (let j = 0; j < p.candidateIds.length; j++) if (pairCost(p, i, j) <= t.targetS) n += y[j];
      total += (t.weight ?? 1) * p.demandWeight[i] * atLeastFree(n, t.units, 1 - q);
    }
  }
  return total;
}

describe('busy-aware tier values', () => {
  it('are the binomial tail, checked by hand and by enumerating busy patterns', () => {
    // q = 0.25: one unit free with 0.75; two units: 1 − 0.25² = 0.9375.
    expect(Array.from(tierValues([{ targetS: 60, units: 1 }], 'expected', 0.25, 3)[0].value)).toEqual([0, 0.75, 0.9375, 0.984375]);
    // At least 2 of 3 free, p = 0.75: 3 · 0.75² · 0.25 + 0.75³ = 0.84375.
    expect(binomialTail(2, 0.75, 3)[3]).toBeCloseTo(0.84375, 15);
    for (const k of [1, 2, 3, 4]) {
      for (const p of [0.3, 0.6, 0.9]) {
        const v = binomialTail(k, p, 9);
        for (let n = 0; n <= 9; n++) expect(v[n]).toBeCloseTo(atLeastFree(n, k, p), 12);
      }
    }
  });

  it('have increments that fall for k = 1 and rise then fall for k >= 2, from ⌈(k − 1)/(1 − q)⌉ − 1 on', () => {
    // k = 2, q = 0.6: Δ(1..4) = 0, 0.16, 0.192, 0.1728: concave from n = 2.
    const v = binomialTail(2, 0.4, 6);
    expect(v[2] - v[1]).toBeCloseTo(0.16, 15);
    expect(v[3] - v[2]).toBeCloseTo(0.192, 15);
    expect(v[4] - v[3]).toBeCloseTo(0.1728, 15);
    expect(concaveFrom(v)).toBe(2);
    for (const k of [1, 2, 3, 5]) {
      for (const q of [0.05, 0.2, 0.35, 0.5, 0.7, 0.85]) {
        const table = binomialTail(k, 1 - q, 80);
        expect(concaveFrom(table)).toBe(k === 1 ? 0 : Math.max(k - 1, Math.ceil((k - 1) / (1 - q) - 1e-9) - 1));
      }
    }
    // The static step at k: levels below k must be binary.
    expect(concaveFrom(tierValues([{ targetS: 1, units: 3 }], 'static', 0, 8)[0].value)).toBe(2);
  });
});

describe('the expected objective, against brute force over every deployment', () => {
  const TIERS: WeightedTier[] = [{ targetS: 20, units: 1, weight: 2 }, { targetS: 45, units: 2 }, { targetS: 70, units: 3, weight: 0.5 }];
  it.each(['e1', 'e2', 'e3', 'e4', 'e5', 'e6'])('(seed %s) HiGHS reaches the best deployment, the heuristic stays below it and the bound above it', (seed) => {
    const p = geometricProblem(seed, 14, 6, { radius: 60, caps: [1, 3], fixed: 1 });
    const P = 5;
    for (const q of [0.15, 0.55]) {
      let best = -Infinity;
      for (const y of deployments(p, P)) best = Math.max(best, expectedObjective(p, TIERS, q, y));
      const r = optimize(p, { model: 'tiered', tiers: TIERS, facilities: P, objective: 'expected', busy: q, solvers: { highs } });
      expect(r.status).toBe('optimal');
      expect(r.objective).toBeCloseTo(best, 9);
      expect(expectedObjective(p, TIERS, q, r.units)).toBeCloseTo(best, 9);
      const values = tierValues(TIERS, 'expected', q, P + 3);
      const h = solveTieredHeuristic(p, { tiers: TIERS, units: P }, { values });
      expect(h.objective).toBeLessThanOrEqual(best + 1e-9);
      expect(expectedObjective(p, TIERS, q, h.units)).toBeCloseTo(h.objective, 9);
      expect(tieredLagrangianBound(p, { tiers: TIERS, units: P }, h.objective, { values }).bound).toBeGreaterThanOrEqual(best - 1e-9);
    }
  });

  it('MEXCLP (one tier, one unit, q > 0) spreads a second unit where the static model sees no gain', () => {
    // Demand a (weight 10) is within reach of sites A and B; demand b (weight 1) only of C.
    // Static, 2 units: A + C covers everything (11). Expected, q = 0.5: A + B gives 10 · 0.75 = 7.5,
    // A + C gives 10 · 0.5 + 1 · 0.5 = 5.5, so the busy-aware answer backs a up.
    const p = createLocationProblem({
      demandIds: ['a', 'b'], demandWeight: [10, 1], candidateIds: ['A', 'B', 'C'], maxUnits: [1, 1, 1],
      pairs: { candidate: [0, 1, 2], demand: [0, 0, 1], cost: [5, 5, 5] },
    });
    const tiers = [{ targetS: 10, units: 1 }];
    const st = optimize(p, { model: 'tiered', tiers, facilities: 2, solvers: { highs } });
    expect(st.selected).toEqual(['A', 'C']);
    const ex = optimize(p, { model: 'tiered', tiers, facilities: 2, objective: 'expected', busy: 0.5, solvers: { highs } });
    expect(ex.selected).toEqual(['A', 'B']);
    expect(ex.objective).toBeCloseTo(7.5, 12);
    expect(ex.tierExpectedWeight).toEqual([7.5]);
    expect(ex.tierCoveredWeight).toEqual([10]);
  });
});
