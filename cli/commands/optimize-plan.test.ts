import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, tempDir } from '../../test/support/run-cli.ts';

// A line a - b - c - d - e - f, 30 s per edge both ways.
const roads = 'from,to,time_s\na,b,30\nb,c,30\nc,d,30\nd,e,30\ne,f,30\n';
const scenario = {
  name: 'line', network: { files: ['roads.csv'], undirected: true }, horizonS: 86400 * 2, seed: 1, replications: 2,
  demand: { kind: 'poisson', incidentsPerDay: 48, hourlyProfile: [1, 1, 1, 1, 1, 1, 1, 3, 3, 3, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1], classMix: { call: 1 } },
  classes: [{ name: 'call', tiers: [{ targetS: 30, units: 1 }, { targetS: 60, units: 2 }], onScene: { kind: 'exponential', meanS: 600 } }],
  posts: [{ id: 'S', node: 'a', type: 'station' }, { id: 'K', node: 'f', type: 'kiosk' }],
  units: [
    { id: 'car', type: 'car', post: 'S' },
    { id: 'moto', type: 'motorbike', post: 'K', count: 2 },
    { id: 'peak', type: 'car', post: 'K', shift: 'peak' },
  ],
  shifts: [{ name: 'peak', startHour: 7, endHour: 10 }],
};
const blocks = {
  scenario: 'scenario.json',
  blocks: [{ name: 'night', startHour: 22, endHour: 7 }, { name: 'peak', startHour: 7, endHour: 10 }, { name: 'day', startHour: 10, endHour: 22 }],
  moves: { max: 1 },
};

/** The rules of the plan format (notes: PLAN-FORMAT): every unit on duty listed once per block, posts known, no clashing ids. */
function planFormatProblems(plan: { posts: { id: string; node: string }[]; blocks: { name: string; startHour: number; endHour: number; assign: { unit: string; post: string }[] }[] }, unitsOnDuty: string[][], scenarioPosts: string[], unitIds: string[]): string[] {
  const out: string[] = [];
  const posts = new Set([...scenarioPosts, ...plan.posts.map((p) => p.id)]);
  for (const p of plan.posts) if (scenarioPosts.includes(p.id)) out.push(`plan post ${p.id} clashes with a scenario post`);
  plan.blocks.forEach((b, k) => {
    if (!(b.startHour >= 0 && b.startHour <= 24 && b.endHour >= 0 && b.endHour <= 24 && b.startHour !== b.endHour)) out.push(`block ${k}: bad hours`);
    const listed = b.assign.map((a) => a.unit);
    if (new Set(listed).size !== listed.length) out.push(`block ${k}: a unit listed twice`);
    for (const a of b.assign) {
      if (!unitIds.includes(a.unit)) out.push(`block ${k}: unknown unit ${a.unit}`);
      if (!posts.has(a.post)) out.push(`block ${k}: unknown post ${a.post}`);
    }
    if ([...listed].sort().join() !== [...unitsOnDuty[k]].sort().join()) out.push(`block ${k}: lists ${listed} but ${unitsOnDuty[k]} are on duty`);
  });
  return out;
}

