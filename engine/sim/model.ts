import { InputError } from '../io/input-error.ts';
import type { Patrol, Placement, Post, Scenario } from './scenario.ts';
import { createTravelOracle, type TravelOracle } from './travel-oracle.ts';
import { buildBeatGraph, type BeatGraph, type PatrolLoop } from './unit-motion.ts';

/**
 * A place a unit can be sent to and settle at: a post at one node, with what the unit does there
 * (stand, patrol a route loop from it, or walk a beat around it).
 */
export interface Place {
  readonly post: number;
  readonly node: number;
  /** Route patrol from this node, or null. */
  readonly loop: PatrolLoop | null;
  /** Beat patrol (the edges the walk may take at the unit's patrol speed), or null. */
  readonly beat: BeatGraph | null;
}

/** Who stands where while one layout is in force: the base layout (index 0) or a plan block (index k + 1). */
export interface Layout {
  readonly name: string;
  /** Node of every post in this layout. */
  readonly postNode: Int32Array;
  /** Place index of every unit. */
  readonly unitPlace: Int32Array;
  /** Place index of standing (no patrol) at every post. */
  readonly barePlace: Int32Array;
}

/** Everything shared by the replications of one scenario (travel rows are cached across them). */
export interface SimulationModel {
  readonly scenario: Scenario;
  readonly oracle: TravelOracle;
  /** The scenario's posts, then the plan's. */
  readonly posts: readonly Post[];
  readonly places: readonly Place[];
  /** Base layout first, then one per plan block (in plan order). */
  readonly layouts: readonly Layout[];
  /** Per unit, its type, and its base post's node (where it reports when its shift starts). */
  readonly unitType: Int32Array;
  readonly basePostNode: Int32Array;
  /** Per class, priority and units to send. */
  readonly classPriority: Int32Array;
  readonly classUnitsToSend: Int32Array;
  /** Per-model caches of the policies (travel tables they precompute once), by policy name. */
  readonly policyCache: Map<string, unknown>;
}

/** Drain limit: queued calls still unserved this long after the horizon are left unserved. */
export const DRAIN_LIMIT_S = 7 * 86400;

/**
 * Precompute what every replication of a scenario shares: the travel oracle, the patrol loops of every
 * place a unit is given (base layout and plan blocks) and the layouts. Throws InputError when a route
 * can't be driven at patrol speed.
 */
export function prepareModel(scenario: Scenario): SimulationModel {
  const oracle = createTravelOracle(scenario);
  const g = scenario.graph;
  const posts: Post[] = [...scenario.posts, ...(scenario.plan?.posts ?? [])];
  const places: Place[] = [];
  const placeIndex = new Map<string, number>();
  const loopCache = new Map<string, PatrolLoop>();
  const beatCache = new Map<string, BeatGraph>();

  function loopFor(unit: number, post: number, node: number, patrol: Extract<Patrol, { kind: 'route' }>): PatrolLoop {
    const u = scenario.units[unit];
    const key = `${u.type}/${node}/${patrol.name}`;
    let loop = loopCache.get(key);
    if (!loop) {
      const stops = [node, ...patrol.nodes, node];
      const edges: number[] = [];
      for (let k = 0; k + 1 < stops.length; k++) {
        const p = oracle.patrolPath(u.type, stops[k], stops[k + 1]);
        if (!p) throw new InputError(`route "${patrol.name}" of unit ${u.id} from post ${posts[post].id}: node ${g.nodeIds[stops[k + 1]]} can't be reached from ${g.nodeIds[stops[k]]} at patrol speed`);
        edges.push(...p);
      }
      const times = oracle.patrolEdgeTimeS(u.type);
      const cum = new Float64Array(edges.length);
      let t = 0;
      edges.forEach((e, i) => { t += times[e]; cum[i] = t; });
      loop = { edges: Int32Array.from(edges), cumEndS: cum, totalS: t };
      loopCache.set(key, loop);
    }
    return loop;
  }
  function beatFor(unit: number, patrol: Extract<Patrol, { kind: 'beat' }>): BeatGraph {
    const type = scenario.units[unit].type;
    const key = `${type}/${patrol.name}`;
    let beat = beatCache.get(key);
    if (!beat) { beat = buildBeatGraph(g, patrol.nodes, oracle.patrolEdgeTimeS(type)); beatCache.set(key, beat); }
    return beat;
  }
  function place(unit: number, where: Placement | null, post: number, node: number): number {
    const patrol = where?.patrol ?? { kind: 'none' as const };
    const type = unit >= 0 ? scenario.units[unit].type : -1;
    const key = patrol.kind === 'none' ? `${post}/${node}/none` : `${post}/${node}/${patrol.kind}/${patrol.name}/${type}`;
    let k = placeIndex.get(key);
    if (k === undefined) {
      k = places.length;
      places.push({
        post, node,
        loop: patrol.kind === 'route' ? loopFor(unit, post, node, patrol) : null,
        beat: patrol.kind === 'beat' ? beatFor(unit, patrol) : null,
      });
      placeIndex.set(key, k);
    }
    return k;
  }
  function layout(name: string, postNode: Int32Array, placement: readonly Placement[]): Layout {
    const unitPlace = Int32Array.from(placement, (p, u) => place(u, p, p.post, postNode[p.post]));
    const barePlace = Int32Array.from(posts, (_, p) => place(-1, null, p, postNode[p]));
    return { name, postNode, unitPlace, barePlace };
  }

  const baseNode = Int32Array.from(posts, (p) => p.node);
  const basePlacement: Placement[] = scenario.units.map((u) => ({ post: u.post, patrol: u.patrol }));
  const layouts = [layout('base', baseNode, basePlacement)];
  for (const b of scenario.plan?.blocks ?? []) layouts.push(layout(b.name, b.postNode, b.placement));
  oracle.setStationNodes(places.map((p) => p.node));

  return {
    scenario, oracle, posts, places, layouts,
    unitType: Int32Array.from(scenario.units, (u) => u.type),
    basePostNode: Int32Array.from(scenario.units, (u) => posts[u.post].node),
    classPriority: Int32Array.from(scenario.classes, (c) => c.priority),
    classUnitsToSend: Int32Array.from(scenario.classes, (c) => c.unitsToSend),
    policyCache: new Map(),
  };
}
