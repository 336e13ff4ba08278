import type { CoverageSets } from './coverage-sets.ts';
import type { LocationProblem } from './problem.ts';
import type { TierValue } from './tier-value.ts';
import type { WeightedTier } from './tiered.ts';

/**
 * The objective of a deployment, kept up to date unit by unit, with the gain of adding 1..K units at
 * every site: what the tiered heuristics (one block, and the time-of-day plan) search with.
 *
 * Objective: Σ_t w_t Σ_i a_i v_t(n_it), where n_it = Σ_{j∈N_t(i)} y_j is the number of units within
 * T_t of demand i and v_t the tier's value table (tier-value.ts: [n >= k] for the static objective,
 * the binomial tail for the expected one). `gain[n − 1][j]` = objective added by n more units at j.
 * When demand i's count in tier t changes, only the sites in N_t(i) see their gains change.
 *
 * `gainTolerance` (default 0: exact gains): a change of a demand point's increments smaller than this
 * (in value per unit demand weight) is not passed on to the gains. The objective is always exact; the
 * gains then only guide which site to try, and the heuristics accept a move by the exact objective.
 * With the expected objective nearly every count change moves every increment a little (the far tail of
 * a binomial), and on a dense city model passing all of them on costs a hundred times the static model.
 */
export interface TierState {
  /** Units per site (read-only outside: change it with add/remove). */
  readonly units: Int32Array;
  /** Gains for 1..K more units: gain[n − 1][j]. */
  readonly gain: readonly Float64Array[];
  readonly objective: number;
  /** One more unit at j. */
  add(j: number): void;
  /** One unit fewer at j (j must hold one). */
  remove(j: number): void;
  /** Set the deployment to `target` unit by unit (only the differences are applied). */
  goTo(target: ArrayLike<number>): void;
}

/**
 * @param maxGainUnits K: gains are kept for 1..K more units (the heuristic places blocks of up to K).
 * @param maxUnits the most units ever deployed at once (value tables must cover maxUnits + K counts).
 */
export function createTierState(
  p: LocationProblem, tiers: readonly WeightedTier[], values: readonly TierValue[], sets: readonly CoverageSets[], maxGainUnits: number,
  gainTolerance = 0,
): TierState {
  const nj = p.candidateIds.length, ni = p.demandIds.length;
  const nt = tiers.length;
  const K = maxGainUnits;
  const count = tiers.map(() => new Int32Array(ni));
  const gain = Array.from({ length: K }, () => new Float64Array(nj));
  const weight = tiers.map((t) => Float64Array.from(p.demandWeight, (a) => a * (t.weight ?? 1)));
  const tables = values.map((v) => v.value);
  const units = new Int32Array(nj);
  let objective = 0;
  const at = (v: Float64Array, c: number) => v[c < v.length ? c : v.length - 1];

  // Initial gains: all counts 0, so n units at j add Σ_{i∈M_t(j)} a_i w_t v_t(n).
  for (let t = 0; t < nt; t++) {
    const s = sets[t], v = tables[t];
    for (let j = 0; j < nj; j++) {
      let w = 0;
      for (let q = s.candStart[j]; q < s.candStart[j + 1]; q++) w += weight[t][s.candDemand[q]];
      if (w === 0) continue;
      for (let n = 1; n <= K; n++) { const d = at(v, n) - v[0]; if (d !== 0) gain[n - 1][j] += w * d; }
    }
  }

  const change = (j: number, delta: 1 | -1) => {
    units[j] += delta;
    for (let t = 0; t < nt; t++) {
      const s = sets[t], c = count[t], v = tables[t], wt = weight[t];
      for (let q = s.candStart[j]; q < s.candStart[j + 1]; q++) {
        const i = s.candDemand[q];
        const before = c[i], after = before + delta;
        c[i] = after;
        const a = wt[i];
        if (a === 0) continue;
        const vb = at(v, before), va = at(v, after);
        if (va !== vb) objective += a * (va - vb);
        for (let n = 1; n <= K; n++) {
          const dd = (at(v, after + n) - va) - (at(v, before + n) - vb);
          if (dd === 0 || (dd < gainTolerance && dd > -gainTolerance)) continue;
          const d = a * dd;
          const g = gain[n - 1];
          for (let r = s.demStart[i]; r < s.demStart[i + 1]; r++) g[s.demCand[r]] += d;
        }
      }
    }
  };
  return {
    units,
    gain,
    get objective() { return objective; },
    add(j) { change(j, 1); },
    remove(j) {
      if (units[j] <= 0) throw new Error(`internal: no unit to remove at site ${j}`);
      change(j, -1);
    },
    goTo(target) {
      for (let j = 0; j < nj; j++) while (units[j] > target[j]) change(j, -1);
      for (let j = 0; j < nj; j++) while (units[j] < target[j]) change(j, 1);
    },
  };
}

/** Recompute Σ_t w_t Σ_i a_i v_t(n_it) from scratch (the independent check of a heuristic's claim). */
export function evaluateTierValues(p: LocationProblem, tiers: readonly WeightedTier[], values: readonly TierValue[], units: ArrayLike<number>): { objective: number; perTier: number[] } {
  const ni = p.demandIds.length, nj = p.candidateIds.length;
  const count = new Int32Array(ni);
  const perTier: number[] = [];
  let objective = 0;
  tiers.forEach((tier, t) => {
    count.fill(0);
    for (let j = 0; j < nj; j++) {
      const u = units[j];
      if (!(u > 0)) continue;
      for (let k = p.reachStart[j]; k < p.reachStart[j + 1]; k++) if (p.reachCost[k] <= tier.targetS) count[p.reachDemand[k]] += u;
    }
    const v = values[t].value;
    let w = 0;
    for (let i = 0; i < ni; i++) w += p.demandWeight[i] * v[Math.min(count[i], v.length - 1)];
    perTier.push(w);
    objective += (tier.weight ?? 1) * w;
  });
  return { objective, perTier };
}
