/**
 * Police geography on the Sydney TNTP network (33,113 nodes): a blockade of 17 exits by 80 posts,
 * the ring of a 5-minute scene and its blockade, and containments of a fleeing suspect against the
 * city edge. Each is timed (median of repeats, after a warm-up) against a naive baseline measured in
 * the same run, whose answer must agree:
 *
 * - blockade, ring: one unbounded Dijkstra per post (the full table), then a linear scan over every
 *   distinct time with a fresh max-flow each, then the min-cost assignment;
 * - containment: the same oracle probed at every earliest closing time from the bottom (a linear
 *   scan instead of the binary search), timed on the first probes and extrapolated.
 *
 * Beside each wall time, the process CPU time of the same runs (`cpu`): on a shared machine the wall
 * time grows with the load, the CPU time much less.
 *
 *   npx tsx bench/geography-sydney.ts [--origins 8] [--repeats 5]
 */
import { loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import seedrandom from 'seedrandom';
import { mostExitsClosedWithin, solveBlockade, type ExitTimes } from '../engine/geography/blockade.ts';
import { cityEdgeNodes } from '../engine/geography/city-edge.ts';
import { planContainment } from '../engine/geography/containment.ts';
import { planBlockade } from '../engine/geography/cordon-report.ts';
import { createFlowNetwork } from '../engine/geography/max-flow.ts';
import { planRing } from '../engine/geography/ring.ts';
import type { UnitSource } from '../engine/geography/unit-times.ts';
import { stronglyConnectedComponents } from '../engine/graph/components.ts';
import { loadNetwork } from '../engine/io/network/load-network.ts';
import { createShortestPathSearch } from '../engine/routing/dijkstra.ts';
import { buildRoutingGraph, type RoutingGraph } from '../engine/routing/routing-graph.ts';

const { values } = parseArgs({ options: { origins: { type: 'string', default: '8' }, repeats: { type: 'string', default: '5' } } });
const origins = Number(values.origins);
const repeats = Number(values.repeats);
const now = () => performance.now();
const cpuMs = () => { const c = process.cpuUsage(); return (c.user + c.system) / 1000; };
const load = () => loadavg().map((x) => x.toFixed(2)).join(' ');

const graph = loadNetwork(['scenarios/data/tntp-sydney/Sydney_net.tntp']);
const rg = buildRoutingGraph(graph);
const comp = stronglyConnectedComponents(graph);
const rng = seedrandom('bench-geography');
const core = [...Array(graph.nodeCount).keys()].filter((v) => !graph.isZone[v] && comp.componentOf[v] === 0);
const pick = () => core[Math.floor(rng() * core.length)];
const posts: UnitSource[] = Array.from({ length: 80 }, () => ({ node: pick(), units: 1 }));
const exits = Array.from({ length: 17 }, pick);
console.log(`Sydney: ${graph.nodeCount} nodes, ${graph.edgeCount} links; 80 posts, 17 exits (seeded); load average ${load()}`);

/** Median wall time of `repeats` runs after a warm-up; `lastCpu` gets the median CPU time. */
let lastCpu = NaN;
function median(f: () => void): number {
  f(); // warm-up
  const times: number[] = [], cpus: number[] = [];
  for (let i = 0; i < repeats; i++) { const t = now(), c = cpuMs(); f(); times.push(now() - t); cpus.push(cpuMs() - c); }
  lastCpu = cpus.sort((a, b) => a - b)[Math.floor(cpus.length / 2)];
  return times.sort((a, b) => a - b)[Math.floor(times.length / 2)];
}

/** Naive: the full table from one unbounded Dijkstra per post, then a linear threshold scan. */
function naiveBlockade(g: RoutingGraph, sources: readonly UnitSource[], targets: readonly number[]) {
  const search = createShortestPathSearch(g);
  const exit: number[] = [], source: number[] = [], timeS: number[] = [];
  sources.forEach((p, s) => {
    search.run([p.node]);
    targets.forEach((x, e) => { if (search.timeS[x] < Infinity) { exit.push(e); source.push(s); timeS.push(search.timeS[x]); } });
  });
  const times: ExitTimes = { exit, source, timeS };
  const units = sources.map((p) => p.units);
  const m = targets.length;
  let latestS = Infinity;
  for (const tau of [...new Set(timeS)].sort((a, b) => a - b)) {
    const net = createFlowNetwork(m + sources.length + 2);
    const S = m + sources.length, T = S + 1;
    for (let e = 0; e < m; e++) net.addArc(S, e, 1);
    for (let k = 0; k < exit.length; k++) if (timeS[k] <= tau) net.addArc(exit[k], m + source[k], 1);
    sources.forEach((p, s) => net.addArc(m + s, T, p.units));
    if (net.maxFlow(S, T) === m) { latestS = tau; break; }
  }
  const b = solveBlockade(m, units, times);
  return { latestS, totalS: b.feasible ? b.totalS : NaN, times };
}

// 1. Blockade of 17 exits by 80 posts.
let fast = planBlockade(rg, posts, exits);
const blockadeMs = median(() => { fast = planBlockade(rg, posts, exits); });
const blockadeCpu = lastCpu;
let naive = naiveBlockade(rg, posts, exits);
const naiveBlockadeMs = median(() => { naive = naiveBlockade(rg, posts, exits); });
const naiveBlockadeCpu = lastCpu;
// Forward and reverse searches add the same edge times in different orders: equal to 1e-9 s.
const close = (x: number, y: number) => Math.abs(x - y) <= 1e-9 * Math.max(1, Math.abs(x));
const agreeB = fast.feasible && close(fast.latestS, naive.latestS) && close(fast.totalS, naive.totalS);
console.log(`blockade, 17 exits by 80 posts: ${blockadeMs.toFixed(1)} ms, cpu ${blockadeCpu.toFixed(1)} ms (target 200 ms); latest ${fast.feasible ? fast.latestS.toFixed(1) : '-'} s, total ${fast.feasible ? fast.totalS.toFixed(1) : '-'} s`);
console.log(`  naive (80 full Dijkstras + linear scan): ${naiveBlockadeMs.toFixed(1)} ms, cpu ${naiveBlockadeCpu.toFixed(1)} ms, ratio ${(naiveBlockadeMs / blockadeMs).toFixed(1)}x, answers ${agreeB ? 'agree' : 'DIFFER'}; load ${load()}`);
if (!agreeB) process.exitCode = 1;

// 2. Ring of a 5-minute scene; posts hold 3 units each so that typical rings can be sealed.
const ringPosts = posts.map((p) => ({ ...p, units: 3 }));
const scene = pick();
let ring = planRing(rg, scene, 300, ringPosts);
const ringMs = median(() => { ring = planRing(rg, scene, 300, ringPosts); });
const ringCpu = lastCpu;
let naiveRing: ReturnType<typeof naiveBlockade> | undefined;
const naiveRingMs = median(() => {
  const search = createShortestPathSearch(rg);
  search.run([scene]);
  const inside = (v: number) => search.timeS[v] <= 300;
  const ex: number[] = [];
  for (let u = 0; u < rg.nodeCount; u++) {
    if (!inside(u) || (rg.isZone[u] && u !== scene)) continue;
    for (let i = rg.fwdStart[u]; i < rg.fwdStart[u + 1]; i++) if (!inside(rg.fwdTarget[i])) { ex.push(u); break; }
  }
  naiveRing = naiveBlockade(rg, ringPosts, ex);
  mostExitsClosedWithin(ex.length, ringPosts.map((p) => p.units), naiveRing.times, [60, 180, 300]);
});
const naiveRingCpu = lastCpu;
const rb = ring.blockade;
const agreeR = naiveRing !== undefined && (rb.feasible ? close(rb.latestS, naiveRing.latestS) && close(rb.totalS, naiveRing.totalS) : naiveRing.latestS === Infinity);
const m = ring.ring.exits.length;
console.log(`ring, 5-minute scene: ${ringMs.toFixed(1)} ms, cpu ${ringCpu.toFixed(1)} ms (target 500 ms); ${ring.ring.region.length} nodes, ${m} exits, ${rb.feasible ? `latest ${rb.latestS.toFixed(1)} s` : `no full blockade (${rb.reason})`}; closed by 1/3/5 min ${ring.closedByPlan.map((c) => `${((c.exits / Math.max(1, m)) * 100).toFixed(0)}%`).join(' / ')}`);
console.log(`  naive (full search, 80 full Dijkstras, linear scan): ${naiveRingMs.toFixed(1)} ms, cpu ${naiveRingCpu.toFixed(1)} ms, ratio ${(naiveRingMs / ringMs).toFixed(1)}x, answers ${agreeR ? 'agree' : 'DIFFER'}; load ${load()}`);
if (!agreeR) process.exitCode = 1;

// 3. Containment against the city edge: units leave 60 s after the flight, the suspect drives at
// response speed; posts with 3 units (cars), then with 2 (harder: fewer units per post to staff a cut).
const edge = cityEdgeNodes(graph);
let probe: { origin: number; latestS: number; ms: number; posts: UnitSource[] } | undefined;
for (const perPost of [3, 2]) {
  const containPosts = posts.map((p) => ({ ...p, units: perPost }));
  console.log(`containment: city edge ${edge.nodes.length} nodes (band ${edge.bandM.toFixed(0)} m); 80 posts x ${perPost} units; delay 60 s; suspect at response speed; ${origins} random origins; budget 200 max-flows`);
  const rows: { ms: number; cpu: number; settled: boolean }[] = [];
  for (let k = 0; k < origins; k++) {
    const origin = pick();
    const input = { origin, delayS: 60, suspectSpeedFactor: 1, sources: containPosts, exits: edge.nodes };
    planContainment(rg, input, { maxFlowCalls: 5 });
    const t = now(), c0 = cpuMs();
    const c = planContainment(rg, input);
    const ms = now() - t, cpu = cpuMs() - c0;
    const settled = c.feasible ? c.proven : c.reason !== 'search-limit';
    const status = c.feasible ? `cut of ${c.closed.length}, latest ${c.latestS === null ? '-' : c.latestS.toFixed(1)} s${c.proven ? ' (proven)' : ` (not proven; optimum > ${c.lowerBound.toFixed(1)} s)`}` : `none: ${c.reason}`;
    rows.push({ ms, cpu, settled });
    if (c.feasible && c.proven && c.latestS !== null && !probe) probe = { origin, latestS: c.latestS, ms, posts: containPosts };
    console.log(`  origin ${graph.nodeIds[origin]}: ${ms.toFixed(0)} ms (cpu ${cpu.toFixed(0)} ms), ${c.maxFlowCalls} max-flows, ${status}; load ${load()}`);
  }
  const sorted = rows.map((r) => r.ms).sort((a, b) => a - b);
  const sortedCpu = rows.map((r) => r.cpu).sort((a, b) => a - b);
  const settledMs = rows.filter((r) => r.settled).map((r) => r.ms);
  console.log(`  median ${sorted[Math.floor(sorted.length / 2)].toFixed(0)} ms, max ${sorted[sorted.length - 1].toFixed(0)} ms (cpu: median ${sortedCpu[Math.floor(sortedCpu.length / 2)].toFixed(0)} ms, max ${sortedCpu[sortedCpu.length - 1].toFixed(0)} ms) (target 2 s); ${settledMs.length}/${rows.length} settled exactly${settledMs.length ? ` (max ${Math.max(...settledMs).toFixed(0)} ms)` : ''}`);
}
if (probe) {
  // Naive threshold search: probe the oracle at every earliest closing time from the bottom instead
  // of the binary search; the cost of a probe is measured (runs limited to 1 and to 4 max-flows) and
  // multiplied by the number of thresholds below the answer.
  const p = probe;
  const first = new Float64Array(graph.nodeCount);
  const s = createShortestPathSearch(rg);
  s.run(p.posts.map((q) => q.node));
  for (let v = 0; v < graph.nodeCount; v++) first[v] = 60 + s.timeS[v];
  s.run([p.origin]);
  const levels = [...new Set([...first].filter((a, v) => a <= s.timeS[v] && a <= p.latestS))].sort((a, b) => a - b);
  const run = (calls: number) => { const t = now(); planContainment(rg, { origin: p.origin, delayS: 60, suspectSpeedFactor: 1, sources: p.posts, exits: edge.nodes }, { maxFlowCalls: calls }); return now() - t; };
  const setupMs = Math.min(run(1), run(1));
  const perProbe = Math.max(0, (Math.min(run(4), run(4)) - setupMs) / 3);
  const naiveMs = setupMs + perProbe * levels.length;
  console.log(`  naive linear scan on origin ${graph.nodeIds[p.origin]}: setup ${setupMs.toFixed(0)} ms + ${levels.length} thresholds x ${perProbe.toFixed(0)} ms = ${(naiveMs / 1000).toFixed(1)} s (extrapolated), ratio ${(naiveMs / p.ms).toFixed(0)}x against ${p.ms.toFixed(0)} ms`);
}
