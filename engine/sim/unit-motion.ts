import type { RoadGraph } from '../graph/road-graph.ts';
import type { RandomStream } from './random-streams.ts';
import { EdgeList, walkShortestPath } from './path-walk.ts';

/** A closed patrol loop as edges with cumulative end times from the loop start (seconds). */
export interface PatrolLoop {
  readonly edges: Int32Array;
  readonly cumEndS: Float64Array;
  readonly totalS: number;
}

/**
 * The edges a beat walk may take, per node: out-edges (in the graph's order) whose head is another node
 * of the beat and that can be driven at the unit type's patrol speed. CSR: node v's edges are
 * edge[start[v] .. start[v + 1]), each leading to to[i].
 */
export interface BeatGraph {
  readonly start: Int32Array;
  readonly edge: Int32Array;
  readonly to: Int32Array;
}

/** The beat graph of a node set for one unit type's patrol edge times. */
export function buildBeatGraph(graph: RoadGraph, nodes: readonly number[], patrolTimeS: Float64Array): BeatGraph {
  const inBeat = new Uint8Array(graph.nodeCount);
  for (const v of nodes) inBeat[v] = 1;
  const start = new Int32Array(graph.nodeCount + 1);
  const edges: number[] = [];
  for (let v = 0; v < graph.nodeCount; v++) {
    start[v] = edges.length;
    for (let i = graph.outStart[v]; i < graph.outStart[v + 1]; i++) {
      const e = graph.outEdge[i];
      const w = graph.edgeTo[e];
      if (inBeat[w] && w !== v && Number.isFinite(patrolTimeS[e])) edges.push(e);
    }
  }
  start[graph.nodeCount] = edges.length;
  return { start, edge: Int32Array.from(edges), to: Int32Array.from(edges, (e) => graph.edgeTo[e]) };
}

/** Where a unit is, for routing: it can start a path at `node` after `offsetS` seconds at response speed. */
export interface Located {
  node: number;
  offsetS: number;
  /** Current edge (-1 when at a node) and the fraction of it covered. */
  edge: number;
  frac: number;
}

/** Receives node passages for the trace: (timeS, node) or a mid-edge point (timeS, edge, frac). */
export interface MotionSink {
  atNode(timeS: number, node: number): void;
  onEdge(timeS: number, edge: number, frac: number): void;
}

const STILL = 0, PATH = 1, LOOP = 2, WALK = 3;

/**
 * How one unit moves between state changes. Motion is evaluated lazily: no events are scheduled for
 * patrol steps; the position is worked out when it is needed (a dispatch decision, a state change).
 * - still: standing at a node;
 * - path: driving a fixed path (edges with absolute end times) — to a scene, or back to the post;
 * - loop: patrolling a route loop from `startS`, repeating;
 * - walk: a random walk in a beat, extended edge by edge from the unit's own patrol stream. Queries must come
 *   in nondecreasing time, so the walk drawn is the same whenever it is looked at.
 */
export class UnitMotion {
  kind = STILL;
  node = 0;
  startS = 0;
  /** STILL at a station node: its index in the travel oracle's station nodes (else -1). */
  station = -1;
  /** PATH and WALK: edges and their absolute end times, in typed buffers reused across motions. */
  private edges = new Int32Array(16);
  private endS = new Float64Array(16);
  private count = 0;
  private head = 0;
  /** PATH: when the first edge starts (after finishing the edge the unit was on). */
  private pathBeginS = 0;
  /** PATH given as a shortest-path tree toward `pendingTarget`, walked only when the path is looked at. */
  private pendingTree: Int32Array | null = null;
  private pendingTarget = -1;
  private pendingTimeS: Float64Array | null = null;
  private walkBuffer: EdgeList | null = null;
  private loop: PatrolLoop | null = null;
  private beat: BeatGraph | null = null;
  private rng: RandomStream | null = null;
  private patrolTimeS: Float64Array | null = null;
  private walkNode = 0;
  private walkPrev = -1;
  private stuck = false;

  /** `stationOf`: node -> station index, so a unit standing at a post is read from a row's packed station times. */
  constructor(private readonly graph: RoadGraph, private readonly keepHistory: boolean, private readonly stationOf: Int32Array | null = null) {}

  stand(node: number, timeS: number): void {
    this.reset(STILL, node, timeS);
    this.station = this.stationOf ? this.stationOf[node] : -1;
  }

  /** Drive `edges` from `node` starting at timeS (the first edge starts after `delayS`, finishing a current edge). */
  drive(node: number, timeS: number, delayS: number, edges: EdgeList | ArrayLike<number>, edgeTimeS: Float64Array): void {
    this.reset(PATH, node, timeS);
    this.pathBeginS = timeS + delayS;
    this.setPath(edges, edgeTimeS);
  }

