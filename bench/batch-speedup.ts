/**
 * Batch throughput: replications per second of a sweep with 1 and with 2 worker threads, and the
 * speed-up ratio (target: >= 1.8 on 2 free cores). Runs the smoke sweep (32 cells) with a 30-day horizon
 * so each replication is real work (about 100 ms), checks both runs wrote byte-identical results.csv,
 * and prints the machine's load average (the ratio means little on a busy machine). It also prints the
 * CPU time the process got (all threads) and "cores obtained" = CPU time / wall time: on a shared
 * machine, a low speed-up with about 1 core obtained is the machine, not the batch engine; replications
 * per CPU-second, equal for 1 and 2 workers, shows the parallel overhead is small.
 *
 *   npx tsx bench/batch-speedup.ts [--sweep scenarios/sweeps/smoke.json] [--replications 8] [--horizon-s 2592000] [--workers 1,2]
 *
 * Two rates are printed: over the whole run (worker start-up included: each worker thread loads tsx and
 * the engine, about 1 s on an idle core) and steady state (from 10% to 100% of the replications done).
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { loadSweep } from '../engine/batch/load-sweep.ts';
import { runBatch } from '../engine/batch/run-batch.ts';
import type { Sweep } from '../engine/batch/sweep.ts';

const { values } = parseArgs({
  options: {
    sweep: { type: 'string', default: 'scenarios/sweeps/smoke.json' },
    replications: { type: 'string', default: '64' },
    'horizon-s': { type: 'string', default: '2592000' },
    workers: { type: 'string', default: '1,2' },
  },
});
const base = loadSweep(values.sweep);
const replications = Number(values.replications);
const horizonS = Number(values['horizon-s']);
const sweep: Sweep = {
  ...base, replications, overrides: { ...base.overrides, horizonS },
  content: { ...(base.content as object), replications, overrides: { ...base.overrides, horizonS } },
};
const load = () => loadavg().map((x) => x.toFixed(2)).join(' ');

console.log(`sweep ${values.sweep}: ${replications} replications per cell, horizon ${horizonS} s; ${availableParallelism()} CPUs; load average ${load()}`);
const rows: { workers: number; wallS: number; cpuS: number; total: number; perS: number; steadyPerS: number; csv: string }[] = [];
for (const workers of values.workers.split(',').map(Number)) {
  const out = mkdtempSync(join(tmpdir(), 'patrolsim-bench-'));
  const times: number[] = [];
  const t0 = performance.now();
  const cpu0 = process.cpuUsage();
  await runBatch(sweep, out, { workers, onProgress: (p) => { if (times.length < p.replicationsDone) times.push(performance.now()); } });
  const wallS = (performance.now() - t0) / 1000;
  const cpu = process.cpuUsage(cpu0);
  const cpuS = (cpu.user + cpu.system) / 1e6;
  const total = times.length;
  const i10 = Math.max(0, Math.floor(total / 10) - 1);
  const steadyPerS = (total - 1 - i10) / ((times[total - 1] - times[i10]) / 1000);
  rows.push({ workers, wallS, cpuS, total, perS: total / wallS, steadyPerS, csv: readFileSync(join(out, 'results.csv'), 'utf8') });
  rmSync(out, { recursive: true, force: true });
  console.log(`  ${workers} worker(s): ${total} replications in ${wallS.toFixed(2)} s: ${(total / wallS).toFixed(1)}/s overall, ${steadyPerS.toFixed(1)}/s steady; `
    + `CPU ${cpuS.toFixed(1)} s, ${(cpuS / wallS).toFixed(2)} cores obtained, ${(total / cpuS).toFixed(1)} replications per CPU-second; load average ${load()}`);
}
const [a, b] = rows;
if (a && b) {
  console.log(`speed-up ${b.workers} vs ${a.workers} worker(s): ${(b.perS / a.perS).toFixed(2)}x overall, ${(b.steadyPerS / a.steadyPerS).toFixed(2)}x steady (target >= 1.8x on 2 free cores)`);
  console.log(`results.csv identical: ${rows.every((r) => r.csv === a.csv)}`);
}
