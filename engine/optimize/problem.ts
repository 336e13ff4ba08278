/**
 * The plain-array form every location model in `engine/optimize` reads.
 *
 * Demand points i ∈ I (weight a_i >= 0) and candidate sites j ∈ J (opening cost c_j >= 0, at least
 * `minUnits[j]` and at most `maxUnits[j]` units) are addressed by dense index; ids only label them.
 * Travel costs d_ij are sparse, stored per candidate (CSR): candidate j reaches demand
 * `reachDemand[k]` at cost `reachCost[k]` for k in `reachStart[j] .. reachStart[j+1])`, sorted by
 * demand index. A pair that is not listed is unreachable (d_ij = Infinity).
 *
 * Covered, everywhere in patrolsim: demand i is covered by site j within target T when d_ij <= T
 * (arrival time <= target); a tier (T, k) needs at least k units with d_ij <= T.
 *
 * Existing posts have `minUnits[j] >= 1` (fixed open); a forbidden site has `maxUnits[j] = 0`.
 */
export interface LocationProblem {
  readonly demandIds: readonly string[];
  /** a_i: demand weight (incident rate, population; 1 when uniform). */
  readonly demandWeight: Float64Array;
  readonly candidateIds: readonly string[];
  /** c_j: cost of opening site j (1 when none is given). */
  readonly siteCost: Float64Array;
  /** Units that must stand at site j (existing posts: >= 1). */
  readonly minUnits: Int32Array;
  /** Most units site j may hold (0: forbidden). */
  readonly maxUnits: Int32Array;
  readonly reachStart: Int32Array;
  readonly reachDemand: Int32Array;
  /** d_ij in the problem's cost unit (seconds on networks). */
  readonly reachCost: Float64Array;
}

/** A (demand, cost) list per demand point: the transpose of the candidate lists. */
export interface DemandReach {
  readonly start: Int32Array;
  readonly candidate: Int32Array;
  readonly cost: Float64Array;
}

export interface ProblemInput {
  demandIds: readonly string[];
  demandWeight?: ArrayLike<number>;
  candidateIds: readonly string[];
  siteCost?: ArrayLike<number>;
  minUnits?: ArrayLike<number>;
  /** Default: no cap (2^30). */
  maxUnits?: ArrayLike<number>;
  /** Triples (candidate index, demand index, cost); a repeated pair keeps the last cost. */
  pairs: { candidate: ArrayLike<number>; demand: ArrayLike<number>; cost: ArrayLike<number> };
}

/** Largest unit count meaning "no cap". */
export const NO_UNIT_CAP = 1 << 30;

/**
 * Build a {@link LocationProblem} from plain arrays, checking every value (throws naming the field).
 *
 * @example
 * const p = createLocationProblem({ demandIds: ['a', 'b'], candidateIds: ['a'],
 *   pairs: { candidate: [0, 0], demand: [0, 1], cost: [0, 30] } });
 */
