/**
 * patrolsim optimize against PuLP + CBC, end to end on the same CSV files: each published instance
 * is written as `demand,candidate,cost` (+ demand weights, candidate costs), then solved by
 * `patrolsim optimize --costs ...` (a child process, start-up and parsing included) and by
 * bench/baselines/pulp_location.py (/usr/bin/python3, PuLP + CBC, the same models). Both answers must
 * reach the same objective (and the published optimum where there is one). Prints each instance's
 * wall times and the ratio of the totals. Target: PuLP + CBC total >= 3x patrolsim's.
 *
 *   npx tsx bench/optimizer-vs-pulp.ts [--pmed 6,7,8] [--scp 41,42,43] [--mclp sf:5000:4]
 *       [--shared DIR] [--no-baseline] [--json FILE]
 *
 * Instances: OR-Library pmedN (costs: all-pairs shortest paths of the graph, last duplicate edge
 * wins, as parsePmed reads them; all n^2 pairs written), OR-Library scpNN (a pair at cost 0 where a
 * column covers a row; column costs in candidates.csv; LSCP with target 0), MCLP `sf:T:P` (spopt's
 * San Francisco distances) and `SJCnnn:S:P` (São José dos Campos points, Euclidean distances, all
 * pairs). Vendored files (scenarios/data) are used first, then --shared (default ../shared/benchmarks:
 * the SJC data may not be vendored). Baselines: Debian packages python3-pulp and coinor-cbc.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { parsePmed, parsePmedOptima, parseScp } from '../engine/optimize/orlib.ts';
import { createLocationProblem, type LocationProblem } from '../engine/optimize/problem.ts';
import { parseSpoptSf } from '../engine/optimize/spopt-sf.ts';

const root = join(import.meta.dirname, '..');
const { values } = parseArgs({
  options: {
    pmed: { type: 'string', default: '6,7,8' }, scp: { type: 'string', default: '41,42,43' }, mclp: { type: 'string', default: 'sf:5000:4' },
    shared: { type: 'string', default: join(root, '../shared/benchmarks') }, 'no-baseline': { type: 'boolean' }, json: { type: 'string' },
  },
});
const list = (s: string) => s.split(',').map((x) => x.trim()).filter(Boolean);
const findData = (rel: string): string => {
  for (const dir of [join(root, 'scenarios/data'), values.shared!]) if (existsSync(join(dir, rel))) return join(dir, rel);
  throw new Error(`${rel}: not in scenarios/data nor in ${values.shared}`);
};

interface Instance { name: string; model: 'pmedian' | 'lscp' | 'mclp'; problem: LocationProblem; facilities?: number; target?: number; known?: number }
const instances: Instance[] = [];
const pmedOpt = parsePmedOptima(readFileSync(findData('orlib-pmed/pmedopt.txt'), 'utf8'));
for (const n of list(values.pmed!)) {
  const { problem, p } = parsePmed(readFileSync(findData(`orlib-pmed/pmed${n}.txt`), 'utf8'), `pmed${n}.txt`);
  instances.push({ name: `pmed${n}`, model: 'pmedian', problem, facilities: p, known: pmedOpt.get(`pmed${n}`) });
}
for (const n of list(values.scp!)) {
  instances.push({ name: `scp${n}`, model: 'lscp', problem: parseScp(readFileSync(findData(`orlib-scp/scp${n}.txt`), 'utf8'), `scp${n}.txt`), target: 0 });
}
for (const spec of list(values.mclp!)) {
  const [name, t, p] = spec.split(':');
  const problem = name === 'sf'
    ? parseSpoptSf(readFileSync(findData('mclp-spopt-sf/SF_network_distance_candidateStore_16_censusTract_205_new.csv'), 'utf8'), 'sf.csv',
      readFileSync(findData('mclp-spopt-sf/SF_demand_205_centroid_uniform_weight.csv'), 'utf8'), 'sf-demand.csv')
    : parseSjc(readFileSync(findData(`mclp-sjc/${name}.txt`), 'utf8'));
  instances.push({ name: `${name} S=${t} p=${p}`, model: 'mclp', problem, target: Number(t), facilities: Number(p) });
}

/** São José dos Campos: `n 9999 p S`, then n lines `x y demand`; every point a demand and a site. */
function parseSjc(text: string): LocationProblem {
  const rows = text.trim().split(/\r?\n/).slice(1).map((l) => l.trim().split(/\s+/).map(Number));
  const ids = rows.map((_, i) => String(i + 1));
  const c: number[] = [], d: number[] = [], v: number[] = [];
  rows.forEach(([xj, yj], j) => rows.forEach(([xi, yi], i) => { c.push(j); d.push(i); v.push(Math.hypot(xi - xj, yi - yj)); }));
  return createLocationProblem({ demandIds: ids, demandWeight: rows.map((r) => r[2]), candidateIds: ids, pairs: { candidate: c, demand: d, cost: v } });
}

