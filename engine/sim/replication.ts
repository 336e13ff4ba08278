import { cordonArrived, cordonLifted } from './cordon/cordon-handlers.ts';
import type { CordonRecord } from './cordon/cordon-state.ts';
import { EventKind } from './event-queue.ts';
import {
  incidentReported, layoutChanged, shiftEnded, shiftStarted, unitArrived, unitCleared, unitRepositioned, unitReturned,
} from './event-handlers.ts';
import { generateIncidents, type Incidents } from './incidents.ts';
import { DRAIN_LIMIT_S, type SimulationModel } from './model.ts';
import { createStreams } from './random-streams.ts';
import { createReplicationState, type ReplicationState } from './replication-state.ts';
import { intervalAt, nextIntervalChangeS, nextShiftChangeS, shiftOnDuty } from './shift-calendar.ts';
import type { TraceRecorder } from './trace.ts';
import { endMotion, endMoveAccounting, inWindowS, settleAtStation } from './unit-actions.ts';
import { isBusy, UnitState } from './unit-state.ts';

/** What a replication leaves behind: the incidents, who was sent when, and unit time accounting. */
export interface ReplicationRecord {
  readonly replication: number;
  readonly incidents: Incidents;
  /** Assignments of incident i are slots assignOffset[i] .. assignOffset[i] + assignedCount[i]. */
  readonly assignOffset: Int32Array;
  readonly assignedCount: Int32Array;
  readonly assignUnit: Int32Array;
  readonly assignDispatchS: Float64Array;
  readonly assignArrivalS: Float64Array;
  /** 1 when the call found no unit and queueing is off. */
  readonly lost: Uint8Array;
  /** Per unit, within [warmupS, horizonS): seconds busy (dispatched or on scene) and on duty. */
  readonly unitBusyS: Float64Array;
  readonly unitOnDutyS: Float64Array;
  readonly unitDispatches: Int32Array;
  /** Per unit, moves started in [warmupS, horizonS): move-ups and plan moves, with metres (NaN without edge lengths) and seconds driven. */
  readonly relocationMoves: Int32Array;
  readonly relocationDriveM: Float64Array;
  readonly relocationDriveS: Float64Array;
  readonly planMoves: Int32Array;
  readonly planDriveM: Float64Array;
  /** With a cordon standard in some class: each incident's cordon (cordon/cordon-state.ts); else null. */
  readonly cordon: CordonRecord | null;
  readonly events: number;
  readonly endS: number;
  readonly trace?: TraceRecorder;
}

export interface ReplicationOptions {
  /** Record the trace (replication 0 of a run). Default false. */
  trace?: boolean;
  /**
   * Run on these incidents instead of drawing them from the replication's streams: for paired
   * comparisons (common random numbers) across deployments and policies.
   */
  incidents?: Incidents;
}

/**
 * One replication as a SimPy-style environment: the state, and `step()` handling one event at a time
 * in (time, priority, sequence) order. Time is float seconds and never decreases. The run goes on past
 * the horizon until every call reported before it has its units on scene (or DRAIN_LIMIT_S passes),
 * so late calls are measured fully.
 *
 * @example
 * const rep = createReplication(prepareModel(scenario), 0);
 * while (rep.step()) if (rep.state.nowS > 3600) break; // inspect rep.state mid-run
 * const record = rep.run();
 */
export interface Replication {
  readonly state: ReplicationState;
  /** Time of the next event (Infinity when none is left). */
  peekTimeS(): number;
  /** Handle the next event. False (and nothing done) when the run is over. */
  step(): boolean;
  /** Step to the end and close the books (once). */
  run(): ReplicationRecord;
}