  /**
   * Drive from `node` to `target` along a shortest-path tree (`treeEdge[v]`: the first edge from v
   * toward the target), starting at timeS after `delayS`. The path is walked when first looked at
   * (located, replayed, measured), so a trip nobody looks at before it ends costs nothing; the tree
   * must stay unchanged until then (a cached row), or call `materialize()` at once.
   */
  driveTree(node: number, timeS: number, delayS: number, treeEdge: Int32Array, target: number, edgeTimeS: Float64Array): void {
    this.reset(PATH, node, timeS);
    this.pathBeginS = timeS + delayS;
    this.pendingTree = treeEdge; this.pendingTarget = target; this.pendingTimeS = edgeTimeS;
  }

  /** Walk a pending tree path now. */
  materialize(): void {
    const tree = this.pendingTree;
    if (tree === null) return;
    this.pendingTree = null;
    const buffer = (this.walkBuffer ??= new EdgeList(64));
    walkShortestPath(tree, this.graph.edgeTo, this.node, this.pendingTarget, buffer);
    this.setPath(buffer, this.pendingTimeS!);
    this.pendingTimeS = null;
  }

  private setPath(edges: EdgeList | ArrayLike<number>, edgeTimeS: Float64Array): void {
    const n = edges.length;
    this.reserve(n);
    const own = this.edges, ends = this.endS;
    if (edges instanceof EdgeList) own.set(edges.data.subarray(0, n));
    else for (let i = 0; i < n; i++) own[i] = edges[i];
    let t = this.pathBeginS;
    for (let i = 0; i < n; i++) { t += edgeTimeS[own[i]]; ends[i] = t; }
    this.count = n;
  }

  patrolLoop(node: number, timeS: number, loop: PatrolLoop): void {
    if (loop.totalS > 0) { this.reset(LOOP, node, timeS); this.loop = loop; } else this.stand(node, timeS);
  }

  patrolBeat(node: number, timeS: number, beat: BeatGraph, rng: RandomStream, patrolTimeS: Float64Array): void {
    this.reset(WALK, node, timeS);
    this.beat = beat; this.rng = rng; this.patrolTimeS = patrolTimeS;
    this.walkNode = node; this.walkPrev = -1; this.stuck = false;
  }

  /** Whether the unit is standing still at a node (no path, loop or walk). */
  get still(): boolean {
    return this.kind === STILL;
  }

  /** Where the unit is at timeS, and how long (at `responseTimeS` speeds) until it reaches its next node. */
  locate(timeS: number, responseTimeS: Float64Array, out: Located): Located {
    const g = this.graph;
    out.edge = -1; out.frac = 0; out.offsetS = 0; out.node = this.node;
    if (this.kind === STILL) return out;
    if (this.kind === LOOP) {
      const loop = this.loop!;
      const phase = (timeS - this.startS) % loop.totalS;
      let lo = 0, hi = loop.edges.length - 1;
      while (lo < hi) { const mid = (lo + hi) >> 1; if (loop.cumEndS[mid] > phase) hi = mid; else lo = mid + 1; }
      const e = loop.edges[lo];
      const begin = lo > 0 ? loop.cumEndS[lo - 1] : 0;
      const dur = loop.cumEndS[lo] - begin;
      const frac = dur > 0 ? (phase - begin) / dur : 1;
      return this.onEdge(out, e, frac, responseTimeS);
    }
    if (this.kind === WALK) this.extendWalk(timeS);
    else if (this.pendingTree !== null) this.materialize();
    // PATH or WALK: advance the cursor past finished edges.
    const endS = this.endS;
    const count = this.count;
    while (this.head < count && endS[this.head] <= timeS) this.head++;
    if (this.head >= count) {
      out.node = count ? g.edgeTo[this.edges[count - 1]] : this.node;
      return out;
    }
    const e = this.edges[this.head];
    const begin = this.head > 0 ? endS[this.head - 1] : (this.kind === PATH ? this.pathBeginS : this.startS);
    if (this.kind === PATH) {
      // Not yet on this edge: still finishing the edge it was on when dispatched (or exactly at its tail).
      if (timeS <= begin) { out.node = g.edgeFrom[e]; out.offsetS = begin - timeS; out.edge = -1; return out; }
      out.edge = e; out.frac = (timeS - begin) / (endS[this.head] - begin || 1);
      out.node = g.edgeTo[e]; out.offsetS = endS[this.head] - timeS;
      return out;
    }
    const frac = (timeS - begin) / (endS[this.head] - begin || 1);
    if (!this.keepHistory && this.head > 4096) this.trim();
    return this.onEdge(out, e, frac, responseTimeS);
  }

