import { readFileSync } from 'node:fs';
import { stronglyConnectedComponents } from '../engine/graph/components.ts';
import type { RoadGraph } from '../engine/graph/road-graph.ts';
import { inducedSubgraph } from '../engine/graph/subgraph.ts';
import { parseTntpNetwork } from '../engine/io/network/tntp.ts';
import { networkProblem } from '../engine/optimize/network-problem.ts';
import type { LocationProblem } from '../engine/optimize/problem.ts';
import { buildRoutingGraph } from '../engine/routing/routing-graph.ts';

/**
 * The city-scale optimizer model of bench/optimize.ts and bench/tiered-lp-gap.ts: the Sydney TNTP
 * network, every node a demand point of weight 1, 2,000 candidate sites spread evenly over the node
 * index (every 100th an existing post with one unit), travel times within 300 s.
 */
export function sydneyCityProblem(netFile: string): { problem: LocationProblem; nodes: number; loadS: number; problemS: number } {
  let t0 = performance.now();
  const graph = parseTntpNetwork(readFileSync(netFile, 'utf8'), 'Sydney_net.tntp');
  const rg = buildRoutingGraph(graph);
  const n = graph.nodeCount;
  const stride = n / 2000;
  const candidateNodes = Int32Array.from({ length: 2000 }, (_, k) => Math.floor(k * stride + stride / 2));
  const minUnits = Int32Array.from({ length: 2000 }, (_, k) => (k % 100 === 0 ? 1 : 0));
  const loadS = (performance.now() - t0) / 1000;
  t0 = performance.now();
  const problem = networkProblem(rg, { demandNodes: Int32Array.from({ length: n }, (_, v) => v), candidateNodes, minUnits, nodeIds: graph.nodeIds, maxTimeS: 300 });
  return { problem, nodes: n, loadS, problemS: (performance.now() - t0) / 1000 };
}

/**
 * The Sydney sub-area of bench/tiered-lp-gap.ts and bench/busy-prediction.ts: the nodes within
 * ±0.05° of the network's mean coordinate, then the largest strongly connected part of those.
 */
export function sydneyCentre(graph: RoadGraph): RoadGraph {
  let cx = 0, cy = 0, n = 0;
  for (let v = 0; v < graph.nodeCount; v++) if (Number.isFinite(graph.x[v])) { cx += graph.x[v]; cy += graph.y[v]; n++; }
  cx /= n; cy /= n;
  const box = inducedSubgraph(graph, (v) => Math.abs(graph.x[v] - cx) < 0.05 && Math.abs(graph.y[v] - cy) < 0.05);
  const scc = stronglyConnectedComponents(box);
  return inducedSubgraph(box, (v) => scc.componentOf[v] === 0);
}
