import { lazyPackage } from '../lazy-package.ts';

const seedrandom = lazyPackage<typeof import('seedrandom')>('seedrandom');
import { coverageSets, type CoverageSets } from './coverage-sets.ts';
import type { LocationProblem } from './problem.ts';
import { createTierState } from './tier-state.ts';
import { tierValues, type TierValue } from './tier-value.ts';
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

/** Expected objective: increments changing less than this are not passed on to the gains (tier-state.ts). */
export const EXPECTED_GAIN_TOLERANCE = 1e-3;

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
 * The gain of adding n units is kept for every site and updated incrementally (tier-state.ts): when
 * demand i's count in tier t changes, only the sites in N_t(i) change.
 * Objective: `values` (tier-value.ts) gives what a demand point earns in each tier with n units within
 * the target; the default is the static [n >= k] (the tiered model of tiered.ts), the expected
 * (busy-aware) objective passes the binomial tails.
 * `start`: a feasible deployment (units within the limits, P in all, no budget) to descend from
 * instead of the greedy (ignored when it does not fit).
 * `nowS` is the clock (seconds) used for the time limit; the engine reads no clock of its own.
 */
export function solveTieredHeuristic(
  p: LocationProblem, params: TieredParams,
  options: { timeLimitS?: number; nowS?: () => number; sets?: readonly CoverageSets[]; rounds?: number; seed?: string; values?: readonly TierValue[]; gainTolerance?: number; start?: ArrayLike<number> } = {},
): TieredHeuristicResult {
  const nowS = options.nowS ?? (() => 0);
  const t0 = nowS();
  const limit = options.timeLimitS ?? Infinity;
  const nj = p.candidateIds.length;
  const tiers = params.tiers;
  const sets = options.sets ?? tiers.map((t) => coverageSets(p, t.targetS));
  // Blocks of up to K units (K the largest k_t).
  const K = Math.max(...tiers.map((t) => t.units));
  const values = options.values ?? tierValues(tiers, 'static', 0, params.units + K);
  // Expected objective: gains as a guide (tier-state.ts), acceptance by the exact objective.
  const state = createTierState(p, tiers, values, sets, K, values.every((v) => v.step) ? 0 : options.gainTolerance ?? EXPECTED_GAIN_TOLERANCE);
  const { units, gain } = state;
  const cap = Int32Array.from(p.maxUnits, (u) => Math.min(u, params.units));
  let spent = 0;
  const budget = params.budget ?? Infinity;

  const affordable = (j: number) => units[j] > 0 || spent + p.siteCost[j] <= budget + 1e-9;
  const add = (j: number) => { if (units[j] === 0) spent += p.siteCost[j]; state.add(j); };
  const remove = (j: number) => { state.remove(j); if (units[j] === 0) spent -= p.siteCost[j]; };
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
  const start = options.start;
  const startOk = start !== undefined && start.length === nj && Array.from(start).every((y, j) => y >= p.minUnits[j] && y <= cap[j])
    && Array.from(start).reduce((a, b) => a + b, 0) === params.units && (params.budget === undefined);
  if (startOk) {
    // A given feasible start (a neighbouring block's layout): descend from there instead of the greedy.
    for (let j = 0; j < nj; j++) for (let u = 0; u < start[j]; u++) { add(j); placed++; }
  } else {
    for (let j = 0; j < nj; j++) for (let u = 0; u < p.minUnits[j]; u++) { add(j); placed++; }
  }
  const greedy = place(params.units - placed);
  if (placed + greedy.length < params.units) {
    // Caps and budget left no site for the remaining units: report, don't guess.
    return { units, objective: state.objective, greedyObjective: state.objective, swaps: 0, passes: 0, rounds: 0, timeLimited: false, seconds: nowS() - t0, feasible: false };
  }
  const greedyObjective = state.objective;
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
          const before = state.objective;
          for (let u = 0; u < n; u++) remove(j);
          const used = place(n);
          if (used.length === n && state.objective > before + 1e-9 && !used.every((x) => x === j)) {
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
    let bestObjective = state.objective;
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
      if (state.objective > bestObjective + 1e-9) {
        bestObjective = state.objective;
        best.set(units);
      } else {
        goTo(best); // a no-op when the descent came back to the best
      }
    }
    goTo(best);
  }
  return { units, objective: state.objective, greedyObjective, swaps, passes, rounds, timeLimited, seconds: nowS() - t0, feasible: true };
}
