import { unitsPerPost } from './units-per-post.ts';
import { csvLine } from '../io/csv.ts';
import type {
  PercentilesJson, PlanBlocksJson, PostJson, SummaryJson, SummaryPlanJson, SummaryRelocationJson, SummaryRelocationsJson, TraceJson,
} from '../io/run-directory/file-types.ts';
import { networkJsonText, postsJsonText } from '../io/run-directory/file-texts.ts';
import type { RunContent } from '../io/run-directory/run-directory.ts';
import { UNIT_STATE_NAMES } from './unit-state.ts';
import { MoveKind } from './replication-state.ts';
import { CORDON_STATUS_NAMES, CordonStatus } from './cordon/cordon-state.ts';
import { incidentResponsesS, type Percentiles } from './metrics.ts';
import type { SimulationResult } from './run-simulation.ts';
import type { Estimate } from './statistics.ts';

/**
 * The run-directory files of a simulation (docs/run-directory.md, docs/simulation.md), as text. Pure:
 * the same result gives byte-identical text. Numbers are rounded (shares 6 decimals, seconds 3, coordinates
 * 7); Infinity and NaN are written as null in JSON and empty in CSV.
 */
export interface SimulationFiles {
  'summary.json': string;
  'incidents.csv': string;
  'units.csv': string;
  'trace.json': string;
  'network.json': string;
  'posts.json': string;
  /** With a time-of-day plan only. */
  'plan-blocks.json'?: string;
}

const r = (v: number, digits: number): number | null => {
  if (!Number.isFinite(v)) return null;
  const f = 10 ** digits;
  const x = Math.round(v * f) / f;
  return Object.is(x, -0) ? 0 : x;
};
const share = (v: number) => r(v, 6);
const sec = (v: number) => r(v, 3);
const ci = (e: Estimate, f: (v: number) => number | null): [number | null, number | null] | null => (e.ci ? [f(e.ci[0]), f(e.ci[1])] : null);
const pct = (p: Percentiles): PercentilesJson => ({ p50: sec(p.p50), p90: sec(p.p90), p95: sec(p.p95), mean: sec(p.mean) });

/** `summary.json` (every field documented in docs/run-directory.md). */
export function summaryJson(result: SimulationResult): SummaryJson {
  const sc = result.scenario;
  return {
    version: result.version,
    seed: result.seed,
    scenarioHash: sc.hash,
    scenario: sc.name,
    replications: result.replications,
    horizonS: sc.horizonS,
    warmupS: sc.warmupS,
    timeUnit: 'float seconds from the start of the run',
    dispatch: { policy: sc.dispatch.policy, queue: sc.dispatch.queue },
    relocation: relocationJson(result),
    events: result.events,
    incidentsDrawn: result.incidentsDrawn,
    classes: result.classes.map((c) => ({
      name: c.name,
      priority: c.priority,
      incidents: c.incidents,
      tiers: c.tiers.map((t) => ({ targetS: t.targetS, units: t.units, metShare: share(t.metShare), ci95: t.ci95 ? [share(t.ci95[0]), share(t.ci95[1])] as [number | null, number | null] : null, responseS: pct(t.responseS) })),
      unitResponseS: c.unitResponseS.map((u) => ({ unit: u.unit, ...pct(u) })),
      queue: {
        waitShare: share(c.waitShare.mean), waitShareCi95: ci(c.waitShare, share),
        meanDelayS: sec(c.meanQueueDelayS.mean), meanDelayCi95: ci(c.meanQueueDelayS, sec),
        delayS: pct(c.queueDelayS),
      },
      lostShare: share(c.lostShare.mean),
      lostShareCi95: ci(c.lostShare, share),
      ...(c.cordon ? {
        cordon: {
          radiusS: c.cordon.standard.radiusS, withinS: c.cordon.standard.withinS, holdS: c.cordon.standard.holdS,
          metShare: share(c.cordon.metShare.mean), ci95: ci(c.cordon.metShare, share),
          missed: { tooFewUnits: share(c.cordon.missed.tooFewUnits), late: share(c.cordon.missed.late), sceneShort: share(c.cordon.missed.sceneShort) },
          meanExits: r(c.cordon.meanExits, 3), meanUnitsSent: r(c.cordon.meanUnits, 3), closedS: pct(c.cordon.closedS),
        },
      } : {}),
    })),
    units: result.units.map((u, k) => {
      const spec = sc.units[k];
      return {
        id: u.id, type: sc.unitTypes[spec.type].name, post: sc.posts[spec.post].id,
        shift: spec.shift >= 0 ? sc.shifts[spec.shift].name : null,
        utilisation: share(u.utilisation.mean), utilisationCi95: ci(u.utilisation, share),
        busyShare: share(u.busyShare.mean), busyShareCi95: ci(u.busyShare, share),
        dispatchesPerReplication: r(u.dispatchesPerReplication, 3),
        movesPerReplication: r(u.movesPerReplication, 3),
        planMovesPerReplication: r(u.planMovesPerReplication, 3),
      };
    }),
    relocations: relocationsJson(result),
    ...(sc.plan ? { plan: planJson(result) } : {}),
    byZone: result.byZone.map((z) => ({ zone: z.zone, classes: z.classes.map((c) => ({ name: c.name, incidents: c.incidents, metShare: c.metShare.map(share) })) })),
    byNode: result.byNode.map((n) => ({ node: n.node, classes: n.classes.filter((c) => c.incidents > 0).map((c) => ({ name: c.name, incidents: c.incidents, metShare: c.metShare.map(share) })) })),
    ...(sc.demand.kind === 'replay' ? { replay: { rowsRead: sc.demand.incidents.rowsRead, incidents: sc.demand.incidents.timeS.length, skipped: sc.demand.incidents.skipped } } : {}),
    notes: [...sc.notes],
    warnings: [...sc.warnings],
  };
}

