import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { stronglyConnectedComponents } from '../../engine/graph/components.ts';
import { createSnapper } from '../../engine/graph/snap.ts';
import { edgeTravelTimesS } from '../../engine/graph/travel-time-model.ts';
import { evaluateCoverage, type CoverageResult, type DemandPoint } from '../../engine/coverage/evaluate-coverage.ts';
import type { Tier } from '../../engine/coverage/tiers.ts';
import { readInputText, writeFileAtomic } from '../../engine/io/files.ts';
import { InputError } from '../../engine/io/input-error.ts';
import { parseDemandCsv } from '../../engine/io/points-csv.ts';
import { coverageJsonText, sitesJsonText, type SiteEntry } from '../../engine/io/run-files.ts';
import { readClassTiers } from '../class-tiers.ts';
import { buildRoutingGraph, type RoutingGraph } from '../../engine/routing/routing-graph.ts';
import { loadHighsSolver } from '../../engine/optimize/highs-solver.ts';
import { createJslpSolver } from '../../engine/optimize/jslp-solver.ts';
import { networkProblem } from '../../engine/optimize/network-problem.ts';
import { optimize, type OptimizeResult } from '../../engine/optimize/optimize.ts';
import { loadScenario, overrideScenario, runSimulation, writeSimulationOutputs, type Scenario } from '../../engine/sim/index.ts';
import type { SimulationResult } from '../../engine/sim/run-simulation.ts';
import type { PostFile, UnitFile } from '../../engine/sim/scenario-file.ts';
import { unitsPerPost } from '../../engine/sim/units-per-post.ts';
import { VERSION } from '../../engine/version.ts';
import { compareTableRows } from '../../viewer/src/model/compare-table.ts';

export interface DemoOptions {
  scenarioPath: string;
  outDir: string;
  replications?: number;
  horizonS?: number;
  /** Key sites CSV (name, lon, lat, class, weight) and per-class tiers; default: beside the scenario. */
  sitesPath?: string;
  classTiersPath?: string;
  timeLimitS: number;
  progress: (message: string) => void;
}

/** One layout's row of the before/after table. */
export interface LayoutFigures {
  label: string;
  posts: number;
  units: number;
  /** Static: share of demand weight meeting each tier of the standard class. */
  staticTiers: { targetS: number; units: number; coveredShare: number }[];
  /** Static: share of key sites meeting every tier of their circle class. */
  sitesMet: { class: string; met: number; count: number }[];
  /** Simulated, per class and tier: met share with its 95% CI. */
  simulated: { class: string; tiers: { targetS: number; units: number; metShare: number; ci95: readonly [number, number] | null }[]; firstUnitP50S: number; firstUnitP90S: number }[];
  meanUtilisation: number;
}

export interface DemoResult {
  before: LayoutFigures;
  after: LayoutFigures;
  optimizer: Pick<OptimizeResult, 'status' | 'objective' | 'bound' | 'gap' | 'solver' | 'seconds'> & { movableUnits: number; fixedPosts: string[] };
}

const FIXED_TYPES = new Set(['station']);

/**
 * The planner's main job on one scenario: evaluate the current layout (static coverage and
 * simulation), re-place the movable units with the tiered optimizer (stations and their units stay,
 * the same number of units in all), simulate the proposal, and write both runs with a comparison.
 */
