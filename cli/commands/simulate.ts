import { resolve } from 'node:path';
import { loadScenario } from '../../engine/sim/load-scenario.ts';
import { summaryJson } from '../../engine/sim/outputs.ts';
import { runSimulation } from '../../engine/sim/run-simulation.ts';
import { writeSimulationOutputs } from '../../engine/sim/write-outputs.ts';
import { InputError } from '../../engine/io/input-error.ts';
import { readProposal } from '../../engine/io/proposal.ts';
import { deploymentScenario } from '../../engine/workflow/simulate-deployment.ts';
import { numberFlag, parseCommandArgs, progress } from '../args.ts';
import type { CliCommand } from '../command.ts';
import { percent, percentWithInterval } from '../format.ts';
import { checkOutputFlags } from '../output-flags.ts';
import { COMMAND_SUMMARIES } from '../command-list.ts';

const RELOCATION_POLICIES = ['none', 'compliance-table', 'tier-greedy'] as const;

const HELP = `patrolsim simulate: discrete-event simulation of a patrol deployment

Usage: patrolsim simulate <scenario.json> --out DIR [--seed N] [--replications R]
                          [--posts proposal.json [--unit-type T]] [--plan PLAN.json]
                          [--relocation POLICY] [--json]

Draws incidents (Poisson by hour of week, or a replayed incident CSV), moves units (at post, patrolling
a route or a beat, dispatched, on scene, returning, driving to a new place, off shift) and dispatches
the nearest available units by travel time from where they are. A time-of-day plan moves units to
new posts, staging points and mobile-station sites at block boundaries; a move-up policy sends idle
units to fill the holes busy units leave. Reports, per incident class and tier, the share of incidents
where at least k units arrived within targetS seconds (95% confidence interval across replications),
response-time percentiles of the 1st..kth unit, queue delays, lost calls and unit utilisation; for a
class with a cordon standard, the share of incidents whose ring exits units beyond the scene's closed
in time. Intervals of shares are the t-interval across replications clipped to [0, 1] (docs/simulation.md).
Notes and warnings about the inputs (rows skipped in a replayed file, by reason; a shift never on
duty; a tier no deployment can meet...) go to stderr; values that can't run exit 2 naming the field.
The scenario format is described in docs/simulation.md (schema: scenarios/scenario.schema.json).

Options:
  --out DIR              run directory (required): summary.json, incidents.csv (replication 0),
                         units.csv, trace.json, network.json, posts.json and run.json, written whole
                         (a directory being replaced is kept until the new one is complete)
  --seed N               root seed (default: the scenario's "seed", else 1)
  --replications R       independent replications (default: the scenario's, else 1)
  --posts FILE           a proposal (optimize --out): its posts and units replace the scenario's, on the
                         scenario's network (node ids must be its nodes); units of --unit-type
  --unit-type T          the unit type of the proposal's units (default: the scenario's first unit's)
  --plan PLAN.json       time-of-day deployment plan replacing the scenario's "plan" (format:
                         docs/simulation.md, "Deployment plans")
  --relocation POLICY    move-up policy replacing the scenario's "relocation": none, compliance-table
                         (needs the scenario's table) or tier-greedy. The scenario's parameters are
                         kept when it names the same policy; its maxMoves/maxTravelS/cooldownS always.
  --json                 print summary.json on stdout
The same scenario and seed give byte-identical files.

Exit status: 0 success, 2 bad input.`;

