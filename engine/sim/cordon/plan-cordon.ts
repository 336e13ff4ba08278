import { solveBlockade } from '../../geography/blockade.ts';
import type { ShortestPathSearch } from '../../routing/dijkstra.ts';

/**
 * Units that may close exits, where they are: unit k stands at `node[k]` (or finishes its current
 * edge there after `offsetS[k]` seconds) and drives with the travel times of search `group[k]`
 * (`searches[group[k]]` of planCordon; groups without units need no search).
 */
export interface CordonUnits {
  count: number;
  readonly node: Int32Array;
  readonly offsetS: Float64Array;
  readonly group: Int32Array;
}

/** Every exit closed within the time: exit e by unit `unit[e]` (index into CordonUnits) after `arrivalS[e]` s. */
export interface CordonMet {
  readonly met: true;
  /** L*: the latest arrival, least over all one-unit-per-exit assignments. */
  readonly latestS: number;
  /** The least total arrival time among the assignments reaching L*. */
  readonly totalS: number;
  readonly unit: Int32Array;
  readonly arrivalS: Float64Array;
}

/**
 * No assignment closes every exit within the time: `too-few-units` (fewer units than exits) or
 * `late` (some exits can't all get distinct units in time: Hall's condition fails within the time).
 */
export interface CordonMissed {
  readonly met: false;
  readonly reason: 'too-few-units' | 'late';
}

/** Scratch reused across incidents (pairs, per-node unit lists, the fastest times so far). */
export interface CordonScratch {
  exit: Int32Array;
  source: Int32Array;
  timeS: Float64Array;
  firstAt: Int32Array;
  nextAt: Int32Array;
  best: Float64Array;
}

export function createCordonScratch(nodeCount: number): CordonScratch {
  return {
    exit: new Int32Array(256), source: new Int32Array(256), timeS: new Float64Array(256),
    firstAt: new Int32Array(nodeCount).fill(-1), nextAt: new Int32Array(64), best: new Float64Array(64),
  };
}

/**
 * Close every exit of a ring with one unit each, within `withinS`:
 *
 *   t_ke = offsetS_k + d_k(node_k, e)        (d_k: the travel times of unit k's group)
 *   L*   = min over one-to-one maps π: exits → units of max_e t_{π(e) e}
 *   met  ⇔ L* <= withinS;  then π minimises L* and, among those, Σ_e t_{π(e) e}
 *
 * Method (exact; the blockade engine of engine/geography/blockade.ts): per exit and group, one
 * reverse search bounded by withinS and stopped once the units found hold as many as there are
 * exits, counting the offsets (a node is settled at d, every unit not yet found has t >= d, so the
 * search stops when d reaches the |E|-th smallest t found). Keeping, for each exit, only its |E|
 * nearest units keeps L*, the total and feasibility (an exit served from farther can switch to a
 * free unit among them: the others use at most |E| − 1). Then bottleneck assignment and min-cost
 * assignment on the pairs kept. Searches (one per group) and scratch are reused across incidents.
 */
export function planCordon(exits: ArrayLike<number>, withinS: number, units: CordonUnits, searches: readonly (ShortestPathSearch | undefined)[], scratch: CordonScratch): CordonMet | CordonMissed {
  const m = exits.length;
  if (m === 0) return { met: true, latestS: 0, totalS: 0, unit: new Int32Array(0), arrivalS: new Float64Array(0) };
  if (units.count < m) return { met: false, reason: 'too-few-units' };
  if (scratch.nextAt.length < units.count) scratch.nextAt = new Int32Array(2 * units.count);
  if (scratch.best.length < m) scratch.best = new Float64Array(2 * m);
  const { firstAt, nextAt, best } = scratch;
  let pairs = 0;
  const push = (e: number, k: number, t: number) => {
    if (pairs === scratch.exit.length) {
      const grow = <T extends Int32Array | Float64Array>(a: T, make: (n: number) => T) => { const b = make(2 * a.length); b.set(a); return b; };
      scratch.exit = grow(scratch.exit, (n) => new Int32Array(n));
      scratch.source = grow(scratch.source, (n) => new Int32Array(n));
      scratch.timeS = grow(scratch.timeS, (n) => new Float64Array(n));
    }
    scratch.exit[pairs] = e; scratch.source[pairs] = k; scratch.timeS[pairs] = t; pairs++;
  };
  let groups = 0;
  for (let k = 0; k < units.count; k++) groups = Math.max(groups, units.group[k] + 1);
  const present = new Uint8Array(groups);
  for (let k = 0; k < units.count; k++) present[units.group[k]] = 1;
  // Units listed per node (the lists are emptied again below).
  for (let k = units.count - 1; k >= 0; k--) { nextAt[k] = firstAt[units.node[k]]; firstAt[units.node[k]] = k; }
  // found: units found so far for the current exit; best[0..min(found, m)) their smallest times, ascending.
  let found = 0;
  let exitIndex = 0, group = 0;
  const stopWhen = (v: number, d: number): boolean => {
    for (let k = firstAt[v]; k >= 0; k = nextAt[k]) {
      if (units.group[k] !== group) continue;
      const t = d + units.offsetS[k];
      if (t > withinS) continue;
      push(exitIndex, k, t);
      found = insertFastest(best, found, m, t);
    }
    return found >= m && d >= best[m - 1];
  };
  for (let e = 0; e < m; e++) {
    exitIndex = e;
    found = 0;
    for (let g = 0; g < groups; g++) {
      if (!present[g]) continue;
      // Units found in earlier groups bound this group's search too.
      group = g;
      const bound = found >= m ? Math.min(withinS, best[m - 1]) : withinS;
      searches[g]!.run([exits[e]], { direction: 'reverse', maxTimeS: bound, stopWhen });
    }
  }
  for (let k = 0; k < units.count; k++) firstAt[units.node[k]] = -1;
  const ones = new Int32Array(units.count).fill(1);
  const plan = solveBlockade(m, ones, { exit: scratch.exit.subarray(0, pairs), source: scratch.source.subarray(0, pairs), timeS: scratch.timeS.subarray(0, pairs) });
  if (!plan.feasible) return { met: false, reason: 'late' };
  return { met: true, latestS: plan.latestS, totalS: plan.totalS, unit: plan.source, arrivalS: plan.arrivalS };
}

/** Keep the `size` smallest times in best[0..found) (ascending); returns the new count. */
function insertFastest(best: Float64Array, found: number, size: number, time: number): number {
  if (found >= size && time >= best[size - 1]) return found + 1;
  let k = found < size ? found : size - 1;
  while (k > 0 && best[k - 1] > time) { best[k] = best[k - 1]; k--; }
  best[k] = time;
  return found + 1;
}
