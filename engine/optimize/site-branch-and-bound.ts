import type { LocationProblem } from './problem.ts';

/**
 * A Lagrangian relaxation of a site-selection model, in minimisation form: binary y_j (site j
 * open), either exactly `open` of them (p-median, MCLP) or any number (set covering), and
 * multipliers λ on the constraints that tie the sites to the rest of the model. For every λ in its
 * domain and every node (sites fixed open or closed),
 *
 *   L(λ) = base(λ) + min { Σ_j ρ_j(λ) y_j : y within the node's fixings, Σ_j y_j = open }
 *
 * is a lower bound on every deployment of the node. The relaxation computes base and ρ; the
 * search does the selection, the subgradient steps and the branching.
 */
export interface SiteRelaxation {
  readonly sites: number;
  readonly multipliers: number;
  /** Sites to open: exactly this many, or any number when undefined. */
  readonly open?: number;
  /** Every deployment's objective is an integer: a node is pruned once its bound exceeds UB − 1. */
  readonly integral: boolean;
  /**
   * Called once per node before its steps (and again after fixings): may fix more sites in
   * `state` that the fixings imply (a site every deployment of the node must open); false when
   * the node holds no deployment.
   */
  prepare(state: Int8Array): boolean;
  /** Multipliers to start from, given a deployment (0/1 per site). */
  start(deployment: ArrayLike<number>): Float64Array;
  /**
   * base(λ) under the node's fixings (`state`: 1 open, 0 closed, -1 free, as last prepared);
   * writes ρ_j into `rho` for every site with state ≠ 0.
   */
  evaluate(lambda: Float64Array, state: Int8Array, rho: Float64Array): number;
  /** A subgradient of L at λ for the relaxed answer `chosen` into `g`. */
  subgradient(lambda: Float64Array, state: Int8Array, chosen: Uint8Array, g: Float64Array): void;
  /** Zero the components of the direction `d` that leave the multipliers' domain at λ; returns ‖d‖². */
  project(lambda: Float64Array, d: Float64Array): number;
  /** λ ← λ + t d, projected on the multipliers' domain. */
  step(lambda: Float64Array, d: Float64Array, t: number): void;
  /**
   * A deployment built from the relaxed answer (repaired, maybe improved by a local search when it
   * comes near `upper`, the best objective known) and its objective; undefined when none.
   */
  deployment(chosen: Uint8Array, state: Int8Array, upper: number): { open: ArrayLike<number>; objective: number } | undefined;
}

export interface SiteSearchOptions {
  /** The best deployment known (0/1 per site) and its objective. */
  incumbent?: { open: ArrayLike<number>; objective: number };
  /** Fixings of the problem itself (1 open, 0 closed, -1 free); default all free. */
  state?: Int8Array;
  /** Subgradient steps at the root (default 3000) and at other nodes (default 150). */
  rootIterations?: number;
  nodeIterations?: number;
  /** Stop (status 'limit') after this many nodes or seconds. */
  maxNodes?: number;
  /** At nodes other than the root: the first step size factor θ (default 1) and the steps without a better bound before θ halves (default 10). */
  nodeTheta?: number;
  nodeStall?: number;
  timeLimitS?: number;
  nowS?: () => number;
  /**
   * Relative gap: a node whose bound is within gap × |UB| of UB is pruned too (its bound then
   * caps the bound reported). Default 0: prove optimality.
   */
  gap?: number;
}

export interface SiteSearchResult {
  /** optimal: the tree is exhausted (bound = objective); limit: stopped with open nodes; infeasible: no deployment exists. */
  readonly status: 'optimal' | 'limit' | 'infeasible';
  /** Which limit stopped the search (set when it stopped with nodes open). */
  readonly stoppedBy?: 'node-limit' | 'time-limit';
  readonly open?: Uint8Array;
  readonly objective: number;
  /** A proven lower bound on the optimum (the incumbent's objective when optimal). */
  readonly bound: number;
  /** Root: its bound, and its fixings (the state after reduced-cost fixing there). */
  readonly rootBound: number;
  readonly rootState: Int8Array;
  /**
   * The best objective known when the root fixed its sites: every deployment the fixings exclude
   * scores at least this (less a relative 1e-9 when objectives are not integral).
   */
  readonly rootUpper: number;
  readonly nodes: number;
  readonly iterations: number;
}

