import type { RoadGraph } from '../graph/road-graph.ts';

const EARTH_RADIUS_M = 6_371_008.8;

/**
 * The city edge of a network: where a vehicle leaves the mapped city.
 *
 *   edge = { v not a zone : dist(v, ∂H) <= B }
 *
 * H: the convex hull of the non-zone nodes' coordinates (lon/lat projected to local metres by an
 * equirectangular projection at the mean latitude); ∂H its boundary; dist the straight-line distance
 * in metres; B the band width, by default 2 % of the diagonal of the nodes' bounding box. In a
 * network cut out of a larger one, the roads cut at the clip line end near ∂H, so the band holds
 * them; a coast or a river bank that lies on the hull counts as edge too, so give real exits
 * (`--exits`) when they are known. Needs node coordinates.
 */
export function cityEdgeNodes(graph: RoadGraph, options: { bandM?: number } = {}): { nodes: Int32Array; bandM: number; hull: [number, number][] } {
  if (graph.coordKind === 'none') throw new Error('the network has no node coordinates, so its edge is unknown');
  const ids: number[] = [];
  for (let v = 0; v < graph.nodeCount; v++) if (!graph.isZone[v] && Number.isFinite(graph.x[v]) && Number.isFinite(graph.y[v])) ids.push(v);
  if (ids.length === 0) return { nodes: new Int32Array(0), bandM: 0, hull: [] };
  let lat0 = 0;
  if (graph.coordKind === 'lonlat') { for (const v of ids) lat0 += graph.y[v]; lat0 /= ids.length; }
  const k = Math.PI / 180 * EARTH_RADIUS_M;
  const px = (v: number) => (graph.coordKind === 'lonlat' ? graph.x[v] * k * Math.cos(lat0 * Math.PI / 180) : graph.x[v]);
  const py = (v: number) => (graph.coordKind === 'lonlat' ? graph.y[v] * k : graph.y[v]);
  const pts = ids.map((v) => [px(v), py(v)] as [number, number]);
  const hull = convexHull(pts);
  let minX = Infinity, minY = Infinity, maxX = -Infinity, maxY = -Infinity;
  for (const [x, y] of pts) { minX = Math.min(minX, x); maxX = Math.max(maxX, x); minY = Math.min(minY, y); maxY = Math.max(maxY, y); }
  const bandM = options.bandM ?? 0.02 * Math.hypot(maxX - minX, maxY - minY);
  if (!(bandM >= 0)) throw new Error(`bandM must be >= 0, got ${bandM}`);
  const nodes: number[] = [];
  ids.forEach((v, i) => { if (distanceToBoundary(pts[i], hull) <= bandM) nodes.push(v); });
  return { nodes: Int32Array.from(nodes), bandM, hull };
}

/** Convex hull (Andrew's monotone chain), counter-clockwise, collinear points dropped. */
export function convexHull(points: readonly [number, number][]): [number, number][] {
  const p = [...points].sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  if (p.length <= 2) return p;
  const cross = (o: number[], a: number[], b: number[]) => (a[0] - o[0]) * (b[1] - o[1]) - (a[1] - o[1]) * (b[0] - o[0]);
  const lower: [number, number][] = [];
  for (const q of p) { while (lower.length >= 2 && cross(lower[lower.length - 2], lower[lower.length - 1], q) <= 0) lower.pop(); lower.push(q); }
  const upper: [number, number][] = [];
  for (let i = p.length - 1; i >= 0; i--) { const q = p[i]; while (upper.length >= 2 && cross(upper[upper.length - 2], upper[upper.length - 1], q) <= 0) upper.pop(); upper.push(q); }
  return [...lower.slice(0, -1), ...upper.slice(0, -1)];
}

function distanceToBoundary(q: [number, number], hull: readonly [number, number][]): number {
  if (hull.length === 1) return Math.hypot(q[0] - hull[0][0], q[1] - hull[0][1]);
  let best = Infinity;
  for (let i = 0; i < hull.length; i++) {
    const a = hull[i], b = hull[(i + 1) % hull.length];
    const dx = b[0] - a[0], dy = b[1] - a[1];
    const len2 = dx * dx + dy * dy;
    const t = len2 > 0 ? Math.max(0, Math.min(1, ((q[0] - a[0]) * dx + (q[1] - a[1]) * dy) / len2)) : 0;
    best = Math.min(best, Math.hypot(q[0] - a[0] - t * dx, q[1] - a[1] - t * dy));
  }
  return best;
}
