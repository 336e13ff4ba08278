import { stronglyConnectedComponents } from './components.ts';
import { distanceM } from './geo.ts';
import type { RoadGraph } from './road-graph.ts';

/**
 * Where a point lands on the network: the one rule behind every input that places something on the
 * roads (posts and demand CSVs of `coverage` and `optimize`, scenario posts and hotspots, replayed
 * incidents, historical incidents for spatial weights, the demo's key sites).
 *
 * By coordinates. A point lands on the nearest *eligible* node by straight-line distance (haversine
 * on lon/lat networks, Euclidean on planar ones). Eligible: not a zone centroid, and inside the largest
 * strongly connected component (from a one-way stub at the edge of an extract a unit could never drive
 * back; coverage, the optimizer and the simulator all use the same part, so their figures agree).
 * A point farther than `maxSnapM` (default {@link DEFAULT_MAX_SNAP_M} m) from every eligible node is
 * off the network: a post there is an input error naming the row, the distance and the nearest node;
 * a demand point, incident or site is skipped and counted under {@link SKIP_FAR}.
 * Coordinates are the network's own (x/y), or WGS84 lon/lat degrees: on a lon/lat network these are
 * the same; on a planar network lon/lat is projected with the network's map projection (a SUMO
 * `<location>`), and refused when it has none.
 *
 * By node id. The point is that node, as given (an unknown id is an input error, or a skipped row in
 * a replay). Outside the largest strongly connected component, a post is kept with a warning (its
 * units can't reach all of the network); a demand point of static coverage is kept and reported
 * (`coverage` counts the weight outside); an incident is skipped (replay) or its weight dropped
 * (Poisson demand), because a unit sent there could not drive back.
 */
export const DEFAULT_MAX_SNAP_M = 500;

/** How a point's coordinates are given: the network's own x/y, or WGS84 lon/lat degrees. */
export type PointCoords = 'network' | 'lonlat';

/** Skip reasons for rows placed by this rule (counted by reason wherever rows are skipped). */
export const SKIP_NO_COORDINATES = 'without coordinates';
export const SKIP_OUTSIDE_LARGEST = 'node outside the largest strongly connected part of the network';
export const skipFar = (maxSnapM: number) => `farther than ${maxSnapM} m from the network`;
export const SKIP_FAR = skipFar(DEFAULT_MAX_SNAP_M);

export interface Snapper {
  /** Nearest eligible node to (x, y), or -1 when none. */
  nearest(x: number, y: number): number;
  nearestWithDistance(x: number, y: number): { node: number; distanceM: number };
}

/** Where a point given by coordinates would land, and whether it is close enough to. */
export interface SnapResult {
  /** The nearest eligible node (-1 when the network has none). */
  readonly node: number;
  /** Straight-line distance in metres to it (Infinity when none). */
  readonly distanceM: number;
  /** distanceM <= maxSnapM. */
  readonly withinLimit: boolean;
}

export interface PointPlacer {
  readonly graph: RoadGraph;
  readonly maxSnapM: number;
  /** Not a zone and inside the largest strongly connected component. */
  isEligible(v: number): boolean;
  inLargestComponent(v: number): boolean;
  /** Why points in these coordinates can't be placed on this network at all, or undefined. */
  refusal(coords: PointCoords): string | undefined;
  /** The nearest eligible node to a point (call only when `refusal(coords)` is undefined). */
  snap(x: number, y: number, coords: PointCoords): SnapResult;
  /** "1234 m from the nearest road node (id 5), beyond the maximum snap distance of 500 m". */
  describeFar(hit: SnapResult): string;
}

interface PlacementBase {
  componentOf: Int32Array;
  snapper?: Snapper;
}

const bases = new WeakMap<RoadGraph, PlacementBase>();

/**
 * The placement rule on a network (see the top of this file). The components and the search grid are
 * built once per graph and shared by every placer of it.
 *
 * @example
 * const placer = createPointPlacer(graph, { maxSnapM: 300 });
 * const hit = placer.snap(114.05, 22.54, 'lonlat');
 * if (!hit.withinLimit) console.log(placer.describeFar(hit));
 */
