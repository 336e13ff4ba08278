import { join } from 'node:path';
import { InputError } from '../../engine/io/input-error.ts';
import { packagePath } from '../../engine/io/package-root.ts';
import type { RunContent } from '../../engine/io/run-directory/run-directory.ts';
import { VERSION } from '../../engine/version.ts';
import type { EvaluatedLayout } from '../../engine/workflow/demo.ts';
import { numberFlag, parseCommandArgs, progress } from '../args.ts';
import type { CliCommand } from '../command.ts';
import { formatComparison } from '../demo/comparison-table.ts';
import { percent } from '../format.ts';
import { checkOutputFlags } from '../output-flags.ts';
import { COMMAND_SUMMARIES } from '../command-list.ts';

/** The bundled Futian scenario, inside the installed package (found from any working directory). */
const DEFAULT_SCENARIO = 'scenarios/shenzhen-futian/scenario.json';

const HELP = `patrolsim demo: the planner's main job on one scenario (npm start runs it on Shenzhen Futian)

Usage: patrolsim demo [--scenario FILE] [--out DIR] [--replications R] [--horizon-days D]
                      [--sites FILE] [--class-tiers FILE] [--blocks FILE] [--time-limit S] [--json]

1. evaluates the scenario's current layout: static coverage (demand-weighted 1/3/5-minute tiers of the
   first incident class, and the key sites of sites.csv against class-tiers.json when they sit beside
   the scenario) and a simulation;
2. re-places the units that are not at stations with the tiered optimizer (same number of units;
   stations, their units and patrols stay), and simulates the proposal;
3. with blocks of the day (blocks.json beside the scenario, or --blocks), plans the same units by the
   hour (time-of-day plan, busy-aware tiers with each block's offered load, stations fixed, the blocks
   file's move limit) and simulates the plan as planned and with tier-greedy move-up of idle units;
   both are compared with the proposal by paired differences (same incidents in every replication)
   with 95% confidence intervals; unit-hours on duty are the same in every column;
4. prints the table (current layout, proposal, and with blocks: time-of-day plan, plan with move-up)
   and writes DIR/before/, DIR/after/ (and DIR/plan/, DIR/plan-move-up/, DIR/plan.json: the plan in
   the simulator's format) as run directories, DIR/compare.json and DIR/report.html, the whole of DIR
   at once (an older DIR is replaced only when the new one is complete); patrolsim view DIR opens the
   comparison of the current layout and the proposal.

Everything it needs is checked before any work: the output path, the scenario (schema and meaning),
Poisson demand, the key sites and the class tiers (every site class needs tiers), the stations inside
the largest strongly connected part; a bad input fails in seconds with nothing written.

Options:
  --scenario FILE     scenario JSON (default: the bundled ${DEFAULT_SCENARIO}, found from any directory)
  --out DIR           output directory (default runs/demo)
  --replications R    replications per layout (default: the scenario's)
  --horizon-days D    simulated days per replication (default: the scenario's horizon)
  --sites FILE        key sites CSV (lon/lat or node, class, weight); default sites.csv beside the scenario
  --class-tiers FILE  tiers per site class, JSON {"circle-1min":[{"targetS":60,"units":1}],...};
                      default class-tiers.json beside the scenario
  --blocks FILE       blocks of the day for the plan columns (docs/optimizer.md, Time-of-day plan);
                      default blocks.json beside the scenario (without one: no plan columns)
  --time-limit S      optimizer time limit in seconds (default 60)
  --json              print compare.json on stdout instead of the table

Exit status: 0 success, 2 bad input.`;

