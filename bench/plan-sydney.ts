/**
 * A 4-block time-of-day plan on the Sydney city model (bench/sydney-city-model.ts: 33,113 demand
 * nodes, 2,000 candidate sites, every 100th an existing post with one fixed unit), 100 units on duty
 * all day, the 1/3/5-minute tiers (60 s/1, 180 s/2, 300 s/3):
 *
 *   blocks night 0–7, morning peak 7–12, afternoon 12–17, evening peak 17–24; demand per block = hours
 *   × an hourly profile (the Futian scenario's, evening peak 1.5× the mean) spread uniformly over the
 *   nodes; peak blocks drive at 0.8 × free-flow speed (travel times / 0.8); at most 10 units change
 *   place per boundary, 0.5 objective units lost per move.
 *
 *   npx tsx bench/plan-sydney.ts [--objective static|expected] [--time-limit S] [--json FILE]
 *
 * Prints per block: units, busy q (expected: 0.25 night, 0.35 peaks, 0.3 afternoon), objective,
 * Lagrangian bound, gap; and for the plan: seconds, objective, bound (Σ of the blocks' bounds), gap and
 * moves. The baseline in the same run is the one-block model of the whole day (the static proposal the
 * plan generalises): its time and objective.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { writeFileAtomic } from '../engine/io/files.ts';
import { parseBlocksFile } from '../engine/optimize/blocks-file.ts';
import { optimize } from '../engine/optimize/optimize.ts';
import { planProblemFromBase } from '../engine/optimize/plan-from-problem.ts';
import { solvePlan } from '../engine/optimize/solve-plan.ts';
import type { TierObjective } from '../engine/optimize/tier-value.ts';
import type { WeightedTier } from '../engine/optimize/tiered.ts';
import { sydneyCityProblem } from './sydney-city-model.ts';

const { values } = parseArgs({ options: { objective: { type: 'string' }, 'time-limit': { type: 'string' }, json: { type: 'string' } } });
const objective = (values.objective ?? 'expected') as TierObjective;
const timeLimitS = Number(values['time-limit'] ?? 120);
const nowS = () => performance.now() / 1000;
const netFile = join(import.meta.dirname, '../scenarios/data/tntp-sydney/Sydney_net.tntp');
if (!existsSync(netFile)) throw new Error(`${netFile} not found`);
const { problem: city, loadS, problemS } = sydneyCityProblem(netFile);
process.stderr.write(`Sydney city model: ${city.demandIds.length} demand nodes, ${city.candidateIds.length} sites (${loadS.toFixed(1)} s load, ${problemS.toFixed(1)} s travel times)\n`);
const TIERS: WeightedTier[] = [{ targetS: 60, units: 1 }, { targetS: 180, units: 2 }, { targetS: 300, units: 3 }];
// Hourly profile of the Futian scenario, rescaled to mean 1.
const profile = [0.5, 0.4, 0.35, 0.3, 0.3, 0.35, 0.5, 0.8, 1.1, 1.2, 1.2, 1.25, 1.2, 1.1, 1.1, 1.15, 1.2, 1.3, 1.4, 1.5, 1.5, 1.4, 1.1, 0.8];
const mean = profile.reduce((a, b) => a + b, 0) / 24;
const blocksDef = [
  { name: 'night', startHour: 0, endHour: 7, speedFactor: 1, busy: 0.25 },
  { name: 'morning peak', startHour: 7, endHour: 12, speedFactor: 0.8, busy: 0.35 },
  { name: 'afternoon', startHour: 12, endHour: 17, speedFactor: 1, busy: 0.3 },
  { name: 'evening peak', startHour: 17, endHour: 24, speedFactor: 0.8, busy: 0.35 },
];
const spec = parseBlocksFile(JSON.stringify({ blocks: blocksDef.map((b) => ({ ...b, units: 100 })), moves: { max: 10, cost: 0.5 } }), 'sydney-blocks.json');
const plan = planProblemFromBase(city, spec, { tiers: TIERS, objective });
// Demand per block: hours × profile (the base problem spreads weight 1 per node over the day by hours).
const weighted = {
  ...plan,
  blocks: plan.blocks.map((blk, b) => {
    const d = blocksDef[b];
    let share = 0;
    for (let h = d.startHour; h < d.endHour; h++) share += profile[h] / mean / 24;
    return { ...blk, problem: { ...blk.problem, demandWeight: Float64Array.from(city.demandWeight, (a) => a * share) } };
  }),
};
const t0 = nowS();
const r = solvePlan(weighted, { solver: 'heuristic', timeLimitS, gap: 0.01, solvers: {}, nowS });
const planS = nowS() - t0;
// Baseline: the whole day as one block (today's model), same units, the day's demand, free-flow times.
const t1 = nowS();
const one = optimize(city, { model: 'tiered', tiers: TIERS, facilities: 100, solver: 'heuristic', timeLimitS, gap: 0.01, objective, busy: objective === 'expected' ? 0.3 : undefined, solvers: {}, nowS });
const oneS = nowS() - t1;
const f = (x: number) => (Number.isFinite(x) ? x.toFixed(1) : '-');
const pct = (x: number) => (Number.isFinite(x) ? `${(x * 100).toFixed(2)} %` : '-');
console.log(`| block | hours | units | busy q | objective | bound | gap | moves after |`);
console.log('|---|---|---:|---:|---:|---:|---:|---:|');
for (const b of r.blocks) console.log(`| ${b.name} | ${b.startHour}–${b.endHour} | ${b.unitsOnDuty} | ${objective === 'expected' ? b.busy.toFixed(2) : '-'} | ${f(b.objective)} | ${f(b.bound)} | ${pct(b.gap)} | ${b.movesOut} |`);
console.log(`| **plan** (${objective}) | 0–24 | 100 | | **${f(r.objective)}** | ${f(r.bound)} | **${pct(r.gap)}** | ${r.moves} per day |`);
console.log(`\nplan: ${r.status}, ${planS.toFixed(1)} s (${r.message ?? ''})`);
console.log(`baseline, the day as one block: ${one.status}, objective ${f(one.objective)}, bound ${f(one.bound)}, gap ${pct(one.gap)}, ${oneS.toFixed(1)} s; plan time / one-block time = ${(planS / oneS).toFixed(2)}`);
if (values.json) writeFileAtomic(values.json, `${JSON.stringify({ objective, plan: r.blocks, total: { objective: r.objective, bound: r.bound, gap: r.gap, moves: r.moves, seconds: planS }, oneBlock: { objective: one.objective, bound: one.bound, gap: one.gap, seconds: oneS } }, null, 2)}\n`);
