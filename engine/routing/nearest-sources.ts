import { MinHeap } from './min-heap.ts';
import type { Direction } from './dijkstra.ts';
import type { RoutingGraph } from './routing-graph.ts';

export interface WeightedSource {
  /** Dense node index. */
  node: number;
  /** How many units stand there (a post with 2 units counts twice). Default 1. */
  units?: number;
}

/**
 * For every node, the arrival times of the 1st..kth nearest units, where units sit at sources.
 * `arrivalS[v*k + j]` is the time of the (j+1)th unit at node v (Infinity when fewer than j+1 units
 * arrive within `maxTimeS`); `source[v*k + j]` the index (into the sources array) of that unit's source.
 */
export interface NearestSources {
  readonly k: number;
  readonly arrivalS: Float64Array;
  readonly source: Int32Array;
  /** Labels settled: the work done, for benchmarks. */
  readonly settledLabels: number;
}

/**
 * Multi-label Dijkstra: every node is settled at most once per source and stops accepting labels once
 * k units reached it. Correct because labels pop in nondecreasing time: a label arriving at a full node
 * can't improve any node beyond it, which the k earlier units reach no later.
 * 'forward' gives times from sources to nodes (units driving out); 'reverse' times from nodes to sources.
 *
 * @example
 * const near = nearestSources(rg, [{ node: 0, units: 2 }, { node: 5 }], 3, { maxTimeS: 300 });
 * near.arrivalS[v * 3 + 1] // time of the 2nd unit at v
 */
export function nearestSources(
  graph: RoutingGraph,
  sources: readonly WeightedSource[],
  k: number,
  options: { maxTimeS?: number; direction?: Direction } = {},
): NearestSources {
  if (!Number.isInteger(k) || k < 1) throw new Error(`k must be an integer >= 1, got ${k}`);
  const n = graph.nodeCount;
  const maxTimeS = options.maxTimeS ?? Infinity;
  const reverse = options.direction === 'reverse';
  const start = reverse ? graph.revStart : graph.fwdStart;
  const target = reverse ? graph.revTarget : graph.fwdTarget;
  const weight = reverse ? graph.revTimeS : graph.fwdTimeS;
  const isZone = graph.isZone;

  const arrivalS = new Float64Array(n * k).fill(Infinity);
  const sourceOf = new Int32Array(n * k).fill(-1);
  const filled = new Uint16Array(n); // units recorded at the node
  // Distinct sources settled per node: at most k (each contributes >= 1 unit).
  const seen = new Int32Array(n * k).fill(-1);
  const seenCount = new Uint16Array(n);
  const units = new Int32Array(sources.length);
  const heap = new MinHeap(Math.max(16, sources.length * 4));

  for (let s = 0; s < sources.length; s++) {
    const { node } = sources[s];
    const u = sources[s].units ?? 1;
    if (!(Number.isInteger(node) && node >= 0 && node < n)) throw new Error(`source ${s}: node index ${node} out of range`);
    if (!(Number.isInteger(u) && u >= 0)) throw new Error(`source ${s}: units must be an integer >= 0, got ${u}`);
    units[s] = u;
    if (u > 0) heap.push(0, node, s);
  }

  let settledLabels = 0;
  while (heap.size > 0) {
    const t = heap.peekKey();
    const v = heap.peekValue();
    const s = heap.peekAux();
    heap.pop();
    if (t > maxTimeS) break;
    if (filled[v] >= k) continue;
    const base = v * k;
    let dup = false;
    for (let j = 0, c = seenCount[v]; j < c; j++) if (seen[base + j] === s) { dup = true; break; }
    if (dup) continue;
    seen[base + seenCount[v]++] = s;
    settledLabels++;
    const add = Math.min(units[s], k - filled[v]);
    for (let j = 0; j < add; j++) {
      arrivalS[base + filled[v]] = t;
      sourceOf[base + filled[v]] = s;
      filled[v]++;
    }
    if (isZone[v] && sources[s].node !== v) continue;
    // A label that would be skipped when popped (w full, or already settled from s) is not pushed:
    // the order of the labels that count is the heap's total order, which skipped ones do not change.
    for (let i = start[v], end = start[v + 1]; i < end; i++) {
      const w = target[i];
      if (filled[w] >= k) continue;
      const tw = t + weight[i];
      if (tw > maxTimeS) continue;
      let settled = false;
      for (let j = w * k, e = j + seenCount[w]; j < e; j++) if (seen[j] === s) { settled = true; break; }
      if (!settled) heap.push(tw, w, s);
    }
  }
  return { k, arrivalS, source: sourceOf, settledLabels };
}
