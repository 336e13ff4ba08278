import type { LocationProblem } from './problem.ts';
import { buildTieredModel, evaluateTiered, type TieredModel } from './tiered.ts';

/**
 * Maximal covering location problem (MCLP, Church & ReVelle 1974): open P sites to cover the most
 * demand weight within the target.
 *
 *   maximise    Σ_{i∈I} a_i z_i
 *   subject to  Σ_{j∈N(i)} x_j >= z_i    for every i ∈ I
 *               Σ_{j∈J} x_j = P
 *               x_j = 1 for existing posts (minUnits_j >= 1); x_j = 0 for forbidden sites
 *               x_j ∈ {0, 1}, z_i ∈ {0, 1}
 *
 * I: demand points, a_i >= 0 their weights; J: candidate sites; T: target; N(i) = { j : d_ij <= T }
 * (covered means arrival time d_ij <= T); P: sites to open (existing posts count towards P);
 * x_j = 1 when site j is open; z_i = 1 when demand i is covered. Built as the tiered model with one
 * tier (T, 1), weight 1 and at most one unit per site, so columns are x_j, then the z_i.
 */
export function buildMclpModel(p: LocationProblem, targetS: number, facilities: number): TieredModel {
  return buildTieredModel(siteProblem(p), { tiers: [{ targetS, units: 1 }], units: facilities });
}

/** Recompute the MCLP objective: the weight of demand within the target of an open site. */
export function evaluateMclp(p: LocationProblem, targetS: number, open: ArrayLike<number>): number {
  return evaluateTiered(p, [{ targetS, units: 1 }], open).objective;
}

/** The same problem with at most one unit per site and existing posts holding exactly one. */
export function siteProblem(p: LocationProblem): LocationProblem {
  return {
    ...p,
    minUnits: p.minUnits.map((m) => (m >= 1 ? 1 : 0)),
    maxUnits: p.maxUnits.map((m) => (m >= 1 ? 1 : 0)),
  };
}
