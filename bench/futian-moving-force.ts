/**
 * The moving force on the Futian scenario (scenarios/shenzhen-futian), with common random numbers:
 * every run below faces the same incidents (the same seed and replications; incidents are drawn up
 * front from the incident streams, which move-up and plans never touch).
 *
 * 1. Move-up: relocation `none` (the scenario as it is) against `tier-greedy` (its defaults), for each
 *    class's tiers: mean met share with its 95% interval (clipped to [0, 1], as in summary.json), and
 *    the paired difference (per replication, tier-greedy minus none) with its 95% interval. Cost: move-ups per unit-hour and unit-km.
 * 2. Plan: the evening-peak plan (peak-plan.json, the same units) against the single layout, overall
 *    and in the peak block (17–21), paired the same way. The single layout is run with a plan whose
 *    peak block assigns nobody, so it reports the same per-block figures and moves no unit.
 *
 *   npx tsx bench/futian-moving-force.ts [--replications R] [--seed N] [--json]
 */
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { loadScenario, type ScenarioOverrides } from '../engine/sim/load-scenario.ts';
import type { ReplicationMetrics } from '../engine/sim/metrics.ts';
import { runSimulation, type SimulationResult } from '../engine/sim/run-simulation.ts';
import { estimate, estimateShare, type Estimate } from '../engine/sim/statistics.ts';

const { values } = parseArgs({ options: { replications: { type: 'string' }, seed: { type: 'string' }, json: { type: 'boolean' } } });
const dir = join(import.meta.dirname, '../scenarios/shenzhen-futian');
const scenarioPath = join(dir, 'scenario.json');
const base: ScenarioOverrides = {
  ...(values.replications ? { replications: Number(values.replications) } : {}),
  ...(values.seed ? { seed: Number(values.seed) } : {}),
};

function run(label: string, overrides: ScenarioOverrides): { label: string; result: SimulationResult; seconds: number } {
  const t0 = performance.now();
  const result = runSimulation(loadScenario(scenarioPath, { ...base, ...overrides }), { trace: false });
  const seconds = (performance.now() - t0) / 1000;
  process.stderr.write(`${label}: ${seconds.toFixed(1)} s (load ${loadavg().map((x) => x.toFixed(2)).join(' ')})\n`);
  return { label, result, seconds };
}

/** Per replication: the met share of class c, tier k (over all incidents, or those of one plan layout). */
function shares(r: SimulationResult, c: number, k: number, layout?: number): number[] {
  return r.perReplication.map((m: ReplicationMetrics) => {
    const x = layout === undefined ? m.classes[c] : m.layouts![layout][c];
    return x.met[k] / x.incidents;
  });
}
const pct = (e: Estimate) => `${(100 * e.mean).toFixed(2)}%${e.ci ? ` [${(100 * e.ci[0]).toFixed(2)}, ${(100 * e.ci[1]).toFixed(2)}]` : ''}`;
const pp = (e: Estimate) => `${e.mean >= 0 ? '+' : ''}${(100 * e.mean).toFixed(2)} pp${e.ci ? ` [${(100 * e.ci[0]).toFixed(2)}, ${(100 * e.ci[1]).toFixed(2)}]` : ''}`;
const paired = (a: number[], b: number[]) => estimate(a.map((x, i) => x - b[i]));
const overlap = (a: Estimate, b: Estimate) => !(a.ci && b.ci) || !(a.ci[1] < b.ci[0] || b.ci[1] < a.ci[0]);

const none = run('relocation none', { relocation: 'none' });
const greedy = run('relocation tier-greedy', { relocation: 'tier-greedy' });
const single = run('single layout (no-op peak block)', { relocation: 'none', plan: { blocks: [{ name: 'evening peak', startHour: 17, endHour: 21 }] } });
const planned = run('peak plan', { relocation: 'none', plan: join(dir, 'peak-plan.json') });

