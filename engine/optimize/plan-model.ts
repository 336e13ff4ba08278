import type { CoverageSets } from './coverage-sets.ts';
import { addCoverageTerms, type CoverageTerms } from './coverage-terms.ts';
import { createMilpBuilder, type MilpModel } from './milp.ts';
import { nextBlock, unitsOnDuty, type PlanAssignment, type PlanProblem } from './plan.ts';
import type { TierValue } from './tier-value.ts';

/**
 * The time-of-day plan as one MILP over all blocks, linked by the moves at block boundaries:
 *
 *   maximise    Σ_b Σ_t w_t Σ_i a_ib v_tb(n_itb)  −  c Σ_b Σ_{u∈C_b} (1 − Σ_j s_ujb)
 *   subject to  n_itb = Σ_{j∈N_tb(i)} y_jb                                (coverage-terms.ts)
 *               Σ_j y_jb = P_b                                             ∀ b
 *               y_jb − Σ_{u∈L_b} x_ujb >= F_jb,   F_jb <= y_jb <= U_jb       ∀ j, b
 *               Σ_j x_ujb = 1                                              ∀ u ∈ L, b ∈ D(u)
 *               s_ujb <= x_ujb,  s_ujb <= x_uj,b+1                         ∀ u ∈ C_b, j
 *               Σ_{u∈C_b} (1 − Σ_j s_ujb) <= M                             ∀ b (boundary b → b+1)
 *               Σ_j j x_ujb(u) <= Σ_j j x_vjb(u)                           u, v consecutive identical units
 *               y_jb ∈ {0, 1, ...},  x_ujb ∈ {0, 1},  0 <= s_ujb <= 1
 *
 * Blocks b (cyclic: b + 1 of the last block is the first); sites j; demand i with weight a_ib in
 * block b; tiers t (target T_t, k_t units, weight w_t) with value v_tb (static [n >= k_t], or the
 * probability that at least k_t of n units are free when each is busy with probability q_b;
 * tier-value.ts); N_tb(i) = { j : d_ijb <= T_t } with block b's travel times. y_jb: units at site j in
 * block b; P_b: units on duty; F_jb: fixed units (existing posts' units on duty) at j; U_jb: the cap
 * (0: forbidden in the block). D(u): the blocks unit u works. L_b: the movable units on duty in b
 * that also work the block before or after (the only ones whose identity matters: they can move);
 * other movable units are counted only through y (their slack in the third row). x_ujb = 1 when unit
 * u stands at j in block b. C_b: the units of L working both b and b + 1; s_ujb = 1 when u stays at j
 * across that boundary, so 1 − Σ_j s_ujb is 1 exactly when u changes place (s is pushed up by the
 * move cost c and the limit M, and can always reach min(x_ujb, x_uj,b+1)). The last row breaks the
 * symmetry of units with the same duty blocks (any plan can swap such units' whole schedules): they
 * are ordered by their site in their first duty block b(u).
 * Per-unit x (not counts per group) keeps the model exact when the day is a cycle of three or more
 * blocks, where counting stays between consecutive blocks alone can promise fewer moves than any
 * plan in which every unit repeats its day (A→B→C→A needs 4 moves for 2 units, not 3).
 * With one block there are no x or s and the model is the one-block tiered model.
 * Columns: y (block-major), then per block its coverage columns, then x, then s. The objective's
 * constant −c Σ_b |C_b| is returned as `offset` (MILP objective + offset = plan objective).
 */
export interface PlanModel {
  readonly milp: MilpModel;
  readonly offset: number;
  decode(x: ArrayLike<number>): PlanAssignment;
  encode(plan: PlanAssignment): Float64Array;
}

