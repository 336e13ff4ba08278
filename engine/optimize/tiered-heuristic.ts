import { lazyPackage } from '../lazy-package.ts';

const seedrandom = lazyPackage<typeof import('seedrandom')>('seedrandom');
import { coverageSets, type CoverageSets } from './coverage-sets.ts';
import type { LocationProblem } from './problem.ts';
import type { TieredParams } from './tiered.ts';

export interface TieredHeuristicResult {
  /** Units per site. */
  units: Int32Array;
  /** Σ_t w_t × weight meeting tier t, as the heuristic tracked it (callers re-verify). */
  objective: number;
  greedyObjective: number;
  /** Improving local-search moves made. */
  swaps: number;
  /** Sweeps over the sites made by the local search (all descents together). */
  passes: number;
  /** Perturbation rounds of the iterated local search done (fewer than asked when the time ran out). */
  rounds: number;
  /** true when the time limit stopped the local search or the rounds early (the answer then depends on machine speed). */
  timeLimited: boolean;
  seconds: number;
  /** false when the greedy could not place every unit within the caps and budget (units then incomplete). */
  feasible: boolean;
}

/** Perturbation rounds of the iterated local search by default. */
const DEFAULT_ROUNDS = 150;
/** A perturbation moves between PERTURB_MIN and PERTURB_MAX units ... */
const PERTURB_MIN = 2, PERTURB_MAX = 5;
/** ... each to one of this many best sites for one more unit. */
const PERTURB_CHOICES = 30;

/**
 * Greedy, local search and iterated local search for the tiered model (see tiered.ts; the MCLP is the case of one
 * tier with k = 1 and one unit per site). Deterministic: ties go to the lowest site index.
 *
 * Greedy: start from the existing posts' units, then add blocks of n = 1..K units (K the largest
 * k_t) at the site where they add the most objective per unit (a demand point gains tier t when its
 * count of units within T_t reaches k_t; blocks let the greedy see that 3 units at one post meet a
 * 3-unit tier where 1 unit adds nothing).
 * Local search, sweeping the sites until a whole sweep improves nothing: for each site, move one of
 * its movable units to the best site for one more unit (relocation), then take all its movable units
 * away and re-place them greedily (vertex substitution); a move is kept when it improves the
 * objective.
 * Iterated local search (`rounds`, default {@link DEFAULT_ROUNDS}): each round moves 2–5 random
 * movable units to sites drawn from the {@link PERTURB_CHOICES} best for one more unit, descends
 * again, and keeps the result when it beats the best found, otherwise returns to the best. The random
 * stream is seedrandom(`seed`), so the result depends only on the inputs and the seed as long as
 * the time limit does not cut the search short (`timeLimited` in the result tells).
 * The gain of adding n units is kept for every site and updated incrementally: when demand i's
 * count in tier t changes, only the sites in N_t(i) change.
 * `nowS` is the clock (seconds) used for the time limit; the engine reads no clock of its own.
 */
export function solveTieredHeuristic(
  p: LocationProblem, params: TieredParams,
  options: { timeLimitS?: number; nowS?: () => number; sets?: readonly CoverageSets[]; rounds?: number; seed?: string } = {},
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

  /** The sites where one more unit adds the most (ties: lower index), best first, into `out`; returns how many. */
  const topByGain = (out: Int32Array): number => {
    let found = 0;
    const g = gain[0];
    for (let j = 0; j < nj; j++) {
      if (units[j] + 1 > cap[j] || !affordable(j)) continue;
      const v = g[j];
      if (found === out.length && v <= g[out[found - 1]]) continue;
      let q = found < out.length ? found++ : found - 1;
      while (q > 0 && g[out[q - 1]] < v) { out[q] = out[q - 1]; q--; }
      out[q] = j;
    }
    return found;
  };

  let placed = 0;
  for (let j = 0; j < nj; j++) for (let u = 0; u < p.minUnits[j]; u++) { add(j); placed++; }
  const greedy = place(params.units - placed);
  if (placed + greedy.length < params.units) {
    // Caps and budget left no site for the remaining units: report, don't guess.
    return { units, objective, greedyObjective: objective, swaps: 0, passes: 0, rounds: 0, timeLimited: false, seconds: nowS() - t0, feasible: false };
  }
  const greedyObjective = objective;
  const timeLeft = () => nowS() - t0 < limit;

  /** Local search to a local optimum; returns the number of improving moves. */
  const localSearch = (): number => {
    let moves = 0;
    let improved = true;
    while (improved) {
      if (!timeLeft()) { timeLimited = true; break; }
      improved = false;
      passes++;
      for (let j = 0; j < nj; j++) {
        if (!timeLeft()) { timeLimited = true; break; }
        const movable = units[j] - p.minUnits[j];
        if (movable <= 0) continue;
        // Relocation of one unit, then vertex substitution of all the site's movable units.
        for (const n of movable > 1 ? [1, movable] : [1]) {
          if (units[j] - p.minUnits[j] < n) continue;
          const before = objective;
          for (let u = 0; u < n; u++) remove(j);
          const used = place(n);
          if (used.length === n && objective > before + 1e-9 && !used.every((x) => x === j)) {
            moves++; improved = true;
          } else {
            for (const x of used) remove(x);
            for (let u = 0; u < n; u++) add(j);
          }
        }
      }
    }
    return moves;
  };

  let swaps = 0, passes = 0, rounds = 0, timeLimited = false;
  swaps += localSearch();
  // Iterated local search: relocate a few random units to random promising sites, descend again,
  // keep the result when it beats the best, otherwise return to the best.
  const maxRounds = options.rounds ?? DEFAULT_ROUNDS;
  if (maxRounds > 0) {
    const rng = seedrandom()(options.seed ?? 'patrolsim-tiered');
    const best = units.slice();
    let bestObjective = objective;
    const movableSites: number[] = [];
    const top = new Int32Array(Math.min(PERTURB_CHOICES, nj));
    const goTo = (target: Int32Array) => {
      for (let j = 0; j < nj; j++) while (units[j] > target[j]) remove(j);
      for (let j = 0; j < nj; j++) while (units[j] < target[j]) add(j);
    };
    for (; rounds < maxRounds; rounds++) {
      if (!timeLeft()) { timeLimited = true; break; }
      const moves = PERTURB_MIN + Math.floor(rng() * (PERTURB_MAX - PERTURB_MIN + 1));
      for (let m = 0; m < moves; m++) {
        movableSites.length = 0;
        for (let j = 0; j < nj; j++) if (units[j] > p.minUnits[j]) movableSites.push(j);
        if (movableSites.length === 0) break;
        const from = movableSites[Math.floor(rng() * movableSites.length)];
        remove(from);
        const found = topByGain(top);
        add(found > 0 ? top[Math.floor(rng() * found)] : from);
      }
      swaps += localSearch();
      if (objective > bestObjective + 1e-9) {
        bestObjective = objective;
        best.set(units);
      } else {
        goTo(best); // a no-op when the descent came back to the best
      }
    }
    goTo(best);
  }
  return { units, objective, greedyObjective, swaps, passes, rounds, timeLimited, seconds: nowS() - t0, feasible: true };
}
