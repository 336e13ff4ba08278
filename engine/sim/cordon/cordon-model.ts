import { ringAround } from '../../geography/ring.ts';
import { edgeTravelTimesS } from '../../graph/travel-time-model.ts';
import { createShortestPathSearch, type ShortestPathSearch } from '../../routing/dijkstra.ts';
import { buildRoutingGraph, type RoutingGraph } from '../../routing/routing-graph.ts';
import type { SimulationModel } from '../model.ts';

/**
 * What the replications of a scenario share for its cordon standards: the exits of the ring around
 * every scene node, per class and hour group (computed on first use, cached), and the routing graphs
 * of the units' travel slots (the oracle's response edge times).
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
  readonly stats: { rings: number; cacheHits: number };
}

const KEY = 'cordon';

/** The model's cordon tables, or null when no class has a cordon standard. */
export function cordonModel(model: SimulationModel): CordonModel | null {
  const sc = model.scenario;
  if (!sc.classes.some((c) => c.cordon)) return null;
  const hit = model.policyCache.get(KEY) as CordonModel | undefined;
  if (hit) return hit;
  const g = sc.graph;
  const n = g.nodeCount;
  const oracle = model.oracle;
  const roads: { graph: RoutingGraph; search: ShortestPathSearch }[] = [];
  const slotGraphs: (RoutingGraph | undefined)[] = [];
  const rings = new Map<number, Int32Array>();
  const stats = { rings: 0, cacheHits: 0 };
  const cm: CordonModel = {
    stats,
    ringExits(cls, timeS, scene) {
      const group = oracle.hourGroup(timeS);
      const key = (cls * 24 + group) * n + scene;
      const cached = rings.get(key);
      if (cached) { stats.cacheHits++; return cached; }
      let road = roads[group];
      if (!road) {
        const hour = Math.floor(timeS / 3600) % 24;
        const graph = buildRoutingGraph(g, edgeTravelTimesS(g, sc.travel, hour));
        road = { graph, search: createShortestPathSearch(graph) };
        roads[group] = road;
      }
      const exits = ringAround(road.graph, scene, sc.classes[cls].cordon!.radiusS, road.search).exits;
      rings.set(key, exits);
      stats.rings++;
      return exits;
    },
    slotGraph(slot) {
      return (slotGraphs[slot] ??= buildRoutingGraph(g, oracle.slotEdgeTimeS(slot)));
    },
  };
  model.policyCache.set(KEY, cm);
  return cm;
}