export function createLocationProblem(input: ProblemInput): LocationProblem {
  const ni = input.demandIds.length;
  const nj = input.candidateIds.length;
  const problems: string[] = [];
  const vec = (name: string, v: ArrayLike<number> | undefined, n: number, dflt: number, check: (x: number) => boolean, expect: string) => {
    const out = new Float64Array(n).fill(dflt);
    if (v === undefined) return out;
    if (v.length !== n) { problems.push(`${name}: expected ${n} values, got ${v.length}`); return out; }
    for (let i = 0; i < n; i++) {
      if (!check(v[i])) problems.push(`${name}[${i}]: expected ${expect}, got ${v[i]}`);
      out[i] = v[i];
    }
    return out;
  };
  const nonNeg = (x: number) => Number.isFinite(x) && x >= 0;
  const intNonNeg = (x: number) => Number.isInteger(x) && x >= 0 && x <= NO_UNIT_CAP;
  const demandWeight = vec('demandWeight', input.demandWeight, ni, 1, nonNeg, 'a number >= 0');
  const siteCost = vec('siteCost', input.siteCost, nj, 1, nonNeg, 'a number >= 0');
  const minUnits = Int32Array.from(vec('minUnits', input.minUnits, nj, 0, intNonNeg, 'an integer >= 0'));
  const maxUnits = Int32Array.from(vec('maxUnits', input.maxUnits, nj, NO_UNIT_CAP, intNonNeg, 'an integer >= 0'));
  for (let j = 0; j < nj; j++) {
    if (minUnits[j] > maxUnits[j]) problems.push(`candidate ${input.candidateIds[j]}: minUnits ${minUnits[j]} exceeds maxUnits ${maxUnits[j]}`);
  }
  const { candidate, demand, cost } = input.pairs;
  if (candidate.length !== demand.length || demand.length !== cost.length) problems.push('pairs: candidate, demand and cost must have equal lengths');
  const m = Math.min(candidate.length, demand.length, cost.length);
  for (let k = 0; k < m && problems.length < 50; k++) {
    if (!(Number.isInteger(candidate[k]) && candidate[k] >= 0 && candidate[k] < nj)) problems.push(`pairs[${k}].candidate: expected an index 0..${nj - 1}, got ${candidate[k]}`);
    if (!(Number.isInteger(demand[k]) && demand[k] >= 0 && demand[k] < ni)) problems.push(`pairs[${k}].demand: expected an index 0..${ni - 1}, got ${demand[k]}`);
    if (!(cost[k] >= 0)) problems.push(`pairs[${k}].cost: expected a number >= 0 (Infinity for unreachable), got ${cost[k]}`);
  }
  if (problems.length) throw new Error(problems.join('; '));

  // Sort pair indices by (candidate, demand, input order): a counting sort by candidate, then each
  // candidate's (short) range by demand; keep the last of each repeated pair.
  const bucket = new Int32Array(nj + 1);
  for (let k = 0; k < m; k++) bucket[candidate[k] + 1]++;
  for (let j = 0; j < nj; j++) bucket[j + 1] += bucket[j];
  const order = new Int32Array(m);
  const fillAt = bucket.slice(0, nj);
  for (let k = 0; k < m; k++) order[fillAt[candidate[k]]++] = k;
  for (let j = 0; j < nj; j++) {
    const range = order.subarray(bucket[j], bucket[j + 1]);
    let sorted = true;
    for (let q = 1; q < range.length && sorted; q++) if (demand[range[q]] < demand[range[q - 1]]) sorted = false;
    if (!sorted) range.sort((a, b) => demand[a] - demand[b] || a - b);
  }
  const reachStart = new Int32Array(nj + 1);
  const keep: number[] = [];
  for (let q = 0; q < m; q++) {
    const k = order[q];
    const next = q + 1 < m ? order[q + 1] : -1;
    if (next >= 0 && candidate[next] === candidate[k] && demand[next] === demand[k]) continue;
    if (cost[k] === Infinity) continue;
    keep.push(k);
    reachStart[candidate[k] + 1]++;
  }
  for (let j = 0; j < nj; j++) reachStart[j + 1] += reachStart[j];
  const reachDemand = new Int32Array(keep.length);
  const reachCost = new Float64Array(keep.length);
  keep.forEach((k, q) => { reachDemand[q] = demand[k]; reachCost[q] = cost[k]; });
  return {
    demandIds: input.demandIds.slice(), demandWeight, candidateIds: input.candidateIds.slice(),
    siteCost, minUnits, maxUnits, reachStart, reachDemand, reachCost,
  };
}

/** Build a problem from a dense cost matrix `cost[i * nj + j]` (Infinity: unreachable). */
export function problemFromMatrix(
  demandIds: readonly string[], candidateIds: readonly string[], cost: ArrayLike<number>,
  rest: Omit<ProblemInput, 'demandIds' | 'candidateIds' | 'pairs'> = {},
): LocationProblem {
  const ni = demandIds.length, nj = candidateIds.length;
  if (cost.length !== ni * nj) throw new Error(`cost matrix: expected ${ni * nj} entries, got ${cost.length}`);
  const c: number[] = [], d: number[] = [], v: number[] = [];
  for (let j = 0; j < nj; j++) for (let i = 0; i < ni; i++) {
    const x = cost[i * nj + j];
    if (x !== Infinity) { c.push(j); d.push(i); v.push(x); }
  }
  return createLocationProblem({ demandIds, candidateIds, ...rest, pairs: { candidate: c, demand: d, cost: v } });
}

/** The per-demand view: for demand i, candidates `candidate[start[i] .. start[i+1])` sorted by index. */
export function demandReach(p: LocationProblem): DemandReach {
  const ni = p.demandIds.length, nj = p.candidateIds.length;
  const start = new Int32Array(ni + 1);
  for (let k = 0; k < p.reachDemand.length; k++) start[p.reachDemand[k] + 1]++;
  for (let i = 0; i < ni; i++) start[i + 1] += start[i];
  const fill = start.slice(0, ni);
  const candidate = new Int32Array(p.reachDemand.length);
  const cost = new Float64Array(p.reachDemand.length);
  for (let j = 0; j < nj; j++) {
    for (let k = p.reachStart[j]; k < p.reachStart[j + 1]; k++) {
      const q = fill[p.reachDemand[k]]++;
      candidate[q] = j; cost[q] = p.reachCost[k];
    }
  }
  return { start, candidate, cost };
}

/** d_ij, or Infinity when the pair is not listed (binary search in j's sorted list). */
export function pairCost(p: LocationProblem, i: number, j: number): number {
  let lo = p.reachStart[j], hi = p.reachStart[j + 1] - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const d = p.reachDemand[mid];
    if (d === i) return p.reachCost[mid];
    if (d < i) lo = mid + 1; else hi = mid - 1;
  }
  return Infinity;
}

/** Sum of demand weights. */
export function totalWeight(p: LocationProblem): number {
  let s = 0;
  for (let i = 0; i < p.demandWeight.length; i++) s += p.demandWeight[i];
  return s;
}
