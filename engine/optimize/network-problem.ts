import { createShortestPathSearch } from '../routing/dijkstra.ts';
import type { RoutingGraph } from '../routing/routing-graph.ts';
import { createLocationProblem, type LocationProblem } from './problem.ts';

export interface NetworkProblemInput {
  /** Dense node index per demand point. */
  demandNodes: ArrayLike<number>;
  demandWeight?: ArrayLike<number>;
  /** Dense node index per candidate site. */
  candidateNodes: ArrayLike<number>;
  siteCost?: ArrayLike<number>;
  minUnits?: ArrayLike<number>;
  maxUnits?: ArrayLike<number>;
  /** Node ids, for labels. */
  nodeIds: readonly string[];
  /** Keep pairs with travel time <= maxTimeS only (the largest target); Infinity keeps all reachable. */
  maxTimeS: number;
  onProgress?: (done: number, total: number) => void;
}

/**
 * A {@link LocationProblem} on a road network: d_ij is the travel time in seconds driving from
 * candidate j to demand i (units drive out from their posts), found by one bounded forward Dijkstra
 * per candidate. Only pairs within `maxTimeS` are kept, so a city-scale model stays sparse (never a
 * dense candidates × demand matrix).
 */
export function networkProblem(graph: RoutingGraph, input: NetworkProblemInput): LocationProblem {
  const nd = input.demandNodes.length, nc = input.candidateNodes.length;
  // Demand points per node (several may share one).
  const demandAt = new Map<number, number[]>();
  for (let i = 0; i < nd; i++) {
    const v = input.demandNodes[i];
    const list = demandAt.get(v);
    if (list) list.push(i); else demandAt.set(v, [i]);
  }
  const search = createShortestPathSearch(graph);
  let cand = new Int32Array(1 << 16), dem = new Int32Array(1 << 16), cost = new Float64Array(1 << 16);
  let m = 0;
  const push = (j: number, i: number, t: number) => {
    if (m === cand.length) {
      const c2 = new Int32Array(m * 2); c2.set(cand); cand = c2;
      const d2 = new Int32Array(m * 2); d2.set(dem); dem = d2;
      const t2 = new Float64Array(m * 2); t2.set(cost); cost = t2;
    }
    cand[m] = j; dem[m] = i; cost[m] = t; m++;
  };
  for (let j = 0; j < nc; j++) {
    search.run([input.candidateNodes[j]], { direction: 'forward', maxTimeS: input.maxTimeS });
    for (let s = 0; s < search.settledCount; s++) {
      const v = search.settled[s];
      const list = demandAt.get(v);
      if (list) for (const i of list) push(j, i, search.timeS[v]);
    }
    input.onProgress?.(j + 1, nc);
  }
  const ids = (nodes: ArrayLike<number>) => Array.from({ length: nodes.length }, (_, k) => input.nodeIds[nodes[k]]);
  return createLocationProblem({
    demandIds: ids(input.demandNodes), demandWeight: input.demandWeight,
    candidateIds: ids(input.candidateNodes), siteCost: input.siteCost, minUnits: input.minUnits, maxUnits: input.maxUnits,
    pairs: { candidate: cand.subarray(0, m), demand: dem.subarray(0, m), cost: cost.subarray(0, m) },
  });
}
