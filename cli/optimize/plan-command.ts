import { writeFileAtomic } from '../../engine/io/files.ts';
import { InputError } from '../../engine/io/input-error.ts';
import { readBlocksFile } from '../../engine/optimize/blocks-file.ts';
import type { LocationProblem } from '../../engine/optimize/problem.ts';
import type { TierObjective } from '../../engine/optimize/tier-value.ts';
import type { WeightedTier } from '../../engine/optimize/tiered.ts';
import { optimizePlan, type PlanOutcome } from '../../engine/workflow/optimize-plan.ts';
import { loadHighsSolver } from '../../engine/optimize/highs-solver.ts';
import { VERSION } from '../../engine/version.ts';
import { progress } from '../args.ts';

export const PLAN_HELP = `Time-of-day plans (--blocks FILE, tiered model):
  --blocks FILE          the day cut into blocks (JSON, format in docs/optimizer.md): each block's hours,
                         and either a "scenario" (units and shifts, demand by hour x spatial weights,
                         hourly speed factors, on-scene times) or, with --network/--costs, units on duty,
                         demand CSV and speed factor per block; "moves": {"max": M, "cost": C} limits the
                         units changing place at each block boundary and charges C per move;
                         "fixedPostTypes" (default ["station"]) and "fixedUnits" stay put; "forbidden"
  --plan-out FILE        the plan in the simulator's format (simulate scenario.json --plan FILE)
Busy-aware tiers:
  --objective O          static (default: every unit free) or expected (a tier (T, k) is met with the
                         probability that at least k of the units within T are free)
  --busy Q|load|sim      busy probability q of a unit: a number in [0, 1), "load" (per block from offered
                         load: incidents x mean on-scene time x units sent / units on duty; the default
                         with a scenario) or "sim" (busy share measured by simulating the scenario)`;

export interface PlanFlags {
  blocks: string;
  tiers: WeightedTier[];
  objective: TierObjective;
  busy?: number | 'load' | 'sim';
  base?: LocationProblem;
  solver: string;
  timeLimitS: number;
  gap?: number;
  rounds?: number;
  seed?: string;
  planOut?: string;
  out?: string;
  json?: boolean;
}

/** optimize --blocks: solve the time-of-day plan, print it, write --plan-out and --out. */
export async function runPlanOptimize(f: PlanFlags): Promise<number> {
  if (f.solver !== 'auto' && f.solver !== 'highs' && f.solver !== 'heuristic') throw new InputError(`--solver: a time-of-day plan is solved by auto, highs or heuristic, not ${f.solver}`);
  const spec = readBlocksFile(f.blocks);
  if (spec.scenario === undefined && !f.base) throw new InputError(`${f.blocks}: without /scenario the blocks need --network FILES or --costs FILE`);
  if (spec.scenario !== undefined && f.base) throw new InputError(`${f.blocks}: /scenario gives the network; drop --network/--costs (or the scenario)`);
  if (f.busy === 'sim' && spec.scenario === undefined) throw new InputError('--busy sim: needs a scenario in the blocks file (a simulation measures the busy shares)');
  const highs = f.solver === 'heuristic' ? undefined : await loadHighsSolver();
  const outcome = optimizePlan(spec, {
    tiers: f.tiers, objective: f.objective, busy: f.busy, base: f.base, solver: f.solver as 'auto', timeLimitS: f.timeLimitS, gap: f.gap,
    rounds: f.rounds, seed: f.seed, solvers: { highs }, nowS: () => performance.now() / 1000, progress,
  });
  const summary = planSummary(outcome, f);
  const found = outcome.result.status === 'optimal' || outcome.result.status === 'feasible';
  if (f.planOut && found) {
    writeFileAtomic(f.planOut, `${JSON.stringify(outcome.planFile, null, 2)}\n`);
    progress(`wrote ${f.planOut}`);
  }
  if (f.out) {
    const { seconds: _s, ...noTimes } = summary;
    writeFileAtomic(f.out, `${JSON.stringify({ version: VERSION, ...noTimes, plan: outcome.planFile }, null, 2)}\n`);
    progress(`wrote ${f.out}`);
  }
  process.stdout.write(f.json ? `${JSON.stringify(summary)}\n` : formatPlan(summary));
  return found ? 0 : 1;
}

function planSummary(o: PlanOutcome, f: PlanFlags) {
  const r = o.result;
  const num = (x: number) => (Number.isFinite(x) ? x : null);
  return {
    model: 'tiered', plan: true, objective_kind: f.objective, status: r.status, objective: num(r.objective), bound: num(r.bound), gap: num(r.gap),
    solver: r.solver, seconds: Math.round(r.seconds * 1000) / 1000, moves: r.moves,
    maxMoves: Number.isFinite(o.problem.maxMoves) ? o.problem.maxMoves : null, moveCost: o.problem.moveCost,
    tiers: f.tiers,
    blocks: r.blocks.map((b) => ({
      name: b.name, startHour: b.startHour, endHour: b.endHour, unitsOnDuty: b.unitsOnDuty, busy: b.busy,
      objective: num(b.objective), bound: num(b.bound), gap: num(b.gap), coveredWeight: b.coveredWeight, expectedWeight: b.expectedWeight,
      demandWeight: demandWeight(o, b.name), movesOut: b.movesOut,
    })),
    message: r.message ?? null,
  };
}

function demandWeight(o: PlanOutcome, name: string): number {
  const blk = o.problem.blocks.find((b) => b.name === name)!;
  let s = 0;
  for (const a of blk.problem.demandWeight) s += a;
  return s;
}

function formatPlan(s: ReturnType<typeof planSummary>): string {
  const pct = (x: number, d: number) => (d > 0 ? `${((x / d) * 100).toFixed(1)}%` : '-');
  const lines = [
    `time-of-day plan (${s.blocks.length} blocks, ${s.objective_kind} objective): ${s.status} (solver ${s.solver}, ${s.seconds.toFixed(2)} s)`,
    `objective ${s.objective ?? '-'}   bound ${s.bound ?? '-'}   gap ${s.gap === null ? '-' : `${(s.gap * 100).toFixed(3)} %`}   moves per day ${s.moves}${s.maxMoves !== null ? ` (at most ${s.maxMoves} per boundary)` : ''}`,
  ];
  for (const b of s.blocks) {
    const tiers = s.tiers.map((t, k) => `${t.units}/${t.targetS}s ${pct(b.coveredWeight[k], b.demandWeight)}${s.objective_kind === 'expected' ? ` (expected ${pct(b.expectedWeight[k], b.demandWeight)})` : ''}`).join(', ');
    lines.push(`  ${b.name} ${b.startHour}-${b.endHour}: ${b.unitsOnDuty} units${s.objective_kind === 'expected' ? `, busy ${b.busy.toFixed(3)}` : ''}; objective ${b.objective?.toFixed(3)}, bound ${b.bound === null ? '-' : b.bound.toFixed(3)}, gap ${b.gap === null ? '-' : `${(b.gap * 100).toFixed(2)}%`}; ${tiers}; ${b.movesOut} moves after`);
  }
  if (s.message) lines.push(s.message);
  return `${lines.join('\n')}\n`;
}
