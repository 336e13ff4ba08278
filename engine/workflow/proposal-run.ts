import type { DemandPoint } from '../coverage/evaluate-coverage.ts';
import { DEFAULT_TIERS } from '../coverage/tiers.ts';
import type { RoadGraph } from '../graph/road-graph.ts';
import { createPointPlacer } from '../graph/snap.ts';
import { edgeTravelTimesS } from '../graph/travel-time-model.ts';
import { readInputText } from '../io/files.ts';
import { inputContentHash } from '../io/hash.ts';
import { InputError, throwProblems } from '../io/input-error.ts';
import { demandByNode, parseDemandCsv } from '../io/points-csv.ts';
import { loadNetwork } from '../io/network/load-network.ts';
import { proposalTiers, type Proposal, type ProposalNetwork } from '../io/proposal.ts';
import type { RunContent } from '../io/run-directory/run-directory.ts';
import { buildRoutingGraph } from '../routing/routing-graph.ts';
import { deploymentRunContent } from './deployment-run.ts';
import type { DeployedPost, PlanningNetwork } from './network-deployment.ts';

/** The network a proposal was planned on, with the same travel times (its travel model and hour). */
export function loadProposalNetwork(spec: ProposalNetwork): PlanningNetwork {
  const graph = loadNetwork(spec.files, spec.options);
  return { graph, routing: buildRoutingGraph(graph, edgeTravelTimesS(graph, spec.travelModel, spec.hour)) };
}

/** A proposal's posts on a graph (node ids to indices); a node the graph lacks is an input error naming the post. */
export function proposalPosts(p: Proposal, graph: RoadGraph, file: string): DeployedPost[] {
  const problems: string[] = [];
  const posts = p.posts.map((q, i) => {
    const node = graph.indexOf(q.node);
    if (node < 0) problems.push(`${file}: /posts/${i}/node: "${q.node}" is not a node of the network`);
    return { id: q.id, node, units: q.units, type: q.type, ...(q.label !== undefined ? { label: q.label } : {}) };
  });
  throwProblems(problems);
  return posts;
}

/** The demand a proposal was planned for: its demand file read as the optimizer read it (same placement rule), else every node with weight 1. */
export function proposalDemand(p: Proposal, graph: RoadGraph): DemandPoint[] {
  const file = p.network?.demandFile;
  if (!file) return Array.from({ length: graph.nodeCount }, (_, node) => ({ node, weight: 1 }));
  const how = p.network!.demandRead;
  const read = parseDemandCsv(readInputText(file, 'demand file'), file, createPointPlacer(graph, { maxSnapM: how.maxSnapM }), { lat: how.latColumn, lon: how.lonColumn });
  const byNode = demandByNode(read.demand);
  return byNode.nodes.map((node, i) => ({ node, weight: byNode.weight[i] }));
}

/**
 * A proposal as a run directory for the viewer and the report: its network, its posts, and their
 * static coverage of the optimizer's demand (its demand file, else every node with weight 1) against
 * the tiers it was planned for (the 1-3-5 standard for models without tiers).
 */
export function proposalRunContent(p: Proposal, file: string): RunContent {
  if (!p.network) throw new InputError(`${file}: /network: the proposal was planned on a cost table, not a network, so there are no roads to draw; run coverage with --network and --posts ${file} instead`);
  const net = loadProposalNetwork(p.network);
  const posts = proposalPosts(p, net.graph, file);
  const demand = proposalDemand(p, net.graph);
  const tiers = proposalTiers(p);
  const inputs = [file, ...p.network.files, ...(p.network.demandFile ? [p.network.demandFile] : [])];
  return deploymentRunContent(net, posts, demand, tiers.length ? tiers : DEFAULT_TIERS, { producer: 'proposal', inputHash: inputContentHash(inputs, { hour: p.network.hour }) });
}