export async function runDemo(options: DemoOptions): Promise<DemoResult> {
  const { progress } = options;
  const step = (i: number, text: string) => progress(`[${i}/6] ${text}`);
  step(1, `loading ${options.scenarioPath}`);
  let before = loadScenario(options.scenarioPath, options.replications ? { replications: options.replications } : {});
  if (options.horizonS) {
    // A shorter horizon keeps at most a quarter of itself as warm-up.
    before = overrideScenario(before, { horizonS: options.horizonS, warmupS: Math.min(before.warmupS, options.horizonS / 4) });
  }
  if (before.demand.kind !== 'poisson') throw new InputError(`${options.scenarioPath}: demand: the demo needs a Poisson demand model (its node weights are the optimizer's demand)`);
  const graph = before.graph;
  const standard = before.classes[0];
  const responseFactor = Math.min(...before.units.map((u) => before.unitTypes[u.type].responseSpeedFactor));
  const rg = buildRoutingGraph(graph, edgeTravelTimesS(graph, { ...before.travel, responseSpeedFactor: responseFactor }));
  const comps = stronglyConnectedComponents(graph);
  const nodeWeight = before.demand.nodeWeight;
  const demand: DemandPoint[] = [];
  for (let v = 0; v < graph.nodeCount; v++) if (nodeWeight[v] > 0) demand.push({ node: v, weight: nodeWeight[v] });

  const dir = dirname(options.scenarioPath);
  const sitesPath = options.sitesPath ?? (existsSync(join(dir, 'sites.csv')) ? join(dir, 'sites.csv') : undefined);
  const classTiersPath = options.classTiersPath ?? (existsSync(join(dir, 'class-tiers.json')) ? join(dir, 'class-tiers.json') : undefined);
  const sites = sitesPath ? parseDemandCsv(readInputText(sitesPath, 'sites file'), sitesPath, graph, () => createSnapper(graph, { eligible: (v) => comps.componentOf[v] === 0 })).demand : [];
  const classTiers: Record<string, Tier[]> = classTiersPath ? readClassTiers(classTiersPath) : {};

  step(2, 'static coverage of the current layout');
  const beforeStatic = staticFigures(rg, before, demand, standard.tiers, sites, classTiers);

  step(3, `simulating the current layout (${before.replications} replications of ${(before.horizonS / 86400).toFixed(1)} days)`);
  const beforeSim = runSimulation(before, { onProgress: (d, n) => progress(`      replication ${d}/${n}`) });

  step(4, 'optimizing the same number of units (tiered 1/3/5 model, stations fixed)');
  const unitsAtPost = unitsPerPost(before);
  const fixedPosts = before.posts.map((p, i) => i).filter((i) => FIXED_TYPES.has(before.posts[i].type));
  const fixedUnits = fixedPosts.reduce((s, i) => s + unitsAtPost[i], 0);
  const totalUnits = before.units.length;
  const candidates: number[] = [];
  for (let v = 0; v < graph.nodeCount; v++) if (comps.componentOf[v] === 0 && !graph.isZone[v]) candidates.push(v);
  const minUnits = new Int32Array(candidates.length);
  const candidateIndex = new Map(candidates.map((v, j) => [v, j]));
  for (const i of fixedPosts) {
    const j = candidateIndex.get(before.posts[i].node);
    if (j === undefined) throw new InputError(`${options.scenarioPath}: posts: station ${before.posts[i].id} is outside the largest strongly connected part of the network`);
    minUnits[j] += unitsAtPost[i];
  }
  const problem = networkProblem(rg, {
    demandNodes: demand.map((d) => d.node), demandWeight: demand.map((d) => d.weight),
    candidateNodes: candidates, minUnits, nodeIds: graph.nodeIds,
    maxTimeS: Math.max(...standard.tiers.map((t) => t.targetS)),
  });
  const highs = await loadHighsSolver();
  const t0 = performance.now();
  const opt = optimize(problem, {
    model: 'tiered', facilities: totalUnits, tiers: standard.tiers, solver: 'auto', timeLimitS: options.timeLimitS,
    solvers: { highs, jslp: createJslpSolver() }, nowS: () => (performance.now() - t0) / 1000,
  });
  if (opt.status === 'error' || opt.status === 'infeasible') throw new Error(`optimizer: ${opt.status}${opt.message ? `: ${opt.message}` : ''}`);
  if (opt.message) progress(`      ${opt.message}`);
  progress(`      ${opt.status} (${opt.solver}), objective ${opt.objective.toFixed(2)}, bound ${opt.bound.toFixed(2)}, gap ${(opt.gap * 100).toFixed(2)}%, ${opt.seconds.toFixed(1)} s`);

  // The proposal: stations keep their posts, units and patrols; the other units go where the optimizer put units beyond the stations' own.
  const keptPosts: PostFile[] = before.file.posts.filter((p) => fixedPosts.some((i) => before.posts[i].id === p.id));
  const keptUnits: UnitFile[] = before.file.units.filter((u) => keptPosts.some((p) => p.id === u.post));
  const movableTypes = before.units.filter((u) => !fixedPosts.includes(u.post)).map((u) => before.unitTypes[u.type].name);
  const newPosts: PostFile[] = [];
  const newUnits: UnitFile[] = [];
  let m = 0;
  candidates.forEach((v, j) => {
    const extra = opt.units[j] - minUnits[j];
    if (extra <= 0) return;
    const existing = fixedPosts.find((i) => before.posts[i].node === v);
    const postId = existing !== undefined ? before.posts[existing].id : `P-${graph.nodeIds[v]}`;
    if (existing === undefined) newPosts.push({ id: postId, node: graph.nodeIds[v], type: 'mobile', label: 'proposed post' });
    for (let k = 0; k < extra; k++) newUnits.push({ id: `proposed-${++m}`, type: movableTypes[(m - 1) % Math.max(1, movableTypes.length)] ?? 'car', post: postId });
  });
  const proposedUnits = keptUnits.reduce((s, u) => s + (u.count ?? 1), 0) + newUnits.length;
  if (proposedUnits !== totalUnits) throw new Error(`internal: the proposal has ${proposedUnits} units, the current layout ${totalUnits}`);
  const after = overrideScenario(before, { posts: [...keptPosts, ...newPosts], units: [...keptUnits, ...newUnits] });
  const afterStatic = staticFigures(rg, after, demand, standard.tiers, sites, classTiers);
  // The current layout is feasible for the model, so a proposal scoring below it is a solver shortfall: say so.
  const staticObjective = (c: CoverageResult) => c.tiers.reduce((s, t) => s + t.coveredWeight, 0);
  if (staticObjective(afterStatic.coverage) < staticObjective(beforeStatic.coverage) - 1e-9) {
    progress(`      warning: the proposal covers less than the current layout (${staticObjective(afterStatic.coverage).toFixed(2)} < ${staticObjective(beforeStatic.coverage).toFixed(2)}); the optimizer stopped short`);
  }

  step(5, `simulating the proposal (${after.replications} replications)`);
  const afterSim = runSimulation(after, { onProgress: (d, n) => progress(`      replication ${d}/${n}`) });

  step(6, `writing ${options.outDir}`);
  writeSimulationOutputs(join(options.outDir, 'before'), beforeSim);
  writeSimulationOutputs(join(options.outDir, 'after'), afterSim);
  for (const [name, st] of [['before', beforeStatic], ['after', afterStatic]] as const) {
    writeFileAtomic(join(options.outDir, name, 'coverage.json'), coverageJsonText(st.coverage, demand));
    if (st.sites.length) writeFileAtomic(join(options.outDir, name, 'sites.json'), sitesJsonText(st.sites));
  }
  const result: DemoResult = {
    before: figures('current layout', before, beforeStatic, beforeSim),
    after: figures('proposal', after, afterStatic, afterSim),
    optimizer: { status: opt.status, objective: opt.objective, bound: opt.bound, gap: opt.gap, solver: opt.solver, seconds: opt.seconds, movableUnits: totalUnits - fixedUnits, fixedPosts: fixedPosts.map((i) => before.posts[i].id) },
  };
  writeFileAtomic(join(options.outDir, 'compare.json'), `${JSON.stringify({ version: VERSION, seed: before.seed, scenarioHash: before.hash, ...result }, null, 2)}\n`);
  return result;
}

