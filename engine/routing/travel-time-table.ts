import { createShortestPathSearch, type Direction } from './dijkstra.ts';
import type { RoutingGraph } from './routing-graph.ts';

/**
 * Many-to-many travel times: `timeS[i * targets.length + j]` is the time from sources[i] to targets[j]
 * (Infinity when unreachable or beyond `maxTimeS`). One bounded search per source; when there are
 * fewer targets than sources, searches run backwards from the targets instead (same result).
 */
export function travelTimeTable(
  graph: RoutingGraph,
  sources: ArrayLike<number>,
  targets: ArrayLike<number>,
  options: { maxTimeS?: number; onProgress?: (done: number, total: number) => void } = {},
): Float64Array {
  const ns = sources.length;
  const nt = targets.length;
  const out = new Float64Array(ns * nt).fill(Infinity);
  const search = createShortestPathSearch(graph);
  const fromSources = ns <= nt;
  const outer = fromSources ? sources : targets;
  const inner = fromSources ? targets : sources;
  const direction: Direction = fromSources ? 'forward' : 'reverse';
  for (let i = 0; i < outer.length; i++) {
    search.run([outer[i]], { direction, maxTimeS: options.maxTimeS });
    const t = search.timeS;
    for (let j = 0; j < inner.length; j++) {
      const value = t[inner[j]];
      if (fromSources) out[i * nt + j] = value;
      else out[j * nt + i] = value;
    }
    options.onProgress?.(i + 1, outer.length);
  }
  return out;
}
