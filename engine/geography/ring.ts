import { createShortestPathSearch, type ShortestPathSearch } from '../routing/dijkstra.ts';
import type { RoutingGraph } from '../routing/routing-graph.ts';
import { mostExitsClosedWithin, solveBlockade, type Blockade, type ExitTimes, type NoBlockade } from './blockade.ts';
import { nearestUnitTimes, type UnitSource } from './unit-times.ts';

/**
 * The ring around a scene: the region R a vehicle leaving the scene reaches within S seconds, and
 * its exits, the nodes where roads leave it.
 *
 *   R = { v : d(scene, v) <= S }
 *   X = { u ∈ R : some road u → w has w ∉ R },  u not a zone (unless u is the scene)
 *
 * d is the fastest travel time on the network (zones are never passed through, so a zone inside R
 * leads nowhere and is no exit). Closing every node of X confines a vehicle still inside R to R.
 * Nodes are dense indices; `region` and `exits` are sorted by index.
 */
export interface Ring {
  readonly scene: number;
  readonly radiusS: number;
  readonly region: Int32Array;
  /** d(scene, v) per region node, aligned with `region`. */
  readonly regionTimeS: Float64Array;
  readonly exits: Int32Array;
}

/** The region within `radiusS` of the scene and its exits (one bounded search; pass `search` to reuse buffers). */
export function ringAround(graph: RoutingGraph, scene: number, radiusS: number, search: ShortestPathSearch = createShortestPathSearch(graph)): Ring {
  if (!(radiusS >= 0)) throw new Error(`radiusS must be >= 0, got ${radiusS}`);
  search.run([scene], { maxTimeS: radiusS });
  const region = Int32Array.from(search.settled.subarray(0, search.settledCount)).sort();
  const regionTimeS = Float64Array.from(region, (v) => search.timeS[v]);
  const exits: number[] = [];
  for (const u of region) {
    if (graph.isZone[u] && u !== scene) continue;
    for (let i = graph.fwdStart[u]; i < graph.fwdStart[u + 1]; i++) {
      if (search.timeS[graph.fwdTarget[i]] === Infinity) { exits.push(u); break; }
    }
  }
  return { scene, radiusS, region, regionTimeS, exits: Int32Array.from(exits) };
}

export interface RingPlan {
  readonly ring: Ring;
  /** Travel times from the sources to the ring's exits (exit index into `ring.exits`). */
  readonly times: ExitTimes;
  readonly blockade: Blockade | NoBlockade;
  /** Per time in `withinS`: exits the blockade (when feasible) has closed by then. */
  readonly closedByPlan: readonly { withinS: number; exits: number }[];
  /** Per time in `withinS`: the most exits any assignment closes by then (each source closing at most u_s). */
  readonly mostClosed: readonly { withinS: number; exits: number }[];
}

/**
 * The ring around a scene and its blockade by the units at `sources` (see {@link solveBlockade}),
 * with the number of exits closed by each time in `withinS` (default 60, 180, 300 s). Cheap enough to
 * call per incident: one bounded search for the ring, one bounded reverse search per exit.
 */
export function planRing(
  graph: RoutingGraph, scene: number, radiusS: number, sources: readonly UnitSource[],
  options: { withinS?: readonly number[]; search?: ShortestPathSearch } = {},
): RingPlan {
  const search = options.search ?? createShortestPathSearch(graph);
  const withinS = options.withinS ?? [60, 180, 300];
  const ring = ringAround(graph, scene, radiusS, search);
  const units = sources.map((s) => s.units);
  const times = nearestUnitTimes(graph, sources, ring.exits, ring.exits.length, { search });
  const blockade = solveBlockade(ring.exits.length, units, times);
  const closedByPlan = withinS.map((w) => ({
    withinS: w,
    exits: blockade.feasible ? blockade.arrivalS.reduce((n, t) => n + (t <= w ? 1 : 0), 0) : 0,
  }));
  const most = mostExitsClosedWithin(ring.exits.length, units, times, withinS);
  return { ring, times, blockade, closedByPlan, mostClosed: withinS.map((w, i) => ({ withinS: w, exits: most[i] })) };
}
