import type { Tier } from '../coverage/tiers.ts';
import type { BlocksFile } from '../optimize/blocks-file.ts';
import type { MilpSolver } from '../optimize/milp.ts';
import type { PlanResult } from '../optimize/solve-plan.ts';
import type { SimulationResult } from '../sim/run-simulation.ts';
import type { Scenario } from '../sim/scenario.ts';
import { optimizePlan, type PlanOutcome } from './optimize-plan.ts';
import { pairedTierDifferences, unitHoursPerDay, type TierDifference } from './paired-differences.ts';
import type { PlanFileJson } from './scenario-plan.ts';
import { evaluateLayout, evaluatePosts, scenarioStatics, sitesMetByClass, type KeySite, type LayoutStatics, type ScenarioStatics } from './scenario-layout.ts';

/** The demo's time-of-day plan: the optimizer's answer, its static figures, and its two simulations. */
export interface DemoPlan {
  outcome: PlanOutcome;
  /** Static figures over the day: each tier's demand weight met summed over the blocks / the day's demand; key sites meeting their class in every block at every hour. */
  statics: LayoutStatics;
  /** Posts the plan uses in some block. */
  posts: number;
  plan: SimulationResult;
  planMoveUp: SimulationResult;
  /** Paired per replication against the static proposal (same seed and replications). */
  differences: { plan: TierDifference[]; planMoveUp: TierDifference[] };
  /** Unit-hours on duty per day: current layout, static proposal, plan (equal by construction; checked). */
  unitHours: { before: number; after: number; plan: number };
}

/**
 * The demo's plan columns: a time-of-day plan of the scenario's units (blocks file beside it; busy-
 * aware objective with each block's offered load; stations fixed), simulated as planned and with the
 * simulator's tier-greedy move-up (`simulate(plan, relocation)` runs the scenario with that plan),
 * compared with the static proposal by paired differences.
 */
export function planDemo(
  before: Scenario, after: { scenario: Scenario; simulation: SimulationResult }, spec: BlocksFile, standard: readonly Tier[], sites: readonly KeySite[], classTiers: Record<string, Tier[]>,
  env: { solvers: { highs?: MilpSolver }; nowS: () => number; timeLimitS: number; progress: (m: string) => void; simulate: (plan: PlanFileJson, relocation: 'none' | 'tier-greedy') => SimulationResult },
): DemoPlan {
  const t0 = env.nowS();
  const outcome = optimizePlan(spec, {
    tiers: standard.map((t) => ({ ...t, weight: 1 })), objective: 'expected', busy: 'load', solver: 'auto', timeLimitS: env.timeLimitS, gap: 0.01,
    rounds: DEMO_ROUNDS, planRounds: DEMO_PLAN_ROUNDS, solvers: env.solvers, nowS: () => env.nowS() - t0,
  }, before);
  const r = outcome.result;
  if (r.status === 'error' || r.status === 'infeasible') throw new Error(`plan optimizer: ${r.status}${r.message ? `: ${r.message}` : ''}`);
  if (r.message) env.progress(`      ${r.message}`);
  env.progress(`      ${r.status} (${r.solver}), objective ${r.objective.toFixed(2)}, bound ${r.bound.toFixed(2)}, gap ${(r.gap * 100).toFixed(2)}%, ${r.moves} moves a day, ${r.seconds.toFixed(1)} s`);
  const statics = planStatics(outcome, r, standard, sites, classTiers);
  const posts = new Set<string>();
  for (const b of outcome.planFile.blocks) for (const a of b.assign) posts.add(a.post);
  env.progress(`      simulating the plan (${before.replications} replications)`);
  const plan = env.simulate(outcome.planFile, 'none');
  env.progress(`      simulating the plan with tier-greedy move-up (${before.replications} replications)`);
  const planMoveUp = env.simulate(outcome.planFile, 'tier-greedy');
  const unitHours = { before: unitHoursPerDay(before), after: unitHoursPerDay(after.scenario), plan: unitHoursPerDay(plan.scenario) };
  if (unitHours.after !== unitHours.before || unitHours.plan !== unitHours.before) throw new Error(`internal: unit-hours differ (current ${unitHours.before}, proposal ${unitHours.after}, plan ${unitHours.plan})`);
  return {
    outcome, statics, posts: posts.size, plan, planMoveUp, unitHours,
    differences: { plan: pairedTierDifferences(after.simulation, plan), planMoveUp: pairedTierDifferences(after.simulation, planMoveUp) },
  };
}

/**
 * Perturbation rounds in the demo: of each block's search (optimize's default 150) and of the search
 * over the whole plan (default 60): the demo has a minute, and the rounds (not the clock) bound the
 * search, so the plan does not depend on machine speed. On Futian the plan's objective is the same as
 * with the defaults (713.70; 3 and 0 rounds: about 10 s of CPU, 10 and 20 rounds: about 25 s).
 */
const DEMO_ROUNDS = 3, DEMO_PLAN_ROUNDS = 0;