export function createReplication(model: SimulationModel, replication: number, options: ReplicationOptions = {}): Replication {
  const sc = model.scenario;
  const streams = createStreams(sc.seed, replication);
  const incidents = options.incidents ?? generateIncidents(sc, streams);
  const sim = createReplicationState(model, replication, streams, incidents, { trace: options.trace === true });
  startReplication(sim);
  const drainEndS = sc.horizonS + DRAIN_LIMIT_S;
  let over = false;
  let record: ReplicationRecord | undefined;

  function step(): boolean {
    if (over) return false;
    const q = sim.queue;
    const t = q.peekTimeS();
    if (t === Infinity || (t >= sim.horizonS && sim.nextIncident >= incidents.count && sim.waiting.length === 0 && sim.dispatchedCount === 0) || t > drainEndS) {
      over = true;
      return false;
    }
    q.pop();
    if (t < sim.nowS) throw new Error(`time ran backwards: ${t} < ${sim.nowS}`);
    sim.nowS = t;
    sim.events++;
    const e = q.entity;
    switch (q.kind) {
      case EventKind.incidentReported: incidentReported(sim, e); break;
      case EventKind.unitArrived: unitArrived(sim, e, q.token); break;
      case EventKind.unitCleared: unitCleared(sim, e, q.token); break;
      case EventKind.unitReturned: unitReturned(sim, e, q.token); break;
      case EventKind.unitRepositioned: unitRepositioned(sim, e, q.token); break;
      case EventKind.shiftEnded: shiftEnded(sim, e); break;
      case EventKind.shiftStarted: shiftStarted(sim, e); break;
      case EventKind.layoutChanged: layoutChanged(sim); break;
      case EventKind.cordonArrived: cordonArrived(sim, e, q.token); break;
      case EventKind.cordonLifted: cordonLifted(sim, e, q.token); break;
    }
    return true;
  }

  return {
    state: sim,
    peekTimeS: () => (over ? Infinity : sim.queue.peekTimeS()),
    step,
    run() {
      while (step());
      record ??= closeBooks(sim);
      return record;
    },
  };
}

/** Run one replication to its end (incidents drawn up front from its streams, unless given). */
export function runReplication(model: SimulationModel, replication: number, options: ReplicationOptions = {}): ReplicationRecord {
  return createReplication(model, replication, options).run();
}

/** Time 0: the layout in force, units on duty at their stations, shift changes, block boundaries and the first call scheduled. */
function startReplication(sim: ReplicationState): void {
  const sc = sim.scenario;
  const model = sim.model;
  const blocks = sc.plan?.blocks ?? [];
  sim.layout = intervalAt(blocks, 0) + 1;
  const layout = model.layouts[sim.layout];
  for (let u = 0; u < sim.unitCount; u++) {
    const shift = sc.units[u].shift >= 0 ? sc.shifts[sc.units[u].shift] : undefined;
    sim.station[u] = layout.unitPlace[u];
    const node = model.places[sim.station[u]].node;
    sim.unitState[u] = UnitState.offShift;
    sim.motion[u].stand(node, 0);
    const trace = sim.trace;
    if (trace) trace.atNode(u, 0, node, UnitState.offShift);
    if (shiftOnDuty(shift, 0)) {
      trace?.waypoints[u].splice(0); // on duty from the start: the first waypoint is its first state
      if (trace) trace.atNode(u, 0, node, UnitState.atPost);
      settleAtStation(sim, u, 0);
    }
    const next = nextShiftChangeS(shift, 0);
    if (next < Infinity) sim.queue.push(next, shiftOnDuty(shift, 0) ? EventKind.shiftEnded : EventKind.shiftStarted, u);
  }
  const boundary = nextIntervalChangeS(blocks, 0);
  if (boundary < Infinity) sim.queue.push(boundary, EventKind.layoutChanged, -1);
  if (sim.incidents.count > 0) sim.queue.push(sim.incidents.timeS[0], EventKind.incidentReported, 0);
}

/** After the last event: busy and on-duty time up to the end, the trace brought up to its limit. */
function closeBooks(sim: ReplicationState): ReplicationRecord {
  const endS = Math.max(sim.nowS, sim.horizonS);
  for (let u = 0; u < sim.unitCount; u++) {
    const s = sim.unitState[u] as UnitState;
    if (isBusy(s)) sim.unitBusyS[u] += inWindowS(sim, sim.busySinceS[u], endS);
    if (s !== UnitState.offShift) sim.unitOnDutyS[u] += inWindowS(sim, sim.dutySinceS[u], endS);
    if (s === UnitState.moving) endMoveAccounting(sim, u, endS);
    if (sim.trace) endMotion(sim, u, Math.min(endS, sim.trace.untilS));
  }
  return {
    replication: sim.replication, incidents: sim.incidents,
    assignOffset: sim.assignOffset, assignedCount: sim.assignedCount, assignUnit: sim.assignUnit,
    assignDispatchS: sim.assignDispatchS, assignArrivalS: sim.assignArrivalS, lost: sim.lost,
    unitBusyS: sim.unitBusyS, unitOnDutyS: sim.unitOnDutyS, unitDispatches: sim.unitDispatches,
    relocationMoves: sim.relocationMoves, relocationDriveM: sim.relocationDriveM, relocationDriveS: sim.relocationDriveS,
    planMoves: sim.planMoves, planDriveM: sim.planDriveM,
    cordon: sim.cordon?.record ?? null,
    events: sim.events, endS, ...(sim.trace ? { trace: sim.trace } : {}),
  };
}
