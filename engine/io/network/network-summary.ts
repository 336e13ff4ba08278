import { stronglyConnectedComponents } from '../../graph/components.ts';
import type { CoordKind, RoadGraph } from '../../graph/road-graph.ts';

/** What `patrolsim network --json` prints. */
export interface NetworkSummary {
  nodes: number;
  edges: number;
  zones: number;
  /** Number of strongly connected components. */
  components: number;
  /** Nodes in the largest strongly connected component. */
  largestComponent: number;
  nodesOutsideLargest: number;
  /** Bounding box of the node coordinates (null without coordinates). */
  bbox: { minX: number; minY: number; maxX: number; maxY: number } | null;
  coordKind: CoordKind;
  /** Planar networks: the map projection lon/lat points are placed with (e.g. "UTM zone 49N (WGS84) ..."), or null. */
  projection: string | null;
  /** Sum of known edge lengths in metres; null when no edge has a length. */
  totalLengthM: number | null;
  /** Edges whose length is unknown (NaN). */
  edgesWithoutLength: number;
  /** Edge count per road class, largest first (ties by name). */
  classes: Record<string, number>;
}

/** Counts, components, extent and classes of a road graph. */
export function summarizeNetwork(graph: RoadGraph): NetworkSummary {
  const comps = stronglyConnectedComponents(graph);
  let zones = 0;
  for (let v = 0; v < graph.nodeCount; v++) zones += graph.isZone[v];
  let minX = Infinity, minY = Infinity, maxX = -Infinity, maxY = -Infinity;
  for (let v = 0; v < graph.nodeCount; v++) {
    const x = graph.x[v];
    const y = graph.y[v];
    if (!Number.isFinite(x) || !Number.isFinite(y)) continue;
    if (x < minX) minX = x;
    if (x > maxX) maxX = x;
    if (y < minY) minY = y;
    if (y > maxY) maxY = y;
  }
  let lengthM = 0;
  let unknown = 0;
  const perClass = new Array<number>(graph.classNames.length).fill(0);
  for (let e = 0; e < graph.edgeCount; e++) {
    const l = graph.lengthM[e];
    if (Number.isFinite(l)) lengthM += l; else unknown++;
    perClass[graph.edgeClass[e]]++;
  }
  const classOrder = graph.classNames.map((name, c) => ({ name, n: perClass[c] }))
    .sort((a, b) => b.n - a.n || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const largest = comps.sizes[0] ?? 0;
  return {
    nodes: graph.nodeCount,
    edges: graph.edgeCount,
    zones,
    components: comps.sizes.length,
    largestComponent: largest,
    nodesOutsideLargest: graph.nodeCount - largest,
    bbox: minX <= maxX ? { minX, minY, maxX, maxY } : null,
    coordKind: graph.coordKind,
    projection: graph.projection?.description ?? null,
    totalLengthM: graph.edgeCount > 0 && unknown === graph.edgeCount ? null : lengthM,
    edgesWithoutLength: unknown,
    classes: Object.fromEntries(classOrder.map((c) => [c.name, c.n])),
  };
}
