import { createFlowNetwork } from './max-flow.ts';
import { minCostAssignment } from './min-cost-assignment.ts';

/**
 * Travel times from sources (posts, or units where they stand) to exits, as sparse pairs: source
 * `source[k]` reaches exit `exit[k]` in `timeS[k]` seconds. A pair not listed is unreachable.
 */
export interface ExitTimes {
  readonly exit: ArrayLike<number>;
  readonly source: ArrayLike<number>;
  readonly timeS: ArrayLike<number>;
}

/** A blockade: exit e is closed by a unit of source `source[e]`, arriving after `arrivalS[e]` seconds. */
export interface Blockade {
  readonly feasible: true;
  /** L*: the latest arrival, least over all feasible assignments. */
  readonly latestS: number;
  /** Least total arrival time Σ_e t over the assignments whose latest arrival is L*. */
  readonly totalS: number;
  readonly source: Int32Array;
  readonly arrivalS: Float64Array;
}

/**
 * Why no blockade exists: `unreachable` (no unit reaches these exits at all), `too-few-units` (fewer
 * units than exits), or `hall`: the exits listed can only be reached by the sources listed, which hold
 * fewer units in all (`units`) than there are such exits (Hall's condition fails).
 */
export interface NoBlockade {
  readonly feasible: false;
  readonly reason: 'unreachable' | 'too-few-units' | 'hall';
  readonly exits: readonly number[];
  readonly sources: readonly number[];
  readonly units: number;
}

/**
 * Close every exit with a unit, each source's units closing at most as many exits as it has units,
 * minimising the latest arrival and then, among those assignments, the total arrival time:
 *
 *   L* = min_x max { t_se : x_se = 1 }
 *   minimise    Σ_{(s,e)} t_se x_se
 *   subject to  Σ_s x_se = 1            for every exit e ∈ E
 *               Σ_e x_se <= u_s         for every source s ∈ S
 *               x_se = 0 where t_se > L* (or the pair is unreachable);  x_se ∈ {0, 1}
 *
 * E: exits; S: sources (posts) with u_s units; t_se: travel time from s to e (seconds).
 *
 * Method (exact): L* is one of the pair times; a threshold τ is feasible when the flow network
 * source → exit (capacity 1) → post (pairs with t_se <= τ) → sink (capacity u_s) carries |E|; binary
 * search over the sorted distinct times finds the least feasible τ = L*. The total is then a min-cost
 * assignment (successive shortest paths) on the pairs with t_se <= L*. When no τ is feasible, the
 * source side of a minimum cut names the exits that violate Hall's condition.
 *
 * @example
 * solveBlockade(2, [1, 1], { exit: [0, 0, 1], source: [0, 1, 1], timeS: [30, 20, 50] })
 * // { latestS: 50, totalS: 80, source: [0, 1], arrivalS: [30, 50] }
 */
