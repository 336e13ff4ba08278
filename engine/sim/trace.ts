import type { RoadGraph } from '../graph/road-graph.ts';

/**
 * Unit waypoints for the viewer (docs/run-directory.md, `trace.json`): per unit a flat list
 * [t, x, y, state, t, x, y, state, ...], one entry at every state change and every node passed,
 * for t <= untilS. Between two waypoints the unit moves linearly.
 */
export interface TraceRecorder {
  readonly untilS: number;
  readonly waypoints: number[][];
  atNode(unit: number, timeS: number, node: number, state: number): void;
  onEdge(unit: number, timeS: number, edge: number, frac: number, state: number): void;
  /** A state change at the unit's last recorded position. */
  stateAt(unit: number, timeS: number, state: number): void;
  /** Moves started up to untilS, flat: [unit, t, kind (MoveKind), post, node, ...]. */
  readonly moves: number[];
  /** A move to another station started: `post` is its post (scenario's, then plan's), `node` where the unit drives. */
  moveStarted(unit: number, timeS: number, kind: number, post: number, node: number): void;
}

export function createTraceRecorder(graph: RoadGraph, unitCount: number, untilS: number): TraceRecorder {
  const waypoints: number[][] = Array.from({ length: unitCount }, () => []);
  const moves: number[] = [];
  const push = (u: number, t: number, x: number, y: number, s: number) => {
    if (t > untilS) return;
    const w = waypoints[u];
    const n = w.length;
    // Drop exact repeats (same time, place and state).
    if (n >= 4 && w[n - 4] === t && Object.is(w[n - 3], x) && Object.is(w[n - 2], y) && w[n - 1] === s) return;
    w.push(t, x, y, s);
  };
  const lastXY = (u: number): [number, number] => {
    const w = waypoints[u];
    return w.length ? [w[w.length - 3], w[w.length - 2]] : [NaN, NaN];
  };
  return {
    untilS,
    waypoints,
    moves,
    atNode: (u, t, v, s) => push(u, t, graph.x[v], graph.y[v], s),
    onEdge(u, t, e, frac, s) {
      const a = graph.edgeFrom[e], b = graph.edgeTo[e];
      push(u, t, graph.x[a] + frac * (graph.x[b] - graph.x[a]), graph.y[a] + frac * (graph.y[b] - graph.y[a]), s);
    },
    stateAt(u, t, s) { const [x, y] = lastXY(u); push(u, t, x, y, s); },
    moveStarted(u, t, kind, post, node) { if (t <= untilS) moves.push(u, t, kind, post, node); },
  };
}
