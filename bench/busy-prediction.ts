/**
 * How well the optimizer predicts simulated compliance: the static model (every unit free) against the
 * busy-aware one (each unit busy with the scenario's offered load q), on Futian and on a Sydney
 * sub-area.
 *
 *   npx tsx bench/busy-prediction.ts [--replications R] [--json FILE]
 *
 * For each city two deployments are made by the tiered heuristic (static and expected objective, the
 * standard class's tiers 60 s/1, 180 s/2, 300 s/3, the scenario's node weights as demand, its unit
 * types' travel times) and simulated with the deployment in place of the scenario's posts and units
 * (units of its first type standing at their posts). For every tier: the static prediction (share of
 * demand weight with at least k units within T), the expected prediction (expected share with
 * q = offered load), the simulated share of the most urgent class's incidents meeting it (95% CI),
 * and each prediction's error (prediction − simulated). The summary gives the mean absolute error of
 * each model over all deployments and tiers.
 *
 * Futian: scenarios/shenzhen-futian/scenario.json (22 units; candidates: every non-zone node of the
 * largest strongly connected part). Sydney: the TNTP network within ±0.05° of its mean coordinate
 * (largest strongly connected part), 40 units on every 4th non-zone node as candidates, Poisson demand
 * 500 incidents a day uniform over the nodes, Futian's classes and on-scene times, 7 days.
 */
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { writeFileAtomic } from '../engine/io/files.ts';
import { loadNetwork } from '../engine/io/network/load-network.ts';
import { dayIntervals } from '../engine/optimize/day-hours.ts';
import { networkProblem } from '../engine/optimize/network-problem.ts';
import { optimize } from '../engine/optimize/optimize.ts';
import { evaluateTierValues } from '../engine/optimize/tier-state.ts';
import { tierValues } from '../engine/optimize/tier-value.ts';
import { evaluateTiered } from '../engine/optimize/tiered.ts';
import { loadScenario, resolveScenarioWithGraph, runSimulation } from '../engine/sim/index.ts';
import type { Scenario } from '../engine/sim/scenario.ts';
import type { ScenarioFile } from '../engine/sim/scenario-file.ts';
import { offeredLoadBusy } from '../engine/workflow/busy.ts';
import { scenarioWith } from '../engine/workflow/refine-deployment.ts';
import { scenarioStatics } from '../engine/workflow/scenario-layout.ts';
import { sydneyCentre } from './sydney-city-model.ts';

const { values } = parseArgs({ options: { replications: { type: 'string' }, json: { type: 'string' } } });
const root = join(import.meta.dirname, '..');
const nowS = () => performance.now() / 1000;
const reps = values.replications ? Number(values.replications) : undefined;

interface Row { city: string; deployment: string; targetS: number; units: number; staticPred: number; expectedPred: number; simulated: number; ci95: readonly [number, number] | null; q: number }
const rows: Row[] = [];

function measure(city: string, sc: Scenario, candidateFilter: (v: number) => boolean, P: number) {
  const statics = scenarioStatics(sc);
  const tiers = sc.classes[0].tiers.map((t) => ({ ...t, weight: 1 }));
  const demand = statics.demand;
  const cands = Int32Array.from({ length: sc.graph.nodeCount }, (_, v) => v).filter((v) => statics.componentOf[v] === 0 && !sc.graph.isZone[v] && candidateFilter(v));
  process.stderr.write(`${city}: travel times from ${cands.length} candidates...\n`);
  const p = networkProblem(statics.routing, { demandNodes: demand.map((d) => d.node), demandWeight: demand.map((d) => d.weight), candidateNodes: cands, nodeIds: sc.graph.nodeIds, maxTimeS: Math.max(...tiers.map((t) => t.targetS)) });
  const q = offeredLoadBusy(sc, { name: 'the day', hours: dayIntervals(0, 24) }, P);
  let total = 0;
  for (const a of p.demandWeight) total += a;
  const vals = tierValues(tiers, 'expected', q, P + 3);
  for (const objective of ['static', 'expected'] as const) {
    process.stderr.write(`${city}: ${objective} deployment of ${P} units (q = ${q.toFixed(3)})...\n`);
    const r = optimize(p, { model: 'tiered', tiers, facilities: P, solver: 'heuristic', timeLimitS: 60, gap: 0.01, objective, busy: objective === 'expected' ? q : undefined, solvers: {}, nowS });
    const st = evaluateTiered(p, tiers, r.units).coveredWeight;
    const ex = evaluateTierValues(p, tiers, vals, r.units).perTier;
    process.stderr.write(`${city}: simulating the ${objective} deployment...\n`);
    const sim = runSimulation(scenarioWith(sc, p.candidateIds, r.units), { trace: false, ...(reps ? { replications: reps } : {}) });
    sim.classes[0].tiers.forEach((t, k) => rows.push({ city, deployment: objective, targetS: t.targetS, units: t.units, staticPred: st[k] / total, expectedPred: ex[k] / total, simulated: t.metShare, ci95: t.ci95, q }));
  }
}

