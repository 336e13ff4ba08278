import { describe, expect, it } from 'vitest';
import { createSampler, distributionMoments, type DurationSpec } from './distributions.ts';
import { createStream } from './random-streams.ts';

/**
 * Sample mean and variance against the exact moments, with tolerances from the sampling error:
 * the mean within 4 standard errors (sd/√n); the variance within 4 standard errors of the sample
 * variance, sqrt((μ4 − σ⁴)/n), using the distribution's exact fourth central moment μ4.
 */
const N = 200_000;

function sampleMoments(spec: DurationSpec, seed: string) {
  const draw = createSampler(spec);
  const rng = createStream(seed);
  let s = 0, q = 0, min = Infinity;
  const xs = new Float64Array(N);
  for (let i = 0; i < N; i++) { const x = draw(rng); xs[i] = x; s += x; min = Math.min(min, x); }
  const mean = s / N;
  for (let i = 0; i < N; i++) q += (xs[i] - mean) ** 2;
  return { mean, variance: q / (N - 1), min };
}

const cases: { spec: DurationSpec; mu4: (m: number, v: number) => number }[] = [
  // Exponential: μ4 = 9 mean⁴.
  { spec: { kind: 'exponential', meanS: 1800 }, mu4: (m) => 9 * m ** 4 },
  // Lognormal with ω = e^{σ²}: μ4 = σ_x⁴ (ω⁴ + 2ω³ + 3ω² − 3).
  { spec: { kind: 'lognormal', meanS: 1200, sdS: 600 }, mu4: (m, v) => { const w = 1 + v / (m * m); return v * v * (w ** 4 + 2 * w ** 3 + 3 * w ** 2 - 3); } },
  // Uniform on 4 values: μ4 computed directly from the values.
  { spec: { kind: 'empirical', valuesS: [60, 120, 600, 3000] }, mu4: (m) => [60, 120, 600, 3000].reduce((a, x) => a + (x - m) ** 4, 0) / 4 },
];

describe('duration distributions', () => {
  for (const { spec, mu4 } of cases) {
    it(`${spec.kind}: sample mean and variance match the exact moments`, () => {
      const exact = distributionMoments(spec);
      const got = sampleMoments(spec, `dist-${spec.kind}`);
      const seMean = Math.sqrt(exact.variance / N);
      const seVar = Math.sqrt((mu4(exact.mean, exact.variance) - exact.variance ** 2) / N);
      expect(Math.abs(got.mean - exact.mean)).toBeLessThan(4 * seMean);
      expect(Math.abs(got.variance - exact.variance)).toBeLessThan(4 * seVar);
      expect(got.min).toBeGreaterThan(0);
    });
  }

  it('fixed: always the value, variance 0', () => {
    const got = sampleMoments({ kind: 'fixed', valueS: 42 }, 'fixed');
    expect(got.mean).toBe(42);
    expect(got.variance).toBe(0);
  });

  it('empirical moments are the population moments of the values', () => {
    expect(distributionMoments({ kind: 'empirical', valuesS: [1, 3] })).toEqual({ mean: 2, variance: 1 });
  });

  it('a stream never returns 0 or 1, so the exponential never takes log(0)', () => {
    const rng = createStream('bounds');
    let bad = 0;
    for (let i = 0; i < 1_000_000; i++) { const u = rng.next(); if (!(u > 0 && u < 1)) bad++; }
    expect(bad).toBe(0);
  });
});
