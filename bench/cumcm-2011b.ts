/**
 * A held-out real case, end to end through the CLI: CUMCM 2011 Problem B (a Chinese city's traffic
 * and patrol police service platforms). The contest data is not in this repository (its licence is
 * unstated): point --data at the folder with its CSVs (default ../shared/data/cumcm-2011b beside the
 * repository); without it the benchmark says so and exits 0.
 *
 * The script converts the contest tables into patrolsim's CSV network inputs (1 map unit = 100 m,
 * 60 km/h, two-way roads of straight-line length): roads.csv `from,to,length_m,speed_kph`, nodes.csv
 * `id,x,y` read with `--coords planar --undirected`, posts, accesses and accident-rate demand. Then it
 * runs `patrolsim jurisdictions`, `cordon blockade|ring|contain` and `optimize --model
 * minmax-workload`, and re-checks the blockade and the containment with independent MILPs (HiGHS):
 *
 *   blockade:     min L  s.t. Σ_p x_pe = 1, Σ_e x_pe <= 1, L >= t_pe x_pe (x binary)
 *   containment:  min L  s.t. Σ_p y_pv = z_v, Σ_v y_pv <= u_p, L >= c_pv y_pv, r_o >= 1 - z_o,
 *                 r_w >= r_u - z_w for every road u -> w, r_x = 0 for every exit (y, z binary,
 *                 0 <= r <= 1; y_pv only where c_pv = D + d(p, v) <= s(v))
 *
 *   npx tsx bench/cumcm-2011b.ts [--data DIR] [--keep DIR]
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { cityEdgeNodes } from '../engine/geography/city-edge.ts';
import { parseCsv } from '../engine/io/csv.ts';
import { loadNetwork } from '../engine/io/network/load-network.ts';
import { loadHighsSolver } from '../engine/optimize/highs-solver.ts';
import { createMilpBuilder } from '../engine/optimize/milp.ts';
import { createShortestPathSearch } from '../engine/routing/dijkstra.ts';
import { buildRoutingGraph } from '../engine/routing/routing-graph.ts';

const root = resolve(import.meta.dirname, '..');
const { values } = parseArgs({ options: { data: { type: 'string' }, keep: { type: 'string' } } });
const data = resolve(values.data ?? join(root, '..', 'shared', 'data', 'cumcm-2011b'));
if (!existsSync(join(data, 'intersections.csv'))) {
  console.log(`CUMCM 2011 B data not found in ${data} (pass --data DIR): skipped`);
  process.exit(0);
}
const load = () => loadavg().map((x) => x.toFixed(2)).join(' ');
const table = (name: string) => {
  const t = parseCsv(readFileSync(join(data, name), 'utf8'), name);
  return t.rows.map((r) => Object.fromEntries(t.header.map((h, i) => [h, r.values[i]])));
};

// Convert the contest tables.
const dir = values.keep ?? mkdtempSync(join(tmpdir(), 'patrolsim-cumcm-'));
const inter = table('intersections.csv');
const xy = new Map(inter.map((r) => [r.id, [Number(r.x_map) * 100, Number(r.y_map) * 100]]));
writeFileSync(join(dir, 'nodes.csv'), `id,x,y\n${inter.map((r) => `${r.id},${xy.get(r.id)![0]},${xy.get(r.id)![1]}`).join('\n')}\n`);
writeFileSync(join(dir, 'roads.csv'), `from,to,length_m,speed_kph\n${table('roads.csv').map((r) => {
  const [a, b] = [xy.get(r.from)!, xy.get(r.to)!];
  return `${r.from},${r.to},${Math.hypot(a[0] - b[0], a[1] - b[1])},60`;
}).join('\n')}\n`);
const platforms = table('platforms.csv');
writeFileSync(join(dir, 'posts-all.csv'), `id,node,units\n${platforms.map((r) => `${r.district}${r.platform},${r.node},1`).join('\n')}\n`);
writeFileSync(join(dir, 'posts-a.csv'), `id,node,units\n${platforms.filter((r) => r.district === 'A').map((r) => `A${r.platform},${r.node},1`).join('\n')}\n`);
const accesses = table('accesses.csv');
const cityAccess = accesses.map((r) => r.city_access_node).filter(Boolean);
const accessA = accesses.map((r) => r.district_a_access_node).filter(Boolean);
writeFileSync(join(dir, 'exits-city.csv'), `node\n${cityAccess.join('\n')}\n`);
writeFileSync(join(dir, 'exits-a.csv'), `node\n${accessA.join('\n')}\n`);
const inA = new Set(inter.filter((r) => r.district === 'A').map((r) => r.id));
writeFileSync(join(dir, 'roads-a.csv'), `from,to,length_m,speed_kph\n${table('roads.csv').filter((r) => inA.has(r.from) && inA.has(r.to)).map((r) => {
  const [a, b] = [xy.get(r.from)!, xy.get(r.to)!];
  return `${r.from},${r.to},${Math.hypot(a[0] - b[0], a[1] - b[1])},60`;
}).join('\n')}\n`);
writeFileSync(join(dir, 'demand-all.csv'), `node,weight\n${inter.map((r) => `${r.id},${r.accident_rate}`).join('\n')}\n`);
writeFileSync(join(dir, 'demand-a.csv'), `node,weight\n${inter.filter((r) => r.district === 'A').map((r) => `${r.id},${r.accident_rate}`).join('\n')}\n`);
writeFileSync(join(dir, 'candidates-a.csv'), `id,fixed\n${inter.filter((r) => r.district === 'A').map((r) => `${r.id},${platforms.some((p) => p.district === 'A' && p.node === r.id) ? 1 : 0}`).join('\n')}\n`);
console.log(`CUMCM 2011 B: ${inter.length} intersections, ${platforms.length} platforms; files in ${dir}; load average ${load()}`);

const network = ['--network', join(dir, 'roads.csv'), '--nodes', join(dir, 'nodes.csv'), '--coords', 'planar', '--undirected'];
function cli(args: string[]): { out: Record<string, unknown>; ms: number; code: number } {
  const t = performance.now();
  const r = spawnSync(process.execPath, [join(root, 'bin', 'patrolsim.mjs'), ...args, '--json'], { encoding: 'utf8' });
  const ms = performance.now() - t;
  if (r.status !== 0 && r.status !== 1) throw new Error(`patrolsim ${args[0]} failed (${r.status}): ${r.stderr}`);
  return { out: JSON.parse(r.stdout), ms, code: r.status ?? -1 };
}
let failures = 0;
const check = (ok: boolean, what: string) => { console.log(`  ${ok ? 'ok' : 'MISMATCH'}: ${what}`); if (!ok) failures++; };

const graph = loadNetwork([join(dir, 'roads.csv')], { nodesFile: join(dir, 'nodes.csv'), coordKind: 'planar', undirected: true });
const rg = buildRoutingGraph(graph);
const search = createShortestPathSearch(rg);
const timesFrom = (id: string) => { search.run([graph.indexOf(id)]); return Float64Array.from(search.timeS); };
const highs = await loadHighsSolver();

// 1. Blockade of district A's 13 accesses by its 20 platforms (one platform per access).
const blockade = cli(['cordon', 'blockade', ...network, '--posts', join(dir, 'posts-a.csv'), '--exits', join(dir, 'exits-a.csv')]);
const latestA = blockade.out.latestS as number;
console.log(`blockade, district A (13 accesses, 20 platforms): latest ${latestA.toFixed(2)} s = ${(latestA / 60).toFixed(3)} min, total ${(blockade.out.totalS as number).toFixed(1)} s (CLI ${blockade.ms.toFixed(0)} ms)`);
{
  const postsA = platforms.filter((r) => r.district === 'A').map((r) => r.node);
  const t = postsA.map((p) => { const row = timesFrom(p); return accessA.map((x) => row[graph.indexOf(x)]); });
  const b = createMilpBuilder('min');
  const L = b.addCol(1, 0, Infinity, false);
  const x = t.map((row) => row.map(() => b.addCol(0, 0, 1, true)));
  accessA.forEach((_, e) => b.addRow(1, 1, x.map((row) => row[e]), 1));
  x.forEach((row) => b.addRow(-Infinity, 1, row, 1));
  t.forEach((row, p) => row.forEach((te, e) => b.addRow(-Infinity, 0, [x[p][e], L], [te, -1])));
  const r = highs.solve(b.build());
  check(r.status === 'optimal' && Math.abs(r.objective - latestA) < 1e-6, `independent MILP (HiGHS) bottleneck ${r.objective.toFixed(2)} s; published solutions report about 8.0 min`);
}

// 2. Jurisdictions of all 80 platforms (workload: accident rates), 3-minute target, balanced.
const jur = cli(['jurisdictions', ...network, '--posts', join(dir, 'posts-all.csv'), '--demand', join(dir, 'demand-all.csv'), '--target', '180', '--balance']);
{
  const posts = jur.out.posts as { beyondTarget: number; weight: number }[];
  const bal = jur.out.balanced as { balance: { maxWeight: number; cv: number }; lowerBound: number; gap: number; reassignedNodes: number; posts: { beyondTarget: number }[] };
  const beyond = posts.reduce((s, p) => s + p.beyondTarget, 0);
  const beyondAfter = bal.posts.reduce((s, p) => s + p.beyondTarget, 0);
  const before = jur.out.balance as { maxWeight: number; cv: number };
  console.log(`jurisdictions, 80 platforms: ${beyond} intersections beyond 3 min; largest workload ${before.maxWeight.toFixed(1)}/day, cv ${before.cv.toFixed(3)}; balanced ${bal.balance.maxWeight.toFixed(1)}/day, cv ${bal.balance.cv.toFixed(3)}, ${bal.reassignedNodes} reassigned, ${beyondAfter} beyond 3 min; bound ${bal.lowerBound.toFixed(2)} (gap ${(bal.gap * 100).toFixed(1)} %) (CLI ${jur.ms.toFixed(0)} ms)`);
  check(beyondAfter <= beyond, 'balancing puts no further intersection beyond the target');
}
// District A alone (its own roads), as the contest's first task has it.
const networkA = ['--network', join(dir, 'roads-a.csv'), '--nodes', join(dir, 'nodes.csv'), '--coords', 'planar', '--undirected'];
const jurA = cli(['jurisdictions', ...networkA, '--posts', join(dir, 'posts-a.csv'), '--demand', join(dir, 'demand-a.csv'), '--target', '180', '--balance']);
{
  const posts = jurA.out.posts as { post: string; weight: number; beyondTarget: number; maxTimeS: number }[];
  const bal = jurA.out.balanced as { balance: { maxWeight: number; cv: number }; lowerBound: number; gap: number };
  console.log(`jurisdictions, district A (its roads, 20 platforms): ${posts.reduce((n, p) => n + p.beyondTarget, 0)} intersections beyond 3 min (${jurA.out.unassigned} unreached), workloads ${Math.min(...posts.map((p) => p.weight)).toFixed(1)}..${Math.max(...posts.map((p) => p.weight)).toFixed(1)} accidents/day, cv ${(jurA.out.balance as { cv: number }).cv.toFixed(3)}; balanced largest ${bal.balance.maxWeight.toFixed(1)}, cv ${bal.balance.cv.toFixed(3)}, bound ${bal.lowerBound.toFixed(2)} (gap ${(bal.gap * 100).toFixed(1)} %)`);
}

// 3. Added platforms for district A: every intersection within 3 minutes, least largest workload.
for (const P of [23, 24, 25]) {
  const o = cli(['optimize', '--model', 'minmax-workload', ...networkA, '--demand', join(dir, 'demand-a.csv'), '--candidates', join(dir, 'candidates-a.csv'), '--facilities', String(P), '--target', '180']);
  console.log(`minmax-workload, district A, ${P} platforms (${P - 20} added), 3-minute target: ${o.out.status}${o.out.objective !== null ? `, largest workload ${(o.out.objective as number).toFixed(2)}/day, added ${(o.out.selected as string[]).filter((id) => Number(id) > 20).join(' ')}` : ''} (${(o.out.seconds as number).toFixed(1)} s)`);
}

// 4. Containment: the suspect flees from intersection 32; the police learn of it 3 minutes later.
const contain = cli(['cordon', 'contain', ...network, '--posts', join(dir, 'posts-all.csv'), '--origin', '32', '--delay-s', '180', '--exits', join(dir, 'exits-city.csv')]);
{
  const c = contain.out;
  console.log(`containment from 32, delay 180 s, 17 city accesses: ${c.feasible ? `${(c.closed as unknown[]).length} nodes closed, latest ${(c.latestS as number).toFixed(2)} s${c.proven ? ' (proven)' : ''}` : `none (${c.reason})`} (CLI ${contain.ms.toFixed(0)} ms)`);
  const edge = cli(['cordon', 'contain', ...network, '--posts', join(dir, 'posts-all.csv'), '--origin', '32', '--delay-s', '180']);
  const ex = edge.out.exits as { count: number; bandM: number };
  console.log(`  against the default city edge (${ex.count} nodes, band ${ex.bandM.toFixed(0)} m): latest ${edge.out.latestS === null ? '-' : (edge.out.latestS as number).toFixed(2)} s`);
  // Independent MILP on the whole network.
  const n = graph.nodeCount;
  const s = timesFrom('32');
  const posts = platforms.map((r) => r.node);
  const rows = posts.map((p) => timesFrom(p));
  const b = createMilpBuilder('min');
  const L = b.addCol(1, 0, Infinity, false);
  const z = Array.from({ length: n }, () => b.addCol(0, 0, 1, true));
  const r = Array.from({ length: n }, () => b.addCol(0, 0, 1, false));
  const yByNode: number[][] = Array.from({ length: n }, () => []);
  const yByPost: number[][] = posts.map(() => []);
  rows.forEach((row, p) => { for (let v = 0; v < n; v++) { const c = 180 + row[v]; if (c <= s[v]) { const y = b.addCol(0, 0, 1, true); yByNode[v].push(y); yByPost[p].push(y); b.addRow(-Infinity, 0, [y, L], [c, -1]); } } });
  for (let v = 0; v < n; v++) b.addRow(0, 0, [...yByNode[v], z[v]], [...yByNode[v].map(() => 1), -1]);
  yByPost.forEach((ys) => { if (ys.length) b.addRow(-Infinity, 1, ys, 1); });
  const o = graph.indexOf('32');
  b.addRow(1, Infinity, [r[o], z[o]], [1, 1]);
  for (let e = 0; e < graph.edgeCount; e++) b.addRow(0, Infinity, [r[graph.edgeTo[e]], r[graph.edgeFrom[e]], z[graph.edgeTo[e]]], [1, -1, 1]);
  for (const x of cityAccess) b.addRow(0, 0, [r[graph.indexOf(x)]], 1);
  const t0 = performance.now();
  const m = highs.solve(b.build(), { timeLimitS: 600 });
  check(m.status === 'optimal' && c.latestS !== null && Math.abs(m.objective - (c.latestS as number)) < 1e-6, `independent MILP (HiGHS, ${((performance.now() - t0) / 1000).toFixed(1)} s) latest ${m.objective.toFixed(2)} s`);
}

// 5. The ring of a 5-minute scene at intersection 32, closed by all 80 platforms.
const ring = cli(['cordon', 'ring', ...network, '--posts', join(dir, 'posts-all.csv'), '--incident', '32', '--radius-s', '300']);
{
  const shares = (ring.out.closedShare as { withinS: number; share: number }[]).map((c) => `${(c.share * 100).toFixed(0)}%`).join(' / ');
  console.log(`ring of 5 minutes around 32: ${ring.out.regionNodes} intersections, ${(ring.out.exits as string[]).length} exits, ${ring.out.feasible ? `latest ${(ring.out.latestS as number).toFixed(1)} s` : 'no full blockade'}; closed by 1/3/5 min ${shares} (CLI ${ring.ms.toFixed(0)} ms)`);
}

// 6. How the default city edge compares with the contest's 17 city accesses.
{
  const e = cityEdgeNodes(graph);
  const inEdge = new Set(Array.from(e.nodes, (v) => graph.nodeIds[v]));
  console.log(`city edge (band ${e.bandM.toFixed(0)} m): ${e.nodes.length} intersections, holding ${cityAccess.filter((x) => inEdge.has(x)).length} of the 17 published city accesses`);
}
console.log(failures ? `${failures} MISMATCHES` : 'all checks agree');
if (failures) process.exitCode = 1;