function staticFigures(rg: RoutingGraph, sc: Scenario, demand: DemandPoint[], tiers: readonly Tier[], sites: { node: number; weight: number; class?: string; name?: string; kind?: string }[], classTiers: Record<string, Tier[]>) {
  const count = unitsPerPost(sc);
  const posts = sc.posts.map((p, i) => ({ node: p.node, units: count[i] }));
  const coverage = evaluateCoverage(rg, posts, demand, { tiers });
  let sitesMet: LayoutFigures['sitesMet'] = [];
  const siteEntries: SiteEntry[] = [];
  if (sites.length) {
    const cov = evaluateCoverage(rg, posts, sites.map((s) => ({ node: s.node, weight: 1, ...(s.class ? { class: s.class } : {}) })), { tiers, classTiers });
    const byClass = new Map<string, { met: number; count: number }>();
    sites.forEach((s, i) => {
      const list = (s.class && classTiers[s.class]) || tiers;
      const ok = list.every((t) => cov.arrivalS[i * cov.k + t.units - 1] <= t.targetS);
      const k = Math.max(...list.map((t) => t.units));
      siteEntries.push({ name: s.name ?? `site ${i + 1}`, node: s.node, class: s.class ?? null, kind: s.kind ?? null, weight: s.weight, tiers: list, arrivalS: Array.from(cov.arrivalS.subarray(i * cov.k, i * cov.k + k)) });
      const key = s.class ?? 'default';
      const e = byClass.get(key) ?? { met: 0, count: 0 };
      e.count++; if (ok) e.met++;
      byClass.set(key, e);
    });
    sitesMet = [...byClass].sort(([a], [b]) => a.localeCompare(b)).map(([cls, e]) => ({ class: cls, ...e }));
  }
  return { coverage, sitesMet, sites: siteEntries };
}

