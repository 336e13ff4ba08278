/**
 * Statistics across replications: mean, Student-t confidence interval (and its form for shares),
 * percentiles.
 * The t quantile is computed from the regularised incomplete beta function (Lentz continued fraction,
 * Numerical Recipes §6.4) by bisection, so any level and any degrees of freedom work.
 */

export interface Estimate {
  /** Mean over replications. */
  readonly mean: number;
  /** [low, high] of the confidence interval; null with fewer than 2 replications or non-finite data. */
  readonly ci: readonly [number, number] | null;
  /** Half-width of the interval (0 when all replications agree; null when there is no interval). */
  readonly halfWidth: number | null;
  readonly n: number;
}

/** Mean and two-sided Student-t interval at `level` (default 0.95) of independent replication values. */
export function estimate(values: readonly number[], level = 0.95): Estimate {
  const n = values.length;
  if (n === 0) return { mean: NaN, ci: null, halfWidth: null, n };
  let s = 0;
  for (const v of values) s += v;
  const mean = s / n;
  if (n < 2 || !Number.isFinite(mean)) return { mean, ci: null, halfWidth: null, n };
  let q = 0;
  for (const v of values) q += (v - mean) * (v - mean);
  const sd = Math.sqrt(q / (n - 1));
  const h = studentTQuantile(1 - (1 - level) / 2, n - 1) * sd / Math.sqrt(n);
  return { mean, ci: [mean - h, mean + h], halfWidth: h, n };
}

/**
 * Mean and 95% interval of a share (a proportion in [0, 1]: tier met shares, wait and lost shares,
 * utilisation, busy share), one value per replication: the Student-t interval of
 * {@link estimate}, clipped to [0, 1].
 *
 * Why this interval: replications are the independent units. Incidents within one run are not (a
 * busy period delays several calls in a row, a unit's utilisation is one time average), so an
 * interval on pooled incident counts (Wilson, Clopper-Pearson) would treat correlated calls as
 * independent and come out too narrow. The t-interval on replication shares is the standard
 * replication method, and clipping it to [0, 1] removes only impossible values: it covers a true
 * share exactly when the unclipped interval does. `halfWidth` stays t·s/√n (before clipping).
 * When every replication gives the same share (often 0 or 1) the interval is that single value:
 * the replications agree, which is not certainty; run more or longer replications to learn more.
 */
export function estimateShare(values: readonly number[], level = 0.95): Estimate {
  const e = estimate(values, level);
  if (!e.ci) return e;
  return { ...e, ci: [Math.min(1, Math.max(0, e.ci[0])), Math.max(0, Math.min(1, e.ci[1]))] };
}

/** The p-quantile of Student's t with `df` degrees of freedom (0 < p < 1, df > 0). */
export function studentTQuantile(p: number, df: number): number {
  if (!(p > 0 && p < 1)) throw new Error(`p must be in (0, 1), got ${p}`);
  if (!(df > 0)) throw new Error(`df must be > 0, got ${df}`);
  if (p === 0.5) return 0;
  if (p < 0.5) return -studentTQuantile(1 - p, df);
  let lo = 0;
  let hi = 1;
  while (studentTCdf(hi, df) < p) hi *= 2;
  for (let i = 0; i < 200 && hi - lo > 1e-12 * Math.max(1, hi); i++) {
    const mid = (lo + hi) / 2;
    if (studentTCdf(mid, df) < p) lo = mid; else hi = mid;
  }
  return (lo + hi) / 2;
}

/** P(T <= t) for Student's t with df degrees of freedom. */
export function studentTCdf(t: number, df: number): number {
  const x = df / (df + t * t);
  const tail = 0.5 * regularizedIncompleteBeta(x, df / 2, 0.5);
  return t >= 0 ? 1 - tail : tail;
}

function logGamma(z: number): number {
  // Lanczos approximation (g = 7, n = 9).
  const c = [0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313,
    -176.61502916214059, 12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7];
  if (z < 0.5) return Math.log(Math.PI / Math.sin(Math.PI * z)) - logGamma(1 - z);
  z -= 1;
  let x = c[0];
  for (let i = 1; i < 9; i++) x += c[i] / (z + i);
  const t = z + 7.5;
  return 0.5 * Math.log(2 * Math.PI) + (z + 0.5) * Math.log(t) - t + Math.log(x);
}

function regularizedIncompleteBeta(x: number, a: number, b: number): number {
  if (x <= 0) return 0;
  if (x >= 1) return 1;
  const front = Math.exp(logGamma(a + b) - logGamma(a) - logGamma(b) + a * Math.log(x) + b * Math.log(1 - x));
  if (x < (a + 1) / (a + b + 2)) return (front * betaContinuedFraction(x, a, b)) / a;
  return 1 - (front * betaContinuedFraction(1 - x, b, a)) / b;
}

function betaContinuedFraction(x: number, a: number, b: number): number {
  const tiny = 1e-300;
  let c = 1;
  let d = 1 - ((a + b) * x) / (a + 1);
  if (Math.abs(d) < tiny) d = tiny;
  d = 1 / d;
  let h = d;
  for (let m = 1; m <= 300; m++) {
    const m2 = 2 * m;
    let aa = (m * (b - m) * x) / ((a + m2 - 1) * (a + m2));
    d = 1 + aa * d; if (Math.abs(d) < tiny) d = tiny;
    c = 1 + aa / c; if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d; h *= d * c;
    aa = (-(a + m) * (a + b + m) * x) / ((a + m2) * (a + m2 + 1));
    d = 1 + aa * d; if (Math.abs(d) < tiny) d = tiny;
    c = 1 + aa / c; if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    const del = d * c;
    h *= del;
    if (Math.abs(del - 1) < 1e-15) break;
  }
  return h;
}

/**
 * The p-quantile (0..1) of sorted values by linear interpolation between closest ranks (type 7, as
 * numpy's default). Infinity values sort last; a quantile that lands on or next to one is Infinity.
 */
export function quantileSorted(sorted: ArrayLike<number>, p: number): number {
  const n = sorted.length;
  if (n === 0) return NaN;
  const h = (n - 1) * p;
  const lo = Math.floor(h);
  const hi = Math.min(n - 1, lo + 1);
  const a = sorted[lo];
  const b = sorted[hi];
  if (a === b) return a;
  if (!Number.isFinite(b)) return h === lo ? a : Infinity;
  return a + (h - lo) * (b - a);
}
