import { edgeTravelTimesS, patrolEdgeTimesS } from '../graph/travel-time-model.ts';
import { createShortestPathSearch, type ShortestPathSearch } from '../routing/dijkstra.ts';
import { buildRoutingGraph } from '../routing/routing-graph.ts';
import { EdgeList, walkShortestPath } from './path-walk.ts';
import { createLandmarkBound, type LandmarkBound } from './travel-bound.ts';
import type { Scenario } from './scenario.ts';

/** Times to one target from every node, and the first edge of a shortest path from each node toward it (-1 at the target or when unreachable). */
export interface TargetRow {
  readonly timeS: Float64Array;
  readonly nextEdge: Int32Array;
  /**
   * timeS at the station nodes (see setStationNodes) are `stationTable(slot)[stationOffset + k]`:
   * the rows of one slot share one flat table, so a dispatch reads the units standing at posts from a
   * few adjacent cache lines.
   */
  readonly stationOffset: number;
  /** True for a cached row (never overwritten); false for the scratch row reused once the cache is full. */
  readonly persistent: boolean;
}

/** Nodes reached from one source within a bound: `settled[0..count)` in nondecreasing `timeS`. Valid until the next search of the same slot. */
export interface ReachFrom {
  readonly timeS: Float64Array;
  readonly settled: Int32Array;
  readonly count: number;
}

/**
 * Travel times for the simulator, per unit type and (when the scenario has hourly speed factors) per
 * group of hours sharing a factor.
 *
 * Response edge times of a unit type are `edgeTravelTimesS(graph, travel, hour, [unitType])`, patrol edge
 * times `patrolEdgeTimesS(graph, travel, unitType)` (engine/graph/travel-time-model.ts: the one rule that
 * coverage and the optimizer use too).
 *
 * A *slot* is one response edge-time vector: (type, hour group) pairs whose edge times are equal (say a
 * car and a motorbike with the same speed factor and no cap) share a slot, and with it the rows and
 * their cache. `toTarget` runs one reverse Dijkstra per (slot, target) and caches rows until the cache
 * holds `maxCachedEntries` numbers; beyond that rows are recomputed (same values, so results never depend
 * on the cache). A returned row is valid until the next `toTarget` call for the same slot.
 */
export interface TravelOracle {
  readonly typeCount: number;
  /** Upper bound on slot ids (types x hour groups). */
  readonly maxSlots: number;
  /** Hour group of an absolute time in seconds. */
  hourGroup(timeS: number): number;
  /** The dense slot id of a unit type's response times in an hour group. */
  slot(type: number, group: number): number;
  slotEdgeTimeS(slot: number): Float64Array;
  slotToTarget(slot: number, target: number): TargetRow;
  /** Forward search from `source` at the slot's response times, settling nodes within maxTimeS. */
  slotReachFrom(slot: number, source: number, maxTimeS: number): ReachFrom;
  responseEdgeTimeS(type: number, group: number): Float64Array;
  patrolEdgeTimeS(type: number): Float64Array;
  toTarget(type: number, group: number, target: number): TargetRow;
  /** Shortest patrol path from a to b as edge indices (empty when a === b), or null when unreachable. */
  patrolPath(type: number, from: number, to: number): number[] | null;
  /**
   * Register the nodes units stand at (posts): every row then carries its times at them in
   * `stationTimeS`, in this order. Call before the first row is built.
   */
  setStationNodes(nodes: ArrayLike<number>): void;
  /** Node -> index in the station nodes, or -1. */
  readonly stationOf: Int32Array;
  /** The flat table of a slot's rows at the station nodes (row r's entries start at its stationOffset). */
  stationTable(slot: number): Float64Array;
  /** Landmark lower bounds on the slot's travel times (travel-bound.ts), made on first use. */
  slotLandmarks(slot: number): LandmarkBound;
  /**
   * Times from station node k to every node at the slot's times (`[v]`), made on first use: with the
   * station times of a row, t(v, x) >= t(k, x) - t(k, v) bounds a unit near its own post.
   */
  slotFromStation(slot: number, station: number): Float64Array;
  readonly stats: { searches: number; cacheHits: number; slots: number };
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
  type Slot = {
    edgeTimeS: Float64Array; search: ShortestPathSearch; /** Cached rows by target node. */
    cache: (TargetRow | undefined)[]; scratch: TargetRow | null;
    /** Station times of every target's row: target t at t · stationCount (the scratch row: at n · stationCount). */
    stations: Float64Array;
    landmarks: LandmarkBound | null;
    fromStation: (Float64Array | undefined)[];
  };
  const slots: Slot[] = [];
  const slotOf = new Int32Array(types.length * groupHour.length).fill(-1);
  const patrolTimes: (Float64Array | undefined)[] = new Array(types.length);
  const patrolSearch: (ShortestPathSearch | undefined)[] = new Array(types.length);
  const walk = new EdgeList();
  const stationOf = new Int32Array(n).fill(-1);
  let stationNodes = new Int32Array(0);
  let cachedEntries = 0;
  const stats = { searches: 0, cacheHits: 0, slots: 0 };

