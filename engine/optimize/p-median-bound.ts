import type { LocationProblem } from './problem.ts';
import type { SiteRelaxation } from './site-branch-and-bound.ts';
import { solvePMedianHeuristic } from './p-median-heuristic.ts';
import { sortedReach, type SortedReach } from './sorted-reach.ts';

/**
 * The p-median Lagrangian relaxation as a {@link SiteRelaxation} for the branch-and-bound
 * (site-branch-and-bound.ts). Relaxing each demand point's assignment Σ_j x_ij = 1 with a
 * multiplier λ_i gives
 *
 *   L(λ) = Σ_i λ_i + min { Σ_j ρ_j y_j : Σ_j y_j = P, y within the fixed and forbidden sites },
 *   ρ_j  = Σ_i min(0, a_i d_ij − λ_i),
 *
 * a lower bound on the optimum for every λ (Cornuéjols, Fisher & Nemhauser 1977; Beasley 1993):
 * base(λ) = Σ_i λ_i, exactly P sites open; g_i = 1 − |{ j chosen : a_i d_ij < λ_i }|. A relaxed answer is a deployment as it stands;
 * within 2 % of the best known, vertex substitution starts from it (at most `searches` times,
 * never twice from the same sites).
 */
export function pMedianRelaxation(p: LocationProblem, facilities: number, options: { reach?: SortedReach; integral?: boolean; searches?: number } = {}): SiteRelaxation {
  const nj = p.candidateIds.length;
  const R = options.reach ?? sortedReach(p);
  const nd = R.demand.length;
  const tried = new Set<string>();
  let searches = 0;
  const maxSearches = options.searches ?? 50;
  return {
    sites: nj, multipliers: nd, open: facilities, integral: options.integral ?? false,
    prepare: () => true,
    start(open) {
      const lambda = new Float64Array(nd);
      for (let t = 0; t < nd; t++) {
        let best = Infinity;
        for (let q = R.start[t]; q < R.start[t + 1]; q++) if (open[R.site[q]] > 0) { best = R.cost[q]; break; }
        lambda[t] = R.weight[t] * (best === Infinity ? R.cost[R.start[t]] : best);
      }
      return lambda;
    },
    evaluate(lambda, state, rho) {
      rho.fill(0);
      let L = 0;
      for (let t = 0; t < nd; t++) {
        const w = R.weight[t], l = lambda[t];
        L += l;
        for (let q = R.start[t]; q < R.start[t + 1]; q++) {
          const c = w * R.cost[q] - l;
          if (c >= 0) break;
          if (state[R.site[q]] !== 0) rho[R.site[q]] += c;
        }
      }
      return L;
    },
    subgradient(lambda, state, chosen, g) {
      for (let t = 0; t < nd; t++) {
        const w = R.weight[t], l = lambda[t];
        let served = 0;
        for (let q = R.start[t]; q < R.start[t + 1]; q++) {
          if (w * R.cost[q] - l >= 0) break;
          if (chosen[R.site[q]]) served++;
        }
        g[t] = 1 - served;
      }
    },
    project(_lambda, d) {
      let norm = 0;
      for (let t = 0; t < nd; t++) norm += d[t] * d[t];
      return norm;
    },
    step(lambda, d, t) {
      for (let k = 0; k < nd; k++) lambda[k] += t * d[k];
    },
    deployment(chosen, _state, upper) {
      let cost = 0;
      for (let t = 0; t < nd && cost < Infinity; t++) {
        let c = Infinity;
        for (let q = R.start[t]; q < R.start[t + 1]; q++) if (chosen[R.site[q]]) { c = R.cost[q]; break; }
        cost += R.weight[t] * c;
      }
      const here = cost < Infinity ? { open: Uint8Array.from(chosen), objective: cost } : undefined;
      if (searches >= maxSearches || !(cost <= upper * 1.02 || upper === Infinity)) return here;
      const key = Array.from(chosen.keys()).filter((j) => chosen[j]).join(',');
      if (tried.has(key)) return here;
      tried.add(key);
      searches++;
      const h = solvePMedianHeuristic(p, facilities, { reach: R, start: chosen });
      return h.feasible && (!here || h.objective < here.objective) ? { open: h.open, objective: h.objective } : here;
    },
  };
}
