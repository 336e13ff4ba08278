import type { MapProjection } from './map-projection.ts';

/**
 * The road-graph model every importer produces and every stage consumes.
 *
 * Nodes and edges are addressed by dense integer index in hot code and by string id at the boundary.
 * Edges are directed. Travel time is in seconds, length in metres, speed in km/h. Coordinates are
 * lon/lat degrees (`coordKind: 'lonlat'`), planar x/y in metres (`'planar'`), or absent (`'none'`).
 *
 * A zone node (a TNTP centroid below FIRST THRU NODE) may start or end a path but never lie inside one:
 * routing code never relaxes the out-edges of a zone it reached from elsewhere.
 */
export type CoordKind = 'lonlat' | 'planar' | 'none';

export interface RoadGraph {
  readonly nodeCount: number;
  readonly edgeCount: number;
  /** External id of each node, by dense index. */
  readonly nodeIds: readonly string[];
  readonly coordKind: CoordKind;
  /** Longitude or planar x per node (NaN when unknown). */
  readonly x: Float64Array;
  /** Latitude or planar y per node (NaN when unknown). */
  readonly y: Float64Array;
  /** 1 where the node is a zone centroid (start or end only, never pass through). */
  readonly isZone: Uint8Array;
  readonly edgeFrom: Int32Array;
  readonly edgeTo: Int32Array;
  /** Edge length in metres; NaN when the source gives none. */
  readonly lengthM: Float64Array;
  /** Free-flow travel time in seconds, as the source defines it. */
  readonly freeFlowTimeS: Float64Array;
  /** Free-flow speed in km/h; NaN when not derivable. */
  readonly speedKph: Float64Array;
  /** Index into `classNames` per edge. */
  readonly edgeClass: Uint16Array;
  readonly classNames: readonly string[];
  /** External id per edge (importer-defined, unique). */
  readonly edgeIds: readonly string[];
  /** Interior shape points per edge, interleaved x,y (endpoints excluded); undefined when straight. */
  readonly edgeShapes: readonly (Float64Array | undefined)[];
  /** Street name per edge as the source gives it ('' when it gives none); for map labels only. */
  readonly edgeNames: readonly string[];
  /** CSR of out-edges: edges of node v are outEdge[outStart[v] .. outStart[v+1]). */
  readonly outStart: Int32Array;
  readonly outEdge: Int32Array;
  /** CSR of in-edges. */
  readonly inStart: Int32Array;
  readonly inEdge: Int32Array;
  readonly source: { readonly format: string; readonly files: readonly string[] };
  /**
   * Planar networks only: how WGS84 lon/lat maps to the node coordinates (e.g. a SUMO network's UTM
   * `<location>`), so lon/lat points can be placed on it. Undefined when the source gives none.
   */
  readonly projection?: MapProjection;
  /** Dense index of a node id, or -1. */
  indexOf(id: string): number;
}

export interface NodeInput {
  id: string;
  x?: number;
  y?: number;
  zone?: boolean;
}

export interface EdgeInput {
  from: string;
  to: string;
  id?: string;
  lengthM?: number;
  /** Free-flow time in seconds; derived from length and speed when absent. */
  timeS?: number;
  speedKph?: number;
  roadClass?: string;
  /** Interior shape points, interleaved x,y. */
  shape?: number[];
  /** Street name, for map labels (absent or '' when unknown). */
  name?: string;
}

export interface RoadGraphBuilder {
  addNode(node: NodeInput): void;
  hasNode(id: string): boolean;
  addEdge(edge: EdgeInput): void;
  readonly nodeCount: number;
  readonly edgeCount: number;
  build(source: { format: string; files: string[] }, extra?: { projection?: MapProjection }): RoadGraph;
}

/**
 * Create a builder. Nodes must be added before the edges that use them.
 *
 * @example
 * const b = createRoadGraphBuilder('planar');
 * b.addNode({ id: 'a', x: 0, y: 0 }); b.addNode({ id: 'b', x: 100, y: 0 });
 * b.addEdge({ from: 'a', to: 'b', lengthM: 100, speedKph: 36 }); // 10 s
 * const g = b.build({ format: 'test', files: [] });
 */
