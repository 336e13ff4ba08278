import type { ShortestPathSearch } from '../../routing/dijkstra.ts';
import type { SimulationModel } from '../model.ts';
import { cordonModel, type CordonModel } from './cordon-model.ts';
import { createCordonScratch, type CordonScratch, type CordonUnits } from './plan-cordon.ts';

/** What became of an incident's cordon. */
export const CordonStatus = Object.freeze({
  /** The class has no cordon standard. */
  none: 0,
  /** Every exit closed within withinS. */
  met: 1,
  /** Fewer eligible units than exits at the report. */
  tooFewUnits: 2,
  /** Enough units, but no assignment closes every exit within withinS. */
  late: 3,
  /** The scene did not get all its units at the report, so no cordon was ordered. */
  sceneShort: 4,
});

export const CORDON_STATUS_NAMES: readonly string[] = Object.freeze(['', 'met', 'too-few-units', 'late', 'scene-short']);

/** Per incident of a replication: the cordon's outcome (outputs and metrics read it). */
export interface CordonRecord {
  /** CordonStatus per incident. */
  readonly status: Uint8Array;
  /** Exits of the ring (-1 for classes without a cordon). */
  readonly exits: Int32Array;
  /** When met: the latest closing time after the report (s); NaN otherwise. */
  readonly closedS: Float64Array;
  /** Units sent to close exits. */
  readonly units: Int32Array;
}

/** The cordon part of a replication's state. */
export interface CordonState {
  readonly model: CordonModel;
  readonly record: CordonRecord;
  /** Per travel slot, a reusable search on the slot's routing graph. */
  readonly searches: (ShortestPathSearch | undefined)[];
  readonly scratch: CordonScratch;
  /** Eligible units at the report being handled: CordonUnits (group = travel slot) and the unit index of each. */
  readonly eligible: CordonUnits;
  readonly eligibleUnit: Int32Array;
  /** Per unit on a cordon: the exit node it closes and when the cordon is lifted (-1 / NaN otherwise). */
  readonly exitNode: Int32Array;
  readonly liftS: Float64Array;
  /** Reserve dispatch: units per post kept back, and the class priority they are released to (see reserve.ts). */
  readonly reserveUnits: Int32Array;
  readonly reserveRelease: Int32Array;
  /** Scratch: units standing at each post while eligibility is decided. */
  readonly atPost: Int32Array;
}

/** Cordon state for a replication, or null when no class has a cordon standard. */
export function createCordonState(model: SimulationModel, incidentCount: number): CordonState | null {
  const cm = cordonModel(model);
  if (!cm) return null;
  const sc = model.scenario;
  const nU = sc.units.length;
  const nP = model.posts.length;
  const reserveUnits = new Int32Array(nP), reserveRelease = new Int32Array(nP);
  if (sc.dispatch.policy === 'reserve') for (const r of sc.dispatch.reserve) { reserveUnits[r.post] = r.units; reserveRelease[r.post] = r.releasePriority; }
  return {
    model: cm,
    record: {
      status: new Uint8Array(incidentCount), exits: new Int32Array(incidentCount).fill(-1),
      closedS: new Float64Array(incidentCount).fill(NaN), units: new Int32Array(incidentCount),
    },
    searches: [],
    scratch: createCordonScratch(sc.graph.nodeCount),
    eligible: { count: 0, node: new Int32Array(nU), offsetS: new Float64Array(nU), group: new Int32Array(nU) },
    eligibleUnit: new Int32Array(nU),
    exitNode: new Int32Array(nU).fill(-1),
    liftS: new Float64Array(nU).fill(NaN),
    reserveUnits, reserveRelease,
    atPost: new Int32Array(nP),
  };
}