interface Node { state: Int8Array; lambda: Float64Array; bound: number; depth: number }

/**
 * Exact search over the sites by Lagrangian branch-and-bound (Beasley 1993, "Lagrangean
 * heuristics for location problems", EJOR 65; the set covering form in Beasley 1987, EJOR 31).
 * At each node the multipliers, warm-started from the parent's, follow subgradient steps
 * t = θ (UB − L) / ‖g‖² (θ halved after a run of steps without a better bound); a node is pruned
 * when its bound shows no better deployment (L > UB − 1 with integer objectives, L >= UB
 * otherwise, both less a relative 1e-9 for rounding). At the best multipliers, a free site is fixed
 * to its relaxed value when flipping it alone bounds the node above UB: with exactly P sites open
 * and s slots among the free sites, ranked by ρ, opening an unchosen j gives L + ρ_j − ρ_(s) and
 * closing a chosen j gives L − ρ_j + ρ_(s+1); with any number open, L + |ρ_j|. The relaxed answer
 * becomes a deployment at every node (a Lagrangian heuristic): a better one lowers UB. The
 * branching site is the free site whose share of open relaxed answers over the node's steps is
 * nearest one half (an estimate of its LP value); the child that keeps it open is searched first,
 * depth first. The answer is optimal when the tree is exhausted: every deployment is either the
 * incumbent's equal or in a pruned node.
 */
