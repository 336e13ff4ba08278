/**
 * The run-directory contract on real engine output: a small simulate, coverage and optimize run
 * through the engine, written by the one writer, served by the viewer's server and read back by the
 * viewer's own loader (viewer/src/app/load-run.ts: run.json check with SubtleCrypto, then parseRun).
 * The tiers are deliberately not the 1-3-5 standard, so nothing may fall back to 60/180/300 s.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { parseCsv } from '../csv.ts';
import { loadNetwork } from '../network/load-network.ts';
import { createJslpSolver } from '../../optimize/jslp-solver.ts';
import { buildRoutingGraph } from '../../routing/routing-graph.ts';
import { loadScenario } from '../../sim/load-scenario.ts';
import { runSimulation } from '../../sim/run-simulation.ts';
import { writeSimulationOutputs } from '../../sim/write-outputs.ts';
import { deploymentRunContent } from '../../workflow/deployment-run.ts';
import { deployedPosts, networkLocationProblem, problemDemand, solveOnNetwork, type PlanningNetwork } from '../../workflow/network-deployment.ts';
import { writeRunDirectory } from './run-directory.ts';
import { listRuns, loadRun } from '../../../viewer/src/app/load-run.ts';
import { complianceRows } from '../../../viewer/src/model/compliance.ts';
import { parseRun, type RunData } from '../../../viewer/src/model/run-data.ts';
import { tierTargetsS } from '../../../viewer/src/model/run-scene.ts';
import { startViewerServer, type ViewerServer } from '../../../viewer/server/serve-viewer.ts';

// a --10-- b --50-- c --100-- d (seconds, both ways), on a planar line 100 m apart.
const ROADS = 'from,to,time_s\na,b,10\nb,a,10\nb,c,50\nc,b,50\nc,d,100\nd,c,100\n';
const NODES = 'id,x,y\na,0,0\nb,100,0\nc,200,0\nd,300,0\n';
const TIERS = { high: [{ targetS: 45, units: 1 }, { targetS: 120, units: 2 }], low: [{ targetS: 200, units: 1 }] };

const root = mkdtempSync(join(tmpdir(), 'patrolsim-contract-'));
const dirs = { sim: join(root, 'sim'), coverage: join(root, 'coverage'), optimize: join(root, 'optimize') };
let srv: ViewerServer;
const runs: Record<string, RunData> = {};

beforeAll(async () => {
  writeFileSync(join(root, 'line.csv'), ROADS);
  writeFileSync(join(root, 'nodes.csv'), NODES);
  const rows = [[100, 'b', 'high'], [400, 'd', 'low'], [700, 'c', 'high'], [900, 'a', 'low'], [1300, 'd', 'high']];
  writeFileSync(join(root, 'incidents.csv'), `time,node,class,onscene\n${rows.map((r) => `${r.join(',')},60`).join('\n')}\n`);
  writeFileSync(join(root, 'scenario.json'), JSON.stringify({
    network: { files: ['line.csv'], nodesFile: 'nodes.csv' }, horizonS: 5000, seed: 3, replications: 1,
    demand: { kind: 'replay', file: 'incidents.csv', nodeColumn: 'node', classColumn: 'class', onSceneColumn: 'onscene', timeColumn: 'time', startTime: '1970-01-01T00:00:00Z' },
    classes: [
      { name: 'high', priority: 1, tiers: TIERS.high, onScene: { kind: 'fixed', valueS: 60 } },
      { name: 'low', priority: 2, tiers: TIERS.low, onScene: { kind: 'fixed', valueS: 60 } },
    ],
    unitTypes: [{ name: 'car', responseSpeedFactor: 1 }],
    posts: [{ id: 'PA', node: 'a' }, { id: 'PC', node: 'c' }],
    units: [{ id: 'U1', type: 'car', post: 'PA' }, { id: 'U2', type: 'car', post: 'PC' }],
  }));
  // simulate
  writeSimulationOutputs(dirs.sim, runSimulation(loadScenario(join(root, 'scenario.json'))));
  // coverage and optimize on the same network
  const graph = loadNetwork([join(root, 'line.csv')], { nodesFile: join(root, 'nodes.csv') });
  const net: PlanningNetwork = { graph, routing: buildRoutingGraph(graph) };
  const demand = Array.from({ length: graph.nodeCount }, (_, node) => ({ node, weight: node + 1 }));
  writeRunDirectory(dirs.coverage, deploymentRunContent(net, [{ id: 'P1', node: graph.indexOf('b'), units: 2, type: 'station' }], demand, TIERS.high, { producer: 'coverage' }));
  const nlp = networkLocationProblem(net, { maxTimeS: 120 });
  const result = solveOnNetwork(net, nlp, { model: 'tiered', facilities: 2, tiers: TIERS.high.map((t) => ({ ...t, weight: 1 })), solver: 'jslp', solvers: { jslp: createJslpSolver() } });
  expect(['optimal', 'feasible']).toContain(result.status);
  writeRunDirectory(dirs.optimize, deploymentRunContent(net, deployedPosts(nlp, result.units, 'post', 'proposed'), problemDemand(nlp), TIERS.high, { producer: 'optimize' }));

  mkdirSync(join(root, 'dist'));
  writeFileSync(join(root, 'dist', 'index.html'), '<!doctype html>');
  srv = await startViewerServer({ dirs: [dirs.sim, dirs.coverage, dirs.optimize], distDir: join(root, 'dist') });
  // The browser loader fetches relative URLs: resolve them against the server.
  const realFetch = globalThis.fetch;
  vi.stubGlobal('fetch', (url: string) => realFetch(new URL(url, srv.url)));
  for (const listing of await listRuns()) runs[listing.name] = await loadRun(listing);
});

afterAll(async () => {
  vi.unstubAllGlobals();
  await srv?.close();
  rmSync(root, { recursive: true, force: true });
});

describe('run directories written by the engine, read by the viewer', () => {
  it('reads all three runs through the viewer loader', () => {
    expect(Object.keys(runs).sort()).toEqual(['coverage', 'optimize', 'sim']);
  });

  it('names every traced incident by its class, with one met flag per tier of that class', () => {
    const trace = runs.sim.trace!;
    expect(trace.classes.map((c) => c.name)).toEqual(runs.sim.summary!.classes.map((c) => c.name));
    expect(trace.incidents.map((i) => i.cls)).toEqual(['high', 'low', 'high', 'low', 'high']);
    for (const inc of trace.incidents) expect(inc.met.length).toBe(TIERS[inc.cls as 'high' | 'low'].length);
  });

  it('gives the same tier outcomes in trace.json as in incidents.csv', () => {
    const csv = parseCsv(readFileSync(join(dirs.sim, 'incidents.csv'), 'utf8'), 'incidents.csv');
    const col = (name: string) => csv.header.indexOf(name);
    csv.rows.forEach((r, i) => {
      const met = runs.sim.trace!.incidents[i].met;
      met.forEach((m, t) => expect(r.values[col(`tier${t + 1}Met`)]).toBe(m ? '1' : '0'));
    });
  });

  it('takes tier targets and compliance labels from the run, never from the 1-3-5 default', () => {
    expect(tierTargetsS(runs.sim)).toEqual([45, 120, 200]);
    expect(tierTargetsS(runs.coverage)).toEqual([45, 120]);
    expect(complianceRows(runs.sim).map((r) => r.targetS)).toEqual([45, 120, 200]);
    // Without summary.json the rows are counted from the trace against each class's own tiers.
    const texts = Object.fromEntries(['network.json', 'posts.json', 'trace.json'].map((f) => [f, readFileSync(join(dirs.sim, f), 'utf8')]));
    const rows = complianceRows(parseRun('sim', texts));
    expect(rows.map((r) => [r.targetS, r.units, r.count])).toEqual([[45, 1, 3], [120, 2, 3], [200, 1, 2]]);
  });

  it('carries the engine\'s coverage and the optimizer\'s posts unchanged', () => {
    const cov = JSON.parse(readFileSync(join(dirs.coverage, 'coverage.json'), 'utf8'));
    expect(runs.coverage.coverage!.tiers.map((t) => t.coveredShare)).toEqual(cov.tiers.map((t: { coveredShare: number }) => t.coveredShare));
    // b holds 2 units: a (10 s), b (0), c (50 s) within 120 s for both; d (150 s) for neither. Weights 1..4.
    expect(runs.coverage.coverage!.tiers.map((t) => t.coveredShare)).toEqual([(1 + 2) / 10, (1 + 2 + 3) / 10]);
    expect(runs.optimize.posts.reduce((s, p) => s + p.units, 0)).toBe(2);
  });

  it('refuses, in the browser loader too, a file changed after the run was written', async () => {
    const path = join(dirs.coverage, 'posts.json');
    const text = readFileSync(path, 'utf8');
    writeFileSync(path, text.replace('"units": 2', '"units": 3'));
    try {
      const listing = (await listRuns()).find((l) => l.name === 'coverage')!;
      await expect(loadRun(listing)).rejects.toThrow(/coverage: incomplete or mixed run directory: posts\.json: changed since coverage wrote the directory/);
    } finally {
      writeFileSync(path, text);
    }
  });
});
