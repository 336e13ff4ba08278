import type { RoadGraph } from '../graph/road-graph.ts';
import { createCordonState, type CordonState } from './cordon/cordon-state.ts';
import { createDispatcher, type Dispatcher } from './dispatch/dispatcher.ts';
import { createEventQueue, type EventQueue } from './event-queue.ts';
import type { Incidents } from './incidents.ts';
import type { SimulationModel } from './model.ts';
import { EdgeList } from './path-walk.ts';
import type { RandomStream, StreamFactory } from './random-streams.ts';
import { createRelocator, type Relocator } from './relocation/relocator.ts';
import type { Scenario } from './scenario.ts';
import { createTraceRecorder, type TraceRecorder } from './trace.ts';
import type { TargetRow, TravelOracle } from './travel-oracle.ts';
import { UnitMotion, type Located } from './unit-motion.ts';
import { WaitingCalls } from './waiting-calls.ts';

/** Why a unit is driving to a new station: a plan block change or a move-up. */
export const MoveKind = Object.freeze({ none: 0, plan: 1, relocation: 2 });

/**
 * Units that could answer a call, filled by the dispatcher's caller (in unit order, except that with
 * pruning the units at posts come first): for candidate k,
 * unit[k] reaches the scene in timeS[k] (offsetS[k] to finish its current edge, then from node[k]).
 */
export interface Candidates {
  count: number;
  readonly unit: Int32Array;
  readonly timeS: Float64Array;
  readonly node: Int32Array;
  readonly offsetS: Float64Array;
  /** The row toward the scene that candidate k's times were read from. */
  readonly row: (TargetRow | null)[];
}

/**
 * Everything one replication changes as it runs (JEMSS's `Simulation` without the animation): the
 * clock and event list, the units (dense index), the calls and their assignments, and scratch buffers
 * reused by every event. Event handlers (event-handlers.ts) read and write it; nothing else does.
 */
export interface ReplicationState {
  readonly model: SimulationModel;
  readonly scenario: Scenario;
  readonly graph: RoadGraph;
  readonly oracle: TravelOracle;
  readonly replication: number;
  readonly streams: StreamFactory;
  readonly incidents: Incidents;
  readonly queue: EventQueue;
  readonly warmupS: number;
  readonly horizonS: number;
  /** Time of the event being handled (s). */
  nowS: number;
  /** Events handled. */
  events: number;

  // Units.
  readonly unitCount: number;
  readonly unitState: Uint8Array;
  /** Bumped whenever a unit's plans change; events carrying an older token are stale. */
  readonly token: Int32Array;
  readonly motion: UnitMotion[];
  readonly unitIncident: Int32Array;
  /** 1 when the unit's shift ended while it was busy: it goes off duty when it clears. */
  readonly offAfterJob: Uint8Array;
  readonly busySinceS: Float64Array;
  readonly dutySinceS: Float64Array;
  readonly unitBusyS: Float64Array;
  readonly unitOnDutyS: Float64Array;
  readonly unitDispatches: Int32Array;
  availableCount: number;
  dispatchedCount: number;

  // Where units belong.
  /** Layout in force (0 base, k + 1 plan block k). */
  layout: number;
  /** Place each unit goes back to when idle (model.places index). */
  readonly station: Int32Array;
  /** Kind of the move a unit in state `moving` is making (MoveKind). */
  readonly moveKind: Uint8Array;
  /** When each unit last started a move-up (-Infinity: never). */
  readonly lastMoveS: Float64Array;
  /** Per unit, counted for moves started in [warmupS, horizonS): move-ups, plan moves, metres and seconds driven on them. */
  readonly relocationMoves: Int32Array;
  readonly planMoves: Int32Array;
  readonly relocationDriveM: Float64Array;
  readonly relocationDriveS: Float64Array;
  readonly planDriveM: Float64Array;
  /** When the current move started, and whether it is counted. */
  readonly moveStartS: Float64Array;

  // Calls.
  /** Assignments of incident i are slots assignOffset[i] .. assignOffset[i] + assignedCount[i]. */
  readonly assignOffset: Int32Array;
  readonly assignedCount: Int32Array;
  readonly assignUnit: Int32Array;
  readonly assignDispatchS: Float64Array;
  readonly assignArrivalS: Float64Array;
  readonly lost: Uint8Array;
  /** Calls waiting for units, by priority then arrival. */
  readonly waiting: WaitingCalls;
  /** The next incident to be reported (all before it have been). */
  nextIncident: number;

