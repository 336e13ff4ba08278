import { enqueue, serveQueue, tryDispatch } from './call-dispatch.ts';
import { orderCordon } from './cordon/cordon-handlers.ts';
import { EventKind } from './event-queue.ts';
import { MoveKind, type ReplicationState } from './replication-state.ts';
import { intervalAt, nextIntervalChangeS, nextShiftChangeS } from './shift-calendar.ts';
import { closeMotion, endMotion, expectState, headToStation, moveToStation, setUnitState, settleAtStation } from './unit-actions.ts';
import { isAvailable, isBusy, UnitState } from './unit-state.ts';

/**
 * One handler per event kind (JEMSS style). Each runs at `sim.nowS`, first drops an event made stale
 * (its token is older than the unit's) and asserts the states it expects, then does one thing.
 * Move-up policies run after a dispatch and after a unit is freed.
 */

const S = UnitState;

/** A call comes in: send what can be sent, order its cordon (if its class has one), queue (or lose) the rest; schedule the next call. */
export function incidentReported(sim: ReplicationState, i: number): void {
  const t = sim.nowS;
  const inc = sim.incidents;
  sim.nextIncident = i + 1;
  if (sim.nextIncident < inc.count) sim.queue.push(inc.timeS[sim.nextIncident], EventKind.incidentReported, sim.nextIncident);
  let sent = tryDispatch(sim, i, t);
  if (sim.cordon) sent += orderCordon(sim, i, t);
  if (sim.assignedCount[i] < sim.model.classUnitsToSend[inc.cls[i]]) {
    if (sim.scenario.dispatch.queue) enqueue(sim, i);
    else if (sim.assignedCount[i] === 0) sim.lost[i] = 1;
  }
  if (sent > 0) sim.relocator?.afterEvent(sim, t);
}

/** A dispatched unit reaches its scene: on scene for the incident's on-scene time. */
export function unitArrived(sim: ReplicationState, u: number, token: number): void {
  if (token !== sim.token[u]) return;
  const t = sim.nowS;
  expectState(sim, u, 'unitArrived', S.dispatched);
  closeMotion(sim, u, t);
  setUnitState(sim, u, S.onScene, t);
  const i = sim.unitIncident[u];
  sim.motion[u].stand(sim.incidents.node[i], t);
  sim.queue.push(t + sim.incidents.onSceneS[i], EventKind.unitCleared, u, sim.token[u]);
}

/** A unit finishes on scene: off duty if its shift ended meanwhile, else back toward its station and free for calls. */
export function unitCleared(sim: ReplicationState, u: number, token: number): void {
  if (token !== sim.token[u]) return;
  const t = sim.nowS;
  expectState(sim, u, 'unitCleared', S.onScene);
  const here = sim.incidents.node[sim.unitIncident[u]];
  sim.unitIncident[u] = -1;
  if (sim.offAfterJob[u]) { sim.offAfterJob[u] = 0; setUnitState(sim, u, S.offShift, t); return; }
  headToStation(sim, u, here, t);
  serveQueue(sim, t);
  sim.relocator?.afterEvent(sim, t);
}

/** A returning unit reaches its station: stands or patrols there. */
export function unitReturned(sim: ReplicationState, u: number, token: number): void {
  if (token !== sim.token[u]) return;
  expectState(sim, u, 'unitReturned', S.returning);
  closeMotion(sim, u, sim.nowS);
  settleAtStation(sim, u, sim.nowS);
}

/** A unit driving to a new station (plan block, move-up) gets there: stands or patrols there. */
export function unitRepositioned(sim: ReplicationState, u: number, token: number): void {
  if (token !== sim.token[u]) return;
  expectState(sim, u, 'unitRepositioned', S.moving);
  endMotion(sim, u, sim.nowS);
  settleAtStation(sim, u, sim.nowS);
}

/** A unit's shift starts: it reports at its base post and settles at (or drives to) its place in the layout in force. */
export function shiftStarted(sim: ReplicationState, u: number): void {
  const t = sim.nowS;
  const shift = sim.scenario.shifts[sim.scenario.units[u].shift];
  sim.queue.push(nextShiftChangeS(shift, t), EventKind.shiftEnded, u);
  sim.offAfterJob[u] = 0;
  if (sim.unitState[u] !== S.offShift) { expectState(sim, u, 'shiftStarted (still on the last job)', S.dispatched, S.onScene); return; }
  const base = sim.model.basePostNode[u];
  sim.station[u] = sim.model.layouts[sim.layout].unitPlace[u];
  sim.motion[u].stand(base, t);
  sim.trace?.atNode(u, t, base, S.offShift);
  if (sim.model.places[sim.station[u]].node === base) settleAtStation(sim, u, t);
  else if (moveToStation(sim, u, sim.station[u], t, MoveKind.plan) === Infinity) settleAtStation(sim, u, t);
  serveQueue(sim, t);
}

/** A unit's shift ends: off duty now if it is free, else when it clears its job. */
export function shiftEnded(sim: ReplicationState, u: number): void {
  const t = sim.nowS;
  const shift = sim.scenario.shifts[sim.scenario.units[u].shift];
  sim.queue.push(nextShiftChangeS(shift, t), EventKind.shiftStarted, u);
  if (isAvailable(sim.unitState[u] as UnitState)) {
    endMotion(sim, u, t);
    sim.token[u]++;
    setUnitState(sim, u, S.offShift, t);
  } else {
    expectState(sim, u, 'shiftEnded', S.dispatched, S.onScene);
    sim.offAfterJob[u] = 1;
  }
}

/**
 * A plan block starts or ends: every unit whose place the new layout changes, and every unit at its
 * planned place, gets the new layout's place; a unit a move-up sent elsewhere whose place does not
 * change keeps its post (at the post's node in the new layout). Free units drive there now
 * (dispatchable on the way), busy units when they clear, off-shift units when their shift starts.
 */
export function layoutChanged(sim: ReplicationState): void {
  const t = sim.nowS;
  const blocks = sim.scenario.plan!.blocks;
  const next = nextIntervalChangeS(blocks, t);
  if (next < Infinity) sim.queue.push(next, EventKind.layoutChanged, -1);
  const from = sim.model.layouts[sim.layout];
  const layout = intervalAt(blocks, t) + 1;
  if (layout === sim.layout) return;
  const to = sim.model.layouts[layout];
  sim.layout = layout;
  for (let u = 0; u < sim.unitCount; u++) {
    const station = sim.station[u];
    // The new block's place wins; a unit a move-up sent elsewhere, whose place the block leaves as it
    // was, stays at that post (at the post's node in the new layout).
    const target = station === from.unitPlace[u] || from.unitPlace[u] !== to.unitPlace[u] ? to.unitPlace[u] : to.barePlace[sim.model.places[station].post];
    if (target === station) continue;
    const s = sim.unitState[u] as UnitState;
    if (s === S.offShift || isBusy(s)) { sim.station[u] = target; continue; }
    if (moveToStation(sim, u, target, t, MoveKind.plan) === Infinity) sim.station[u] = station; // can't get there: stays put
  }
}
