import { join } from 'node:path';
import type { RoadGraph } from '../../engine/graph/road-graph.ts';
import { networkToJson } from '../../engine/io/network-json.ts';
import { coverageJsonText, postsJsonText } from '../../engine/io/run-files.ts';
import { evaluateCoverage } from '../../engine/coverage/evaluate-coverage.ts';
import { DEFAULT_TIERS } from '../../engine/coverage/tiers.ts';
import { readInputText, writeFileAtomic } from '../../engine/io/files.ts';
import { InputError, throwProblems } from '../../engine/io/input-error.ts';
import { loadHighsSolver } from '../../engine/optimize/highs-solver.ts';
import { createJslpSolver } from '../../engine/optimize/jslp-solver.ts';
import { networkProblem } from '../../engine/optimize/network-problem.ts';
import { MODEL_NAMES, optimize, SOLVER_NAMES, type ModelName, type OptimizeResult, type SolverChoice } from '../../engine/optimize/optimize.ts';
import { createLocationProblem, type LocationProblem } from '../../engine/optimize/problem.ts';
import { parseCandidateTable, parseCostTable, parseDemandTable, type CandidateTable } from '../../engine/optimize/read-problem.ts';
import type { WeightedTier } from '../../engine/optimize/tiered.ts';
import { readBlocksFile } from '../../engine/optimize/blocks-file.ts';
import { MAX_BUSY, type TierObjective } from '../../engine/optimize/tier-value.ts';
import { PLAN_HELP, runPlanOptimize, type PlanFlags } from './optimize-plan.ts';
import { refineInScenario, type DeploymentRefinement } from '../../engine/workflow/refine-deployment.ts';
import { buildRoutingGraph } from '../../engine/routing/routing-graph.ts';
import { loadScenario, runSimulation } from '../../engine/sim/index.ts';
import { VERSION } from '../../engine/version.ts';
import { expandMultiValueFlags, numberFlag, parseCommandArgs, progress, tiersFromFlags } from '../args.ts';
import type { CliCommand } from '../command.ts';
import { loadNetworkFromFlags, NETWORK_FLAGS, NETWORK_FLAGS_HELP } from '../network-flags.ts';

