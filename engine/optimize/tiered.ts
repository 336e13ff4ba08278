import { coverageSets, type CoverageSets } from './coverage-sets.ts';
import { addCoverageTerms } from './coverage-terms.ts';
import { createMilpBuilder, type MilpModel } from './milp.ts';
import type { LocationProblem } from './problem.ts';
import { tierValues, type TierValue } from './tier-value.ts';

/** One tier of a response standard with its weight in the objective. */
export interface WeightedTier {
  /** T_t: target in the problem's cost unit (seconds on networks). */
  readonly targetS: number;
  /** k_t: units that must arrive within T_t. */
  readonly units: number;
  /** w_t: weight of the tier in the objective (default 1). */
  readonly weight?: number;
}

export interface TieredParams {
  readonly tiers: readonly WeightedTier[];
  /** P: units to deploy (exactly). */
  readonly units: number;
  /** B: budget on the opening costs of the sites used (no budget when absent). */
  readonly budget?: number;
}

/**
 * The tiered standard model (the 1/3/5-minute standard as a maximal covering model with
 * multiple coverage, after Daskin & Stern 1981 / Hogan & ReVelle 1986, with integer units per post):
 * maximise the weighted demand that meets each tier.
 *
 *   maximise    Σ_{t∈Θ} w_t Σ_{i∈I} a_i z_it
 *   subject to  Σ_{j∈N_t(i)} y_j >= k_t z_it     for every i ∈ I, t ∈ Θ
 *               Σ_{j∈J} y_j = P
 *               m_j <= y_j <= U_j o_j             for every j ∈ J
 *               Σ_{j∈J} c_j o_j <= B              (only when a budget is given)
 *               o_j = 1 where m_j >= 1 (existing posts stay open); U_j = 0 for forbidden sites
 *               y_j ∈ {0, 1, 2, ...}, o_j ∈ {0, 1}, z_it ∈ {0, 1}
 *
 * I: demand points, a_i >= 0 their weights; J: candidate sites (posts); Θ: tiers, tier t asks for at
 * least k_t units within target T_t and weighs w_t; N_t(i) = { j ∈ J : d_ij <= T_t } (covered means
 * arrival time d_ij <= T_t; a post with y_j units counts y_j times); y_j: units at post j; m_j, U_j:
 * fewest and most units post j may hold (m_j >= 1 for existing posts); o_j = 1 when post j is used;
 * c_j: its opening cost; B: budget; P: units to deploy; z_it = 1 when demand i meets tier t.
 * Without a budget the o_j are dropped (y_j <= min(U_j, P)). Columns: y_j (j = 0..|J|-1), then the
 * o_j when there is a budget, then the z_it. z_it is omitted where a_i = 0 or N_t(i) is empty.
 * With one tier (T, 1) and U_j = 1 this is the MCLP.
 *
 * Busy-aware (expected) objective: with value tables v_t (tier-value.ts; v_t(n) = P(at least k_t of n
 * units free), each busy with probability q), the objective is Σ_t w_t Σ_i a_i v_t(n_it) and each
 * z_it is replaced by levels z_itl (binary where the increments of v_t still rise, continuous after;
 * coverage-terms.ts). k_t = 1 gives MEXCLP (Daskin 1983).
 */
export interface TieredModel {
  readonly milp: MilpModel;
  /** Units per site in a solution vector. */
  decode(x: ArrayLike<number>): Int32Array;
  /** A solution vector for a given deployment (for warm starts). */
  encode(units: ArrayLike<number>): Float64Array;
}

/** Check the parameters against the problem; returns problems as strings. */
export function validateTiered(p: LocationProblem, params: TieredParams): string[] {
  const out: string[] = [];
  if (params.tiers.length === 0) out.push('tiers: expected at least one tier');
  params.tiers.forEach((t, i) => {
    if (!(t.targetS >= 0 && Number.isFinite(t.targetS))) out.push(`tiers[${i}].targetS: expected a number >= 0, got ${t.targetS}`);
    if (!(Number.isInteger(t.units) && t.units >= 1)) out.push(`tiers[${i}].units: expected an integer >= 1, got ${t.units}`);
    if (t.weight !== undefined && !(t.weight >= 0 && Number.isFinite(t.weight))) out.push(`tiers[${i}].weight: expected a number >= 0, got ${t.weight}`);
  });
  if (!(Number.isInteger(params.units) && params.units >= 1)) out.push(`units: expected an integer >= 1, got ${params.units}`);
  let minSum = 0, maxSum = 0;
  for (let j = 0; j < p.candidateIds.length; j++) { minSum += p.minUnits[j]; maxSum += Math.min(p.maxUnits[j], params.units); }
  if (minSum > params.units) out.push(`units: existing posts already hold ${minSum} units, more than the ${params.units} to deploy`);
  if (maxSum < params.units) out.push(`units: the candidate sites hold at most ${maxSum} units, fewer than the ${params.units} to deploy`);
  if (params.budget !== undefined) {
    let fixedCost = 0;
    for (let j = 0; j < p.candidateIds.length; j++) if (p.minUnits[j] >= 1) fixedCost += p.siteCost[j];
    if (!(params.budget >= 0)) out.push(`budget: expected a number >= 0, got ${params.budget}`);
    else if (fixedCost > params.budget) out.push(`budget: the existing posts alone cost ${fixedCost}, more than the budget ${params.budget}`);
  }
  return out;
}