  /**
   * Metres driven on the current path by timeS (finished edges, plus the covered fraction of the edge
   * being driven); 0 when not on a path. NaN where an edge driven has no length.
   */
  drivenM(timeS: number, lengthM: Float64Array): number {
    if (this.kind !== PATH) return 0;
    this.materialize();
    let m = 0;
    let begin = this.pathBeginS;
    for (let i = 0; i < this.count; i++) {
      const end = this.endS[i];
      if (end <= timeS) { m += lengthM[this.edges[i]]; begin = end; continue; }
      if (timeS > begin) m += lengthM[this.edges[i]] * (timeS - begin) / (end - begin || 1);
      break;
    }
    return m;
  }

  /** Report node passages in (startS, untilS] to the sink (trace), then a point at untilS. */
  replay(untilS: number, sink: MotionSink, responseTimeS: Float64Array): void {
    const g = this.graph;
    if (this.kind === STILL) { sink.atNode(untilS, this.node); return; }
    if (this.kind === LOOP) {
      const loop = this.loop!;
      for (let cycleStart = this.startS; cycleStart < untilS; cycleStart += loop.totalS) {
        for (let i = 0; i < loop.edges.length; i++) {
          const t = cycleStart + loop.cumEndS[i];
          if (t > untilS) break;
          sink.atNode(t, g.edgeTo[loop.edges[i]]);
        }
      }
    } else {
      if (this.kind === WALK) this.extendWalk(untilS);
      else this.materialize();
      for (let i = 0; i < this.count && this.endS[i] <= untilS; i++) sink.atNode(this.endS[i], g.edgeTo[this.edges[i]]);
    }
    const here = this.locate(untilS, responseTimeS, { node: 0, offsetS: 0, edge: -1, frac: 0 });
    if (here.edge >= 0) sink.onEdge(untilS, here.edge, here.frac); else sink.atNode(untilS, here.node);
  }

  private onEdge(out: Located, e: number, frac: number, responseTimeS: Float64Array): Located {
    if (frac <= 0) { out.edge = -1; out.frac = 0; out.node = this.graph.edgeFrom[e]; out.offsetS = 0; return out; }
    out.edge = e; out.frac = frac; out.node = this.graph.edgeTo[e];
    out.offsetS = (1 - frac) * responseTimeS[e];
    return out;
  }

  private append(edge: number, endS: number): void {
    if (this.count === this.edges.length) this.reserve(this.count + 1);
    this.edges[this.count] = edge; this.endS[this.count] = endS; this.count++;
  }

  /** Room for n edges (keeping the first `count`). */
  private reserve(n: number): void {
    if (n <= this.edges.length) return;
    const cap = Math.max(n, 2 * this.edges.length);
    const edges = new Int32Array(cap); edges.set(this.edges.subarray(0, this.count)); this.edges = edges;
    const ends = new Float64Array(cap); ends.set(this.endS.subarray(0, this.count)); this.endS = ends;
  }

  private extendWalk(untilS: number): void {
    const { start, edge, to } = this.beat!;
    const patrolTimeS = this.patrolTimeS!;
    let t = this.count ? this.endS[this.count - 1] : this.startS;
    while (t <= untilS && !this.stuck) {
      const a = start[this.walkNode], b = start[this.walkNode + 1];
      const prev = this.walkPrev;
      let count = 0, back = -1;
      for (let i = a; i < b; i++) {
        if (to[i] === prev) { back = edge[i]; continue; }
        count++;
      }
      let chosen = -1;
      if (count === 0) chosen = back; // dead end: turn back
      else {
        let k = Math.floor(this.rng!.next() * count);
        for (let i = a; i < b; i++) {
          if (to[i] === prev) continue;
          if (k-- === 0) { chosen = edge[i]; break; }
        }
      }
      if (chosen < 0) { this.stuck = true; break; }
      t += patrolTimeS[chosen];
      this.append(chosen, t);
      this.walkPrev = this.walkNode; this.walkNode = this.graph.edgeTo[chosen];
    }
  }

  private trim(): void {
    const drop = this.head - 1;
    this.startS = this.endS[drop - 1];
    this.edges.copyWithin(0, drop, this.count); this.endS.copyWithin(0, drop, this.count);
    this.count -= drop;
    this.head -= drop;
  }

  private reset(kind: number, node: number, timeS: number): void {
    this.kind = kind; this.node = node; this.startS = timeS;
    this.count = 0; this.head = 0;
    this.loop = null; this.beat = null; this.rng = null;
    this.station = -1;
    this.pendingTree = null; this.pendingTimeS = null;
  }
}
