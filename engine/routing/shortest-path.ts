import createGraph, { type Graph } from 'ngraph.graph';
import ngraphPath from 'ngraph.path';
import type { RoadGraph } from '../graph/road-graph.ts';

/** No path between the two nodes. Frozen, compare by identity. */
export const NO_PATH: Readonly<{ nodes: readonly string[]; edges: readonly number[]; timeS: number }> =
  Object.freeze({ nodes: Object.freeze([]) as readonly string[], edges: Object.freeze([]) as readonly number[], timeS: Infinity });

export interface RoadPath { nodes: readonly string[]; edges: readonly number[]; timeS: number }

interface LinkData { edge: number; timeS: number }

/**
 * The road graph as an ngraph.graph (the public graph form): node ids as ngraph ids with
 * `{ index, x, y, zone }` data, one link per directed edge with `{ edge, timeS }` data.
 * Parallel edges collapse to the fastest, since ngraph keeps one link per ordered pair.
 */
export function toNgraph(graph: RoadGraph, edgeTimeS: Float64Array = graph.freeFlowTimeS): Graph {
  const g = createGraph({ multigraph: false });
  for (let v = 0; v < graph.nodeCount; v++) {
    g.addNode(graph.nodeIds[v], { index: v, x: graph.x[v], y: graph.y[v], zone: graph.isZone[v] === 1 });
  }
  for (let e = 0; e < graph.edgeCount; e++) {
    const t = edgeTimeS[e];
    if (!Number.isFinite(t)) continue;
    const a = graph.nodeIds[graph.edgeFrom[e]];
    const b = graph.nodeIds[graph.edgeTo[e]];
    const existing = g.getLink(a, b);
    if (existing && (existing.data as LinkData).timeS <= t) continue;
    if (existing) g.removeLink(existing);
    g.addLink(a, b, { edge: e, timeS: t } satisfies LinkData);
  }
  return g;
}

/**
 * Fastest point-to-point path with ngraph.path's A* (no heuristic, so Dijkstra), respecting
 * one-way edges and zones (a zone may be the first or last node, never an inner one).
 * Returns {@link NO_PATH} when the target can't be reached.
 */
export function findPath(graph: RoadGraph, ngraph: Graph, fromId: string, toId: string): RoadPath {
  for (const id of [fromId, toId]) if (graph.indexOf(id) < 0) throw new Error(`node "${id}" is not in the network`);
  if (fromId === toId) return { nodes: [fromId], edges: [], timeS: 0 };
  const finder = ngraphPath.aStar(ngraph, {
    oriented: true,
    distance: (_a, _b, link) => (link.data as LinkData).timeS,
    blocked: (a, b) => {
      // Entering zone b is fine only as the goal; leaving zone a only when it is the start.
      const bZone = (b.data as { zone: boolean }).zone && b.id !== toId && b.id !== fromId;
      const aZone = (a.data as { zone: boolean }).zone && a.id !== fromId && a.id !== toId;
      return bZone || aZone;
    },
  });
  // ngraph.path returns the path from the target back to the source.
  const found = finder.find(fromId, toId);
  const nodes = found.map((node) => String(node.id)).reverse();
  // ngraph.path can return a lone node when the goal is unreachable: only a full from..to walk is a path.
  if (nodes.length < 2 || nodes[0] !== fromId || nodes[nodes.length - 1] !== toId) return NO_PATH;
  const edges: number[] = [];
  let timeS = 0;
  for (let i = 0; i + 1 < nodes.length; i++) {
    const link = ngraph.getLink(nodes[i], nodes[i + 1]);
    if (!link) throw new Error(`internal: ngraph.path returned a step ${nodes[i]}->${nodes[i + 1]} with no link`);
    edges.push((link.data as LinkData).edge);
    timeS += (link.data as LinkData).timeS;
  }
  return { nodes, edges, timeS };
}
