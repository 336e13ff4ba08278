import { EventKind } from './event-queue.ts';
import { unitSlots, type Candidates, type ReplicationState } from './replication-state.ts';
import { closeMotion, driveAlong, setUnitState } from './unit-actions.ts';
import { UnitState } from './unit-state.ts';

/**
 * Calls and the units sent to them: who could go (candidates), sending (the dispatcher chooses), and
 * the queue of calls still owed units.
 */

/** 1 for the states a unit can be dispatched from (atPost, patrolling, returning, moving). */
const AVAILABLE = Uint8Array.from([1, 1, 0, 0, 1, 0, 1]);

/**
 * Fill `sim.candidates` with every available unit that can reach `target` at t, in unit order: where it
 * is (lazy motion), its travel time (the rest of its current edge plus the shortest path from the edge's
 * head), read from one reverse row per travel-time slot. Allocates nothing.
 */
export function collectCandidates(sim: ReplicationState, target: number, t: number): Candidates {
  const c = sim.candidates;
  c.count = 0;
  if (sim.availableCount === 0) return c;
  const oracle = sim.oracle;
  const stamp = ++sim.rowStamp;
  const rowAt = sim.slotRowStamp, rows = sim.slotRow;
  const slotOf = unitSlots(sim, t);
  const state = sim.unitState;
  const motion = sim.motion;
  const loc = sim.loc;
  for (let u = 0; u < sim.unitCount; u++) {
    if (AVAILABLE[state[u]] === 0) continue;
    const slot = slotOf[u];
    let row = rows[slot];
    if (rowAt[slot] !== stamp || row === null) { row = oracle.slotToTarget(slot, target); rows[slot] = row; rowAt[slot] = stamp; }
    const m = motion[u];
    let node: number, offsetS: number, time: number;
    if (m.station >= 0) { node = m.node; offsetS = 0; time = oracle.stationTable(slot)[row.stationOffset + m.station]; } else {
      if (m.still) { node = m.node; offsetS = 0; } else { m.locate(t, oracle.slotEdgeTimeS(slot), loc); node = loc.node; offsetS = loc.offsetS; }
      time = offsetS + row.timeS[node];
    }
    if (time === Infinity) continue;
    const k = c.count++;
    c.unit[k] = u; c.timeS[k] = time; c.node[k] = node; c.offsetS[k] = offsetS; c.row[k] = row;
  }
  return c;
}

/** Send units to incident i at t (as many as it is still owed, as the dispatcher chooses). Returns how many were sent. */
export function tryDispatch(sim: ReplicationState, i: number, t: number): number {
  const need = sim.model.classUnitsToSend[sim.incidents.cls[i]] - sim.assignedCount[i];
  if (need <= 0 || sim.availableCount === 0) return 0;
  const c = collectCandidates(sim, sim.incidents.node[i], t);
  if (sim.assignedCount[i] > 0) dropUnitsSentBefore(sim, i);
  const chosen = sim.chosen;
  const n = sim.dispatcher.choose(sim, i, need, chosen);
  for (let k = 0; k < n; k++) assign(sim, chosen[k], i, t);
  return n;
}

/**
 * A call still owed units is not offered the units it already had: a unit that cleared its scene
 * counts once toward the call's tiers, and going back would count it twice.
 */
function dropUnitsSentBefore(sim: ReplicationState, i: number): void {
  const c = sim.candidates;
  const from = sim.assignOffset[i], to = from + sim.assignedCount[i];
  let n = 0;
  for (let k = 0; k < c.count; k++) {
    const u = c.unit[k];
    let sent = false;
    for (let s = from; s < to; s++) if (sim.assignUnit[s] === u) { sent = true; break; }
    if (sent) continue;
    c.unit[n] = u; c.timeS[n] = c.timeS[k]; c.node[n] = c.node[k]; c.offsetS[n] = c.offsetS[k]; c.row[n] = c.row[k];
    n++;
  }
  c.count = n;
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
  let sent = 0;
  for (let k = 0; k < waiting.length && sim.availableCount > 0;) {
    const i = waiting[k];
    sent += tryDispatch(sim, i, t);
    if (sim.assignedCount[i] >= sim.model.classUnitsToSend[sim.incidents.cls[i]]) waiting.splice(k, 1); else k++;
  }
  return sent;
}

/** Put incident i in the queue: after every call of higher or equal priority reported before it. */
export function enqueue(sim: ReplicationState, i: number): void {
  const priority = sim.model.classPriority;
  const cls = sim.incidents.cls;
  const waiting = sim.waiting;
  const p = priority[cls[i]];
  let k = waiting.length;
  while (k > 0 && (priority[cls[waiting[k - 1]]] > p || (priority[cls[waiting[k - 1]]] === p && waiting[k - 1] > i))) k--;
  waiting.splice(k, 0, i);
}
