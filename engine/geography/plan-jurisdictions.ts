import type { RoutingGraph } from '../routing/routing-graph.ts';
import type { JurisdictionAssignment, JurisdictionsFile } from '../io/run-directory/file-types.ts';
import { balanceJurisdictions } from './balance-jurisdictions.ts';
import { assignJurisdictions, summarizeJurisdictions } from './jurisdictions.ts';

export interface NamedPost { id: string; node: number; units: number }

/**
 * The jurisdictions workflow the CLI and tests share: the nearest-post assignment with its figures
 * and, with `balance`, the rebalanced one (see balanceJurisdictions) with its bound.
 * `weight[v]` is node v's demand weight (the workload it brings).
 */
export function planJurisdictions(
  graph: RoutingGraph, posts: readonly NamedPost[], weight: Float64Array, options: { targetS: number; balance?: boolean },
): Omit<JurisdictionsFile, 'version'> {
  const start = assignJurisdictions(graph, posts);
  const describe = (owner: Int32Array, timeS: Float64Array): JurisdictionAssignment => {
    const s = summarizeJurisdictions(owner, timeS, weight, posts, options.targetS);
    return {
      posts: s.posts.map((r, i) => ({ post: posts[i].id, units: posts[i].units, ...r })),
      balance: s.balance, unassigned: s.unassigned, unassignedWeight: s.unassignedWeight,
      owner: Array.from(owner), timeS: Array.from(timeS, finiteOrNull),
    };
  };
  const nearest = describe(start.owner, start.timeS);
  if (!options.balance) return { targetS: options.targetS, nearest, balanced: null };
  const b = balanceJurisdictions(graph, posts, weight, start, { targetS: options.targetS });
  let reassigned = 0;
  for (let v = 0; v < b.owner.length; v++) if (b.owner[v] !== start.owner[v]) reassigned++;
  return { targetS: options.targetS, nearest, balanced: { ...describe(b.owner, b.timeS), moves: b.moves, lowerBound: b.lowerBound, reassignedNodes: reassigned } };
}

function finiteOrNull(t: number): number | null {
  return Number.isFinite(t) ? t : null;
}
