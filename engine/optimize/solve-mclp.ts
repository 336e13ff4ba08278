import { coverageSets } from './coverage-sets.ts';
import { mclpRelaxation } from './mclp-bound.ts';
import { coverageReach, solveMclpHeuristic } from './mclp-heuristic.ts';
import { buildMclpModel } from './mclp.ts';
import type { MilpSolver } from './milp.ts';
import type { LocationProblem } from './problem.ts';
import { siteBranchAndBound, siteStates } from './site-branch-and-bound.ts';
import { handOver, searchNote, searchTimeS, type SiteSolution, type SiteSolveOptions } from './site-search-handover.ts';

/** Defaults: `searchShare` 0.25, `maxNodes` 50. */
export interface MclpSolveOptions extends SiteSolveOptions {
  /** Perturbation rounds of the warm start's iterated local search (default 150) and its seed. */
  rounds?: number;
  seed?: string;
}

/**
 * Exact MCLP (mclp.ts) on a problem with at most one unit per site (siteProblem): a warm start by
 * the MCLP heuristic (mclp-heuristic.ts), then Lagrangian branch-and-bound (site-branch-and-bound.ts
 * on mclpRelaxation, in the negated covered weight), which closes small and loose instances by
 * itself; when it stops at its node or time limit, the MCLP model with the sites the root fixed
 * goes to `solver` from the best deployment (site-search-handover.ts). With integer weights the
 * bound is rounded down. The caller re-verifies the answer against the data.
 */
export function solveMclp(p: LocationProblem, targetS: number, facilities: number, solver: MilpSolver | undefined, options: MclpSolveOptions = {}): SiteSolution {
  const nowS = options.nowS ?? (() => 0);
  const started = nowS();
  const timeLimitS = options.timeLimitS ?? 60;
  const sets = coverageSets(p, targetS);
  const reach = coverageReach(p, sets);
  const integral = p.demandWeight.every((w) => Number.isInteger(w));
  const h = solveMclpHeuristic(p, facilities, reach, { rounds: options.rounds ?? 150, seed: options.seed, nowS, timeLimitS: timeLimitS * 0.1 });
  const searchS = searchTimeS(options, solver !== undefined, 0.25, timeLimitS, started, nowS);
  const bb = siteBranchAndBound(mclpRelaxation(p, sets, facilities, reach, { integral }), {
    incumbent: h.feasible ? { open: h.open, objective: -h.covered } : undefined, state: siteStates(p),
    timeLimitS: searchS, nowS, gap: options.gap, maxNodes: options.maxNodes ?? 50,
  });
  const notes = [
    ...(h.feasible ? [`warm start ${h.covered} (greedy ${h.greedyCovered}, then vertex substitution and iterated local search)`] : []),
    searchNote(bb, p.candidateIds.length),
  ];
  const r = handOver(bb, {
    sense: -1, integral, solver,
    solve(s, fixed, start) {
      const q = { ...p, minUnits: p.minUnits.map((m, j) => (fixed[j] === 1 ? 1 : m)), maxUnits: p.maxUnits.map((m, j) => (fixed[j] === 0 ? 0 : m)) };
      const m = buildMclpModel(q, targetS, facilities);
      const left = Math.max(1, timeLimitS - (nowS() - started));
      return { r: s.solve(m.milp, { timeLimitS: left, mipGap: options.gap, ...(start ? { start: m.encode(start) } : {}) }), decode: m.decode };
    },
  });
  return { ...r, notes: [...notes, ...r.notes] };
}
