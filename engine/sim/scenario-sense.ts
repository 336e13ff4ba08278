import type { DispatchPolicy, IncidentClass, Shift, UnitSpec } from './scenario.ts';

/**
 * Limits on what one replication may hold, so a scenario asks for what a machine can simulate:
 * incidents are drawn before the run and kept in memory with their assignments, so the expected
 * count (horizon × rate) is bounded, and the horizon itself too (a year of a large city's calls,
 * a few million, fits; beyond that, run more replications rather than longer ones).
 */
export const MAX_HORIZON_S = 366 * 86400;
export const MAX_EXPECTED_INCIDENTS = 5_000_000;

/** What the sense checks read of a resolved scenario. */
export interface SenseInput {
  horizonS: number;
  warmupS: number;
  /** Poisson rate per hour of the week (168 values), or undefined for replayed demand. */
  ratePerHour?: Float64Array;
  classes: readonly IncidentClass[];
  units: readonly UnitSpec[];
  shifts: readonly Shift[];
  /** Post ids by index. */
  postIds: readonly string[];
  dispatch: DispatchPolicy;
  /** Incident weight (Poisson) or incident count (replay) per node, to find calls a policy can never serve. */
  nodeDemand?: ArrayLike<number>;
}

/**
 * Values that pass the schema but make no sense. Problems (the scenario can't run, or its figures
 * would be meaningless): a horizon beyond MAX_HORIZON_S or more than MAX_EXPECTED_INCIDENTS expected
 * incidents per replication; a reserve larger than its post's units; a preference policy with no list.
 * Warnings (it runs, but the figures say less than they seem to): a shift never on duty within the
 * measured window; a tier needing more units than are ever on duty together; nodes with demand but
 * no preference list (their calls are never served). Problems and warnings name the JSON path.
 */
export function scenarioSense(s: SenseInput): { problems: string[]; warnings: string[] } {
  const problems: string[] = [];
  const warnings: string[] = [];
  if (s.horizonS > MAX_HORIZON_S) problems.push(`/horizonS: expected at most ${MAX_HORIZON_S} s (366 days; run more replications instead of longer ones), got ${s.horizonS}`);
  else if (s.ratePerHour) {
    const expected = expectedIncidents(s.ratePerHour, s.horizonS);
    if (expected > MAX_EXPECTED_INCIDENTS) {
      problems.push(`/demand/incidentsPerDay: the horizon would hold about ${Math.round(expected).toLocaleString('en-US')} incidents per replication, more than the ${MAX_EXPECTED_INCIDENTS.toLocaleString('en-US')} one replication may hold (lower the rate or the horizon)`);
    }
  }

  // Shifts: on duty at some time of [warmupS, horizonS)?
  const windowS = [s.warmupS, Math.min(s.horizonS, MAX_HORIZON_S)] as const;
  s.shifts.forEach((shift, i) => {
    const count = s.units.filter((u) => u.shift === i).length;
    if (count > 0 && !onDutyWithin(shift, windowS[0], windowS[1])) {
      warnings.push(`/shifts/${i}: shift "${shift.name}" (${shift.startHour}-${shift.endHour} h) is never on duty between ${windowS[0]} s and ${windowS[1]} s (the measured window), so its ${count} unit(s) never work`);
    }
  });

  // Tiers against the most units ever on duty at once (hour by hour of a day).
  let mostOnDuty = 0;
  for (let h = 0; h < 24; h++) {
    let n = 0;
    for (const u of s.units) if (u.shift < 0 || onDutyWithin(s.shifts[u.shift], h * 3600, (h + 1) * 3600)) n++;
    mostOnDuty = Math.max(mostOnDuty, n);
  }
  s.classes.forEach((c, i) => c.tiers.forEach((t, k) => {
    if (t.units > mostOnDuty) warnings.push(`/classes/${i}/tiers/${k}/units: tier ${t.units} unit(s) within ${t.targetS} s of class "${c.name}" needs more units than the ${mostOnDuty} ever on duty together, so it is never met`);
  }));

  const d = s.dispatch;
  if (d.policy === 'reserve') {
    const atPost = new Int32Array(s.postIds.length);
    for (const u of s.units) atPost[u.post]++;
    d.reserve.forEach((r, i) => {
      if (r.post >= 0 && r.units > atPost[r.post]) problems.push(`/dispatch/reserve/${i}/units: expected at most ${atPost[r.post]} (the units at post "${s.postIds[r.post]}"), got ${r.units}`);
    });
  } else if (d.policy === 'preference') {
    if (d.lists.size === 0) problems.push('/dispatch/lists: expected a preference list for at least one node, got none (no call would ever be served)');
    else if (s.nodeDemand) {
      let total = 0, unlisted = 0;
      for (let v = 0; v < s.nodeDemand.length; v++) {
        const w = s.nodeDemand[v] > 0 ? s.nodeDemand[v] : 0;
        total += w;
        if (w > 0 && !d.lists.has(v)) unlisted += w;
      }
      if (unlisted > 0) warnings.push(`/dispatch/lists: ${(100 * unlisted / total).toFixed(1)}% of the demand falls on nodes without a preference list; those calls are never served`);
    }
  }
  return { problems, warnings };
}

/** Expected Poisson incidents in [0, horizonS) at a rate constant within each hour of the week. */
export function expectedIncidents(ratePerHour: ArrayLike<number>, horizonS: number): number {
  const hours = horizonS / 3600;
  const whole = Math.floor(hours);
  let weekSum = 0;
  for (let h = 0; h < 168; h++) weekSum += ratePerHour[h];
  const weeks = Math.floor(whole / 168);
  let n = weeks * weekSum;
  for (let h = weeks * 168; h < whole; h++) n += ratePerHour[h % 168];
  return n + (hours - whole) * ratePerHour[whole % 168];
}

/** Whether a daily shift [startHour, endHour) (wrapping past midnight; equal hours: always) is on duty at some time of [fromS, toS). */
export function onDutyWithin(shift: Shift, fromS: number, toS: number): boolean {
  const s = shift.startHour % 24, e = shift.endHour % 24;
  if (s === e) return toS > fromS;
  const spans = s < e ? [[s, e]] : [[0, e], [s, 24]];
  for (let day = Math.floor(fromS / 86400); day * 86400 < toS; day++) {
    for (const [a, b] of spans) {
      const lo = day * 86400 + a * 3600, hi = day * 86400 + b * 3600;
      if (lo < toS && hi > fromS) return true;
    }
  }
  return false;
}