export function createRoadGraphBuilder(coordKind: CoordKind): RoadGraphBuilder {
  const nodeIds: string[] = [];
  const index = new Map<string, number>();
  const xs: number[] = [];
  const ys: number[] = [];
  const zones: number[] = [];
  const from: number[] = [];
  const to: number[] = [];
  const lengths: number[] = [];
  const times: number[] = [];
  const speeds: number[] = [];
  const classes: number[] = [];
  const classNames: string[] = [];
  const classIndex = new Map<string, number>();
  const edgeIds: string[] = [];
  const edgeIdSet = new Set<string>();
  const shapes: (Float64Array | undefined)[] = [];
  const names: string[] = [];

  function nodeIndex(id: string, role: string, edge: EdgeInput): number {
    const i = index.get(id);
    if (i === undefined) throw new Error(`edge ${edge.id ?? `${edge.from}->${edge.to}`}: ${role} node "${id}" is not defined`);
    return i;
  }

  return {
    get nodeCount() { return nodeIds.length; },
    get edgeCount() { return from.length; },
    hasNode: (id) => index.has(id),
    addNode(node) {
      if (index.has(node.id)) throw new Error(`node "${node.id}" is defined twice`);
      index.set(node.id, nodeIds.length);
      nodeIds.push(node.id);
      xs.push(node.x ?? NaN);
      ys.push(node.y ?? NaN);
      zones.push(node.zone ? 1 : 0);
    },
    addEdge(edge) {
      const f = nodeIndex(edge.from, 'from', edge);
      const t = nodeIndex(edge.to, 'to', edge);
      const lengthM = edge.lengthM ?? NaN;
      const speedKph = edge.speedKph ?? (edge.timeS !== undefined && edge.timeS > 0 && Number.isFinite(lengthM)
        ? (lengthM / edge.timeS) * 3.6 : NaN);
      let timeS = edge.timeS;
      if (timeS === undefined) {
        if (!(lengthM >= 0) || !(speedKph > 0)) {
          throw new Error(`edge ${edge.id ?? `${edge.from}->${edge.to}`}: needs a travel time, or a length and a positive speed`);
        }
        timeS = lengthM / (speedKph / 3.6);
      }
      if (!(timeS >= 0) || !Number.isFinite(timeS)) {
        throw new Error(`edge ${edge.id ?? `${edge.from}->${edge.to}`}: travel time must be a finite number >= 0, got ${timeS}`);
      }
      const id = edge.id ?? String(from.length);
      if (edgeIdSet.has(id)) throw new Error(`edge id "${id}" is used twice`);
      edgeIdSet.add(id);
      const cls = edge.roadClass ?? 'road';
      let c = classIndex.get(cls);
      if (c === undefined) { c = classNames.length; classIndex.set(cls, c); classNames.push(cls); }
      from.push(f); to.push(t); lengths.push(lengthM); times.push(timeS); speeds.push(speedKph);
      classes.push(c); edgeIds.push(id);
      shapes.push(edge.shape && edge.shape.length >= 2 ? Float64Array.from(edge.shape) : undefined);
      names.push(edge.name ?? '');
    },
    build(source, extra = {}) {
      const m = from.length;
      return assembleRoadGraph({
        coordKind,
        nodeIds: nodeIds.slice(),
        x: Float64Array.from(xs),
        y: Float64Array.from(ys),
        isZone: Uint8Array.from(zones),
        edgeFrom: Int32Array.from(from),
        edgeTo: Int32Array.from(to),
        lengthM: Float64Array.from(lengths),
        freeFlowTimeS: Float64Array.from(times),
        speedKph: Float64Array.from(speeds),
        edgeClass: Uint16Array.from(classes),
        classNames: classNames.slice(),
        edgeIds: edgeIds.slice(0, m),
        edgeShapes: shapes.slice(0, m),
        edgeNames: names.slice(0, m),
        source, projection: extra.projection,
      });
    },
  };
}

/**
 * The parts of a road graph as an importer holds them after reading its files, in dense index
 * order. `edgeIds` may be a function that lists them (called once, on first use), for importers
 * whose ids follow from the other parts; without `indexOf`, a map from id to index is built from
 * `nodeIds` on the first lookup.
 */
export interface RoadGraphParts {
  coordKind: CoordKind;
  nodeIds: string[];
  x: Float64Array;
  y: Float64Array;
  isZone: Uint8Array;
  edgeFrom: Int32Array;
  edgeTo: Int32Array;
  lengthM: Float64Array;
  freeFlowTimeS: Float64Array;
  speedKph: Float64Array;
  edgeClass: Uint16Array;
  classNames: string[];
  edgeIds: string[] | (() => string[]);
  /** Absent: every edge straight. */
  edgeShapes?: (Float64Array | undefined)[];
  /** Absent: no street names. */
  edgeNames?: string[];
  /** The dense index of a node id (-1 if none), for importers that know it without a map. */
  indexOf?: (id: string) => number;
  source: { format: string; files: string[] };
  projection?: MapProjection;
}