describe('patrolsim optimize --blocks', () => {
  it('plans a scenario\'s day by blocks and writes a plan in the simulator\'s format, the same bytes twice', () => {
    const dir = tempDir({ 'roads.csv': roads, 'scenario.json': JSON.stringify(scenario), 'blocks.json': JSON.stringify(blocks) });
    const args = ['optimize', '--model', 'tiered', '--blocks', join(dir, 'blocks.json'), '--targets', '30,60', '--units', '1,2', '--json'];
    const r = runCli([...args, '--plan-out', join(dir, 'p1.json')]);
    expect(r.stderr).not.toMatch(/Error:/);
    expect(r.code).toBe(0);
    const s = JSON.parse(r.stdout);
    expect(s.status).toBe('optimal');
    expect(s.blocks.map((b: { name: string; unitsOnDuty: number }) => [b.name, b.unitsOnDuty])).toEqual([['peak', 4], ['day', 3], ['night', 3]]); // day order
    for (const b of s.blocks) expect(b.movesOut).toBeLessThanOrEqual(1);
    const plan = JSON.parse(readFileSync(join(dir, 'p1.json'), 'utf8'));
    const all = ['car', 'moto-1', 'moto-2', 'peak'];
    expect(planFormatProblems(plan, [all, ['car', 'moto-1', 'moto-2'], ['car', 'moto-1', 'moto-2']], ['S', 'K'], all)).toEqual([]);
    // The station's car stays at S in every block.
    for (const b of plan.blocks) expect(b.assign.find((a: { unit: string }) => a.unit === 'car').post).toBe('S');
    runCli([...args, '--plan-out', join(dir, 'p2.json')]);
    expect(readFileSync(join(dir, 'p1.json'), 'utf8')).toBe(readFileSync(join(dir, 'p2.json'), 'utf8'));
    // The whole loop: the simulator runs the plan as written.
    const sim = runCli(['simulate', join(dir, 'scenario.json'), '--plan', join(dir, 'p1.json'), '--out', join(dir, 'run'), '--json']);
    expect(sim.stderr).not.toMatch(/Error/);
    expect(sim.code).toBe(0);
    const summary = JSON.parse(sim.stdout);
    expect(summary.plan).not.toBeNull();
    expect(summary.relocations.unitHours.mean).toBeGreaterThan(0);
  }, 120_000);

  it('with the expected objective reports each block\'s busy probability from offered load', () => {
    const dir = tempDir({ 'roads.csv': roads, 'scenario.json': JSON.stringify(scenario), 'blocks.json': JSON.stringify(blocks) });
    const r = runCli(['optimize', '--model', 'tiered', '--blocks', join(dir, 'blocks.json'), '--targets', '30,60', '--units', '1,2', '--objective', 'expected', '--json']);
    expect(r.code).toBe(0);
    const s = JSON.parse(r.stdout);
    // 48 incidents a day, 600 s each, 2 units sent: per hour 2 × 600 / 3600 × rate share; the peak
    // hours run at 3/1.5 of the mean hourly rate (profile rescaled to mean 1: mean 30/24).
    const mean = 30 / 24;
    const busyAt = (factor: number, units: number) => ((48 / 24) * (factor / mean) * 600 * 2) / 3600 / units;
    const byName = Object.fromEntries(s.blocks.map((b: { name: string; busy: number }) => [b.name, b.busy]));
    expect(byName.peak).toBeCloseTo(busyAt(3, 4), 9);
    expect(byName.day).toBeCloseTo(busyAt(1, 3), 9);
    for (const b of s.blocks) expect(b.expectedWeight[0]).toBeLessThan(b.coveredWeight[0]);
  });

  it('with --busy sim takes each block\'s busy share from a simulation of the scenario\'s layout', () => {
    const dir = tempDir({ 'roads.csv': roads, 'scenario.json': JSON.stringify(scenario), 'blocks.json': JSON.stringify(blocks) });
    const base = ['optimize', '--model', 'tiered', '--blocks', join(dir, 'blocks.json'), '--targets', '30,60', '--units', '1,2', '--objective', 'expected', '--json'];
    const sim = JSON.parse(runCli([...base, '--busy', 'sim']).stdout);
    const load = JSON.parse(runCli(base).stdout);
    for (const b of sim.blocks) { expect(b.busy).toBeGreaterThan(0); expect(b.busy).toBeLessThan(1); }
    // Measured busy time includes the drive to the scene, which offered load leaves out.
    const day = (s: { blocks: { name: string; busy: number }[] }) => s.blocks.find((b) => b.name === 'day')!.busy;
    expect(day(sim)).toBeGreaterThan(day(load));
    const fixed = JSON.parse(runCli([...base, '--busy', '0.25']).stdout);
    for (const b of fixed.blocks) expect(b.busy).toBe(0.25);
  }, 180_000);

  it('plans from a costs table with units per block, and writes every unit in the plan', () => {
    const dir = tempDir({
      'costs.csv': 'demand,candidate,cost\nx,A,10\ny,B,10\nz,C,10\nx,B,40\ny,C,40\n',
      'cands.csv': 'id,fixed\nA,1\nB,0\nC,0\n',
      'blocks.json': JSON.stringify({ blocks: [{ name: 'day', startHour: 8, endHour: 20, units: 3 }, { name: 'night', startHour: 20, endHour: 8, units: 2, busy: 0.2 }] }),
    });
    const r = runCli(['optimize', '--model', 'tiered', '--costs', join(dir, 'costs.csv'), '--candidates', join(dir, 'cands.csv'), '--blocks', join(dir, 'blocks.json'),
      '--targets', '20', '--units', '1', '--plan-out', join(dir, 'plan.json'), '--json']);
    expect(r.code).toBe(0);
    const s = JSON.parse(r.stdout);
    expect(s.status).toBe('optimal');
    // Day: three units cover x, y, z (weight 1 each × 12/24 h); night: A's fixed unit and one more.
    expect(s.objective).toBeCloseTo(1.5 + 1, 9);
    const plan = JSON.parse(readFileSync(join(dir, 'plan.json'), 'utf8'));
    expect(plan.blocks.map((b: { assign: unknown[] }) => b.assign.length)).toEqual([3, 2]);
    expect(plan.blocks[0].assign).toContainEqual({ unit: 'fixed-A-1', post: 'P-A' });
  });

  it('exits 2 naming the JSON path when blocks leave hours out, and names the unit and shift when a shift splits a block', () => {
    const gap = { ...blocks, blocks: [{ name: 'night', startHour: 22, endHour: 7 }, { name: 'day', startHour: 10, endHour: 22 }] };
    const dir = tempDir({ 'roads.csv': roads, 'scenario.json': JSON.stringify(scenario), 'gap.json': JSON.stringify(gap), 'split.json': JSON.stringify({ ...blocks, blocks: [{ name: 'a', startHour: 0, endHour: 8 }, { name: 'b', startHour: 8, endHour: 24 }] }) });
    const a = runCli(['optimize', '--model', 'tiered', '--blocks', join(dir, 'gap.json')]);
    expect(a.code).toBe(2);
    expect(a.stderr).toMatch(/gap\.json: \/blocks\/0: block "night" ends at 7 but the next block \("day"\) starts at 10/);
    expect(a.stderr).not.toMatch(/    at /);
    const b = runCli(['optimize', '--model', 'tiered', '--blocks', join(dir, 'split.json')]);
    expect(b.code).toBe(2);
    expect(b.stderr).toMatch(/unit peak works 1 of the 8 hours of block "a" \(shift peak 7–10\)/);
    const c = runCli(['optimize', '--model', 'tiered', '--blocks', join(dir, 'gap.json'), '--facilities', '3']);
    expect(c.code).toBe(2);
    expect(c.stderr).toMatch(/--facilities: not with --blocks/);
  });

  it('exits 2 naming the field for a busy probability the busy-aware values cannot take (above 0.999)', () => {
    const busy = { ...blocks, blocks: blocks.blocks.map((b: object, k: number) => (k === 0 ? { ...b, busy: 0.9995 } : b)) };
    const dir = tempDir({ 'roads.csv': roads, 'scenario.json': JSON.stringify(scenario), 'busy.json': JSON.stringify(busy) });
    const r = runCli(['optimize', '--model', 'tiered', '--blocks', join(dir, 'busy.json'), '--objective', 'expected']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/busy\.json: \/blocks\/0\/busy: expected a probability in \[0, 0\.999\], got 0\.9995/);
    expect(r.stderr).not.toMatch(/    at /);
  });
});