const HELP = `patrolsim optimize: where should posts or units go? (LSCP, MCLP, p-median, p-center, tiered 1/3/5)

Usage: patrolsim optimize --model lscp|mclp|pmedian|pcenter|tiered
         (--network FILES... | --costs FILE) [--demand FILE] [--candidates FILE]
         [--facilities P] [--target S] [--targets LIST --units LIST] [--tier-weights LIST] [--budget B]
         [--solver auto|highs|jslp|heuristic] [--time-limit S] [--gap G] [--rounds N] [--seed S] [--no-reduce|--reduce] [--out deployment.json] [--json]
         [--objective static|expected [--busy Q]]
       patrolsim optimize --model tiered --blocks FILE [--network FILES... | --costs FILE] [--plan-out plan.json]
         [--objective static|expected [--busy Q|load|sim]] [--targets LIST --units LIST] [--out FILE] [--json]

Models (formulations in docs/optimizer.md). Covered means travel cost <= target, as in coverage.
  lscp      least total site cost covering every demand point within --target (cost 1 per site
            when none is given: the fewest sites)
  mclp      most demand weight within --target with --facilities P sites
  pmedian   least Σ weight × cost to the nearest of P sites
  pcenter   least longest cost to the nearest of P sites (small models)
  tiered    P = --facilities units (several per post allowed); maximise Σ over tiers of tier weight ×
            demand weight meeting the tier (at least k units within T); default tiers 60 s/1, 180 s/2,
            300 s/3; existing posts (candidates "fixed") keep their units, "forbidden" sites get none,
            --budget caps the opening cost ("cost") of the posts used
Inputs:
  --costs FILE           CSV demand,candidate,cost (a missing pair: unreachable)
  --demand FILE          CSV id,weight (default weight 1); on a network, ids are node ids
                         (default: every node, weight 1)
  --candidates FILE      CSV id with optional cost, fixed (existing units), max_units, forbidden
                         (default on a network: every node)
${NETWORK_FLAGS_HELP}
Solving:
  --solver NAME          auto (default: HiGHS, exact; the heuristic for tiered/MCLP models too large
                         for it), highs, jslp (javascript-lp-solver; small models), heuristic (greedy +
                         local search + iterated local search, with a Lagrangian bound; mclp and
                         tiered)
  --time-limit S         seconds (default 60)
  --gap G                stop once the proven relative gap is <= G (default 0: prove optimality or
                         use the whole time limit)
  --rounds N             heuristic: perturbation rounds of the iterated local search (default 150;
                         0: greedy + local search only)
  --seed S               heuristic: seed of the perturbations (default fixed: same inputs, same answer
                         unless the time limit cuts the search short, which the message says)
  --no-reduce, --reduce  skip, or force, merging demand with equal coverage and dropping dominated
                         sites (default: done before exact solves, not before the heuristic)
Output:
  --json                 {"model","status","objective","bound","gap","selected":[ids],"solver","seconds",
                         "units":{id:n},"reduction":{...},"tierCoveredWeight":[...],"message"} on stdout
  --out FILE             the deployment as JSON (no timings: same inputs, same bytes)
  --run-dir DIR          with --network: a run directory for the viewer and report (network.json,
                         posts.json, coverage.json of the proposal against the model's tiers)
  --verify-sim SCENARIO  simulate the deployment in a scenario (its demand, dispatch, travel model;
                         posts and units replaced, units of its first unit type) and print simulated
                         tier compliance next to the static figure (needs --network: the scenario's)

${PLAN_HELP}
Simulation in the loop:
  --refine-sim SCENARIO  from the answer, a local search over one-unit moves scored by simulating the
                         scenario (its network: needs --network; posts and units replaced as in
                         --verify-sim) with common random numbers: moves proposed by the busy-aware model,
                         screened on the scenario's replications, the best confirmed on fresh ones and
                         accepted only when its paired 95% CI of the gain is above zero; prints each
                         accepted move with gain and CI, and the final simulated tiers with CIs
  --refine-s S           wall-clock budget for the refinement (default: until no move is confirmed;
                         a cut by the budget makes the answer depend on machine speed)

Every answer is re-verified: its objective is recomputed from the data (and on a network, tier
coverage is recomputed by the coverage engine); a mismatch is an error.
Exit status: 0 answer found, 1 infeasible or failed verification, 2 bad input.`;

