import type { CoverageSets } from './coverage-sets.ts';
import { solvePMedianHeuristic } from './p-median-heuristic.ts';
import type { LocationProblem } from './problem.ts';
import type { SortedReach } from './sorted-reach.ts';

/**
 * The sites that may open (maxUnits >= 1) covering each demand point with weight a_i > 0
 * (renumbered t = 0, 1, ...), as a {@link SortedReach} at cost 0: MCLP read as a p-median whose
 * cost is 0 within the target and 1 beyond (Σ_i a_i min_j cost = the weight left uncovered).
 */
export function coverageReach(p: LocationProblem, sets: CoverageSets): SortedReach {
  const ni = p.demandIds.length;
  const demandList: number[] = [];
  for (let i = 0; i < ni; i++) if (p.demandWeight[i] > 0) demandList.push(i);
  const nd = demandList.length;
  const start = new Int32Array(nd + 1);
  const sites: number[] = [];
  demandList.forEach((i, t) => {
    for (let k = sets.demStart[i]; k < sets.demStart[i + 1]; k++) if (p.maxUnits[sets.demCand[k]] >= 1) sites.push(sets.demCand[k]);
    start[t + 1] = sites.length;
  });
  const demand = Int32Array.from(demandList);
  return {
    start, site: Int32Array.from(sites), cost: new Float64Array(sites.length), demand, weight: Float64Array.from(demandList, (i) => p.demandWeight[i]),
    costOf(t, j) {
      if (p.maxUnits[j] < 1) return Infinity;
      const i = demand[t];
      let lo = sets.candStart[j], hi = sets.candStart[j + 1] - 1;
      while (lo <= hi) {
        const mid = (lo + hi) >> 1, d = sets.candDemand[mid];
        if (d === i) return 0;
        if (d < i) lo = mid + 1; else hi = mid - 1;
      }
      return Infinity;
    },
  };
}

/** What {@link solveMclpHeuristic} returns. */
export interface MclpHeuristicResult {
  /** 0/1 per candidate: P open sites (existing posts included). */
  readonly open: Int32Array;
  /** Σ_i a_i over the demand points within the target of an open site, recomputed. */
  readonly covered: number;
  readonly feasible: boolean;
  readonly greedyCovered: number;
  readonly swaps: number;
}

/**
 * An MCLP deployment (a warm start and a Lagrangian heuristic, no proof): the p-median heuristic
 * (greedy construction, vertex substitution, iterated local search; p-median-heuristic.ts) on
 * {@link coverageReach}, where a demand point costs a_i when no open site covers it. Infeasible
 * only when fewer than P sites may open or more than P are fixed.
 */
export function solveMclpHeuristic(p: LocationProblem, facilities: number, reach: SortedReach, options: { rounds?: number; start?: ArrayLike<number>; seed?: string; timeLimitS?: number; nowS?: () => number } = {}): MclpHeuristicResult {
  let total = 0;
  for (let t = 0; t < reach.weight.length; t++) total += reach.weight[t];
  const h = solvePMedianHeuristic(p, facilities, { ...options, reach, unreachedCost: 1, seed: options.seed ?? 'patrolsim-mclp' });
  return { open: h.open, covered: h.feasible ? total - h.objective : -Infinity, feasible: h.feasible, greedyCovered: total - h.greedyObjective, swaps: h.swaps };
}