  function slot(type: number, group: number): number {
    const k = type * groupHour.length + group;
    let s = slotOf[k];
    if (s < 0) {
      const edgeTimeS = edgeTravelTimesS(g, scenario.travel, groupHour[group], [types[type]]);
      s = slots.findIndex((other) => sameTimes(other.edgeTimeS, edgeTimeS));
      if (s < 0) {
        s = slots.length;
        slots.push({
          edgeTimeS, search: createShortestPathSearch(buildRoutingGraph(g, edgeTimeS)), cache: new Array<TargetRow | undefined>(n), scratch: null,
          stations: new Float64Array((n + 1) * stationNodes.length), landmarks: null, fromStation: [],
        });
        stats.slots = slots.length;
      }
      slotOf[k] = s;
    }
    return s;
  }
  function patrolEdgeTimeS(type: number): Float64Array {
    let p = patrolTimes[type];
    if (!p) { p = patrolEdgeTimesS(g, scenario.travel, types[type]); patrolTimes[type] = p; }
    return p;
  }
  function slotToTarget(k: number, target: number): TargetRow {
    const s = slots[k];
    const hit = s.cache[target];
    if (hit) { stats.cacheHits++; return hit; }
    stats.searches++;
    s.search.run([target], { direction: 'reverse' });
    const cache = cachedEntries + n <= maxCachedEntries;
    const S = stationNodes.length;
    const fresh = (persistent: boolean) => ({ timeS: new Float64Array(n), nextEdge: new Int32Array(n), stationOffset: (persistent ? target : n) * S, persistent });
    const row: TargetRow = cache ? fresh(true) : (s.scratch ??= fresh(false));
    const times = s.search.timeS;
    (row.timeS as Float64Array).set(times);
    (row.nextEdge as Int32Array).set(s.search.predEdge);
    for (let k = 0; k < S; k++) s.stations[row.stationOffset + k] = times[stationNodes[k]];
    if (cache) { s.cache[target] = row; cachedEntries += n; }
    return row;
  }

  return {
    typeCount: types.length,
    maxSlots: types.length * groupHour.length,
    stats,
    hourGroup: (timeS) => groupOfHour[Math.floor(timeS / 3600) % 24],
    slot,
    slotEdgeTimeS: (k) => slots[k].edgeTimeS,
    slotToTarget,
    slotReachFrom(k, source, maxTimeS) {
      const search = slots[k].search;
      search.run([source], { maxTimeS });
      return { timeS: search.timeS, settled: search.settled, count: search.settledCount };
    },
    responseEdgeTimeS: (type, group) => slots[slot(type, group)].edgeTimeS,
    patrolEdgeTimeS,
    toTarget: (type, group, target) => slotToTarget(slot(type, group), target),
    stationOf,
    stationTable: (k) => slots[k].stations,
    slotLandmarks: (k) => (slots[k].landmarks ??= createLandmarkBound(slots[k].search, n)),
    slotFromStation(k, station) {
      const s = slots[k];
      let row = s.fromStation[station];
      if (!row) {
        s.search.run([stationNodes[station]]);
        row = Float64Array.from(s.search.timeS);
        s.fromStation[station] = row;
      }
      return row;
    },
    setStationNodes(nodes) {
      if (slots.length > 0) throw new Error('setStationNodes: call it before the first travel slot is made');
      stationOf.fill(-1);
      const list: number[] = [];
      for (let k = 0; k < nodes.length; k++) if (stationOf[nodes[k]] < 0) { stationOf[nodes[k]] = list.length; list.push(nodes[k]); }
      // The flat table and the from-station rows hold (nodes + 1) x stations numbers each per slot
      // (8 MB at most): beyond that go without (they only save time).
      if ((n + 1) * list.length > 1_000_000) { stationOf.fill(-1); list.length = 0; }
      stationNodes = Int32Array.from(list);
    },
    patrolPath(type, from, to) {
      if (from === to) return [];
      let search = patrolSearch[type];
      if (!search) { search = createShortestPathSearch(buildRoutingGraph(g, patrolEdgeTimeS(type))); patrolSearch[type] = search; }
      search.run([from]);
      if (search.timeS[to] === Infinity) return null;
      return walkShortestPath(search.predEdge, g.edgeFrom, to, from, walk).toArray().reverse();
    },
  };
}

function sameTimes(a: Float64Array, b: Float64Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (!Object.is(a[i], b[i])) return false;
  return true;
}
