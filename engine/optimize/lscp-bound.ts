import type { CoverageSets } from './coverage-sets.ts';
import type { LocationProblem } from './problem.ts';
import type { SiteRelaxation } from './site-branch-and-bound.ts';

/** What {@link lscpLagrangianBound} returns. */
export interface LscpBound {
  /** Best Lagrangian value: a lower bound on the least total site cost. */
  readonly bound: number;
  /** The cheapest cover found (0/1 per candidate), or undefined when none was found. */
  readonly cover?: Int32Array;
  readonly coverCost: number;
  /** Per candidate: 1 fixed open, 0 fixed closed, -1 free. */
  readonly fixed: Int8Array;
  /** A lower bound on every cover the fixings exclude (Infinity when nothing is fixed). */
  readonly excludedBound: number;
  readonly iterations: number;
}

/**
 * Lagrangian bound and heuristic for the location set covering problem (Beasley 1990, "A
 * Lagrangian heuristic for set-covering problems", Naval Research Logistics 37:151-164). Relaxing
 * each cover row Σ_{j∈N(i)} x_j >= 1 with u_i >= 0 gives, with reduced costs r_j = c_j − Σ_{i∈M(j)} u_i,
 *
 *   L(u) = Σ_i u_i + Σ_j min(0, r_j)     (existing posts always open, forbidden sites never),
 *
 * a lower bound for every u >= 0, improved by subgradient steps (θ halved after 30 steps without a
 * better bound). The relaxed answer {j : r_j < 0} of a step that improves the bound (and of every
10th step) is made a cover (the uncovered rows take
 * the site of least cost per newly covered row), stripped of redundant sites (costliest first) and
 * kept when it is the cheapest so far. At the best u, a free site with r_j >= 0 bounds every cover
 * that opens it by L + r_j, and one with r_j < 0 every cover that closes it by L − r_j: it is fixed
 * the other way when that bound shows no better cover (>= UB; > UB − 1 with integer costs) and the
 * best cover agrees. N(i), M(j): the coverage sets within the target; rows with a_i = 0 are not
 * required.
 */
export function lscpLagrangianBound(p: LocationProblem, sets: CoverageSets, options: { integral?: boolean; maxIterations?: number } = {}): LscpBound {
  const ni = p.demandIds.length, nj = p.candidateIds.length;
  const rows: number[] = [];
  for (let i = 0; i < ni; i++) if (p.demandWeight[i] > 0) rows.push(i);
  const state = new Int8Array(nj).fill(-1);
  for (let j = 0; j < nj; j++) state[j] = p.maxUnits[j] < 1 ? 0 : p.minUnits[j] >= 1 ? 1 : -1;
  const c = p.siteCost;
  const required = new Uint8Array(ni);
  for (const i of rows) required[i] = 1;
  const u = new Float64Array(ni);
  for (const i of rows) {
    let best = Infinity;
    for (let k = sets.demStart[i]; k < sets.demStart[i + 1]; k++) {
      const j = sets.demCand[k];
      if (state[j] === 0) continue;
      let n = 0;
      for (let q = sets.candStart[j]; q < sets.candStart[j + 1]; q++) if (required[sets.candDemand[q]]) n++;
      best = Math.min(best, c[j] / Math.max(1, n));
    }
    u[i] = best === Infinity ? 0 : best;
  }
  const r = new Float64Array(nj);
  const x = new Uint8Array(nj);
  const covered = new Int32Array(ni);
  let UB = Infinity;
  let cover: Int32Array | undefined;

  const reduced = (lam: Float64Array): number => {
    let L = 0;
    for (const i of rows) L += lam[i];
    for (let j = 0; j < nj; j++) {
      let s = c[j];
      for (let q = sets.candStart[j]; q < sets.candStart[j + 1]; q++) { const i = sets.candDemand[q]; if (required[i]) s -= lam[i]; }
      r[j] = s;
      const take = state[j] === 1 || (state[j] === -1 && s < 0);
      x[j] = take ? 1 : 0;
      if (take) L += s;
    }
    return L;
  };
  // Make x a cover, strip redundant sites, keep it when cheapest.
  const repair = () => {
    const cost = repairCover(sets, c, rows, required, state, x, covered);
    if (cost < UB) { UB = cost; cover = Int32Array.from(x); }
  };

  const tol = 1e-9;
  const g = new Float64Array(ni);
  const bestU = u.slice();
  let best = -Infinity, theta = 2, stall = 0, it = 0;
  const maxIt = options.maxIterations ?? 300;
  const proven = () => (options.integral ? best > UB - 1 + tol * Math.max(1, UB) : best >= UB - tol * Math.max(1, UB));
  for (; it < maxIt && theta > 1e-3; it++) {
    const L = reduced(u);
    // The repair costs more than a step: on a better bound and every 10th step.
    if (L > best + tol || it % 10 === 0) repair();
    if (L > best + tol) { best = L; bestU.set(u); stall = 0; } else if (++stall >= 30) { theta /= 2; stall = 0; }
    if (UB < Infinity && proven()) { it++; break; }
    let norm = 0;
    for (const i of rows) covered[i] = 0;
    for (let j = 0; j < nj; j++) if (state[j] === 1 || (state[j] === -1 && r[j] < 0)) for (let q = sets.candStart[j]; q < sets.candStart[j + 1]; q++) covered[sets.candDemand[q]]++;
    for (const i of rows) {
      g[i] = 1 - covered[i];
      if (u[i] === 0 && g[i] < 0) g[i] = 0; // u stays at its bound
      norm += g[i] * g[i];
    }
    if (norm === 0) break;
    const target = UB < Infinity ? UB : 1.05 * Math.max(L, 1);
    const step = theta * Math.max(target - L, tol) / norm;
    for (const i of rows) u[i] = Math.max(0, u[i] + step * g[i]);
  }

  const L = reduced(bestU);
  const fixed = new Int8Array(nj).fill(-1);
  let excluded = Infinity;
  const beatsNothing = (lb: number) => (options.integral ? lb > UB - 1 + tol * Math.max(1, UB) : lb >= UB + tol * Math.max(1, UB));
  if (cover) {
    for (let j = 0; j < nj; j++) {
      if (state[j] !== -1) { fixed[j] = state[j]; continue; }
      if (r[j] >= 0 && !cover[j] && beatsNothing(L + r[j])) { fixed[j] = 0; excluded = Math.min(excluded, L + r[j]); }
      if (r[j] < 0 && cover[j] && beatsNothing(L - r[j])) { fixed[j] = 1; excluded = Math.min(excluded, L - r[j]); }
    }
  }
  return { bound: Math.max(best, L), cover, coverCost: UB, fixed, excludedBound: excluded, iterations: it };
}