/** The move-up policy and its parameters as resolved. */
function relocationJson(result: SimulationResult): SummaryRelocationJson {
  const p = result.scenario.relocation;
  if (p.policy === 'none') return { policy: 'none' };
  const limits = { maxMoves: p.limits.maxMoves, maxTravelS: p.limits.maxTravelS, cooldownS: p.limits.cooldownS };
  if (p.policy === 'compliance-table') return { policy: p.policy, ...limits, tableRows: p.table.length };
  return { policy: p.policy, ...limits, busyFraction: share(p.busyFraction), busyFractionSource: p.busyFractionSource, minGain: p.minGain, candidatePosts: p.posts.length };
}

/** Moves made: move-ups and plan moves, per replication (mean and 95% interval). */
function relocationsJson(result: SimulationResult): SummaryRelocationsJson {
  const m = result.relocations;
  const est = (e: Estimate, digits: number) => ({ mean: r(e.mean, digits), ci95: ci(e, (v) => r(v, digits)) });
  return {
    moves: est(m.moves, 3), unitKm: est(m.unitKm, 3), driveHours: est(m.driveHours, 3), movesPerUnitHour: est(m.movesPerUnitHour, 6),
    planMoves: est(m.planMoves, 3), planUnitKm: est(m.planUnitKm, 3), unitHours: est(m.unitHours, 3),
  };
}

/** The plan's blocks and the tier met shares while each (and the base layout) was in force. */
function planJson(result: SimulationResult): SummaryPlanJson {
  const plan = result.scenario.plan!;
  return {
    source: plan.source,
    posts: plan.posts.map((p) => p.id),
    byBlock: (result.layouts ?? []).map((l) => ({
      block: l.name, startHour: l.startHour, endHour: l.endHour,
      classes: l.classes.map((c) => ({
        name: c.name, incidents: c.incidents,
        tiers: c.tiers.map((t) => ({ targetS: t.targetS, units: t.units, metShare: share(t.metShare.mean), ci95: ci(t.metShare, share) })),
      })),
    })),
  };
}