/**
 * Static figures of one fixed layout over the day, by the rule {@link planStatics} applies to a plan
 * (so the table's columns compare alike): tiers weighted by each hour's demand (the scenario's rate per
 * hour of the week, summed per hour of day) and judged with that hour's travel times; a key site meets
 * its class when it does at every hourly speed factor, its arrivals the latest over them. With one speed
 * factor all day the figures are `atHour0`'s (every hour's share is the same).
 */
export function layoutStaticsOverDay(sc: Scenario, layout: Scenario, standard: readonly Tier[], sites: readonly KeySite[], classTiers: Record<string, Tier[]>, atHour0: LayoutStatics): LayoutStatics {
  const factors = sc.travel.hourlySpeedFactor;
  if (!factors || factors.every((f) => f === factors[0]) || sc.demand.kind !== 'poisson') return atHour0;
  const hourWeight = new Float64Array(24);
  sc.demand.ratePerHour.forEach((rate, h) => { hourWeight[h % 24] += rate; });
  const byFactor = new Map<number, { hour: number; weight: number }>();
  for (let h = 0; h < 24; h++) {
    const e = byFactor.get(factors[h]) ?? { hour: h, weight: 0 };
    e.weight += hourWeight[h];
    byFactor.set(factors[h], e);
  }
  const evals = [...byFactor.values()].map(({ hour, weight }) => ({ weight, e: evaluateLayout(scenarioStatics(sc, hour), layout, standard, sites, classTiers) }));
  const total = evals.reduce((a, x) => a + x.weight, 0);
  const tiers = atHour0.coverage.tiers.map((t, k) => {
    const share = evals.reduce((a, x) => a + x.weight * x.e.coverage.tiers[k].coveredShare, 0) / total;
    const weight = evals.reduce((a, x) => a + x.weight * x.e.coverage.tiers[k].coveredWeight, 0) / total;
    return { ...t, coveredShare: share, coveredWeight: weight };
  });
  const siteMeets = sites.map((_s, i) => evals.every((x) => x.e.siteMeets[i]));
  const sitesMet = sitesMetByClass(sites, siteMeets);
  const worst = atHour0.sites.map((w, i) => ({ ...w, arrivalS: w.arrivalS.map((_a, k) => Math.max(...evals.map((x) => x.e.sites[i].arrivalS[k]))) }));
  return { coverage: { ...atHour0.coverage, tiers }, sitesMet, siteMeets, sites: worst };
}

/**
 * Static figures of a plan over the day. Tiers: Σ_b weight meeting the tier in block b (each block's
 * demand and travel times, from the plan's verified evaluation) / Σ_b block demand. Key sites: a site
 * meets its class when it does in every block, judged at every hourly speed factor of the block's
 * hours (the scenario's statics at that hour); each site's arrivals are its latest over those.
 */
function planStatics(o: PlanOutcome, r: PlanResult, standard: readonly Tier[], sites: readonly KeySite[], classTiers: Record<string, Tier[]>): LayoutStatics {
  const built = o.built!;
  const sc = built.scenario;
  let total = 0;
  const met = standard.map(() => 0);
  r.blocks.forEach((b, k) => {
    for (const a of o.problem.blocks[k].problem.demandWeight) total += a;
    b.coveredWeight.forEach((w, t) => { met[t] += w; });
  });
  const factors = sc.travel.hourlySpeedFactor ?? new Array(24).fill(1);
  const staticsAt = new Map<number, ScenarioStatics>();
  const siteMeets = sites.map(() => true);
  let first: LayoutStatics | undefined;
  // Per key site, its latest k-th arrival over every block and hour (what "meets in every block" judges).
  let worst: LayoutStatics['sites'] = [];
  built.hours.forEach((hours, b) => {
    const count = new Map<number, number>();
    for (const row of r.plan) if (row[b] >= 0) count.set(built.siteNodes[row[b]], (count.get(built.siteNodes[row[b]]) ?? 0) + 1);
    const posts = [...count].sort((x, y) => x[0] - y[0]).map(([node, units]) => ({ node, units }));
    const seen = new Set<number>();
    for (const [from, to] of hours) {
      for (let h = Math.floor(from); h < Math.ceil(to); h++) {
        if (seen.has(factors[h])) continue;
        seen.add(factors[h]);
        let st = staticsAt.get(factors[h]);
        if (!st) { st = scenarioStatics(sc, h); staticsAt.set(factors[h], st); }
        const e = evaluatePosts(st, posts, standard, sites, classTiers);
        first ??= e;
        e.siteMeets.forEach((ok, i) => { if (!ok) siteMeets[i] = false; });
        worst = worst.length ? worst.map((w, i) => ({ ...w, arrivalS: w.arrivalS.map((a, k) => Math.max(a, e.sites[i].arrivalS[k])) })) : e.sites;
      }
    }
  });
  const sitesMet = sitesMetByClass(sites, siteMeets);
  const tiers = first!.coverage.tiers.map((t, k) => ({ ...t, coveredWeight: met[k], coveredShare: total > 0 ? met[k] / total : NaN }));
  return { coverage: { ...first!.coverage, tiers }, sitesMet, siteMeets, sites: worst };
}

