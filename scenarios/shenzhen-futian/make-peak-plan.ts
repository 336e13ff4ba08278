/**
 * Makes `peak-plan.json`: a time-of-day plan for the evening peak (17:00–21:00) that moves the second
 * car of each two-car station to a staging point, the same units in total.
 *
 * The staging points are chosen greedily by the expected tier coverage of tier-greedy move-up
 * (engine/sim/relocation/tier-greedy.ts) for the serious class (its 1/3/5-minute tiers, equally
 * weighted: the 1-minute tier is the one the layout misses): every unit counts as available with
 * probability 1 − q, q the offered load per unit in the peak (the all-day load times the peak's share
 * of the hourly profile), and each car in turn goes to the road node that raises
 * E = Σ_j d_j Σ_τ w_τ P(Bin(n_jτ, 1 − q) ≥ k_τ) the most, the other units staying at their posts.
 * It is a static MEXCLP placement for peak hours, not an optimum.
 *
 *   npx tsx scenarios/shenzhen-futian/make-peak-plan.ts [--check]
 *
 * --check recomputes the plan and exits 1 if the file differs (the file is what the docs quote).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadScenario } from '../../engine/sim/load-scenario.ts';
import { prepareModel } from '../../engine/sim/model.ts';
import { binomialTail, tierGreedyTables } from '../../engine/sim/relocation/tier-greedy.ts';
import { offeredLoad } from '../../engine/sim/resolve-relocation.ts';
import type { PlanFile } from '../../engine/sim/scenario-file.ts';

const PEAK = { startHour: 17, endHour: 21 };
const MOVABLE = ['S-Shatou-car-2', 'S-Civic-car-2', 'S-Yuanling-car-2'];
const dir = import.meta.dirname;

const probe = loadScenario(join(dir, 'scenario.json'), { replications: 1 });
if (probe.demand.kind !== 'poisson') throw new Error('the peak plan needs Poisson demand');
const profile = probe.file.demand.kind === 'poisson' ? probe.file.demand.hourlyProfile ?? new Array(24).fill(1) : [];
const mean = profile.reduce((a, b) => a + b, 0) / 24;
const peakFactor = profile.slice(PEAK.startHour, PEAK.endHour).reduce((a, b) => a + b, 0) / (PEAK.endHour - PEAK.startHour) / mean;
const q = Math.min(0.95, offeredLoad(probe) * peakFactor);
const sc = loadScenario(join(dir, 'scenario.json'), { replications: 1, relocation: { policy: 'tier-greedy', busyFraction: Number(q.toFixed(3)), classWeights: { serious: 1 } } });
const policy = sc.relocation;
if (policy.policy !== 'tier-greedy') throw new Error('unreachable');
const model = prepareModel(sc);
const tables = tierGreedyTables(model, policy);
const nJ = tables.demandNode.length;
const nT = tables.tierTargetS.length;
const F = Array.from(tables.tierUnits, (k) => binomialTail(sc.units.length + 1, 1 - policy.busyFraction, k));
const count = new Int32Array(nJ * nT);
const add = (slot: number, node: number, delta: number) => {
  const cov = tables.coverage(slot, node);
  for (let e = 0; e < cov.j.length; e++) for (let tau = cov.from[e]; tau < nT; tau++) count[cov.j[e] * nT + tau] += delta;
};
const gain = (slot: number, node: number) => {
  const cov = tables.coverage(slot, node);
  let g = 0;
  for (let e = 0; e < cov.j.length; e++) {
    const j = cov.j[e];
    for (let tau = cov.from[e]; tau < nT; tau++) { const n = count[j * nT + tau]; g += tables.demandWeight[j] * tables.tierWeight[tau] * (F[tau][n + 1] - F[tau][n]); }
  }
  return g;
};
const movable = MOVABLE.map((id) => {
  const u = sc.units.findIndex((x) => x.id === id);
  if (u < 0) throw new Error(`no unit ${id} in the scenario`);
  return u;
});
sc.units.forEach((u, k) => { if (!movable.includes(k)) add(model.oracle.slot(u.type, 0), sc.posts[u.post].node, 1); });
const candidates = tables.demandNode; // road nodes with demand, in the largest strongly connected part
const assign: NonNullable<PlanFile['blocks'][number]['assign']> = [];
const posts: NonNullable<PlanFile['posts']> = [];
for (const u of movable) {
  const slot = model.oracle.slot(sc.units[u].type, 0);
  let best = -1, bestGain = -Infinity;
  for (const v of candidates) { const g = gain(slot, v); if (g > bestGain) { bestGain = g; best = v; } }
  add(slot, best, 1);
  const id = `T-${sc.graph.nodeIds[best]}`;
  posts.push({ id, node: sc.graph.nodeIds[best], type: 'staging', label: `evening-peak staging point for ${sc.units[u].id}` });
  assign.push({ unit: sc.units[u].id, post: id });
  console.error(`${sc.units[u].id} -> node ${sc.graph.nodeIds[best]} (+${bestGain.toFixed(5)} expected tier coverage)`);
}
const plan: PlanFile = {
  description: `Evening peak (17-21): the second car of each two-car station waits at a staging point chosen by expected coverage of the serious tiers with q = ${policy.busyFraction} (make-peak-plan.ts). Same units in total.`,
  posts,
  blocks: [{ name: 'evening peak', startHour: PEAK.startHour, endHour: PEAK.endHour, assign }],
};
const text = `${JSON.stringify(plan, null, 2)}\n`;
const out = join(dir, 'peak-plan.json');
if (process.argv.includes('--check')) {
  const same = readFileSync(out, 'utf8') === text;
  console.error(same ? 'peak-plan.json is up to date' : 'peak-plan.json differs from the recomputed plan');
  process.exit(same ? 0 : 1);
}
writeFileSync(out, text);
console.error(`wrote ${out} (q = ${policy.busyFraction}, peak factor ${peakFactor.toFixed(3)})`);
