import type { MilpSolver, MilpStatus } from './milp.ts';
import { buildPMedianModel } from './p-median.ts';
import { pMedianLagrangianBound } from './p-median-bound.ts';
import { solvePMedianHeuristic } from './p-median-heuristic.ts';
import type { LocationProblem } from './problem.ts';
import { sortedReach } from './sorted-reach.ts';

export interface PMedianSolution {
  /** The exact solver's status on the (reduced) model; 'infeasible' also when checks show no deployment exists. */
  readonly status: MilpStatus;
  /** 0/1 per candidate (absent without an answer). */
  readonly open?: Int32Array;
  /** The objective claimed for `open` by whoever found it (the solver, or the warm start). */
  readonly claimedObjective: number;
  /** A proven lower bound on the optimum (NaN when none). */
  readonly bound: number;
  readonly message?: string;
}

/**
 * Exact p-median: a warm start by greedy construction and vertex substitution
 * (p-median-heuristic.ts), a Lagrangian bound that fixes the sites no better deployment can
 * change (p-median-bound.ts), then Elloumi's formulation (p-median.ts) on the sites left free,
 * solved by `solver` from the warm start. The bound reported is the solver's bound on the reduced
 * model, capped by the bound on what the fixings exclude, and never below the Lagrangian bound;
 * with integer weights and costs it is rounded up to an integer (every objective is one).
 * The caller re-verifies the answer against the data.
 */
export function solvePMedian(p: LocationProblem, facilities: number, solver: MilpSolver, options: { timeLimitS?: number; gap?: number; nowS?: () => number } = {}): PMedianSolution {
  const nowS = options.nowS ?? (() => 0);
  const started = nowS();
  const timeLimitS = options.timeLimitS ?? 60;
  const nj = p.candidateIds.length;
  const R = sortedReach(p);
  const none = (status: MilpStatus, message: string): PMedianSolution => ({ status, claimedObjective: NaN, bound: NaN, message });

  const unreached: string[] = [];
  for (let t = 0; t < R.demand.length; t++) if (R.start[t] === R.start[t + 1]) unreached.push(p.demandIds[R.demand[t]]);
  if (unreached.length) return none('infeasible', `${unreached.length} demand points are reached by no site that may open (first: ${unreached.slice(0, 5).join(', ')})`);
  let mayOpen = 0, mustOpen = 0;
  for (let j = 0; j < nj; j++) { if (p.maxUnits[j] >= 1) mayOpen++; if (p.minUnits[j] >= 1 && p.maxUnits[j] >= 1) mustOpen++; }
  if (mayOpen < facilities) return none('infeasible', `${facilities} sites to open, but only ${mayOpen} candidates may open`);
  if (mustOpen > facilities) return none('infeasible', `${mustOpen} existing (fixed) sites, more than the ${facilities} to open`);

  let integral = true;
  for (let t = 0; t < R.demand.length && integral; t++) if (!Number.isInteger(R.weight[t])) integral = false;
  for (let q = 0; q < R.cost.length && integral; q++) if (!Number.isInteger(R.cost[q])) integral = false;

  const h = solvePMedianHeuristic(p, facilities, { reach: R, rounds: 50, nowS, timeLimitS: timeLimitS * 0.1 });
  const lag = h.feasible
    ? pMedianLagrangianBound(p, facilities, h, { integral, reach: R, nowS, timeLimitS: timeLimitS * 0.2 })
    : undefined;
  const start = lag?.incumbent ?? (h.feasible ? h : undefined);
  const model = buildPMedianModel(p, facilities, { fixed: lag?.fixed, reach: R });
  const left = Math.max(1, timeLimitS - (nowS() - started));
  const r = solver.solve(model.milp, {
    timeLimitS: left, mipGap: options.gap,
    ...(start ? { start: model.encode(start.open), heuristicEffort: 0 } : {}),
  });

  const tol = 1e-9 * Math.max(1, Math.abs(start?.objective ?? 0));
  const useSolver = r.x !== undefined && !(start && r.objective > start.objective + tol);
  const open = useSolver ? model.decode(r.x!) : start ? Int32Array.from(start.open) : undefined;
  // Bound: the reduced model's, capped by what the fixings exclude, at least the Lagrangian bound.
  let bound = Number.isNaN(r.bound) ? NaN : Math.min(r.bound, lag?.excludedBound ?? Infinity);
  if (lag && Number.isFinite(lag.bound)) bound = Number.isNaN(bound) ? lag.bound : Math.max(bound, lag.bound);
  if (integral && Number.isFinite(bound)) bound = Math.ceil(bound - 1e-6 * Math.max(1, Math.abs(bound)));

  let fixedCount = 0;
  if (lag) for (let j = 0; j < nj; j++) if (lag.fixed[j] >= 0 && p.maxUnits[j] >= 1 && p.minUnits[j] < 1) fixedCount++;
  const notes = [
    ...(r.message ? [r.message] : []),
    ...(h.feasible ? [`warm start ${round(start!.objective)} (greedy ${round(h.greedyObjective)}, vertex substitution ${round(h.objective)}${lag && lag.incumbent.objective < h.objective ? `, from the Lagrangian steps ${round(lag.incumbent.objective)}` : ''})`] : []),
    ...(lag ? [`Lagrangian bound ${round(lag.bound)} after ${lag.iterations} steps fixed ${fixedCount} of ${nj} sites`] : []),
  ];
  if (!open) {
    if (r.status === 'infeasible') notes.unshift(`no ${facilities} sites reach every demand point`);
    return { status: r.status, claimedObjective: NaN, bound, message: notes.join('; ') || undefined };
  }
  const claimed = useSolver ? r.objective : start!.objective;
  if (integral && Number.isFinite(bound) && Math.abs(bound - Math.round(claimed)) < 1e-6 && bound > claimed) bound = claimed;
  return { status: r.status === 'infeasible' && start ? 'error' : r.status, open, claimedObjective: claimed, bound, message: notes.join('; ') };
}

function round(x: number): string {
  return Number.isInteger(x) ? String(x) : x.toFixed(3);
}