export const command: CliCommand = {
  name: 'demo',
  summary: COMMAND_SUMMARIES.demo,
  help: HELP,
  async run(args) {
    const { values, positionals } = parseCommandArgs('demo', args, {
      scenario: { type: 'string' }, out: { type: 'string' }, replications: { type: 'string' },
      'horizon-days': { type: 'string' }, 'time-limit': { type: 'string' }, json: { type: 'boolean' },
      sites: { type: 'string' }, 'class-tiers': { type: 'string' }, blocks: { type: 'string' },
    }, false);
    if (positionals.length) throw new InputError(`unexpected argument "${positionals[0]}"`);
    const outDir = values.out ?? 'runs/demo';
    const days = numberFlag('horizon-days', values['horizon-days'], { min: 0.01 });
    checkOutputFlags([{ flag: '--out', path: outDir, kind: 'run-directory' }]);
    const started = performance.now();
    // The engine is loaded here, not with the command (so that `demo --help` need not load it).
    const { DEMO_STEPS, prepareDemo, runDemo } = await import('../../engine/workflow/demo.ts');
    const { loadHighsSolver } = await import('../../engine/optimize/highs-solver.ts');
    const { createJslpSolver } = await import('../../engine/optimize/jslp-solver.ts');
    const { simulationFiles } = await import('../../engine/sim/outputs.ts');
    const { coverageJsonText, sitesJsonText } = await import('../../engine/io/run-directory/file-texts.ts');
    const { parseRun } = await import('../../engine/io/run-directory/parse-run.ts');
    const { writeRunDirectory } = await import('../../engine/io/run-directory/run-directory.ts');
    const { asCompareJson } = await import('../../engine/io/run-directory/compare-file.ts');
    const { renderReportHtml } = await import('../../viewer/report/build-report.ts');
    const scenarioPath = values.scenario ?? packagePath(DEFAULT_SCENARIO);
    progress(`[1/${DEMO_STEPS}] loading ${scenarioPath}`);
    const prepared = prepareDemo({
      scenarioPath,
      replications: numberFlag('replications', values.replications, { min: 1, max: 10000, integer: true }),
      horizonS: days !== undefined ? Math.round(days * 86400) : undefined,
      timeLimitS: numberFlag('time-limit', values['time-limit'], { min: 1 }) ?? 60,
      sitesPath: values.sites,
      classTiersPath: values['class-tiers'],
      blocksPath: values.blocks,
    });
    const highs = await loadHighsSolver();
    const run = runDemo(prepared, { solvers: { highs, jslp: createJslpSolver() }, nowS: () => performance.now() / 1000, progress });
    const result = run.result;
    progress(`[${DEMO_STEPS}/${DEMO_STEPS}] writing ${outDir}`);
    const who = { producer: 'demo', seed: prepared.before.seed, scenarioHash: prepared.before.hash };
    const layoutRun = (layout: EvaluatedLayout): RunContent => ({
      ...who,
      files: {
        ...simulationFiles(layout.simulation), 'coverage.json': coverageJsonText(layout.statics.coverage, run.demand),
        ...(layout.statics.sites.length ? { 'sites.json': sitesJsonText(layout.statics.sites) } : {}),
      },
    });
    const before = layoutRun(run.before), after = layoutRun(run.after);
    // The briefing: both layouts, the before/after table first.
    const compareText = `${JSON.stringify({ version: VERSION, seed: prepared.before.seed, scenarioHash: prepared.before.hash, ...result }, null, 2)}\n`;
    const briefing = { runs: [parseRun('before', before.files as Record<string, string>), parseRun('after', after.files as Record<string, string>)], compare: asCompareJson(JSON.parse(compareText)) };
    writeRunDirectory(outDir, {
      ...who,
      files: {
        'compare.json': compareText,
        'report.html': renderReportHtml(briefing),
        // The plan in the simulator's format: simulate scenario.json --plan plan.json runs it again.
        ...(run.plan ? { 'plan.json': `${JSON.stringify(run.plan.outcome.planFile, null, 2)}\n` } : {}),
      },
      runs: {
        before, after,
        // The plan's runs: a plan has no single static layout, so no coverage.json.
        ...(run.plan ? { plan: { ...who, files: { ...simulationFiles(run.plan.plan) } }, 'plan-move-up': { ...who, files: { ...simulationFiles(run.plan.planMoveUp) } } } : {}),
      },
    });
    const reportPath = join(outDir, 'report.html');
    progress(`done in ${((performance.now() - started) / 1000).toFixed(0)} s`);
    if (values.json) {
      process.stdout.write(compareText);
    } else {
      process.stdout.write(`\n${formatComparison(result)}\n\n`);
      process.stdout.write(`optimizer: ${result.optimizer.status} (${result.optimizer.solver}), ${result.optimizer.movableUnits} movable units, gap ${percent(result.optimizer.gap, 2, 'n/a (no bound)')}\n`);
      if (result.planOptimizer) process.stdout.write(`time-of-day plan: ${result.planOptimizer.status} (${result.planOptimizer.solver}), ${prepared.blocks!.blocks.length} blocks, ${result.planOptimizer.movesPerDay} moves a day, gap ${percent(result.planOptimizer.gap, 2, 'n/a (no bound)')} (busy-aware objective: a bound, not a proof)\n`);
      process.stdout.write(`wrote ${outDir}/before, ${outDir}/after${run.plan ? `, ${outDir}/plan, ${outDir}/plan-move-up, ${outDir}/plan.json` : ''}, ${outDir}/compare.json, ${reportPath}\n`);
      process.stdout.write(`open the report: ${reportPath}\nopen the viewer: npx patrolsim view ${outDir}${run.plan ? ` (the plan's runs: npx patrolsim view ${outDir}/after ${outDir}/plan-move-up)` : ''}\n`);
    }
    return 0;
  },
};