const sc = none.result.scenario;
const report: Record<string, unknown> = { seed: sc.seed, replications: sc.replications, horizonS: sc.horizonS, warmupS: sc.warmupS };
const lines: string[] = [];
lines.push(`Futian, seed ${sc.seed}, ${sc.replications} replications of ${(sc.horizonS / 86400).toFixed(0)} days (warm-up ${(sc.warmupS / 86400).toFixed(0)} day); 95% Student-t intervals across replications`);
lines.push('');
lines.push('1. Move-up: tier-greedy against none (same incidents)');
const gp = greedy.result.scenario.relocation;
if (gp.policy === 'tier-greedy') lines.push(`   tier-greedy: maxMoves ${gp.limits.maxMoves}, maxTravelS ${gp.limits.maxTravelS}, cooldownS ${gp.limits.cooldownS}, minGain ${gp.minGain}, q ${gp.busyFraction.toFixed(3)} (${gp.busyFractionSource})`);
const tiers: unknown[] = [];
sc.classes.forEach((cls, c) => cls.tiers.forEach((t, k) => {
  const a = estimateShare(shares(none.result, c, k)), b = estimateShare(shares(greedy.result, c, k));
  const d = paired(shares(greedy.result, c, k), shares(none.result, c, k));
  lines.push(`   ${cls.name} ${t.units}@${t.targetS}s: none ${pct(a)}  tier-greedy ${pct(b)}  paired difference ${pp(d)}${overlap(a, b) ? '' : '  (intervals do not overlap)'}`);
  tiers.push({ class: cls.name, targetS: t.targetS, units: t.units, none: a, tierGreedy: b, pairedDifference: d });
}));
const m = greedy.result.relocations;
lines.push(`   cost: ${m.moves.mean.toFixed(1)} move-ups per replication, ${m.movesPerUnitHour.mean.toFixed(4)} [${m.movesPerUnitHour.ci?.[0].toFixed(4)}, ${m.movesPerUnitHour.ci?.[1].toFixed(4)}] per unit-hour, ${m.unitKm.mean.toFixed(0)} unit-km and ${m.driveHours.mean.toFixed(1)} unit-hours driving per replication (of ${m.unitHours.mean.toFixed(0)} unit-hours on duty)`);
lines.push(`   run time: none ${none.seconds.toFixed(1)} s, tier-greedy ${greedy.seconds.toFixed(1)} s`);
report.moveUp = { tiers, cost: m, seconds: { none: none.seconds, tierGreedy: greedy.seconds } };

lines.push('');
lines.push('2. Plan: evening-peak staging (peak-plan.json) against the single layout, same units (same incidents)');
const hours = (r: SimulationResult) => r.relocations.unitHours.mean;
lines.push(`   unit-hours on duty per replication: single ${hours(single.result).toFixed(1)}, plan ${hours(planned.result).toFixed(1)}; plan moves ${planned.result.relocations.planMoves.mean.toFixed(1)} per replication`);
const sameAsNone = JSON.stringify(single.result.classes) === JSON.stringify(none.result.classes);
lines.push(`   (the no-op block leaves every figure as without a plan: ${sameAsNone ? 'yes' : 'NO'})`);
const planTiers: unknown[] = [];
for (const [scope, layout] of [['all hours', undefined], ['evening peak 17-21', 1], ['outside the peak', 0]] as const) {
  sc.classes.forEach((cls, c) => cls.tiers.forEach((t, k) => {
    if (c !== 0) return;
    const a = estimateShare(shares(single.result, c, k, layout)), b = estimateShare(shares(planned.result, c, k, layout));
    const d = paired(shares(planned.result, c, k, layout), shares(single.result, c, k, layout));
    lines.push(`   ${scope}, ${cls.name} ${t.units}@${t.targetS}s: single ${pct(a)}  plan ${pct(b)}  paired difference ${pp(d)}`);
    planTiers.push({ scope, class: cls.name, targetS: t.targetS, units: t.units, single: a, plan: b, pairedDifference: d });
  }));
}
report.plan = { tiers: planTiers, planMoves: planned.result.relocations.planMoves, planUnitKm: planned.result.relocations.planUnitKm };
process.stdout.write(values.json ? `${JSON.stringify(report, null, 1)}\n` : `${lines.join('\n')}\n`);
