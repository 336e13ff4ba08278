import { EventKind } from './event-queue.ts';
import type { RandomStream } from './random-streams.ts';
import { MoveKind, unitSlots, type ReplicationState } from './replication-state.ts';
import type { TargetRow } from './travel-oracle.ts';
import type { Located } from './unit-motion.ts';
import { assertTransition, isAvailable, isBusy, UNIT_STATE_NAMES, UnitState } from './unit-state.ts';

/**
 * What the event handlers do to one unit: change its state (with the time accounting that goes with
 * it), bring its motion up to now, settle it at its station, and send it along a shortest path.
 */

/** Throw (an engine bug) unless unit u is in state `a` (or `b`). */
export function expectState(sim: ReplicationState, u: number, event: string, a: UnitState, b: UnitState = a): void {
  const s = sim.unitState[u];
  if (s !== a && s !== b) {
    throw new Error(`unit ${sim.scenario.units[u].id}: ${event} at ${sim.nowS} s expects ${UNIT_STATE_NAMES[a]}${b !== a ? ` or ${UNIT_STATE_NAMES[b]}` : ''}, found ${UNIT_STATE_NAMES[s]}`);
  }
}

/** Seconds of [a, b) inside the measured window [warmupS, horizonS). */
export function inWindowS(sim: ReplicationState, a: number, b: number): number {
  return Math.max(0, Math.min(b, sim.horizonS) - Math.max(a, sim.warmupS));
}

/** Change unit u's state at t, keeping busy and on-duty time, the available count and move accounting. */
export function setUnitState(sim: ReplicationState, u: number, to: UnitState, t: number): void {
  const from = sim.unitState[u] as UnitState;
  assertTransition(from, to, sim.scenario.units[u].id);
  if (isBusy(from) && !isBusy(to)) sim.unitBusyS[u] += inWindowS(sim, sim.busySinceS[u], t);
  if (!isBusy(from) && isBusy(to)) sim.busySinceS[u] = t;
  if (from === UnitState.offShift) sim.dutySinceS[u] = t;
  if (to === UnitState.offShift) sim.unitOnDutyS[u] += inWindowS(sim, sim.dutySinceS[u], t);
  if (isAvailable(from)) sim.availableCount--;
  if (isAvailable(to)) sim.availableCount++;
  if (from === UnitState.dispatched) sim.dispatchedCount--;
  if (to === UnitState.dispatched) sim.dispatchedCount++;
  if (from === UnitState.moving) endMoveAccounting(sim, u, t);
  sim.unitState[u] = to;
  sim.trace?.stateAt(u, t, to);
}

/** Bring unit u's motion up to t (recording the trace on the way) and return where it is (sim.loc). */
export function endMotion(sim: ReplicationState, u: number, t: number): Located {
  const resp = sim.oracle.slotEdgeTimeS(unitSlots(sim, t)[u]);
  const trace = sim.trace;
  if (trace && sim.motion[u].startS <= trace.untilS) {
    const s = sim.unitState[u];
    sim.motion[u].replay(Math.min(t, trace.untilS), {
      atNode: (tt, v) => trace.atNode(u, tt, v, s),
      onEdge: (tt, e, f) => trace.onEdge(u, tt, e, f, s),
    }, resp);
  }
  return sim.motion[u].locate(t, resp, sim.loc);
}

/** The unit's own random stream for beat walks (`patrol/<unitId>`). */
function patrolStream(sim: ReplicationState, u: number): RandomStream {
  return (sim.patrolStream[u] ??= sim.streams.get(`patrol/${sim.scenario.units[u].id}`));
}

/** Unit u is at its station's node at t: stand there, or start the station's patrol. */
export function settleAtStation(sim: ReplicationState, u: number, t: number): void {
  const place = sim.model.places[sim.station[u]];
  const loop = place.loop;
  if (loop && loop.totalS > 0) {
    setUnitState(sim, u, UnitState.patrolling, t);
    sim.motion[u].patrolLoop(place.node, t, loop);
  } else if (place.beat) {
    setUnitState(sim, u, UnitState.patrolling, t);
    sim.motion[u].patrolBeat(place.node, t, place.beat, patrolStream(sim, u), sim.oracle.patrolEdgeTimeS(sim.model.unitType[u]));
  } else {
    setUnitState(sim, u, UnitState.atPost, t);
    sim.motion[u].stand(place.node, t);
  }
}

/**
 * Drive unit u from `node` (after `offsetS` finishing its current edge) along `row` to `target`, starting
 * at t. The path is walked when first needed (see UnitMotion.driveTree); at once when the trace is kept
 * or the row is the oracle's scratch row.
 */
