/**
 * Run directories made by the engine itself for the viewer's tests (simulate, coverage, and the demo's
 * optimize-and-compare), not by a stand-in: what the browser draws is what the CLI writes.
 *
 * The grid run is hand-checkable:
 *
 *   (0,2)-(1,2)-(2,2)-(3,2)      nodes "c,r" at (100c, 100r) m; every block 100 m at 3.6 km/h = 100 s
 *     |     |     |     |        row 0 "primary", named "First Avenue"; column 0 named "West Street";
 *   (0,1)-(1,1)-(2,1)-(3,1)      the rest "residential", unnamed
 *     |     |     |     |        posts: station A at (0,0) with 2 units, kiosk B at (3,2) with 1
 *   (0,0)-(1,0)-(2,0)-(3,0)      key sites: "Hub" at (1,0), "School" at (2,1), both circle-3min
 *
 * so the first unit reaches node (c,r) after 100 * min(c + r, (3 - c) + (2 - r)) s. The replay has a
 * warm-up incident at 50 s and scored incidents after the 100 s warm-up.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { evaluateCoverage } from '../../engine/coverage/evaluate-coverage.ts';
import { writeRunDirectory } from '../../engine/io/run-directory/run-directory.ts';
import { coverageJsonText, sitesJsonText } from '../../engine/io/run-directory/file-texts.ts';
import { buildRoutingGraph } from '../../engine/routing/routing-graph.ts';
import { edgeTravelTimesS } from '../../engine/graph/travel-time-model.ts';
import { loadScenario, runSimulation } from '../../engine/sim/index.ts';
import { simulationFiles } from '../../engine/sim/outputs.ts';
import { unitsPerPost } from '../../engine/sim/units-per-post.ts';
import type { Tier } from '../../engine/coverage/tiers.ts';
import { command as demoCommand } from '../../cli/commands/demo.ts';
import { command as jurisdictionsCommand } from '../../cli/commands/jurisdictions.ts';
import { command as cordonCommand } from '../../cli/commands/cordon.ts';

export const GRID_TIERS: Tier[] = [{ targetS: 60, units: 1 }, { targetS: 180, units: 2 }, { targetS: 300, units: 3 }];
export const GRID_SITES = [{ name: 'Hub', node: '1,0', cls: 'circle-3min' }, { name: 'School', node: '2,1', cls: 'circle-3min' }];
export const CIRCLE_3MIN: Tier[] = [{ targetS: 180, units: 1 }, { targetS: 300, units: 2 }];

function gridFiles(dir: string): void {
  const nodes = ['id,x,y'];
  for (let r = 0; r < 3; r++) for (let c = 0; c < 4; c++) nodes.push(`${c},${r},${100 * c},${100 * r}`.replace(/^(\d),(\d),/, '"$1,$2",'));
  const edges = ['from,to,length_m,speed_kph,class,name'];
  for (let r = 0; r < 3; r++) for (let c = 0; c < 3; c++) edges.push(`"${c},${r}","${c + 1},${r}",100,3.6,${r === 0 ? 'primary' : 'residential'},${r === 0 ? 'First Avenue' : ''}`);
  for (let r = 0; r < 2; r++) for (let c = 0; c < 4; c++) edges.push(`"${c},${r}","${c},${r + 1}",100,3.6,residential,${c === 0 ? 'West Street' : ''}`);
  writeFileSync(join(dir, 'grid-nodes.csv'), `${nodes.join('\n')}\n`);
  writeFileSync(join(dir, 'grid-edges.csv'), `${edges.join('\n')}\n`);
  // time (s), node, class: one warm-up incident, then scored ones.
  const incidents: [number, string, string][] = [[50, '1,1', 'urgent'], [200, '3,0', 'urgent'], [700, '0,2', 'routine'], [900, '2,1', 'urgent']];
  writeFileSync(join(dir, 'incidents.csv'), `time,node,class\n${incidents.map(([t, n, c]) => `${t},"${n}",${c}`).join('\n')}\n`);
  writeFileSync(join(dir, 'scenario.json'), JSON.stringify({
    name: 'Tiny grid (viewer test)',
    network: { files: ['grid-edges.csv'], nodesFile: 'grid-nodes.csv', undirected: true },
    horizonS: 1800, warmupS: 100, seed: 7, replications: 2, trace: { untilS: 1800 },
    demand: { kind: 'replay', file: 'incidents.csv', nodeColumn: 'node', classColumn: 'class', timeColumn: 'time', startTime: '1970-01-01T00:00:00Z' },
    classes: [
      { name: 'urgent', priority: 1, tiers: GRID_TIERS, onScene: { kind: 'fixed', valueS: 200 } },
      { name: 'routine', priority: 2, tiers: [{ targetS: 300, units: 1 }], onScene: { kind: 'fixed', valueS: 200 } },
    ],
    unitTypes: [{ name: 'car', responseSpeedFactor: 1 }, { name: 'foot', responseSpeedFactor: 1 }],
    posts: [], units: [],
  }, null, 1));
}

export interface GridPost { id: string; node: string; type: string; label?: string; units: number }
export const GRID_POSTS: GridPost[] = [{ id: 'A', node: '0,0', type: 'station', label: 'Station A', units: 2 }, { id: 'B', node: '3,2', type: 'kiosk', units: 1 }];

/**
 * Simulate the grid scenario with the given posts and write its run directory `<root>/<name>`
 * (simulate's files, then coverage.json and sites.json as the demo writes them). Demand weight 1 per
 * node, 3 at (1,1).
 */