export const command: CliCommand = {
  name: 'optimize',
  summary: 'choose post locations and unit counts: LSCP, MCLP, p-median, p-center, tiered 1/3/5',
  help: HELP,
  async run(rawArgs) {
    const args = expandMultiValueFlags(rawArgs, ['network']);
    const { values, positionals } = parseCommandArgs('optimize', args, {
      ...NETWORK_FLAGS,
      model: { type: 'string' }, costs: { type: 'string' }, demand: { type: 'string' }, candidates: { type: 'string' },
      facilities: { type: 'string' }, target: { type: 'string' }, targets: { type: 'string' }, units: { type: 'string' },
      'tier-weights': { type: 'string' }, budget: { type: 'string' }, solver: { type: 'string' }, 'time-limit': { type: 'string' }, gap: { type: 'string' }, rounds: { type: 'string' }, seed: { type: 'string' },
      'no-reduce': { type: 'boolean' }, reduce: { type: 'boolean' }, out: { type: 'string' }, 'run-dir': { type: 'string' }, json: { type: 'boolean' }, 'verify-sim': { type: 'string' },
      blocks: { type: 'string' }, 'plan-out': { type: 'string' }, objective: { type: 'string' }, busy: { type: 'string' },
      'refine-sim': { type: 'string' }, 'refine-s': { type: 'string' },
    });
    if (values['refine-sim'] !== undefined && !values.network) throw new InputError('--refine-sim: needs --network (the scenario\'s network, so candidate ids are its node ids)');
    if (values['refine-s'] !== undefined && values['refine-sim'] === undefined) throw new InputError('--refine-s: needs --refine-sim SCENARIO');
    if (values['refine-sim'] !== undefined && values.model !== 'tiered') throw new InputError('--refine-sim: refines tiered deployments (--model tiered)');
    const refineS = numberFlag('refine-s', values['refine-s'], { min: 1 });
    const objective = (values.objective ?? 'static') as TierObjective;
    if (objective !== 'static' && objective !== 'expected') throw new InputError(`--objective: expected static or expected, got "${values.objective}"`);
    const busy = values.busy === undefined ? undefined : values.busy === 'load' || values.busy === 'sim' ? values.busy : numberFlag('busy', values.busy, { min: 0, max: MAX_BUSY });
    if (values.blocks === undefined) {
      if (values['plan-out'] !== undefined) throw new InputError('--plan-out: needs --blocks (a plan is made of blocks of the day)');
      if (typeof busy === 'string') throw new InputError(`--busy ${busy}: needs --blocks with a scenario; give a probability for one layout`);
      if (objective === 'expected' && busy === undefined) throw new InputError('--objective expected: needs --busy Q (the probability that a unit is busy)');
    } else {
      if (values.model !== 'tiered') throw new InputError('--blocks: time-of-day plans use the tiered model (--model tiered)');
      for (const f of ['facilities', 'budget', 'verify-sim', 'run-dir', 'refine-sim'] as const) if (values[f] !== undefined) throw new InputError(`--${f}: not with --blocks (${f === 'facilities' ? 'units on duty come from the blocks file' : 'not available for plans'})`);
      if (objective === 'static' && busy !== undefined) throw new InputError('--busy: only with --objective expected');
    }
    if (values['verify-sim'] !== undefined && !values.network) throw new InputError('--verify-sim: needs --network (the scenario\'s network, so candidate ids are its node ids)');
    if (positionals.length) throw new InputError(`unexpected argument "${positionals[0]}"`);
    if (values['run-dir'] !== undefined && !values.network) throw new InputError('--run-dir: needs --network (the viewer draws the proposal on the roads)');
    const model = values.model as ModelName;
    if (!MODEL_NAMES.includes(model)) throw new InputError(`--model: expected one of ${MODEL_NAMES.join(', ')}, got "${values.model ?? ''}"`);
    const solver = (values.solver ?? 'auto') as SolverChoice;
    if (!SOLVER_NAMES.includes(solver)) throw new InputError(`--solver: expected one of ${SOLVER_NAMES.join(', ')}, got "${values.solver}"`);
    if (values.blocks !== undefined && !values.network && !values.costs) {
      return runPlanOptimize({ ...planFlags(values, objective, busy), tiers: tiersOf(values) });
    }
    if (!!values.network === !!values.costs) throw new InputError('expected exactly one of --network FILES or --costs FILE');
    const facilities = numberFlag('facilities', values.facilities, { min: 1, integer: true });
    const targetS = numberFlag('target', values.target, { min: 0 });
    const budget = numberFlag('budget', values.budget, { min: 0 });
    const timeLimitS = numberFlag('time-limit', values['time-limit'], { min: 1 }) ?? 60;
    const gap = numberFlag('gap', values.gap, { min: 0, max: 1 });
    const rounds = numberFlag('rounds', values.rounds, { min: 0, integer: true });
    if ((model === 'lscp' || model === 'mclp') && targetS === undefined) throw new InputError(`--target: ${model} needs a target (seconds, or the cost unit of --costs)`);
    if (model !== 'lscp' && facilities === undefined && values.blocks === undefined) throw new InputError(`--facilities: ${model} needs P (${model === 'tiered' ? 'units' : 'sites'} to deploy)`);
    if (budget !== undefined && model !== 'tiered') throw new InputError('--budget: only the tiered model takes a budget');
    let tiers: WeightedTier[] = [];
    if (model === 'tiered') {
      tiers = tiersOf(values);
    } else if (values.targets !== undefined || values.units !== undefined || values['tier-weights'] !== undefined) {
      throw new InputError('--targets/--units/--tier-weights: only the tiered model has tiers (use --target)');
    }
    // A plan's fastest block (speed factor > 1) reaches further within the targets: keep those pairs too.
    const reach = values.blocks !== undefined ? Math.max(1, ...readBlocksFile(values.blocks).blocks.map((b) => b.speedFactor)) : 1;
    const maxTargetS = (model === 'tiered' ? Math.max(...tiers.map((t) => t.targetS)) : model === 'lscp' || model === 'mclp' ? targetS! : Infinity) * reach;

    const demandTable = values.demand ? parseDemandTable(readInputText(values.demand, 'demand file'), values.demand) : undefined;
    const candTable = values.candidates ? parseCandidateTable(readInputText(values.candidates, 'candidates file'), values.candidates) : undefined;
    let problem: LocationProblem;
    let network: { graph: RoadGraph; rg: ReturnType<typeof buildRoutingGraph>; demandNodes: Int32Array; candidateNodes: Int32Array } | undefined;
    if (values.costs) {
      const costs = parseCostTable(readInputText(values.costs, 'costs file'), values.costs, demandTable?.ids, candTable?.ids);
      problem = createLocationProblem({
        demandIds: costs.demandIds, demandWeight: demandTable?.weight, candidateIds: costs.candidateIds,
        ...candidateFields(candTable), pairs: costs.pairs,
      });
    } else {
      progress('loading network...');
      const { graph, edgeTimeS } = loadNetworkFromFlags(values);
      const rg = buildRoutingGraph(graph, edgeTimeS);
      const nodesOf = (ids: readonly string[], file: string, what: string) => {
        const problems: string[] = [];
        const out = Int32Array.from(ids, (id) => {
          const v = graph.indexOf(id);
          if (v < 0) problems.push(`${file}: ${what} "${id}" is not a node of the network`);
          return v;
        });
        throwProblems(problems);
        return out;
      };
      const all = () => Int32Array.from({ length: graph.nodeCount }, (_, v) => v);
      const demandNodes = demandTable ? nodesOf(demandTable.ids, values.demand!, 'demand id') : all();
      const candidateNodes = candTable ? nodesOf(candTable.ids, values.candidates!, 'candidate id') : all();
      if (maxTargetS === Infinity && candidateNodes.length * demandNodes.length > 50_000_000) {
        throw new InputError(`--model ${model}: ${candidateNodes.length} candidates × ${demandNodes.length} demand points is too many for an unbounded cost table; give --candidates`);
      }
      progress(`travel times from ${candidateNodes.length} candidates (within ${maxTargetS} s)...`);
      problem = networkProblem(rg, {
        demandNodes, demandWeight: demandTable?.weight, candidateNodes, nodeIds: graph.nodeIds, maxTimeS: maxTargetS,
        ...candidateFields(candTable),
      });
      network = { graph, rg, demandNodes, candidateNodes };
    }

    if (values.blocks !== undefined) return runPlanOptimize({ ...planFlags(values, objective, busy), tiers, base: problem });
    progress(`solving ${model} (${problem.demandIds.length} demand points, ${problem.candidateIds.length} candidates, solver ${solver})...`);
    const highs = solver === 'jslp' || solver === 'heuristic' ? undefined : await loadHighsSolver();
    let result: OptimizeResult = optimize(problem, {
      model, targetS, facilities, tiers, budget, solver, timeLimitS, gap, rounds, seed: values.seed, objective, busy: typeof busy === 'number' ? busy : undefined, reduce: values['no-reduce'] ? false : values.reduce ? true : undefined,
      solvers: { highs, jslp: createJslpSolver() }, nowS: () => performance.now() / 1000,
    });
    // On a network, recompute tier coverage with the coverage engine (independent code path).
    if (network && (model === 'tiered' || model === 'mclp') && result.tierCoveredWeight && result.status !== 'error') {
      const checkTiers = model === 'tiered' ? tiers : [{ targetS: targetS!, units: 1 }];
      const posts = [...result.units].flatMap((u, j) => (u > 0 ? [{ node: network!.candidateNodes[j], units: u }] : []));
      const cov = evaluateCoverage(network.rg, posts, [...network.demandNodes].map((node, i) => ({ node, weight: problem.demandWeight[i] })), { tiers: checkTiers.map((t) => ({ targetS: t.targetS, units: t.units })) });
      cov.tiers.forEach((t, k) => {
        const mine = result.tierCoveredWeight![k];
        if (Math.abs(t.coveredWeight - mine) > 1e-6 * Math.max(1, mine)) {
          result = { ...result, status: 'error', message: `verification failed: coverage engine finds ${t.coveredWeight} weight meeting tier ${k + 1}, the optimizer ${mine}` };
        }
      });
    }
    const unitsById: Record<string, number> = {};
    result.units.forEach((u, j) => { if (u > 0) unitsById[problem.candidateIds[j]] = u; });
    const num = (x: number) => (Number.isFinite(x) ? x : null);
    const summary = {
      model, status: result.status, objective: num(result.objective), bound: num(result.bound), gap: num(result.gap),
      selected: result.selected, solver: result.solver, seconds: Math.round(result.seconds * 1000) / 1000,
      units: unitsById, reduction: result.reduction ? { before: result.reduction.before, after: result.reduction.after } : null,
      tierCoveredWeight: result.tierCoveredWeight ?? null,
      ...(objective === 'expected' ? { objectiveKind: objective, busy, tierExpectedWeight: result.tierExpectedWeight ?? null } : {}),
      message: result.message ?? null,
    };
    let verifySim: unknown = null;
    if (values['verify-sim'] !== undefined && (result.status === 'optimal' || result.status === 'feasible')) {
      verifySim = simulateDeployment(values['verify-sim'], unitsById, problem, result, model === 'tiered' ? tiers : [{ targetS: targetS ?? 0, units: 1 }]);
    }
    if (values.out) {
      writeFileAtomic(values.out, `${JSON.stringify({
        version: VERSION, model, status: result.status, objective: num(result.objective), bound: num(result.bound), gap: num(result.gap),
        solver: result.solver, parameters: { targetS: targetS ?? null, facilities: facilities ?? null, tiers: model === 'tiered' ? tiers : null, budget: budget ?? null },
        posts: result.selected.map((id) => ({ id, units: unitsById[id] })),
      }, null, 2)}\n`);
      progress(`wrote ${values.out}`);
    }
    if (values['run-dir'] !== undefined && network && (result.status === 'optimal' || result.status === 'feasible')) {
      const dir = values['run-dir'];
      const shownTiers = model === 'tiered' ? tiers.map((t) => ({ targetS: t.targetS, units: t.units }))
        : model === 'lscp' || model === 'mclp' ? [{ targetS: targetS!, units: 1 }] : DEFAULT_TIERS;
      const demandPoints = [...network.demandNodes].map((node, i) => ({ node, weight: problem.demandWeight[i] }));
      const posts = [...result.units].flatMap((u, j) => (u > 0 ? [{ id: problem.candidateIds[j], node: network!.candidateNodes[j], units: u, type: 'post', label: 'proposed' }] : []));
      const cov = evaluateCoverage(network.rg, posts, demandPoints, { tiers: shownTiers });
      writeFileAtomic(join(dir, 'network.json'), `${JSON.stringify(networkToJson(network.graph))}\n`);
      writeFileAtomic(join(dir, 'posts.json'), postsJsonText(posts));
      writeFileAtomic(join(dir, 'coverage.json'), coverageJsonText(cov, demandPoints));
      progress(`wrote ${dir}/{network,posts,coverage}.json (open with: patrolsim view ${dir})`);
    }
    let refined: DeploymentRefinement | null = null;
    if (values['refine-sim'] !== undefined && (result.status === 'optimal' || result.status === 'feasible')) {
      const path = values['refine-sim'];
      progress(`refining the deployment by simulation in ${path} (common random numbers; every move confirmed on fresh replications)...`);
      refined = refineInScenario(loadScenario(path), problem, result.units, { tiers, budgetS: refineS, nowS: () => performance.now() / 1000, onProgress: progress });
    }
    const full = { ...summary, ...(verifySim ? { verifySim } : {}), ...(refined ? { refineSim: refineJson(refined, problem) } : {}) };
    if (values.json) process.stdout.write(`${JSON.stringify(full)}\n`);
    else process.stdout.write(formatText(summary) + (verifySim ? formatSim(verifySim as SimCheck) : '') + (refined ? formatRefine(refined) : ''));
    return result.status === 'optimal' || result.status === 'feasible' ? 0 : 1;
  },
};

