import { MinHeap } from '../routing/min-heap.ts';
import type { RoutingGraph } from '../routing/routing-graph.ts';
import type { UnitSource } from './unit-times.ts';

/**
 * Every node's jurisdiction: the post whose unit reaches it first.
 *
 *   owner(v) = the post p minimising (d(p, v), p) lexicographically, over posts with u_p >= 1
 *
 * d(p, v): fastest travel time from post p's node to v (units drive out; zones never passed
 * through); ties go to the post listed first. A node no unit reaches is unassigned (owner −1, time
 * Infinity). A post with no units owns nothing; of several posts at one node, the first owns it.
 *
 * Method: one multi-source Dijkstra on labels (time, post) compared lexicographically. Each node's
 * predecessor carries the same post, so every jurisdiction is reachable from its post's node through
 * its own nodes.
 */
export interface Jurisdictions {
  /** Post index per node, −1 where no unit arrives. */
  readonly owner: Int32Array;
  /** d(owner(v), v) per node in seconds (Infinity where unassigned). */
  readonly timeS: Float64Array;
}

/** Assign every node to the post whose unit reaches it first (ties by post order). */
export function assignJurisdictions(graph: RoutingGraph, posts: readonly UnitSource[]): Jurisdictions {
  const n = graph.nodeCount;
  const owner = new Int32Array(n).fill(-1);
  const timeS = new Float64Array(n).fill(Infinity);
  const done = new Uint8Array(n);
  const heap = new MinHeap(Math.max(16, posts.length * 4));
  posts.forEach((p, i) => {
    if (!(Number.isInteger(p.node) && p.node >= 0 && p.node < n)) throw new Error(`post ${i}: node index ${p.node} out of range`);
    if (!(Number.isInteger(p.units) && p.units >= 0)) throw new Error(`post ${i}: units must be an integer >= 0, got ${p.units}`);
    if (p.units === 0 || timeS[p.node] === 0) return;
    timeS[p.node] = 0; owner[p.node] = i;
    heap.push(0, i, p.node);
  });
  const { fwdStart, fwdTarget, fwdTimeS, isZone } = graph;
  while (heap.size > 0) {
    const t = heap.peekKey(), p = heap.peekValue(), v = heap.peekAux();
    heap.pop();
    if (done[v] || owner[v] !== p || t !== timeS[v]) continue;
    done[v] = 1;
    if (isZone[v] && posts[p].node !== v) continue;
    for (let i = fwdStart[v]; i < fwdStart[v + 1]; i++) {
      const w = fwdTarget[i];
      if (done[w]) continue;
      const tw = t + fwdTimeS[i];
      if (tw < timeS[w] || (tw === timeS[w] && p < owner[w])) {
        timeS[w] = tw; owner[w] = p;
        heap.push(tw, p, w);
      }
    }
  }
  return { owner, timeS };
}

export interface PostWorkload {
  /** Nodes in the post's jurisdiction. */
  readonly nodes: number;
  /** Workload: Σ of the demand weight of those nodes. */
  readonly weight: number;
  /** Farthest node's time from the post (0 for an empty jurisdiction). */
  readonly maxTimeS: number;
  /** Nodes whose time from the post exceeds the target. */
  readonly beyondTarget: number;
  /** Their demand weight. */
  readonly beyondTargetWeight: number;
}

export interface Balance {
  /** Coefficient of variation of the workloads: population standard deviation / mean (0 when the mean is 0). */
  readonly cv: number;
  /** Largest workload / mean workload (0 when the mean is 0). */
  readonly maxOverMean: number;
  readonly maxWeight: number;
  readonly meanWeight: number;
}

/**
 * Per-post figures of an assignment `owner` with times `timeS` (d(owner(v), v)), node weights
 * `weight` and a target: nodes, workload, farthest time, nodes beyond the target (time > targetS).
 * Balance figures run over the posts that hold units (those that can own a jurisdiction).
 */
export function summarizeJurisdictions(
  owner: Int32Array, timeS: Float64Array, weight: ArrayLike<number>, posts: readonly UnitSource[], targetS: number,
): { posts: PostWorkload[]; balance: Balance; unassigned: number; unassignedWeight: number } {
  const rows = posts.map(() => ({ nodes: 0, weight: 0, maxTimeS: 0, beyondTarget: 0, beyondTargetWeight: 0 }));
  let unassigned = 0, unassignedWeight = 0;
  for (let v = 0; v < owner.length; v++) {
    const p = owner[v];
    if (p < 0) { unassigned++; unassignedWeight += weight[v]; continue; }
    const r = rows[p];
    r.nodes++; r.weight += weight[v];
    if (timeS[v] > r.maxTimeS) r.maxTimeS = timeS[v];
    if (timeS[v] > targetS) { r.beyondTarget++; r.beyondTargetWeight += weight[v]; }
  }
  const loads = rows.filter((_, p) => posts[p].units > 0).map((r) => r.weight);
  return { posts: rows, balance: balanceOf(loads), unassigned, unassignedWeight };
}

/** Balance figures of a list of workloads. */
export function balanceOf(loads: readonly number[]): Balance {
  if (loads.length === 0) return { cv: 0, maxOverMean: 0, maxWeight: 0, meanWeight: 0 };
  const mean = loads.reduce((a, b) => a + b, 0) / loads.length;
  const max = Math.max(...loads);
  const variance = loads.reduce((a, b) => a + (b - mean) ** 2, 0) / loads.length;
  return { cv: mean > 0 ? Math.sqrt(variance) / mean : 0, maxOverMean: mean > 0 ? max / mean : 0, maxWeight: max, meanWeight: mean };
}
