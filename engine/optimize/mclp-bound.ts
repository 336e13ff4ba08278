import type { CoverageSets } from './coverage-sets.ts';
import { solveMclpHeuristic } from './mclp-heuristic.ts';
import type { LocationProblem } from './problem.ts';
import type { SiteRelaxation } from './site-branch-and-bound.ts';
import type { SortedReach } from './sorted-reach.ts';

/**
 * Lagrangian relaxation of the MCLP (mclp.ts) as a {@link SiteRelaxation}, in minimisation form
 * (the negated covered weight). Relaxing each coverage row z_i <= Σ_{j∈N(i)} y_j with a multiplier
 * μ_i ∈ [0, a_i] gives the upper bound on the covered weight
 *
 *   U(μ) = Σ_i max(0, a_i − μ_i) + max { Σ_j σ_j y_j : Σ_j y_j = P },  σ_j = Σ_{i∈M(j)} μ_i,
 *
 * (Galvão & ReVelle 1996; the relaxation has the integrality property, so its best value is the LP
 * bound), so base = −Σ_i max(0, a_i − μ_i), ρ_j = −σ_j. A row covered by a site fixed open counts
 * a_i whatever μ; a row no site that may open covers counts nothing. The subgradient of −U is
 * g_i = z_i − |{ j chosen : i ∈ M(j) }| with z_i = [a_i > μ_i], and μ ← clamp(μ + t g, 0, a_i).
 * A relaxed answer is a deployment as it stands; within 2 % of the best known (in covered
 * weight), the MCLP heuristic's local search starts from it (at most `searches` times, never twice
 * from the same sites). M(j), N(i): the coverage sets within the target.
 */
export function mclpRelaxation(p: LocationProblem, sets: CoverageSets, facilities: number, reach: SortedReach, options: { integral?: boolean; searches?: number } = {}): SiteRelaxation {
  const ni = p.demandIds.length, nj = p.candidateIds.length;
  const a = p.demandWeight;
  // Row state at the node: 1 covered by a site fixed open, 0 covered by no site that may open, -1 open question.
  const rowState = new Int8Array(ni);
  const count = new Int32Array(ni);
  const tried = new Set<string>();
  let searches = 0;
  const maxSearches = options.searches ?? 50;
  return {
    sites: nj, multipliers: ni, open: facilities, integral: options.integral ?? false,
    prepare(state) {
      rowState.fill(0);
      for (let j = 0; j < nj; j++) {
        if (state[j] === 0) continue;
        const v = state[j] === 1 ? 1 : -1;
        for (let q = sets.candStart[j]; q < sets.candStart[j + 1]; q++) { const i = sets.candDemand[q]; if (rowState[i] !== 1) rowState[i] = v; }
      }
      return true;
    },
    start(open) {
      // μ_i = a_i where the deployment covers i once (its weight is then "paid" by the site), 0 elsewhere.
      const mu = new Float64Array(ni);
      count.fill(0);
      for (let j = 0; j < nj; j++) if (open[j] > 0) for (let q = sets.candStart[j]; q < sets.candStart[j + 1]; q++) count[sets.candDemand[q]]++;
      for (let i = 0; i < ni; i++) mu[i] = count[i] === 1 ? a[i] : 0;
      return mu;
    },
    evaluate(mu, state, rho) {
      let base = 0;
      for (let i = 0; i < ni; i++) {
        if (rowState[i] === 1) base -= a[i];
        else if (rowState[i] === -1 && a[i] > mu[i]) base -= a[i] - mu[i];
      }
      for (let j = 0; j < nj; j++) {
        if (state[j] === 0) continue;
        let s = 0;
        for (let q = sets.candStart[j]; q < sets.candStart[j + 1]; q++) { const i = sets.candDemand[q]; if (rowState[i] === -1) s += mu[i]; }
        rho[j] = -s;
      }
      return base;
    },
    subgradient(mu, _state, chosen, g) {
      count.fill(0);
      for (let j = 0; j < nj; j++) if (chosen[j]) for (let q = sets.candStart[j]; q < sets.candStart[j + 1]; q++) count[sets.candDemand[q]]++;
      for (let i = 0; i < ni; i++) g[i] = rowState[i] === -1 ? (a[i] > mu[i] ? 1 : 0) - count[i] : 0;
    },
    project(mu, d) {
      let norm = 0;
      for (let i = 0; i < ni; i++) {
        if ((mu[i] <= 0 && d[i] < 0) || (mu[i] >= a[i] && d[i] > 0)) d[i] = 0;
        norm += d[i] * d[i];
      }
      return norm;
    },
    step(mu, d, t) {
      for (let i = 0; i < ni; i++) if (d[i] !== 0) mu[i] = Math.min(a[i], Math.max(0, mu[i] + t * d[i]));
    },
    deployment(chosen, _state, upper) {
      count.fill(0);
      for (let j = 0; j < nj; j++) if (chosen[j]) for (let q = sets.candStart[j]; q < sets.candStart[j + 1]; q++) count[sets.candDemand[q]]++;
      let covered = 0;
      for (let i = 0; i < ni; i++) if (count[i] > 0) covered += a[i];
      const here = { open: Uint8Array.from(chosen), objective: -covered };
      // upper is the best objective known in minimisation form (−covered weight).
      if (searches >= maxSearches || !(-covered <= upper + 0.02 * Math.abs(upper) || upper === Infinity)) return here;
      const key = Array.from(chosen.keys()).filter((j) => chosen[j]).join(',');
      if (tried.has(key)) return here;
      tried.add(key);
      searches++;
      const h = solveMclpHeuristic(p, facilities, reach, { start: chosen });
      return h.feasible && h.covered > covered ? { open: h.open, objective: -h.covered } : here;
    },
  };
}