/**
 * The set covering Lagrangian relaxation above as a {@link SiteRelaxation} for the
 * branch-and-bound (site-branch-and-bound.ts), any number of sites open: base(u) = Σ u_i over
 * the rows not yet covered by a site fixed open, ρ_j = c_j − Σ_{i∈M(j)} u_i over those rows;
 * g_i = 1 − |{ j chosen : i ∈ M(j) }| (0 where u_i = 0 and g_i < 0), u ← max(0, u + t g). A node
 * in which some row has no site left that may open holds no cover. A relaxed answer is made a
 * cover by the repair above (the node's fixings kept).
 */
export function lscpRelaxation(p: LocationProblem, sets: CoverageSets, options: { integral?: boolean } = {}): SiteRelaxation {
  const ni = p.demandIds.length, nj = p.candidateIds.length;
  const rowList: number[] = [];
  for (let i = 0; i < ni; i++) if (p.demandWeight[i] > 0) rowList.push(i);
  const rows = Int32Array.from(rowList);
  const required = new Uint8Array(ni);
  for (const i of rows) required[i] = 1;
  const c = p.siteCost;
  const active = new Uint8Array(ni);
  const covered = new Int32Array(ni);
  const x = new Uint8Array(nj);
  /**
   * Mark the rows not covered by a site fixed open (active); a row left with one site that may
   * open fixes that site open. False when some row has none.
   */
  const markActive = (state: Int8Array): boolean => {
    for (const i of rows) active[i] = 1;
    const cover = (j: number) => { for (let q = sets.candStart[j]; q < sets.candStart[j + 1]; q++) active[sets.candDemand[q]] = 0; };
    for (let j = 0; j < nj; j++) if (state[j] === 1) cover(j);
    for (const i of rows) {
      if (!active[i]) continue;
      let only = -1, count = 0;
      for (let k = sets.demStart[i]; k < sets.demStart[i + 1] && count < 2; k++) if (state[sets.demCand[k]] === -1) { only = sets.demCand[k]; count++; }
      if (count === 0) return false;
      if (count === 1) { state[only] = 1; cover(only); }
    }
    return true;
  };
  return {
    sites: nj, multipliers: ni, integral: options.integral ?? false,
    prepare: markActive,
    start() {
      const u = new Float64Array(ni);
      for (const i of rows) {
        let best = Infinity;
        for (let k = sets.demStart[i]; k < sets.demStart[i + 1]; k++) {
          const j = sets.demCand[k];
          let n = 0;
          for (let q = sets.candStart[j]; q < sets.candStart[j + 1]; q++) if (required[sets.candDemand[q]]) n++;
          best = Math.min(best, c[j] / Math.max(1, n));
        }
        u[i] = best === Infinity ? 0 : best;
      }
      return u;
    },
    evaluate(u, state, rho) {
      let L = 0;
      for (const i of rows) if (active[i]) L += u[i];
      for (let j = 0; j < nj; j++) {
        if (state[j] === 0) continue;
        let s = c[j];
        for (let q = sets.candStart[j]; q < sets.candStart[j + 1]; q++) { const i = sets.candDemand[q]; if (active[i]) s -= u[i]; }
        rho[j] = s;
      }
      return L;
    },
    subgradient(_u, _state, chosen, g) {
      for (const i of rows) covered[i] = 0;
      for (let j = 0; j < nj; j++) if (chosen[j]) for (let q = sets.candStart[j]; q < sets.candStart[j + 1]; q++) covered[sets.candDemand[q]]++;
      for (const i of rows) g[i] = active[i] ? 1 - covered[i] : 0;
    },
    project(u, d) {
      let norm = 0;
      for (const i of rows) {
        if (u[i] <= 0 && d[i] < 0) d[i] = 0;
        norm += d[i] * d[i];
      }
      return norm;
    },
    step(u, d, t) {
      for (const i of rows) u[i] = Math.max(0, u[i] + t * d[i]);
    },
    deployment(chosen, state) {
      x.set(chosen);
      const cost = repairCover(sets, c, rows, required, state, x, covered);
      return cost === Infinity ? undefined : { open: Uint8Array.from(x), objective: cost };
    },
  };
}

