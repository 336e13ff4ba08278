import { coverageSets, type CoverageSets } from './coverage-sets.ts';
import type { LocationProblem } from './problem.ts';
import { tierValues, type TierValue } from './tier-value.ts';
import type { TieredParams } from './tiered.ts';

export interface LagrangianBound {
  /** A proven upper bound on the tiered model's optimum. */
  bound: number;
  iterations: number;
  seconds: number;
}

/**
 * Lagrangian upper bound for the tiered model (see tiered.ts), with each demand point's tiers kept
 * together.
 *
 * Rings: the distinct tier targets T_1 < T_2 < ... < T_R. N_r(i) = { j : d_ij <= T_r } grows with r,
 * so the unit count Y_ir = Σ_{j∈N_r(i)} y_j is an integer that does not decrease with r, and tier t
 * (in ring r(t)) earns v_t(Y_{i,r(t)}) at i, v_t the tier's value table (tier-value.ts: [Y >= k_t]
 * for the static objective, the binomial tail P(Bin(Y, 1 − q) >= k_t) for the expected one; both
 * non-decreasing in Y). The model is therefore
 *
 *   maximise  Σ_i Σ_t w_t a_i v_t(Y_{i,r(t)})
 *   subject to Y_ir <= Σ_{j∈N_r(i)} y_j,  Y_ir integer,  0 <= Y_i1 <= ... <= Y_iR,  Y_ir <= Ymax_ir,
 *              Σ_j y_j = P,  m_j <= y_j <= Ū_j
 *
 * (Ymax_ir = min(P, Σ_{j∈N_r(i)} Ū_j); "<=" in the first row loses nothing because the objective
 * never falls as Y grows). Ū_j = min(U_j, P), lowered to max(K, m_j) (K the largest k_t) when there is
 * no budget, the values are steps (static objective) and the lowered caps still hold P units: a post with more than K units can give one to
 * any site with room without losing a tier anywhere (every demand point it reaches keeps >= K units),
 * so some optimal deployment respects the lower caps. Relaxing the first row with multipliers
 * λ_ir >= 0 gives, for any λ >= 0,
 *
 *   L(λ) = Σ_i S_i(λ) + max { Σ_j ρ_j y_j : Σ_j y_j = P, m_j <= y_j <= Ū_j },
 *   S_i(λ) = max over integer 0 <= Y_i1 <= ... <= Y_iR (Y_ir <= Ymax_ir) of Σ_t w_t a_i v_t(Y_{i,r(t)}) − Σ_r λ_ir Y_ir,
 *   ρ_j = Σ_{(i,r) : j ∈ N_r(i)} λ_ir,
 *
 * and L(λ) >= the optimum (weak duality). S_i is solved exactly by a small dynamic programme over the
 * rings (with step values an optimal Y_ir is 0 or one of the k_t; otherwise every count up to Ymax_ir
 * is tried); the y part by placing the P − Σ m_j free units on the
 * sites with the largest ρ_j. The budget row, when there is one, is dropped (still valid, only looser).
 *
 * Strength: the best L(λ) equals the optimum over the intersection of the convex hulls of each
 * demand point's own integer tier structure, which is never weaker than the LP relaxation and is
 * stronger where tiers need several units. One unit beside a lone demand point with tiers 60 s/1,
 * 180 s/2, 300 s/3 and P = 1: the LP relaxation credits 1 + 1/2 + 1/3, this bound 1 (the optimum).
 * Measured on the Sydney city model (bench/README.md): about 33,700 against the LP relaxation's 34,133.
 * What it still cannot see is how units must bunch or spread across neighbouring demand points, so
 * for multi-unit tiers a gap remains (docs/optimizer.md).
 *
 * λ is improved by deflected subgradient steps (direction d = g + β d_prev with β = 0.8, projected
 * onto λ >= 0; Held–Karp step θ (L − LB) / ||d||², θ = 1 halved after 50 steps without improvement)
 * from λ_ir = Σ_{t in ring r} w_t a_i / (2 k_t); the best L(λ) seen is returned.
 * `lowerBound` is the objective of a known feasible deployment (used by the step size); the search
 * stops once (bound − lowerBound) / lowerBound <= `targetGap` (default: only at the time or iteration limit).
 */