export function driveAlong(sim: ReplicationState, u: number, node: number, offsetS: number, row: TargetRow, target: number, t: number): void {
  const m = sim.motion[u];
  m.driveTree(node, t, offsetS, row.nextEdge, target, sim.oracle.slotEdgeTimeS(unitSlots(sim, t)[u]));
  if ((sim.trace && t <= sim.trace.untilS) || !row.persistent) m.materialize();
}

/** Trace unit u's motion up to t, for handlers about to replace it (the position is not needed: no path is walked for it). */
export function closeMotion(sim: ReplicationState, u: number, t: number): void {
  if (sim.trace && sim.motion[u].startS <= sim.trace.untilS) endMotion(sim, u, t);
}

/**
 * Unit u, just cleared at node `here`, heads back to its station: settles at once when it is there,
 * stays (at post) where it is when the station can't be reached, else drives and schedules unitReturned.
 */
export function headToStation(sim: ReplicationState, u: number, here: number, t: number): void {
  setUnitState(sim, u, UnitState.returning, t);
  const target = sim.model.places[sim.station[u]].node;
  const row = sim.oracle.slotToTarget(unitSlots(sim, t)[u], target);
  const backS = row.timeS[here];
  if (backS === 0) settleAtStation(sim, u, t);
  else if (backS === Infinity) { setUnitState(sim, u, UnitState.atPost, t); sim.motion[u].stand(here, t); } // stranded: no way back
  else {
    driveAlong(sim, u, here, 0, row, target, t);
    sim.token[u]++;
    sim.queue.push(t + backS, EventKind.unitReturned, u, sim.token[u]);
  }
}

/** Where unit u is at t (sim.loc), without recording anything: for policies weighing moves. */
export function locateUnit(sim: ReplicationState, u: number, t: number): Located {
  return sim.motion[u].locate(t, sim.oracle.slotEdgeTimeS(unitSlots(sim, t)[u]), sim.loc);
}

/** Seconds for unit u to reach `node` from where it is at t (Infinity when it can't). */
export function travelToS(sim: ReplicationState, u: number, node: number, t: number): number {
  const loc = locateUnit(sim, u, t);
  return loc.offsetS + sim.oracle.slotToTarget(unitSlots(sim, t)[u], node).timeS[loc.node];
}

/**
 * Give available unit u a new station (place index) at t and send it there (state `moving`, dispatchable
 * on the way; unitRepositioned on arrival). A unit already standing at the place's node settles at once.
 * Returns the travel time (Infinity, and nothing changed, when the place can't be reached).
 */
export function moveToStation(sim: ReplicationState, u: number, place: number, t: number, kind: number): number {
  const node = sim.model.places[place].node;
  const loc = endMotion(sim, u, t);
  const row = sim.oracle.slotToTarget(unitSlots(sim, t)[u], node);
  const travelS = loc.offsetS + row.timeS[loc.node];
  if (travelS === Infinity) return Infinity;
  sim.station[u] = place;
  sim.token[u]++;
  if (travelS === 0) {
    setUnitState(sim, u, UnitState.moving, t);
    sim.moveKind[u] = MoveKind.none; sim.moveStartS[u] = NaN;
    settleAtStation(sim, u, t);
    return 0;
  }
  const fromNode = loc.node, offsetS = loc.offsetS;
  setUnitState(sim, u, UnitState.moving, t);
  driveAlong(sim, u, fromNode, offsetS, row, node, t);
  sim.queue.push(t + travelS, EventKind.unitRepositioned, u, sim.token[u]);
  sim.moveKind[u] = kind;
  sim.moveStartS[u] = t;
  sim.trace?.moveStarted(u, t, kind, sim.model.places[place].post, node);
  if (t >= sim.warmupS && t < sim.horizonS) {
    if (kind === MoveKind.relocation) sim.relocationMoves[u]++;
    else sim.planMoves[u]++;
  }
  return travelS;
}

/** A move ends (arrived, dispatched on the way, redirected, off shift, end of run): add what it drove to its counters. */
export function endMoveAccounting(sim: ReplicationState, u: number, t: number): void {
  const start = sim.moveStartS[u];
  if (!(start >= sim.warmupS && start < sim.horizonS)) return;
  const m = sim.motion[u].drivenM(t, sim.graph.lengthM);
  if (sim.moveKind[u] === MoveKind.relocation) { sim.relocationDriveM[u] += m; sim.relocationDriveS[u] += t - start; }
  else sim.planDriveM[u] += m;
}
