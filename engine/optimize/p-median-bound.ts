import type { LocationProblem } from './problem.ts';
import { solvePMedianHeuristic } from './p-median-heuristic.ts';
import { sortedReach, type SortedReach } from './sorted-reach.ts';

/** What {@link pMedianLagrangianBound} returns. */
export interface PMedianBound {
  /** The best Lagrangian value found: a lower bound on the p-median optimum. */
  readonly bound: number;
  /** Per candidate: 1 fixed open, 0 fixed closed, -1 free (fixings by the bound; see below). */
  readonly fixed: Int8Array;
  /**
   * A lower bound on every deployment the fixings exclude (Infinity when nothing is fixed): the
   * optimum is at least min(optimum with the fixings, excludedBound).
   */
  readonly excludedBound: number;
  /** The best deployment known: the one given, or a better one found from the relaxation's answers. */
  readonly incumbent: { readonly open: Int32Array; readonly objective: number };
  readonly iterations: number;
  readonly seconds: number;
}

export interface PMedianBoundOptions {
  /** Every deployment's objective is an integer (integer weights and costs): fix more boldly. */
  integral?: boolean;
  /** Run vertex substitution from the relaxation's answers (default true). */
  improveIncumbent?: boolean;
  /** Subgradient iterations at most (default 3000). */
  maxIterations?: number;
  timeLimitS?: number;
  nowS?: () => number;
  reach?: SortedReach;
}

/**
 * Lagrangian bound for the p-median problem, and the sites it fixes, given a deployment (the
 * incumbent, objective UB). Relaxing each demand point's assignment Σ_j x_ij = 1 with a multiplier
 * λ_i gives
 *
 *   L(λ) = Σ_i λ_i + min { Σ_j ρ_j y_j : Σ_j y_j = P, y within the fixed and forbidden sites },
 *   ρ_j  = Σ_i min(0, a_i d_ij − λ_i),
 *
 * a lower bound on the optimum for every λ (Cornuéjols, Fisher & Nemhauser 1977; Beasley 1993):
 * its minimiser opens the fixed sites and the P − (fixed) free sites of least ρ. λ is improved by
 * subgradient steps t = θ (UB − L) / ‖g‖², g_i = 1 − Σ_j x_ij, θ halved after 30 steps without a
 * better bound. At the best λ, opening a free site j outside the minimiser in place of its worst
 * free site bounds every deployment with y_j = 1 by L + ρ_j − ρ_worst; closing a chosen j bounds
 * those with y_j = 0 by L − ρ_j + ρ_next. A site is fixed the other way when that bound shows no
 * such deployment beats UB (>= UB; > UB − 1 when objectives are integers) and the incumbent
 * agrees with the fixing, so the incumbent stays a feasible start for the reduced model.
 * Each step's minimiser is itself a deployment (a Lagrangian heuristic, as in Beasley 1993): when
 * it costs less than UB + 2 %, and has not been tried, vertex substitution starts from it, and a
 * better result becomes the incumbent (UB falls, and with it the steps and the fixings).
 */
