import type { RoadGraph } from '../graph/road-graph.ts';
import { createShortestPathSearch, type ShortestPathSearch } from '../routing/dijkstra.ts';
import type { RoutingGraph } from '../routing/routing-graph.ts';

/**
 * GeoJSON for police geography, in the network's own coordinates (lon/lat, or planar metres flagged
 * by a top-level `crs` note). Every feature has `properties.kind`; the kinds and their properties are
 * listed in docs/geography.md. Colours are suggestions (12-colour cycle by post index).
 */
export const POST_COLOURS = ['#1f78b4', '#33a02c', '#e31a1c', '#ff7f00', '#6a3d9a', '#b15928', '#a6cee3', '#b2df8a', '#fb9a99', '#fdbf6f', '#cab2d6', '#ffff99'] as const;

export interface PostLabel { id: string; node: number; units: number }

type Feature = { type: 'Feature'; geometry: object; properties: Record<string, unknown> };

const point = (g: RoadGraph, v: number) => [g.x[v], g.y[v]];

function edgeLine(g: RoadGraph, e: number): number[][] {
  const a = g.edgeFrom[e], b = g.edgeTo[e];
  const line = [point(g, a)];
  const shape = g.edgeShapes[e];
  if (shape) for (let i = 0; i + 1 < shape.length; i += 2) line.push([shape[i], shape[i + 1]]);
  line.push(point(g, b));
  return line;
}

/** The roads (one line per edge, parallel and two-way edges drawn once) whose ends both pass `inside`. */
function roadsWithin(g: RoadGraph, inside: (v: number) => boolean): number[][][] {
  const lines: number[][][] = [];
  const seen = new Set<string>();
  for (let e = 0; e < g.edgeCount; e++) {
    const a = g.edgeFrom[e], b = g.edgeTo[e];
    if (!inside(a) || !inside(b)) continue;
    const key = a < b ? `${a}-${b}` : `${b}-${a}`;
    if (seen.has(key) && !g.edgeShapes[e]) continue;
    seen.add(key);
    lines.push(edgeLine(g, e));
  }
  return lines;
}

function collection(g: RoadGraph, features: Feature[]): object {
  return { type: 'FeatureCollection', ...(g.coordKind === 'planar' ? { crs: 'planar metres (not WGS84)' } : {}), features };
}

/**
 * Jurisdictions: per post a `post` Point, a `jurisdiction` MultiPoint of its nodes and a
 * `jurisdiction-roads` MultiLineString of the roads inside it; the nodes no unit reaches as one
 * `unassigned` MultiPoint.
 */
export function jurisdictionsToGeoJson(
  g: RoadGraph, posts: readonly PostLabel[], owner: Int32Array,
  figures: readonly { nodes: number; weight: number; maxTimeS: number; beyondTarget: number }[],
): object {
  const features: Feature[] = [];
  const members: number[][] = posts.map(() => []);
  const unassigned: number[] = [];
  for (let v = 0; v < g.nodeCount; v++) (owner[v] >= 0 ? members[owner[v]] : unassigned).push(v);
  posts.forEach((p, i) => {
    const colour = POST_COLOURS[i % POST_COLOURS.length];
    const props = { post: p.id, index: i, units: p.units, ...figures[i], colour };
    features.push({ type: 'Feature', geometry: { type: 'Point', coordinates: point(g, p.node) }, properties: { kind: 'post', node: g.nodeIds[p.node], ...props } });
    if (members[i].length === 0) return;
    features.push({ type: 'Feature', geometry: { type: 'MultiPoint', coordinates: members[i].map((v) => point(g, v)) }, properties: { kind: 'jurisdiction', ...props } });
    features.push({ type: 'Feature', geometry: { type: 'MultiLineString', coordinates: roadsWithin(g, (v) => owner[v] === i) }, properties: { kind: 'jurisdiction-roads', ...props } });
  });
  if (unassigned.length) {
    features.push({ type: 'Feature', geometry: { type: 'MultiPoint', coordinates: unassigned.map((v) => point(g, v)) }, properties: { kind: 'unassigned', nodes: unassigned.length } });
  }
  return collection(g, features);
}

