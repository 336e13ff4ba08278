import { EventKind } from './event-queue.ts';
import { unitSlots, type Candidates, type ReplicationState } from './replication-state.ts';
import type { TargetRow } from './travel-oracle.ts';
import { closeMotion, driveAlong, setUnitState } from './unit-actions.ts';
import { UnitState } from './unit-state.ts';

/**
 * Calls and the units sent to them: who could go (candidates), sending (the dispatcher chooses), and
 * the queue of calls still owed units.
 */

/** 1 for the states a unit can be dispatched from (atPost, patrolling, returning, moving). */
const AVAILABLE = Uint8Array.from([1, 1, 0, 0, 1, 0, 1]);

/**
 * Fill `sim.candidates` with the available units that can reach incident i's node at t (never one
 * the call already had: a unit counts once toward its tiers): where each is (lazy motion) and its
 * travel time (the rest of its current edge plus the shortest path from the edge's head), read from
 * one reverse row per travel slot. Allocates nothing.
 *
 * With `fastest` > 0 only units that can be among the `fastest` fastest are kept: units standing at
 * posts are read first (one flat table), then each other unit is read only when its landmark lower
 * bound (travel-bound.ts) does not exceed the `fastest`-th time found so far. The units chosen are
 * the same; the row reads of far-away units are saved.
 */
export function collectCandidates(sim: ReplicationState, i: number, t: number, fastest = 0): Candidates {
  const c = sim.candidates;
  c.count = 0;
  if (sim.availableCount === 0) return c;
  const target = sim.incidents.node[i];
  const oracle = sim.oracle;
  const stamp = ++sim.rowStamp;
  const rowAt = sim.slotRowStamp, rows = sim.slotRow;
  const slotOf = unitSlots(sim, t);
  const state = sim.unitState;
  const motion = sim.motion;
  const loc = sim.loc;
  const sent = sim.unitMark;
  const from = sim.assignOffset[i], to = from + sim.assignedCount[i];
  for (let s = from; s < to; s++) sent[sim.assignUnit[s]] = 1;
  const prune = fastest > 0;
  const best = sim.fastestTimes;
  let found = 0;
  let deferred = 0;
  for (let u = 0; u < sim.unitCount; u++) {
    if (AVAILABLE[state[u]] === 0 || sent[u]) continue;
    const slot = slotOf[u];
    let row = rows[slot];
    if (rowAt[slot] !== stamp || row === null) { row = oracle.slotToTarget(slot, target); rows[slot] = row; rowAt[slot] = stamp; }
    const m = motion[u];
    let node: number, offsetS: number, time: number;
    if (m.station >= 0) { node = m.node; offsetS = 0; time = oracle.stationTable(slot)[row.stationOffset + m.station]; } else {
      if (m.still) { node = m.node; offsetS = 0; } else { m.locate(t, oracle.slotEdgeTimeS(slot), loc); node = loc.node; offsetS = loc.offsetS; }
      if (prune) { sim.deferredUnit[deferred] = u; sim.deferredNode[deferred] = node; sim.deferredOffsetS[deferred] = offsetS; deferred++; continue; }
      time = offsetS + row.timeS[node];
    }
    if (time === Infinity) continue;
    const k = c.count++;
    c.unit[k] = u; c.timeS[k] = time; c.node[k] = node; c.offsetS[k] = offsetS; c.row[k] = row;
    if (prune) found = keepFastest(best, found, fastest, time);
  }
  for (let d = 0; d < deferred; d++) {
    const u = sim.deferredUnit[d], node = sim.deferredNode[d], offsetS = sim.deferredOffsetS[d];
    const slot = slotOf[u];
    const row = rows[slot]!;
    if (found === fastest && cannotBeFastest(sim, u, slot, node, offsetS, target, row, best[fastest - 1])) continue;
    const time = offsetS + row.timeS[node];
    if (time === Infinity) continue;
    const k = c.count++;
    c.unit[k] = u; c.timeS[k] = time; c.node[k] = node; c.offsetS[k] = offsetS; c.row[k] = row;
    found = keepFastest(best, found, fastest, time);
  }
  for (let s = from; s < to; s++) sent[sim.assignUnit[s]] = 0;
  return c;
}

