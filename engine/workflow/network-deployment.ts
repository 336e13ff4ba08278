import { evaluateCoverage, type DemandPoint } from '../coverage/evaluate-coverage.ts';
import type { Tier } from '../coverage/tiers.ts';
import type { RoadGraph } from '../graph/road-graph.ts';
import { InputError, throwProblems } from '../io/input-error.ts';
import { networkProblem } from '../optimize/network-problem.ts';
import { optimize, type OptimizeRequest, type OptimizeResult } from '../optimize/optimize.ts';
import type { LocationProblem } from '../optimize/problem.ts';
import type { CandidateTable, DemandTable } from '../optimize/read-problem.ts';
import type { RoutingGraph } from '../routing/routing-graph.ts';

/** A road network with response travel times, as the planner's workflow reads it. */
export interface PlanningNetwork {
  readonly graph: RoadGraph;
  /** Response travel times inlined (engine/graph/travel-time-model.ts, the one rule). */
  readonly routing: RoutingGraph;
}

/** One post of a deployment on a network: a dense node index and its units. */
export interface DeployedPost {
  id: string;
  node: number;
  units: number;
  type: string;
  label?: string;
}

/** A location problem on a network, with the node of every demand point and candidate site. */
export interface NetworkLocationProblem {
  readonly problem: LocationProblem;
  readonly demandNodes: Int32Array;
  readonly candidateNodes: Int32Array;
}

/** Pairs above which an unbounded cost table (p-median, p-center) is refused: 50 million. */
export const MAX_UNBOUNDED_PAIRS = 50_000_000;

/**
 * The location problem of a deployment on a road network: d_ij is the response travel time from
 * candidate j to demand i, kept up to `maxTimeS` (the largest target; Infinity keeps every reachable
 * pair). Demand ids and candidate ids are node ids; without a table every node is a demand point
 * (weight 1) or a candidate. Ids that are not nodes are input errors naming the table's file.
 */
export function networkLocationProblem(net: PlanningNetwork, input: {
  demand?: DemandTable & { file: string };
  candidates?: CandidateTable & { file: string };
  maxTimeS: number;
  onProgress?: (done: number, total: number) => void;
}): NetworkLocationProblem {
  const { graph } = net;
  const nodesOf = (ids: readonly string[], file: string, what: string) => {
    const problems: string[] = [];
    const out = Int32Array.from(ids, (id) => {
      const v = graph.indexOf(id);
      if (v < 0) problems.push(`${file}: ${what} "${id}" is not a node of the network`);
      return v;
    });
    throwProblems(problems);
    return out;
  };
  const all = () => Int32Array.from({ length: graph.nodeCount }, (_, v) => v);
  const demandNodes = input.demand ? nodesOf(input.demand.ids, input.demand.file, 'demand id') : all();
  const candidateNodes = input.candidates ? nodesOf(input.candidates.ids, input.candidates.file, 'candidate id') : all();
  if (input.maxTimeS === Infinity && candidateNodes.length * demandNodes.length > MAX_UNBOUNDED_PAIRS) {
    throw new InputError(`${candidateNodes.length} candidates × ${demandNodes.length} demand points is too many for a model without a target (it keeps every pair); give a candidates file`);
  }
  const c = input.candidates;
  const problem = networkProblem(net.routing, {
    demandNodes, demandWeight: input.demand?.weight, candidateNodes, nodeIds: graph.nodeIds, maxTimeS: input.maxTimeS,
    ...(c ? { siteCost: c.cost, minUnits: c.minUnits, maxUnits: c.maxUnits } : {}), onProgress: input.onProgress,
  });
  return { problem, demandNodes, candidateNodes };
}

/** The posts of an answer: one per candidate with units, in candidate order. */
export function deployedPosts(nlp: NetworkLocationProblem, units: ArrayLike<number>, type = 'post', label?: string): DeployedPost[] {
  const out: DeployedPost[] = [];
  for (let j = 0; j < units.length; j++) {
    if (units[j] > 0) out.push({ id: nlp.problem.candidateIds[j], node: nlp.candidateNodes[j], units: units[j], type, ...(label !== undefined ? { label } : {}) });
  }
  return out;
}

/** The demand points of a network problem (node and weight), for the coverage engine. */
export function problemDemand(nlp: NetworkLocationProblem): DemandPoint[] {
  return Array.from(nlp.demandNodes, (node, i) => ({ node, weight: nlp.problem.demandWeight[i] }));
}

/**
 * Re-verify an answer on the network with the coverage engine (a code path independent of the
 * optimizer's): the weight meeting each tier must equal what the optimizer computed. Returns the
 * disagreement as a message, or undefined when they agree.
 */
export function verifyTierCoverage(net: PlanningNetwork, posts: readonly { node: number; units: number }[], demand: readonly DemandPoint[], tiers: readonly Tier[], claimedWeight: readonly number[]): string | undefined {
  const cov = evaluateCoverage(net.routing, posts, demand, { tiers: tiers.map((t) => ({ targetS: t.targetS, units: t.units })) });
  for (let k = 0; k < cov.tiers.length; k++) {
    const mine = claimedWeight[k];
    if (!(Math.abs(cov.tiers[k].coveredWeight - mine) <= 1e-6 * Math.max(1, Math.abs(mine)))) {
      return `verification failed: the coverage engine finds ${cov.tiers[k].coveredWeight} weight meeting tier ${k + 1} (${tiers[k].units} unit(s) within ${tiers[k].targetS} s), the optimizer ${mine}`;
    }
  }
  return undefined;
}

/** The tiers an answer's `tierCoveredWeight` refers to: the tiered model's, or MCLP's one (T, 1). */
export function answerTiers(request: Pick<OptimizeRequest, 'model' | 'tiers' | 'targetS'>): Tier[] {
  if (request.model === 'tiered') return (request.tiers ?? []).map((t) => ({ targetS: t.targetS, units: t.units }));
  if (request.model === 'mclp' && request.targetS !== undefined) return [{ targetS: request.targetS, units: 1 }];
  return [];
}

/**
 * Solve a location model on a network problem and re-verify the answer: `optimize` recomputes the
 * objective from the data, then the coverage engine recomputes the weight meeting every tier (tiered
 * and MCLP). A disagreement turns the answer into status 'error' with the message, never a silent answer.
 */
export function solveOnNetwork(net: PlanningNetwork, nlp: NetworkLocationProblem, request: OptimizeRequest): OptimizeResult {
  const result = optimize(nlp.problem, request);
  const tiers = answerTiers(request);
  if (!tiers.length || !result.tierCoveredWeight || result.status === 'error' || result.status === 'infeasible') return result;
  const posts = deployedPosts(nlp, result.units);
  const message = verifyTierCoverage(net, posts, problemDemand(nlp), tiers, result.tierCoveredWeight);
  return message ? { ...result, status: 'error', message } : result;
}
