import type { RoadGraph } from './road-graph.ts';

export interface Components {
  /** Component index per node; components are numbered by decreasing size (0 = largest), ties by smallest node index. */
  readonly componentOf: Int32Array;
  /** Node count per component, index-aligned. */
  readonly sizes: readonly number[];
}

const computed = new WeakMap<RoadGraph, Components>();

/**
 * Strongly connected components (iterative Tarjan). Zones are treated like other nodes here: the
 * largest component is the part of the network where every node reaches every other. A graph is
 * immutable, so its components are computed once and the same result is returned to every caller
 * (read it, never write to it).
 */
export function stronglyConnectedComponents(graph: RoadGraph): Components {
  let c = computed.get(graph);
  if (!c) { c = tarjan(graph); computed.set(graph, c); }
  return c;
}

function tarjan(graph: RoadGraph): Components {
  const n = graph.nodeCount;
  const index = new Int32Array(n).fill(-1);
  const low = new Int32Array(n);
  const onStack = new Uint8Array(n);
  const stack = new Int32Array(n);
  let sp = 0;
  const callNode = new Int32Array(n);
  const callEdge = new Int32Array(n);
  const raw = new Int32Array(n).fill(-1);
  let counter = 0;
  let comps = 0;
  const { outStart, outEdge, edgeTo } = graph;
  for (let root = 0; root < n; root++) {
    if (index[root] !== -1) continue;
    let depth = 0;
    callNode[0] = root; callEdge[0] = outStart[root];
    index[root] = low[root] = counter++; stack[sp++] = root; onStack[root] = 1;
    while (depth >= 0) {
      const v = callNode[depth];
      if (callEdge[depth] < outStart[v + 1]) {
        const w = edgeTo[outEdge[callEdge[depth]++]];
        if (index[w] === -1) {
          index[w] = low[w] = counter++; stack[sp++] = w; onStack[w] = 1;
          depth++; callNode[depth] = w; callEdge[depth] = outStart[w];
        } else if (onStack[w] && index[w] < low[v]) {
          low[v] = index[w];
        }
        continue;
      }
      if (low[v] === index[v]) {
        let w: number;
        do { w = stack[--sp]; onStack[w] = 0; raw[w] = comps; } while (w !== v);
        comps++;
      }
      depth--;
      if (depth >= 0) { const u = callNode[depth]; if (low[v] < low[u]) low[u] = low[v]; }
    }
  }
  const size = new Array<number>(comps).fill(0);
  const firstNode = new Array<number>(comps).fill(-1);
  for (let v = 0; v < n; v++) { size[raw[v]]++; if (firstNode[raw[v]] < 0) firstNode[raw[v]] = v; }
  const order = [...size.keys()].sort((a, b) => size[b] - size[a] || firstNode[a] - firstNode[b]);
  const rank = new Int32Array(comps);
  order.forEach((c, r) => { rank[c] = r; });
  const componentOf = new Int32Array(n);
  for (let v = 0; v < n; v++) componentOf[v] = rank[raw[v]];
  return Object.freeze({ componentOf, sizes: Object.freeze(order.map((c) => size[c])) });
}
