import { DEFAULT_TIERS } from '../../engine/coverage/tiers.ts';
import type { TravelTimeModel } from '../../engine/graph/travel-time-model.ts';
import { readInputText } from '../../engine/io/files.ts';
import { inputContentHash } from '../../engine/io/hash.ts';
import { InputError } from '../../engine/io/input-error.ts';
import { proposal, writeProposal } from '../../engine/io/proposal.ts';
import { writeRunDirectory } from '../../engine/io/run-directory/run-directory.ts';
import { loadHighsSolver } from '../../engine/optimize/highs-solver.ts';
import { createJslpSolver } from '../../engine/optimize/jslp-solver.ts';
import { facilitiesProblem, MAX_FACILITIES, MODEL_NAMES, optimize, SOLVER_NAMES, type ModelName, type OptimizeRequest, type OptimizeResult, type SolverChoice } from '../../engine/optimize/optimize.ts';
import { createLocationProblem, type LocationProblem } from '../../engine/optimize/problem.ts';
import { parseCandidateTable, parseCostTable, parseDemandTable, type DemandTable } from '../../engine/optimize/read-problem.ts';
import { validateTiered, type WeightedTier } from '../../engine/optimize/tiered.ts';
import { readBlocksFile } from '../../engine/optimize/blocks-file.ts';
import { MAX_BUSY, type TierObjective } from '../../engine/optimize/tier-value.ts';
import { refineInScenario, type DeploymentRefinement } from '../../engine/workflow/refine-deployment.ts';
import { PLAN_HELP, runPlanOptimize, type PlanFlags } from '../optimize/plan-command.ts';
import { buildRoutingGraph } from '../../engine/routing/routing-graph.ts';
import { loadScenario } from '../../engine/sim/load-scenario.ts';
import { answerTiers, deployedPosts, networkLocationProblem, problemDemand, solveOnNetwork, type NetworkLocationProblem, type PlanningNetwork } from '../../engine/workflow/network-deployment.ts';
import { deploymentRunContent } from '../../engine/workflow/deployment-run.ts';
import { simulateDeployment, type SimulationCheck } from '../../engine/workflow/simulate-deployment.ts';
import { expandMultiValueFlags, numberFlag, parseCommandArgs, progress, tiersFromFlags } from '../args.ts';
import type { CliCommand } from '../command.ts';
import { percent } from '../format.ts';
import { loadNetworkFromFlags, loadOptionsFromFlags, NETWORK_FLAGS, NETWORK_FLAGS_HELP, placerFromFlags } from '../network-flags.ts';
import { checkOutputFlags } from '../output-flags.ts';
import { demandByNode, parseDemandCsv } from '../../engine/io/points-csv.ts';
import { describeRowUse } from '../../engine/io/skipped-rows.ts';
import { COMMAND_SUMMARIES } from '../command-list.ts';

