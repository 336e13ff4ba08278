import { MinHeap } from './min-heap.ts';
import type { RoutingGraph } from './routing-graph.ts';

export type Direction = 'forward' | 'reverse';

export interface SearchOptions {
  /** 'forward': times from the sources; 'reverse': times to the sources. Default 'forward'. */
  direction?: Direction;
  /** Settle only nodes with time <= maxTimeS. Default Infinity. */
  maxTimeS?: number;
  /** Initial time per source (e.g. a unit part-way along an edge). Default 0 each. */
  offsetsS?: ArrayLike<number>;
  /** Stop as soon as this returns true for a node just settled (nodes not settled read Infinity). */
  stopWhen?: (node: number, timeS: number) => boolean;
}

/**
 * A reusable bounded Dijkstra over a {@link RoutingGraph}. Buffers are allocated once; each `run`
 * resets only what the previous run touched, so bounded searches cost what they settle.
 *
 * After `run`, `timeS[v]` is the shortest time (Infinity when not settled within the bound) and the
 * settled nodes are `settled[0 .. settledCount)` in nondecreasing time. `predEdge[v]` is the graph edge
 * index used to reach v (-1 at sources). Results are valid until the next `run`.
 *
 * Zones: a zone node reached from elsewhere is settled but never expanded (no pass-through).
 */
export interface ShortestPathSearch {
  readonly timeS: Float64Array;
  readonly predEdge: Int32Array;
  readonly settled: Int32Array;
  settledCount: number;
  run(sources: ArrayLike<number>, options?: SearchOptions): number;
}

export function createShortestPathSearch(graph: RoutingGraph): ShortestPathSearch {
  const n = graph.nodeCount;
  const timeS = new Float64Array(n).fill(Infinity);
  const predEdge = new Int32Array(n).fill(-1);
  const done = new Uint8Array(n);
  const isSource = new Uint8Array(n);
  const settled = new Int32Array(n);
  const touched = new Int32Array(n);
  let touchedCount = 0;
  const heap = new MinHeap(Math.max(16, Math.min(n, 1 << 16)));

  const search: ShortestPathSearch = {
    timeS, predEdge, settled, settledCount: 0,
    run(sources, options = {}) {
      const reverse = options.direction === 'reverse';
      const maxTimeS = options.maxTimeS ?? Infinity;
      if (!(maxTimeS >= 0)) throw new Error(`maxTimeS must be >= 0, got ${maxTimeS}`);
      const start = reverse ? graph.revStart : graph.fwdStart;
      const target = reverse ? graph.revTarget : graph.fwdTarget;
      const weight = reverse ? graph.revTimeS : graph.fwdTimeS;
      const edgeOf = reverse ? graph.revEdge : graph.fwdEdge;
      const isZone = graph.isZone;
      const stopWhen = options.stopWhen;
      for (let i = 0; i < touchedCount; i++) {
        const v = touched[i];
        timeS[v] = Infinity; predEdge[v] = -1; done[v] = 0; isSource[v] = 0;
      }
      touchedCount = 0;
      heap.clear();
      for (let i = 0; i < sources.length; i++) {
        const s = sources[i];
        if (!(s >= 0 && s < n) || !Number.isInteger(s)) throw new Error(`source index ${s} is out of range 0..${n - 1}`);
        const t0 = options.offsetsS ? options.offsetsS[i] : 0;
        if (!(t0 >= 0)) throw new Error(`source offset must be >= 0, got ${t0}`);
        if (timeS[s] === Infinity) touched[touchedCount++] = s;
        if (t0 < timeS[s]) { timeS[s] = t0; heap.push(t0, s); }
        isSource[s] = 1;
      }
      let count = 0;
      while (heap.size > 0) {
        const t = heap.peekKey();
        const v = heap.peekValue();
        heap.pop();
        if (done[v] || t > timeS[v]) continue;
        if (t > maxTimeS) break;
        done[v] = 1;
        settled[count++] = v;
        if (stopWhen !== undefined && stopWhen(v, t)) break;
        if (isZone[v] && !isSource[v]) continue;
        for (let i = start[v], end = start[v + 1]; i < end; i++) {
          const w = target[i];
          const tw = t + weight[i];
          if (tw < timeS[w]) {
            if (timeS[w] === Infinity) touched[touchedCount++] = w;
            timeS[w] = tw;
            predEdge[w] = edgeOf[i];
            if (tw <= maxTimeS) heap.push(tw, w);
          }
        }
      }
      // Nodes improved but never settled (beyond the bound) read as unreachable.
      for (let i = 0; i < touchedCount; i++) {
        const v = touched[i];
        if (!done[v]) { timeS[v] = Infinity; predEdge[v] = -1; }
      }
      search.settledCount = count;
      return count;
    },
  };
  return search;
}

/** Times from (or, reversed, to) one node to all nodes; Infinity where unreachable within the bound. */
export function oneToAll(graph: RoutingGraph, source: number, options: SearchOptions = {}): Float64Array {
  const search = createShortestPathSearch(graph);
  search.run([source], options);
  return Float64Array.from(search.timeS);
}
