import { InputError } from '../io/input-error.ts';
import type { BlocksFile } from '../optimize/blocks-file.ts';
import { dayIntervals } from '../optimize/day-hours.ts';
import { planProblemFromBase } from '../optimize/plan-from-problem.ts';
import type { PlanAssignment, PlanProblem } from '../optimize/plan.ts';
import type { LocationProblem } from '../optimize/problem.ts';
import { solvePlan, type PlanResult, type PlanSolveOptions } from '../optimize/solve-plan.ts';
import { MAX_BUSY, type TierObjective } from '../optimize/tier-value.ts';
import type { WeightedTier } from '../optimize/tiered.ts';
import { loadScenario } from '../sim/load-scenario.ts';
import type { Scenario } from '../sim/scenario.ts';
import { prepareModel, runReplication, type ReplicationRecord } from '../sim/index.ts';
import { measuredBusy } from './busy.ts';
import { planFileJson, scenarioPlanProblem, type BusySource, type PlanFileJson, type ScenarioPlan } from './scenario-plan.ts';

/** What to plan, and how to solve it (the solve options are solvePlan's). */
export interface PlanRequest extends Pick<PlanSolveOptions, 'solver' | 'timeLimitS' | 'gap' | 'rounds' | 'planRounds' | 'seed' | 'solvers' | 'nowS'> {
  tiers: readonly WeightedTier[];
  objective: TierObjective;
  /** q for every block, 'load' (offered load; the default with a scenario) or 'sim' (measured by simulating the scenario's layout). */
  busy?: number | 'load' | 'sim';
  /** Without a scenario: the location problem the blocks cut (from --network or --costs). */
  base?: LocationProblem;
  /** With a scenario: candidate sites (node indices; default every non-zone node of the largest strongly connected part). */
  candidateNodes?: ArrayLike<number>;
  progress?: (message: string) => void;
}

export interface PlanOutcome {
  problem: PlanProblem;
  result: PlanResult;
  /** The plan in the simulator's format. */
  planFile: PlanFileJson;
  /** With a scenario: the scenario and how sites map to its nodes. */
  built?: ScenarioPlan;
}

/**
 * The time-of-day plan workflow: blocks file (+ scenario, or a base problem) → plan problem → solve
 * and re-verify (solvePlan) → the plan file `simulate --plan` runs.
 */
export function optimizePlan(spec: BlocksFile, req: PlanRequest, scenario?: Scenario): PlanOutcome {
  let problem: PlanProblem;
  let built: ScenarioPlan | undefined;
  if (spec.scenario !== undefined || scenario) {
    const sc = scenario ?? loadScenario(spec.scenario!);
    let busy: BusySource | undefined;
    if (typeof req.busy === 'number') busy = { kind: 'given', q: req.busy };
    else if (req.busy === 'sim' && req.objective === 'expected') {
      req.progress?.(`measuring busy shares by simulating ${sc.name} (${sc.replications} replications)...`);
      const records = simulateRecords(sc);
      const draft = scenarioPlanProblem(sc, spec, { tiers: req.tiers, objective: 'static', candidateNodes: req.candidateNodes });
      const q = measuredBusy(sc, records, spec.blocks.map((blk, b) => ({ hours: dayIntervals(blk.startHour, blk.endHour), onDutyUnits: draft.problem.units.filter((u) => u.onDuty[b]).length })));
      q.forEach((v, b) => {
        const blk = spec.blocks[b];
        if (!(v <= MAX_BUSY)) throw new InputError(`--busy sim: block ${blk.name} (${blk.startHour}-${blk.endHour} h): ${Number.isNaN(v) ? 'no unit is on duty in its hours, so no busy share can be measured' : `the simulated units are busy ${(v * 100).toFixed(1)}% of the time, above ${MAX_BUSY}: they cannot keep up`}; give a busy probability (--busy Q)`);
      });
      busy = { kind: 'measured', q };
    } else busy = { kind: 'load' };
    built = scenarioPlanProblem(sc, spec, { tiers: req.tiers, objective: req.objective, busy, candidateNodes: req.candidateNodes, onProgress: req.progress });
    problem = built.problem;
  } else {
    if (!req.base) throw new Error('optimizePlan: a blocks file without a scenario needs a base problem');
    problem = planProblemFromBase(req.base, spec, { tiers: req.tiers, objective: req.objective, busy: typeof req.busy === 'number' ? req.busy : undefined });
  }
  req.progress?.(`solving a ${problem.blocks.length}-block plan (${problem.units.length} units, ${problem.blocks[0].problem.candidateIds.length} sites, ${req.objective} objective)...`);
  const result = solvePlan(problem, { solver: req.solver, timeLimitS: req.timeLimitS, gap: req.gap, rounds: req.rounds, planRounds: req.planRounds, seed: req.seed, solvers: req.solvers, nowS: req.nowS });
  const planFile = result.plan.length ? (built ? planFileJson(built, result.plan) : basePlanFile(problem, result.plan)) : { posts: [], blocks: [] };
  return { problem, result, planFile, built };
}

/** All replications' records of a scenario as it stands (for measured busy shares). */
export function simulateRecords(sc: Scenario): ReplicationRecord[] {
  const model = prepareModel(sc);
  return Array.from({ length: sc.replications }, (_, r) => runReplication(model, r, { trace: false }));
}

/** A plan file without a scenario: sites are posts `P-<site id>` at node `<site id>`. */
function basePlanFile(problem: PlanProblem, plan: PlanAssignment): PlanFileJson {
  const ids = problem.blocks[0].problem.candidateIds;
  const used = new Set<number>();
  for (const row of plan) for (const s of row) if (s >= 0) used.add(s);
  return {
    posts: [...used].sort((a, b) => a - b).map((j) => ({ id: `P-${ids[j]}`, node: ids[j], type: 'proposed', label: 'proposed post' })),
    blocks: problem.blocks.map((blk, b) => ({
      name: blk.name, startHour: blk.startHour, endHour: blk.endHour,
      assign: problem.units.flatMap((u, k) => (plan[k][b] >= 0 ? [{ unit: u.id, post: `P-${ids[plan[k][b]]}` }] : [])),
    })),
  };
}
