import type { ReplicationRecord } from '../replication.ts';
import type { CordonStandard, Scenario } from '../scenario.ts';
import { estimateShare, quantileSorted, type Estimate } from '../statistics.ts';
import { CordonStatus } from './cordon-state.ts';

/**
 * Cordon metrics over the incidents reported in [warmupS, horizonS) of classes with a cordon standard:
 * - met: every exit of the ring closed within withinS of the report (by units beyond the scene's);
 * - missed, by reason: too few units free, late (enough units, not in time), scene short (the scene
 *   did not get all its units at the report, so no cordon was ordered);
 * - closing time: the latest exit's closing time after the report, over the incidents met.
 * The met share is computed per replication; the estimate is their mean with the clipped Student-t
 * 95% interval across replications (estimateShare), like every other share.
 */
export interface CordonReplicationCounts {
  incidents: number;
  met: number;
  tooFewUnits: number;
  late: number;
  sceneShort: number;
  /** Σ exits of the rings, Σ units sent (met incidents). */
  exits: number;
  units: number;
}

/** Per class (null without a cordon standard), the counts of one replication; closing times (met) are appended to `closedS[c]`. */
export function measureCordon(scenario: Scenario, rec: ReplicationRecord, closedS: number[][]): (CordonReplicationCounts | null)[] {
  const out = scenario.classes.map((c) => (c.cordon ? { incidents: 0, met: 0, tooFewUnits: 0, late: 0, sceneShort: 0, exits: 0, units: 0 } : null));
  const cr = rec.cordon;
  if (!cr) return out;
  const inc = rec.incidents;
  for (let i = 0; i < inc.count; i++) {
    const t0 = inc.timeS[i];
    if (t0 < scenario.warmupS || t0 >= scenario.horizonS) continue;
    const m = out[inc.cls[i]];
    if (!m) continue;
    m.incidents++;
    m.exits += cr.exits[i];
    switch (cr.status[i]) {
      case CordonStatus.met: m.met++; m.units += cr.units[i]; closedS[inc.cls[i]].push(cr.closedS[i]); break;
      case CordonStatus.tooFewUnits: m.tooFewUnits++; break;
      case CordonStatus.late: m.late++; break;
      case CordonStatus.sceneShort: m.sceneShort++; break;
      default: throw new Error(`internal: incident ${i} of a cordon class has no cordon outcome`);
    }
  }
  return out;
}

export interface CordonSummary {
  readonly standard: CordonStandard;
  readonly incidents: number;
  readonly metShare: Estimate;
  /** Shares of the incidents (all replications pooled) missed for each reason. */
  readonly missed: { tooFewUnits: number; late: number; sceneShort: number };
  /** Mean exits per ring; mean units sent per cordon met. */
  readonly meanExits: number;
  readonly meanUnits: number;
  /** Closing time after the report over the cordons met (pooled): p50, p90, p95, mean. */
  readonly closedS: { p50: number; p90: number; p95: number; mean: number };
}

export function summarizeCordon(standard: CordonStandard | null, per: readonly (CordonReplicationCounts | null)[], closedS: readonly number[]): CordonSummary | null {
  if (!standard) return null;
  const reps = per.filter((m): m is CordonReplicationCounts => m !== null);
  const total = (f: (m: CordonReplicationCounts) => number) => reps.reduce((a, m) => a + f(m), 0);
  const incidents = total((m) => m.incidents);
  const met = total((m) => m.met);
  const sorted = Float64Array.from(closedS).sort();
  let s = 0;
  for (const v of sorted) s += v;
  return {
    standard, incidents,
    metShare: estimateShare(reps.filter((m) => m.incidents > 0).map((m) => m.met / m.incidents)),
    missed: {
      tooFewUnits: incidents ? total((m) => m.tooFewUnits) / incidents : NaN,
      late: incidents ? total((m) => m.late) / incidents : NaN,
      sceneShort: incidents ? total((m) => m.sceneShort) / incidents : NaN,
    },
    meanExits: incidents ? total((m) => m.exits) / incidents : NaN,
    meanUnits: met ? total((m) => m.units) / met : NaN,
    closedS: { p50: quantileSorted(sorted, 0.5), p90: quantileSorted(sorted, 0.9), p95: quantileSorted(sorted, 0.95), mean: sorted.length ? s / sorted.length : NaN },
  };
}
