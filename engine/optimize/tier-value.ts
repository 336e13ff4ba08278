import type { WeightedTier } from './tiered.ts';

/**
 * What a demand point earns in one tier as a function of the number n of units within the tier's
 * target: `value[n]` for n = 0 .. value.length − 1 (beyond the table the value stays at its last
 * entry). Two objectives:
 *
 * - `static`: every unit counts as free, so tier (T, k) is met when n >= k:
 *       v(n) = [n >= k].
 * - `expected` (busy-aware, after MEXCLP, Daskin 1983): each unit is busy with probability q,
 *   independently of the others, so tier (T, k) is met with the probability that at least k of the n
 *   units are free:
 *       v(n) = P(Bin(n, 1 − q) >= k) = Σ_{x=k}^{n} C(n, x) (1 − q)^x q^(n − x).
 *
 * Increments Δ(n) = v(n) − v(n − 1) (the value of the n-th unit). For the binomial tail, with p = 1 − q,
 *       Δ(n) = p · P(Bin(n − 1, p) = k − 1) = p · C(n − 1, k − 1) p^(k−1) q^(n−k)   (n >= k; 0 for n < k),
 *       Δ(n + 1) / Δ(n) = n q / (n − k + 1)                                       (n >= k).
 * So:
 * - k = 1: Δ(n) = p q^(n−1) falls with n: v is concave, and the MILP may count levels with continuous
 *   variables (MEXCLP).
 * - k >= 2: Δ is 0 up to n = k − 1 and then p^k > 0, so v is never concave at n = k − 1. From n = k on,
 *   Δ(n + 1) <= Δ(n) exactly when n >= (k − 1) / p: the increments rise while k <= n < (k − 1)/p and
 *   fall after. v is concave on the counts n >= ⌈(k − 1) / p⌉ − 1 and on no longer range (when
 *   (k − 1)/p is an integer the two increments around it are equal). For q <= 1/k that is n >= k − 1
 *   (only the first step rises); for larger q the rising stretch is longer: k = 2, q = 0.6 gives
 *   Δ(1..4) = 0, 0.16, 0.192, 0.1728 (falling from there): concave from n = 2 on.
 * {@link concaveFrom} finds the start of the concave part from the table itself (what the MILP uses).
 */
export type TierObjective = 'static' | 'expected';

export interface TierValue {
  /** value[n]: what a demand point of weight 1 earns in the tier with n units within the target. */
  readonly value: Float64Array;
  /** true when the value is [n >= k] (static objective, or expected with q = 0). */
  readonly step: boolean;
}

/** Largest busy probability accepted (q = 1 would mean no unit is ever free). */
export const MAX_BUSY = 0.999;

/**
 * The value table of each tier for counts 0..maxCount.
 *
 * @example
 * tierValues([{ targetS: 60, units: 1 }], 'expected', 0.25, 3)[0].value // [0, 0.75, 0.9375, 0.984375]
 */
export function tierValues(tiers: readonly WeightedTier[], objective: TierObjective, busy: number, maxCount: number): TierValue[] {
  if (!(busy >= 0 && busy <= MAX_BUSY)) throw new Error(`busy probability must be in [0, ${MAX_BUSY}], got ${busy}`);
  return tiers.map((t) => {
    if (objective === 'static' || busy === 0) {
      return { value: Float64Array.from({ length: maxCount + 1 }, (_, n) => (n >= t.units ? 1 : 0)), step: true };
    }
    return { value: binomialTail(t.units, 1 - busy, maxCount), step: false };
  });
}

/**
 * v(n) = P(Bin(n, p) >= k) for n = 0..maxCount, summed from the increments
 * Δ(n) = p · C(n − 1, k − 1) p^(k−1) (1 − p)^(n−k) (positive terms only, so no cancellation).
 */
export function binomialTail(k: number, p: number, maxCount: number): Float64Array {
  if (!(Number.isInteger(k) && k >= 1)) throw new Error(`k must be an integer >= 1, got ${k}`);
  if (!(p > 0 && p <= 1)) throw new Error(`p must be in (0, 1], got ${p}`);
  const q = 1 - p;
  const out = new Float64Array(maxCount + 1);
  let inc = Math.pow(p, k); // Δ(k)
  let v = 0;
  for (let n = k; n <= maxCount; n++) {
    v += inc;
    out[n] = Math.min(1, v);
    inc *= (n * q) / (n - k + 1); // Δ(n + 1) from Δ(n)
  }
  return out;
}

/**
 * The smallest m >= 0 such that the increments Δ(l) = v(l) − v(l − 1) never rise for l > m:
 * Δ(m + 1) >= Δ(m + 2) >= ... (up to the table's end). Levels 1..m then need ordered binary
 * variables in a MILP; levels beyond m can be continuous. k = 1 (expected) gives 0; a step at k gives
 * k − 1; the binomial tail with k >= 2 gives ⌈(k − 1)/(1 − q)⌉ − 1 (see {@link TierObjective}).
 */
export function concaveFrom(value: ArrayLike<number>): number {
  const n = value.length - 1;
  const tol = 1e-12;
  let m = 0;
  for (let l = 1; l < n; l++) {
    const a = value[l] - value[l - 1], b = value[l + 1] - value[l];
    if (b > a + tol) m = l; // Δ(l + 1) > Δ(l): levels up to l must be binary
  }
  return m;
}
