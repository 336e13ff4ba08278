import { InputError } from '../io/input-error.ts';
import type { MilpSolver } from './milp.ts';
import { blockSets, blockValues, evaluatePlan, unitsOnDuty, validatePlanProblem, type PlanAssignment, type PlanEvaluation, type PlanProblem } from './plan.ts';
import { solvePlanHeuristic } from './plan-heuristic.ts';
import { buildPlanModel } from './plan-model.ts';
import { tieredLagrangianBound } from './tiered-lagrangian.ts';

export interface PlanSolveOptions {
  /** auto: HiGHS on the whole plan when the model is small enough (see `exactNonzeroLimit`), else the heuristic. */
  solver?: 'auto' | 'highs' | 'heuristic';
  timeLimitS?: number;
  /** Relative gap at which HiGHS or the bound search may stop (default 0). */
  gap?: number;
  rounds?: number;
  /** Heuristic: rounds of the iterated local search over the whole plan (default 60). */
  planRounds?: number;
  seed?: string;
  solvers: { highs?: MilpSolver };
  nowS?: () => number;
  /** auto: plans whose coverage lists (all blocks and tiers) hold more pairs than this go to the heuristic (default 300 000). */
  exactNonzeroLimit?: number;
}

export interface PlanBlockResult {
  name: string;
  startHour: number;
  endHour: number;
  unitsOnDuty: number;
  /** The block's part of the plan objective (recomputed). */
  objective: number;
  /** Proven upper bound on the block's objective on its own (no moves linking it; NaN when not computed). */
  bound: number;
  /** (bound − objective) / objective for the block (NaN without a bound). */
  gap: number;
  coveredWeight: number[];
  expectedWeight: number[];
  /** Units changing place at the boundary into the next block. */
  movesOut: number;
  busy: number;
}

export interface PlanResult {
  status: 'optimal' | 'feasible' | 'infeasible' | 'error';
  /** Σ_b block objective − moveCost × moves (recomputed from the plan). */
  objective: number;
  /** Proven upper bound on the plan optimum: HiGHS's bound, or Σ_b of the blocks' own bounds. */
  bound: number;
  gap: number;
  plan: PlanAssignment;
  blocks: PlanBlockResult[];
  moves: number;
  solver: string;
  seconds: number;
  claimedObjective: number;
  message?: string;
}

/**
 * Solve a time-of-day plan (plan-model.ts: formulation; plan-heuristic.ts: the city-scale heuristic)
 * and re-verify the answer: the plan's objective and every constraint are recomputed from the data
 * (evaluatePlan), and a difference from the solver's claim is an 'error'.
 *
 * Bound: with HiGHS, its proven bound on the whole plan. With the heuristic, Σ_b of each block's
 * Lagrangian bound with the block's units (tiered-lagrangian.ts): valid for the plan because dropping
 * the moves' limit and cost only raises the optimum; per block it bounds what that block could earn on
 * its own, so a block's gap also counts what the move limit costs it.
 */