export function siteBranchAndBound(rel: SiteRelaxation, options: SiteSearchOptions = {}): SiteSearchResult {
  const n = rel.sites;
  const nowS = options.nowS ?? (() => 0);
  const started = nowS();
  const limitS = options.timeLimitS ?? Infinity;
  const maxNodes = options.maxNodes ?? Infinity;
  let UB = options.incumbent ? options.incumbent.objective : Infinity;
  let best: Uint8Array | undefined = options.incumbent ? Uint8Array.from(options.incumbent.open, (v) => (v > 0 ? 1 : 0)) : undefined;
  const tolOf = () => (UB < Infinity ? 1e-9 * Math.max(1, Math.abs(UB)) : 0);
  const prunes = (L: number) => (rel.integral ? L - tolOf() > UB - 1 : L + tolOf() >= UB);
  const gap = options.gap ?? 0;
  /** Least bound of the nodes pruned only by the gap. */
  let gapBound = Infinity;
  const prunesByGap = (L: number) => gap > 0 && UB < Infinity && L >= UB - gap * Math.abs(UB);

  const rho = new Float64Array(n);
  const chosen = new Uint8Array(n);
  const bestChosen = new Uint8Array(n);
  const share = new Float64Array(n);
  const order = new Int32Array(n);
  // The sites of the last selection, in `picked[0 .. pickedCount)`.
  const picked = new Int32Array(n);
  let pickedCount = 0;
  const g = new Float64Array(rel.multipliers);
  let iterations = 0;

  /** Select the relaxed answer into `chosen`; returns Σ ρ over it (Infinity when infeasible) and the ranks needed for fixing. */
  const select = (state: Int8Array): { sum: number; free: number; slots: number } => {
    let sum = 0, opened = 0, free = 0;
    pickedCount = 0;
    for (let j = 0; j < n; j++) {
      chosen[j] = 0;
      if (state[j] === 1) { chosen[j] = 1; sum += rho[j]; opened++; } else if (state[j] === -1) order[free++] = j;
    }
    if (rel.open === undefined) {
      for (let k = 0; k < free; k++) { const j = order[k]; if (rho[j] < 0) { chosen[j] = 1; sum += rho[j]; picked[pickedCount++] = j; } }
      return { sum, free, slots: free };
    }
    const slots = rel.open - opened;
    if (slots < 0 || slots > free) return { sum: Infinity, free, slots };
    const o = order.subarray(0, free);
    o.sort((a, b) => rho[a] - rho[b] || a - b);
    for (let k = 0; k < slots; k++) { chosen[o[k]] = 1; sum += rho[o[k]]; picked[pickedCount++] = o[k]; }
    return { sum, free, slots };
  };

  const tryDeployment = (state: Int8Array, from: Uint8Array) => {
    const d = rel.deployment(from, state, UB);
    if (d && d.objective < UB - tolOf()) { UB = d.objective; best = Uint8Array.from(d.open, (v) => (v > 0 ? 1 : 0)); }
  };

  /** Subgradient steps at a node; returns the best bound, with ρ, chosen and share at the best λ. */
  const solveNode = (node: Node, maxIt: number, root: boolean): number => {
    if (!rel.prepare(node.state)) return Infinity;
    const lambda = node.lambda;
    const bestLambda = lambda.slice();
    let bestL = -Infinity, theta = root ? 2 : options.nodeTheta ?? 1, stall = 0, steps = 0;
    const stallLimit = root ? 30 : options.nodeStall ?? 10;
    share.fill(0);
    for (let it = 0; it < maxIt; it++) {
      const base = rel.evaluate(lambda, node.state, rho);
      const s = select(node.state);
      if (s.sum === Infinity) return Infinity;
      const L = base + s.sum;
      iterations++; steps++;
      for (let k = 0; k < pickedCount; k++) share[picked[k]]++;
      if (L > bestL + 1e-12 * Math.max(1, Math.abs(L))) {
        bestL = L; bestLambda.set(lambda); bestChosen.set(chosen); stall = 0;
        if (root) tryDeployment(node.state, chosen);
      } else if (++stall >= stallLimit) { theta /= 2; stall = 0; }
      if (prunes(bestL) || theta < 1e-4) break;
      rel.subgradient(lambda, node.state, chosen, g);
      // A zero subgradient: the relaxed answer is feasible and complementary, L is the node's optimum.
      const norm = rel.project(lambda, g);
      if (norm === 0) break;
      const gapTarget = UB < Infinity ? UB - bestL : 0.05 * Math.abs(bestL) + 1;
      rel.step(lambda, g, theta * Math.max(gapTarget, 1e-9 * Math.max(1, Math.abs(bestL))) / norm);
    }
    for (let j = 0; j < n; j++) share[j] /= steps;
    // ρ and the selection at the best multipliers (for fixing and branching).
    lambda.set(bestLambda);
    if (!root) tryDeployment(node.state, bestChosen);
    rel.evaluate(lambda, node.state, rho);
    select(node.state);
    return bestL;
  };

  /** Reduced-cost fixing at the node's best multipliers; returns false when the node is pruned. */
  const fix = (state: Int8Array, L: number): void => {
    const { free, slots } = select(state);
    const ranked = order.subarray(0, free);
    if (rel.open === undefined) {
      for (const j of ranked) if (prunes(L + Math.abs(rho[j]))) state[j] = chosen[j] ? 1 : 0;
      return;
    }
    // ranked is sorted by ρ: the first `slots` are chosen.
    const worst = slots > 0 ? rho[ranked[slots - 1]] : NaN, next = slots < free ? rho[ranked[slots]] : NaN;
    for (let k = 0; k < free; k++) {
      const j = ranked[k];
      if (k < slots) { if (slots === free || prunes(L - rho[j] + next)) state[j] = 1; } else if (slots === 0 || prunes(L + rho[j] - worst)) state[j] = 0;
    }
  };

  const initial = options.state ? Int8Array.from(options.state) : new Int8Array(n).fill(-1);
  // The root's state is fixed and branched on in place: `initial` stays as given.
  const state0 = Int8Array.from(initial);
  let rootUpper = UB;
  let rootLambda: Float64Array | undefined;
  const root: Node = { state: state0, lambda: rel.start(best ?? new Uint8Array(n)), bound: -Infinity, depth: 0 };
  const stack: Node[] = [root];
  let nodes = 0, rootBound = -Infinity;
  let rootState: Int8Array = state0;
  let stoppedBy: 'node-limit' | 'time-limit' | undefined;
  while (stack.length) {
    if (nodes >= maxNodes) { stoppedBy = 'node-limit'; break; }
    if (nodes > 0 && nowS() - started > limitS) { stoppedBy = 'time-limit'; break; }
    const node = stack.pop()!;
    if (prunes(node.bound)) continue;
    if (prunesByGap(node.bound)) { gapBound = Math.min(gapBound, node.bound); continue; }
    const isRoot = nodes === 0;
    nodes++;
    const L = solveNode(node, isRoot ? options.rootIterations ?? 3000 : options.nodeIterations ?? 150, isRoot);
    if (isRoot) rootLambda = Float64Array.from(node.lambda);
    node.bound = Math.max(node.bound, L);
    if (isRoot) rootBound = node.bound;
    if (L === Infinity || prunes(node.bound)) { if (isRoot) { rootState = node.state; rootUpper = UB; } continue; }
    if (prunesByGap(node.bound)) { gapBound = Math.min(gapBound, node.bound); if (isRoot) { rootState = node.state; rootUpper = UB; } continue; }
    if (isRoot) rootUpper = UB;
    fix(node.state, L);
    if (!rel.prepare(node.state)) continue;
    if (isRoot) rootState = Int8Array.from(node.state);
    // Branch on the free site nearest to one half over the node's relaxed answers.
    let branch = -1, score = Infinity, free = 0;
    for (let j = 0; j < n; j++) {
      if (node.state[j] !== -1) continue;
      free++;
      const s = Math.abs(share[j] - 0.5);
      if (s < score) { score = s; branch = j; }
    }
    if (free === 0) { tryDeployment(node.state, Uint8Array.from(node.state, (v) => (v === 1 ? 1 : 0))); continue; }
    const closed = Int8Array.from(node.state), opened = node.state;
    closed[branch] = 0; opened[branch] = 1;
    stack.push({ state: closed, lambda: node.lambda.slice(), bound: node.bound, depth: node.depth + 1 });
    stack.push({ state: opened, lambda: node.lambda, bound: node.bound, depth: node.depth + 1 });
  }
  const limited = stoppedBy !== undefined;
  if (limited && rootLambda && UB < rootUpper) {
    // The root's fixings again at its best multipliers, against the better UB found since.
    const state = Int8Array.from(initial);
    if (rel.prepare(state)) {
      const L = rel.evaluate(rootLambda, state, rho) + select(state).sum;
      if (L < Infinity && !prunes(L)) { fix(state, L); if (rel.prepare(state)) { rootState = state; rootUpper = UB; } }
    }
  }
  let bound = Math.min(UB, gapBound);
  if (limited) for (const s of stack) if (!prunes(s.bound)) bound = Math.min(bound, s.bound);
  const tail = { rootBound, rootState, rootUpper, nodes, iterations };
  if (!best) return limited ? { status: 'limit', stoppedBy, objective: Infinity, bound, ...tail } : { status: 'infeasible', objective: Infinity, bound, ...tail };
  // 'optimal' with a gap > 0 means: exhausted down to that gap (bound below the objective).
  if (limited && bound < UB) return { status: 'limit', stoppedBy, open: best, objective: UB, bound, ...tail };
  return { status: 'optimal', open: best, objective: UB, bound, ...tail };
}

/** The problem's own fixings as a search state: 1 for existing posts (minUnits >= 1), 0 for sites that may not open, -1 free. */
export function siteStates(p: LocationProblem): Int8Array {
  return Int8Array.from(p.minUnits, (m, j) => (p.maxUnits[j] < 1 ? 0 : m >= 1 ? 1 : -1));
}