/**
 * The one place a RoadGraph is put together: checks the parts agree in length and range, lays out
 * the out- and in-edge CSR, and freezes the result. The builder ends here; importers that read
 * straight into typed arrays (TNTP) call it directly.
 */
export function assembleRoadGraph(parts: RoadGraphParts): RoadGraph {
  const n = parts.nodeIds.length;
  const m = parts.edgeFrom.length;
  const sized: [string, { length: number }, number][] = [
    ['x', parts.x, n], ['y', parts.y, n], ['isZone', parts.isZone, n], ['edgeTo', parts.edgeTo, m], ['lengthM', parts.lengthM, m],
    ['freeFlowTimeS', parts.freeFlowTimeS, m], ['speedKph', parts.speedKph, m], ['edgeClass', parts.edgeClass, m],
  ];
  for (const [name, a, want] of sized) if (a.length !== want) throw new Error(`internal: road graph part ${name} has ${a.length} entries, expected ${want}`);
  for (let e = 0; e < m; e++) {
    const f = parts.edgeFrom[e], t = parts.edgeTo[e];
    if (!(f >= 0 && f < n && t >= 0 && t < n)) throw new Error(`internal: edge ${e} joins node ${f} to ${t}, outside 0..${n - 1}`);
  }
  const [outStart, outEdge] = buildCsr(n, parts.edgeFrom);
  const [inStart, inEdge] = buildCsr(n, parts.edgeTo);
  let index: Map<string, number> | undefined;
  const nodeIds = Object.freeze(parts.nodeIds);
  let edgeIds = typeof parts.edgeIds === 'function' ? undefined : Object.freeze(parts.edgeIds);
  const listEdgeIds = typeof parts.edgeIds === 'function' ? parts.edgeIds : undefined;
  const graph: RoadGraph = {
    nodeCount: n,
    edgeCount: m,
    nodeIds,
    coordKind: parts.coordKind,
    x: parts.x,
    y: parts.y,
    isZone: parts.isZone,
    edgeFrom: parts.edgeFrom,
    edgeTo: parts.edgeTo,
    lengthM: parts.lengthM,
    freeFlowTimeS: parts.freeFlowTimeS,
    speedKph: parts.speedKph,
    edgeClass: parts.edgeClass,
    classNames: Object.freeze(parts.classNames),
    get edgeIds() {
      if (!edgeIds) {
        const ids = listEdgeIds!();
        if (ids.length !== m) throw new Error(`internal: ${ids.length} edge ids for ${m} edges`);
        edgeIds = Object.freeze(ids);
      }
      return edgeIds;
    },
    edgeShapes: Object.freeze(parts.edgeShapes ?? new Array<undefined>(m).fill(undefined)),
    edgeNames: Object.freeze(parts.edgeNames ?? new Array<string>(m).fill('')),
    outStart, outEdge, inStart, inEdge,
    source: Object.freeze({ format: parts.source.format, files: Object.freeze(parts.source.files.slice()) }),
    ...(parts.projection && parts.coordKind === 'planar' ? { projection: parts.projection } : {}),
    indexOf: parts.indexOf ?? ((id: string) => {
      if (!index) { index = new Map(); for (let v = 0; v < n; v++) index.set(nodeIds[v], v); }
      return index.get(id) ?? -1;
    }),
  };
  for (const [name, a] of [['edgeShapes', graph.edgeShapes], ['edgeNames', graph.edgeNames]] as const) {
    if (a.length !== m) throw new Error(`internal: road graph part ${name} has ${a.length} entries, expected ${m}`);
  }
  return Object.freeze(graph);
}

/** Counting sort of edges by a key node: returns [start (n+1), edge indices in key order, stable]. */
function buildCsr(n: number, key: Int32Array): [Int32Array, Int32Array] {
  const start = new Int32Array(n + 1);
  for (let e = 0; e < key.length; e++) start[key[e] + 1]++;
  for (let v = 0; v < n; v++) start[v + 1] += start[v];
  const fill = start.slice(0, n);
  const order = new Int32Array(key.length);
  for (let e = 0; e < key.length; e++) order[fill[key[e]]++] = e;
  return [start, order];
}

/** Total length of all edges in metres (edges with unknown length are skipped). */
export function totalLengthM(graph: RoadGraph): number {
  let sum = 0;
  for (let e = 0; e < graph.edgeCount; e++) if (Number.isFinite(graph.lengthM[e])) sum += graph.lengthM[e];
  return sum;
}
