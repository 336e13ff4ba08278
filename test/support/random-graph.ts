import seedrandom from 'seedrandom';
import { createRoadGraphBuilder, type RoadGraph } from '../../engine/graph/road-graph.ts';

/** A random directed graph with integer edge times (so sums are exact), some zones, for brute-force checks. */
export function randomGraph(seed: string, n: number, m: number, zoneCount = 0): RoadGraph {
  const rng = seedrandom(seed);
  const b = createRoadGraphBuilder('planar');
  for (let i = 0; i < n; i++) b.addNode({ id: `n${i}`, x: rng() * 1000, y: rng() * 1000, zone: i < zoneCount });
  for (let e = 0; e < m; e++) {
    const from = Math.floor(rng() * n);
    const to = Math.floor(rng() * n);
    // Some zero-time edges (zone connectors) and parallel edges on purpose.
    const timeS = rng() < 0.1 ? 0 : 1 + Math.floor(rng() * 60);
    b.addEdge({ from: `n${from}`, to: `n${to}`, timeS, lengthM: timeS * 10 });
  }
  return b.build({ format: 'test', files: [] });
}

/**
 * Floyd–Warshall all-pairs times honouring the zone rule: an inner node of a path may not be a zone.
 * Only non-zone nodes are allowed as intermediates k, which is exactly that rule.
 */
export function floydWarshall(graph: RoadGraph): Float64Array[] {
  const n = graph.nodeCount;
  const d = Array.from({ length: n }, (_, i) => { const row = new Float64Array(n).fill(Infinity); row[i] = 0; return row; });
  for (let e = 0; e < graph.edgeCount; e++) {
    const a = graph.edgeFrom[e], b = graph.edgeTo[e];
    if (graph.freeFlowTimeS[e] < d[a][b]) d[a][b] = graph.freeFlowTimeS[e];
  }
  for (let k = 0; k < n; k++) {
    if (graph.isZone[k]) continue;
    for (let i = 0; i < n; i++) {
      const dik = d[i][k];
      if (dik === Infinity) continue;
      for (let j = 0; j < n; j++) if (dik + d[k][j] < d[i][j]) d[i][j] = dik + d[k][j];
    }
  }
  return d;
}

/** Build a graph from an edge list "a>b:10" (one-way) or "a-b:10" (both ways), planar coordinates optional. */
export function graphFrom(spec: string[], zones: string[] = [], coords: Record<string, [number, number]> = {}): RoadGraph {
  const b = createRoadGraphBuilder('planar');
  const add = (id: string) => { if (!b.hasNode(id)) b.addNode({ id, x: coords[id]?.[0] ?? 0, y: coords[id]?.[1] ?? 0, zone: zones.includes(id) }); };
  for (const item of spec) {
    const m = /^(\w+)([>-])(\w+):([\d.]+)$/.exec(item);
    if (!m) throw new Error(`bad edge spec ${item}`);
    const [, a, kind, c, t] = m;
    add(a); add(c);
    b.addEdge({ from: a, to: c, timeS: Number(t) });
    if (kind === '-') b.addEdge({ from: c, to: a, timeS: Number(t) });
  }
  return b.build({ format: 'test', files: [] });
}

/**
 * A random connected road-like graph: n nodes at random points, each joined both ways to its nearest
 * neighbours (a spanning chain first, so it is connected), integer times ~ distance, some one-way
 * streets. For brute-force checks of geography (jurisdictions, cordons).
 */
export function randomRoadGraph(seed: string, n: number, options: { extraEdges?: number; oneWayShare?: number; zoneCount?: number } = {}): RoadGraph {
  const rng = seedrandom(seed);
  const b = createRoadGraphBuilder('planar');
  const xs: number[] = [], ys: number[] = [];
  for (let i = 0; i < n; i++) {
    xs.push(Math.floor(rng() * 1000)); ys.push(Math.floor(rng() * 1000));
    b.addNode({ id: `n${i}`, x: xs[i], y: ys[i], zone: i >= n - (options.zoneCount ?? 0) });
  }
  const seen = new Set<string>();
  const add = (a: number, c: number, oneWay: boolean) => {
    if (a === c || seen.has(`${a}-${c}`) || seen.has(`${c}-${a}`)) return;
    seen.add(`${a}-${c}`);
    const timeS = 1 + Math.round(Math.hypot(xs[a] - xs[c], ys[a] - ys[c]) / 20);
    b.addEdge({ from: `n${a}`, to: `n${c}`, timeS, lengthM: timeS * 10 });
    if (!oneWay) b.addEdge({ from: `n${c}`, to: `n${a}`, timeS, lengthM: timeS * 10 });
  };
  // A random spanning tree (each node joins a random earlier one), two-way, so everything connects.
  for (let i = 1; i < n; i++) add(i, Math.floor(rng() * i), false);
  const extra = options.extraEdges ?? n;
  for (let e = 0; e < extra; e++) {
    const a = Math.floor(rng() * n);
    // Join to one of the 3 nearest other nodes.
    const near = [...Array(n).keys()].filter((c) => c !== a).sort((p, q) => Math.hypot(xs[a] - xs[p], ys[a] - ys[p]) - Math.hypot(xs[a] - xs[q], ys[a] - ys[q]) || p - q).slice(0, 3);
    add(a, near[Math.floor(rng() * near.length)], rng() < (options.oneWayShare ?? 0.1));
  }
  return b.build({ format: 'test', files: [] });
}
