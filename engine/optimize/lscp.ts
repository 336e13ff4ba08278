import { coverageSets, uncoverable, type CoverageSets } from './coverage-sets.ts';
import { createMilpBuilder, type MilpModel } from './milp.ts';
import type { LocationProblem } from './problem.ts';

/**
 * Location set covering problem (LSCP, Toregas et al. 1971): the least-cost set of sites such that
 * every demand point is covered within the target.
 *
 *   minimise    Σ_{j∈J} c_j x_j
 *   subject to  Σ_{j∈N(i)} x_j >= 1        for every i ∈ I with a_i > 0
 *               x_j = 1                     for every existing post j (minUnits_j >= 1)
 *               x_j = 0                     for every forbidden site j (maxUnits_j = 0)
 *               x_j ∈ {0, 1}
 *
 * I: demand points; J: candidate sites; c_j: cost of opening site j (1 when none is given, so the
 * objective counts sites); a_i: demand weight; T: target; N(i) = { j ∈ J : d_ij <= T } the sites
 * covering i (covered means arrival time d_ij <= T); x_j = 1 when site j is open.
 * Column j of the model is x_j. Infeasible when some demand point has no covering site.
 */
export interface LscpModel {
  readonly milp: MilpModel;
  /** Demand points with a_i > 0 that no site covers (the model is then infeasible). */
  readonly uncoverable: readonly number[];
  /** Sites open in a solution vector. */
  decode(x: ArrayLike<number>): Int32Array;
}

export function buildLscpModel(p: LocationProblem, targetS: number, options: { sets?: CoverageSets; fixed?: Int8Array } = {}): LscpModel {
  const nj = p.candidateIds.length;
  const sets = options.sets ?? coverageSets(p, targetS);
  const b = createMilpBuilder('min');
  for (let j = 0; j < nj; j++) {
    // Sites fixed by a bound (lscp-bound.ts) as well as by the problem.
    const f = options.fixed?.[j] ?? -1;
    const lo = p.minUnits[j] >= 1 || f === 1 ? 1 : 0;
    const hi = p.maxUnits[j] >= 1 && f !== 0 ? 1 : 0;
    b.addCol(p.siteCost[j], lo, hi, true);
  }
  for (let i = 0; i < p.demandIds.length; i++) {
    if (!(p.demandWeight[i] > 0)) continue;
    const s = sets.demStart[i], e = sets.demStart[i + 1];
    if (e > s) b.addRow(1, Infinity, sets.demCand.subarray(s, e), 1);
  }
  let integral = true;
  for (let j = 0; j < nj && integral; j++) if (!Number.isInteger(p.siteCost[j])) integral = false;
  return {
    milp: b.build({ objectiveIntegral: integral }),
    uncoverable: uncoverable(p, sets),
    decode: (x) => Int32Array.from({ length: nj }, (_, j) => (x[j] > 0.5 ? 1 : 0)),
  };
}

/**
 * Recompute the LSCP answer from the data: total cost of the open sites, and the demand points
 * (a_i > 0) left uncovered within the target (a feasible answer leaves none).
 */
export function evaluateLscp(p: LocationProblem, targetS: number, units: ArrayLike<number>): { cost: number; uncovered: number[] } {
  const nj = p.candidateIds.length;
  const covered = new Uint8Array(p.demandIds.length);
  let cost = 0;
  for (let j = 0; j < nj; j++) {
    if (!(units[j] > 0)) continue;
    cost += p.siteCost[j];
    for (let k = p.reachStart[j]; k < p.reachStart[j + 1]; k++) if (p.reachCost[k] <= targetS) covered[p.reachDemand[k]] = 1;
  }
  const uncovered: number[] = [];
  for (let i = 0; i < p.demandIds.length; i++) if (p.demandWeight[i] > 0 && !covered[i]) uncovered.push(i);
  return { cost, uncovered };
}
