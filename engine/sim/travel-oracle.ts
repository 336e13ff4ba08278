import { edgeTravelTimesS, patrolEdgeTimesS } from '../graph/travel-time-model.ts';
import { createShortestPathSearch, type ShortestPathSearch } from '../routing/dijkstra.ts';
import { buildRoutingGraph } from '../routing/routing-graph.ts';
import type { Scenario } from './scenario.ts';

/** Times to one target from every node, and the first edge of a shortest path from each node toward it (-1 at the target or when unreachable). */
export interface TargetRow {
  readonly timeS: Float64Array;
  readonly nextEdge: Int32Array;
}

/**
 * Travel times for the simulator, per unit type and (when the scenario has hourly speed factors) per
 * group of hours sharing a factor.
 *
 * Response edge times of a unit type are `edgeTravelTimesS(graph, travel, hour, [unitType])`, patrol edge
 * times `patrolEdgeTimesS(graph, travel, unitType)` (engine/graph/travel-time-model.ts: the one rule that
 * coverage and the optimizer use too).
 *
 * `toTarget` runs one reverse Dijkstra per (type, hour group, target) and caches rows until the cache
 * holds `maxCachedEntries` numbers; beyond that rows are recomputed (same values, so results never depend
 * on the cache). A returned row is valid until the next `toTarget` call for the same type and hour group.
 */
export interface TravelOracle {
  readonly typeCount: number;
  /** Hour group of an absolute time in seconds. */
  hourGroup(timeS: number): number;
  responseEdgeTimeS(type: number, group: number): Float64Array;
  patrolEdgeTimeS(type: number): Float64Array;
  toTarget(type: number, group: number, target: number): TargetRow;
  /** Shortest patrol path from a to b as edge indices (empty when a === b), or null when unreachable. */
  patrolPath(type: number, from: number, to: number): number[] | null;
  readonly stats: { searches: number; cacheHits: number };
}

export function createTravelOracle(scenario: Scenario, maxCachedEntries = 12_000_000): TravelOracle {
  const g = scenario.graph;
  const factors = scenario.travel.hourlySpeedFactor ?? new Array(24).fill(1);
  const groupOfHour: number[] = [];
  const groupHour: number[] = [];
  for (let h = 0; h < 24; h++) {
    const k = groupHour.findIndex((gh) => factors[gh] === factors[h]);
    if (k >= 0) groupOfHour.push(k); else { groupOfHour.push(groupHour.length); groupHour.push(h); }
  }
  const types = scenario.unitTypes;
  const n = g.nodeCount;
  type Slot = { edgeTimeS: Float64Array; search: ShortestPathSearch; cache: Map<number, TargetRow>; scratch: TargetRow | null };
  const slots: (Slot | undefined)[] = new Array(types.length * groupHour.length);
  const patrolTimes: (Float64Array | undefined)[] = new Array(types.length);
  const patrolSearch: (ShortestPathSearch | undefined)[] = new Array(types.length);
  let cachedEntries = 0;
  const stats = { searches: 0, cacheHits: 0 };

  function slot(type: number, group: number): Slot {
    const k = type * groupHour.length + group;
    let s = slots[k];
    if (!s) {
      const edgeTimeS = edgeTravelTimesS(g, scenario.travel, groupHour[group], [types[type]]);
      s = { edgeTimeS, search: createShortestPathSearch(buildRoutingGraph(g, edgeTimeS)), cache: new Map(), scratch: null };
      slots[k] = s;
    }
    return s;
  }
  function patrolEdgeTimeS(type: number): Float64Array {
    let p = patrolTimes[type];
    if (!p) { p = patrolEdgeTimesS(g, scenario.travel, types[type]); patrolTimes[type] = p; }
    return p;
  }

  return {
    typeCount: types.length,
    stats,
    hourGroup: (timeS) => groupOfHour[Math.floor(timeS / 3600) % 24],
    responseEdgeTimeS: (type, group) => slot(type, group).edgeTimeS,
    patrolEdgeTimeS,
    toTarget(type, group, target) {
      const s = slot(type, group);
      const hit = s.cache.get(target);
      if (hit) { stats.cacheHits++; return hit; }
      stats.searches++;
      s.search.run([target], { direction: 'reverse' });
      const cache = cachedEntries + n <= maxCachedEntries;
      const row: TargetRow = cache ? { timeS: new Float64Array(n), nextEdge: new Int32Array(n) } : (s.scratch ??= { timeS: new Float64Array(n), nextEdge: new Int32Array(n) });
      (row.timeS as Float64Array).set(s.search.timeS);
      (row.nextEdge as Int32Array).set(s.search.predEdge);
      if (cache) { s.cache.set(target, row); cachedEntries += n; }
      return row;
    },
    patrolPath(type, from, to) {
      if (from === to) return [];
      let search = patrolSearch[type];
      if (!search) { search = createShortestPathSearch(buildRoutingGraph(g, patrolEdgeTimeS(type))); patrolSearch[type] = search; }
      search.run([from]);
      if (search.timeS[to] === Infinity) return null;
      const path: number[] = [];
      for (let v = to; v !== from;) { const e = search.predEdge[v]; path.push(e); v = g.edgeFrom[e]; }
      return path.reverse();
    },
  };
}
