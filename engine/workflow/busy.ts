import { InputError } from '../io/input-error.ts';
import { distributionMoments } from '../sim/distributions.ts';
import type { Scenario } from '../sim/scenario.ts';
import type { ReplicationRecord } from '../sim/index.ts';
import { hoursWithin, totalHours, type DayIntervals } from '../optimize/day-hours.ts';
import { MAX_BUSY } from '../optimize/tier-value.ts';

/**
 * Unit-seconds of on-scene work that arrive per hour of the day (0..23), averaged over the days:
 * Σ over incidents of E[on-scene of its class] × units sent to its class. Poisson demand: rate of the
 * hour (mean over the days of the week) × Σ_c share_c × E[S_c] × n_c; replayed demand: the file's
 * incidents (their own on-scene times where given) divided by the days of the run.
 */
export function workPerHourS(sc: Scenario): Float64Array {
  const out = new Float64Array(24);
  const meanS = sc.classes.map((c) => distributionMoments(c.onScene).mean);
  if (sc.demand.kind === 'poisson') {
    let perIncident = 0;
    sc.classes.forEach((c, k) => { perIncident += sc.demand.kind === 'poisson' ? sc.demand.classMix[k] * meanS[k] * c.unitsToSend : 0; });
    for (let h = 0; h < 24; h++) {
      let r = 0;
      for (let d = 0; d < 7; d++) r += sc.demand.ratePerHour[d * 24 + h];
      out[h] = (r / 7) * perIncident;
    }
    return out;
  }
  const inc = sc.demand.incidents;
  const days = sc.horizonS / 86400;
  for (let i = 0; i < inc.timeS.length; i++) {
    const h = Math.floor((inc.timeS[i] % 86400) / 3600);
    const c = inc.cls[i];
    const s = Number.isNaN(inc.onSceneS[i]) ? meanS[c] : inc.onSceneS[i];
    out[h] += (s * sc.classes[c].unitsToSend) / days;
  }
  return out;
}

/** Expected incidents per day in each hour of the day (all classes). */
export function incidentsPerHour(sc: Scenario): Float64Array {
  const out = new Float64Array(24);
  if (sc.demand.kind === 'poisson') {
    for (let h = 0; h < 24; h++) { let r = 0; for (let d = 0; d < 7; d++) r += sc.demand.ratePerHour[d * 24 + h]; out[h] = r / 7; }
    return out;
  }
  const inc = sc.demand.incidents;
  const days = sc.horizonS / 86400;
  for (let i = 0; i < inc.timeS.length; i++) out[Math.floor((inc.timeS[i] % 86400) / 3600)] += 1 / days;
  return out;
}

/**
 * q_b from offered load: the on-scene work arriving in the block (unit-seconds per second) divided
 * by the units on duty, q = λ_b × E[S] × units sent / P_b. It leaves out the drive to the scene and
 * queueing, so it runs below the busy share a simulation measures (`measuredBusy`). A load of 1 or
 * more means the units cannot keep up: an input error, never clamped.
 */
export function offeredLoadBusy(sc: Scenario, block: { name: string; hours: DayIntervals }, unitsOnDuty: number): number {
  const work = workPerHourS(sc);
  let w = 0;
  for (let h = 0; h < 24; h++) w += work[h] * hoursWithin(block.hours, h);
  const load = w / (totalHours(block.hours) * 3600) / Math.max(unitsOnDuty, 1e-12);
  if (!(load <= MAX_BUSY)) throw new InputError(`${sc.name}: block ${block.name}: the offered load per unit on duty is ${load.toFixed(3)} (${unitsOnDuty} units), above ${MAX_BUSY}: the units cannot keep up; give a busy probability (--busy Q)`);
  return load;
}

/**
 * Busy share measured in simulated replications, per stretch of the day: seconds units spent busy
 * (from dispatch to the end of their time on scene: arrival + the incident's on-scene time) within
 * those hours of [warmupS, horizonS), divided by the unit-seconds on duty there (`onDutyUnits` units
 * for the whole stretch, every day). Cross-checked in the tests against the simulator's own busy
 * seconds per unit.
 */
export function measuredBusy(sc: Scenario, records: readonly ReplicationRecord[], stretches: readonly { hours: DayIntervals; onDutyUnits: number }[]): number[] {
  const busyByHour = busySecondsByHour(sc, records);
  return stretches.map((s) => {
    let busy = 0, duty = 0;
    for (let h = 0; h < 24; h++) {
      const share = hoursWithin(s.hours, h);
      if (share === 0) continue;
      busy += busyByHour.busyS[h] * share;
      duty += busyByHour.windowS[h] * share * s.onDutyUnits * records.length;
    }
    return duty > 0 ? busy / duty : NaN;
  });
}

/** Busy unit-seconds per hour of day (all replications), and seconds of each hour of day inside [warmupS, horizonS). */
export function busySecondsByHour(sc: Scenario, records: readonly ReplicationRecord[]): { busyS: Float64Array; windowS: Float64Array } {
  const busyS = new Float64Array(24);
  const lo = sc.warmupS, hi = sc.horizonS;
  const add = (a: number, b: number) => {
    let t = Math.max(a, lo);
    const end = Math.min(b, hi);
    while (t < end) {
      const next = Math.min(end, (Math.floor(t / 3600) + 1) * 3600);
      busyS[Math.floor(t / 3600) % 24] += next - t;
      t = next;
    }
  };
  for (const rec of records) {
    const inc = rec.incidents;
    for (let i = 0; i < inc.count; i++) {
      const off = rec.assignOffset[i];
      for (let k = 0; k < rec.assignedCount[i]; k++) add(rec.assignDispatchS[off + k], rec.assignArrivalS[off + k] + inc.onSceneS[i]);
    }
  }
  const windowS = new Float64Array(24);
  for (let t = Math.floor(lo / 3600) * 3600; t < hi; t += 3600) windowS[Math.floor(t / 3600) % 24] += Math.max(0, Math.min(t + 3600, hi) - Math.max(t, lo));
  return { busyS, windowS };
}
