import type { Tier } from '../coverage/tiers.ts';
import { InputError } from '../io/input-error.ts';
import { networkProblem } from '../optimize/network-problem.ts';
import type { OptimizeRequest, OptimizeResult } from '../optimize/optimize.ts';
import { overrideScenario } from '../sim/load-scenario.ts';
import type { Scenario } from '../sim/scenario.ts';
import type { PostFile, UnitFile } from '../sim/scenario-file.ts';
import { unitsPerPost } from '../sim/units-per-post.ts';
import { solveOnNetwork, type NetworkLocationProblem } from './network-deployment.ts';
import type { ScenarioStatics } from './scenario-layout.ts';

/** Post types whose posts, units and patrols stay where they are when a layout is improved. */
export const FIXED_POST_TYPES: ReadonlySet<string> = new Set(['station']);

/** What improving a layout keeps and what it may move. */
export interface LayoutMoves {
  /** Indices of the scenario's fixed posts (stations). */
  fixedPosts: number[];
  /** Units at fixed posts. */
  fixedUnits: number;
  /** Units the optimizer may place. */
  movableUnits: number;
  /** Candidate sites: non-zone nodes of the largest strongly connected part. */
  candidates: number[];
  /** Units that must stay at each candidate (the fixed posts' units). */
  minUnits: Int32Array;
}

/**
 * The moves of a layout: stations (and their units) stay; every other unit may go to any non-zone node
 * of the largest strongly connected part. A station outside that part is an input error.
 */
export function layoutMoves(sc: Scenario, statics: ScenarioStatics, fixedTypes: ReadonlySet<string> = FIXED_POST_TYPES): LayoutMoves {
  const { graph, componentOf } = statics;
  const unitsAt = unitsPerPost(sc);
  const fixedPosts = sc.posts.map((_, i) => i).filter((i) => fixedTypes.has(sc.posts[i].type));
  const fixedUnits = fixedPosts.reduce((s, i) => s + unitsAt[i], 0);
  const candidates: number[] = [];
  for (let v = 0; v < graph.nodeCount; v++) if (componentOf[v] === 0 && !graph.isZone[v]) candidates.push(v);
  const minUnits = new Int32Array(candidates.length);
  const index = new Map(candidates.map((v, j) => [v, j]));
  const outside: string[] = [];
  for (const i of fixedPosts) {
    const j = index.get(sc.posts[i].node);
    if (j === undefined) outside.push(sc.posts[i].id);
    else minUnits[j] += unitsAt[i];
  }
  if (outside.length) throw new InputError(`${sc.name}: posts: station${outside.length > 1 ? 's' : ''} ${outside.join(', ')} outside the largest strongly connected part of the network (a fixed post must reach all of it)`);
  return { fixedPosts, fixedUnits, movableUnits: sc.units.length - fixedUnits, candidates, minUnits };
}

export interface ImprovedLayout {
  /** The proposal: the scenario with the same units, the movable ones re-placed. */
  scenario: Scenario;
  result: OptimizeResult;
  moves: LayoutMoves;
}

/**
 * Re-place the movable units of a scenario with the tiered optimizer (the same number of units; fixed
 * posts keep their posts, units and patrols), verified on the network. Units beyond a fixed post's own
 * go to that post; elsewhere to a new post `P-<node id>` (type "mobile"), in candidate order, each
 * taking the unit type of the moved units in turn.
 */
export function improveLayout(sc: Scenario, statics: ScenarioStatics, tiers: readonly Tier[], request: Omit<OptimizeRequest, 'model' | 'facilities' | 'tiers'>, moves: LayoutMoves = layoutMoves(sc, statics)): ImprovedLayout {
  const { graph } = statics;
  const { candidates, minUnits, fixedPosts } = moves;
  const problem = networkProblem(statics.routing, {
    demandNodes: statics.demand.map((d) => d.node), demandWeight: statics.demand.map((d) => d.weight),
    candidateNodes: candidates, minUnits, nodeIds: graph.nodeIds,
    maxTimeS: Math.max(...tiers.map((t) => t.targetS)),
  });
  const nlp: NetworkLocationProblem = { problem, demandNodes: Int32Array.from(statics.demand, (d) => d.node), candidateNodes: Int32Array.from(candidates) };
  const result = solveOnNetwork(statics, nlp, { ...request, model: 'tiered', facilities: sc.units.length, tiers: tiers.map((t) => ({ ...t, weight: 1 })) });
  if (result.status === 'error' || result.status === 'infeasible') return { scenario: sc, result, moves };

  const fixedIds = new Set(fixedPosts.map((i) => sc.posts[i].id));
  const keptPosts: PostFile[] = sc.file.posts.filter((p) => fixedIds.has(p.id));
  const keptUnits: UnitFile[] = sc.file.units.filter((u) => fixedIds.has(u.post));
  const movableTypes = sc.units.filter((u) => !fixedPosts.includes(u.post)).map((u) => sc.unitTypes[u.type].name);
  const newPosts: PostFile[] = [];
  const newUnits: UnitFile[] = [];
  let m = 0;
  candidates.forEach((v, j) => {
    const extra = result.units[j] - minUnits[j];
    if (extra <= 0) return;
    const existing = fixedPosts.find((i) => sc.posts[i].node === v);
    const postId = existing !== undefined ? sc.posts[existing].id : `P-${graph.nodeIds[v]}`;
    if (existing === undefined) newPosts.push({ id: postId, node: graph.nodeIds[v], type: 'mobile', label: 'proposed post' });
    for (let k = 0; k < extra; k++) newUnits.push({ id: `proposed-${++m}`, type: movableTypes[(m - 1) % Math.max(1, movableTypes.length)] ?? 'car', post: postId });
  });
  const proposedUnits = keptUnits.reduce((s, u) => s + (u.count ?? 1), 0) + newUnits.length;
  if (proposedUnits !== sc.units.length) throw new Error(`internal: the proposal has ${proposedUnits} units, the current layout ${sc.units.length}`);
  return { scenario: overrideScenario(sc, { posts: [...keptPosts, ...newPosts], units: [...keptUnits, ...newUnits] }), result, moves };
}