export const command: CliCommand = {
  name: 'simulate',
  summary: COMMAND_SUMMARIES.simulate,
  help: HELP,
  async run(args) {
    const { values, positionals } = parseCommandArgs('simulate', args, {
      out: { type: 'string' }, seed: { type: 'string' }, replications: { type: 'string' }, json: { type: 'boolean' },
      plan: { type: 'string' }, relocation: { type: 'string' },
      posts: { type: 'string' }, 'unit-type': { type: 'string' },
    });
    if (positionals.length !== 1) throw new InputError(`expected one scenario file, got ${positionals.length} (see patrolsim simulate --help)`);
    if (values.out === undefined) throw new InputError('--out DIR is required (see patrolsim simulate --help)');
    const seed = numberFlag('seed', values.seed, { integer: true, min: 0, max: Number.MAX_SAFE_INTEGER });
    const replications = numberFlag('replications', values.replications, { integer: true, min: 1, max: 10000 });
    checkOutputFlags([{ flag: '--out', path: values.out, kind: 'run-directory' }]);
    const scenarioPath = positionals[0];
    progress(`loading ${scenarioPath}`);
    if (values['unit-type'] !== undefined && values.posts === undefined) throw new InputError('--unit-type: only with --posts (the proposal\'s units)');
    const relocation = values.relocation;
    if (relocation !== undefined && !RELOCATION_POLICIES.includes(relocation as never)) {
      throw new InputError(`--relocation: expected one of ${RELOCATION_POLICIES.join(', ')}, got "${relocation}"`);
    }
    const prop = values.posts !== undefined ? readProposal(values.posts) : undefined;
    let scenario = loadScenario(scenarioPath, {
      seed, replications,
      ...(values.plan !== undefined ? { plan: resolve(values.plan) } : {}),
      ...(relocation !== undefined ? { relocation: relocation as (typeof RELOCATION_POLICIES)[number] } : {}),
    });
    if (prop) {
      const missing = prop.posts.map((q, i) => [q, i] as const).filter(([q]) => scenario.graph.indexOf(q.node) < 0);
      if (missing.length) throw new InputError(`${values.posts}: /posts/${missing[0][1]}/node: "${missing[0][0].node}" is not a node of the scenario's network${missing.length > 1 ? ` (and ${missing.length - 1} more posts)` : ''}`);
      scenario = deploymentScenario(scenario, prop, { unitType: values['unit-type'], keepIds: true });
      progress(`deployment from ${values.posts}: ${prop.posts.length} posts, ${scenario.units.length} units`);
    }
    for (const note of scenario.notes) progress(`note: ${note}`);
    for (const warning of scenario.warnings) progress(`warning: ${warning}`);
    progress(`simulating ${scenario.name}: ${scenario.units.length} units, ${scenario.horizonS} s horizon, ${scenario.replications} replication(s), seed ${scenario.seed}`);
    // A long replication says where it is, at most every 5 s of wall time.
    let lastReport = Date.now();
    const onSimTime = (r: number, simTimeS: number) => {
      if (Date.now() - lastReport < 5000) return;
      lastReport = Date.now();
      progress(`replication ${r + 1}/${scenario.replications}: day ${(simTimeS / 86400).toFixed(1)} of ${(scenario.horizonS / 86400).toFixed(1)}`);
    };
    const result = runSimulation(scenario, { onProgress: (d, n) => { lastReport = Date.now(); progress(`replication ${d}/${n} done`); }, onSimTime });
    const written = writeSimulationOutputs(values.out, result);
    progress(`wrote ${written.files.length} files and run.json to ${values.out}`);
    if (values.json) process.stdout.write(`${JSON.stringify(summaryJson(result))}\n`);
    else {
      for (const c of result.classes) {
        if (c.incidents === 0) { process.stdout.write(`${c.name}: no incidents reported in the measured window (after the warm-up, before the horizon)\n`); continue; }
        const tiers = c.tiers.map((t) => `${t.units}@${t.targetS}s ${percentWithInterval(t.metShare, t.ci95)}`).join('  ');
        process.stdout.write(`${c.name}: ${c.incidents} incidents  ${tiers}  waited ${percent(c.waitShare.mean, 1, 'n/a (no call served)')}  lost ${percent(c.lostShare.mean)}\n`);
        if (c.cordon) {
          const k = c.cordon;
          process.stdout.write(`  cordon (exits of the ${k.standard.radiusS} s ring closed within ${k.standard.withinS} s): ${percentWithInterval(k.metShare.mean, k.metShare.ci)}; missed: too few units ${percent(k.missed.tooFewUnits)}, late ${percent(k.missed.late)}, scene short ${percent(k.missed.sceneShort)}\n`);
        }
      }
      const util = result.units.map((u) => u.utilisation.mean).filter(Number.isFinite);
      process.stdout.write(`unit utilisation: ${util.length ? `mean ${percent(util.reduce((a, b) => a + b, 0) / util.length)}` : 'n/a (no unit on duty in the measured window)'}\n`);
      const m = result.relocations;
      if (scenario.relocation.policy !== 'none') {
        process.stdout.write(`move-ups (${scenario.relocation.policy}): ${m.moves.mean.toFixed(1)} per replication, ${m.movesPerUnitHour.mean.toFixed(3)} per unit-hour, ${m.unitKm.mean.toFixed(1)} unit-km\n`);
      }
      if (scenario.plan) process.stdout.write(`plan moves: ${m.planMoves.mean.toFixed(1)} per replication, ${m.planUnitKm.mean.toFixed(1)} unit-km\n`);
    }
    return 0;
  },
};