export function buildTieredModel(p: LocationProblem, params: TieredParams, sets?: readonly CoverageSets[], values?: readonly TierValue[]): TieredModel {
  const problems = validateTiered(p, params);
  if (problems.length) throw new Error(problems.join('; '));
  const nj = p.candidateIds.length;
  const P = params.units;
  const tierSets = sets ?? params.tiers.map((t) => coverageSets(p, t.targetS));
  const tierVals = values ?? tierValues(params.tiers, 'static', 0, P);
  const b = createMilpBuilder('max');
  const caps = Int32Array.from(p.maxUnits, (u) => Math.min(u, P));
  for (let j = 0; j < nj; j++) b.addCol(0, p.minUnits[j], caps[j], true);
  const hasBudget = params.budget !== undefined;
  if (hasBudget) {
    for (let j = 0; j < nj; j++) b.addCol(0, p.minUnits[j] >= 1 ? 1 : 0, p.maxUnits[j] >= 1 ? 1 : 0, true);
  }
  const terms = addCoverageTerms(b, p, params.tiers, tierVals, tierSets, Int32Array.from({ length: nj }, (_, j) => j), caps, P);
  b.addRow(P, P, Int32Array.from({ length: nj }, (_, j) => j), 1);
  if (hasBudget) {
    for (let j = 0; j < nj; j++) {
      if (p.maxUnits[j] >= 1) b.addRow(-Infinity, 0, [j, nj + j], [1, -caps[j]]);
    }
    b.addRow(-Infinity, params.budget!, Int32Array.from({ length: nj }, (_, j) => nj + j), p.siteCost);
  }
  const milp = b.build();
  return {
    milp,
    decode: (x) => Int32Array.from({ length: nj }, (_, j) => Math.round(x[j])),
    encode(units) {
      const x = new Float64Array(milp.numCols);
      for (let j = 0; j < nj; j++) { x[j] = units[j]; if (hasBudget) x[nj + j] = units[j] > 0 ? 1 : 0; }
      terms.encode(x);
      return x;
    },
  };
}

export interface TieredEvaluation {
  /** Σ_t w_t × (weight meeting tier t). */
  objective: number;
  /** Weight meeting each tier. */
  coveredWeight: number[];
  /** Opening cost of the sites used. */
  cost: number;
  units: number;
}

/**
 * Recompute the tiered objective of a deployment from the data: demand i meets tier t when the
 * units at sites with d_ij <= T_t add up to at least k_t.
 */
export function evaluateTiered(p: LocationProblem, tiers: readonly WeightedTier[], units: ArrayLike<number>): TieredEvaluation {
  const ni = p.demandIds.length, nj = p.candidateIds.length;
  const count = new Int32Array(ni);
  const coveredWeight: number[] = [];
  let objective = 0;
  for (const tier of tiers) {
    count.fill(0);
    for (let j = 0; j < nj; j++) {
      const u = units[j];
      if (!(u > 0)) continue;
      for (let k = p.reachStart[j]; k < p.reachStart[j + 1]; k++) if (p.reachCost[k] <= tier.targetS) count[p.reachDemand[k]] += u;
    }
    let w = 0;
    for (let i = 0; i < ni; i++) if (count[i] >= tier.units) w += p.demandWeight[i];
    coveredWeight.push(w);
    objective += (tier.weight ?? 1) * w;
  }
  let cost = 0, total = 0;
  for (let j = 0; j < nj; j++) if (units[j] > 0) { cost += p.siteCost[j]; total += units[j]; }
  return { objective, coveredWeight, cost, units: total };
}
