/**
 * Why the city-scale tiered gap stays open: the LP-relaxation bound against proven optima.
 *
 * The heuristic's bound (tiered-lagrangian.ts) can at best reach the LP-relaxation value. This bench
 * measures how far that value lies above the optimum where the optimum can be proven, and how far
 * the city model's LP value lies above the best deployment found.
 *
 *   npx tsx bench/tiered-lp-gap.ts [--units P] [--city] [--time-limit S] [--json FILE]
 *
 * Sub-area (default): the part of the Sydney TNTP network within ±0.05° of its mean coordinate (its
 * largest strongly connected component), every node a demand point of weight 1, every 4th
 * non-zone node a candidate, P units (default 20), tiers 60 s/1, 180 s/2, 300 s/3. HiGHS proves the
 * optimum (or a bound, at the time limit: default 600 s); HiGHS also solves the LP relaxation; the
 * Lagrangian and the heuristic run as `optimize --solver heuristic` would.
 * --city, instead: the bench/optimize.ts city model (33,113 demand nodes, 2,000 candidates, 100 units): HiGHS's
 * LP relaxation (about 10 min here) against the heuristic and the Lagrangian bound.
 */
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { writeFileAtomic } from '../engine/io/files.ts';
import { loadNetwork } from '../engine/io/network/load-network.ts';
import { loadHighsSolver } from '../engine/optimize/highs-solver.ts';
import { networkProblem } from '../engine/optimize/network-problem.ts';
import { optimize } from '../engine/optimize/optimize.ts';
import type { LocationProblem } from '../engine/optimize/problem.ts';
import { buildTieredModel, type WeightedTier } from '../engine/optimize/tiered.ts';
import { buildRoutingGraph } from '../engine/routing/routing-graph.ts';
import { sydneyCentre, sydneyCityProblem } from './sydney-city-model.ts';

const { values } = parseArgs({ options: { units: { type: 'string' }, city: { type: 'boolean' }, 'time-limit': { type: 'string' }, json: { type: 'string' } } });
const nowS = () => performance.now() / 1000;
const highs = await loadHighsSolver();
const tiers: WeightedTier[] = [{ targetS: 60, units: 1 }, { targetS: 180, units: 2 }, { targetS: 300, units: 3 }];
const exactLimitS = Number(values['time-limit'] ?? 600);
const netFile = join(import.meta.dirname, '../scenarios/data/tntp-sydney/Sydney_net.tntp');

interface Row { instance: string; size: string; units: number; heuristic: number; heuristicSeconds: number; lagrangian: number; lp: number; lpSeconds: number; exact?: number; exactBound?: number; exactStatus?: string; exactSeconds?: number }
const rows: Row[] = [];

function measure(instance: string, p: LocationProblem, P: number, exact: boolean) {
  const params = { tiers, units: P };
  process.stderr.write(`${instance}: heuristic + Lagrangian (60 s)...\n`);
  const h = optimize(p, { model: 'tiered', tiers, facilities: P, solver: 'heuristic', timeLimitS: 60, solvers: {}, nowS });
  process.stderr.write(`${instance}: LP relaxation (HiGHS)...\n`);
  const heuristicSeconds = h.seconds;
  let t0 = nowS();
  const lp = highs.solve(buildTieredModel(p, params).milp, { relax: true, timeLimitS: 3600 });
  const row: Row = { instance, size: `${p.demandIds.length}×${p.candidateIds.length}`, units: P, heuristic: h.objective, heuristicSeconds, lagrangian: h.bound, lp: lp.status === 'optimal' ? lp.objective : NaN, lpSeconds: nowS() - t0 };
  if (exact) {
    process.stderr.write(`${instance}: HiGHS MIP (limit ${exactLimitS} s)...\n`);
    t0 = nowS();
    const r = optimize(p, { model: 'tiered', tiers, facilities: P, solver: 'highs', timeLimitS: exactLimitS, solvers: { highs }, nowS });
    Object.assign(row, { exactStatus: r.status, exactSeconds: nowS() - t0, exactBound: r.bound, exact: r.objective });
  }
  rows.push(row);
}

// Sub-area: within ±0.05° of the mean coordinate, largest strongly connected component.
if (!values.city) {
  const graph = loadNetwork([netFile]); // with Sydney_node.tntp beside it: coordinates
  const g = sydneyCentre(graph);
  const rg = buildRoutingGraph(g);
  const all = Int32Array.from({ length: g.nodeCount }, (_, v) => v);
  const p = networkProblem(rg, { demandNodes: all, candidateNodes: all.filter((v) => v % 4 === 0 && !g.isZone[v]), nodeIds: g.nodeIds, maxTimeS: 300 });
  measure('Sydney centre ±0.05°', p, Number(values.units ?? 20), true);
}

if (values.city) measure('Sydney city (bench/optimize.ts)', sydneyCityProblem(netFile).problem, 100, false);

const pct = (a: number, b: number) => (Number.isFinite(a) && Number.isFinite(b) ? `${(((a - b) / b) * 100).toFixed(2)} %` : '–');
const fmt = (x: number | undefined, d = 1) => (x === undefined || !Number.isFinite(x) ? '–' : Number.isInteger(x) ? String(x) : x.toFixed(d));
console.log('| instance | demand×sites | P | heuristic (optimize, s) | HiGHS MIP | HiGHS objective | HiGHS bound | LP relaxation (s) | Lagrangian bound | LP above best found | LP above HiGHS bound |');
console.log('|---|---|---:|---:|---|---:|---:|---:|---:|---:|---:|');
for (const r of rows) {
  const best = Math.max(r.heuristic, r.exact ?? -Infinity);
  const exact = r.exactStatus ? `${r.exactStatus} in ${r.exactSeconds!.toFixed(0)} s` : 'not run';
  console.log(`| ${r.instance} | ${r.size} | ${r.units} | ${fmt(r.heuristic)} (${r.heuristicSeconds.toFixed(1)} s) | ${exact} | ${fmt(r.exact)} | ${fmt(r.exactBound)} | ${fmt(r.lp)} (${r.lpSeconds.toFixed(0)} s) | ${fmt(r.lagrangian)} | ${pct(r.lp, best)} | ${r.exactBound === undefined ? '–' : pct(r.lp, r.exactBound)} |`);
}
if (values.json) writeFileAtomic(values.json, `${JSON.stringify(rows, null, 2)}\n`);
