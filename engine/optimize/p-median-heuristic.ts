import type { LocationProblem } from './problem.ts';
import { lazyPackage } from '../lazy-package.ts';
import { sortedReach, type SortedReach } from './sorted-reach.ts';

const seedrandom = lazyPackage<typeof import('seedrandom')>('seedrandom');

export interface PMedianHeuristicOptions {
  /** Start from these P sites (fixed ones included) instead of the greedy construction. */
  start?: ArrayLike<number>;
  /** Perturbation rounds of the iterated local search after the first local optimum (default 0). */
  rounds?: number;
  /** Seed of the perturbations (default fixed: the same inputs give the same deployment). */
  seed?: string;
  /** Perturbation rounds stop after this many seconds of `nowS` (default: no limit). */
  timeLimitS?: number;
  nowS?: () => number;
  /** Swaps at most over the whole search (default 100 (P + 1)). */
  maxSwaps?: number;
  reach?: SortedReach;
}

/** What {@link solvePMedianHeuristic} returns. */
export interface PMedianHeuristicResult {
  /** 0/1 per candidate: the open sites (exactly P when `feasible`). */
  readonly open: Int32Array;
  /** Σ_i a_i min_{j open} d_ij, recomputed; Infinity when some demand (a_i > 0) is reached by no open site. */
  readonly objective: number;
  /** P sites open within the fixed and forbidden sites, every demand point reached. */
  readonly feasible: boolean;
  /** Objective after the greedy construction (before the swaps). */
  readonly greedyObjective: number;
  /** Improving swaps made by the vertex substitution. */
  readonly swaps: number;
}

/**
 * A p-median deployment by greedy construction and vertex substitution, as a warm start (an upper
 * bound) for the exact model: no proof of optimality.
 *
 * Greedy: open the fixed sites (minUnits >= 1), then repeatedly the allowed site (maxUnits >= 1)
 * whose opening lowers Σ_i a_i min_{j open} d_ij the most, until P are open (or start from
 * `options.start`, P allowed sites including the fixed ones). Vertex substitution
 * (Teitz & Bart 1968) in the fast-interchange form of Whitaker (1983) with the gain/loss/extra
 * bookkeeping of Resende & Werneck (2003): with d1(i), d2(i) the costs from demand i to its nearest
 * and second-nearest open sites and φ1(i) the nearest,
 *
 *   gain(j)     = Σ_i a_i max(0, d1(i) − d_ij)                       (opening j)
 *   loss(r)     = Σ_{i: φ1(i) = r} a_i (d2(i) − d1(i))                (closing r)
 *   extra(r, j) = Σ_{i: φ1(i) = r, d_ij < d2(i)} a_i (d2(i) − max(d_ij, d1(i)))
 *
 * and swapping r out for j changes the objective by −(gain(j) − loss(r) + extra(r, j)). Each round
 * makes the best swap (ties to the lowest indices, so runs repeat exactly) until none improves.
 * Then `rounds` of iterated local search: swap one or two random open sites (seeded stream) for
 * closed ones, search again, keep the result when it is better.
 * A demand point reached by no open site costs U = (max d + 1)(1 + Σ a / min a), more than any
 * assignment of the others, so the search first reaches every point it can.
 */
