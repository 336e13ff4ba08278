import { InputError } from '../io/input-error.ts';
import { coverageSets, uncoverable } from './coverage-sets.ts';
import { buildLscpModel, evaluateLscp } from './lscp.ts';
import { lscpLagrangianBound } from './lscp-bound.ts';
import { buildMclpModel, evaluateMclp, siteProblem } from './mclp.ts';
import { buildMinmaxWorkloadModel, evaluateMinmaxWorkload } from './minmax-workload.ts';
import type { MilpResult, MilpSolver } from './milp.ts';
import { buildPCenterModel, evaluatePCenter } from './p-center.ts';
import { evaluatePMedian } from './p-median.ts';
import { solvePMedian } from './solve-p-median.ts';
import type { LocationProblem } from './problem.ts';
import { reduceCoverageProblem, type Reduction } from './reduce.ts';
import { buildTieredModel, evaluateTiered, validateTiered, type TieredParams, type WeightedTier } from './tiered.ts';
import { solveTieredHeuristic } from './tiered-heuristic.ts';
import { tieredLagrangianBound } from './tiered-lagrangian.ts';
import { evaluateTierValues } from './tier-state.ts';
import { MAX_BUSY, tierValues, type TierObjective } from './tier-value.ts';

export type ModelName = 'lscp' | 'mclp' | 'pmedian' | 'pcenter' | 'tiered' | 'minmax-workload';
export type SolverChoice = 'auto' | 'highs' | 'jslp' | 'heuristic';
export const MODEL_NAMES: readonly ModelName[] = ['lscp', 'mclp', 'pmedian', 'pcenter', 'tiered', 'minmax-workload'];
export const SOLVER_NAMES: readonly SolverChoice[] = ['auto', 'highs', 'jslp', 'heuristic'];

export interface OptimizeRequest {
  model: ModelName;
  /** T for LSCP and MCLP (covered: d_ij <= T). */
  targetS?: number;
  /** P: sites for MCLP, p-median, p-center; units for the tiered model. */
  facilities?: number;
  /** Tiers of the tiered model. */
  tiers?: readonly WeightedTier[];
  /** Budget on opening costs (tiered model). */
  budget?: number;
  /** Min–max workload: the workload cap W̄ (then the fewest sites; otherwise `facilities` sites, least largest workload). */
  maxWorkload?: number;
  solver?: SolverChoice;
  /** Wall-clock limit in seconds for the solve (default 60). */
  timeLimitS?: number;
  /** Relative gap at which a solver may stop (default 0: prove optimality, or run to the time limit). */
  gap?: number;
  /**
   * Merge demand and drop dominated sites before solving covering models. Default: yes for the exact
   * solvers; no for the heuristic (measured on Sydney: the Lagrangian bound converged more slowly on
   * the reduced model, and the reduction itself costs seconds).
   */
  reduce?: boolean;
  /**
   * MCLP and tiered: 'static' (default: every unit counts as free) or 'expected' (busy-aware: a tier
   * (T, k) is met with the probability that at least k of the units within T are free, each busy with
   * probability `busy`; tier-value.ts).
   */
  objective?: TierObjective;
  /** q, the probability that a unit is busy (expected objective). */
  busy?: number;
  /** Heuristic (MCLP, tiered): perturbation rounds of the iterated local search (default 150). */
  rounds?: number;
  /** Heuristic: seed of the perturbations (default fixed: the same inputs give the same answer). */
  seed?: string;
  /** Solvers, passed in (HiGHS needs an async load). `auto` uses HiGHS when given, else jslp. */
  solvers: { highs?: MilpSolver; jslp?: MilpSolver };
  /** Clock in seconds (the engine reads none of its own). */
  nowS?: () => number;
  /** Tiered `auto`: models with more nonzeros than this go to the heuristic (default 300 000). */
  exactNonzeroLimit?: number;
}

