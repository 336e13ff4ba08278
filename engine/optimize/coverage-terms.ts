import type { CoverageSets } from './coverage-sets.ts';
import type { createMilpBuilder } from './milp.ts';
import type { LocationProblem } from './problem.ts';
import { concaveFrom, type TierValue } from './tier-value.ts';
import type { WeightedTier } from './tiered.ts';

type Builder = ReturnType<typeof createMilpBuilder>;

/** Fills the coverage columns of a solution vector from the unit columns (for warm starts). */
export interface CoverageTerms {
  encode(x: Float64Array): void;
}

/**
 * Add the tier objective Σ_t w_t Σ_i a_i v_t(n_it) of one deployment to a MILP, where
 * n_it = Σ_{j∈N_t(i)} y_j and y_j is column `yCol[j]` (integer). Two forms, by the tier's value table:
 *
 * Step values v(n) = [n >= k] (static objective): one binary z_it per demand point and tier,
 *     Σ_{j∈N_t(i)} y_j − k_t z_it >= 0,   objective coefficient w_t a_i.
 *
 * Other values (expected objective, the binomial tail), by levels l = 1..L_it, L_it = the most units
 * that can stand within T_t of i (min(P, Σ_{j∈N_t(i)} caps)), Δ_t(l) = v_t(l) − v_t(l − 1):
 *     Σ_l z_itl − Σ_{j∈N_t(i)} y_j <= 0,             objective coefficient of z_itl: w_t a_i Δ_t(l)
 *     z_it1 >= z_it2 >= ... >= z_itm  binary          (m = concaveFrom(v_t): the levels whose
 *                                                      increments still rise)
 *     0 <= z_itl <= z_itm  continuous,  l > m          (z_itl <= 1 when m = 0)
 * Correct for integer y: with n units near i, the binary prefix can only be filled in order, and
 * beyond it the increments never rise, so the LP fills the continuous levels in order and the
 * objective is exactly v_t(n) (levels past n stay empty because Σ_l z_itl <= n). With k = 1 every
 * level is continuous (m = 0): MEXCLP (Daskin 1983). Continuous levels with Δ = 0 are left out.
 *
 * Terms are skipped where a_i = 0, w_t = 0 or N_t(i) is empty. `scale` multiplies every objective
 * coefficient (the plan model weighs blocks this way).
 */
export function addCoverageTerms(
  b: Builder, p: LocationProblem, tiers: readonly WeightedTier[], values: readonly TierValue[], sets: readonly CoverageSets[],
  yCol: ArrayLike<number>, caps: ArrayLike<number>, totalUnits: number, scale = 1,
): CoverageTerms {
  const ni = p.demandIds.length;
  /** Each term: the y columns it counts, and how its z columns follow from the count. */
  const stepTerms: { cols: number[]; z: number; k: number }[] = [];
  const levelTerms: { cols: number[]; z: number[] }[] = [];
  const idx: number[] = [], val: number[] = [];
  tiers.forEach((tier, t) => {
    const s = sets[t];
    const w = (tier.weight ?? 1) * scale;
    const v = values[t].value;
    const step = values[t].step;
    const m = step ? 0 : concaveFrom(v);
    for (let i = 0; i < ni; i++) {
      const a = p.demandWeight[i];
      const start = s.demStart[i], end = s.demStart[i + 1];
      if (!(a > 0) || end === start || !(w > 0)) continue;
      const cols: number[] = [];
      let L = 0;
      for (let q = start; q < end; q++) { cols.push(yCol[s.demCand[q]]); L += caps[s.demCand[q]]; }
      L = Math.min(L, totalUnits);
      if (step) {
        const z = b.addCol(w * a, 0, 1, true);
        idx.length = 0; val.length = 0;
        for (const c of cols) { idx.push(c); val.push(1); }
        idx.push(z); val.push(-tier.units);
        b.addRow(0, Infinity, idx, val);
        stepTerms.push({ cols, z, k: tier.units });
        continue;
      }
      const at = (n: number) => v[Math.min(n, v.length - 1)];
      const z: number[] = [];
      for (let l = 1; l <= L; l++) {
        const inc = at(l) - at(l - 1);
        if (l > m && !(inc > 0)) continue;
        z.push(b.addCol(w * a * inc, 0, 1, l <= m));
      }
      if (z.length === 0) continue;
      idx.length = 0; val.length = 0;
      for (const c of z) { idx.push(c); val.push(1); }
      for (const c of cols) { idx.push(c); val.push(-1); }
      b.addRow(-Infinity, 0, idx, val);
      const mm = Math.min(m, z.length);
      for (let l = 1; l < mm; l++) b.addRow(0, Infinity, [z[l - 1], z[l]], [1, -1]);
      if (mm >= 1) for (let l = mm; l < z.length; l++) b.addRow(0, Infinity, [z[mm - 1], z[l]], [1, -1]);
      levelTerms.push({ cols, z });
    }
  });
  return {
    encode(x) {
      for (const s of stepTerms) {
        let n = 0;
        for (const c of s.cols) n += x[c];
        x[s.z] = n >= s.k ? 1 : 0;
      }
      for (const s of levelTerms) {
        let n = 0;
        for (const c of s.cols) n += x[c];
        s.z.forEach((c, l) => { x[c] = l < n ? 1 : 0; });
      }
    },
  };
}