/** One row per incident of replication 0. Times are absolute seconds; responses are relative to the report. */
export function incidentsCsv(result: SimulationResult): string {
  const sc = result.scenario;
  const rec = result.first;
  const inc = rec.incidents;
  const maxK = Math.max(...sc.classes.map((c) => c.unitsToSend));
  const maxT = Math.max(...sc.classes.map((c) => c.tiers.length));
  const header = ['incident', 'timeS', 'node', 'class', 'priority', 'inWarmup', 'lost', 'queueDelayS'];
  for (let k = 1; k <= maxK; k++) header.push(`unit${k}`, `unit${k}DispatchS`, `unit${k}ArrivalS`);
  for (let k = 1; k <= maxK; k++) header.push(`response${k}S`);
  for (let t = 1; t <= maxT; t++) header.push(`tier${t}Met`);
  const cordon = rec.cordon;
  if (cordon) header.push('cordonExits', 'cordonUnits', 'cordonClosedS', 'cordonMet', 'cordonOutcome');
  const lines = [header.join(',')];
  const resp = new Float64Array(maxK);
  for (let i = 0; i < inc.count; i++) {
    const cls = sc.classes[inc.cls[i]];
    const n = rec.assignedCount[i];
    const off = rec.assignOffset[i];
    const row: (string | number | null)[] = [i, sec(inc.timeS[i]), sc.graph.nodeIds[inc.node[i]], cls.name, cls.priority,
      inc.timeS[i] < sc.warmupS ? 1 : 0, rec.lost[i], n > 0 ? sec(rec.assignDispatchS[off] - inc.timeS[i]) : null];
    for (let k = 0; k < maxK; k++) {
      if (k < n) row.push(sc.units[rec.assignUnit[off + k]].id, sec(rec.assignDispatchS[off + k]), sec(rec.assignArrivalS[off + k]));
      else row.push(null, null, null);
    }
    incidentResponsesS(rec, i, cls.unitsToSend, resp);
    for (let k = 0; k < maxK; k++) row.push(k < cls.unitsToSend ? sec(resp[k]) : null);
    for (let t = 0; t < maxT; t++) {
      const tier = cls.tiers[t];
      row.push(tier ? (resp[tier.units - 1] <= tier.targetS ? 1 : 0) : null);
    }
    if (cordon) {
      const status = cordon.status[i];
      if (status === CordonStatus.none) row.push(null, null, null, null, null);
      else row.push(cordon.exits[i], cordon.units[i], sec(cordon.closedS[i]), status === CordonStatus.met ? 1 : 0, CORDON_STATUS_NAMES[status]);
    }
    lines.push(csvLine(row));
  }
  return `${lines.join('\n')}\n`;
}

export function unitsCsv(result: SimulationResult): string {
  const sc = result.scenario;
  const lines = ['unit,type,post,postNode,shift,patrol,utilisation,utilisationCi95Low,utilisationCi95High,busyShare,dispatchesPerReplication,moves,planMoves'];
  result.units.forEach((u, k) => {
    const s = sc.units[k];
    const patrol = s.patrol.kind === 'none' ? 'none' : `${s.patrol.kind}:${s.patrol.name}`;
    lines.push(csvLine([u.id, sc.unitTypes[s.type].name, sc.posts[s.post].id, sc.graph.nodeIds[sc.posts[s.post].node], s.shift >= 0 ? sc.shifts[s.shift].name : '',
      patrol, share(u.utilisation.mean), u.utilisation.ci ? share(u.utilisation.ci[0]) : null, u.utilisation.ci ? share(u.utilisation.ci[1]) : null,
      share(u.busyShare.mean), r(u.dispatchesPerReplication, 3), r(u.movesPerReplication, 3), r(u.planMovesPerReplication, 3)]));
  });
  return `${lines.join('\n')}\n`;
}

/** `trace.json`: replication 0 up to the scenario's trace time; incidents name their class. */
export function traceJson(result: SimulationResult): TraceJson {
  const sc = result.scenario;
  const rec = result.first;
  const inc = rec.incidents;
  const g = sc.graph;
  const until = sc.traceUntilS;
  const waypoints = sc.units.map((_, u) => {
    const w = rec.trace?.waypoints[u] ?? [];
    const out: (number | null)[][] = [];
    for (let k = 0; k < w.length; k += 4) out.push([sec(w[k]), r(w[k + 1], 7), r(w[k + 2], 7), w[k + 3]]);
    return out;
  });
  const incidents: TraceJson['incidents'] = [];
  const maxK = Math.max(...sc.classes.map((c) => c.unitsToSend));
  const resp = new Float64Array(maxK);
  for (let i = 0; i < inc.count && inc.timeS[i] < until; i++) {
    const cls = sc.classes[inc.cls[i]];
    incidentResponsesS(rec, i, cls.unitsToSend, resp);
    const v = inc.node[i];
    incidents.push({ t: sec(inc.timeS[i]) ?? 0, x: r(g.x[v], 7), y: r(g.y[v], 7), cls: cls.name, node: v, met: cls.tiers.map((t) => resp[t.units - 1] <= t.targetS), firstArrivalS: sec(resp[0]) });
  }
  return {
    version: result.version, seed: result.seed, scenarioHash: sc.hash, horizonS: sc.horizonS, warmupS: sc.warmupS, untilS: until,
    stateNames: UNIT_STATE_NAMES, classes: sc.classes.map((c) => ({ name: c.name, priority: c.priority, tiers: c.tiers.map((t) => ({ targetS: t.targetS, units: t.units })) })),
    units: sc.units.map((u) => ({ id: u.id, type: sc.unitTypes[u.type].name, post: sc.posts[u.post].id })),
    waypoints, incidents,
    moves: movesOf(rec.trace?.moves ?? []),
  };
}