export function writeGridRun(root: string, name = 'grid', posts: GridPost[] = GRID_POSTS, extra: { plan?: unknown; incidents?: [number, string, string][] } = {}): string {
  const src = join(root, `${name}-src`);
  mkdirSync(src, { recursive: true });
  gridFiles(src);
  const file = JSON.parse(readFileSync(join(src, 'scenario.json'), 'utf8'));
  if (extra.plan) file.plan = extra.plan;
  if (extra.incidents) writeFileSync(join(src, 'incidents.csv'), `time,node,class\n${extra.incidents.map(([t, n, c]) => `${t},"${n}",${c}`).join('\n')}\n`);
  file.posts = posts.map(({ units: _u, ...p }) => p);
  file.units = posts.flatMap((p) => Array.from({ length: p.units }, (_, k) => ({ id: `${p.id}-${k + 1}`, type: p.type === 'kiosk' ? 'foot' : 'car', post: p.id })));
  writeFileSync(join(src, 'scenario.json'), JSON.stringify(file, null, 1));
  const sc = loadScenario(join(src, 'scenario.json'));
  const out = join(root, name);
  const sim = runSimulation(sc);
  const rg = buildRoutingGraph(sc.graph, edgeTravelTimesS(sc.graph, { ...sc.travel, responseSpeedFactor: 1 }));
  const count = unitsPerPost(sc);
  const sources = sc.posts.map((p, i) => ({ node: p.node, units: count[i] }));
  const demand = Array.from({ length: sc.graph.nodeCount }, (_, v) => ({ node: v, weight: sc.graph.nodeIds[v] === '1,1' ? 3 : 1 }));
  const coverageText = coverageJsonText(evaluateCoverage(rg, sources, demand, { tiers: GRID_TIERS }), demand);
  const sites = GRID_SITES.map((s) => ({ node: sc.graph.indexOf(s.node), weight: 1, class: s.cls }));
  const cov = evaluateCoverage(rg, sources, sites, { tiers: GRID_TIERS, classTiers: { 'circle-3min': CIRCLE_3MIN } });
  const sitesText = sitesJsonText(GRID_SITES.map((s, i) => ({
    name: s.name, node: sites[i].node, class: s.cls, kind: null, weight: 1, tiers: CIRCLE_3MIN, arrivalS: Array.from(cov.arrivalS.subarray(i * cov.k, i * cov.k + 2)),
  })));
  writeRunDirectory(out, { producer: 'viewer-test', seed: sc.seed, scenarioHash: sc.hash, files: { ...simulationFiles(sim), 'coverage.json': coverageText, 'sites.json': sitesText } });
  return out;
}

