import { createShortestPathSearch, type ShortestPathSearch } from '../routing/dijkstra.ts';
import type { RoutingGraph } from '../routing/routing-graph.ts';
import type { ExitTimes } from './blockade.ts';

export interface UnitSource {
  /** Dense node index where the units stand. */
  node: number;
  /** Units there (integer >= 0). */
  units: number;
}

/**
 * Travel times from sources to targets, keeping for each target only the nearest sources that hold
 * at least `unitsNeeded` units between them (every source within that radius is kept, ties included).
 *
 * For assignment problems where each target takes one unit and there are `unitsNeeded` targets (a
 * blockade), the kept pairs are enough: in any assignment, a target served from farther away can
 * switch to a free unit within its radius (the other targets use at most unitsNeeded − 1 units there),
 * which neither raises its time nor the latest or total. So the latest arrival, the total and the
 * most targets closed within a time are the same as on the full table.
 *
 * One reverse search per target, stopped as soon as the sources settled hold `unitsNeeded` units (a
 * source tied with the last one may be left out: it is no nearer, so the argument holds). Pass a
 * `search` to reuse its buffers across calls.
 */
export function nearestUnitTimes(
  graph: RoutingGraph, sources: readonly UnitSource[], targets: ArrayLike<number>, unitsNeeded: number,
  options: { search?: ShortestPathSearch } = {},
): ExitTimes {
  const search = options.search ?? createShortestPathSearch(graph);
  const atNode = new Map<number, number[]>();
  sources.forEach((s, i) => {
    if (!(s.units > 0)) return;
    const list = atNode.get(s.node);
    if (list) list.push(i); else atNode.set(s.node, [i]);
  });
  const exit: number[] = [], source: number[] = [], timeS: number[] = [];
  for (let e = 0; e < targets.length; e++) {
    let found = 0;
    const stopWhen = (v: number) => {
      const list = atNode.get(v);
      if (list) for (const s of list) found += sources[s].units;
      return found >= unitsNeeded;
    };
    search.run([targets[e]], { direction: 'reverse', stopWhen });
    for (let i = 0; i < search.settledCount; i++) {
      const v = search.settled[i];
      const list = atNode.get(v);
      if (list) for (const s of list) { exit.push(e); source.push(s); timeS.push(search.timeS[v]); }
    }
  }
  return { exit: Int32Array.from(exit), source: Int32Array.from(source), timeS: Float64Array.from(timeS) };
}