interface SimCheck {
  scenario: string;
  static: { targetS: number; units: number; share: number }[];
  simulated: { class: string; incidents: number; tiers: { targetS: number; units: number; metShare: number; ci95: readonly [number, number] | null }[] }[];
}

/**
 * Simulate the proposed deployment in a scenario (its demand, dispatch and travel model; the posts
 * and units replaced by the deployment, every unit of the scenario's first unit type) and return the
 * simulated tier compliance next to the static figure the optimizer computed.
 */
function simulateDeployment(path: string, unitsById: Record<string, number>, problem: LocationProblem, result: OptimizeResult, tiers: readonly { targetS: number; units: number }[]): SimCheck {
  const base = loadScenario(path);
  const type = base.file.units[0]?.type;
  if (type === undefined) throw new InputError(`${path}: units: the scenario defines no unit, so no unit type to deploy`);
  const ids = Object.keys(unitsById);
  const posts = ids.map((id) => ({ id: `opt-${id}`, node: id, type: 'optimized' }));
  const units = ids.map((id) => ({ id: `opt-${id}`, type, post: `opt-${id}`, count: unitsById[id] }));
  progress(`simulating the deployment in ${path} (${ids.length} posts, ${result.units.reduce((a, b) => a + b, 0)} units)...`);
  const sim = runSimulation(loadScenario(path, { posts, units }), { trace: false });
  let total = 0;
  for (let i = 0; i < problem.demandWeight.length; i++) total += problem.demandWeight[i];
  return {
    scenario: path,
    static: tiers.map((t, k) => ({ targetS: t.targetS, units: t.units, share: total > 0 ? (result.tierCoveredWeight?.[k] ?? 0) / total : 0 })),
    simulated: sim.classes.map((c) => ({ class: c.name, incidents: c.incidents, tiers: c.tiers.map((t) => ({ targetS: t.targetS, units: t.units, metShare: t.metShare, ci95: t.ci95 })) })),
  };
}

