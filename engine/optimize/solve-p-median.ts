import type { MilpSolver, MilpStatus } from './milp.ts';
import { buildPMedianModel } from './p-median.ts';
import { pMedianRelaxation } from './p-median-bound.ts';
import { solvePMedianHeuristic } from './p-median-heuristic.ts';
import type { LocationProblem } from './problem.ts';
import { siteBranchAndBound, siteStates } from './site-branch-and-bound.ts';
import { handOver, round, searchNote, searchTimeS, type SiteSolveOptions } from './site-search-handover.ts';
import { sortedReach } from './sorted-reach.ts';

export interface PMedianSolution {
  /** optimal: proven; time-limit: stopped with a gap; infeasible: no deployment exists; error: the exact solver failed. */
  readonly status: MilpStatus;
  /** 0/1 per candidate (absent without an answer). */
  readonly open?: Int32Array;
  /** The objective claimed for `open` by whoever found it (the search, the heuristic or the solver). */
  readonly claimedObjective: number;
  /** A proven lower bound on the optimum (NaN when none). */
  readonly bound: number;
  /** Who proved or found the answer: 'branch-and-bound', or the exact solver's name. */
  readonly solver: string;
  readonly message?: string;
}

/** Defaults: `searchShare` 0.5, no node limit but the time. */
export type PMedianSolveOptions = SiteSolveOptions;

/**
 * Exact p-median: a warm start by greedy construction, vertex substitution and iterated local
 * search (p-median-heuristic.ts), then Lagrangian branch-and-bound (site-branch-and-bound.ts on the
 * relaxation of p-median-bound.ts), which proves most instances optimal by itself. When the search
 * stops at its share of the time limit and an exact `solver` is given, Elloumi's formulation
 * (p-median.ts) with the sites the root fixed goes to that solver, warm-started from the best
 * deployment. The bound reported is the search's (the least bound of the nodes left open), or, after
 * the solver, the solver's bound capped by the bound on what the root's fixings exclude, whichever
 * is higher; with integer weights and costs it is rounded up to an integer (every objective is
 * one). The caller re-verifies the answer against the data.
 */
export function solvePMedian(p: LocationProblem, facilities: number, solver: MilpSolver | undefined, options: PMedianSolveOptions = {}): PMedianSolution {
  const nowS = options.nowS ?? (() => 0);
  const started = nowS();
  const timeLimitS = options.timeLimitS ?? 60;
  const nj = p.candidateIds.length;
  const R = sortedReach(p);
  const none = (status: MilpStatus, message: string): PMedianSolution => ({ status, claimedObjective: NaN, bound: NaN, solver: 'none', message });

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
  const searchS = searchTimeS(options, solver !== undefined, 0.5, timeLimitS, started, nowS);
  const bb = siteBranchAndBound(pMedianRelaxation(p, facilities, { reach: R, integral }), {
    incumbent: h.feasible ? h : undefined, state: siteStates(p), timeLimitS: searchS, nowS, gap: options.gap, maxNodes: options.maxNodes,
  });
  const notes = [
    ...(h.feasible ? [`warm start ${round(h.objective)} (greedy ${round(h.greedyObjective)}, then vertex substitution and iterated local search)`] : []),
    searchNote(bb, nj),
  ];
  if (bb.status === 'infeasible') return none('infeasible', `no ${facilities} sites reach every demand point; ${notes.join('; ')}`);
  const r = handOver(bb, {
    sense: 1, integral, solver,
    solve(s, fixed, start) {
      // Elloumi's formulation on the sites the root left free.
      const model = buildPMedianModel(p, facilities, { fixed, reach: R });
      const left = Math.max(1, timeLimitS - (nowS() - started));
      return { r: s.solve(model.milp, { timeLimitS: left, mipGap: options.gap, ...(start ? { start: model.encode(start), heuristicEffort: 0 } : {}) }), decode: model.decode };
    },
  });
  return { status: r.status, open: r.open, claimedObjective: r.claimedObjective, bound: r.bound, solver: r.solver, message: [...notes, ...r.notes].join('; ') };
}