export type OptimizeStatus = 'optimal' | 'feasible' | 'infeasible' | 'error';

export interface OptimizeResult {
  model: ModelName;
  /** optimal: proven (bound = objective); feasible: a verified answer with a gap or no bound. */
  status: OptimizeStatus;
  /** Recomputed from the data: LSCP total site cost, MCLP covered weight, p-median Σ a_i min d_ij, p-center max min d_ij, tiered Σ_t w_t × weight meeting tier t, minmax-workload the largest nearest-site workload (with a cap: the sites open). */
  objective: number;
  /** Proven bound on the optimum (NaN when none). */
  bound: number;
  /** |bound − objective| / |objective| (NaN without a bound). */
  gap: number;
  /** Units per candidate (0/1 for the site models). */
  units: Int32Array;
  /** Ids of the sites used, in candidate order. */
  selected: string[];
  solver: string;
  seconds: number;
  /** Objective the solver claimed (before re-verification). */
  claimedObjective: number;
  reduction?: { before: Reduction['before']; after: Reduction['after']; seconds: number };
  /** Per tier: weight meeting it with every unit free (tiered and MCLP). */
  tierCoveredWeight?: number[];
  /** Expected objective: per tier, the expected weight meeting it (units busy with probability q). */
  tierExpectedWeight?: number[];
  message?: string;
}

/** Most units the tiered model deploys (and the largest P of any model). */
export const MAX_FACILITIES = 100_000;

/**
 * Why P (`facilities`) can't be asked of this model on this problem, or undefined: the site models
 * (MCLP, p-median, p-center) open P distinct sites, so P can't exceed the candidates that may be
 * opened; the tiered model deploys P units within the sites' caps (checked by validateTiered) and at
 * most MAX_FACILITIES.
 */
export function facilitiesProblem(model: ModelName, facilities: number, p: LocationProblem): string | undefined {
  if (!(Number.isInteger(facilities) && facilities >= 1 && facilities <= MAX_FACILITIES)) return `expected an integer 1..${MAX_FACILITIES}, got ${facilities}`;
  if (model === 'mclp' || model === 'pmedian' || model === 'pcenter' || model === 'minmax-workload') {
    let open = 0;
    for (let j = 0; j < p.candidateIds.length; j++) if (p.maxUnits[j] > 0) open++;
    if (facilities > open) return `expected at most ${open} (the candidate sites that may be opened), got ${facilities}`;
  }
  return undefined;
}

/**
 * Solve one location model on a {@link LocationProblem} and re-verify the answer: the objective is
 * recomputed from the data for the deployment found, and a difference from the solver's claim is an
 * 'error', never a silent answer. Covering models (LSCP, MCLP, tiered) are reduced first
 * (see reduce.ts) and the answer mapped back to the original sites.
 *
 * Solvers: 'highs' (exact, any size it can finish), 'jslp' (small models; guarded), 'heuristic'
 * (MCLP and tiered: greedy + vertex substitution, bound by Lagrangian relaxation), 'auto' (HiGHS
 * for exact models when given; the heuristic, unreduced, for MCLP/tiered models whose coverage lists
 * hold more than `exactNonzeroLimit` pairs).
 */
