import { readFileSync } from 'node:fs';
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
