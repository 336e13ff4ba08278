import { distanceM } from './geo.ts';
import type { RoadGraph } from './road-graph.ts';

export interface Snapper {
  /** Nearest eligible node to (x, y), or -1 when none; `distanceM` of the last answer via `nearestWithDistance`. */
  nearest(x: number, y: number): number;
  nearestWithDistance(x: number, y: number): { node: number; distanceM: number };
}

/**
 * Snap points to the nearest node by straight-line distance (haversine for lon/lat), using a uniform
 * grid. By default zone nodes are not eligible (a post or an incident sits on a real road node).
 * `eligible(v)` narrows it further (e.g. the largest strongly connected component).
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
