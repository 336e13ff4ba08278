import { stronglyConnectedComponents } from '../graph/components.ts';
import { edgeTravelTimesS } from '../graph/travel-time-model.ts';
import { readInputText } from '../io/files.ts';
import { InputError, throwProblems } from '../io/input-error.ts';
import type { BlocksFile } from '../optimize/blocks-file.ts';
import { dayIntervals, hoursWithin, overlapHours, totalHours, type DayIntervals } from '../optimize/day-hours.ts';
import { networkProblem } from '../optimize/network-problem.ts';
import type { PlanAssignment, PlanBlock, PlanProblem, PlanUnit } from '../optimize/plan.ts';
import { createLocationProblem, type LocationProblem } from '../optimize/problem.ts';
import { parseDemandTable } from '../optimize/read-problem.ts';
import type { TierObjective } from '../optimize/tier-value.ts';
import type { WeightedTier } from '../optimize/tiered.ts';
import { buildRoutingGraph } from '../routing/routing-graph.ts';
import type { Scenario } from '../sim/scenario.ts';
import type { PostFile, UnitFile } from '../sim/scenario-file.ts';
import { incidentsPerHour, offeredLoadBusy } from './busy.ts';

/** How the busy probability q_b of each block is set (expected objective). */
export type BusySource = { kind: 'given'; q: number } | { kind: 'load' } | { kind: 'measured'; q: readonly number[] };

export interface ScenarioPlan {
  readonly problem: PlanProblem;
  /** Node index of every candidate site. */
  readonly siteNodes: Int32Array;
  readonly scenario: Scenario;
  /** Each block's stretch of the day. */
  readonly hours: readonly DayIntervals[];
}

/**
 * Response edge travel times of a scenario at an hour of the day: the scenario's travel model, each
 * edge at the slowest of the unit types it deploys (engine/graph/travel-time-model.ts, the rule the
 * simulator and the static figures use).
 */
export function scenarioEdgeTimesS(sc: Scenario, hour: number): Float64Array {
  const types = [...new Set(sc.units.map((u) => u.type))].sort((a, b) => a - b).map((t) => sc.unitTypes[t]);
  if (types.length === 0) throw new InputError(`${sc.name}: units: the scenario deploys no unit`);
  return edgeTravelTimesS(sc.graph, sc.travel, hour, types);
}

/**
 * The time-of-day plan problem of a scenario (plan.ts), from a blocks file:
 *
 * - Units: the scenario's (resolved ids). A unit works a block when its shift covers the whole block;
 *   a shift covering part of a block is an input error (split the block at the shift's hours). Units
 *   at posts of a `fixedPostTypes` type, or listed in `fixedUnits`, stay at their post.
 * - Sites: every node of the largest strongly connected part that is not a zone (or `candidateNodes`),
 *   less the forbidden ones (all blocks, and each block's own).
 * - Demand of block b at node v: expected incidents per day in the block's hours (the scenario's rate
 *   by hour of day, averaged over the days of the week) × the node's share of the spatial weights; or
 *   the block's demand CSV (id = node id, weight as given).
 * - Travel: the response times of the scenario's unit types at each hour of the block
 *   (scenarioEdgeTimesS); when the block's hours drive at different hourly speed factors, each node's
 *   demand is split over those hours and each part judged with its own travel times, so the block's
 *   objective is exactly the hour-weighted one.
 * - Busy q_b (expected objective): given, measured, or from offered load (busy.ts).
 */