const HELP = `patrolsim optimize: where should posts or units go? (LSCP, MCLP, p-median, p-center, tiered 1/3/5, min–max workload)

Usage: patrolsim optimize --model lscp|mclp|pmedian|pcenter|tiered|minmax-workload
         (--network FILES... | --costs FILE) [--demand FILE] [--candidates FILE]
         [--facilities P] [--target S] [--targets LIST --units LIST] [--tier-weights LIST] [--budget B] [--max-workload W]
         [--solver auto|highs|jslp|heuristic] [--time-limit S] [--gap G] [--rounds N] [--seed S] [--no-reduce|--reduce] [--out deployment.json] [--json]
         [--objective static|expected [--busy Q]] [--refine-sim SCENARIO [--refine-s S]]
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
  minmax-workload  every demand point goes to its nearest open site (its jurisdiction; ties: the
            site listed first) within --target (default: no limit); with --facilities P the least
            largest workload (Σ demand weight per site), with --max-workload W the fewest sites
            keeping every workload <= W; existing posts ("fixed") stay open
Inputs:
  --costs FILE           CSV demand,candidate,cost (a missing pair: unreachable)
  --demand FILE          with --costs: CSV id,weight (default weight 1). On a network: read as
                         coverage reads it: "node" (or "id") node ids, or lat/lon columns placed on
                         the nearest road node within --max-snap-m (a raw incident export works;
                         rows without coordinates or too far are skipped and counted); optional
                         weight; rows on the same node add up (default: every node, weight 1)
  --lat-col NAME, --lon-col NAME   coordinate column names, when the usual names don't fit
  --candidates FILE      CSV id with optional cost, fixed (existing units), max_units, forbidden
                         (default on a network: every node)
${NETWORK_FLAGS_HELP}
Solving:
  --solver NAME          auto (default: HiGHS, exact; the heuristic for tiered/MCLP models too large
                         for it), highs, jslp (javascript-lp-solver; small models), heuristic (greedy +
                         local search + iterated local search, with a Lagrangian bound; mclp and
                         tiered). Exact LSCP, MCLP and p-median start with a Lagrangian branch-and-bound
                         over the sites (solver "branch-and-bound" when it settles the answer) and
                         hand what it leaves to the exact solver
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
  --out FILE             the proposal as JSON (docs/optimizer.md, "The proposal file"; no timings: same
                         inputs, same bytes): posts by node id with units, the model's settings and the
                         network it was planned on; coverage --posts, simulate --posts, view and report
                         read it back
  --run-dir DIR          with --network: a run directory for the viewer and report (network.json,
                         posts.json, coverage.json of the proposal against the model's tiers, run.json)
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
  summary: COMMAND_SUMMARIES.optimize,
  help: HELP,
  async run(rawArgs) {
    const args = expandMultiValueFlags(rawArgs, ['network']);
    const { values, positionals } = parseCommandArgs('optimize', args, {
      ...NETWORK_FLAGS,
      model: { type: 'string' }, costs: { type: 'string' }, demand: { type: 'string' }, candidates: { type: 'string' },
      'lat-col': { type: 'string' }, 'lon-col': { type: 'string' },
      facilities: { type: 'string' }, target: { type: 'string' }, targets: { type: 'string' }, units: { type: 'string' },
      'tier-weights': { type: 'string' }, budget: { type: 'string' }, 'max-workload': { type: 'string' }, solver: { type: 'string' }, 'time-limit': { type: 'string' }, gap: { type: 'string' }, rounds: { type: 'string' }, seed: { type: 'string' },
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
    const facilities = numberFlag('facilities', values.facilities, { min: 1, max: MAX_FACILITIES, integer: true });
    const targetS = numberFlag('target', values.target, { min: 0 });
    const budget = numberFlag('budget', values.budget, { min: 0 });
    const timeLimitS = numberFlag('time-limit', values['time-limit'], { min: 1 }) ?? 60;
    const gap = numberFlag('gap', values.gap, { min: 0, max: 1 });
    const rounds = numberFlag('rounds', values.rounds, { min: 0, integer: true });
    if ((model === 'lscp' || model === 'mclp') && targetS === undefined) throw new InputError(`--target: ${model} needs a target (seconds, or the cost unit of --costs)`);
    const maxWorkload = numberFlag('max-workload', values['max-workload'], { min: 0 });
    if (maxWorkload !== undefined && model !== 'minmax-workload') throw new InputError('--max-workload: only the minmax-workload model takes a workload cap');
    if (model === 'minmax-workload' && (facilities === undefined) === (maxWorkload === undefined)) throw new InputError('--facilities or --max-workload: minmax-workload needs exactly one (P sites, or a workload cap)');
    if (model !== 'lscp' && model !== 'minmax-workload' && facilities === undefined && values.blocks === undefined) throw new InputError(`--facilities: ${model} needs P (${model === 'tiered' ? 'units' : 'sites'} to deploy)`);
    if (budget !== undefined && model !== 'tiered') throw new InputError('--budget: only the tiered model takes a budget');
    let tiers: WeightedTier[] = [];
    if (model === 'tiered') {
      tiers = tiersOf(values);
    } else if (values.targets !== undefined || values.units !== undefined || values['tier-weights'] !== undefined) {
      throw new InputError('--targets/--units/--tier-weights: only the tiered model has tiers (use --target)');
    }
    checkOutputFlags([{ flag: '--out', path: values.out, kind: 'file' }, { flag: '--run-dir', path: values['run-dir'], kind: 'run-directory' }]);
    // A plan's fastest block (speed factor > 1) reaches further within the targets: keep those pairs too.
    const reach = values.blocks !== undefined ? Math.max(1, ...readBlocksFile(values.blocks).blocks.map((b) => b.speedFactor)) : 1;
    const maxTargetS = (model === 'tiered' ? Math.max(...tiers.map((t) => t.targetS)) : model === 'lscp' || model === 'mclp' ? targetS! : model === 'minmax-workload' ? targetS ?? Infinity : Infinity) * reach;

    // With --costs, demand ids are the cost table's; on a network, demand is read as coverage reads it.
    const demandTable = values.demand && values.costs ? { ...parseDemandTable(readInputText(values.demand, 'demand file'), values.demand), file: values.demand } : undefined;
    const candTable = values.candidates ? { ...parseCandidateTable(readInputText(values.candidates, 'candidates file'), values.candidates), file: values.candidates } : undefined;
    let problem: LocationProblem;
    let network: { net: PlanningNetwork; nlp: NetworkLocationProblem; travelModel: TravelTimeModel; hour: number } | undefined;
    if (values.costs) {
      const costs = parseCostTable(readInputText(values.costs, 'costs file'), values.costs, demandTable?.ids, candTable?.ids);
      problem = createLocationProblem({
        demandIds: costs.demandIds, demandWeight: demandTable?.weight, candidateIds: costs.candidateIds,
        ...(candTable ? { siteCost: candTable.cost, minUnits: candTable.minUnits, maxUnits: candTable.maxUnits } : {}), pairs: costs.pairs,
      });
    } else {
      progress('loading network...');
      const { graph, edgeTimeS, model: travelModel } = loadNetworkFromFlags(values);
      const net: PlanningNetwork = { graph, routing: buildRoutingGraph(graph, edgeTimeS) };
      let demand: (DemandTable & { file: string }) | undefined;
      if (values.demand) {
        const read = parseDemandCsv(readInputText(values.demand, 'demand file'), values.demand, placerFromFlags(values, graph), { lat: values['lat-col'], lon: values['lon-col'] });
        if (read.skipped.length) progress(`demand: ${describeRowUse(values.demand, read.rows, read.skipped)}`);
        const byNode = demandByNode(read.demand);
        demand = { ids: byNode.nodes.map((v) => graph.nodeIds[v]), weight: byNode.weight, file: values.demand };
      }
      progress(`travel times from ${candTable?.ids.length ?? graph.nodeCount} candidates (within ${maxTargetS} s)...`);
      const nlp = networkLocationProblem(net, { demand, candidates: candTable, maxTimeS: maxTargetS });
      problem = nlp.problem;
      network = { net, nlp, travelModel, hour: numberFlag('hour', values.hour, { min: 0, max: 23, integer: true }) ?? 0 };
    }

    if (facilities !== undefined && model !== 'lscp') {
      const why = facilitiesProblem(model, facilities, problem);
      if (why) throw new InputError(`--facilities: ${why}`);
      if (model === 'tiered') {
        const tieredWhy = validateTiered(problem, { tiers, units: facilities, budget }).find((m) => m.startsWith('units:'));
        if (tieredWhy) throw new InputError(`--facilities: ${tieredWhy.replace(/^units: /, '')}`);
      }
    }
    if (values.blocks !== undefined) return runPlanOptimize({ ...planFlags(values, objective, busy), tiers, base: problem });
    progress(`solving ${model} (${problem.demandIds.length} demand points, ${problem.candidateIds.length} candidates, solver ${solver})...`);
    const highs = solver === 'jslp' || solver === 'heuristic' ? undefined : await loadHighsSolver();
    const request: OptimizeRequest = {
      model, targetS, facilities, tiers, budget, maxWorkload, solver, timeLimitS, gap, rounds, seed: values.seed, objective, busy: typeof busy === 'number' ? busy : undefined, reduce: values['no-reduce'] ? false : values.reduce ? true : undefined,
      solvers: { highs, jslp: createJslpSolver() }, nowS: () => performance.now() / 1000,
    };
    // On a network the answer is re-verified by the coverage engine too (solveOnNetwork).
    const result: OptimizeResult = network ? solveOnNetwork(network.net, network.nlp, request) : optimize(problem, request);
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
    let verifySim: SimulationCheck | null = null;
    const found = result.status === 'optimal' || result.status === 'feasible';
    if (values['verify-sim'] !== undefined && found) {
      const path = values['verify-sim'];
      const deployment = { posts: result.selected.map((id) => ({ id, node: id, units: unitsById[id] })) };
      progress(`simulating the deployment in ${path} (${deployment.posts.length} posts, ${result.units.reduce((a, b) => a + b, 0)} units)...`);
      let total = 0;
      for (let i = 0; i < problem.demandWeight.length; i++) total += problem.demandWeight[i];
      const checkTiers = answerTiers(request);
      verifySim = simulateDeployment(loadScenario(path), deployment, checkTiers.length ? checkTiers : [{ targetS: targetS ?? 0, units: 1 }], result.tierCoveredWeight ?? [], total, { label: path });
    }
    if (values.out) {
      writeProposal(values.out, proposal({
        model, status: result.status, objective: num(result.objective), bound: num(result.bound), gap: num(result.gap), solver: result.solver,
        parameters: { targetS: targetS ?? null, facilities: facilities ?? null, tiers: model === 'tiered' ? tiers : null, budget: budget ?? null },
        network: network ? {
          files: values.network!, options: loadOptionsFromFlags(values), travelModel: network.travelModel, hour: network.hour, demandFile: values.demand ?? null,
          demandRead: { maxSnapM: placerFromFlags(values, network.net.graph).maxSnapM, ...(values['lat-col'] ? { latColumn: values['lat-col'] } : {}), ...(values['lon-col'] ? { lonColumn: values['lon-col'] } : {}) },
        } : null,
        posts: result.selected.map((id) => ({ id, node: id, units: unitsById[id], type: 'proposed' })),
      }));
      progress(`wrote ${values.out} (read it back with coverage --posts, simulate --posts, view, report)`);
    }
    if (values['run-dir'] !== undefined && network && found) {
      const dir = values['run-dir'];
      const shownTiers = answerTiers(request).length ? answerTiers(request) : DEFAULT_TIERS;
      const inputs = [...network.net.graph.source.files, ...[values['travel-model'], values.demand, values.candidates].filter((f): f is string => f !== undefined)];
      writeRunDirectory(dir, deploymentRunContent(network.net, deployedPosts(network.nlp, result.units, 'post', 'proposed'), problemDemand(network.nlp), shownTiers, {
        producer: 'optimize', inputHash: inputContentHash(inputs, { model, targetS, facilities, tiers, budget }),
      }));
      progress(`wrote ${dir} (network.json, posts.json, coverage.json, run.json; open with: patrolsim view ${dir})`);
    }
    let refined: DeploymentRefinement | null = null;
    if (values['refine-sim'] !== undefined && found) {
      const path = values['refine-sim'];
      progress(`refining the deployment by simulation in ${path} (common random numbers; every move confirmed on fresh replications)...`);
      refined = refineInScenario(loadScenario(path), problem, result.units, { tiers, budgetS: refineS, nowS: () => performance.now() / 1000, onProgress: progress });
    }
    const full = { ...summary, ...(verifySim ? { verifySim } : {}), ...(refined ? { refineSim: refineJson(refined, problem) } : {}) };
    if (values.json) process.stdout.write(`${JSON.stringify(full)}\n`);
    else process.stdout.write(formatText(summary) + (verifySim ? formatSim(verifySim) : '') + (refined ? formatRefine(refined) : ''));
    return found ? 0 : 1;
  },
};

function refineJson(r: DeploymentRefinement, problem: LocationProblem) {
  const units: Record<string, number> = {};
  r.refine.layout.forEach((u, j) => { if (u > 0) units[problem.candidateIds[j]] = u; });
  return {
    class: r.className, guideBusy: r.guideBusy, accepted: r.refine.accepted, rejected: r.refine.rejected ?? null, stop: r.refine.stop, rounds: r.refine.rounds,
    overall: r.refine.overall, familyError: r.refine.familyError, units, start: r.start.tiers, final: r.final.tiers, tierReplications: r.tierReplications,
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
  lines.push(`  simulated tiers, start → final, on replications ${r.tierReplications[0]}-${r.tierReplications[1]} (not the ones the moves were chosen on):`);
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

function formatSim(s: SimulationCheck): string {
  const pct = (x: number) => percent(x);
  const lines = [`tier compliance, static (optimizer) vs simulated (${s.scenario}):`];
  for (const t of s.static) lines.push(`  ${t.units} unit(s) within ${t.targetS} s: static ${pct(t.share)}`);
  for (const c of s.simulated) {
    if (c.incidents === 0) { lines.push(`  simulated, class ${c.class}: no incidents in the measured window`); continue; }
    lines.push(`  simulated, class ${c.class} (${c.incidents} incidents): ${c.tiers.map((t) => `${t.units} within ${t.targetS} s ${pct(t.metShare)}${t.ci95 ? ` [${pct(t.ci95[0])}, ${pct(t.ci95[1])}]` : ''}`).join('; ')}`);
  }
  return `${lines.join('\n')}\n`;
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


