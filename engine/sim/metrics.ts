import { meetsTier } from '../coverage/tiers.ts';
import type { Scenario } from './scenario.ts';
import type { ReplicationRecord } from './simulate-replication.ts';
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
  readonly events: number;
}

/** Pooled samples for percentiles: per class, per unit rank k (0-based), the response times; and queue delays. */
export interface PooledSamples {
  readonly responseS: number[][][];
  readonly delayS: number[][];
  /** Per node (dense index), per class: incidents and met counts per tier. */
  readonly byNode: Map<number, { incidents: number[]; met: number[][] }>;
}

export function createPooledSamples(scenario: Scenario): PooledSamples {
  return {
    responseS: scenario.classes.map((c) => Array.from({ length: c.unitsToSend }, () => [] as number[])),
    delayS: scenario.classes.map(() => [] as number[]),
    byNode: new Map(),
  };
}

/** Response times of the 1st..kth unit of incident i (sorted; Infinity padded), relative to its report. */
export function incidentResponsesS(rec: ReplicationRecord, i: number, k: number, out: Float64Array): Float64Array {
  const n = rec.assignedCount[i];
  const off = rec.assignOffset[i];
  const t0 = rec.incidents.timeS[i];
  for (let j = 0; j < k; j++) out[j] = j < n ? rec.assignArrivalS[off + j] - t0 : Infinity;
  out.subarray(0, Math.min(n, k)).sort();
  return out;
}

export function measureReplication(scenario: Scenario, rec: ReplicationRecord, pooled: PooledSamples): ReplicationMetrics {
  const inc = rec.incidents;
  const classes: ClassReplicationMetrics[] = scenario.classes.map((c) => ({ incidents: 0, met: c.tiers.map(() => 0), waited: 0, dispatched: 0, delaySumS: 0, lost: 0 }));
  const maxK = Math.max(...scenario.classes.map((c) => c.unitsToSend));
  const resp = new Float64Array(maxK);
  for (let i = 0; i < inc.count; i++) {
    const t0 = inc.timeS[i];
    if (t0 < scenario.warmupS || t0 >= scenario.horizonS) continue;
    const c = inc.cls[i];
    const cls = scenario.classes[c];
    const m = classes[c];
    m.incidents++;
    incidentResponsesS(rec, i, cls.unitsToSend, resp);
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
  return { classes, unitBusyS: rec.unitBusyS, unitOnDutyS: rec.unitOnDutyS, unitDispatches: rec.unitDispatches, events: rec.events };
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
}

export interface UnitSummary {
  id: string;
  utilisation: Estimate;
  /** Busy seconds / window seconds (equals utilisation when the unit is always on duty). */
  busyShare: Estimate;
  dispatchesPerReplication: number;
}

export function percentiles(values: number[]): Percentiles {
  const sorted = Float64Array.from(values).sort();
  let s = 0;
  for (const v of sorted) s += v;
  return { p50: quantileSorted(sorted, 0.5), p90: quantileSorted(sorted, 0.9), p95: quantileSorted(sorted, 0.95), mean: sorted.length ? s / sorted.length : NaN };
}

export function summarizeClasses(scenario: Scenario, reps: readonly ReplicationMetrics[], pooled: PooledSamples): ClassSummary[] {
  return scenario.classes.map((cls, c) => {
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
        return { targetS: t.targetS, units: t.units, metShare: e.mean, ci95: e.ci, responseS: percentiles(pooled.responseS[c][t.units - 1]) };
      }),
      unitResponseS: pooled.responseS[c].map((v, k) => ({ unit: k + 1, ...percentiles(v) })),
      waitShare: share((m) => m.waited, (m) => m.incidents - m.lost),
      meanQueueDelayS: ratio((m) => m.delaySumS, (m) => m.dispatched, estimate),
      queueDelayS: percentiles(pooled.delayS[c]),
      lostShare: share((m) => m.lost, (m) => m.incidents),
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
  }));
}
