import type { RoadGraph } from '../graph/road-graph.ts';
import type { CordonEntry, CordonFile } from '../io/run-directory/file-types.ts';
import { createShortestPathSearch } from '../routing/dijkstra.ts';
import type { RoutingGraph } from '../routing/routing-graph.ts';
import { solveBlockade, type Blockade, type NoBlockade } from './blockade.ts';
import type { Containment } from './containment.ts';
import { routeNodes } from './geography-geojson.ts';
import type { RingPlan } from './ring.ts';
import { nearestUnitTimes, type UnitSource } from './unit-times.ts';

/** Blockade of given exit nodes by the units at posts, on the network (pairs: see nearestUnitTimes). */
export function planBlockade(graph: RoutingGraph, posts: readonly UnitSource[], exits: ArrayLike<number>): Blockade | NoBlockade {
  const times = nearestUnitTimes(graph, posts, exits, exits.length);
  return solveBlockade(exits.length, posts.map((p) => p.units), times);
}

/** Routes of the closing units, node indices from post to node. */
function entriesWithRoutes(rg: RoutingGraph, g: RoadGraph, posts: readonly UnitSource[], closed: readonly { node: number; post: number; arrivalS: number; suspectS?: number }[]): CordonEntry[] {
  const search = createShortestPathSearch(rg);
  return closed.map((c) => ({ ...c, route: routeNodes(rg, g, posts[c.post].node, c.node, search) }));
}

/** `cordon.json` content of a blockade of `exits` (node indices). */
export function blockadeFile(rg: RoutingGraph, g: RoadGraph, posts: readonly UnitSource[], exits: ArrayLike<number>, b: Blockade | NoBlockade): Omit<CordonFile, 'version'> {
  const exitList = Array.from(exits);
  const closed = b.feasible ? exitList.map((node, e) => ({ node, post: b.source[e], arrivalS: b.arrivalS[e] })) : [];
  return {
    kind: 'blockade', feasible: b.feasible, latestS: b.feasible ? b.latestS : null, totalS: b.feasible ? b.totalS : null,
    exits: exitList, closed: entriesWithRoutes(rg, g, posts, closed), open: b.feasible ? [] : b.exits.map((e) => exitList[e]),
    region: [], centre: null, details: b.feasible ? {} : { reason: b.reason, units: b.units, sources: b.sources },
  };
}

/** `cordon.json` content of a ring plan. */
export function ringFile(rg: RoutingGraph, g: RoadGraph, posts: readonly UnitSource[], plan: RingPlan): Omit<CordonFile, 'version'> {
  const b = blockadeFile(rg, g, posts, plan.ring.exits, plan.blockade);
  const m = plan.ring.exits.length;
  return {
    ...b, kind: 'ring', region: Array.from(plan.ring.region), centre: plan.ring.scene,
    details: {
      ...b.details, radiusS: plan.ring.radiusS, regionNodes: plan.ring.region.length,
      closedShare: plan.closedByPlan.map((c) => ({ withinS: c.withinS, exits: c.exits, share: m ? c.exits / m : 1 })),
      mostClosedShare: plan.mostClosed.map((c) => ({ withinS: c.withinS, exits: c.exits, share: m ? c.exits / m : 1 })),
    },
  };
}

/** `cordon.json` content of a containment plan against `exits`. */
export function containmentFile(rg: RoutingGraph, g: RoadGraph, posts: readonly UnitSource[], exits: ArrayLike<number>, origin: number, c: Containment, params: Record<string, unknown>): Omit<CordonFile, 'version'> {
  const closed = c.closed.map((x) => ({ node: x.node, post: x.source, arrivalS: x.closingS, suspectS: x.suspectS }));
  return {
    kind: 'contain', feasible: c.feasible, latestS: c.latestS, totalS: c.totalS, exits: Array.from(exits),
    closed: entriesWithRoutes(rg, g, posts, closed), open: [], region: Array.from(c.suspectRegion), centre: origin,
    details: {
      ...params, proven: c.proven, lowerBound: Number.isFinite(c.lowerBound) ? c.lowerBound : null, units: c.units,
      reachableExits: c.reachableExits, maxFlowCalls: c.maxFlowCalls,
      ...(c.reason ? { reason: c.reason } : {}),
      ...(c.escapePath ? { escapePath: c.escapePath } : {}),
      ...(c.minCutNodes !== undefined ? { minCutNodes: c.minCutNodes } : {}),
    },
  };
}