export function scenarioPlanProblem(sc: Scenario, spec: BlocksFile, o: { tiers: readonly WeightedTier[]; objective: TierObjective; busy?: BusySource; candidateNodes?: ArrayLike<number>; onProgress?: (msg: string) => void }): ScenarioPlan {
  const g = sc.graph;
  const problems: string[] = [];
  if (sc.demand.kind !== 'poisson' && spec.blocks.some((b) => b.demand === undefined)) {
    throw new InputError(`${sc.name}: demand: a plan takes its demand from a Poisson demand model's node weights, or from each block's demand CSV; this scenario replays incidents`);
  }
  const hours = spec.blocks.map((b) => dayIntervals(b.startHour, b.endHour));
  // Units and duty.
  const fixedTypes = new Set(spec.fixedPostTypes);
  const known = new Set(sc.units.map((u) => u.id));
  for (const id of spec.fixedUnits) if (!known.has(id)) problems.push(`${spec.path}: /fixedUnits: "${id}" is not a unit of the scenario (ids are resolved: a count-3 entry "car" gives car-1..car-3)`);
  const comps = stronglyConnectedComponents(g);
  const candidates = o.candidateNodes ? Array.from(o.candidateNodes) : Array.from({ length: g.nodeCount }, (_, v) => v).filter((v) => comps.componentOf[v] === 0 && !g.isZone[v]);
  const siteOf = new Map(candidates.map((v, j) => [v, j]));
  const fixedIds = new Set(spec.fixedUnits);
  const units: PlanUnit[] = sc.units.map((u) => {
    const shift = u.shift >= 0 ? sc.shifts[u.shift] : undefined;
    const duty = shift ? dayIntervals(shift.startHour, shift.endHour) : dayIntervals(0, 24);
    const onDuty = spec.blocks.map((blk, b) => {
      const share = overlapHours(duty, hours[b]);
      if (share > 1e-9 && share < blk.hours - 1e-9) problems.push(`${spec.path}: /blocks: unit ${u.id} works ${share} of the ${blk.hours} hours of block "${blk.name}" (shift ${shift?.name} ${shift?.startHour}–${shift?.endHour}); a unit must work a block whole or not at all: split the block at the shift's hours`);
      return share > 1e-9;
    });
    const post = sc.posts[u.post];
    let fixedSite = -1;
    if (fixedTypes.has(post.type) || fixedIds.has(u.id)) {
      const j = siteOf.get(post.node);
      if (j === undefined) problems.push(`${spec.path}: unit ${u.id} is fixed at post ${post.id}, whose node ${g.nodeIds[post.node]} is not a candidate site (outside the largest strongly connected part, a zone, or not listed)`);
      else fixedSite = j;
    }
    return { id: u.id, onDuty, fixedSite };
  });
  const nodeIndex = (id: string, where: string) => {
    const v = g.indexOf(id);
    if (v < 0) problems.push(`${spec.path}: ${where}: "${id}" is not a node of the network`);
    return v;
  };
  const forbiddenAll = new Set<number>();
  spec.forbidden.forEach((id) => { const v = nodeIndex(id, '/forbidden'); if (v >= 0) forbiddenAll.add(v); });
  const blockForbidden = spec.blocks.map((blk, b) => new Set(blk.forbidden.map((id) => nodeIndex(id, `/blocks/${b}/forbidden`)).filter((v) => v >= 0)));
  // Demand per block: node weights (incidents per day in the block) before splitting over travel hours.
  const demandOf = spec.blocks.map((blk, b): Map<number, number> => {
    const out = new Map<number, number>();
    if (blk.demand) {
      try {
        const t = parseDemandTable(readInputText(blk.demand, 'block demand file'), blk.demand);
        t.ids.forEach((id, k) => { const v = nodeIndex(id, `/blocks/${b}/demand (${blk.demand})`); if (v >= 0 && t.weight[k] > 0) out.set(v, (out.get(v) ?? 0) + t.weight[k]); });
      } catch (err) {
        if (err instanceof InputError) { problems.push(err.message); return out; }
        throw err;
      }
      return out;
    }
    if (sc.demand.kind !== 'poisson') return out;
    const perHour = incidentsPerHour(sc);
    let perDay = 0;
    for (let h = 0; h < 24; h++) perDay += perHour[h] * hoursWithin(hours[b], h);
    const w = sc.demand.nodeWeight;
    let total = 0;
    for (let v = 0; v < g.nodeCount; v++) total += w[v] > 0 ? w[v] : 0;
    for (let v = 0; v < g.nodeCount; v++) if (w[v] > 0) out.set(v, (perDay * w[v]) / total);
    return out;
  });
  throwProblems(problems);

  // Travel: group each block's hours by their edge times (the hourly speed factor).
  const factors = sc.travel.hourlySpeedFactor ?? new Array(24).fill(1);
  const maxT = Math.max(...o.tiers.map((t) => t.targetS));
  const problemCache = new Map<number, LocationProblem>(); // per factor: all nodes with weight 1 as demand
  const demandNodesAll = [...new Set(demandOf.flatMap((m) => [...m.keys()]))].sort((a, b) => a - b);
  const baseFor = (hour: number): LocationProblem => {
    const f = factors[hour];
    let p = problemCache.get(f);
    if (!p) {
      o.onProgress?.(`travel times from ${candidates.length} candidates (within ${maxT} s) at hourly speed factor ${f}...`);
      p = networkProblem(buildRoutingGraph(g, scenarioEdgeTimesS(sc, hour)), { demandNodes: demandNodesAll, candidateNodes: candidates, nodeIds: g.nodeIds, maxTimeS: maxT });
      problemCache.set(f, p);
    }
    return p;
  };
  const blocks: PlanBlock[] = spec.blocks.map((blk, b) => {
    // Hours of the block by factor, with the share of the block's demand each carries (rate-weighted for the scenario's demand).
    const perHour = incidentsPerHour(sc);
    const parts = new Map<number, { hour: number; weight: number }>();
    for (let h = 0; h < 24; h++) {
      const share = hoursWithin(hours[b], h);
      if (share === 0) continue;
      const wgt = share * (blk.demand ? 1 : perHour[h]);
      const e = parts.get(factors[h]);
      if (e) e.weight += wgt; else parts.set(factors[h], { hour: h, weight: wgt });
    }
    const totalPart = [...parts.values()].reduce((s, x) => s + x.weight, 0);
    const groups = [...parts.values()].map((x) => ({ problem: baseFor(x.hour), share: totalPart > 0 ? x.weight / totalPart : 1 / parts.size }));
    const demand = demandOf[b];
    const maxUnits = Int32Array.from(candidates, (v) => (forbiddenAll.has(v) || blockForbidden[b].has(v) ? 0 : 1 << 30));
    const problem = combineTravelGroups(groups, demandNodesAll.map((v) => demand.get(v) ?? 0), demandNodesAll.map((v) => g.nodeIds[v]), maxUnits);
    return { name: blk.name, startHour: blk.startHour, endHour: blk.endHour, problem, busy: 0 };
  });
  const planNoBusy: PlanProblem = { blocks, units, tiers: o.tiers, objective: o.objective, maxMoves: spec.maxMoves, moveCost: spec.moveCost };
  // Busy per block.
  const withBusy = blocks.map((blk, b) => {
    if (o.objective !== 'expected') return blk;
    const onDuty = units.filter((u) => u.onDuty[b]).length;
    const given = spec.blocks[b].busy;
    let q: number;
    if (given !== undefined) q = given;
    else if (o.busy?.kind === 'given') q = o.busy.q;
    else if (o.busy?.kind === 'measured') q = o.busy.q[b];
    else q = offeredLoadBusy(sc, { name: blk.name, hours: hours[b] }, onDuty);
    return { ...blk, busy: q };
  });
  return { problem: { ...planNoBusy, blocks: withBusy }, siteNodes: Int32Array.from(candidates), scenario: sc, hours };
}

