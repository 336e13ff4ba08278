import { parseDecimal, parseInteger } from '../io/number-text.ts';

/**
 * A response standard tier: at least `units` units arrive within `targetS` seconds.
 * Covered, everywhere in patrolsim: a demand point meets tier (T, k) when at least k units reach it
 * with travel time <= T seconds (a post with 2 units counts twice).
 */
export interface Tier {
  readonly targetS: number;
  readonly units: number;
}

/** The 1-3-5 minute standard: 1 unit within 60 s, 2 within 180 s, 3 within 300 s. */
export const DEFAULT_TIERS: readonly Tier[] = Object.freeze([
  Object.freeze({ targetS: 60, units: 1 }),
  Object.freeze({ targetS: 180, units: 2 }),
  Object.freeze({ targetS: 300, units: 3 }),
]);

/** Whether k-th arrival times meet a tier: `arrivalS[offset + units - 1] <= targetS`. */
export function meetsTier(arrivalS: ArrayLike<number>, offset: number, tier: Tier): boolean {
  return arrivalS[offset + tier.units - 1] <= tier.targetS;
}

/** Check a tier list; returns problems as strings naming the field. */
export function validateTiers(tiers: readonly Tier[], where = 'tiers'): string[] {
  const problems: string[] = [];
  if (!Array.isArray(tiers) || tiers.length === 0) return [`${where}: expected at least one tier`];
  tiers.forEach((t, i) => {
    if (!(typeof t.targetS === 'number' && Number.isFinite(t.targetS) && t.targetS >= 0)) problems.push(`${where}[${i}].targetS: expected seconds >= 0, got ${t.targetS}`);
    if (!(Number.isInteger(t.units) && t.units >= 1 && t.units <= 1000)) problems.push(`${where}[${i}].units: expected an integer 1..1000, got ${t.units}`);
  });
  return problems;
}

/** Parse parallel lists "60,180,300" and "1,2,3" into tiers (no unit list: 1 unit per tier); throws naming the flag on bad input. */
export function parseTierLists(targets: string, units: string | undefined): Tier[] {
  const ts = targets.split(',').map((s) => s.trim());
  const us = units === undefined ? ts.map(() => '1') : units.split(',').map((s) => s.trim());
  if (ts.length !== us.length) throw new Error(`--targets has ${ts.length} values but --units has ${us.length}; they are parallel lists`);
  const tiers = ts.map((t, i) => {
    const targetS = parseDecimal(t);
    const k = parseInteger(us[i]);
    if (!Number.isFinite(targetS) || targetS < 0) throw new Error(`--targets: "${t}" is not a number of seconds >= 0`);
    if (!(k >= 1 && k <= 1000)) throw new Error(`--units: "${us[i]}" is not an integer 1..1000`);
    return { targetS, units: k };
  });
  return tiers;
}