/**
 * Make the 0/1 sites `x` a cover of the required rows: each uncovered row takes the site of least cost
 * per newly covered row (never one closed in `state`); then drop, costliest first, every site not
 * fixed open that no required row needs. Returns the cover's cost (x holds it), or Infinity when a
 * row cannot be covered. `covered` is scratch, one count per demand row.
 */
function repairCover(sets: CoverageSets, c: ArrayLike<number>, rows: Iterable<number>, required: Uint8Array, state: ArrayLike<number>, x: Uint8Array, covered: Int32Array): number {
  const nj = x.length;
  covered.fill(0);
  for (let j = 0; j < nj; j++) if (x[j]) for (let q = sets.candStart[j]; q < sets.candStart[j + 1]; q++) covered[sets.candDemand[q]]++;
  for (const i of rows) {
    if (covered[i] > 0) continue;
    let best = -1, bestRatio = Infinity;
    for (let k = sets.demStart[i]; k < sets.demStart[i + 1]; k++) {
      const j = sets.demCand[k];
      if (x[j] || state[j] === 0) continue;
      let n = 0;
      for (let q = sets.candStart[j]; q < sets.candStart[j + 1]; q++) if (required[sets.candDemand[q]] && covered[sets.candDemand[q]] === 0) n++;
      const ratio = c[j] / n;
      if (ratio < bestRatio) { bestRatio = ratio; best = j; }
    }
    if (best < 0) return Infinity;
    x[best] = 1;
    for (let q = sets.candStart[best]; q < sets.candStart[best + 1]; q++) covered[sets.candDemand[q]]++;
  }
  const open: number[] = [];
  for (let j = 0; j < nj; j++) if (x[j] && state[j] !== 1) open.push(j);
  open.sort((a, b) => c[b] - c[a] || a - b);
  for (const j of open) {
    let needed = false;
    for (let q = sets.candStart[j]; q < sets.candStart[j + 1] && !needed; q++) { const i = sets.candDemand[q]; if (required[i] && covered[i] === 1) needed = true; }
    if (needed) continue;
    x[j] = 0;
    for (let q = sets.candStart[j]; q < sets.candStart[j + 1]; q++) covered[sets.candDemand[q]]--;
  }
  let cost = 0;
  for (let j = 0; j < nj; j++) if (x[j]) cost += c[j];
  return cost;
}
