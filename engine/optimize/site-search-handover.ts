import type { MilpResult, MilpSolver, MilpStatus } from './milp.ts';
import type { SiteSearchResult } from './site-branch-and-bound.ts';

/** What solve-p-median, solve-lscp and solve-mclp take, besides their models. */
export interface SiteSolveOptions {
  timeLimitS?: number;
  /** Relative gap at which the search may stop (default 0: prove optimality). */
  gap?: number;
  nowS?: () => number;
  /**
   * Share of the time limit the branch-and-bound may use before handing over to the exact solver
   * (when one is given; each solver states its default). Without a solver the search has the whole
   * time limit.
   */
  searchShare?: number;
  /** Nodes the branch-and-bound may search before handing over (each solver states its default). */
  maxNodes?: number;
}

/** Seconds the branch-and-bound may use: its share of the time limit (all of it without a solver), less what has been spent since `startedS`. */
export function searchTimeS(options: SiteSolveOptions, hasSolver: boolean, defaultShare: number, timeLimitS: number, startedS: number, nowS: () => number): number {
  return Math.max(0, (hasSolver ? options.searchShare ?? defaultShare : 1) * timeLimitS - (nowS() - startedS));
}

/** The note on a site search: its root bound, what the root left free, nodes and subgradient steps, and whether a limit stopped it. */
export function searchNote(bb: SiteSearchResult, sites: number): string {
  const free = bb.rootState.reduce((n, v) => n + (v < 0 ? 1 : 0), 0);
  const root = bb.nodes === 1 && bb.status === 'optimal' ? 'closed at the root' : `${free} of ${sites} sites left free at the root`;
  return `Lagrangian branch-and-bound: root bound ${round(Math.abs(bb.rootBound))}, ${root}, ${bb.nodes} nodes, ${bb.iterations} subgradient steps${bb.status === 'limit' ? ` (stopped at its ${bb.stoppedBy === 'time-limit' ? 'time' : 'node'} limit)` : ''}`;
}

/** A figure in a note: integers as they are, others to 3 decimals. */
export function round(x: number): string {
  return Number.isInteger(x) ? String(x) : x.toFixed(3);
}

/** An exact answer to a site model: what solve-p-median, solve-lscp and solve-mclp return. */
export interface SiteSolution {
  /** optimal: proven within the gap asked; time-limit: stopped with a larger gap; infeasible: no deployment exists; error: the exact solver failed. */
  readonly status: MilpStatus;
  /** 0/1 per candidate (absent without an answer). */
  readonly open?: Int32Array;
  /** The objective claimed for `open` by whoever found it (in the model's own sense). */
  readonly claimedObjective: number;
  /** A proven bound on the optimum (lower for min, upper for max; NaN when none). */
  readonly bound: number;
  /** Who proved or found the answer: 'branch-and-bound', or the exact solver's name. */
  readonly solver: string;
  readonly notes: string[];
}

export interface HandOver {
  /** +1: the model minimises (the search's sense); -1: it maximises, the search ran on the negated objective. */
  readonly sense: 1 | -1;
  /** Every deployment's objective is an integer: bounds round towards the answer. */
  readonly integral: boolean;
  /** The exact solver, or undefined (the search's answer stands as it is). */
  readonly solver?: MilpSolver;
  /**
   * Solve the model with the sites `fixed` (1 open, 0 closed, -1 free) from `start` (0/1 per
   * site, given only when it keeps the fixings); returns the solver's result and its decoder.
   */
  solve(solver: MilpSolver, fixed: Int8Array, start: Uint8Array | undefined): { r: MilpResult; decode(x: ArrayLike<number>): Int32Array };
}

/**
 * The answer of a site search (site-branch-and-bound.ts), handed to an exact solver when the
 * search stopped with nodes left. The solver gets the sites the root fixed and the best deployment
 * as its start; its bound holds only for the deployments those fixings keep, and every deployment
 * they exclude scores at least `rootUpper` (the search's invariant), so the bound reported is
 * max(search bound, min(solver bound, rootUpper)) — with integral objectives rounded towards the
 * answer. Solver infeasible on the fixed model: every deployment was excluded, the bound is
 * rootUpper. The better of the two deployments is the answer; it is 'optimal' only when the
 * bound meets it.
 */
export function handOver(bb: SiteSearchResult, h: HandOver): SiteSolution {
  const s = h.sense;
  const roundUp = (b: number) => (h.integral && Number.isFinite(b) ? Math.ceil(b - 1e-6 * Math.max(1, Math.abs(b))) : b);
  // Everything below in the search's (minimisation) form; `out` turns it back.
  const out = (status: MilpStatus, open: ArrayLike<number> | undefined, objective: number, bound: number, solver: string, notes: string[]): SiteSolution => {
    let b = bound;
    if (open && h.integral && Math.abs(b - Math.round(objective)) < 1e-6) b = objective;
    const tol = 1e-9 * Math.max(1, Math.abs(objective));
    // A bound beyond the answer breaks an invariant of the search or the solver: never reported as a proof.
    if (open && b > objective + tol) return { status: 'error', open: Int32Array.from(open), claimedObjective: s * objective, bound: NaN, solver, notes: [...notes, `bound ${s * b} lies beyond the answer ${s * objective}`] };
    return { status, open: open ? Int32Array.from(open) : undefined, claimedObjective: open ? s * objective : NaN, bound: s * b, solver, notes };
  };
  if (bb.status === 'infeasible') return out('infeasible', undefined, NaN, NaN, 'branch-and-bound', []);
  if (bb.status === 'optimal') return out('optimal', bb.open, bb.objective, roundUp(bb.bound), 'branch-and-bound', []);
  if (!h.solver) return out('time-limit', bb.open, bb.objective, roundUp(bb.bound), 'branch-and-bound', []);

  const startAgrees = bb.open !== undefined && bb.rootState.every((v, j) => v < 0 || v === bb.open![j]);
  const { r, decode } = h.solve(h.solver, bb.rootState, startAgrees ? bb.open : undefined);
  const note = `then ${h.solver.name} with the sites the root fixed: ${r.status}${r.message ? ` (${r.message})` : ''}`;
  const excluded = h.integral ? bb.rootUpper : bb.rootUpper - 1e-9 * Math.max(1, Math.abs(bb.rootUpper));
  const solverBound = r.status === 'infeasible' ? Infinity : Number.isNaN(r.bound) ? -Infinity : s * r.bound;
  const bound = Math.max(roundUp(bb.bound), roundUp(Math.min(solverBound, excluded)));
  const solverObjective = r.x !== undefined ? s * r.objective : Infinity;
  const useSolver = solverObjective < (bb.open ? bb.objective - 1e-9 * Math.max(1, Math.abs(bb.objective)) : Infinity);
  const open = useSolver ? decode(r.x!) : bb.open;
  const objective = useSolver ? solverObjective : bb.objective;
  const name = useSolver ? h.solver.name : 'branch-and-bound';
  if (!open) {
    if (r.status === 'infeasible' && bb.rootUpper === Infinity) return out('infeasible', undefined, NaN, NaN, name, [note]);
    return out(r.status === 'optimal' || r.status === 'infeasible' ? 'error' : r.status, undefined, NaN, bound, name, [note]);
  }
  const proven = bound >= objective - 1e-9 * Math.max(1, Math.abs(objective));
  // A solver stopped by the gap asked says optimal with a bound short of the answer: kept as it is.
  return out(proven || r.status === 'optimal' ? 'optimal' : 'time-limit', open, objective, proven && bound <= objective + 1e-6 * Math.max(1, Math.abs(objective)) ? objective : bound, name, [note]);
}