export function pMedianLagrangianBound(p: LocationProblem, facilities: number, incumbent: { open: ArrayLike<number>; objective: number }, options: PMedianBoundOptions = {}): PMedianBound {
  const nowS = options.nowS ?? (() => 0);
  const started = nowS();
  const nj = p.candidateIds.length;
  const R = options.reach ?? sortedReach(p);
  const nd = R.demand.length;
  let UB = incumbent.objective;
  let bestOpen = Int32Array.from({ length: nj }, (_, j) => (incumbent.open[j] > 0 ? 1 : 0));
  const fixed = new Int8Array(nj).fill(-1);
  // Sites the problem itself fixes; the free ones are those the bound may choose.
  const forcedOpen: number[] = [], free: number[] = [];
  for (let j = 0; j < nj; j++) {
    if (p.maxUnits[j] < 1) fixed[j] = 0;
    else if (p.minUnits[j] >= 1) { fixed[j] = 1; forcedOpen.push(j); } else free.push(j);
  }
  const slots = facilities - forcedOpen.length;
  const result = (bound: number, iterations: number, excludedBound = Infinity): PMedianBound => ({ bound, fixed, excludedBound, incumbent: { open: bestOpen, objective: UB }, iterations, seconds: nowS() - started });
  if (slots < 0 || slots > free.length || nd === 0 || !Number.isFinite(UB)) return result(-Infinity, 0);

  // λ starts at each point's cost in the incumbent: L(λ) then starts near UB.
  const lambda = new Float64Array(nd);
  for (let t = 0; t < nd; t++) {
    let best = Infinity;
    for (let q = R.start[t]; q < R.start[t + 1]; q++) if (incumbent.open[R.site[q]] > 0) { best = R.cost[q]; break; }
    lambda[t] = R.weight[t] * (best === Infinity ? R.cost[R.start[t]] : best);
  }
  const rho = new Float64Array(nj);
  const chosen = new Uint8Array(nj);
  const order = Int32Array.from(free);
  const evaluate = (lam: Float64Array): number => {
    rho.fill(0);
    let L = 0;
    for (let t = 0; t < nd; t++) {
      const w = R.weight[t], l = lam[t];
      L += l;
      for (let q = R.start[t]; q < R.start[t + 1]; q++) {
        const c = w * R.cost[q] - l;
        if (c >= 0) break;
        rho[R.site[q]] += c;
      }
    }
    order.sort((a, b) => rho[a] - rho[b] || a - b);
    chosen.fill(0);
    for (const j of forcedOpen) { chosen[j] = 1; L += rho[j]; }
    for (let k = 0; k < slots; k++) { chosen[order[k]] = 1; L += rho[order[k]]; }
    return L;
  };
  const tol = 1e-9 * Math.max(1, Math.abs(UB));
  const tried = new Set<string>();
  let searches = 0;
  // The minimiser's own cost as a deployment (Infinity when it leaves a demand point unreached).
  const chosenCost = (): number => {
    let s = 0;
    for (let t = 0; t < nd; t++) {
      let c = Infinity;
      for (let q = R.start[t]; q < R.start[t + 1]; q++) if (chosen[R.site[q]]) { c = R.cost[q]; break; }
      s += R.weight[t] * c;
    }
    return s;
  };
  const tryChosen = () => {
    const cost = chosenCost();
    if (options.improveIncumbent === false || !(cost < UB * 1.1 + tol) || searches >= 50) return;
    const key = Array.from(order.subarray(0, slots)).sort((a, b) => a - b).join(',');
    if (tried.has(key)) return;
    tried.add(key);
    searches++;
    const h = solvePMedianHeuristic(p, facilities, { reach: R, start: chosen });
    if (h.feasible && h.objective < UB - tol) { UB = h.objective; bestOpen = Int32Array.from(h.open); }
  };
  const proven = (L: number) => (options.integral ? L > UB - 1 + tol : L >= UB - tol);
  const g = new Float64Array(nd);
  const bestLambda = lambda.slice();
  let best = -Infinity, theta = 2, stall = 0, it = 0;
  const maxIt = options.maxIterations ?? 3000;
  const limitS = options.timeLimitS ?? Infinity;
  for (; it < maxIt && theta > 1e-3; it++) {
    const L = evaluate(lambda);
    tryChosen();
    if (L > best + tol) { best = L; bestLambda.set(lambda); stall = 0; } else if (++stall >= 30) { theta /= 2; stall = 0; }
    if (proven(best) || (it % 16 === 15 && nowS() - started > limitS)) { it++; break; }
    let norm = 0;
    for (let t = 0; t < nd; t++) {
      const w = R.weight[t], l = lambda[t];
      let served = 0;
      for (let q = R.start[t]; q < R.start[t + 1]; q++) {
        if (w * R.cost[q] - l >= 0) break;
        if (chosen[R.site[q]]) served++;
      }
      g[t] = 1 - served;
      norm += g[t] * g[t];
    }
    if (norm === 0) break; // the relaxation's answer is a deployment: L is its cost, the optimum
    const step = theta * Math.max(UB - L, tol) / norm;
    for (let t = 0; t < nd; t++) lambda[t] += step * g[t];
  }

  // Fixings at the best λ.
  const L = evaluate(bestLambda);
  const worstChosen = slots > 0 ? rho[order[slots - 1]] : NaN;
  const nextUnchosen = slots < order.length ? rho[order[slots]] : NaN;
  const beatsNothing = (lb: number) => (options.integral ? lb > UB - 1 + tol : lb >= UB + tol);
  let excluded = Infinity;
  for (let k = 0; k < order.length; k++) {
    const j = order[k];
    if (k < slots) {
      if (order.length === slots) { fixed[j] = 1; continue; } // every free site must open
      const lb = L - rho[j] + nextUnchosen; // deployments with j closed
      if (bestOpen[j] > 0 && beatsNothing(lb)) { fixed[j] = 1; excluded = Math.min(excluded, lb); }
    } else {
      if (slots === 0) { fixed[j] = 0; continue; } // the fixed sites already make P
      const lb = L + rho[j] - worstChosen; // deployments with j open
      if (!(bestOpen[j] > 0) && beatsNothing(lb)) { fixed[j] = 0; excluded = Math.min(excluded, lb); }
    }
  }
  return result(Math.max(best, L), it, excluded);
}