/**
 * Whether unit u, `offsetS` from `node`, certainly takes longer than `limitS` to reach `target`,
 * judged without reading the target's row at `node`: by a lower bound on t(node, target), the larger
 * of t(post, target) - t(post, node) when the unit is stationed at a post (a unit patrolling or
 * heading home is near its post) and the landmark bound. The post's bound is tried first (it decides
 * most units, and reads less); the landmark bound only when that one does not. The test is the
 * same either way: `bound(max(a, b)) > limit` exactly when `bound(a) > limit` or `bound(b) > limit`,
 * as shrinking and adding are monotone in floating point. Bounds are shrunk a hair so rounding never
 * leaves out a unit whose time equals the limit.
 */
function cannotBeFastest(sim: ReplicationState, u: number, slot: number, node: number, offsetS: number, target: number, row: TargetRow, limitS: number): boolean {
  const oracle = sim.oracle;
  const station = oracle.stationOf[sim.model.places[sim.station[u]].node];
  if (station >= 0) {
    const fromPost = oracle.slotFromStation(slot, station)[node];
    if (fromPost !== Infinity && shrunkS(oracle.stationTable(slot)[row.stationOffset + station] - fromPost) + offsetS > limitS) return true;
  }
  return shrunkS(oracle.slotLandmarks(slot).lowerS(node, target)) + offsetS > limitS;
}

function shrunkS(lowerS: number): number {
  return lowerS * (1 - 1e-9) - 1e-9;
}

/** Keep the `size` smallest times in best[0..found) (ascending); returns the new count. */
function keepFastest(best: Float64Array, found: number, size: number, time: number): number {
  if (found === size && time >= best[size - 1]) return found;
  let k = found < size ? found++ : size - 1;
  while (k > 0 && best[k - 1] > time) { best[k] = best[k - 1]; k--; }
  best[k] = time;
  return found;
}

/** Send units to incident i at t (as many as it is still owed, as the dispatcher chooses). Returns how many were sent. */
export function tryDispatch(sim: ReplicationState, i: number, t: number): number {
  const need = sim.model.classUnitsToSend[sim.incidents.cls[i]] - sim.assignedCount[i];
  if (need <= 0 || sim.availableCount === 0) return 0;
  collectCandidates(sim, i, t, sim.dispatcher.fastestNeeded(need));
  const chosen = sim.chosen;
  const n = sim.dispatcher.choose(sim, i, need, chosen);
  for (let k = 0; k < n; k++) assign(sim, chosen[k], i, t);
  return n;
}

/** Send candidate k to incident i at t: it drives its shortest path and arrives after its travel time. */
function assign(sim: ReplicationState, k: number, i: number, t: number): void {
  const c = sim.candidates;
  const u = c.unit[k];
  closeMotion(sim, u, t); // where it is was worked out when it became a candidate
  setUnitState(sim, u, UnitState.dispatched, t);
  driveAlong(sim, u, c.node[k], c.offsetS[k], c.row[k]!, sim.incidents.node[i], t);
  const arrival = t + c.timeS[k];
  sim.token[u]++;
  sim.queue.push(arrival, EventKind.unitArrived, u, sim.token[u]);
  sim.unitIncident[u] = i;
  const slot = sim.assignOffset[i] + sim.assignedCount[i]++;
  sim.assignUnit[slot] = u; sim.assignDispatchS[slot] = t; sim.assignArrivalS[slot] = arrival;
  sim.unitDispatches[u]++;
}

/** Offer free units to the waiting calls, by priority then arrival. Returns how many units were sent. */
export function serveQueue(sim: ReplicationState, t: number): number {
  const waiting = sim.waiting;
  const toSend = sim.model.classUnitsToSend, cls = sim.incidents.cls;
  let sent = 0;
  waiting.start();
  for (let i = sim.availableCount > 0 ? waiting.next() : -1; i >= 0; i = sim.availableCount > 0 ? waiting.next() : -1) {
    sent += tryDispatch(sim, i, t);
    if (sim.assignedCount[i] >= toSend[cls[i]]) waiting.removeCurrent();
  }
  waiting.finish();
  return sent;
}

/** Put incident i in the queue: after every call of higher or equal priority reported before it. */
export function enqueue(sim: ReplicationState, i: number): void {
  sim.waiting.add(i, sim.model.classPriority[sim.incidents.cls[i]]);
}