export function optimize(p: LocationProblem, req: OptimizeRequest): OptimizeResult {
  const nowS = req.nowS ?? (() => 0);
  const started = nowS();
  const timeLimitS = req.timeLimitS ?? 60;
  const choice = req.solver ?? 'auto';
  const model = req.model;
  const need = (v: number | undefined, name: string): number => {
    if (v === undefined) throw new InputError(`${model}: ${name} is required`);
    return v;
  };
  const exact = (): MilpSolver => {
    if (choice === 'jslp') { if (!req.solvers.jslp) throw new Error('jslp solver not given'); return req.solvers.jslp; }
    const s = req.solvers.highs ?? (choice === 'auto' ? req.solvers.jslp : undefined);
    if (!s) throw new Error('HiGHS solver not given');
    return s;
  };
  if (model !== 'lscp' && req.facilities !== undefined) {
    const why = facilitiesProblem(model, req.facilities, p);
    if (why) throw new InputError(`facilities: ${why}`);
  }
  if (choice === 'heuristic' && model !== 'mclp' && model !== 'tiered') throw new InputError(`the heuristic solver handles mclp and tiered models, not ${model}`);
  const objectiveKind: TierObjective = req.objective ?? 'static';
  if (objectiveKind === 'expected') {
    if (model !== 'mclp' && model !== 'tiered') throw new InputError(`the expected objective applies to the mclp and tiered models, not ${model}`);
    if (!(req.busy !== undefined && req.busy >= 0 && req.busy <= MAX_BUSY)) throw new InputError(`expected objective: the busy probability must be in [0, ${MAX_BUSY}], got ${req.busy}`);
  }
  const busy = objectiveKind === 'expected' ? req.busy! : 0;
  const valuesFor = (params: TieredParams) => tierValues(params.tiers, objectiveKind, busy, params.units + Math.max(...params.tiers.map((t) => t.units)));

  // Parameters common to the covering models, and the reduction.
  let cover: { problem: LocationProblem; params: TieredParams; useCost: boolean } | undefined;
  if (model === 'tiered' && !req.tiers?.length) throw new InputError('tiered: tiers are required');
  if (model === 'mclp') cover = { problem: siteProblem(p), params: { tiers: [{ targetS: need(req.targetS, 'target') , units: 1 }], units: need(req.facilities, 'facilities') }, useCost: false };
  if (model === 'tiered') cover = { problem: p, params: { tiers: req.tiers ?? [], units: need(req.facilities, 'units'), budget: req.budget }, useCost: req.budget !== undefined };

  const finish = (units: Int32Array, claimed: number, bound: number, solverName: string, solverStatus: MilpResult['status'] | 'heuristic', extraIn: Partial<OptimizeResult> = {}): OptimizeResult => {
    let extra = extraIn;
    const sense = model === 'mclp' || model === 'tiered' ? 'max' : 'min';
    let objective: number;
    const problems: string[] = [];
    let tierCoveredWeight: number[] | undefined;
    if (model === 'lscp') {
      const e = evaluateLscp(p, req.targetS!, units);
      objective = e.cost;
      if (e.uncovered.length) problems.push(`${e.uncovered.length} demand points left uncovered (first: ${p.demandIds[e.uncovered[0]]})`);
    } else if (model === 'pmedian') objective = evaluatePMedian(p, units);
    else if (model === 'pcenter') objective = evaluatePCenter(p, units);
    else if (model === 'minmax-workload') {
      const e = evaluateMinmaxWorkload(p, units, req.targetS);
      objective = req.maxWorkload !== undefined ? e.open : e.maxWorkload;
      if (e.unserved.length) problems.push(`${e.unserved.length} demand points have no open site within the target (first: ${p.demandIds[e.unserved[0]]})`);
      if (req.maxWorkload !== undefined && e.maxWorkload > req.maxWorkload * (1 + 1e-9)) problems.push(`largest workload ${e.maxWorkload} exceeds the cap ${req.maxWorkload}`);
    } else {
      const e = evaluateTiered(cover!.problem, cover!.params.tiers, units);
      objective = e.objective; tierCoveredWeight = e.coveredWeight;
      if (objectiveKind === 'expected') {
        const x = evaluateTierValues(cover!.problem, cover!.params.tiers, valuesFor(cover!.params), units);
        objective = x.objective;
        extra = { ...extra, tierExpectedWeight: x.perTier };
      }
      if (e.units !== cover!.params.units) problems.push(`deploys ${e.units} units, not ${cover!.params.units}`);
      if (cover!.params.budget !== undefined && e.cost > cover!.params.budget + 1e-9) problems.push(`costs ${e.cost}, over the budget ${cover!.params.budget}`);
    }
    if (model !== 'tiered') {
      let open = 0;
      for (let j = 0; j < units.length; j++) if (units[j] > 0) open++;
      if (model !== 'lscp' && !(model === 'minmax-workload' && req.maxWorkload !== undefined) && open !== req.facilities) problems.push(`opens ${open} sites, not ${req.facilities}`);
    }
    for (let j = 0; j < units.length; j++) {
      const lo = model === 'tiered' ? p.minUnits[j] : Math.min(1, p.minUnits[j]);
      if (units[j] < lo || (units[j] > 0 && p.maxUnits[j] === 0)) { problems.push(`site ${p.candidateIds[j]}: ${units[j]} units outside its limits`); break; }
    }
    const tol = 1e-6 * Math.max(1, Math.abs(objective));
    if (!(Math.abs(objective - claimed) <= tol)) problems.push(`the solver claimed objective ${claimed}, the deployment it returned scores ${objective}`);
    const gap = Number.isNaN(bound) ? NaN : Math.max(0, sense === 'max' ? bound - objective : objective - bound) / Math.max(Math.abs(objective), 1e-12);
    const proven = solverStatus === 'optimal' && gap <= 1e-9;
    const selected: string[] = [];
    for (let j = 0; j < units.length; j++) if (units[j] > 0) selected.push(p.candidateIds[j]);
    return {
      model, status: problems.length ? 'error' : proven ? 'optimal' : 'feasible', objective, bound, gap, units, selected,
      solver: solverName, seconds: nowS() - started, claimedObjective: claimed, tierCoveredWeight,
      ...extra,
      ...(problems.length ? { message: `verification failed: ${problems.join('; ')}` } : extra.message ? { message: extra.message } : {}),
    };
  };
  const noAnswer = (r: MilpResult, solverName: string, extra: Partial<OptimizeResult> = {}): OptimizeResult => ({
    model, status: r.status === 'infeasible' ? 'infeasible' : 'error', objective: NaN, bound: r.bound, gap: NaN,
    units: new Int32Array(p.candidateIds.length), selected: [], solver: solverName, seconds: nowS() - started, claimedObjective: NaN,
    message: r.message ?? (r.status === 'infeasible' ? 'the model is infeasible' : `no answer (${r.status})`), ...extra,
  });

  if (model === 'lscp') {
    const T = need(req.targetS, 'target');
    const sets = coverageSets(p, T);
    const missing = uncoverable(p, sets);
    if (missing.length) {
      return noAnswer({ status: 'infeasible', objective: NaN, bound: NaN, seconds: 0 }, 'none', {
        message: `${missing.length} demand points are within ${T} of no candidate site (first: ${missing.slice(0, 5).map((i) => p.demandIds[i]).join(', ')})`,
      });
    }
    let red: Reduction | undefined;
    const t0 = nowS();
    if (req.reduce !== false) red = reduceCoverageProblem(p, { targetsS: [T], tierUnits: [1], useCost: true, units: p.candidateIds.length });
    const reduction = red && { before: red.before, after: red.after, seconds: nowS() - t0 };
    const q = red?.problem ?? p;
    // A Lagrangian cover as the start, and the sites its bound fixes (lscp-bound.ts).
    const qSets = coverageSets(q, T);
    const integral = q.siteCost.every((c) => Number.isInteger(c));
    const lag = lscpLagrangianBound(q, qSets, { integral });
    const m = buildLscpModel(q, T, { sets: qSets, fixed: lag.cover ? lag.fixed : undefined });
    const solver = exact();
    const r = solver.solve(m.milp, {
      timeLimitS: Math.max(1, timeLimitS - (nowS() - started)), mipGap: req.gap,
      // HiGHS's own heuristics stay on: the Lagrangian cover is often a little above the optimum.
      ...(lag.cover ? { start: Float64Array.from(lag.cover) } : {}),
    });
    const useSolver = r.x !== undefined && !(lag.cover && r.objective > lag.coverCost + 1e-9 * Math.max(1, lag.coverCost));
    if (!useSolver && !lag.cover) return noAnswer(r, solver.name, { reduction });
    const open = useSolver ? m.decode(r.x!) : Int32Array.from(lag.cover!);
    const claimed = useSolver ? r.objective : lag.coverCost;
    // Bound: the reduced model's, capped by what the fixings exclude, at least the Lagrangian bound.
    let bound = Number.isNaN(r.bound) ? lag.bound : Math.max(lag.bound, Math.min(r.bound, lag.excludedBound));
    if (integral && Number.isFinite(bound)) bound = Math.ceil(bound - 1e-6 * Math.max(1, Math.abs(bound)));
    if (integral && Math.abs(bound - Math.round(claimed)) < 1e-6) bound = claimed;
    const units = mapBack(open, red, p.candidateIds.length);
    return finish(units, claimed, bound, solver.name, r.status, { reduction, message: r.message });
  }

  if (model === 'minmax-workload') {
    if ((req.facilities === undefined) === (req.maxWorkload === undefined)) throw new InputError('minmax-workload: give either facilities (least largest workload with P sites) or a workload cap (fewest sites)');
    const m = buildMinmaxWorkloadModel(p, { targetS: req.targetS, facilities: req.facilities, maxWorkload: req.maxWorkload });
    if (m.uncoverable.length) {
      return noAnswer({ status: 'infeasible', objective: NaN, bound: NaN, seconds: 0 }, 'none', {
        message: `${m.uncoverable.length} demand points are within ${req.targetS} of no candidate site (first: ${m.uncoverable.slice(0, 5).map((i) => p.demandIds[i]).join(', ')})`,
      });
    }
    const solver = exact();
    const r = solver.solve(m.milp, { timeLimitS, mipGap: req.gap });
    if (!r.x) {
      const why = req.facilities !== undefined
        ? `no ${req.facilities} sites (existing posts included) serve every demand point within ${req.targetS ?? 'any time'}`
        : `no set of sites keeps every workload within ${req.maxWorkload} with every demand point within ${req.targetS ?? 'any time'}`;
      return noAnswer(r, solver.name, r.status === 'infeasible' ? { message: why } : {});
    }
    return finish(m.decode(r.x), r.objective, r.bound, solver.name, r.status, { message: r.message });
  }

  if (model === 'pmedian') return finishPMedian(p, need(req.facilities, 'facilities'), exact(), { timeLimitS, gap: req.gap, nowS, started }, finish, noAnswer);

  if (model === 'pcenter') {
    const P = need(req.facilities, 'facilities');
    const m = buildPCenterModel(p, P);
    const solver = exact();
    const r = solver.solve(m.milp, { timeLimitS, mipGap: req.gap });
    if (!r.x) return noAnswer(r, solver.name);
    return finish(m.decode(r.x), r.objective, r.bound, solver.name, r.status, { message: r.message });
  }

  // MCLP and tiered.
  const { problem: cp, params, useCost } = cover!;
  const problems = validateTiered(cp, params);
  if (problems.length) throw new InputError(problems.join('; '));
  // auto: the heuristic when the (unreduced) coverage lists exceed the exact limit.
  let nnz = 0;
  for (const t of params.tiers) for (let k = 0; k < cp.reachCost.length; k++) if (cp.reachCost[k] <= t.targetS) nnz++;
  const useHeuristic = choice === 'heuristic' || (choice === 'auto' && nnz > (req.exactNonzeroLimit ?? 300_000));
  let red: Reduction | undefined;
  const t0 = nowS();
  if (req.reduce ?? !useHeuristic) {
    red = reduceCoverageProblem(cp, { targetsS: params.tiers.map((t) => t.targetS), tierUnits: params.tiers.map((t) => t.units), useCost, units: params.units, stepValues: objectiveKind === 'static' });
  }
  const values = valuesFor(params);
  const reduction = red && { before: red.before, after: red.after, seconds: nowS() - t0 };
  const q = red?.problem ?? cp;
  const sets = params.tiers.map((t) => coverageSets(q, t.targetS));
  const left = () => Math.max(1, timeLimitS - (nowS() - started));
  if (useHeuristic) {
    const h = solveTieredHeuristic(q, params, { timeLimitS: left() * 0.4, nowS, sets, rounds: req.rounds, seed: req.seed, values });
    if (!h.feasible) {
      return noAnswer({ status: 'error', objective: NaN, bound: NaN, seconds: 0 }, 'heuristic', {
        reduction, message: 'the heuristic found no deployment within the site caps and budget; try --solver highs',
      });
    }
    const lag = tieredLagrangianBound(q, params, h.objective, { timeLimitS: left(), nowS, sets, targetGap: req.gap, values });
    const units = mapBack(h.units, red, cp.candidateIds.length);
    const bound = Math.max(lag.bound, h.objective);
    return finish(units, h.objective, bound, 'heuristic', 'heuristic', {
      reduction,
      message: `greedy ${round(h.greedyObjective)} → ${round(h.objective)} after ${h.swaps} improving moves, ${h.rounds} perturbation rounds${h.timeLimited ? ' (the time limit cut the search short, so the answer depends on machine speed)' : ''} in ${h.seconds.toFixed(1)} s; Lagrangian bound after ${lag.iterations} iterations in ${lag.seconds.toFixed(1)} s`,
    });
  }
  const m = model === 'mclp' && objectiveKind === 'static' ? buildMclpModel(q, params.tiers[0].targetS, params.units) : buildTieredModel(q, params, sets, values);
  const solver = exact();
  let start: Float64Array | undefined;
  if (solver.name === 'highs') {
    const h = solveTieredHeuristic(q, params, { timeLimitS: left() * 0.1, nowS, sets, rounds: req.rounds, seed: req.seed, values });
    if (h.feasible) start = m.encode(h.units);
  }
  const r = solver.solve(m.milp, { timeLimitS: left(), start, mipGap: req.gap });
  if (!r.x) return noAnswer(r, solver.name, { reduction });
  const units = mapBack(m.decode(r.x), red, cp.candidateIds.length);
  return finish(units, r.objective, r.bound, solver.name, r.status, { reduction, message: r.message });
}

