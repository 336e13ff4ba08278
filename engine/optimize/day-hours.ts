/**
 * Stretches of the day as lists of [from, to) hours within 0..24 (a stretch past midnight is split in
 * two), for matching blocks of a plan against shifts and hourly profiles.
 */
export type DayIntervals = readonly (readonly [number, number])[];

/** [start, end) hours of the day; wraps past midnight when end < start; start == end (mod 24) is the whole day. */
export function dayIntervals(startHour: number, endHour: number): DayIntervals {
  const s = startHour % 24, e = endHour % 24;
  if (s === e) return [[0, 24]];
  return s < e ? [[s, e]] : [[s, 24], [0, e]];
}

/** Hours two stretches of the day share. */
export function overlapHours(a: DayIntervals, b: DayIntervals): number {
  let h = 0;
  for (const [a0, a1] of a) for (const [b0, b1] of b) h += Math.max(0, Math.min(a1, b1) - Math.max(a0, b0));
  return h;
}

/** Hours of the stretch within hour-of-day h (0..23), i.e. its overlap with [h, h + 1). */
export function hoursWithin(a: DayIntervals, h: number): number {
  return overlapHours(a, [[h, h + 1]]);
}

export function totalHours(a: DayIntervals): number {
  return a.reduce((s, [x, y]) => s + (y - x), 0);
}
