/**
 * Everything drawable in a run, in world metres (see projection.ts): the bridge from the run's files to
 * domain-free layers. Pure, shared by the Pixi viewer and the SVG report.
 */
import { createLocalProjection, projectX, projectY, boundsOf, type BoundsM, type LocalProjection } from './projection.ts';
import type { RunData } from './run-data.ts';
import type { UnitTrack } from './timeline.ts';

export interface RunScene {
  projection: LocalProjection;
  boundsM: BoundsM;
  /** Node positions in metres (NaN when unknown). */
  nodeXM: Float64Array;
  nodeYM: Float64Array;
  /** Edge polylines in metres: edge e's points are `edgeXY[edgeStart[e] .. edgeStart[e+1])` interleaved. */
  edgeStart: Int32Array;
  edgeXY: Float64Array;
  /** Posts: world position per post (its node). */
  postXM: Float64Array;
  postYM: Float64Array;
  /** Unit tracks in metres (replay); empty without a trace. */
  tracks: UnitTrack[];
  /** Incidents in metres, with outcome codes (see incidentOutcome). */
  incidentXM: Float64Array;
  incidentYM: Float64Array;
  incidentOutcome: Uint8Array;
  /** Time span to replay: [warmupS, horizonS] of the trace, or [0, 0]. */
  startS: number;
  endS: number;
}

/** Incident outcome codes, for colouring. */
export const INCIDENT_OUTCOMES = Object.freeze(['met every tier', 'met some tiers', 'met no tier', 'no unit arrived'] as const);

export function incidentOutcome(met: readonly boolean[], firstArrivalS: number): number {
  if (!Number.isFinite(firstArrivalS)) return 3;
  const n = met.filter(Boolean).length;
  return met.length > 0 && n === met.length ? 0 : n > 0 ? 1 : 2;
}

export function buildRunScene(run: RunData, projection?: LocalProjection): RunScene {
  const net = run.network;
  const p = projection ?? createLocalProjection(net.coordKind, net.nodeX, net.nodeY);
  const n = net.nodeX.length;
  const nodeXM = new Float64Array(n), nodeYM = new Float64Array(n);
  for (let i = 0; i < n; i++) { nodeXM[i] = projectX(p, net.nodeX[i]); nodeYM[i] = projectY(p, net.nodeY[i]); }
  const m = net.edgeFrom.length;
  const edgeStart = new Int32Array(m + 1);
  let total = 0;
  for (let e = 0; e < m; e++) { edgeStart[e] = total; total += 4 + (net.shapes.get(e)?.length ?? 0); }
  edgeStart[m] = total;
  const edgeXY = new Float64Array(total);
  for (let e = 0; e < m; e++) {
    let o = edgeStart[e];
    const a = net.edgeFrom[e], b = net.edgeTo[e];
    edgeXY[o++] = nodeXM[a]; edgeXY[o++] = nodeYM[a];
    const s = net.shapes.get(e);
    if (s) for (let i = 0; i + 1 < s.length; i += 2) { edgeXY[o++] = projectX(p, s[i]); edgeXY[o++] = projectY(p, s[i + 1]); }
    edgeXY[o++] = nodeXM[b]; edgeXY[o++] = nodeYM[b];
  }
  const postXM = Float64Array.from(run.posts, (q) => nodeXM[q.node]);
  const postYM = Float64Array.from(run.posts, (q) => nodeYM[q.node]);
  const tracks: UnitTrack[] = (run.trace?.tracks ?? []).map((t) => ({
    tS: t.tS, state: t.state,
    x: Float64Array.from(t.x, (v) => projectX(p, v)),
    y: Float64Array.from(t.y, (v) => projectY(p, v)),
  }));
  const incs = run.trace?.incidents ?? [];
  const bounds = boundsOf(nodeXM, nodeYM) ?? { minX: -1, minY: -1, maxX: 1, maxY: 1 };
  return {
    projection: p, boundsM: bounds, nodeXM, nodeYM, edgeStart, edgeXY, postXM, postYM, tracks,
    incidentXM: Float64Array.from(incs, (i) => projectX(p, i.x)),
    incidentYM: Float64Array.from(incs, (i) => projectY(p, i.y)),
    incidentOutcome: Uint8Array.from(incs, (i) => incidentOutcome(i.met, i.firstArrivalS)),
    startS: run.trace ? run.trace.warmupS : 0,
    endS: run.trace ? run.trace.horizonS : 0,
  };
}

/** The kth-unit arrival time (k from 1) at each demand point of the coverage, or an empty array. */
export function arrivalsOfKth(run: RunData, k: number): Float64Array {
  const c = run.coverage;
  if (!c || k < 1 || k > c.k) return new Float64Array(0);
  const out = new Float64Array(c.demandNode.length);
  for (let i = 0; i < out.length; i++) out[i] = c.arrivalS[i * c.k + k - 1];
  return out;
}

/** Tier targets of a run (its coverage tiers, else its simulated classes' tiers, else its trace classes' tiers), seconds ascending; empty when the run has none. */
export function tierTargetsS(run: RunData): number[] {
  const fromCov = run.coverage?.tiers.map((t) => t.targetS) ?? [];
  const fromSum = run.summary?.classes.flatMap((c) => c.tiers.map((t) => t.targetS)) ?? [];
  const fromTrace = run.trace?.classes.flatMap((c) => c.tiers.map((t) => t.targetS)) ?? [];
  const all = fromCov.length ? fromCov : fromSum.length ? fromSum : fromTrace;
  return [...new Set(all)].sort((a, b) => a - b);
}
