/**
 * Demand weight in hexagonal bins (pointy-top, circumradius `radiusM`), for a map layer that shows where
 * the demand is: each bin sums the weight of the demand points inside it; bins fall in four classes at
 * the quartiles of the non-empty bins' sums.
 */
export interface HexBins {
  readonly radiusM: number;
  readonly centreX: Float64Array;
  readonly centreY: Float64Array;
  readonly weight: Float64Array;
  /** Class 0..3 per bin (quartile of the bin sums). */
  readonly cls: Uint8Array;
  /** Upper sum of classes 0..2 (class 3 is above the last). */
  readonly classBreaks: readonly number[];
}

const SQRT3 = Math.sqrt(3);

/** Axial hex coordinates (pointy-top) of a point. */
export function hexOf(x: number, y: number, radiusM: number): [number, number] {
  const qf = ((SQRT3 / 3) * x - y / 3) / radiusM, rf = ((2 / 3) * y) / radiusM;
  // Cube rounding.
  const sf = -qf - rf;
  let q = Math.round(qf), r = Math.round(rf);
  const s = Math.round(sf);
  const dq = Math.abs(q - qf), dr = Math.abs(r - rf), ds = Math.abs(s - sf);
  if (dq > dr && dq > ds) q = -r - s; else if (dr > ds) r = -q - s;
  return [q, r];
}

export function hexCentre(q: number, r: number, radiusM: number): [number, number] {
  return [radiusM * SQRT3 * (q + r / 2), radiusM * 1.5 * r];
}

/** A round hexagon size (1, 2 or 5 x 10^n m) giving about `across` bins over `widthM`. */
export function hexRadiusFor(widthM: number, across = 40): number {
  const want = widthM / (across * SQRT3);
  if (!(want > 0)) return 100;
  const e = Math.floor(Math.log10(want));
  const m = want / 10 ** e;
  return (m < 1.5 ? 1 : m < 3.5 ? 2 : m < 7.5 ? 5 : 10) * 10 ** e;
}

export function binDemand(xs: ArrayLike<number>, ys: ArrayLike<number>, weights: ArrayLike<number>, radiusM: number): HexBins {
  const sums = new Map<string, { q: number; r: number; w: number }>();
  for (let i = 0; i < xs.length; i++) {
    if (!Number.isFinite(xs[i]) || !Number.isFinite(ys[i]) || !(weights[i] > 0)) continue;
    const [q, r] = hexOf(xs[i], ys[i], radiusM);
    const k = `${q},${r}`;
    const b = sums.get(k);
    if (b) b.w += weights[i]; else sums.set(k, { q, r, w: weights[i] });
  }
  const bins = [...sums.values()].sort((a, b) => a.r - b.r || a.q - b.q);
  const sorted = bins.map((b) => b.w).sort((a, b) => a - b);
  const at = (p: number) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))] ?? 0;
  const classBreaks = [at(0.25), at(0.5), at(0.75)];
  const cls = Uint8Array.from(bins, (b) => classBreaks.filter((t) => b.w > t).length);
  const centres = bins.map((b) => hexCentre(b.q, b.r, radiusM));
  return {
    radiusM,
    centreX: Float64Array.from(centres, (c) => c[0]), centreY: Float64Array.from(centres, (c) => c[1]),
    weight: Float64Array.from(bins, (b) => b.w), cls, classBreaks,
  };
}
