/**
 * Hours of the day that repeat every day: shifts (on duty from startHour to endHour) and plan blocks.
 * An interval is [startHour, endHour) in hours 0..24 (fractions allowed); it wraps past midnight when
 * endHour < startHour (22 → 6 is on duty 22:00–06:00); startHour ≡ endHour (mod 24) means the whole day.
 *
 * Membership and boundaries are both computed from the absolute boundary times
 * `day · 86400 + hour · 3600`, so an event scheduled at a boundary always lands on the side it opens.
 *
 * @example
 * const night = { startHour: 22, endHour: 6 };
 * inDayInterval(night, 23 * 3600); // true
 * nextDayIntervalChangeS(night, 23 * 3600); // 86400 + 6 * 3600
 */
export interface DayInterval {
  readonly startHour: number;
  readonly endHour: number;
}

const DAY_S = 86400;

function bounds(iv: DayInterval): [number, number] {
  return [iv.startHour % 24, iv.endHour % 24];
}

/** Whether timeS (seconds from the start of the run, day 0 starting at midnight) is inside the interval. */
export function inDayInterval(iv: DayInterval, timeS: number): boolean {
  const [s, e] = bounds(iv);
  if (s === e) return true;
  const day = Math.floor(timeS / DAY_S);
  const startS = day * DAY_S + s * 3600, endS = day * DAY_S + e * 3600;
  return s < e ? timeS >= startS && timeS < endS : timeS >= startS || timeS < endS;
}

/** The next time (> timeS) the interval opens or closes; Infinity for a whole-day interval. */
export function nextDayIntervalChangeS(iv: DayInterval, timeS: number): number {
  const [s, e] = bounds(iv);
  if (s === e) return Infinity;
  const day = Math.floor(timeS / DAY_S);
  let best = Infinity;
  for (let d = day; d <= day + 1; d++) {
    for (const h of [s, e]) { const t = d * DAY_S + h * 3600; if (t > timeS && t < best) best = t; }
  }
  return best;
}

/** Whether a unit with this shift (undefined: always on duty) is on duty at timeS. */
export function shiftOnDuty(shift: DayInterval | undefined, timeS: number): boolean {
  return shift === undefined || inDayInterval(shift, timeS);
}

/** The next time (> timeS) the shift's duty changes; Infinity without a shift or for a 24-hour shift. */
export function nextShiftChangeS(shift: DayInterval | undefined, timeS: number): number {
  return shift === undefined ? Infinity : nextDayIntervalChangeS(shift, timeS);
}

/**
 * Which of several non-overlapping intervals (plan blocks) holds timeS: its index, or -1 in none.
 */
export function intervalAt(intervals: readonly DayInterval[], timeS: number): number {
  for (let k = 0; k < intervals.length; k++) if (inDayInterval(intervals[k], timeS)) return k;
  return -1;
}

/** The next time (> timeS) any of the intervals opens or closes (Infinity when none ever does). */
export function nextIntervalChangeS(intervals: readonly DayInterval[], timeS: number): number {
  let best = Infinity;
  for (const iv of intervals) best = Math.min(best, nextDayIntervalChangeS(iv, timeS));
  return best;
}

/** The pieces of the day an interval covers, as [from, to) hour pairs within [0, 24]. */
function dayPieces(iv: DayInterval): [number, number][] {
  const [s, e] = bounds(iv);
  if (s === e) return [[0, 24]];
  return s < e ? [[s, e]] : [[s, 24], [0, e]];
}

/** Whether two intervals share some time of day (touching ends do not count). */
export function dayIntervalsOverlap(a: DayInterval, b: DayInterval): boolean {
  for (const [a0, a1] of dayPieces(a)) for (const [b0, b1] of dayPieces(b)) if (Math.max(a0, b0) < Math.min(a1, b1)) return true;
  return false;
}

/** Hours of the day an interval covers (24 for a whole-day interval). */
export function dayIntervalHours(iv: DayInterval): number {
  return dayPieces(iv).reduce((h, [a, b]) => h + (b - a), 0);
}
