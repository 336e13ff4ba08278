import { distanceM } from '../graph/geo.ts';
import type { RoadGraph } from '../graph/road-graph.ts';
import type { PointCoords, PointPlacer } from '../graph/snap.ts';

/**
 * Spatial weights of incident locations per node (zone nodes always 0; weights need not sum to 1).
 * - uniform: 1 on every non-zone node;
 * - per node: the given weights;
 * - hotspots: baseline + Σ_k weight_k · exp(−d(v, c_k)² / (2 r_k²)) — a Gaussian kernel of radius r_k
 *   metres around each centre c_k (straight-line distance, haversine for lon/lat);
 * - learned: the count of historical incidents placed on each node (engine/graph/snap.ts: the nearest
 *   eligible node within the placer's maximum snap distance).
 */
export function uniformWeights(graph: RoadGraph): Float64Array {
  const w = new Float64Array(graph.nodeCount);
  for (let v = 0; v < graph.nodeCount; v++) w[v] = graph.isZone[v] ? 0 : 1;
  return w;
}

export function hotspotWeights(graph: RoadGraph, points: readonly { x: number; y: number; radiusM: number; weight: number }[], baseline: number): Float64Array {
  const w = new Float64Array(graph.nodeCount);
  for (let v = 0; v < graph.nodeCount; v++) {
    if (graph.isZone[v]) continue;
    let s = baseline;
    for (const p of points) {
      const d = distanceM(graph.coordKind, graph.x[v], graph.y[v], p.x, p.y);
      s += p.weight * Math.exp(-(d * d) / (2 * p.radiusM * p.radiusM));
    }
    w[v] = Number.isFinite(s) ? s : 0;
  }
  return w;
}

/** Count points per placed node; points beyond the placer's maximum snap distance are counted as too far. */
export function learnedWeights(placer: PointPlacer, xs: readonly number[], ys: readonly number[], coords: PointCoords): { weights: Float64Array; used: number; tooFar: number } {
  const w = new Float64Array(placer.graph.nodeCount);
  let used = 0;
  let tooFar = 0;
  for (let i = 0; i < xs.length; i++) {
    const s = placer.snap(xs[i], ys[i], coords);
    if (!s.withinLimit) { tooFar++; continue; }
    w[s.node] += 1;
    used++;
  }
  return { weights: w, used, tooFar };
}