/**
 * One block's problem from travel groups (the block's hours driving at one speed factor each): demand
 * point (i, group) carries share_g × a_i and the group's travel costs. With one group it is that
 * group's problem with the block's weights.
 */
function combineTravelGroups(groups: { problem: LocationProblem; share: number }[], weights: number[], nodeIds: string[], maxUnits: Int32Array): LocationProblem {
  const ni = weights.length;
  if (groups.length === 1) return { ...groups[0].problem, demandWeight: Float64Array.from(weights), maxUnits };
  const c: number[] = [], d: number[] = [], v: number[] = [];
  const demandIds: string[] = [], demandWeight: number[] = [];
  groups.forEach((gr, k) => {
    for (let i = 0; i < ni; i++) { demandIds.push(`${nodeIds[i]}@${k}`); demandWeight.push(weights[i] * gr.share); }
    const p = gr.problem;
    for (let j = 0; j < p.candidateIds.length; j++) {
      for (let q = p.reachStart[j]; q < p.reachStart[j + 1]; q++) { c.push(j); d.push(k * ni + p.reachDemand[q]); v.push(p.reachCost[q]); }
    }
  });
  return createLocationProblem({ demandIds, demandWeight, candidateIds: groups[0].problem.candidateIds, maxUnits, pairs: { candidate: c, demand: d, cost: v } });
}