/** The problem as the CSV files both tools read. */
function writeCsvs(inst: Instance, dir: string): string[] {
  const p = inst.problem;
  const lines = ['demand,candidate,cost'];
  for (let j = 0; j < p.candidateIds.length; j++) {
    for (let k = p.reachStart[j]; k < p.reachStart[j + 1]; k++) lines.push(`${p.demandIds[p.reachDemand[k]]},${p.candidateIds[j]},${p.reachCost[k]}`);
  }
  writeFileSync(join(dir, 'costs.csv'), `${lines.join('\n')}\n`);
  const files = ['--costs', join(dir, 'costs.csv')];
  if (p.demandWeight.some((w) => w !== 1)) {
    writeFileSync(join(dir, 'demand.csv'), `id,weight\n${p.demandIds.map((id, i) => `${id},${p.demandWeight[i]}`).join('\n')}\n`);
    files.push('--demand', join(dir, 'demand.csv'));
  }
  if (p.siteCost.some((c) => c !== 1)) {
    writeFileSync(join(dir, 'candidates.csv'), `id,cost\n${p.candidateIds.map((id, j) => `${id},${p.siteCost[j]}`).join('\n')}\n`);
    files.push('--candidates', join(dir, 'candidates.csv'));
  }
  return files;
}

function timed(cmd: string, args: string[]): { seconds: number; out: { objective: number | null; status: string } } {
  const t0 = performance.now();
  const r = spawnSync(cmd, args, { encoding: 'utf8', maxBuffer: 1 << 26 });
  const seconds = (performance.now() - t0) / 1000;
  if (r.status !== 0 && r.status !== 1) throw new Error(`${cmd} ${args.join(' ')}: exit ${r.status}\n${r.stderr}`);
  return { seconds, out: JSON.parse(r.stdout.trim().split('\n').pop()!) };
}

const tmp = mkdtempSync(join(tmpdir(), 'patrolsim-bench-'));
const rows: { name: string; model: string; size: string; patrolsim: number; pulp: number; objective: number | null; pulpObjective: number | null; known?: number; agree: boolean }[] = [];
const load0 = loadavg()[0];
try {
  for (const inst of instances) {
    const dir = mkdtempSync(join(tmp, 'i-'));
    const files = writeCsvs(inst, dir);
    const common = ['--model', inst.model, ...files,
      ...(inst.facilities !== undefined ? ['--facilities', String(inst.facilities)] : []), ...(inst.target !== undefined ? ['--target', String(inst.target)] : [])];
    const ours = timed(process.execPath, [join(root, 'bin/patrolsim.mjs'), 'optimize', ...common, '--json', '--time-limit', '600']);
    const base = values['no-baseline'] ? undefined : timed('/usr/bin/python3', [join(root, 'bench/baselines/pulp_location.py'), ...common]);
    const a = ours.out.objective, b = base?.out.objective ?? null;
    const close = (x: number | null, y: number | null | undefined) => x !== null && y !== null && y !== undefined && Math.abs(x - y) <= 1e-6 * Math.max(1, Math.abs(y));
    const agree = ours.out.status === 'optimal' && (base === undefined || close(a, b)) && (inst.known === undefined || close(a, inst.known));
    rows.push({ name: inst.name, model: inst.model, size: `${inst.problem.demandIds.length}x${inst.problem.candidateIds.length}`, patrolsim: ours.seconds, pulp: base?.seconds ?? NaN, objective: a, pulpObjective: b, known: inst.known, agree });
    const r = rows[rows.length - 1];
    console.log(`${r.name.padEnd(20)} ${r.model.padEnd(8)} ${r.size.padStart(9)}  patrolsim ${r.patrolsim.toFixed(2).padStart(6)} s  PuLP+CBC ${Number.isNaN(r.pulp) ? '     -' : r.pulp.toFixed(2).padStart(6)} s  ratio ${Number.isNaN(r.pulp) ? '-' : (r.pulp / r.patrolsim).toFixed(2)}x  objective ${a}${b !== null ? ` / ${b}` : ''}${inst.known !== undefined ? ` (published ${inst.known})` : ''}${agree ? '' : '  DISAGREE'}`);
  }
} finally {
  rmSync(tmp, { recursive: true, force: true });
}
const ours = rows.reduce((s, r) => s + r.patrolsim, 0), theirs = rows.reduce((s, r) => s + r.pulp, 0);
const load1 = loadavg()[0];
console.log(`total: patrolsim ${ours.toFixed(2)} s, PuLP + CBC ${theirs.toFixed(2)} s: ratio ${(theirs / ours).toFixed(2)}x (target >= 3x); load average ${load0.toFixed(2)} → ${load1.toFixed(2)}`);
for (const model of ['pmedian', 'lscp', 'mclp']) {
  const sub = rows.filter((r) => r.model === model);
  if (sub.length) console.log(`  ${model}: patrolsim ${sub.reduce((s, r) => s + r.patrolsim, 0).toFixed(2)} s, PuLP + CBC ${sub.reduce((s, r) => s + r.pulp, 0).toFixed(2)} s`);
}
if (rows.some((r) => !r.agree)) { console.log('some answers disagree (see DISAGREE above)'); process.exitCode = 1; }
if (values.json) writeFileSync(values.json, `${JSON.stringify({ loadAverage: [load0, load1], rows }, null, 2)}\n`);
