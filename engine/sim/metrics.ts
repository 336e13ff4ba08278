import { meetsTier } from '../coverage/tiers.ts';
import { measureCordon, summarizeCordon, type CordonReplicationCounts, type CordonSummary } from './cordon/cordon-metrics.ts';
import type { Scenario } from './scenario.ts';
import type { ReplicationRecord } from './replication.ts';
import { intervalAt } from './shift-calendar.ts';
import { estimate, estimateShare, quantileSorted, type Estimate } from './statistics.ts';

/**
 * Metric definitions (measured over incidents reported in [warmupS, horizonS)):
 * - response time of the k-th unit: the k-th earliest arrival of the units sent, minus the report time
 *   (Infinity when fewer than k units were sent);
 * - tier (targetS, units) met: the `units`-th response time <= targetS — the coverage definition of
 *   engine/coverage/tiers.ts, applied to simulated arrivals (so queueing and travel from where units are count);
 * - queue delay: first dispatch minus report; "waited" when it is > 0 (or the call was never served);
 * - lost: no unit free at the report and queueing off;
 * - unit utilisation: seconds busy (dispatched or on scene) / seconds on duty, both within [warmupS, horizonS).
 * - moves: move-ups (relocation) and plan moves started in the window; unit-km driven on them;
 *   moves per unit-hour = move-ups / unit-hours on duty;
 * - per plan block (with a plan): the tier met shares of incidents reported while the block (or the base
 *   layout) was in force.
 * Shares are computed per replication; the estimate is their mean with a Student-t 95% interval across
 * replications, clipped to [0, 1] for shares (estimateShare in statistics.ts says why). Percentiles
 * pool the incidents of all replications.
 */
export interface ClassReplicationMetrics {
  incidents: number;
  met: number[];
  waited: number;
  /** Calls with at least one unit dispatched (queue delays averaged over these). */
  dispatched: number;
  delaySumS: number;
  lost: number;
}

export interface ReplicationMetrics {
  readonly classes: ClassReplicationMetrics[];
  readonly unitBusyS: Float64Array;
  readonly unitOnDutyS: Float64Array;
  readonly unitDispatches: Int32Array;
  readonly relocationMoves: Int32Array;
  readonly relocationDriveM: Float64Array;
  readonly relocationDriveS: Float64Array;
  readonly planMoves: Int32Array;
  readonly planDriveM: Float64Array;
  /** With a plan: per layout (0 base, k + 1 block k), per class, incidents and tier met counts. */
  readonly layouts: { incidents: number; met: number[] }[][] | null;
  /** Per class with a cordon standard, its counts (cordon/cordon-metrics.ts); null for the others. */
  readonly cordon: (CordonReplicationCounts | null)[];
  readonly events: number;
}

/** Pooled samples for percentiles: per class, per unit rank k (0-based), the response times; and queue delays. */
export interface PooledSamples {
  readonly responseS: number[][][];
  readonly delayS: number[][];
  /** Per node (dense index), per class: incidents and met counts per tier. */
  readonly byNode: Map<number, { incidents: number[]; met: number[][] }>;
  /** Per class, the closing times of the cordons met. */
  readonly cordonClosedS: number[][];
}

export function createPooledSamples(scenario: Scenario): PooledSamples {
  return {
    responseS: scenario.classes.map((c) => Array.from({ length: c.unitsToSend }, () => [] as number[])),
    delayS: scenario.classes.map(() => [] as number[]),
    byNode: new Map(),
    cordonClosedS: scenario.classes.map(() => [] as number[]),
  };
}

/** Response times of the 1st..kth unit of incident i (sorted; Infinity padded), relative to its report. */
export function incidentResponsesS(rec: ReplicationRecord, i: number, k: number, out: Float64Array): Float64Array {
  const n = rec.assignedCount[i];
  const off = rec.assignOffset[i];
  const t0 = rec.incidents.timeS[i];
  for (let j = 0; j < k; j++) out[j] = j < n ? rec.assignArrivalS[off + j] - t0 : Infinity;
  // Insertion sort of the first min(n, k) (a handful): no view allocated per incident.
  const m = Math.min(n, k);
  for (let a = 1; a < m; a++) {
    const x = out[a];
    let b = a - 1;
    while (b >= 0 && out[b] > x) { out[b + 1] = out[b]; b--; }
    out[b + 1] = x;
  }
  return out;
}