function figures(label: string, sc: Scenario, st: { coverage: CoverageResult; sitesMet: LayoutFigures['sitesMet'] }, sim: SimulationResult): LayoutFigures {
  return {
    label,
    posts: sc.posts.length,
    units: sc.units.length,
    staticTiers: st.coverage.tiers.map((t) => ({ targetS: t.targetS, units: t.units, coveredShare: t.coveredShare })),
    sitesMet: st.sitesMet,
    simulated: sim.classes.map((c) => ({
      class: c.name,
      tiers: c.tiers.map((t) => ({ targetS: t.targetS, units: t.units, metShare: t.metShare, ci95: t.ci95 })),
      firstUnitP50S: c.unitResponseS[0]?.p50 ?? NaN,
      firstUnitP90S: c.unitResponseS[0]?.p90 ?? NaN,
    })),
    meanUtilisation: sim.units.reduce((s, u) => s + u.utilisation.mean, 0) / Math.max(1, sim.units.length),
  };
}

/** The before/after table: [what, current layout, proposal] per row, values formatted for people (one table for the CLI, viewer and report). */
export function comparisonRows(r: DemoResult): [string, string, string][] {
  return compareTableRows(r);
}

/** The before/after table as plain text (Markdown-compatible). */
export function formatComparison(r: DemoResult): string {
  const rows = comparisonRows(r);
  const w0 = Math.max(...rows.map((x) => x[0].length), 10), w1 = Math.max(...rows.map((x) => x[1].length), 14), w2 = Math.max(...rows.map((x) => x[2].length), 8);
  const line = (a: string, b: string, c: string) => `| ${a.padEnd(w0)} | ${b.padStart(w1)} | ${c.padStart(w2)} |`;
  return [line('', 'current layout', 'proposal'), `|${'-'.repeat(w0 + 2)}|${'-'.repeat(w1 + 1)}:|${'-'.repeat(w2 + 1)}:|`, ...rows.map((x) => line(...x))].join('\n');
}