export function createPointPlacer(graph: RoadGraph, options: { maxSnapM?: number } = {}): PointPlacer {
  const maxSnapM = options.maxSnapM ?? DEFAULT_MAX_SNAP_M;
  if (!(maxSnapM >= 0)) throw new Error(`maxSnapM must be a number >= 0, got ${maxSnapM}`);
  let base = bases.get(graph);
  if (!base) { base = { componentOf: stronglyConnectedComponents(graph).componentOf }; bases.set(graph, base); }
  const b = base;
  const inLargestComponent = (v: number) => b.componentOf[v] === 0;
  const isEligible = (v: number) => !graph.isZone[v] && inLargestComponent(v);
  const refusal = (coords: PointCoords): string | undefined => {
    if (graph.coordKind === 'none') return 'the network has no node coordinates, so points given by coordinates can\'t be placed on it; give node ids';
    if (coords === 'lonlat' && graph.coordKind === 'planar' && !graph.projection) {
      return 'lon/lat points can\'t be placed on this network: its coordinates are planar metres and it has no map projection (a SUMO <location projParameter>); give node ids, or x/y in the network\'s coordinates';
    }
    return undefined;
  };
  const snap = (x: number, y: number, coords: PointCoords): SnapResult => {
    const why = refusal(coords);
    if (why) throw new Error(why);
    b.snapper ??= createSnapper(graph, { eligible: isEligible });
    let px = x, py = y;
    if (coords === 'lonlat' && graph.coordKind === 'planar') [px, py] = graph.projection!.fromLonLat(x, y);
    const hit = b.snapper.nearestWithDistance(px, py);
    return { node: hit.node, distanceM: hit.distanceM, withinLimit: hit.node >= 0 && hit.distanceM <= maxSnapM };
  };
  const describeFar = (hit: SnapResult) => (hit.node < 0
    ? 'the network has no road node to place it on (none outside zones in its largest strongly connected part)'
    : `${Math.round(hit.distanceM)} m from the nearest road node (${graph.nodeIds[hit.node]}), beyond the maximum snap distance of ${maxSnapM} m`);
  return { graph, maxSnapM, isEligible, inLargestComponent, refusal, snap, describeFar };
}

/**
 * Snap points to the nearest node by straight-line distance (haversine for lon/lat), using a uniform
 * grid: the search under {@link createPointPlacer}. By default zone nodes are not eligible;
 * `eligible(v)` narrows it further.
 */
export function createSnapper(graph: RoadGraph, options: { eligible?: (v: number) => boolean; allowZones?: boolean } = {}): Snapper {
  if (graph.coordKind === 'none') throw new Error('the network has no node coordinates, so points can\'t be snapped to it');
  const nodes: number[] = [];
  for (let v = 0; v < graph.nodeCount; v++) {
    if (!options.allowZones && graph.isZone[v]) continue;
    if (options.eligible && !options.eligible(v)) continue;
    if (!Number.isFinite(graph.x[v]) || !Number.isFinite(graph.y[v])) continue;
    nodes.push(v);
  }
  let minX = Infinity, minY = Infinity, maxX = -Infinity, maxY = -Infinity;
  for (const v of nodes) {
    minX = Math.min(minX, graph.x[v]); maxX = Math.max(maxX, graph.x[v]);
    minY = Math.min(minY, graph.y[v]); maxY = Math.max(maxY, graph.y[v]);
  }
  const farLat = Math.max(Math.abs(minY), Math.abs(maxY));
  const side = Math.max(1, Math.ceil(Math.sqrt(nodes.length / 2)));
  const cellW = (maxX - minX) / side || 1;
  const cellH = (maxY - minY) / side || 1;
  const cells = new Map<number, number[]>();
  const cellOf = (cx: number, cy: number) => cy * (side + 1) + cx;
  for (const v of nodes) {
    const cx = Math.floor((graph.x[v] - minX) / cellW);
    const cy = Math.floor((graph.y[v] - minY) / cellH);
    const key = cellOf(cx, cy);
    const list = cells.get(key);
    if (list) list.push(v); else cells.set(key, [v]);
  }

  function nearestWithDistance(x: number, y: number) {
    if (nodes.length === 0 || !Number.isFinite(x) || !Number.isFinite(y)) return { node: -1, distanceM: Infinity };
    const cx = Math.min(side, Math.max(0, Math.floor((x - minX) / cellW)));
    const cy = Math.min(side, Math.max(0, Math.floor((y - minY) / cellH)));
    let best = -1, bestD = Infinity;
    // Expand rings until a found node is closer than anything in the next ring can be. Ring distance is
    // measured in cells; convert with a conservative metre-per-cell bound.
    for (let r = 0; r <= side + 1; r++) {
      for (let gy = cy - r; gy <= cy + r; gy++) {
        for (let gx = cx - r; gx <= cx + r; gx++) {
          if (Math.max(Math.abs(gx - cx), Math.abs(gy - cy)) !== r) continue;
          if (gx < 0 || gy < 0 || gx > side || gy > side) continue;
          const list = cells.get(cellOf(gx, gy));
          if (!list) continue;
          for (const v of list) {
            const d = distanceM(graph.coordKind, x, y, graph.x[v], graph.y[v]);
            if (d < bestD || (d === bestD && v < best)) { bestD = d; best = v; }
          }
        }
      }
      if (best >= 0) {
        // Any node in ring r+1 or beyond is at least r cells away on some axis.
        // For lon/lat, measure the x step at the latitude farthest from the equator (shortest metres).
        const yRef = graph.coordKind === 'lonlat' ? farLat : y;
        const cellMinM = Math.min(
          distanceM(graph.coordKind, x, yRef, x + cellW * r, yRef),
          distanceM(graph.coordKind, x, y, x, y + cellH * r),
        );
        if (cellMinM >= bestD) break;
      }
    }
    return { node: best, distanceM: bestD };
  }
  return { nearest: (x, y) => nearestWithDistance(x, y).node, nearestWithDistance };
}
