/**
 * CLI start-up: wall time of `patrolsim <command> --help` for every command (and of `patrolsim
 * --help`, which loads them all) against `node -e 0`, measured in the same run. Runs are
 * interleaved (one of each per round) so that a change in machine load hits all alike; the median
 * of the rounds is compared. Target: every command within 3x of `node -e 0`.
 *
 *   npx tsx bench/cli-startup.ts [--rounds 21] [--source] [--json FILE]
 *
 * `--source` times the fallback the entry point takes when the compiled build is stale (the
 * TypeScript sources through tsx), next to the compiled path.
 */
import { spawnSync } from 'node:child_process';
import { readdirSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
// @ts-expect-error plain JavaScript module without type declarations
import { buildState } from '../bin/build-state.mjs';

const { values } = parseArgs({ options: { rounds: { type: 'string', default: '21' }, source: { type: 'boolean' }, json: { type: 'string' } } });
const rounds = Number(values.rounds);
const root = join(import.meta.dirname, '..');
const bin = join(root, 'bin/patrolsim.mjs');
const state = buildState(root) as { current: boolean; reason: string };
if (!state.current) {
  console.error(`the compiled build is not current (${state.reason}): run \`npm run build\` first`);
  process.exit(1);
}
const commands = readdirSync(join(root, 'cli/commands')).filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts')).map((f) => f.slice(0, -3)).sort();

interface Target { name: string; args: string[]; env?: Record<string, string> }
const targets: Target[] = [{ name: 'node -e 0', args: ['-e', '0'] }, { name: 'patrolsim --help', args: [bin, '--help'] }];
for (const c of commands) targets.push({ name: `patrolsim ${c} --help`, args: [bin, c, '--help'] });
if (values.source) {
  for (const c of ['optimize', 'coverage']) targets.push({ name: `patrolsim ${c} --help (from source, tsx)`, args: [bin, c, '--help'], env: { PATROLSIM_FROM_SOURCE: '1' } });
}

const times = targets.map(() => [] as number[]);
const load0 = loadavg();
for (let r = -1; r < rounds; r++) { // round -1 warms the file cache and is not counted
  targets.forEach((t, k) => {
    const t0 = performance.now();
    const res = spawnSync(process.execPath, t.args, { env: { ...process.env, ...t.env }, encoding: 'utf8' });
    const ms = performance.now() - t0;
    if (res.status !== 0) throw new Error(`${t.name}: exit ${res.status}\n${res.stderr}`);
    if (r >= 0) times[k].push(ms);
  });
}
const load1 = loadavg();
const median = (a: number[]) => { const s = [...a].sort((x, y) => x - y); return s[s.length >> 1]; };
const base = median(times[0]);
console.log(`CLI start-up, ${rounds} interleaved rounds, median wall time; load average ${load0[0].toFixed(2)} → ${load1[0].toFixed(2)} (${state.reason})`);
console.log(`${'target'.padEnd(46)} ${'median ms'.padStart(10)} ${'min ms'.padStart(8)} ${'ratio'.padStart(7)}`);
const rows = targets.map((t, k) => ({ name: t.name, medianMs: median(times[k]), minMs: Math.min(...times[k]), ratio: median(times[k]) / base }));
for (const row of rows) {
  const flag = row.name === 'node -e 0' || row.name.includes('from source') ? '' : row.ratio <= 3 ? '' : '  over 3x';
  console.log(`${row.name.padEnd(46)} ${row.medianMs.toFixed(1).padStart(10)} ${row.minMs.toFixed(1).padStart(8)} ${row.ratio.toFixed(2).padStart(6)}x${flag}`);
}
const worst = rows.filter((r) => r.name.startsWith('patrolsim') && !r.name.includes('from source')).reduce((a, b) => (b.ratio > a.ratio ? b : a));
console.log(`worst compiled command: ${worst.name} at ${worst.ratio.toFixed(2)}x node -e 0 (target <= 3x: ${worst.ratio <= 3 ? 'met' : 'NOT met'})`);
if (values.json) writeFileSync(values.json, `${JSON.stringify({ rounds, loadAverage: [load0[0], load1[0]], rows }, null, 2)}\n`);
