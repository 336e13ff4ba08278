/**
 * End-to-end `patrolsim coverage` against networkx on the same files: the Sydney TNTP network
 * (33,113 nodes, 75,379 links, 3,264 zones), 1,000 posts at random non-zone nodes of the largest
 * strongly connected component (seeded), every such node a demand point of weight 1 (29,693), tiers
 * 60 s/1 unit, 180 s/2, 300 s/3. Times `patrolsim coverage --network ... --posts ... --demand ...
 * --json` (a child process: start-up, TNTP parsing, components, the search, JSON output) and
 * bench/baselines/networkx_coverage.py (/usr/bin/python3, one cut-off Dijkstra per post), each
 * `--repeat` times interleaved; medians compared. Both must report the same covered counts.
 * Target: networkx >= 3x patrolsim's wall time. The compiled build must be current (`npm run build`).
 *
 *   npx tsx bench/coverage-vs-networkx.ts [--posts 1000] [--repeat 5] [--json FILE]
 *
 * Baseline: Debian package python3-networkx.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import seedrandom from 'seedrandom';
// @ts-expect-error plain JavaScript module without type declarations
import { buildState } from '../bin/build-state.mjs';
import { stronglyConnectedComponents } from '../engine/graph/components.ts';
import { loadNetwork } from '../engine/io/network/load-network.ts';

const root = join(import.meta.dirname, '..');
// The CLI's compiled build is what is timed: a stale one would run the sources through tsx instead.
const state = buildState(root) as { current: boolean; reason: string };
if (!state.current) {
  console.error(`the compiled build is not current (${state.reason}): run \`npm run build\` first`);
  process.exit(2);
}
const { values } = parseArgs({ options: { posts: { type: 'string', default: '1000' }, repeat: { type: 'string', default: '5' }, json: { type: 'string' } } });
const net = join(root, 'scenarios/data/tntp-sydney/Sydney_net.tntp');
const graph = loadNetwork([net]);
const comps = stronglyConnectedComponents(graph);
const nodes = [...Array(graph.nodeCount).keys()].filter((v) => !graph.isZone[v] && comps.componentOf[v] === 0);
const rng = seedrandom('bench-coverage-vs-networkx');
const posts = Array.from({ length: Number(values.posts) }, () => nodes[Math.floor(rng() * nodes.length)]);
const dir = mkdtempSync(join(tmpdir(), 'patrolsim-cov-'));
const postsCsv = join(dir, 'posts.csv'), demandCsv = join(dir, 'demand.csv');
writeFileSync(postsCsv, `id,node,units\n${posts.map((v, k) => `p${k},${graph.nodeIds[v]},1`).join('\n')}\n`);
writeFileSync(demandCsv, `node,weight\n${nodes.map((v) => `${graph.nodeIds[v]},1`).join('\n')}\n`);
console.log(`Sydney: ${graph.nodeCount} nodes, ${graph.edgeCount} links; ${posts.length} posts, ${nodes.length} demand nodes; tiers 60 s/1, 180 s/2, 300 s/3`);

const run = (cmd: string, args: string[]) => {
  const t0 = performance.now();
  const r = spawnSync(cmd, args, { encoding: 'utf8', maxBuffer: 1 << 26, env: { ...process.env, PATROLSIM_REQUIRE_BUILD: '1' } });
  const seconds = (performance.now() - t0) / 1000;
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')}: exit ${r.status}\n${r.stderr}`);
  return { seconds, out: JSON.parse(r.stdout) as { tiers: { coveredCount: number }[] } };
};
const ours: number[] = [], theirs: number[] = [];
let same = true;
const load0 = loadavg()[0];
try {
  for (let k = 0; k < Number(values.repeat); k++) {
    const a = run(process.execPath, [join(root, 'bin/patrolsim.mjs'), 'coverage', '--network', net, '--posts', postsCsv, '--demand', demandCsv, '--json']);
    const b = run('/usr/bin/python3', [join(root, 'bench/baselines/networkx_coverage.py'), net, postsCsv, demandCsv]);
    ours.push(a.seconds); theirs.push(b.seconds);
    const ca = a.out.tiers.map((t) => t.coveredCount), cb = b.out.tiers.map((t) => t.coveredCount);
    if (ca.join() !== cb.join()) same = false;
    console.log(`run ${k + 1}: patrolsim ${a.seconds.toFixed(3)} s, networkx ${b.seconds.toFixed(3)} s; covered ${ca.join('/')} vs ${cb.join('/')}`);
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
const median = (x: number[]) => [...x].sort((p, q) => p - q)[x.length >> 1];
const ratio = median(theirs) / median(ours);
console.log(`median: patrolsim ${median(ours).toFixed(3)} s, networkx ${median(theirs).toFixed(3)} s: ratio ${ratio.toFixed(2)}x (target >= 3x); covered counts ${same ? 'identical' : 'DIFFERENT'}; load average ${load0.toFixed(2)} → ${loadavg()[0].toFixed(2)}`);
if (!same) process.exitCode = 1;
if (values.json) writeFileSync(values.json, `${JSON.stringify({ loadAverage: [load0, loadavg()[0]], patrolsimS: ours, networkxS: theirs, ratio, same }, null, 2)}\n`);
