import { coverageSets, type CoverageSets } from './coverage-sets.ts';
import type { LocationProblem } from './problem.ts';
import type { TieredParams } from './tiered.ts';

export interface LagrangianBound {
  /** A proven upper bound on the tiered model's optimum. */
  bound: number;
  iterations: number;
  seconds: number;
}

/**
 * Lagrangian upper bound for the tiered model (see tiered.ts). Relaxing the coverage rows
 * Σ_{j∈N_t(i)} y_j >= k_t z_it with multipliers λ_it >= 0 gives, for any λ >= 0,
 *
 *   L(λ) = Σ_{i,t} max(0, w_t a_i − k_t λ_it) + max { Σ_j ρ_j y_j : Σ_j y_j = P, m_j <= y_j <= min(U_j, P) }
 *   with ρ_j = Σ_t Σ_{i : j ∈ N_t(i)} λ_it,
 *
 * and L(λ) >= the optimum (weak duality). The y part is solved exactly by placing the P − Σ m_j free
 * units on the sites with the largest ρ_j. The budget row, when there is one, is dropped (relaxing
 * more keeps the bound valid, only looser). λ is improved by deflected subgradient steps
 * (direction d = g + β d_prev with β = 0.8, projected onto λ >= 0; Held–Karp step
 * θ (L − LB) / ||d||², θ = 1 halved after 50 steps without improvement) from λ_it = w_t a_i / (2 k_t);
 * the best L(λ) seen is returned. Its limit is the LP-relaxation bound, which for tiers needing
 * k_t >= 2 units is weak (a fractional z_it = count/k_t is allowed where the integer needs count >= k_t).
 *
 * `lowerBound` is the objective of a known feasible deployment (used by the step size); the search
 * stops once (bound − lowerBound) / lowerBound <= `targetGap` (default: only at the time or iteration limit).
 */
export function tieredLagrangianBound(
  p: LocationProblem, params: TieredParams, lowerBound: number,
  options: { maxIterations?: number; timeLimitS?: number; nowS?: () => number; sets?: readonly CoverageSets[]; theta?: number; patience?: number; startScale?: number; deflection?: number; targetGap?: number } = {},
): LagrangianBound {
  const nowS = options.nowS ?? (() => 0);
  const t0 = nowS();
  const limit = options.timeLimitS ?? Infinity;
  const maxIter = options.maxIterations ?? 100_000;
  const nj = p.candidateIds.length, ni = p.demandIds.length;
  const tiers = params.tiers;
  const sets = options.sets ?? tiers.map((t) => coverageSets(p, t.targetS));
  const nt = tiers.length;
  const value = tiers.map((t) => Float64Array.from(p.demandWeight, (a) => a * (t.weight ?? 1)));
  const active = tiers.map((_, t) => Uint8Array.from({ length: ni }, (_, i) => (value[t][i] > 0 && sets[t].demStart[i + 1] > sets[t].demStart[i] ? 1 : 0)));
  const startScale = options.startScale ?? 0.5;
  const lambda = tiers.map((tier, t) => Float64Array.from(value[t], (v, i) => (active[t][i] ? (startScale * v) / tier.units : 0)));
  const rho = new Float64Array(nj);
  const y = new Int32Array(nj);
  const cap = Int32Array.from(p.maxUnits, (u) => Math.min(u, params.units));
  let free = params.units;
  for (let j = 0; j < nj; j++) free -= p.minUnits[j];
  const order = Int32Array.from({ length: nj }, (_, j) => j);
  const grad = tiers.map(() => new Float64Array(ni));
  const dir = tiers.map(() => new Float64Array(ni));
  const deflection = options.deflection ?? 0.8;

  let best = Infinity;
  let theta = options.theta ?? 1;
  const patience = options.patience ?? 50;
  let sinceImproved = 0;
  let it = 0;
  for (; it < maxIter && nowS() - t0 < limit; it++) {
    // Evaluate L(λ).
    let L = 0;
    rho.fill(0);
    for (let t = 0; t < nt; t++) {
      const k = tiers[t].units, v = value[t], lam = lambda[t], s = sets[t], act = active[t];
      for (let i = 0; i < ni; i++) {
        if (!act[i]) continue;
        const r = v[i] - k * lam[i];
        if (r > 0) L += r;
        const l = lam[i];
        if (l !== 0) for (let q = s.demStart[i]; q < s.demStart[i + 1]; q++) rho[s.demCand[q]] += l;
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
    // Subgradient g_it = Σ_{j∈N_t(i)} y_j − k_t z_it (of the relaxed rows at the Lagrangian solution).
    let norm = 0;
    for (let t = 0; t < nt; t++) {
      const k = tiers[t].units, v = value[t], lam = lambda[t], s = sets[t], act = active[t], g = grad[t];
      for (let i = 0; i < ni; i++) {
        if (!act[i]) { g[i] = 0; continue; }
        let cover = 0;
        for (let q = s.demStart[i]; q < s.demStart[i + 1]; q++) cover += y[s.demCand[q]];
        const z = v[i] - k * lam[i] > 0 ? 1 : 0;
        let gi = cover - k * z;
        if (lam[i] === 0 && gi > 0) gi = 0; // projected: λ stays at 0
        g[i] = gi;
        norm += gi * gi;
      }
    }
    if (norm === 0) break; // the Lagrangian solution is feasible and complementary: optimal
    // Deflected direction d = g + β d_prev (β = 0: plain subgradient), projected like g.
    let dnorm = 0;
    for (let t = 0; t < nt; t++) {
      const g = grad[t], d = dir[t], lam = lambda[t];
      for (let i = 0; i < ni; i++) {
        let di = g[i] + deflection * d[i];
        if (lam[i] === 0 && di > 0) di = 0;
        d[i] = di;
        dnorm += di * di;
      }
    }
    if (dnorm === 0) break;
    const step = (theta * Math.max(L - lowerBound, 1e-9 * Math.abs(L))) / dnorm;
    for (let t = 0; t < nt; t++) {
      const lam = lambda[t], d = dir[t];
      for (let i = 0; i < ni; i++) if (d[i] !== 0) lam[i] = Math.max(0, lam[i] - step * d[i]);
    }
  }
  return { bound: best, iterations: it, seconds: nowS() - t0 };
}