const MOVE_KIND_NAMES: Readonly<Record<number, 'plan' | 'moveUp'>> = { [MoveKind.plan]: 'plan', [MoveKind.relocation]: 'moveUp' };

function movesOf(flat: readonly number[]): NonNullable<TraceJson['moves']> {
  const out: NonNullable<TraceJson['moves']> = [];
  for (let k = 0; k + 4 < flat.length; k += 5) {
    out.push({ unit: flat[k], t: sec(flat[k + 1]) ?? 0, kind: MOVE_KIND_NAMES[flat[k + 2]] ?? 'moveUp', post: flat[k + 3], node: flat[k + 4] });
  }
  // Recorded in event order, which is time order; ties keep it.
  return out;
}

/** `plan-blocks.json`: the plan as resolved, base layout first (null without a plan). */
export function planBlocksJson(result: SimulationResult): PlanBlocksJson | null {
  const sc = result.scenario;
  if (!sc.plan) return null;
  const nScenarioPosts = sc.posts.length;
  const patrolName = (p: { kind: string; name?: string }) => (p.kind === 'route' || p.kind === 'beat' ? `${p.kind}:${p.name}` : null);
  const base = {
    name: 'base', startHour: null, endHour: null,
    postNode: [...sc.posts, ...sc.plan.posts].map((p) => p.node),
    unitPost: sc.units.map((u) => u.post), unitPatrol: sc.units.map((u) => patrolName(u.patrol)),
  };
  return {
    version: result.version, source: sc.plan.source, units: sc.units.map((u) => u.id),
    planPosts: sc.plan.posts.map((_, i) => nScenarioPosts + i),
    layouts: [base, ...sc.plan.blocks.map((b) => ({
      name: b.name, startHour: b.startHour, endHour: b.endHour, postNode: Array.from(b.postNode),
      unitPost: b.placement.map((p) => p.post), unitPatrol: b.placement.map((p) => patrolName(p.patrol)),
    }))],
  };
}

export function postEntries(result: SimulationResult): PostJson[] {
  const sc = result.scenario;
  const count = unitsPerPost(sc);
  // A plan's own posts (staging points, mobile-station sites) follow, with no units based there.
  const posts = [...sc.posts, ...(sc.plan?.posts ?? [])];
  return posts.map((p, k) => ({ id: p.id, node: p.node, units: count[k] ?? 0, type: p.type, ...(p.label !== undefined ? { label: p.label } : {}) }));
}

/** A simulation's run directory: its files and who wrote them (for engine/io/run-directory). */
export function simulationRunContent(result: SimulationResult, producer = 'simulate'): RunContent {
  return { producer, seed: result.seed, scenarioHash: result.scenario.hash, files: { ...simulationFiles(result) } };
}

export function simulationFiles(result: SimulationResult): SimulationFiles {
  const json = (v: unknown) => `${JSON.stringify(v, null, 1)}\n`;
  const plan = planBlocksJson(result);
  return {
    'summary.json': json(summaryJson(result)),
    'incidents.csv': incidentsCsv(result),
    'units.csv': unitsCsv(result),
    'trace.json': `${JSON.stringify(traceJson(result))}\n`,
    'network.json': networkJsonText(result.scenario.graph),
    'posts.json': postsJsonText(postEntries(result)),
    ...(plan ? { 'plan-blocks.json': json(plan) } : {}),
  };
}
