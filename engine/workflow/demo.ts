import { dirname, join } from 'node:path';
import type { Tier } from '../coverage/tiers.ts';
import { readClassTiers } from '../io/class-tiers.ts';
import { isFile, readInputText } from '../io/files.ts';
import { parseJsonText } from '../io/json-text.ts';
import { InputError, throwProblems } from '../io/input-error.ts';
import type { MilpSolver } from '../optimize/milp.ts';
import type { OptimizeResult } from '../optimize/optimize.ts';
import { loadScenario, overrideScenario } from '../sim/load-scenario.ts';
import { runSimulation, type SimulationResult } from '../sim/run-simulation.ts';
import type { Scenario } from '../sim/scenario.ts';
import { readBlocksFile, type BlocksFile } from '../optimize/blocks-file.ts';
import { layoutStaticsOverDay, planDemo, type DemoPlan } from './demo-plan.ts';
import { improveLayout, layoutMoves, type LayoutMoves } from './improve-layout.ts';
import type { TierDifference } from './paired-differences.ts';
import { evaluateLayout, readKeySites, scenarioStatics, type KeySite, type LayoutStatics, type ScenarioStatics } from './scenario-layout.ts';

export interface DemoOptions {
  scenarioPath: string;
  replications?: number;
  horizonS?: number;
  /** Key sites CSV (name, lon, lat, class, weight) and per-class tiers; default: beside the scenario. */
  sitesPath?: string;
  classTiersPath?: string;
  /** Blocks of the day for the time-of-day plan columns (default: blocks.json beside the scenario; none: no plan columns). */
  blocksPath?: string;
  timeLimitS: number;
}

/** One layout's row of the before/after table. */
export interface LayoutFigures {
  label: string;
  posts: number;
  units: number;
  /** Static: share of demand weight meeting each tier of the standard class. */
  staticTiers: { targetS: number; units: number; coveredShare: number }[];
  /** Static: share of key sites meeting every tier of their circle class. */
  sitesMet: { class: string; met: number; count: number }[];
  /** Simulated, per class and tier: met share with its 95% CI. */
  simulated: { class: string; tiers: { targetS: number; units: number; metShare: number; ci95: readonly [number, number] | null }[]; firstUnitP50S: number; firstUnitP90S: number }[];
  meanUtilisation: number;
}

export interface SimulatedMoves { planMoves: number; moveUps: number }

export interface DemoResult {
  before: LayoutFigures;
  after: LayoutFigures;
  /** The time-of-day plan (same units; blocks of the day), simulated as planned and with tier-greedy move-up. */
  plan?: LayoutFigures;
  planMoveUp?: LayoutFigures;
  /** Paired per replication against "after" (same seed and replications): per class and tier, the difference of met shares with its 95% CI. */
  differences?: { plan: TierDifference[]; planMoveUp: TierDifference[] };
  /** Unit-hours on duty per day of each layout (equal: the plan moves units, it adds none). */
  unitHours?: { before: number; after: number; plan: number; planMoveUp: number };
  planOptimizer?: { status: string; objective: number; bound: number; gap: number; solver: string; seconds: number; movesPerDay: number; blocks: { name: string; startHour: number; endHour: number; busy: number; objective: number; bound: number; gap: number; movesOut: number }[] };
  /** Simulated unit moves per day of the measured window (after the warm-up), mean over replications: moves to a plan block's post, and move-ups of idle units. */
  movesPerDay?: { plan: SimulatedMoves; planMoveUp: SimulatedMoves };
  optimizer: Pick<OptimizeResult, 'status' | 'objective' | 'bound' | 'gap' | 'solver' | 'seconds'> & { movableUnits: number; fixedPosts: string[] };
}

/** Everything the demo needs, checked before any work (see {@link prepareDemo}). */
export interface PreparedDemo {
  readonly options: DemoOptions;
  readonly before: Scenario;
  readonly statics: ScenarioStatics;
  readonly standard: readonly Tier[];
  readonly sites: KeySite[];
  readonly classTiers: Record<string, Tier[]>;
  readonly moves: LayoutMoves;
  /** The blocks of the plan columns, when the scenario has them. */
  readonly blocks?: BlocksFile;
  /** For people, before the work: the scenario's notes and warnings, key-site rows skipped. */
  readonly notes: readonly string[];
}

