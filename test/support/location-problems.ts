import seedrandom from 'seedrandom';
import { createLocationProblem, type LocationProblem } from '../../engine/optimize/problem.ts';

/** Every way to put P units on the sites within their limits (for brute force on small instances). */
export function* deployments(p: LocationProblem, P: number): Generator<Int32Array> {
  const nj = p.candidateIds.length;
  const y = new Int32Array(nj);
  function* rec(j: number, left: number): Generator<Int32Array> {
    if (j === nj) { if (left === 0) yield y.slice(); return; }
    for (let u = p.minUnits[j]; u <= Math.min(p.maxUnits[j], left); u++) { y[j] = u; yield* rec(j + 1, left - u); }
    y[j] = 0;
  }
  yield* rec(0, P);
}

export interface GeometricOptions {
  /** Pairs farther apart than this are unreachable. */
  radius: number;
  /** Sites 0 .. fixed−1 are existing posts with one unit. */
  fixed?: number;
  /** Opening costs 1..4 (default: 1). */
  costs?: boolean;
  /** Unit caps drawn from lo..hi (default: no cap). */
  caps?: [number, number];
  /** Share of demand points with weight 0 (default: none). */
  zeroWeights?: number;
}

/**
 * Demand points and sites at random places in a 100 × 100 square, cost = rounded distance, demand
 * weights 1..9. Geometric instances are where tiers pull apart: units must spread for a 1-unit tier and
 * bunch for a 3-unit one.
 */
export function geometricProblem(seed: string, ni: number, nj: number, o: GeometricOptions): LocationProblem {
  const rng = seedrandom(seed);
  const at = Array.from({ length: ni + nj }, () => [rng() * 100, rng() * 100]);
  const c: number[] = [], d: number[] = [], v: number[] = [];
  for (let j = 0; j < nj; j++) {
    for (let i = 0; i < ni; i++) {
      const dist = Math.hypot(at[ni + j][0] - at[i][0], at[ni + j][1] - at[i][1]);
      if (dist < o.radius) { c.push(j); d.push(i); v.push(Math.round(dist)); }
    }
  }
  const zero = o.zeroWeights;
  return createLocationProblem({
    demandIds: Array.from({ length: ni }, (_, i) => `d${i}`),
    demandWeight: Array.from({ length: ni }, () => (zero !== undefined && rng() < zero ? 0 : 1 + Math.floor(rng() * 9))),
    candidateIds: Array.from({ length: nj }, (_, j) => `c${j}`),
    siteCost: Array.from({ length: nj }, () => (o.costs ? 1 + Math.floor(rng() * 4) : 1)),
    minUnits: Array.from({ length: nj }, (_, j) => (j < (o.fixed ?? 0) ? 1 : 0)),
    maxUnits: Array.from({ length: nj }, () => (o.caps ? o.caps[0] + Math.floor(rng() * (o.caps[1] - o.caps[0] + 1)) : 1 << 30)),
    pairs: { candidate: c, demand: d, cost: v },
  });
}