function formatSim(s: SimCheck): string {
  const pct = (x: number) => `${(x * 100).toFixed(1)} %`;
  const lines = [`tier compliance, static (optimizer) vs simulated (${s.scenario}):`];
  for (const t of s.static) lines.push(`  ${t.units} unit(s) within ${t.targetS} s: static ${pct(t.share)}`);
  for (const c of s.simulated) {
    lines.push(`  simulated, class ${c.class} (${c.incidents} incidents): ${c.tiers.map((t) => `${t.units} within ${t.targetS} s ${pct(t.metShare)}${t.ci95 ? ` [${pct(t.ci95[0])}, ${pct(t.ci95[1])}]` : ''}`).join('; ')}`);
  }
  return `${lines.join('\n')}\n`;
}

function refineJson(r: DeploymentRefinement, problem: LocationProblem) {
  const units: Record<string, number> = {};
  r.refine.layout.forEach((u, j) => { if (u > 0) units[problem.candidateIds[j]] = u; });
  return {
    class: r.className, guideBusy: r.guideBusy, accepted: r.refine.accepted, rejected: r.refine.rejected ?? null, stop: r.refine.stop, rounds: r.refine.rounds,
    overall: r.refine.overall, familyError: r.refine.familyError, units, start: r.start.tiers, final: r.final.tiers,
  };
}

