import { createShortestPathSearch } from '../../routing/dijkstra.ts';
import { serveQueue } from '../call-dispatch.ts';
import { EventKind } from '../event-queue.ts';
import { unitSlots, type ReplicationState } from '../replication-state.ts';
import { closeMotion, expectState, headToStation, locateUnit, setUnitState } from '../unit-actions.ts';
import { isAvailable, UnitState } from '../unit-state.ts';
import { CordonStatus, type CordonState } from './cordon-state.ts';
import { planCordon } from './plan-cordon.ts';

/**
 * The cordon standard in the simulator (docs/simulation.md, "Cordon standard"). At the report of an
 * incident whose class has one, after the scene's units were sent:
 *
 * 1. The scene must have all its units; else no cordon is ordered (status scene-short).
 * 2. The ring's exits (cached per class, hour group and scene node; cordon-model.ts).
 * 3. Eligible units: every available unit (at post, patrolling, returning, moving) on duty, from
 *    where it is now, at its type's response times in the hour; with `reserve` dispatch the units a
 *    post keeps back from the class's priority are not eligible (the lowest-numbered units standing
 *    there are, beyond the reserve).
 * 4. planCordon: one unit per exit, least latest arrival, then least total (exact). Met when every
 *    exit is closed within withinS of the report; then those units are sent. Otherwise none is sent
 *    (a ring with an open exit confines no one; the units stay free for calls).
 * 5. A cordon unit drives to its exit (dispatched: it counts in the unit's dispatches), holds it (onScene at the exit: busy) until the
 *    cordon is lifted — holdS after the report, or when the last scene unit clears (its arrival plus
 *    the incident's on-scene time) — then returns to its station like a unit cleared from a scene.
 * Returns the units sent.
 */
export function orderCordon(sim: ReplicationState, i: number, t: number): number {
  const cs = sim.cordon!;
  const inc = sim.incidents;
  const c = inc.cls[i];
  const standard = sim.scenario.classes[c].cordon;
  if (!standard) return 0;
  const rec = cs.record;
  const exits = cs.model.ringExits(c, t, inc.node[i]);
  rec.exits[i] = exits.length;
  if (sim.assignedCount[i] < sim.model.classUnitsToSend[c]) { rec.status[i] = CordonStatus.sceneShort; return 0; }
  collectEligible(sim, cs, c, t);
  const plan = planCordon(exits, standard.withinS, cs.eligible, cs.searches, cs.scratch);
  if (!plan.met) { rec.status[i] = plan.reason === 'too-few-units' ? CordonStatus.tooFewUnits : CordonStatus.late; return 0; }
  rec.status[i] = CordonStatus.met;
  rec.closedS[i] = plan.latestS;
  rec.units[i] = exits.length;
  let liftS = t + (standard.holdS ?? 0);
  if (standard.holdS === null) {
    const from = sim.assignOffset[i], to = from + sim.assignedCount[i];
    for (let s = from; s < to; s++) liftS = Math.max(liftS, sim.assignArrivalS[s] + inc.onSceneS[i]);
  }
  for (let e = 0; e < exits.length; e++) sendToExit(sim, cs, plan.unit[e], exits[e], t, t + plan.arrivalS[e], liftS, i);
  return exits.length;
}

/** Fill cs.eligible with the units that may close exits for a call of class c at t. */
function collectEligible(sim: ReplicationState, cs: CordonState, c: number, t: number): void {
  const el = cs.eligible;
  el.count = 0;
  const slots = unitSlots(sim, t);
  const priority = sim.model.classPriority[c];
  const places = sim.model.places;
  const reserving = cs.reserveUnits.some((r) => r > 0);
  if (reserving) {
    cs.atPost.fill(0);
    for (let u = 0; u < sim.unitCount; u++) if (sim.unitState[u] === UnitState.atPost) cs.atPost[places[sim.station[u]].post]++;
  }
  for (let u = 0; u < sim.unitCount; u++) {
    if (!isAvailable(sim.unitState[u] as UnitState)) continue;
    if (reserving && sim.unitState[u] === UnitState.atPost) {
      const p = places[sim.station[u]].post;
      if (cs.reserveUnits[p] > 0 && priority > cs.reserveRelease[p]) {
        // Units standing at p beyond the reserve are eligible (the lowest-numbered first).
        if (cs.atPost[p] <= cs.reserveUnits[p]) continue;
        cs.atPost[p]--;
      }
    }
    const loc = locateUnit(sim, u, t);
    const k = el.count++;
    (el.node as Int32Array)[k] = loc.node;
    (el.offsetS as Float64Array)[k] = loc.offsetS;
    const slot = slots[u];
    (el.group as Int32Array)[k] = slot;
    cs.eligibleUnit[k] = u;
    cs.searches[slot] ??= createShortestPathSearch(cs.model.slotGraph(slot));
  }
}

/** Send eligible unit k to close `exit`: it drives its fastest path, arriving at `arrivalS`. */
function sendToExit(sim: ReplicationState, cs: CordonState, k: number, exit: number, t: number, arrivalS: number, liftS: number, i: number): void {
  const u = cs.eligibleUnit[k];
  const node = cs.eligible.node[k], offsetS = cs.eligible.offsetS[k], slot = cs.eligible.group[k];
  // The path: a reverse search from the exit, stopped at the unit's node (the same tree the plan read).
  const search = cs.searches[slot]!;
  search.run([exit], { direction: 'reverse', stopWhen: (v) => v === node });
  closeMotion(sim, u, t);
  setUnitState(sim, u, UnitState.dispatched, t);
  const m = sim.motion[u];
  m.driveTree(node, t, offsetS, search.predEdge, exit, sim.oracle.slotEdgeTimeS(slot));
  m.materialize();
  sim.token[u]++;
  sim.queue.push(arrivalS, EventKind.cordonArrived, u, sim.token[u]);
  sim.unitIncident[u] = i;
  sim.unitDispatches[u]++;
  cs.exitNode[u] = exit;
  cs.liftS[u] = liftS;
}

/** A cordon unit reaches its exit: it holds it (onScene there) until the cordon is lifted. */
export function cordonArrived(sim: ReplicationState, u: number, token: number): void {
  if (token !== sim.token[u]) return;
  const t = sim.nowS;
  expectState(sim, u, 'cordonArrived', UnitState.dispatched);
  closeMotion(sim, u, t);
  setUnitState(sim, u, UnitState.onScene, t);
  const cs = sim.cordon!;
  sim.motion[u].stand(cs.exitNode[u], t);
  sim.queue.push(Math.max(t, cs.liftS[u]), EventKind.cordonLifted, u, sim.token[u]);
}

/** The cordon is lifted: like a unit cleared from a scene, off duty if its shift ended, else back toward its station. */
export function cordonLifted(sim: ReplicationState, u: number, token: number): void {
  if (token !== sim.token[u]) return;
  const t = sim.nowS;
  expectState(sim, u, 'cordonLifted', UnitState.onScene);
  const cs = sim.cordon!;
  const here = cs.exitNode[u];
  cs.exitNode[u] = -1;
  cs.liftS[u] = NaN;
  sim.unitIncident[u] = -1;
  if (sim.offAfterJob[u]) { sim.offAfterJob[u] = 0; setUnitState(sim, u, UnitState.offShift, t); return; }
  headToStation(sim, u, here, t);
  serveQueue(sim, t);
  sim.relocator?.afterEvent(sim, t);
}
