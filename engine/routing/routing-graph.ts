import type { RoadGraph } from '../graph/road-graph.ts';

/**
 * The compact form routing runs on: forward and reverse adjacency with the edge travel times
 * inlined (typed arrays, dense indices). Build one per travel-time vector (e.g. per hour profile).
 */
export interface RoutingGraph {
  readonly nodeCount: number;
  readonly fwdStart: Int32Array;
  readonly fwdTarget: Int32Array;
  readonly fwdTimeS: Float64Array;
  readonly fwdEdge: Int32Array;
  readonly revStart: Int32Array;
  readonly revTarget: Int32Array;
  readonly revTimeS: Float64Array;
  readonly revEdge: Int32Array;
  readonly isZone: Uint8Array;
}

/**
 * Inline `edgeTimeS` (seconds per edge, defaults to the graph's free-flow times) into CSR arrays.
 * Edges with a non-finite time (closed roads) are left out.
 */
export function buildRoutingGraph(graph: RoadGraph, edgeTimeS: Float64Array = graph.freeFlowTimeS): RoutingGraph {
  if (edgeTimeS.length !== graph.edgeCount) {
    throw new Error(`edgeTimeS has ${edgeTimeS.length} entries, the graph has ${graph.edgeCount} edges`);
  }
  const fwd = inline(graph.nodeCount, graph.outStart, graph.outEdge, graph.edgeTo, edgeTimeS);
  const rev = inline(graph.nodeCount, graph.inStart, graph.inEdge, graph.edgeFrom, edgeTimeS);
  return {
    nodeCount: graph.nodeCount,
    fwdStart: fwd.start, fwdTarget: fwd.target, fwdTimeS: fwd.time, fwdEdge: fwd.edge,
    revStart: rev.start, revTarget: rev.target, revTimeS: rev.time, revEdge: rev.edge,
    isZone: graph.isZone,
  };
}

function inline(n: number, start: Int32Array, order: Int32Array, other: Int32Array, timeS: Float64Array) {
  const s = new Int32Array(n + 1);
  let m = 0;
  for (let v = 0; v < n; v++) {
    s[v] = m;
    for (let i = start[v]; i < start[v + 1]; i++) if (Number.isFinite(timeS[order[i]])) m++;
  }
  s[n] = m;
  const target = new Int32Array(m);
  const time = new Float64Array(m);
  const edge = new Int32Array(m);
  let k = 0;
  for (let v = 0; v < n; v++) {
    for (let i = start[v]; i < start[v + 1]; i++) {
      const e = order[i];
      const t = timeS[e];
      if (!Number.isFinite(t)) continue;
      if (t < 0) throw new Error(`edge ${e} has negative travel time ${t}`);
      target[k] = other[e]; time[k] = t; edge[k] = e; k++;
    }
  }
  return { start: s, target, time, edge };
}
