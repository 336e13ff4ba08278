import type { RoadGraph } from '../graph/road-graph.ts';
import type { Tier } from './tiers.ts';

/** Colours for "met the i-th tightest tier" (by target), then "met none". */
export const TIER_COLOURS = ['#1a9850', '#91cf60', '#fee08b', '#fc8d59', '#d73027'] as const;
export const UNMET_COLOUR = '#7f0000';

/**
 * Band of a point: index of the tightest tier (smallest target, ties by list order) it meets, or -1.
 * `arrival(j)` is the time of the (j+1)th unit.
 */
export function tightestTierMet(tiers: readonly Tier[], arrival: (j: number) => number): number {
  const order = tiers.map((t, i) => i).sort((a, b) => tiers[a].targetS - tiers[b].targetS || a - b);
  for (const i of order) if (arrival(tiers[i].units - 1) <= tiers[i].targetS) return i;
  return -1;
}

function colourOf(tiers: readonly Tier[], band: number): string {
  if (band < 0) return UNMET_COLOUR;
  const rank = [...tiers].map((t, i) => i).sort((a, b) => tiers[a].targetS - tiers[b].targetS || a - b).indexOf(band);
  return TIER_COLOURS[Math.min(rank, TIER_COLOURS.length - 2)];
}

/**
 * GeoJSON FeatureCollection for maps: one Point per node with its unit arrival times and tier band,
 * and one LineString per edge coloured by the worse band of its two ends (an edge counts as met only
 * when both ends are). Needs lon/lat coordinates (planar networks get planar GeoJSON, flagged).
 * `nodeArrivalS[v*k + j]` is the (j+1)th unit's time at node v.
 */
export function coverageToGeoJson(graph: RoadGraph, tiers: readonly Tier[], nodeArrivalS: Float64Array, k: number, nodeWeight?: Float64Array): object {
  const label = (i: number) => (i < 0 ? 'none' : `${tiers[i].targetS}s/${tiers[i].units}`);
  const band = new Int32Array(graph.nodeCount);
  for (let v = 0; v < graph.nodeCount; v++) band[v] = tightestTierMet(tiers, (j) => nodeArrivalS[v * k + j]);
  const rankOf = (b: number) => (b < 0 ? Infinity : tiers[b].targetS);
  const features: object[] = [];
  for (let v = 0; v < graph.nodeCount; v++) {
    const arrival: (number | null)[] = [];
    for (let j = 0; j < k; j++) { const t = nodeArrivalS[v * k + j]; arrival.push(Number.isFinite(t) ? t : null); }
    features.push({
      type: 'Feature',
      geometry: { type: 'Point', coordinates: [graph.x[v], graph.y[v]] },
      properties: { kind: 'node', id: graph.nodeIds[v], weight: nodeWeight ? nodeWeight[v] : null, arrivalS: arrival, tier: label(band[v]), colour: colourOf(tiers, band[v]) },
    });
  }
  for (let e = 0; e < graph.edgeCount; e++) {
    const a = graph.edgeFrom[e], b = graph.edgeTo[e];
    const worse = rankOf(band[a]) >= rankOf(band[b]) ? band[a] : band[b];
    const coords: number[][] = [[graph.x[a], graph.y[a]]];
    const shape = graph.edgeShapes[e];
    if (shape) for (let i = 0; i + 1 < shape.length; i += 2) coords.push([shape[i], shape[i + 1]]);
    coords.push([graph.x[b], graph.y[b]]);
    features.push({
      type: 'Feature',
      geometry: { type: 'LineString', coordinates: coords },
      properties: { kind: 'edge', id: graph.edgeIds[e], class: graph.classNames[graph.edgeClass[e]], tier: label(worse), colour: colourOf(tiers, worse) },
    });
  }
  return { type: 'FeatureCollection', ...(graph.coordKind === 'planar' ? { crs: 'planar metres (not WGS84)' } : {}), features };
}