/** A layout's evaluation: static figures and its simulation. */
export interface EvaluatedLayout {
  scenario: Scenario;
  statics: LayoutStatics;
  simulation: SimulationResult;
}

export interface DemoRun {
  result: DemoResult;
  before: EvaluatedLayout;
  after: EvaluatedLayout;
  /** The plan columns (with a blocks file). */
  plan?: DemoPlan;
  /** The static demand points (node, weight) both layouts were scored on. */
  demand: ScenarioStatics['demand'];
}

/**
 * Load and check everything the demo uses before any work: the scenario (schema and meaning), the
 * horizon and replication overrides, Poisson demand, the key sites and class tiers (default: sites.csv
 * and class-tiers.json beside the scenario), every site class having tiers, stations inside the largest
 * strongly connected part. Every problem found is reported together as one InputError.
 */
export function prepareDemo(options: DemoOptions): PreparedDemo {
  const where = options.scenarioPath;
  const dir = dirname(options.scenarioPath);
  const problems: string[] = [];
  const collect = <T>(f: () => T, fallback: T): T => {
    try { return f(); } catch (err) { if (err instanceof InputError) { problems.push(err.message); return fallback; } throw err; }
  };
  // What needs no network first, so these mistakes fail in a moment: the class tiers, the demand kind.
  const classTiersPath = options.classTiersPath ?? (isFile(join(dir, 'class-tiers.json')) ? join(dir, 'class-tiers.json') : undefined);
  const classTiers: Record<string, Tier[]> = classTiersPath ? collect(() => readClassTiers(classTiersPath), {}) : {};
  const raw = parseJsonText(readInputText(where, 'scenario file'), where) as { demand?: { kind?: unknown } } | null;
  const kind = raw?.demand?.kind;
  if (kind !== undefined && kind !== 'poisson') problems.push(`${where}: demand: the demo needs a Poisson demand model (its node weights are the optimizer's demand), got ${JSON.stringify(kind)}`);
  throwProblems(problems);
  let before = loadScenario(options.scenarioPath, options.replications ? { replications: options.replications } : {});
  if (options.horizonS) {
    // A shorter horizon keeps at most a quarter of itself as warm-up.
    before = overrideScenario(before, { horizonS: options.horizonS, warmupS: Math.min(before.warmupS, options.horizonS / 4) });
  }
  const statics = scenarioStatics(before);
  const sitesPath = options.sitesPath ?? (isFile(join(dir, 'sites.csv')) ? join(dir, 'sites.csv') : undefined);
  const notes = [...before.notes.map((n) => `note: ${n}`), ...before.warnings.map((w) => `warning: ${w}`)];
  // Sites land by the scenario's own rule (engine/graph/snap.ts with its maxSnapM), as coverage places them.
  const sites = sitesPath ? collect(() => readKeySites(sitesPath, statics, before.file.maxSnapM, notes), []) : [];
  if (classTiersPath && sitesPath && problems.length === 0) {
    const missing = [...new Set(sites.map((s) => s.class).filter((c): c is string => c !== undefined && !(c in classTiers)))];
    if (missing.length) problems.push(`${sitesPath}: class ${missing.map((c) => `"${c}"`).join(', ')} has no tiers in ${classTiersPath} (classes there: ${Object.keys(classTiers).join(', ')})`);
  }
  const standard = before.classes[0]?.tiers;
  const moves = collect(() => layoutMoves(before, statics), undefined);
  if (moves && moves.movableUnits === 0) problems.push(`${where}: units: every unit stands at a station, so there is nothing to re-place`);
  const unitsNeeded = Math.max(...standard.map((t) => t.units));
  if (before.units.length < unitsNeeded) problems.push(`${where}: units: ${before.units.length} unit(s) deployed, the standard's tiers need up to ${unitsNeeded}`);
  const blocksPath = options.blocksPath ?? (isFile(join(dir, 'blocks.json')) ? join(dir, 'blocks.json') : undefined);
  const blocks = blocksPath ? collect(() => readBlocksFile(blocksPath), undefined) : undefined;
  throwProblems(problems);
  return { options, before, statics, standard, sites, classTiers, moves: moves!, notes, ...(blocks ? { blocks } : {}) };
}