// Futian.
measure('Futian', loadScenario(join(root, 'scenarios/shenzhen-futian/scenario.json')), () => true, 22);

// Sydney sub-area.
{
  const graph = loadNetwork([join(root, 'scenarios/data/tntp-sydney/Sydney_net.tntp')]);
  const g = sydneyCentre(graph);
  const futian = loadScenario(join(root, 'scenarios/shenzhen-futian/scenario.json')).file;
  const firstPost = Array.from({ length: g.nodeCount }, (_, v) => v).find((v) => !g.isZone[v])!;
  const file: ScenarioFile = {
    name: 'Sydney centre', network: { files: ['Sydney_net.tntp'] }, horizonS: 7 * 86400, warmupS: 86400, seed: 7, replications: 5,
    demand: { kind: 'poisson', incidentsPerDay: 500, hourlyProfile: (futian.demand as { hourlyProfile: number[] }).hourlyProfile, classMix: { serious: 0.1, urgent: 0.3, routine: 0.6 } },
    classes: futian.classes, posts: [{ id: 'P', node: g.nodeIds[firstPost] }], units: [{ id: 'car', type: 'car', post: 'P', count: 40 }],
    dispatch: { policy: 'nearest', queue: true },
  };
  measure('Sydney centre', resolveScenarioWithGraph(file, g, { fileName: 'sydney-centre.json' }), (v) => v % 4 === 0, 40);
}

const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
const err = (x: number) => `${x >= 0 ? '+' : ''}${(x * 100).toFixed(1)}`;
console.log('| city | deployment | tier | q | static predicts | expected predicts | simulated (95% CI) | static error (pt) | expected error (pt) |');
console.log('|---|---|---|---:|---:|---:|---:|---:|---:|');
for (const r of rows) {
  console.log(`| ${r.city} | ${r.deployment} | ${r.units}/${r.targetS} s | ${r.q.toFixed(3)} | ${pct(r.staticPred)} | ${pct(r.expectedPred)} | ${pct(r.simulated)}${r.ci95 ? ` (${pct(r.ci95[0])}–${pct(r.ci95[1])})` : ''} | ${err(r.staticPred - r.simulated)} | ${err(r.expectedPred - r.simulated)} |`);
}
console.log('\n| city | mean absolute error, static (pt) | mean absolute error, expected (pt) | ratio expected / static |');
console.log('|---|---:|---:|---:|');
for (const city of [...new Set(rows.map((r) => r.city))]) {
  const rs = rows.filter((r) => r.city === city);
  const mae = (f: (r: Row) => number) => rs.reduce((s, r) => s + Math.abs(f(r) - r.simulated), 0) / rs.length;
  const a = mae((r) => r.staticPred), b = mae((r) => r.expectedPred);
  console.log(`| ${city} | ${(a * 100).toFixed(2)} | ${(b * 100).toFixed(2)} | ${(b / a).toFixed(2)} |`);
}
if (values.json) writeFileAtomic(values.json, `${JSON.stringify(rows, null, 2)}\n`);
