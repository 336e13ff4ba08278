import { describe, expect, it } from 'vitest';
import {
  dayIntervalHours, dayIntervalsOverlap, inDayInterval, intervalAt, nextDayIntervalChangeS, nextIntervalChangeS, nextShiftChangeS, shiftOnDuty,
} from './shift-calendar.ts';

const H = 3600;
const DAY = 86400;
const night = { startHour: 22, endHour: 6 };

describe('shift calendar', () => {
  it('puts an overnight 22-06 shift on duty at 23:00 and 05:00 and off at 12:00, every day', () => {
    for (const day of [0, 1, 6]) {
      expect(shiftOnDuty(night, day * DAY + 23 * H), `day ${day} 23:00`).toBe(true);
      expect(shiftOnDuty(night, day * DAY + 5 * H), `day ${day} 05:00`).toBe(true);
      expect(shiftOnDuty(night, day * DAY + 12 * H), `day ${day} 12:00`).toBe(false);
    }
  });

  it('opens a shift at its start hour and closes it at its end hour ([start, end))', () => {
    expect(shiftOnDuty(night, 22 * H)).toBe(true);
    expect(shiftOnDuty(night, 6 * H)).toBe(false);
    expect(shiftOnDuty(night, 6 * H - 1e-6)).toBe(true);
    const day = { startHour: 7.5, endHour: 19 };
    expect(shiftOnDuty(day, 7.5 * H)).toBe(true);
    expect(shiftOnDuty(day, 7.5 * H - 1)).toBe(false);
  });

  it('gives the next duty change: 06:00 from 23:00, 22:00 from noon, the next day across midnight', () => {
    expect(nextShiftChangeS(night, 23 * H)).toBe(DAY + 6 * H);
    expect(nextShiftChangeS(night, 12 * H)).toBe(22 * H);
    expect(nextShiftChangeS(night, 5 * H)).toBe(6 * H);
    expect(nextShiftChangeS(night, 22 * H)).toBe(DAY + 6 * H); // strictly after
  });

  it('treats a missing shift and a 0-24 shift as always on duty with no change', () => {
    expect(shiftOnDuty(undefined, 12345)).toBe(true);
    expect(nextShiftChangeS(undefined, 0)).toBe(Infinity);
    expect(shiftOnDuty({ startHour: 0, endHour: 24 }, 3 * DAY + 5)).toBe(true);
    expect(nextDayIntervalChangeS({ startHour: 0, endHour: 24 }, 0)).toBe(Infinity);
    expect(dayIntervalHours({ startHour: 0, endHour: 24 })).toBe(24);
  });

  it('finds the block in force and the next boundary among several blocks', () => {
    const blocks = [{ startHour: 7, endHour: 10 }, { startHour: 17, endHour: 21 }, { startHour: 23, endHour: 2 }];
    expect(intervalAt(blocks, 8 * H)).toBe(0);
    expect(intervalAt(blocks, 12 * H)).toBe(-1);
    expect(intervalAt(blocks, DAY + 1 * H)).toBe(2);
    expect(nextIntervalChangeS(blocks, 12 * H)).toBe(17 * H);
    expect(nextIntervalChangeS(blocks, 21.5 * H)).toBe(23 * H);
    expect(nextIntervalChangeS(blocks, 23.5 * H)).toBe(DAY + 2 * H);
  });

  it('tells overlapping intervals from touching ones, across midnight too', () => {
    expect(dayIntervalsOverlap({ startHour: 7, endHour: 10 }, { startHour: 10, endHour: 12 })).toBe(false);
    expect(dayIntervalsOverlap({ startHour: 7, endHour: 10 }, { startHour: 9, endHour: 12 })).toBe(true);
    expect(dayIntervalsOverlap({ startHour: 22, endHour: 6 }, { startHour: 5, endHour: 7 })).toBe(true);
    expect(dayIntervalsOverlap({ startHour: 22, endHour: 6 }, { startHour: 6, endHour: 22 })).toBe(false);
    expect(dayIntervalsOverlap({ startHour: 0, endHour: 24 }, { startHour: 3, endHour: 4 })).toBe(true);
    expect(dayIntervalHours(night)).toBe(8);
  });

  it('agrees with a brute-force hour-of-day check at every quarter hour of a week', () => {
    const shifts = [night, { startHour: 7, endHour: 19 }, { startHour: 18, endHour: 2.5 }, { startHour: 0, endHour: 6 }];
    for (const s of shifts) {
      for (let t = 0; t < 7 * DAY; t += 900) {
        const h = (t % DAY) / H;
        const brute = s.startHour < s.endHour % 24 || s.endHour === 24 ? h >= s.startHour && h < (s.endHour === 24 ? 24 : s.endHour) : h >= s.startHour || h < s.endHour;
        expect(inDayInterval(s, t), `${s.startHour}-${s.endHour} at ${t}`).toBe(brute);
      }
    }
  });
});
