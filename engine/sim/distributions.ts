import type { RandomStream } from './random-streams.ts';

/**
 * Duration distributions in seconds (on-scene times, and anything else the scenario samples).
 * - `exponential`: mean `meanS` (variance meanS²).
 * - `lognormal`: mean `meanS`, standard deviation `sdS` (of the duration itself, not of its log):
 *   σ² = ln(1 + sdS²/meanS²), μ = ln(meanS) − σ²/2.
 * - `fixed`: always `valueS`.
 * - `empirical`: a uniform draw from `valuesS` (bootstrap of observed durations).
 */
export type DurationSpec =
  | { readonly kind: 'exponential'; readonly meanS: number }
  | { readonly kind: 'lognormal'; readonly meanS: number; readonly sdS: number }
  | { readonly kind: 'fixed'; readonly valueS: number }
  | { readonly kind: 'empirical'; readonly valuesS: readonly number[] };

export type Sampler = (rng: RandomStream) => number;

/** A sampler for a spec. Inverse-transform for the exponential; Box–Muller (one normal per draw) for the lognormal. */
export function createSampler(spec: DurationSpec): Sampler {
  switch (spec.kind) {
    case 'exponential': {
      const m = spec.meanS;
      return (rng) => -m * Math.log(rng.next());
    }
    case 'lognormal': {
      const { mu, sigma } = lognormalParams(spec.meanS, spec.sdS);
      return (rng) => Math.exp(mu + sigma * standardNormal(rng));
    }
    case 'fixed': {
      const v = spec.valueS;
      return () => v;
    }
    case 'empirical': {
      const values = Float64Array.from(spec.valuesS);
      if (values.length === 0) throw new Error('empirical distribution needs at least one value');
      const n = values.length;
      return (rng) => values[Math.min(n - 1, Math.floor(rng.next() * n))];
    }
  }
}

/** μ and σ of the underlying normal for a lognormal with the given mean and standard deviation. */
export function lognormalParams(meanS: number, sdS: number): { mu: number; sigma: number } {
  const sigma2 = Math.log(1 + (sdS * sdS) / (meanS * meanS));
  return { mu: Math.log(meanS) - sigma2 / 2, sigma: Math.sqrt(sigma2) };
}

/** A standard normal variate from two uniforms in (0,1) (Box–Muller, cosine branch). */
export function standardNormal(rng: RandomStream): number {
  const u1 = rng.next();
  const u2 = rng.next();
  return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
}

/** The exact mean and variance of a spec (empirical: the population moments of its values). */
export function distributionMoments(spec: DurationSpec): { mean: number; variance: number } {
  switch (spec.kind) {
    case 'exponential': return { mean: spec.meanS, variance: spec.meanS * spec.meanS };
    case 'lognormal': return { mean: spec.meanS, variance: spec.sdS * spec.sdS };
    case 'fixed': return { mean: spec.valueS, variance: 0 };
    case 'empirical': {
      const n = spec.valuesS.length;
      let s = 0;
      for (const v of spec.valuesS) s += v;
      const mean = s / n;
      let q = 0;
      for (const v of spec.valuesS) q += (v - mean) * (v - mean);
      return { mean, variance: q / n };
    }
  }
}