/**
 * The planner's main job on one scenario: evaluate the current layout (static coverage and
 * simulation), re-place the movable units with the tiered optimizer (stations and their units stay,
 * the same number of units in all), simulate the proposal. Pure apart from reading the scenario's
 * files (done by {@link prepareDemo}); the caller writes the results.
 */
export function runDemo(prepared: PreparedDemo, env: { solvers: { highs?: MilpSolver; jslp?: MilpSolver }; nowS: () => number; progress: (message: string) => void }): DemoRun {
  const { before, statics, standard, sites, classTiers, moves } = prepared;
  const { progress } = env;
  const step = (i: number, text: string) => progress(`[${i}/${DEMO_STEPS}] ${text}`);
  for (const line of prepared.notes) progress(`      ${line}`);

  step(2, 'static coverage of the current layout');
  const beforeStatic = evaluateLayout(statics, before, standard, sites, classTiers);

  step(3, `simulating the current layout (${before.replications} replications of ${(before.horizonS / 86400).toFixed(1)} days)`);
  const beforeSim = runSimulation(before, { onProgress: (d, n) => progress(`      replication ${d}/${n}`) });

  step(4, 'optimizing the same number of units (tiered 1/3/5 model, stations fixed)');
  const t0 = env.nowS();
  // The bound stops at a 0.1% proven gap (DEMO_GAP): the search itself is the same either way.
  const improved = improveLayout(before, statics, standard, {
    solver: 'auto', timeLimitS: prepared.options.timeLimitS, gap: DEMO_GAP, solvers: env.solvers, nowS: () => env.nowS() - t0,
  }, moves);
  const opt = improved.result;
  if (opt.status === 'error' || opt.status === 'infeasible') throw new Error(`optimizer: ${opt.status}${opt.message ? `: ${opt.message}` : ''}`);
  if (opt.message) progress(`      ${opt.message}`);
  progress(`      ${opt.status} (${opt.solver}), objective ${opt.objective.toFixed(2)}, bound ${opt.bound.toFixed(2)}, gap ${Number.isFinite(opt.gap) ? `${(opt.gap * 100).toFixed(2)}%` : 'n/a (no bound)'}, ${opt.seconds.toFixed(1)} s`);
  const after = improved.scenario;
  const afterStatic = evaluateLayout(statics, after, standard, sites, classTiers);
  // The current layout is feasible for the model, so a proposal scoring below it is a solver shortfall: say so.
  const staticObjective = (c: LayoutStatics) => c.coverage.tiers.reduce((s, t) => s + t.coveredWeight, 0);
  if (staticObjective(afterStatic) < staticObjective(beforeStatic) - 1e-9) {
    progress(`      warning: the proposal covers less than the current layout (${staticObjective(afterStatic).toFixed(2)} < ${staticObjective(beforeStatic).toFixed(2)}); the optimizer stopped short`);
  }

  step(5, `simulating the proposal (${after.replications} replications)`);
  const afterSim = runSimulation(after, { onProgress: (d, n) => progress(`      replication ${d}/${n}`) });

  let plan: DemoPlan | undefined;
  if (prepared.blocks) {
    step(6, `time-of-day plan (${prepared.blocks.blocks.length} blocks, busy-aware tiers, stations fixed, at most ${prepared.blocks.maxMoves} moves per boundary), then its simulations with and without move-up`);
    const t1 = env.nowS();
    plan = planDemo(before, { scenario: after, simulation: afterSim }, prepared.blocks, standard, sites, classTiers, {
      solvers: env.solvers, nowS: () => env.nowS() - t1, timeLimitS: prepared.options.timeLimitS, progress,
      simulate: (p, relocation) => runSimulation(overrideScenario(before, { plan: p, relocation }), { onProgress: (d, n) => progress(`      replication ${d}/${n}`) }),
    });
  } else {
    step(6, 'time-of-day plan: no blocks file beside the scenario (blocks.json), skipped');
  }

  // Beside a plan the static rows read "over the day": every column by the plan's rule (each hour's demand and travel times).
  const overDay = (layout: typeof before, atHour0: LayoutStatics) => (plan ? layoutStaticsOverDay(before, layout, standard, sites, classTiers, atHour0) : atHour0);
  const result: DemoResult = {
    before: layoutFigures('current layout', before, overDay(before, beforeStatic), beforeSim),
    after: layoutFigures('proposal', after, overDay(after, afterStatic), afterSim),
    ...(plan ? {
      plan: { ...layoutFigures('time-of-day plan', before, plan.statics, plan.plan), posts: plan.posts },
      planMoveUp: { ...layoutFigures('plan with move-up', before, plan.statics, plan.planMoveUp), posts: plan.posts },
      differences: plan.differences,
      unitHours: { ...plan.unitHours, planMoveUp: plan.unitHours.plan },
    } : {}),
    optimizer: {
      status: opt.status, objective: opt.objective, bound: opt.bound, gap: opt.gap, solver: opt.solver, seconds: opt.seconds,
      movableUnits: moves.movableUnits, fixedPosts: moves.fixedPosts.map((i) => before.posts[i].id),
    },
    ...(plan ? {
      planOptimizer: {
        status: plan.outcome.result.status, objective: plan.outcome.result.objective, bound: plan.outcome.result.bound, gap: plan.outcome.result.gap,
        solver: plan.outcome.result.solver, seconds: plan.outcome.result.seconds, movesPerDay: plan.outcome.result.moves,
        blocks: plan.outcome.result.blocks.map((b) => ({ name: b.name, startHour: b.startHour, endHour: b.endHour, busy: b.busy, objective: b.objective, bound: b.bound, gap: b.gap, movesOut: b.movesOut })),
      },
      movesPerDay: { plan: movesPerDay(plan.plan), planMoveUp: movesPerDay(plan.planMoveUp) },
    } : {}),
  };
  return {
    result,
    before: { scenario: before, statics: beforeStatic, simulation: beforeSim },
    after: { scenario: after, statics: afterStatic, simulation: afterSim },
    ...(plan ? { plan } : {}),
    demand: statics.demand,
  };
}

