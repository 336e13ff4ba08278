/**
 * Optimizer benchmark: published instances (OR-Library pmed1–pmed5, scp41–scp43, spopt's SF MCLP)
 * and a city-scale tiered model on the Sydney TNTP network (2,000 candidate sites, every node a
 * demand point, the 1/3/5-minute standard), per solver: seconds, objective, bound, gap; the
 * unreduced model is the baseline measured in the same run (ratio = reduced / unreduced).
 *
 *   npx tsx bench/optimize.ts [--quick] [--units P] [--time-limit S] [--json FILE] [--jslp-pmed]
 *
 * --quick skips the city-scale model; --jslp-pmed also runs javascript-lp-solver on pmed1 (~200 s).
 * City-scale runs stop at a 1 % proven gap or the time limit (default 60 s, reduction included).
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { writeFileAtomic } from '../engine/io/files.ts';
import { loadHighsSolver } from '../engine/optimize/highs-solver.ts';
import { createJslpSolver } from '../engine/optimize/jslp-solver.ts';
import { optimize, type OptimizeRequest, type OptimizeResult } from '../engine/optimize/optimize.ts';
import { parsePmed, parsePmedOptima, parseScp } from '../engine/optimize/orlib.ts';
import type { LocationProblem } from '../engine/optimize/problem.ts';
import { parseSpoptSf } from '../engine/optimize/spopt-sf.ts';
import { sydneyCityProblem } from './sydney-city-model.ts';

const { values } = parseArgs({
  options: {
    quick: { type: 'boolean' }, units: { type: 'string' }, 'time-limit': { type: 'string' },
    json: { type: 'string' }, 'jslp-pmed': { type: 'boolean' },
  },
});
const root = join(import.meta.dirname, '..');
const data = join(root, 'scenarios/data');
const read = (p: string) => readFileSync(join(data, p), 'utf8');
const nowS = () => performance.now() / 1000;
const highs = await loadHighsSolver();
const jslp = createJslpSolver();
const timeLimitS = Number(values['time-limit'] ?? 60);

interface Row { instance: string; solver: string; reduced: boolean; seconds: number; status: string; objective: number; bound: number; gap: number; known?: number; size?: string; ratio?: number; note?: string }
const rows: Row[] = [];
function run(instance: string, p: LocationProblem, req: Omit<OptimizeRequest, 'solvers' | 'nowS'>, known?: number): OptimizeResult {
  process.stderr.write(`${instance} ${req.solver ?? 'auto'}${req.reduce === false ? ' (unreduced)' : ''}...\n`);
  const t0 = nowS();
  const r = optimize(p, { ...req, solvers: { highs, jslp }, nowS, timeLimitS: req.timeLimitS ?? timeLimitS });
  const seconds = nowS() - t0;
  const size = r.reduction ? `${r.reduction.before.demand}×${r.reduction.before.candidates} → ${r.reduction.after.demand}×${r.reduction.after.candidates}` : `${p.demandIds.length}×${p.candidateIds.length}`;
  rows.push({ instance, solver: r.solver, reduced: !!r.reduction, seconds, status: r.status, objective: r.objective, bound: r.bound, gap: r.gap, known, size, note: r.message });
  return r;
}

// OR-Library p-median: pmed1–pmed5, HiGHS.
const optima = parsePmedOptima(read('orlib-pmed/pmedopt.txt'));
for (let k = 1; k <= 5; k++) {
  const name = `pmed${k}`;
  const { problem, p } = parsePmed(read(`orlib-pmed/${name}.txt`), name);
  run(name, problem, { model: 'pmedian', facilities: p, solver: 'highs' }, optima.get(name));
  if (k === 1 && values['jslp-pmed']) run(name, problem, { model: 'pmedian', facilities: p, solver: 'jslp', timeLimitS: 300 }, optima.get(name));
}

// OR-Library set covering as LSCP: scp41–scp43, both solvers, reduced and not.
const scpOptima: Record<string, number> = { scp41: 429, scp42: 512, scp43: 516 };
for (const name of Object.keys(scpOptima)) {
  const problem = parseScp(read(`orlib-scp/${name}.txt`), name);
  for (const solver of ['highs', 'jslp'] as const) {
    for (const reduce of [false, true]) run(name, problem, { model: 'lscp', targetS: 0, solver, reduce }, scpOptima[name]);
  }
}

// spopt SF: MCLP r = 5000 m, p = 4 (optimum 875,247).
const sf = parseSpoptSf(read('mclp-spopt-sf/SF_network_distance_candidateStore_16_censusTract_205_new.csv'), 'sf.csv',
  read('mclp-spopt-sf/SF_demand_205_centroid_uniform_weight.csv'), 'sf-demand.csv');
for (const solver of ['highs', 'jslp'] as const) run('sf-mclp-p4', sf, { model: 'mclp', targetS: 5000, facilities: 4, solver }, 875247);

// City scale: Sydney, 2,000 candidates spread evenly over the node index, every 100th an existing post.
if (!values.quick) {
  const netFile = [join(data, 'tntp-sydney/Sydney_net.tntp')].find((f) => existsSync(f));
  if (!netFile) throw new Error('Sydney_net.tntp not found (scenarios/data/tntp-sydney)');
  const { problem: city, nodes, loadS, problemS } = sydneyCityProblem(netFile);
  process.stderr.write(`Sydney: ${nodes} nodes loaded in ${loadS.toFixed(1)} s; ${city.reachCost.length} candidate→demand pairs within 300 s in ${problemS.toFixed(1)} s\n`);
  const P = Number(values.units ?? 100);
  const variants = [
    { name: `sydney-tiered-135 (k=1,2,3; P=${P})`, tiers: [{ targetS: 60, units: 1 }, { targetS: 180, units: 2 }, { targetS: 300, units: 3 }] },
    { name: `sydney-tiered-135 (k=1,1,1; P=${P})`, tiers: [{ targetS: 60, units: 1 }, { targetS: 180, units: 1 }, { targetS: 300, units: 1 }] },
  ];
  for (const v of variants) {
    // Both stop at a 1 % proven gap or the time limit: the ratio compares time to that target.
    // auto picks the heuristic without reduction at this size; the reduced run is the comparison.
    const base = run(v.name, city, { model: 'tiered', tiers: v.tiers, facilities: P, solver: 'auto', gap: 0.01 });
    const red = run(v.name, city, { model: 'tiered', tiers: v.tiers, facilities: P, solver: 'heuristic', reduce: true, gap: 0.01 });
    rows[rows.length - 1].ratio = red.seconds / base.seconds;
  }
}

// Ratios against the unreduced run of the same instance and solver (the baseline in this run).
for (const r of rows) {
  if (!r.reduced || r.ratio !== undefined) continue;
  const base = rows.find((b) => b.instance === r.instance && b.solver === r.solver && !b.reduced);
  if (base) r.ratio = r.seconds / base.seconds;
}
const fmt = (x: number) => (Number.isFinite(x) ? (Number.isInteger(x) ? String(x) : x.toFixed(2)) : '-');
console.log('| instance | solver | reduced | size (demand×sites) | seconds | ratio vs unreduced | status | objective | known optimum | bound | gap |');
console.log('|---|---|---|---|---:|---:|---|---:|---:|---:|---:|');
for (const r of rows) {
  console.log(`| ${r.instance} | ${r.solver} | ${r.reduced ? 'yes' : 'no'} | ${r.size} | ${r.seconds.toFixed(2)} | ${r.ratio === undefined ? '' : r.ratio.toFixed(2)} | ${r.status} | ${fmt(r.objective)} | ${r.known ?? ''} | ${fmt(r.bound)} | ${Number.isFinite(r.gap) ? `${(r.gap * 100).toFixed(2)} %` : '-'} |`);
}
const wrong = rows.filter((r) => r.known !== undefined && r.objective !== r.known);
if (wrong.length) console.log(`\nNOT at the published optimum: ${wrong.map((r) => `${r.instance}/${r.solver}`).join(', ')}`);
if (values.json) writeFileAtomic(values.json, `${JSON.stringify(rows, null, 2)}\n`);