export function tieredLagrangianBound(
  p: LocationProblem, params: TieredParams, lowerBound: number,
  options: { maxIterations?: number; timeLimitS?: number; nowS?: () => number; sets?: readonly CoverageSets[]; theta?: number; patience?: number; startScale?: number; deflection?: number; targetGap?: number; values?: readonly TierValue[] } = {},
): LagrangianBound {
  const nowS = options.nowS ?? (() => 0);
  const t0 = nowS();
  const limit = options.timeLimitS ?? Infinity;
  const maxIter = options.maxIterations ?? 100_000;
  const nj = p.candidateIds.length, ni = p.demandIds.length;
  const tiers = params.tiers;
  const sets = options.sets ?? tiers.map((t) => coverageSets(p, t.targetS));
  const P = params.units;
  const values = options.values ?? tierValues(tiers, 'static', 0, P);
  const allSteps = values.every((v) => v.step);
  const cap = stackCaps(p, params, allSteps);

  // Rings: distinct targets, ascending; each keeps its tiers' (k, w) and the coverage sets of one of them.
  const targets = [...new Set(tiers.map((t) => t.targetS))].sort((a, b) => a - b);
  const R = targets.length;
  const ringSets = targets.map((T) => sets[tiers.findIndex((t) => t.targetS === T)]);
  const ringTiers = targets.map((T) => tiers.filter((t) => t.targetS === T).map((t) => ({ k: t.units, w: t.weight ?? 1 })));
  // Ymax_ir.
  const ymax = targets.map(() => new Int32Array(ni));
  let ymaxAll = 0;
  for (let r = 0; r < R; r++) {
    const s = ringSets[r];
    for (let i = 0; i < ni; i++) {
      let c = 0;
      for (let q = s.demStart[i]; q < s.demStart[i + 1] && c < P; q++) c += cap[s.demCand[q]];
      ymax[r][i] = Math.min(c, P);
      if (ymax[r][i] > ymaxAll) ymaxAll = ymax[r][i];
    }
  }
  // Candidate counts, ascending: with step values (static objective) an optimal Y_ir is 0 or one of
  // the k_t; otherwise every count 0..max Ymax.
  const counts = allSteps ? [0, ...new Set(tiers.map((t) => t.units))].sort((a, b) => a - b) : Array.from({ length: ymaxAll + 1 }, (_, c) => c);
  const nc = counts.length;
  // gainAt[r][c]: tier value (per unit demand weight) earned in ring r with counts[c] units.
  const ringValues = targets.map((T) => tiers.map((t, k) => ({ t, v: values[k].value })).filter((x) => x.t.targetS === T));
  const gainAt = ringValues.map((ts) => counts.map((c) => ts.reduce((s, x) => s + (x.t.weight ?? 1) * x.v[Math.min(c, x.v.length - 1)], 0)));
  // Demand points that take part: positive weight and some tier value reachable.
  const active = new Uint8Array(ni);
  for (let r = 0; r < R; r++) {
    for (let i = 0; i < ni; i++) if (p.demandWeight[i] > 0 && ymax[r][i] > 0 && gainAt[r][nc - 1] > 0) active[i] = 1;
  }
  const startScale = options.startScale ?? 0.5;
  const lambda = targets.map((_, r) => Float64Array.from(p.demandWeight, (a, i) => (active[i] && ymax[r][i] > 0 ? startScale * a * ringTiers[r].reduce((s, t) => s + t.w / t.k, 0) : 0)));
  const count = targets.map(() => new Int32Array(ni)); // Y*_ir of the current subproblem solutions
  const rho = new Float64Array(nj);
  const y = new Int32Array(nj);
  let free = P;
  for (let j = 0; j < nj; j++) free -= p.minUnits[j];
  const order = Int32Array.from({ length: nj }, (_, j) => j);
  const dir = targets.map(() => new Float64Array(ni));
  const deflection = options.deflection ?? 0.8;
  // Dynamic programme scratch: value[r * nc + c], from[r * nc + c].
  const value = new Float64Array(R * nc);
  const from = new Int32Array(R * nc);

  /** S_i(λ) with its argmax written to count[r][i]. */
  const solvePoint = (i: number): number => {
    const a = p.demandWeight[i];
    // Counts above the largest Ymax_ir of this point are never feasible: stop there.
    let ncI = nc;
    while (ncI > 1 && counts[ncI - 1] > ymax[R - 1][i]) ncI--;
    for (let r = 0; r < R; r++) {
      const l = lambda[r][i], ym = ymax[r][i], g = gainAt[r];
      let bestPrev = -Infinity, bestPrevC = 0;
      for (let c = 0; c < ncI; c++) {
        const at = r * nc + c;
        // Best predecessor with a count <= counts[c] (non-decreasing counts), running maximum.
        if (r > 0 && value[at - nc] > bestPrev) { bestPrev = value[at - nc]; bestPrevC = c; }
        if (counts[c] > ym) { value[at] = -Infinity; continue; }
        const base = r === 0 ? 0 : bestPrev;
        value[at] = base + a * g[c] - l * counts[c];
        from[at] = bestPrevC;
      }
    }
    let c = 0;
    for (let q = 1; q < ncI; q++) if (value[(R - 1) * nc + q] > value[(R - 1) * nc + c]) c = q;
    const best = value[(R - 1) * nc + c];
    for (let r = R - 1; r >= 0; r--) { count[r][i] = counts[c]; c = from[r * nc + c]; }
    return best;
  };

  let best = Infinity;
  let theta = options.theta ?? 1;
  const patience = options.patience ?? 50;
  let sinceImproved = 0;
  let it = 0;
  for (; it < maxIter && nowS() - t0 < limit; it++) {
    // Evaluate L(λ).
    let L = 0;
    rho.fill(0);
    for (let i = 0; i < ni; i++) {
      if (!active[i]) continue;
      L += solvePoint(i);
      for (let r = 0; r < R; r++) {
        const l = lambda[r][i];
        if (l === 0) continue;
        const s = ringSets[r];
        for (let q = s.demStart[i]; q < s.demStart[i + 1]; q++) rho[s.demCand[q]] += l;
      }
    }
    for (let j = 0; j < nj; j++) y[j] = p.minUnits[j];
    order.sort((a, b) => rho[b] - rho[a] || a - b);
    let left = free;
    for (let q = 0; q < nj && left > 0; q++) {
      const j = order[q];
      const add = Math.min(left, cap[j] - y[j]);
      if (add > 0) { y[j] += add; left -= add; }
    }
    for (let j = 0; j < nj; j++) L += rho[j] * y[j];
    if (L < best - 1e-9) { best = L; sinceImproved = 0; } else if (++sinceImproved >= patience) { theta /= 2; sinceImproved = 0; }
    const gapTarget = Math.max(options.targetGap ?? 0, 1e-9);
    if (best - lowerBound <= gapTarget * Math.max(Math.abs(lowerBound), 1e-12) || theta < 1e-4) break;
    // Subgradient g_ir = Σ_{j∈N_r(i)} y_j − Y*_ir of the relaxed rows; deflected direction, projected.
    let dnorm = 0, gnorm = 0;
    for (let r = 0; r < R; r++) {
      const s = ringSets[r], lam = lambda[r], d = dir[r], Y = count[r];
      for (let i = 0; i < ni; i++) {
        if (!active[i]) continue;
        let cover = 0;
        for (let q = s.demStart[i]; q < s.demStart[i + 1]; q++) cover += y[s.demCand[q]];
        let gi = cover - Y[i];
        if (lam[i] === 0 && gi > 0) gi = 0; // projected: λ stays at 0
        gnorm += gi * gi;
        let di = gi + deflection * d[i];
        if (lam[i] === 0 && di > 0) di = 0;
        d[i] = di;
        dnorm += di * di;
      }
    }
    if (gnorm === 0 || dnorm === 0) break; // the Lagrangian solution is feasible and complementary: optimal
    const step = (theta * Math.max(L - lowerBound, 1e-9 * Math.abs(L))) / dnorm;
    for (let r = 0; r < R; r++) {
      const lam = lambda[r], d = dir[r];
      for (let i = 0; i < ni; i++) if (d[i] !== 0) lam[i] = Math.max(0, lam[i] - step * d[i]);
    }
  }
  return { bound: best, iterations: it, seconds: nowS() - t0 };
}

/**
 * Ū_j: min(U_j, P), lowered to max(K, m_j) when there is no budget, every tier value is a step at k_t
 * and Σ_j of the lowered caps is >= P (see {@link tieredLagrangianBound}).
 */
function stackCaps(p: LocationProblem, params: TieredParams, allSteps: boolean): Int32Array {
  const P = params.units;
  const caps = Int32Array.from(p.maxUnits, (u) => Math.min(u, P));
  // With a budget, moving a unit might open a site it cannot pay for; with non-step values (expected
  // objective) a unit beyond the K-th still adds.
  if (params.budget !== undefined || !allSteps) return caps;
  const K = Math.max(...params.tiers.map((t) => t.units));
  const lowered = caps.map((u, j) => Math.min(u, Math.max(K, p.minUnits[j])));
  let room = 0;
  for (const u of lowered) room += u;
  return room >= P ? lowered : caps;
}
