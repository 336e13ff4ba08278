import { describe, expect, it } from 'vitest';
import { estimate, quantileSorted, studentTQuantile } from './statistics.ts';

describe('statistics', () => {
  it('Student t quantiles match published tables', () => {
    // Two-sided 95%: t(0.975; df).
    expect(studentTQuantile(0.975, 1)).toBeCloseTo(12.706, 3);
    expect(studentTQuantile(0.975, 9)).toBeCloseTo(2.262, 3);
    expect(studentTQuantile(0.975, 19)).toBeCloseTo(2.093, 3);
    expect(studentTQuantile(0.995, 4)).toBeCloseTo(4.604, 3);
    expect(studentTQuantile(0.975, 1e6)).toBeCloseTo(1.96, 2);
    expect(studentTQuantile(0.025, 9)).toBeCloseTo(-2.262, 3);
  });

  it('a 95% interval is mean ± t·s/√n', () => {
    const e = estimate([1, 2, 3, 4, 5]);
    expect(e.mean).toBe(3);
    // s = √2.5, t(0.975, 4) = 2.776
    expect(e.halfWidth!).toBeCloseTo(2.776 * Math.sqrt(2.5) / Math.sqrt(5), 3);
  });

  it('no interval from a single replication', () => {
    expect(estimate([0.5]).ci).toBeNull();
  });

  it('quantiles interpolate between closest ranks and reach Infinity only at an infinite rank', () => {
    expect(quantileSorted([1, 2, 3, 4], 0.5)).toBe(2.5);
    expect(quantileSorted([1, 2, Infinity], 0.5)).toBe(2);
    expect(quantileSorted([1, 2, Infinity], 0.9)).toBe(Infinity);
  });
});