/** One unit's road route from its post to the node it closes, as node indices (fastest path). */
export function routeNodes(rg: RoutingGraph, g: RoadGraph, from: number, to: number, search: ShortestPathSearch = createShortestPathSearch(rg)): number[] {
  search.run([to], { direction: 'reverse' });
  if (search.timeS[from] === Infinity) return [];
  const path = [from];
  for (let v = from; v !== to;) {
    const e = search.predEdge[v];
    if (e < 0) break;
    v = g.edgeTo[e];
    path.push(v);
  }
  return path;
}

export interface CordonAssignment {
  /** Node closed (an exit, or a node of a containment cut). */
  node: number;
  /** Index into the posts. */
  post: number;
  /** Seconds after the units leave (blockade, ring) or after the flight (containment). */
  arrivalS: number;
  /** Route from the post to the node, node indices. */
  route: readonly number[];
  /** Containment: the suspect's earliest arrival at the node. */
  suspectS?: number;
}

/**
 * A cordon (blockade, ring or containment): `post` Points, `closed` Points (one per node closed,
 * with its post and time), `assignment` LineStrings along each unit's route, `open` Points for
 * exits left open, and where given the `region` roads (the ring; for containment, the roads the
 * suspect can still use), the `scene`/`origin` Point and the `city-edge` MultiPoint.
 */
export function cordonToGeoJson(
  g: RoadGraph, posts: readonly PostLabel[], assignments: readonly CordonAssignment[],
  extra: { open?: readonly number[]; region?: ArrayLike<number>; centre?: { kind: 'scene' | 'origin'; node: number }; edge?: ArrayLike<number>; labels?: ReadonlyMap<number, string> } = {},
): object {
  const features: Feature[] = [];
  const label = (v: number) => extra.labels?.get(v) ?? g.nodeIds[v];
  if (extra.region && extra.region.length) {
    const inside = new Uint8Array(g.nodeCount);
    for (let i = 0; i < extra.region.length; i++) inside[extra.region[i]] = 1;
    features.push({ type: 'Feature', geometry: { type: 'MultiLineString', coordinates: roadsWithin(g, (v) => inside[v] === 1) }, properties: { kind: 'region', nodes: extra.region.length } });
  }
  if (extra.edge && extra.edge.length) {
    features.push({ type: 'Feature', geometry: { type: 'MultiPoint', coordinates: Array.from(extra.edge, (v) => point(g, v)) }, properties: { kind: 'city-edge', nodes: extra.edge.length } });
  }
  const used = posts.map(() => 0);
  for (const a of assignments) used[a.post]++;
  posts.forEach((p, i) => features.push({
    type: 'Feature', geometry: { type: 'Point', coordinates: point(g, p.node) },
    properties: { kind: 'post', post: p.id, index: i, node: g.nodeIds[p.node], units: p.units, unitsUsed: used[i], colour: POST_COLOURS[i % POST_COLOURS.length] },
  }));
  for (const a of assignments) {
    const common = { node: label(a.node), post: posts[a.post].id, arrivalS: a.arrivalS, ...(a.suspectS !== undefined ? { suspectS: a.suspectS } : {}), colour: POST_COLOURS[a.post % POST_COLOURS.length] };
    features.push({ type: 'Feature', geometry: { type: 'Point', coordinates: point(g, a.node) }, properties: { kind: 'closed', ...common } });
    if (a.route.length >= 2) features.push({ type: 'Feature', geometry: { type: 'LineString', coordinates: a.route.map((v) => point(g, v)) }, properties: { kind: 'assignment', ...common } });
  }
  for (const v of extra.open ?? []) features.push({ type: 'Feature', geometry: { type: 'Point', coordinates: point(g, v) }, properties: { kind: 'open', node: label(v) } });
  if (extra.centre) features.push({ type: 'Feature', geometry: { type: 'Point', coordinates: point(g, extra.centre.node) }, properties: { kind: extra.centre.kind, node: g.nodeIds[extra.centre.node] } });
  return collection(g, features);
}
