import { createMilpBuilder, type MilpModel } from './milp.ts';
import { demandReach, type LocationProblem } from './problem.ts';

/**
 * Min–max workload: open sites so that, with every demand point served by its nearest open site
 * (its jurisdiction, as `patrolsim jurisdictions` assigns it), the largest workload is least — or,
 * given a workload cap, the fewest sites keep every workload under it.
 *
 *   (P sites)    minimise W               subject to  Σ_j y_j = P
 *   (cap W̄)      minimise Σ_j y_j         subject to  W <= W̄
 *   and in both:
 *     z_{i,0} = 0,  z_{i,r_i} = 1                          every i ∈ I⁺ is within T of an open site
 *     z_{i,k-1} <= z_{i,k}                                  k = 1..r_i
 *     z_{i,k} - z_{i,k-1} <= y_{j_ik}                       i is served by j_ik only if it is open
 *     z_{i,k} >= y_{j_ik}                                   ... and by its nearest open site
 *     Σ_{i ∈ I⁺} a_i (z_{i,k(i,j)} - z_{i,k(i,j)-1}) <= W    for every site j
 *     y_j = 1 for existing posts, y_j = 0 for forbidden sites; y_j ∈ {0, 1}; 0 <= z <= 1; W >= 0
 *
 * I⁺: demand points with weight a_i > 0; J: candidate sites; d_ij: travel cost from j to i;
 * T: the target (Infinity when none): only sites with d_ij <= T may serve i; j_i1, ..., j_ir_i: those
 * sites in order of (d_ij, j), so ties go to the site listed first, as in jurisdictions; k(i,j): j's
 * rank for i; z_{i,k} = 1 when i is served by one of its first k sites; y_j = 1 when j is open;
 * W: the largest workload Σ a_i over a site's demand points. With y binary the z are 0/1 without
 * being declared integer: z_{i,k} = 1 from the first open site in i's order on.
 * Columns: y_j (j ∈ J), then W, then the z of each demand point in turn.
 */
export interface MinmaxWorkloadModel {
  readonly milp: MilpModel;
  /** Demand points (a_i > 0) with no site within T: the model is then infeasible. */
  readonly uncoverable: readonly number[];
  decode(x: ArrayLike<number>): Int32Array;
}

export function buildMinmaxWorkloadModel(p: LocationProblem, params: { targetS?: number; facilities?: number; maxWorkload?: number }): MinmaxWorkloadModel {
  if ((params.facilities === undefined) === (params.maxWorkload === undefined)) throw new Error('minmax-workload: give exactly one of facilities and maxWorkload');
  const T = params.targetS ?? Infinity;
  const nj = p.candidateIds.length;
  const reach = demandReach(p);
  const capped = params.maxWorkload !== undefined;
  const b = createMilpBuilder('min');
  for (let j = 0; j < nj; j++) b.addCol(capped ? 1 : 0, p.minUnits[j] >= 1 ? 1 : 0, p.maxUnits[j] >= 1 ? 1 : 0, true);
  const w = b.addCol(capped ? 0 : 1, 0, capped ? params.maxWorkload! : Infinity, false);
  const loadCols: number[][] = Array.from({ length: nj }, () => []);
  const loadVals: number[][] = Array.from({ length: nj }, () => []);
  const uncoverable: number[] = [];
  for (let i = 0; i < p.demandIds.length; i++) {
    const a = p.demandWeight[i];
    if (!(a > 0)) continue;
    const order: number[] = [];
    for (let q = reach.start[i]; q < reach.start[i + 1]; q++) if (reach.cost[q] <= T) order.push(q);
    if (order.length === 0) { uncoverable.push(i); continue; }
    order.sort((x, y) => reach.cost[x] - reach.cost[y] || reach.candidate[x] - reach.candidate[y]);
    let prev = -1;
    order.forEach((q, k) => {
      const j = reach.candidate[q];
      const last = k === order.length - 1;
      const z = b.addCol(0, last ? 1 : 0, 1, false);
      if (prev >= 0) b.addRow(0, Infinity, [z, prev], [1, -1]);
      // z_k - z_{k-1} - y_j <= 0 and z_k - y_j >= 0.
      b.addRow(-Infinity, 0, prev >= 0 ? [z, prev, j] : [z, j], prev >= 0 ? [1, -1, -1] : [1, -1]);
      b.addRow(0, Infinity, [z, j], [1, -1]);
      loadCols[j].push(z); loadVals[j].push(a);
      if (prev >= 0) { loadCols[j].push(prev); loadVals[j].push(-a); }
      prev = z;
    });
  }
  for (let j = 0; j < nj; j++) {
    if (!loadCols[j].length) continue;
    // Σ a_i x_ij - W <= 0 (a column may appear twice for one site only if i lists j twice: merged).
    const merged = new Map<number, number>();
    loadCols[j].forEach((c, k) => merged.set(c, (merged.get(c) ?? 0) + loadVals[j][k]));
    b.addRow(-Infinity, 0, [...merged.keys(), w], [...merged.values(), -1]);
  }
  if (!capped) b.addRow(params.facilities!, params.facilities!, Int32Array.from({ length: nj }, (_, j) => j), 1);
  return { milp: b.build(), uncoverable, decode: (x) => Int32Array.from({ length: nj }, (_, j) => (x[j] > 0.5 ? 1 : 0)) };
}

/**
 * Recompute from the data: each demand point (a_i > 0) goes to its nearest open site within T (ties
 * by site order); returns the workload per site, the largest, the sites open and the demand points
 * no open site serves within T.
 */
export function evaluateMinmaxWorkload(p: LocationProblem, open: ArrayLike<number>, targetS = Infinity): { workload: Float64Array; maxWorkload: number; open: number; unserved: number[] } {
  const nj = p.candidateIds.length;
  const bestCost = new Float64Array(p.demandIds.length).fill(Infinity);
  const bestSite = new Int32Array(p.demandIds.length).fill(-1);
  let count = 0;
  for (let j = 0; j < nj; j++) {
    if (!(open[j] > 0)) continue;
    count++;
    for (let k = p.reachStart[j]; k < p.reachStart[j + 1]; k++) {
      const i = p.reachDemand[k], c = p.reachCost[k];
      if (c <= targetS && c < bestCost[i]) { bestCost[i] = c; bestSite[i] = j; }
    }
  }
  const workload = new Float64Array(nj);
  const unserved: number[] = [];
  for (let i = 0; i < p.demandIds.length; i++) {
    if (!(p.demandWeight[i] > 0)) continue;
    if (bestSite[i] < 0) unserved.push(i); else workload[bestSite[i]] += p.demandWeight[i];
  }
  let maxWorkload = 0;
  for (let j = 0; j < nj; j++) maxWorkload = Math.max(maxWorkload, workload[j]);
  return { workload, maxWorkload, open: count, unserved };
}