export function measureReplication(scenario: Scenario, rec: ReplicationRecord, pooled: PooledSamples): ReplicationMetrics {
  const inc = rec.incidents;
  const classes: ClassReplicationMetrics[] = scenario.classes.map((c) => ({ incidents: 0, met: c.tiers.map(() => 0), waited: 0, dispatched: 0, delaySumS: 0, lost: 0 }));
  const maxK = Math.max(...scenario.classes.map((c) => c.unitsToSend));
  const resp = new Float64Array(maxK);
  const blocks = scenario.plan?.blocks;
  const layouts = blocks ? [null, ...blocks].map(() => scenario.classes.map((c) => ({ incidents: 0, met: c.tiers.map(() => 0) }))) : null;
  for (let i = 0; i < inc.count; i++) {
    const t0 = inc.timeS[i];
    if (t0 < scenario.warmupS || t0 >= scenario.horizonS) continue;
    const c = inc.cls[i];
    const cls = scenario.classes[c];
    const m = classes[c];
    m.incidents++;
    incidentResponsesS(rec, i, cls.unitsToSend, resp);
    if (layouts) {
      const l = layouts[intervalAt(blocks!, t0) + 1][c];
      l.incidents++;
      cls.tiers.forEach((tier, k) => { if (meetsTier(resp, 0, tier)) l.met[k]++; });
    }
    let node = pooled.byNode.get(inc.node[i]);
    if (!node) { node = { incidents: scenario.classes.map(() => 0), met: scenario.classes.map((k) => k.tiers.map(() => 0)) }; pooled.byNode.set(inc.node[i], node); }
    node.incidents[c]++;
    cls.tiers.forEach((tier, k) => { if (meetsTier(resp, 0, tier)) { m.met[k]++; node.met[c][k]++; } });
    for (let k = 0; k < cls.unitsToSend; k++) pooled.responseS[c][k].push(resp[k]);
    if (rec.lost[i]) { m.lost++; continue; }
    if (rec.assignedCount[i] > 0) {
      const delay = rec.assignDispatchS[rec.assignOffset[i]] - t0;
      m.dispatched++;
      m.delaySumS += delay;
      if (delay > 0) m.waited++;
      pooled.delayS[c].push(delay);
    } else {
      m.waited++; // never served within the drain limit
      pooled.delayS[c].push(Infinity);
    }
  }
  return {
    classes, unitBusyS: rec.unitBusyS, unitOnDutyS: rec.unitOnDutyS, unitDispatches: rec.unitDispatches,
    relocationMoves: rec.relocationMoves, relocationDriveM: rec.relocationDriveM, relocationDriveS: rec.relocationDriveS,
    planMoves: rec.planMoves, planDriveM: rec.planDriveM, layouts, cordon: measureCordon(scenario, rec, pooled.cordonClosedS), events: rec.events,
  };
}

export interface Percentiles { p50: number; p90: number; p95: number; mean: number }

export interface TierSummary {
  targetS: number;
  units: number;
  metShare: number;
  ci95: readonly [number, number] | null;
  responseS: Percentiles;
}

export interface ClassSummary {
  name: string;
  priority: number;
  /** Incidents measured, all replications together. */
  incidents: number;
  tiers: TierSummary[];
  /** Response time percentiles of the 1st..kth unit. */
  unitResponseS: (Percentiles & { unit: number })[];
  waitShare: Estimate;
  meanQueueDelayS: Estimate;
  queueDelayS: Percentiles;
  lostShare: Estimate;
  /** With a cordon standard: the share meeting it and how the others missed (cordon/cordon-metrics.ts); else null. */
  cordon: CordonSummary | null;
}

export interface UnitSummary {
  id: string;
  utilisation: Estimate;
  /** Busy seconds / window seconds (equals utilisation when the unit is always on duty). */
  busyShare: Estimate;
  dispatchesPerReplication: number;
  /** Move-ups and plan moves started, per replication. */
  movesPerReplication: number;
  planMovesPerReplication: number;
}

/** Move-ups and plan moves, each an estimate across replications of the per-replication value. */
export interface RelocationSummary {
  policy: string;
  /** Move-ups per replication, unit-km driven on them (NaN without edge lengths), hours driven. */
  moves: Estimate;
  unitKm: Estimate;
  driveHours: Estimate;
  /** Move-ups per unit-hour on duty. */
  movesPerUnitHour: Estimate;
  /** Plan moves per replication and their unit-km. */
  planMoves: Estimate;
  planUnitKm: Estimate;
  /** Unit-hours on duty per replication (window). */
  unitHours: Estimate;
}

/** Tier met shares per plan block (the base layout first: hours outside every block). */
export interface LayoutSummary {
  name: string;
  /** null for the base layout. */
  startHour: number | null;
  endHour: number | null;
  classes: { name: string; incidents: number; tiers: { targetS: number; units: number; metShare: Estimate }[] }[];
}