export function solveBlockade(exitCount: number, units: ArrayLike<number>, times: ExitTimes): Blockade | NoBlockade {
  const sourceCount = units.length;
  const m = times.exit.length;
  if (times.source.length !== m || times.timeS.length !== m) throw new Error('exit times: exit, source and timeS must have equal lengths');
  let totalUnits = 0;
  for (let s = 0; s < sourceCount; s++) {
    if (!(Number.isInteger(units[s]) && units[s] >= 0)) throw new Error(`units[${s}]: expected an integer >= 0, got ${units[s]}`);
    totalUnits += units[s];
  }
  // Usable pairs: finite time, a source with units.
  const keep: number[] = [];
  const reached = new Uint8Array(exitCount);
  for (let k = 0; k < m; k++) {
    const e = times.exit[k], s = times.source[k], t = times.timeS[k];
    if (!(Number.isInteger(e) && e >= 0 && e < exitCount)) throw new Error(`pair ${k}: exit ${e} out of range`);
    if (!(Number.isInteger(s) && s >= 0 && s < sourceCount)) throw new Error(`pair ${k}: source ${s} out of range`);
    if (!(t >= 0)) throw new Error(`pair ${k}: time must be >= 0, got ${t}`);
    if (t === Infinity || units[s] === 0) continue;
    keep.push(k);
    reached[e] = 1;
  }
  if (exitCount === 0) return { feasible: true, latestS: 0, totalS: 0, source: new Int32Array(0), arrivalS: new Float64Array(0) };
  const unreachable: number[] = [];
  for (let e = 0; e < exitCount; e++) if (!reached[e]) unreachable.push(e);
  if (unreachable.length) return { feasible: false, reason: 'unreachable', exits: unreachable, sources: [], units: 0 };
  if (totalUnits < exitCount) {
    return { feasible: false, reason: 'too-few-units', exits: range(exitCount), sources: range(sourceCount).filter((s) => units[s] > 0), units: totalUnits };
  }

  const check = createThresholdCheck(exitCount, units, times, keep);
  if (check.matched(Infinity) < exitCount) {
    const side = check.sourceSide();
    const exits = range(exitCount).filter((e) => side[e]);
    const sources = range(sourceCount).filter((s) => side[exitCount + s]);
    return { feasible: false, reason: 'hall', exits, sources, units: sources.reduce((a, s) => a + units[s], 0) };
  }
  // Binary search over the sorted distinct pair times for the least feasible threshold.
  const distinct = [...new Set(keep.map((k) => times.timeS[k]))].sort((a, b) => a - b);
  let lo = 0, hi = distinct.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (check.matched(distinct[mid]) === exitCount) hi = mid; else lo = mid + 1;
  }
  const latestS = distinct[lo];
  const within = keep.filter((k) => times.timeS[k] <= latestS);
  const best = minCostAssignment(exitCount, sourceCount, units, {
    row: within.map((k) => times.exit[k]), col: within.map((k) => times.source[k]), cost: within.map((k) => times.timeS[k]),
  });
  if (!best) throw new Error('internal: the threshold was feasible but the min-cost assignment found none');
  const arrivalS = new Float64Array(exitCount);
  const timeOf = new Map<number, number>();
  for (const k of within) {
    const key = times.exit[k] * sourceCount + times.source[k];
    const t = times.timeS[k];
    if (!(timeOf.get(key)! <= t)) timeOf.set(key, t);
  }
  let totalS = 0, latest = 0;
  const used = new Int32Array(sourceCount);
  for (let e = 0; e < exitCount; e++) {
    arrivalS[e] = timeOf.get(e * sourceCount + best.col[e])!;
    totalS += arrivalS[e];
    latest = Math.max(latest, arrivalS[e]);
    used[best.col[e]]++;
  }
  for (let s = 0; s < sourceCount; s++) if (used[s] > units[s]) throw new Error(`internal: source ${s} closes ${used[s]} exits with ${units[s]} units`);
  if (latest !== latestS) throw new Error(`internal: the assignment's latest arrival ${latest} differs from the threshold ${latestS}`);
  return { feasible: true, latestS, totalS, source: best.col, arrivalS };
}

/**
 * The most exits any assignment closes within each time in `withinS` (each source closing at most
 * u_s exits): the maximum matching over the pairs with t_se <= τ. Divide by the exit count for a share.
 */
export function mostExitsClosedWithin(exitCount: number, units: ArrayLike<number>, times: ExitTimes, withinS: readonly number[]): number[] {
  const keep: number[] = [];
  for (let k = 0; k < times.exit.length; k++) if (times.timeS[k] < Infinity && units[times.source[k]] > 0) keep.push(k);
  const check = createThresholdCheck(exitCount, units, times, keep);
  return withinS.map((tau) => check.matched(tau));
}

/** A reusable flow network: source → exits (1) → sources (pairs within a threshold, unbounded) → sink (units). */
function createThresholdCheck(exitCount: number, units: ArrayLike<number>, times: ExitTimes, keep: readonly number[]) {
  const sourceCount = units.length;
  const S = exitCount + sourceCount, T = S + 1;
  const net = createFlowNetwork(T + 1);
  for (let e = 0; e < exitCount; e++) net.addArc(S, e, 1);
  const pairArc = keep.map((k) => net.addArc(times.exit[k], exitCount + times.source[k], Infinity));
  for (let s = 0; s < sourceCount; s++) net.addArc(exitCount + s, T, units[s]);
  return {
    matched(tau: number): number {
      keep.forEach((k, i) => net.setCapacity(pairArc[i], times.timeS[k] <= tau ? Infinity : 0));
      net.resetFlow();
      return net.maxFlow(S, T);
    },
    sourceSide: () => net.sourceSide(S),
  };
}

function range(n: number): number[] {
  return Array.from({ length: n }, (_, i) => i);
}