export function solvePMedianHeuristic(p: LocationProblem, facilities: number, options: PMedianHeuristicOptions = {}): PMedianHeuristicResult {
  const nj = p.candidateIds.length;
  const lists = options.reach ?? sortedReach(p);
  const { start, site, cost, demand, weight } = lists;
  const nd = demand.length;
  const open = new Int32Array(nj);
  const allowed = (j: number) => p.maxUnits[j] >= 1;
  let openCount = 0;
  for (let j = 0; j < nj; j++) if (((p.minUnits[j] >= 1) || (options.start !== undefined && options.start[j] > 0)) && allowed(j)) { open[j] = 1; openCount++; }
  let allowedCount = 0;
  for (let j = 0; j < nj; j++) if (allowed(j)) allowedCount++;
  const infeasible = (): PMedianHeuristicResult => ({ open, objective: Infinity, feasible: false, greedyObjective: Infinity, swaps: 0 });
  if (openCount > facilities || allowedCount < facilities) return infeasible();
  if (options.start !== undefined && openCount !== facilities) throw new Error(`p-median start: opens ${openCount} sites, not ${facilities}`);

  let maxCost = 0, totalW = 0, minW = Infinity;
  for (let q = 0; q < cost.length; q++) if (cost[q] > maxCost) maxCost = cost[q];
  for (let t = 0; t < nd; t++) { totalW += weight[t]; if (weight[t] < minW) minW = weight[t]; }
  const U = nd ? (maxCost + 1) * (1 + totalW / minW) : 0;

  // d1, φ1 (position in the demand's list, -1: none), d2 for each demand point.
  const d1 = new Float64Array(nd), d2 = new Float64Array(nd);
  const phi1 = new Int32Array(nd);
  const assign = (t: number) => {
    let a = -1, b = -1;
    for (let q = start[t]; q < start[t + 1]; q++) {
      if (!open[site[q]]) continue;
      if (a < 0) a = q; else { b = q; break; }
    }
    phi1[t] = a < 0 ? -1 : site[a];
    d1[t] = a < 0 ? U : cost[a];
    d2[t] = b < 0 ? U : cost[b];
  };
  for (let t = 0; t < nd; t++) assign(t);

  // Greedy with incremental gains: gain(j) = Σ_t w_t max(0, d1(t) − d_tj).
  const gain = new Float64Array(nj);
  for (let t = 0; t < nd; t++) {
    for (let q = start[t]; q < start[t + 1] && cost[q] < d1[t]; q++) gain[site[q]] += weight[t] * (d1[t] - cost[q]);
  }
  while (openCount < facilities) {
    let best = -1;
    for (let j = 0; j < nj; j++) if (!open[j] && allowed(j) && (best < 0 || gain[j] > gain[best])) best = j;
    open[best] = 1; openCount++;
    // Demand points that best now serves lose gain for every site between the new and the old d1.
    for (let t = 0; t < nd; t++) {
      const dNew = lists.costOf(t, best);
      if (!(dNew < d2[t])) continue;
      for (let q = start[t]; q < start[t + 1] && cost[q] < d1[t] && dNew < d1[t]; q++) {
        gain[site[q]] -= weight[t] * (d1[t] - Math.max(cost[q], dNew));
      }
      assign(t);
    }
  }
  const objectiveNow = () => { let s = 0; for (let t = 0; t < nd; t++) s += weight[t] * d1[t]; return s; };
  const greedyObjective = objectiveNow();

  // Fast interchange. slot[r]: dense index of open, swappable site r (fixed sites never leave).
  const swappable: number[] = [];
  for (let j = 0; j < nj; j++) if (open[j] && p.minUnits[j] < 1) swappable.push(j);
  const ns = swappable.length;
  const slot = new Int32Array(nj).fill(-1);
  swappable.forEach((r, s) => { slot[r] = s; });
  let swaps = 0;
  const maxSwaps = options.maxSwaps ?? 100 * (facilities + 1);
  const swap = (s: number, into: number) => {
    const out = swappable[s];
    open[out] = 0; open[into] = 1;
    swappable[s] = into; slot[out] = -1; slot[into] = s;
    for (let t = 0; t < nd; t++) {
      if (phi1[t] === out || d2[t] === U || lists.costOf(t, into) < d2[t] || lists.costOf(t, out) === d2[t]) assign(t);
    }
  };
  const searchable = ns > 0 && ns * nj <= 50_000_000;
  const extra = new Float64Array(searchable ? ns * nj : 0);
  const loss = new Float64Array(ns);
  /** Best-improvement swaps until none improves (or the swap budget is spent). */
  const localSearch = () => {
    while (swaps < maxSwaps) {
      gain.fill(0); loss.fill(0); extra.fill(0);
      for (let t = 0; t < nd; t++) {
        const w = weight[t], a = d1[t], b = d2[t];
        const s = phi1[t] >= 0 ? slot[phi1[t]] : -1;
        if (s >= 0) loss[s] += w * (b - a);
        for (let q = start[t]; q < start[t + 1] && cost[q] < b; q++) {
          const j = site[q];
          if (open[j]) continue;
          if (cost[q] < a) gain[j] += w * (a - cost[q]);
          if (s >= 0) extra[s * nj + j] += w * (b - Math.max(cost[q], a));
        }
      }
      let bestProfit = 0, bestIn = -1, bestOut = -1;
      const eps = 1e-9 * Math.max(1, objectiveNow());
      for (let j = 0; j < nj; j++) {
        if (open[j] || !allowed(j)) continue;
        for (let s = 0; s < ns; s++) {
          const profit = gain[j] - loss[s] + extra[s * nj + j];
          if (profit > bestProfit + eps) { bestProfit = profit; bestIn = j; bestOut = s; }
        }
      }
      if (bestIn < 0) return;
      swap(bestOut, bestIn);
      swaps++;
    }
  };
  if (searchable) {
    localSearch();
    // Iterated local search: close `kick` random swappable sites, open as many random closed ones,
    // search again, keep the result only when it is better.
    const closed: number[] = [];
    for (let j = 0; j < nj; j++) if (!open[j] && allowed(j)) closed.push(j);
    const rounds = closed.length ? (options.rounds ?? 0) : 0;
    if (rounds > 0) {
      const rng = seedrandom()(options.seed ?? 'patrolsim-pmedian');
      let bestCost = objectiveNow();
      let bestSet = Int32Array.from(swappable);
      const nowS = options.nowS ?? (() => 0);
      const t0 = nowS();
      for (let round = 0; round < rounds && swaps < maxSwaps && !(nowS() - t0 > (options.timeLimitS ?? Infinity)); round++) {
        const kick = Math.min(ns, closed.length, 1 + (round % 2));
        for (let k = 0; k < kick; k++) {
          const s = Math.floor(rng() * ns);
          let into = -1;
          for (let tries = 0; tries < 8 && into < 0; tries++) { const j = closed[Math.floor(rng() * closed.length)]; if (!open[j]) into = j; }
          if (into >= 0) swap(s, into);
        }
        localSearch();
        const now = objectiveNow();
        if (now < bestCost - 1e-9 * Math.max(1, bestCost)) { bestCost = now; bestSet = Int32Array.from(swappable); continue; }
        // Back to the best set.
        for (const r of swappable) { open[r] = 0; slot[r] = -1; }
        bestSet.forEach((r, s) => { open[r] = 1; swappable[s] = r; slot[r] = s; });
        for (let t = 0; t < nd; t++) assign(t);
      }
    }
  }
  const objective = objectiveNow();
  const feasible = nd === 0 || d1.every((v) => v < U);
  return { open, objective: feasible ? objective : Infinity, feasible, greedyObjective: feasible || greedyObjective < U ? greedyObjective : Infinity, swaps };
}