export function percentiles(values: number[]): Percentiles {
  const sorted = Float64Array.from(values).sort();
  let s = 0;
  for (const v of sorted) s += v;
  return { p50: quantileSorted(sorted, 0.5), p90: quantileSorted(sorted, 0.9), p95: quantileSorted(sorted, 0.95), mean: sorted.length ? s / sorted.length : NaN };
}

export function summarizeClasses(scenario: Scenario, reps: readonly ReplicationMetrics[], pooled: PooledSamples): ClassSummary[] {
  return scenario.classes.map((cls, c) => {
    const byRank = pooled.responseS[c].map((v) => percentiles(v)); // each sample sorted once
    const per = reps.map((r) => r.classes[c]);
    const ratio = (f: (m: ClassReplicationMetrics) => number, den: (m: ClassReplicationMetrics) => number, interval: typeof estimate) =>
      interval(per.filter((m) => den(m) > 0).map((m) => f(m) / den(m)));
    const share = (f: (m: ClassReplicationMetrics) => number, den: (m: ClassReplicationMetrics) => number) => ratio(f, den, estimateShare);
    return {
      name: cls.name,
      priority: cls.priority,
      incidents: per.reduce((a, m) => a + m.incidents, 0),
      tiers: cls.tiers.map((t, k) => {
        const e = share((m) => m.met[k], (m) => m.incidents);
        return { targetS: t.targetS, units: t.units, metShare: e.mean, ci95: e.ci, responseS: byRank[t.units - 1] };
      }),
      unitResponseS: byRank.map((p, k) => ({ unit: k + 1, ...p })),
      waitShare: share((m) => m.waited, (m) => m.incidents - m.lost),
      meanQueueDelayS: ratio((m) => m.delaySumS, (m) => m.dispatched, estimate),
      queueDelayS: percentiles(pooled.delayS[c]),
      lostShare: share((m) => m.lost, (m) => m.incidents),
      cordon: summarizeCordon(cls.cordon, reps.map((r) => r.cordon[c]), pooled.cordonClosedS[c]),
    };
  });
}

export function summarizeUnits(scenario: Scenario, reps: readonly ReplicationMetrics[]): UnitSummary[] {
  const windowS = scenario.horizonS - scenario.warmupS;
  return scenario.units.map((u, k) => ({
    id: u.id,
    utilisation: estimateShare(reps.filter((r) => r.unitOnDutyS[k] > 0).map((r) => r.unitBusyS[k] / r.unitOnDutyS[k])),
    busyShare: estimateShare(reps.map((r) => r.unitBusyS[k] / windowS)),
    dispatchesPerReplication: reps.reduce((a, r) => a + r.unitDispatches[k], 0) / reps.length,
    movesPerReplication: reps.reduce((a, r) => a + r.relocationMoves[k], 0) / reps.length,
    planMovesPerReplication: reps.reduce((a, r) => a + r.planMoves[k], 0) / reps.length,
  }));
}

const sum = (a: ArrayLike<number>) => { let s = 0; for (let i = 0; i < a.length; i++) s += a[i]; return s; };

export function summarizeRelocations(scenario: Scenario, reps: readonly ReplicationMetrics[]): RelocationSummary {
  const per = (f: (r: ReplicationMetrics) => number) => estimate(reps.map(f));
  return {
    policy: scenario.relocation.policy,
    moves: per((r) => sum(r.relocationMoves)),
    unitKm: per((r) => sum(r.relocationDriveM) / 1000),
    driveHours: per((r) => sum(r.relocationDriveS) / 3600),
    movesPerUnitHour: per((r) => sum(r.relocationMoves) / (sum(r.unitOnDutyS) / 3600)),
    planMoves: per((r) => sum(r.planMoves)),
    planUnitKm: per((r) => sum(r.planDriveM) / 1000),
    unitHours: per((r) => sum(r.unitOnDutyS) / 3600),
  };
}

export function summarizeLayouts(scenario: Scenario, reps: readonly ReplicationMetrics[]): LayoutSummary[] | null {
  const plan = scenario.plan;
  if (!plan) return null;
  const names = [{ name: 'base', startHour: null, endHour: null }, ...plan.blocks.map((b) => ({ name: b.name, startHour: b.startHour, endHour: b.endHour }))];
  return names.map((l, li) => ({
    ...l,
    classes: scenario.classes.map((c, ci) => {
      const per = reps.map((r) => r.layouts![li][ci]);
      return {
        name: c.name,
        incidents: per.reduce((a, m) => a + m.incidents, 0),
        tiers: c.tiers.map((t, k) => ({ targetS: t.targetS, units: t.units, metShare: estimateShare(per.filter((m) => m.incidents > 0).map((m) => m.met[k] / m.incidents)) })),
      };
    }),
  }));
}