export function buildPlanModel(problem: PlanProblem, values: readonly TierValue[][], sets: readonly CoverageSets[][]): PlanModel {
  const nb = problem.blocks.length;
  const nj = problem.blocks[0].problem.candidateIds.length;
  const units = problem.units;
  const b = createMilpBuilder('max');
  // y_jb
  const yCol = (j: number, blk: number) => blk * nj + j;
  const fixed = problem.blocks.map((_, blk) => {
    const f = new Int32Array(nj);
    for (const u of units) if (u.onDuty[blk] && u.fixedSite >= 0) f[u.fixedSite]++;
    return f;
  });
  const caps = problem.blocks.map((blk, k) => Int32Array.from(blk.problem.maxUnits, (c) => Math.min(c, unitsOnDuty(problem, k))));
  for (let blk = 0; blk < nb; blk++) for (let j = 0; j < nj; j++) b.addCol(0, fixed[blk][j], caps[blk][j], true);
  const terms: CoverageTerms[] = [];
  for (let blk = 0; blk < nb; blk++) {
    const ycols = Int32Array.from({ length: nj }, (_, j) => yCol(j, blk));
    terms.push(addCoverageTerms(b, problem.blocks[blk].problem, problem.tiers, values[blk], sets[blk], ycols, caps[blk], unitsOnDuty(problem, blk)));
  }
  // Linked movable units: on duty in some block and in the next.
  const linked = (u: number, blk: number) => {
    const U = units[u];
    if (U.fixedSite >= 0 || !U.onDuty[blk]) return false;
    const nx = nextBlock(problem, blk), pv = nb === 1 ? -1 : (blk + nb - 1) % nb;
    return (nx >= 0 && U.onDuty[nx]) || (pv >= 0 && U.onDuty[pv]);
  };
  // x_ujb: column index per (u, b, j), -1 where absent.
  const xStart = new Map<number, number>(); // key u * nb + blk -> first column (nj consecutive)
  for (let u = 0; u < units.length; u++) {
    for (let blk = 0; blk < nb; blk++) {
      if (!linked(u, blk)) continue;
      const first = b.numCols;
      for (let j = 0; j < nj; j++) b.addCol(0, 0, caps[blk][j] > 0 ? 1 : 0, true);
      xStart.set(u * nb + blk, first);
    }
  }
  // s_ujb for each boundary blk -> next.
  const sStart = new Map<number, number>();
  let offset = 0;
  for (let blk = 0; blk < nb; blk++) {
    const nx = nextBlock(problem, blk);
    if (nx < 0) continue;
    for (let u = 0; u < units.length; u++) {
      if (!xStart.has(u * nb + blk) || !xStart.has(u * nb + nx)) continue;
      const first = b.numCols;
      for (let j = 0; j < nj; j++) b.addCol(problem.moveCost, 0, caps[blk][j] > 0 && caps[nx][j] > 0 ? 1 : 0, false);
      sStart.set(u * nb + blk, first);
      offset -= problem.moveCost;
    }
  }
  // Rows.
  for (let blk = 0; blk < nb; blk++) {
    b.addRow(unitsOnDuty(problem, blk), unitsOnDuty(problem, blk), Int32Array.from({ length: nj }, (_, j) => yCol(j, blk)), 1);
    const here: number[] = [];
    for (let u = 0; u < units.length; u++) { const x0 = xStart.get(u * nb + blk); if (x0 !== undefined) here.push(x0); }
    if (here.length === 0) continue;
    for (let j = 0; j < nj; j++) {
      if (caps[blk][j] === 0) continue;
      b.addRow(fixed[blk][j], Infinity, [yCol(j, blk), ...here.map((x0) => x0 + j)], [1, ...here.map(() => -1)]);
    }
  }
  for (const x0 of xStart.values()) b.addRow(1, 1, Int32Array.from({ length: nj }, (_, j) => x0 + j), 1);
  for (let blk = 0; blk < nb; blk++) {
    const nx = nextBlock(problem, blk);
    if (nx < 0) continue;
    const rowIdx: number[] = [];
    let continuing = 0;
    for (let u = 0; u < units.length; u++) {
      const s0 = sStart.get(u * nb + blk);
      if (s0 === undefined) continue;
      continuing++;
      const xa = xStart.get(u * nb + blk)!, xb = xStart.get(u * nb + nx)!;
      for (let j = 0; j < nj; j++) {
        if (caps[blk][j] === 0 || caps[nx][j] === 0) continue;
        b.addRow(-Infinity, 0, [s0 + j, xa + j], [1, -1]);
        b.addRow(-Infinity, 0, [s0 + j, xb + j], [1, -1]);
        rowIdx.push(s0 + j);
      }
    }
    // Σ moves <= M  ⇔  Σ s >= |C_b| − M.
    if (continuing > 0 && Number.isFinite(problem.maxMoves) && problem.maxMoves < continuing) b.addRow(continuing - problem.maxMoves, Infinity, rowIdx, 1);
  }
  // Symmetry: consecutive linked units with the same duty blocks, ordered by the site of their first duty block.
  const pattern = (u: number) => units[u].onDuty.map((d) => (d ? '1' : '0')).join('');
  const groups = new Map<string, number[]>();
  for (let u = 0; u < units.length; u++) {
    if (units[u].fixedSite >= 0) continue;
    const first = units[u].onDuty.findIndex((d) => d);
    if (first < 0 || !xStart.has(u * nb + first)) continue;
    const key = pattern(u);
    (groups.get(key) ?? groups.set(key, []).get(key)!).push(u);
  }
  for (const list of groups.values()) {
    const first = units[list[0]].onDuty.findIndex((d) => d);
    for (let q = 0; q + 1 < list.length; q++) {
      const xa = xStart.get(list[q] * nb + first)!, xb = xStart.get(list[q + 1] * nb + first)!;
      const idx: number[] = [], val: number[] = [];
      for (let j = 1; j < nj; j++) { idx.push(xa + j, xb + j); val.push(j, -j); }
      if (idx.length) b.addRow(-Infinity, 0, idx, val);
    }
  }
  const milp = b.build();

  return {
    milp,
    offset,
    decode(x) {
      const plan: PlanAssignment = units.map(() => new Int32Array(nb).fill(-1));
      for (let blk = 0; blk < nb; blk++) {
        const free = new Int32Array(nj);
        for (let j = 0; j < nj; j++) free[j] = Math.round(x[yCol(j, blk)]) - fixed[blk][j];
        units.forEach((u, k) => {
          if (!u.onDuty[blk]) return;
          if (u.fixedSite >= 0) { plan[k][blk] = u.fixedSite; return; }
          const x0 = xStart.get(k * nb + blk);
          if (x0 === undefined) return;
          let best = 0;
          for (let j = 1; j < nj; j++) if (x[x0 + j] > x[x0 + best]) best = j;
          plan[k][blk] = best;
          free[best]--;
        });
        // Units without a boundary fill the remaining room, in site order (their identity does not matter).
        let j = 0;
        units.forEach((u, k) => {
          if (!u.onDuty[blk] || plan[k][blk] >= 0) return;
          while (j < nj && free[j] <= 0) j++;
          if (j === nj) throw new Error(`internal: block ${problem.blocks[blk].name} has no room left for unit ${u.id}`);
          plan[k][blk] = j;
          free[j]--;
        });
      }
      return plan;
    },
    encode(given) {
      // Order units with the same duty blocks as the symmetry rows ask (swapping whole schedules).
      const plan = given.map((r) => r.slice());
      for (const list of groups.values()) {
        const first = units[list[0]].onDuty.findIndex((d) => d);
        const rows = list.map((u) => given[u]).sort((r1, r2) => r1[first] - r2[first]);
        list.forEach((u, q) => { plan[u] = rows[q].slice(); });
      }
      const x = new Float64Array(milp.numCols);
      for (let blk = 0; blk < nb; blk++) for (const row of plan) if (row[blk] >= 0) x[yCol(row[blk], blk)]++;
      terms.forEach((t) => t.encode(x));
      for (const [key, x0] of xStart) {
        const u = Math.floor(key / nb), blk = key % nb;
        x[x0 + plan[u][blk]] = 1;
      }
      for (const [key, s0] of sStart) {
        const u = Math.floor(key / nb), blk = key % nb;
        const nx = nextBlock(problem, blk);
        if (plan[u][blk] === plan[u][nx]) x[s0 + plan[u][blk]] = 1;
      }
      return x;
    },
  };
}
