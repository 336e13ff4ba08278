import { coverageSets, type CoverageSets } from './coverage-sets.ts';
import type { LocationProblem } from './problem.ts';
import type { TieredParams } from './tiered.ts';

export interface TieredHeuristicResult {
  /** Units per site. */
  units: Int32Array;
  /** Σ_t w_t × weight meeting tier t, as the heuristic tracked it (callers re-verify). */
  objective: number;
  greedyObjective: number;
  swaps: number;
  passes: number;
  seconds: number;
  /** false when the greedy could not place every unit within the caps and budget (units then incomplete). */
  feasible: boolean;
}

/**
 * Greedy plus vertex substitution for the tiered model (see tiered.ts; the MCLP is the case of one
 * tier with k = 1 and one unit per site). Deterministic: ties go to the lowest site index.
 *
 * Greedy: start from the existing posts' units, then add blocks of n = 1..K units (K the largest
 * k_t) at the site where they add the most objective per unit (a demand point gains tier t when its
 * count of units within T_t reaches k_t; blocks let the greedy see that 3 units at one post meet a
 * 3-unit tier where 1 unit adds nothing).
 * Substitution: for each site, take its movable units away and re-place them greedily; keep the
 * move when it improves the objective, and sweep until a whole pass makes no improving move or
 * the time is up.
 *
 * The gain of adding n units is kept for every site and updated incrementally: when demand i's
 * count in tier t changes, only the sites in N_t(i) change.
 * `nowS` is the clock (seconds) used for the time limit; the engine reads no clock of its own.
 */
export function solveTieredHeuristic(
  p: LocationProblem, params: TieredParams,
  options: { timeLimitS?: number; nowS?: () => number; sets?: readonly CoverageSets[] } = {},
): TieredHeuristicResult {
  const nowS = options.nowS ?? (() => 0);
  const t0 = nowS();
  const limit = options.timeLimitS ?? Infinity;
  const nj = p.candidateIds.length, ni = p.demandIds.length;
  const tiers = params.tiers;
  const sets = options.sets ?? tiers.map((t) => coverageSets(p, t.targetS));
  const nt = tiers.length;
  const count = tiers.map(() => new Int32Array(ni));
  // gain[n-1][j]: objective added by n more units at j (n = 1..K, K the largest k_t);
  // a demand in tier t adds to gain[n-1] when k_t − n <= count < k_t.
  const K = Math.max(...tiers.map((t) => t.units));
  const gain = Array.from({ length: K }, () => new Float64Array(nj));
  const value = tiers.map((t) => Float64Array.from(p.demandWeight, (a) => a * (t.weight ?? 1)));
  const units = new Int32Array(nj);
  const cap = Int32Array.from(p.maxUnits, (u) => Math.min(u, params.units));
  let objective = 0;
  let spent = 0;
  const budget = params.budget ?? Infinity;

  // Initial gains: all counts 0, so tier t adds to gain[n-1] for n >= k_t.
  for (let t = 0; t < nt; t++) {
    const s = sets[t];
    for (let j = 0; j < nj; j++) {
      let w = 0;
      for (let q = s.candStart[j]; q < s.candStart[j + 1]; q++) w += value[t][s.candDemand[q]];
      for (let n = tiers[t].units; n <= K; n++) gain[n - 1][j] += w;
    }
  }

  /** Change the units at j by delta (±1), updating counts, gains and the objective. */
  const change = (j: number, delta: 1 | -1) => {
    units[j] += delta;
    for (let t = 0; t < nt; t++) {
      const s = sets[t], c = count[t], k = tiers[t].units, v = value[t];
      for (let q = s.candStart[j]; q < s.candStart[j + 1]; q++) {
        const i = s.candDemand[q];
        const before = c[i], after = before + delta;
        c[i] = after;
        const a = v[i];
        if (a === 0) continue;
        if (before < k && after >= k) objective += a;
        else if (before >= k && after < k) objective -= a;
        for (let n = 1; n <= K; n++) {
          const d = (after >= k - n && after < k ? a : 0) - (before >= k - n && before < k ? a : 0);
          if (d === 0) continue;
          const g = gain[n - 1];
          for (let r = s.demStart[i]; r < s.demStart[i + 1]; r++) g[s.demCand[r]] += d;
        }
      }
    }
  };
  const affordable = (j: number) => units[j] > 0 || spent + p.siteCost[j] <= budget + 1e-9;
  const add = (j: number) => { if (units[j] === 0) spent += p.siteCost[j]; change(j, 1); };
  const remove = (j: number) => { change(j, -1); if (units[j] === 0) spent -= p.siteCost[j]; };
  /** The best block (site, n units, n <= most) by objective added per unit; ties: fewer units, lower index. */
  const bestBlock = (most: number): [number, number] => {
    let best = -1, bestN = 0, bestRate = -Infinity;
    for (let n = 1; n <= Math.min(K, most); n++) {
      const g = gain[n - 1];
      for (let j = 0; j < nj; j++) {
        if (units[j] + n > cap[j] || !affordable(j)) continue;
        const rate = g[j] / n;
        if (rate > bestRate + 1e-9) { bestRate = rate; best = j; bestN = n; }
      }
    }
    return [best, bestN];
  };
  /** Place `count` units greedily by blocks; returns the sites used, one entry per unit. */
  const place = (count: number): number[] => {
    const used: number[] = [];
    while (used.length < count) {
      const [j, n] = bestBlock(count - used.length);
      if (j < 0) break;
      for (let u = 0; u < n; u++) { add(j); used.push(j); }
    }
    return used;
  };

  let placed = 0;
  for (let j = 0; j < nj; j++) for (let u = 0; u < p.minUnits[j]; u++) { add(j); placed++; }
  const greedy = place(params.units - placed);
  if (placed + greedy.length < params.units) {
    // Caps and budget left no site for the remaining units: report, don't guess.
    return { units, objective, greedyObjective: objective, swaps: 0, passes: 0, seconds: nowS() - t0, feasible: false };
  }
  const greedyObjective = objective;

  // Vertex substitution: take all movable units off a site and re-place them greedily; keep if better.
  let swaps = 0, passes = 0;
  let improved = true;
  while (improved && nowS() - t0 < limit) {
    improved = false;
    passes++;
    for (let j = 0; j < nj && nowS() - t0 < limit; j++) {
      const movable = units[j] - p.minUnits[j];
      if (movable <= 0) continue;
      const before = objective;
      for (let u = 0; u < movable; u++) remove(j);
      const used = place(movable);
      if (used.length === movable && objective > before + 1e-9 && !used.every((x) => x === j)) {
        swaps++; improved = true;
      } else {
        for (const x of used) remove(x);
        for (let u = 0; u < movable; u++) add(j);
      }
    }
  }
  return { units, objective, greedyObjective, swaps, passes, seconds: nowS() - t0, feasible: true };
}