/** The plan file (the simulator's `plan` format): posts used only by the plan, and every block's assignment. */
export interface PlanFileJson {
  posts: PostFile[];
  blocks: { name: string; startHour: number; endHour: number; assign: { unit: string; post: string; patrol?: UnitFile['patrol'] }[] }[];
}

/**
 * Write a plan in the simulator's format: in every block, every unit on duty with its post. A site
 * where the scenario already has a post uses that post (the first at the node); other sites become
 * plan posts `P-<node id>` (type "proposed"). A unit at its own base post keeps its patrol.
 */
export function planFileJson(built: ScenarioPlan, plan: PlanAssignment): PlanFileJson {
  const sc = built.scenario;
  const g = sc.graph;
  const postAt = new Map<number, string>();
  sc.posts.forEach((p) => { if (!postAt.has(p.node)) postAt.set(p.node, p.id); });
  const taken = new Set(sc.posts.map((p) => p.id));
  const planPosts = new Map<number, PostFile>();
  const postFor = (site: number): string => {
    const v = built.siteNodes[site];
    const existing = postAt.get(v);
    if (existing !== undefined) return existing;
    let p = planPosts.get(v);
    if (!p) {
      let id = `P-${g.nodeIds[v]}`;
      for (let k = 2; taken.has(id); k++) id = `P-${g.nodeIds[v]}-${k}`;
      taken.add(id);
      p = { id, node: g.nodeIds[v], type: 'proposed', label: 'proposed post' };
      planPosts.set(v, p);
    }
    return p.id;
  };
  const patrolOf = new Map<string, UnitFile['patrol']>();
  const baseOf = new Map<string, string>();
  for (const f of sc.file.units) {
    const ids = f.count === undefined ? [f.id] : Array.from({ length: f.count }, (_, k) => `${f.id}-${k + 1}`);
    for (const id of ids) { baseOf.set(id, f.post); if (f.patrol) patrolOf.set(id, f.patrol); }
  }
  const blocks = built.problem.blocks.map((blk, b) => ({
    name: blk.name, startHour: blk.startHour, endHour: blk.endHour,
    assign: built.problem.units.flatMap((u, k) => {
      const s = plan[k][b];
      if (s < 0) return [];
      const post = postFor(s);
      const patrol = post === baseOf.get(u.id) ? patrolOf.get(u.id) : undefined;
      return [{ unit: u.id, post, ...(patrol && patrol.kind !== 'none' ? { patrol } : {}) }];
    }),
  }));
  const posts = [...planPosts.values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return { posts, blocks };
}

/** Hours of each block (for reports). */
export function blockHours(built: ScenarioPlan): number[] {
  return built.hours.map(totalHours);
}