function formatRefine(r: DeploymentRefinement): string {
  const pt = (x: number) => `${x >= 0 ? '+' : ''}${(x * 100).toFixed(2)}`;
  const ci = (c: readonly [number, number] | null) => (c ? `[${pt(c[0])}, ${pt(c[1])}]` : '(no interval)');
  const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
  const lines = [`refinement by simulation (class ${r.className}; score = Σ tier shares, points = percentage points):`];
  for (const a of r.refine.accepted) lines.push(`  accepted: ${a.move}: gain ${pt(a.gain)} pt, 95% CI ${ci(a.ci95)} (replications ${a.replications[0]}-${a.replications[1]})`);
  if (r.refine.rejected) lines.push(`  stopped: ${r.refine.rejected.move} not confirmed: gain ${pt(r.refine.rejected.gain)} pt, 95% CI ${ci(r.refine.rejected.ci95)}`);
  else lines.push(`  stopped: ${r.refine.stop}`);
  if (r.refine.overall) lines.push(`  overall, final vs start on fresh replications: ${pt(r.refine.overall.gain)} pt, 95% CI ${ci(r.refine.overall.ci95)}; chance some accepted move is no improvement <= ${(r.refine.familyError * 100).toFixed(1)}%`);
  r.final.tiers.forEach((t, k) => {
    const s0 = r.start.tiers[k];
    lines.push(`  ${t.units} unit(s) within ${t.targetS} s: start ${pct(s0.metShare)}${s0.ci95 ? ` [${pct(s0.ci95[0])}, ${pct(s0.ci95[1])}]` : ''} → final ${pct(t.metShare)}${t.ci95 ? ` [${pct(t.ci95[0])}, ${pct(t.ci95[1])}]` : ''}`);
  });
  return `${lines.join('\n')}\n`;
}