  // Policies and scratch.
  readonly dispatcher: Dispatcher;
  readonly relocator: Relocator | null;
  readonly candidates: Candidates;
  readonly loc: Located;
  readonly path: EdgeList;
  /** Dispatch scratch: positions chosen; the row toward the current scene per travel slot, valid while slotRowStamp[slot] === rowStamp. */
  readonly chosen: Int32Array;
  readonly slotRow: (TargetRow | null)[];
  readonly slotRowStamp: Int32Array;
  rowStamp: number;
  /** Candidate scratch: units a call already had (marked while collecting), units read after the posts, the fastest times so far. */
  readonly unitMark: Uint8Array;
  readonly deferredUnit: Int32Array;
  readonly deferredNode: Int32Array;
  readonly deferredOffsetS: Float64Array;
  readonly fastestTimes: Float64Array;
  /** Each unit's travel slot in hour group `slotGroup` (see unitSlots). */
  readonly unitSlot: Int32Array;
  slotGroup: number;
  /** Each unit's beat-walk stream (`patrol/<unitId>`), made on first use. */
  readonly patrolStream: (RandomStream | undefined)[];
  readonly trace?: TraceRecorder;
  /** Cordon standards (cordon/): searches, eligible units, per-incident outcomes; null when no class has one. */
  readonly cordon: CordonState | null;
}

/** A fresh replication state at time 0 (units off shift, nothing scheduled); `startReplication` brings units on duty. */
export function createReplicationState(model: SimulationModel, replication: number, streams: StreamFactory, incidents: Incidents, options: { trace?: boolean } = {}): ReplicationState {
  const sc = model.scenario;
  const g = sc.graph;
  const nU = sc.units.length;
  const nI = incidents.count;
  const toSend = model.classUnitsToSend;
  const assignOffset = new Int32Array(nI + 1);
  for (let i = 0; i < nI; i++) assignOffset[i + 1] = assignOffset[i] + toSend[incidents.cls[i]];
  const slots = assignOffset[nI];
  const trace = options.trace ? createTraceRecorder(g, nU, sc.traceUntilS) : undefined;
  const state: ReplicationState = {
    model, scenario: sc, graph: g, oracle: model.oracle, replication, streams, incidents,
    queue: createEventQueue(Math.max(64, nU * 4)),
    warmupS: sc.warmupS, horizonS: sc.horizonS, nowS: 0, events: 0,
    unitCount: nU,
    unitState: new Uint8Array(nU),
    token: new Int32Array(nU),
    motion: sc.units.map(() => new UnitMotion(g, trace !== undefined, model.oracle.stationOf)),
    unitIncident: new Int32Array(nU).fill(-1),
    offAfterJob: new Uint8Array(nU),
    busySinceS: new Float64Array(nU),
    dutySinceS: new Float64Array(nU),
    unitBusyS: new Float64Array(nU),
    unitOnDutyS: new Float64Array(nU),
    unitDispatches: new Int32Array(nU),
    availableCount: 0, dispatchedCount: 0,
    layout: 0,
    station: Int32Array.from(model.layouts[0].unitPlace),
    moveKind: new Uint8Array(nU),
    lastMoveS: new Float64Array(nU).fill(-Infinity),
    relocationMoves: new Int32Array(nU),
    planMoves: new Int32Array(nU),
    relocationDriveM: new Float64Array(nU),
    relocationDriveS: new Float64Array(nU),
    planDriveM: new Float64Array(nU),
    moveStartS: new Float64Array(nU),
    assignOffset,
    assignedCount: new Int32Array(nI),
    assignUnit: new Int32Array(slots).fill(-1),
    assignDispatchS: new Float64Array(slots).fill(NaN),
    assignArrivalS: new Float64Array(slots).fill(Infinity),
    lost: new Uint8Array(nI),
    waiting: new WaitingCalls(model.classPriority),
    nextIncident: 0,
    dispatcher: createDispatcher(model),
    relocator: createRelocator(model),
    candidates: {
      count: 0, unit: new Int32Array(nU), timeS: new Float64Array(nU), node: new Int32Array(nU), offsetS: new Float64Array(nU),
      row: new Array(nU).fill(null),
    },
    loc: { node: 0, offsetS: 0, edge: -1, frac: 0 },
    path: new EdgeList(256),
    chosen: new Int32Array(nU),
    slotRow: new Array(model.oracle.maxSlots).fill(null),
    slotRowStamp: new Int32Array(model.oracle.maxSlots),
    rowStamp: 0,
    unitMark: new Uint8Array(nU),
    deferredUnit: new Int32Array(nU),
    deferredNode: new Int32Array(nU),
    deferredOffsetS: new Float64Array(nU),
    fastestTimes: new Float64Array(nU + 1),
    unitSlot: new Int32Array(nU),
    slotGroup: -1,
    patrolStream: new Array(nU),
    ...(trace ? { trace } : {}),
    cordon: createCordonState(model, nI),
  };
  return state;
}

/** Every unit's travel slot at time t (model.oracle slots), refreshed when the hour group changes. */
export function unitSlots(sim: ReplicationState, t: number): Int32Array {
  const group = sim.oracle.hourGroup(t);
  if (group !== sim.slotGroup) {
    for (let u = 0; u < sim.unitCount; u++) sim.unitSlot[u] = sim.oracle.slot(sim.model.unitType[u], group);
    sim.slotGroup = group;
  }
  return sim.unitSlot;
}