/**
 * The proven gap at which the demo's Lagrangian bound stops (the heuristic's answer does not depend on
 * it). On Futian: 0.10% after about 75 iterations, where running to the iteration limit took 45 s
 * (most of a minute) for 0.01%.
 */
const DEMO_GAP = 0.001;

/** Progress steps of the demo: load, static figures, simulate, optimize, simulate, the plan, write. */
export const DEMO_STEPS = 7;

/** A simulation's plan moves and move-ups per day of its measured window [warmupS, horizonS). */
function movesPerDay(sim: SimulationResult): SimulatedMoves {
  const days = (sim.scenario.horizonS - sim.scenario.warmupS) / 86400;
  return { planMoves: sim.relocations.planMoves.mean / days, moveUps: sim.relocations.moves.mean / days };
}

/** Mean of the finite values (a unit never on duty has no utilisation); NaN when there are none. */
function meanOfFinite(values: number[]): number {
  const ok = values.filter(Number.isFinite);
  return ok.length ? ok.reduce((a, b) => a + b, 0) / ok.length : NaN;
}

function layoutFigures(label: string, sc: Scenario, st: LayoutStatics, sim: SimulationResult): LayoutFigures {
  return {
    label,
    posts: sc.posts.length,
    units: sc.units.length,
    staticTiers: st.coverage.tiers.map((t) => ({ targetS: t.targetS, units: t.units, coveredShare: t.coveredShare })),
    sitesMet: st.sitesMet,
    simulated: sim.classes.map((c) => ({
      class: c.name,
      tiers: c.tiers.map((t) => ({ targetS: t.targetS, units: t.units, metShare: t.metShare, ci95: t.ci95 })),
      firstUnitP50S: c.unitResponseS[0]?.p50 ?? NaN,
      firstUnitP90S: c.unitResponseS[0]?.p90 ?? NaN,
    })),
    meanUtilisation: meanOfFinite(sim.units.map((u) => u.utilisation.mean)),
  };
}
