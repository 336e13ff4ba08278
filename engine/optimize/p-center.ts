import { createMilpBuilder, type MilpModel } from './milp.ts';
import { nearestOpenCost } from './p-median.ts';
import { demandReach, type LocationProblem } from './problem.ts';

/**
 * p-center problem (Hakimi 1965): open P sites so that the longest travel cost from a demand point
 * to its nearest open site is least.
 *
 *   minimise    W
 *   subject to  Σ_{j∈R(i)} d_ij x_ij <= W   for every i ∈ I with a_i > 0
 *               Σ_{j∈R(i)} x_ij = 1         for every i ∈ I with a_i > 0
 *               x_ij <= y_j                  for every i, j ∈ R(i)
 *               Σ_{j∈J} y_j = P
 *               y_j = 1 for existing posts; y_j = 0 for forbidden sites
 *               y_j ∈ {0, 1}, x_ij ∈ {0, 1}, W >= 0
 *
 * I: demand points (those with weight a_i > 0 count; the weight value does not); J: candidate
 * sites; d_ij: travel cost from j to i; R(i) = { j : d_ij < ∞ }; P: sites to open; y_j = 1 when
 * site j is open; x_ij = 1 when i is assigned to j; W: the longest assigned travel cost.
 * Columns: y_j, then W, then the x_ij demand by demand. Small models only: its LP bound is weak.
 */
export function buildPCenterModel(p: LocationProblem, facilities: number): { milp: MilpModel; decode(x: ArrayLike<number>): Int32Array } {
  const nj = p.candidateIds.length, ni = p.demandIds.length;
  const reach = demandReach(p);
  const b = createMilpBuilder('min');
  for (let j = 0; j < nj; j++) b.addCol(0, p.minUnits[j] >= 1 ? 1 : 0, p.maxUnits[j] >= 1 ? 1 : 0, true);
  const w = b.addCol(1, 0, Infinity, false);
  for (let i = 0; i < ni; i++) {
    if (!(p.demandWeight[i] > 0)) continue;
    const cols: number[] = [], costs: number[] = [];
    for (let q = reach.start[i]; q < reach.start[i + 1]; q++) {
      const x = b.addCol(0, 0, 1, true);
      cols.push(x); costs.push(reach.cost[q]);
      b.addRow(-Infinity, 0, [x, reach.candidate[q]], [1, -1]);
    }
    if (!cols.length) continue;
    b.addRow(1, 1, cols, 1);
    b.addRow(-Infinity, 0, [...cols, w], [...costs, -1]);
  }
  b.addRow(facilities, facilities, Int32Array.from({ length: nj }, (_, j) => j), 1);
  return { milp: b.build(), decode: (x) => Int32Array.from({ length: nj }, (_, j) => (x[j] > 0.5 ? 1 : 0)) };
}

/** Recompute the p-center objective max_{i: a_i > 0} min_{j open} d_ij. */
export function evaluatePCenter(p: LocationProblem, open: ArrayLike<number>): number {
  const best = nearestOpenCost(p, open);
  let worst = 0;
  for (let i = 0; i < best.length; i++) if (p.demandWeight[i] > 0 && best[i] > worst) worst = best[i];
  return worst;
}
