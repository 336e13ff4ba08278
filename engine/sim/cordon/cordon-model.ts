import { ringAround } from '../../geography/ring.ts';
import { edgeTravelTimesS } from '../../graph/travel-time-model.ts';
import { createShortestPathSearch, type ShortestPathSearch } from '../../routing/dijkstra.ts';
import { buildRoutingGraph, type RoutingGraph } from '../../routing/routing-graph.ts';
import type { SimulationModel } from '../model.ts';
import { createRingCache, type RingCache } from './ring-cache.ts';

/**
 * What the replications of a scenario share for its cordon standards: the exits of the ring around
 * every scene node, per class and hour group (computed on first use, cached up to RING_CACHE_ENTRIES
 * entries, least recently used dropped first), and the routing graphs of the units' travel slots (the
 * oracle's response edge times).
 *
 * The ring is the region a vehicle leaving the scene reaches within the class's `radiusS` at road
 * speed: the network's travel times at the hour of the report (class speeds and hourly factor of the
 * scenario's travel model, no response factor), exits as defined by engine/geography/ring.ts.
 */
export interface CordonModel {
  /** Exits (node indices, sorted) of class `cls`'s ring around `scene` for a report at `timeS`. */
  ringExits(cls: number, timeS: number, scene: number): Int32Array;
  /** The routing graph of a travel slot (made on first use). */
  slotGraph(slot: number): RoutingGraph;
  /** Rings computed so far (a cost figure). */
  readonly stats: RingCache['stats'];
}

/** Exits held by the ring cache at most: 4 Mi entries, 16 MiB of Int32. */
export const RING_CACHE_ENTRIES = 1 << 22;

const KEY = 'cordon';

/**
 * The model's cordon tables, or null when no class has a cordon standard. Made on the first call;
 * `ringCacheEntries` bounds that call's ring cache (tests make it small to exercise the drops).
 */
export function cordonModel(model: SimulationModel, ringCacheEntries = RING_CACHE_ENTRIES): CordonModel | null {
  const sc = model.scenario;
  if (!sc.classes.some((c) => c.cordon)) return null;
  const hit = model.policyCache.get(KEY) as CordonModel | undefined;
  if (hit) return hit;
  const g = sc.graph;
  const n = g.nodeCount;
  const oracle = model.oracle;
  const roads: { graph: RoutingGraph; search: ShortestPathSearch }[] = [];
  const slotGraphs: (RoutingGraph | undefined)[] = [];
  const rings = createRingCache(ringCacheEntries, (key) => {
    const scene = key % n, rest = (key - scene) / n;
    const group = rest % 24, cls = (rest - group) / 24;
    let road = roads[group];
    if (!road) {
      const graph = buildRoutingGraph(g, edgeTravelTimesS(g, sc.travel, hourOf[group]));
      road = { graph, search: createShortestPathSearch(graph) };
      roads[group] = road;
    }
    return ringAround(road.graph, scene, sc.classes[cls].cordon!.radiusS, road.search).exits;
  });
  // The hour whose travel times stand for each hour group (the first report seen in it).
  const hourOf: number[] = [];
  const cm: CordonModel = {
    stats: rings.stats,
    ringExits(cls, timeS, scene) {
      const group = oracle.hourGroup(timeS);
      hourOf[group] ??= Math.floor(timeS / 3600) % 24;
      return rings.get((cls * 24 + group) * n + scene);
    },
    slotGraph(slot) {
      return (slotGraphs[slot] ??= buildRoutingGraph(g, oracle.slotEdgeTimeS(slot)));
    },
  };
  model.policyCache.set(KEY, cm);
  return cm;
}