type Finish = (units: Int32Array, claimed: number, bound: number, solverName: string, solverStatus: MilpResult['status'] | 'heuristic', extra?: Partial<OptimizeResult>) => OptimizeResult;
type NoAnswer = (r: MilpResult, solverName: string, extra?: Partial<OptimizeResult>) => OptimizeResult;

/** p-median: warm start, bound and fixings, then the exact model (see solve-p-median.ts). */
function finishPMedian(p: LocationProblem, P: number, solver: MilpSolver, o: { timeLimitS: number; gap?: number; nowS: () => number; started: number }, finish: Finish, noAnswer: NoAnswer): OptimizeResult {
  const r = solvePMedian(p, P, solver, { timeLimitS: Math.max(1, o.timeLimitS - (o.nowS() - o.started)), gap: o.gap, nowS: o.nowS });
  if (!r.open) return noAnswer({ status: r.status, objective: NaN, bound: r.bound, seconds: 0, message: r.message }, solver.name);
  return finish(r.open, r.claimedObjective, r.bound, solver.name, r.status, { message: r.message });
}

function mapBack(units: Int32Array, red: Reduction | undefined, n: number): Int32Array {
  if (!red) return units;
  const out = new Int32Array(n);
  red.candidateOf.forEach((j, jj) => { out[j] = units[jj]; });
  return out;
}

function round(x: number): string {
  return Number.isInteger(x) ? String(x) : x.toFixed(3);
}
