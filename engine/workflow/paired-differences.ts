import type { SimulationResult } from '../sim/run-simulation.ts';
import type { Scenario } from '../sim/scenario.ts';
import { estimate } from '../sim/statistics.ts';

/** Per class and tier: the mean over replications of (share in `b` − share in `a`) with its 95% interval. */
export interface TierDifference {
  class: string;
  targetS: number;
  units: number;
  /** Mean paired difference of the share of incidents meeting the tier (b − a). */
  difference: number;
  ci95: readonly [number, number] | null;
  replications: number;
}

/**
 * Paired differences of two simulations of the same scenario under two layouts. Both must use the same
 * seed and replications: replication r of each draws the same incidents (they are sampled up front from
 * streams of (seed, r)), so the per-replication differences cancel the demand's noise and their
 * Student-t interval is the paired 95% interval. A replication without incidents of a class is left out
 * of that class.
 */
export function pairedTierDifferences(a: SimulationResult, b: SimulationResult): TierDifference[] {
  if (a.seed !== b.seed || a.replications !== b.replications) throw new Error(`paired differences need the same seed and replications (got seed ${a.seed}/${b.seed}, ${a.replications}/${b.replications} replications)`);
  const out: TierDifference[] = [];
  a.classes.forEach((c, k) => {
    c.tiers.forEach((t, j) => {
      const d: number[] = [];
      for (let r = 0; r < a.replications; r++) {
        const ma = a.perReplication[r].classes[k], mb = b.perReplication[r].classes[k];
        if (ma.incidents > 0 && mb.incidents > 0) d.push(mb.met[j] / mb.incidents - ma.met[j] / ma.incidents);
      }
      const e = estimate(d);
      out.push({ class: c.name, targetS: t.targetS, units: t.units, difference: e.mean, ci95: e.ci, replications: d.length });
    });
  });
  return out;
}

/**
 * Unit-hours on duty per day of a scenario: every unit's shift hours (24 for a unit without a shift).
 * A time-of-day plan moves units but does not add any, so its unit-hours equal the layout's.
 */
export function unitHoursPerDay(sc: Scenario): number {
  let h = 0;
  for (const u of sc.units) {
    if (u.shift < 0) { h += 24; continue; }
    const s = sc.shifts[u.shift];
    const a = s.startHour % 24, b = s.endHour % 24;
    h += a === b ? 24 : a < b ? b - a : b + 24 - a;
  }
  return h;
}