export function solvePlan(problem: PlanProblem, options: PlanSolveOptions): PlanResult {
  const nowS = options.nowS ?? (() => 0);
  const started = nowS();
  const timeLimitS = options.timeLimitS ?? 60;
  const problems = validatePlanProblem(problem);
  if (problems.length) throw new InputError(problems.join('; '));
  const values = blockValues(problem);
  const sets = blockSets(problem);
  let nnz = 0;
  for (const blk of problem.blocks) for (const t of problem.tiers) for (let k = 0; k < blk.problem.reachCost.length; k++) if (blk.problem.reachCost[k] <= t.targetS) nnz++;
  const choice = options.solver ?? 'auto';
  const useHeuristic = choice === 'heuristic' || (choice === 'auto' && (nnz > (options.exactNonzeroLimit ?? 300_000) || !options.solvers.highs));
  const left = () => Math.max(1, timeLimitS - (nowS() - started));
  const nb = problem.blocks.length;

  const finish = (plan: PlanAssignment, claimed: number, bound: number, blockBounds: number[], solver: string, proven: boolean, message?: string): PlanResult => {
    const e: PlanEvaluation = evaluatePlan(problem, plan, values);
    const issues = [...e.problems];
    const tol = 1e-6 * Math.max(1, Math.abs(e.objective));
    if (!(Math.abs(e.objective - claimed) <= tol)) issues.push(`the solver claimed objective ${claimed}, the plan it returned scores ${e.objective}`);
    const gap = Number.isNaN(bound) ? NaN : Math.max(0, bound - e.objective) / Math.max(Math.abs(e.objective), 1e-12);
    const blocks: PlanBlockResult[] = problem.blocks.map((blk, b) => ({
      name: blk.name, startHour: blk.startHour, endHour: blk.endHour, unitsOnDuty: unitsOnDuty(problem, b),
      objective: e.blocks[b].objective, bound: blockBounds[b],
      gap: Number.isNaN(blockBounds[b]) ? NaN : Math.max(0, blockBounds[b] - e.blocks[b].objective) / Math.max(Math.abs(e.blocks[b].objective), 1e-12),
      coveredWeight: e.blocks[b].coveredWeight, expectedWeight: e.blocks[b].expectedWeight, movesOut: e.blocks[b].movesOut,
      busy: problem.objective === 'expected' ? blk.busy : 0,
    }));
    return {
      status: issues.length ? 'error' : proven && gap <= 1e-9 ? 'optimal' : 'feasible',
      objective: e.objective, bound, gap, plan, blocks, moves: e.moves, solver, seconds: nowS() - started, claimedObjective: claimed,
      ...(issues.length ? { message: `verification failed: ${issues.join('; ')}` } : message ? { message } : {}),
    };
  };

  if (useHeuristic) {
    const h = solvePlanHeuristic(problem, values, sets, { timeLimitS: left() * 0.5, nowS, rounds: options.rounds, planRounds: options.planRounds, seed: options.seed });
    if (!h.feasible) {
      return { ...finish(h.plan, h.objective, NaN, problem.blocks.map(() => NaN), 'heuristic', false), status: 'infeasible', message: `the heuristic could not meet the limit of ${problem.maxMoves} moves per boundary; try --solver highs on a smaller model` };
    }
    const e = evaluatePlan(problem, h.plan, values);
    const blockBounds: number[] = [];
    let bound = 0;
    for (let b = 0; b < nb; b++) {
      const blk = problem.blocks[b];
      const fixed = new Int32Array(blk.problem.candidateIds.length);
      for (const u of problem.units) if (u.onDuty[b] && u.fixedSite >= 0) fixed[u.fixedSite]++;
      const lag = tieredLagrangianBound({ ...blk.problem, minUnits: fixed }, { tiers: problem.tiers, units: unitsOnDuty(problem, b) }, e.blocks[b].objective,
        { timeLimitS: left() / (nb - b), nowS, sets: sets[b], targetGap: options.gap, values: values[b] });
      const bb = Math.max(lag.bound, e.blocks[b].objective);
      blockBounds.push(bb);
      bound += bb;
    }
    return finish(h.plan, h.objective, bound, blockBounds, 'heuristic', false,
      `${Number.isNaN(h.blockwiseObjective) ? 'from a plan without moves (tight move limit)' : `blocks alone ${round(h.blockwiseObjective)}`} → plan ${round(h.objective)} (${h.repairs} repairs for the move limit, ${h.improvements} linking moves) in ${h.seconds.toFixed(1)} s${h.timeLimited ? ' (the time limit cut the search short, so the answer depends on machine speed)' : ''}`);
  }

  const highs = options.solvers.highs;
  if (!highs) throw new Error('HiGHS solver not given');
  const m = buildPlanModel(problem, values, sets);
  // Warm start from the heuristic (a tenth of the time).
  let start: Float64Array | undefined;
  try {
    const h = solvePlanHeuristic(problem, values, sets, { timeLimitS: left() * 0.1, nowS, rounds: options.rounds, planRounds: options.planRounds, seed: options.seed });
    if (h.feasible) start = m.encode(h.plan);
  } catch { /* no warm start */ }
  const r = highs.solve(m.milp, { timeLimitS: left(), start, mipGap: options.gap });
  if (!r.x) {
    return {
      status: r.status === 'infeasible' ? 'infeasible' : 'error', objective: NaN, bound: r.bound + m.offset, gap: NaN, plan: [], blocks: [], moves: 0,
      solver: 'highs', seconds: nowS() - started, claimedObjective: NaN, message: r.message ?? (r.status === 'infeasible' ? 'the plan model is infeasible (the move limit cannot be met)' : `no answer (${r.status})`),
    };
  }
  return finish(m.decode(r.x), r.objective + m.offset, r.bound + m.offset, problem.blocks.map(() => NaN), 'highs', r.status === 'optimal', r.message);
}

function round(x: number): string {
  return Number.isInteger(x) ? String(x) : x.toFixed(3);
}