/**
 * The grid with a time-of-day plan: unit A-1 of station A waits at staging point S (node 3,0) from
 * 00:00 to 00:15, then drives back to A (300 s along row 0). One incident at 1700 s at B.
 */
export const GRID_PLAN = { posts: [{ id: 'S', node: '3,0', type: 'staging' }], blocks: [{ name: 'early', startHour: 0, endHour: 0.25, assign: [{ unit: 'A-1', post: 'S' }] }] };
export function writeGridPlanRun(root: string): string {
  return writeGridRun(root, 'grid-plan', [{ id: 'A', node: '0,0', type: 'station', units: 1 }, { id: 'B', node: '3,2', type: 'kiosk', units: 1 }], { plan: GRID_PLAN, incidents: [[1700, '3,2', 'routine']] });
}

/** Run a patrolsim command quietly (its table goes nowhere); throws on a non-zero exit. */
async function runQuiet(cmd: { run(args: string[]): Promise<number> }, args: string[]): Promise<void> {
  const out = process.stdout.write;
  process.stdout.write = (() => true) as typeof process.stdout.write;
  try {
    const code = await cmd.run(args);
    if (code !== 0) throw new Error(`${args.join(' ')}: exit ${code}`);
  } finally { process.stdout.write = out; }
}

/** The grid's network and posts as the geography commands read them. */
function gridGeographyInputs(root: string): string[] {
  const src = join(root, 'geo-src');
  mkdirSync(src, { recursive: true });
  gridFiles(src);
  writeFileSync(join(src, 'posts.csv'), 'id,node,units\nA,"0,0",2\nB,"3,2",1\n');
  return ['--network', join(src, 'grid-edges.csv'), '--nodes', join(src, 'grid-nodes.csv'), '--undirected', '--posts', join(src, 'posts.csv')];
}

/** `patrolsim jurisdictions --balance --out` on the grid (posts A at 0,0 and B at 3,2). */
export async function writeGridJurisdictions(root: string): Promise<string> {
  const out = join(root, 'grid-jurisdictions');
  await runQuiet(jurisdictionsCommand, [...gridGeographyInputs(root), '--target', '180', '--balance', '--out', out]);
  return out;
}

/**
 * `patrolsim cordon contain --out` on the grid: a suspect flees node 1,1 at response speed towards the
 * exits 3,0, 0,2 and 3,2; units leave their posts after `delayS`.
 */
export async function writeGridContainment(root: string, delayS: number): Promise<string> {
  const out = join(root, `grid-contain-${delayS}`);
  const inputs = gridGeographyInputs(root);
  const exits = join(root, 'geo-src', 'exits.csv');
  writeFileSync(exits, 'node\n"3,0"\n"0,2"\n"3,2"\n');
  const o = process.stdout.write;
  process.stdout.write = (() => true) as typeof process.stdout.write;
  let code: number;
  try { code = await cordonCommand.run(['contain', ...inputs, '--origin', '1,1', '--delay-s', String(delayS), '--exits', exits, '--out', out]); } finally { process.stdout.write = o; }
  if (code !== 0) throw new Error(`cordon contain: exit ${code}`);
  return out;
}

/**
 * The demo's whole job (evaluate, optimize, re-simulate, compare) on Futian, shortened: one
 * replication of half a day, a short optimizer time limit. Writes `<root>/futian/` with before/,
 * after/ and compare.json.
 */
export async function writeFutianComparison(root: string): Promise<string> {
  const outDir = join(root, 'futian');
  const out = process.stdout.write;
  process.stdout.write = (() => true) as typeof process.stdout.write; // the command prints its table
  try {
    const code = await demoCommand.run(['--out', outDir, '--replications', '1', '--horizon-days', '0.5', '--time-limit', '4']);
    if (code !== 0) throw new Error(`demo exited ${code}`);
  } finally { process.stdout.write = out; }
  return outDir;
}
