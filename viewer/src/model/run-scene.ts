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
  /** End nodes of each edge (the network's arrays). */
  edgeFromNode: Int32Array;
  edgeToNode: Int32Array;
  /**
   * 1 for the edges a map draws: of two edges that are one street's two directions (same end nodes
   * swapped, same class, the same shape reversed) only the first is drawn, as it would cover the other.
   */
  edgeDrawn: Uint8Array;
  /** Posts: world position per post (its node). */
  postXM: Float64Array;
  postYM: Float64Array;
  /** Unit tracks in metres (replay); empty without a trace. */
  tracks: UnitTrack[];
  /** Incidents in metres, with outcome codes (see incidentOutcome). */
  incidentXM: Float64Array;
  incidentYM: Float64Array;
  incidentOutcome: Uint8Array;
  /** Key sites (sites.json) in metres. */
  siteXM: Float64Array;
  siteYM: Float64Array;
  /** Time span of the replay: [0, untilS] of the trace (what it records), or [0, 0]. */
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
  const sites = run.sites ?? [];
  const edgeDrawn = new Uint8Array(m).fill(1);
  const byPair = new Map<number, number[]>();
  const sameReversed = (e: number, f: number) => {
    if (net.edgeClass[e] !== net.edgeClass[f]) return false;
    const a0 = edgeStart[e], a1 = edgeStart[e + 1], b0 = edgeStart[f], b1 = edgeStart[f + 1];
    if (a1 - a0 !== b1 - b0) return false;
    for (let i = 0; i < a1 - a0; i += 2) if (edgeXY[a0 + i] !== edgeXY[b1 - 2 - i] || edgeXY[a0 + i + 1] !== edgeXY[b1 - 1 - i]) return false;
    return true;
  };
  for (let e = 0; e < m; e++) {
    const a = net.edgeFrom[e], b = net.edgeTo[e];
    if (a === b) continue;
    const key = b * n + a;
    const rev = byPair.get(key);
    const k = rev?.findIndex((f) => sameReversed(e, f)) ?? -1;
    if (rev && k >= 0) { edgeDrawn[e] = 0; rev.splice(k, 1); continue; }
    const own = a * n + b;
    const l = byPair.get(own);
    if (l) l.push(e); else byPair.set(own, [e]);
  }
  return {
    edgeDrawn,
    projection: p, boundsM: bounds, nodeXM, nodeYM, edgeStart, edgeXY, edgeFromNode: net.edgeFrom, edgeToNode: net.edgeTo, postXM, postYM, tracks,
    siteXM: Float64Array.from(sites, (s) => nodeXM[s.node]), siteYM: Float64Array.from(sites, (s) => nodeYM[s.node]),
    incidentXM: Float64Array.from(incs, (i) => projectX(p, i.x)),
    incidentYM: Float64Array.from(incs, (i) => projectY(p, i.y)),
    incidentOutcome: Uint8Array.from(incs, (i) => incidentOutcome(i.met, i.firstArrivalS)),
    startS: 0,
    endS: run.trace ? run.trace.untilS : 0,
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

/** The tiers a coverage map can show: coverage.json's tiers (distinct target and unit count, in file order). */
export function coverageTiers(run: RunData): { targetS: number; units: number }[] {
  const seen = new Set<string>();
  const out: { targetS: number; units: number }[] = [];
  for (const t of run.coverage?.tiers ?? []) {
    const key = `${t.targetS}/${t.units}`;
    if (seen.has(key) || t.units > (run.coverage?.k ?? 0)) continue;
    seen.add(key); out.push({ targetS: t.targetS, units: t.units });
  }
  return out;
}

/**
 * The kth-unit arrival time (k from 1) at every network node: coverage.json `nodeArrivalS` when the
 * file has it, else the demand points' times (other nodes NaN, unknown).
 */
export function nodeArrivalsOfKth(run: RunData, k: number): Float64Array {
  const n = run.network.nodeIds.length;
  const out = new Float64Array(n).fill(NaN);
  const c = run.coverage;
  if (!c || k < 1 || k > c.k) return out;
  if (c.nodeArrivalS) { for (let v = 0; v < n; v++) out[v] = c.nodeArrivalS[v * c.k + k - 1]; return out; }
  for (let i = 0; i < c.demandNode.length; i++) out[c.demandNode[i]] = c.arrivalS[i * c.k + k - 1];
  return out;
}
