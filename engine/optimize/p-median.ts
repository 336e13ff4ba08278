import { createMilpBuilder, type MilpModel } from './milp.ts';
import { demandReach, type LocationProblem } from './problem.ts';

/**
 * p-median problem (Hakimi 1964; ReVelle & Swain 1970, the "strong" formulation): open P sites so
 * that the weighted travel cost from each demand point to its nearest open site is least.
 *
 *   minimise    Σ_{i∈I} Σ_{j∈R(i)} a_i d_ij x_ij
 *   subject to  Σ_{j∈R(i)} x_ij = 1        for every i ∈ I with a_i > 0
 *               x_ij <= y_j                 for every i, j ∈ R(i)
 *               Σ_{j∈J} y_j = P
 *               y_j = 1 for existing posts; y_j = 0 for forbidden sites
 *               y_j ∈ {0, 1}, 0 <= x_ij <= 1
 *
 * I: demand points, a_i >= 0 their weights; J: candidate sites; d_ij: travel cost from site j to
 * demand i; R(i) = { j : d_ij < ∞ } the sites that reach i (a pair not given is unreachable);
 * P: sites to open; y_j = 1 when site j is open; x_ij: share of demand i served by site j (some
 * optimum has every x_ij in {0, 1}: each demand goes to its nearest open site).
 * Columns: y_j (j = 0..|J|-1), then the x_ij demand by demand. Infeasible when some demand point
 * with a_i > 0 is reached by no site.
 */
export interface PMedianModel {
  readonly milp: MilpModel;
  decode(x: ArrayLike<number>): Int32Array;
  encode(open: ArrayLike<number>): Float64Array;
}

export function buildPMedianModel(p: LocationProblem, facilities: number): PMedianModel {
  const nj = p.candidateIds.length, ni = p.demandIds.length;
  const reach = demandReach(p);
  const b = createMilpBuilder('min');
  for (let j = 0; j < nj; j++) b.addCol(0, p.minUnits[j] >= 1 ? 1 : 0, p.maxUnits[j] >= 1 ? 1 : 0, true);
  const firstX = new Int32Array(ni + 1);
  for (let i = 0; i < ni; i++) {
    firstX[i] = b.numCols;
    const a = p.demandWeight[i];
    if (!(a > 0)) continue;
    const s = reach.start[i], e = reach.start[i + 1];
    const cols: number[] = [];
    for (let q = s; q < e; q++) {
      const x = b.addCol(a * reach.cost[q], 0, 1, false);
      cols.push(x);
      b.addRow(-Infinity, 0, [x, reach.candidate[q]], [1, -1]);
    }
    if (cols.length) b.addRow(1, 1, cols, 1);
  }
  firstX[ni] = b.numCols;
  b.addRow(facilities, facilities, Int32Array.from({ length: nj }, (_, j) => j), 1);
  const milp = b.build();
  return {
    milp,
    decode: (x) => Int32Array.from({ length: nj }, (_, j) => (x[j] > 0.5 ? 1 : 0)),
    encode(open) {
      const x = new Float64Array(milp.numCols);
      for (let j = 0; j < nj; j++) x[j] = open[j] > 0 ? 1 : 0;
      for (let i = 0; i < ni; i++) {
        if (firstX[i] === firstX[i + 1]) continue;
        let best = -1, bestCost = Infinity;
        for (let q = reach.start[i]; q < reach.start[i + 1]; q++) {
          if (open[reach.candidate[q]] > 0 && reach.cost[q] < bestCost) { bestCost = reach.cost[q]; best = q; }
        }
        if (best >= 0) x[firstX[i] + best - reach.start[i]] = 1;
      }
      return x;
    },
  };
}

/** Recompute the p-median objective Σ_i a_i min_{j open} d_ij (Infinity when some demand is unreached). */
export function evaluatePMedian(p: LocationProblem, open: ArrayLike<number>): number {
  const best = nearestOpenCost(p, open);
  let s = 0;
  for (let i = 0; i < best.length; i++) if (p.demandWeight[i] > 0) s += p.demandWeight[i] * best[i];
  return s;
}

/** min_{j open} d_ij per demand point (Infinity when none reaches it). */
export function nearestOpenCost(p: LocationProblem, open: ArrayLike<number>): Float64Array {
  const best = new Float64Array(p.demandIds.length).fill(Infinity);
  for (let j = 0; j < p.candidateIds.length; j++) {
    if (!(open[j] > 0)) continue;
    for (let k = p.reachStart[j]; k < p.reachStart[j + 1]; k++) {
      const i = p.reachDemand[k];
      if (p.reachCost[k] < best[i]) best[i] = p.reachCost[k];
    }
  }
  return best;
}
