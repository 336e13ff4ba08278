/**
 * What "Fit" frames: the box holding the central share of the demand, not the whole network (long
 * motorway tails and outlying nodes would shrink the city to a third of the pane).
 */
import { boundsOf, type BoundsM } from './projection.ts';
import type { RunData } from './run-data.ts';
import type { RunScene } from './run-scene.ts';

/**
 * The q-quantile of values under weights (weighted empirical CDF, lower quantile): the smallest value
 * v such that the weight of values <= v is at least q of the total. Non-finite values and weights are skipped.
 *
 * @example
 * weightedQuantile([1, 2, 3, 100], [1, 1, 1, 0.01], 0.99) // 3: the far point weighs too little
 */
export function weightedQuantile(values: ArrayLike<number>, weights: ArrayLike<number>, q: number): number {
  const idx: number[] = [];
  let total = 0;
  for (let i = 0; i < values.length; i++) if (Number.isFinite(values[i]) && weights[i] > 0 && Number.isFinite(weights[i])) { idx.push(i); total += weights[i]; }
  if (idx.length === 0) return NaN;
  idx.sort((a, b) => values[a] - values[b] || a - b);
  const want = Math.min(1, Math.max(0, q)) * total;
  let acc = 0;
  for (const i of idx) { acc += weights[i]; if (acc >= want - 1e-12 * total) return values[i]; }
  return values[idx[idx.length - 1]];
}

/**
 * The box from the `tail` to the `1 - tail` weighted quantile of x and of y, widened by `marginShare`
 * of its size on every side; falls back to the plain bounding box when there is no weight.
 */
export function demandBounds(xs: ArrayLike<number>, ys: ArrayLike<number>, weights: ArrayLike<number>, opts: { tail?: number; marginShare?: number } = {}): BoundsM | null {
  const tail = opts.tail ?? 0.02, margin = opts.marginShare ?? 0.06;
  const minX = weightedQuantile(xs, weights, tail), maxX = weightedQuantile(xs, weights, 1 - tail);
  const minY = weightedQuantile(ys, weights, tail), maxY = weightedQuantile(ys, weights, 1 - tail);
  if (![minX, maxX, minY, maxY].every(Number.isFinite)) return boundsOf(xs, ys);
  const w = maxX - minX, h = maxY - minY;
  return { minX: minX - w * margin, maxX: maxX + w * margin, minY: minY - h * margin, maxY: maxY + h * margin };
}

/** The smallest box holding both (either may be null). */
export function unionBounds(a: BoundsM | null, b: BoundsM | null): BoundsM | null {
  if (!a) return b;
  if (!b) return a;
  return { minX: Math.min(a.minX, b.minX), minY: Math.min(a.minY, b.minY), maxX: Math.max(a.maxX, b.maxX), maxY: Math.max(a.maxY, b.maxY) };
}

/**
 * The box Fit frames for one or more runs on one projection: the central 96 % of each run's demand
 * weight (coverage.json demand; else of its nodes, each weighing 1), with the key sites.
 */
export function runFitBounds(runs: readonly RunData[], scenes: readonly RunScene[]): BoundsM {
  let b: BoundsM | null = null;
  runs.forEach((run, i) => {
    const s = scenes[i], c = run.coverage;
    const box = c
      ? demandBounds(Float64Array.from(c.demandNode, (v) => s.nodeXM[v]), Float64Array.from(c.demandNode, (v) => s.nodeYM[v]), c.demandWeight)
      : demandBounds(s.nodeXM, s.nodeYM, new Float64Array(s.nodeXM.length).fill(1));
    b = unionBounds(unionBounds(b, box), boundsOf(s.siteXM, s.siteYM));
  });
  return b ?? scenes[0].boundsM;
}