function tiersOf(values: { targets?: string; units?: string; 'tier-weights'?: string }): WeightedTier[] {
  const base = tiersFromFlags(values.targets, values.units);
  const weights = values['tier-weights']?.split(',').map((s, i) => numberFlag(`tier-weights[${i}]`, s.trim(), { min: 0 })!);
  if (weights && weights.length !== base.length) throw new InputError(`--tier-weights has ${weights.length} values, there are ${base.length} tiers`);
  return base.map((t, i) => ({ ...t, weight: weights?.[i] ?? 1 }));
}

function planFlags(values: Record<string, unknown>, objective: TierObjective, busy: number | 'load' | 'sim' | undefined): Omit<PlanFlags, 'tiers'> {
  const str = (k: string) => values[k] as string | undefined;
  return {
    blocks: str('blocks')!, objective, busy, solver: str('solver') ?? 'auto',
    timeLimitS: numberFlag('time-limit', str('time-limit'), { min: 1 }) ?? 60, gap: numberFlag('gap', str('gap'), { min: 0, max: 1 }),
    rounds: numberFlag('rounds', str('rounds'), { min: 0, integer: true }), seed: str('seed'), planOut: str('plan-out'), out: str('out'), json: values.json === true,
  };
}

function candidateFields(t: CandidateTable | undefined) {
  return t ? { siteCost: t.cost, minUnits: t.minUnits, maxUnits: t.maxUnits } : {};
}

function formatText(s: { model: string; status: string; objective: number | null; bound: number | null; gap: number | null; solver: string; seconds: number; selected: string[]; units: Record<string, number>; reduction: unknown; message: string | null; tierCoveredWeight: number[] | null }): string {
  const lines = [
    `model ${s.model}: ${s.status} (solver ${s.solver}, ${s.seconds.toFixed(2)} s)`,
    `objective ${s.objective ?? '-'}   bound ${s.bound ?? '-'}   gap ${s.gap === null ? '-' : `${(s.gap * 100).toFixed(3)} %`}`,
  ];
  if (s.tierCoveredWeight) lines.push(`weight meeting each tier: ${s.tierCoveredWeight.join(', ')}`);
  if (s.reduction) {
    const r = s.reduction as { before: { demand: number; candidates: number }; after: { demand: number; candidates: number } };
    lines.push(`reduction: ${r.before.demand} → ${r.after.demand} demand points, ${r.before.candidates} → ${r.after.candidates} candidates`);
  }
  lines.push(`selected (${s.selected.length}): ${s.selected.map((id) => (s.units[id] > 1 ? `${id}×${s.units[id]}` : id)).join(' ')}`);
  if (s.message) lines.push(s.message);
  return `${lines.join('\n')}\n`;
}


