import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, tempDir } from '../../test/support/run-cli.ts';

describe('patrolsim optimize --refine-sim', () => {
  it('prints every accepted move with a paired interval above zero, and the final simulated tiers, the same twice', () => {
    // A line a - ... - h, 60 s per edge; calls everywhere; the model sees 3 units.
    const nodes = 'abcdefgh'.split('');
    const roads = ['from,to,time_s', ...nodes.slice(1).map((v, k) => `${nodes[k]},${v},60`)].join('\n');
    const scenario = {
      name: 'line', network: { files: ['roads.csv'], undirected: true }, horizonS: 86400 * 3, warmupS: 3600, seed: 3, replications: 4,
      demand: { kind: 'poisson', incidentsPerDay: 60, classMix: { call: 1 } },
      classes: [{ name: 'call', tiers: [{ targetS: 60, units: 1 }], onScene: { kind: 'exponential', meanS: 900 } }],
      posts: [{ id: 'P', node: 'a' }], units: [{ id: 'u', type: 'car', post: 'P', count: 3 }],
    };
    const dir = tempDir({ 'roads.csv': `${roads}\n`, 'scenario.json': JSON.stringify(scenario) });
    const args = ['optimize', '--model', 'tiered', '--network', join(dir, 'roads.csv'), '--undirected', '--facilities', '3', '--targets', '60', '--units', '1',
      '--refine-sim', join(dir, 'scenario.json'), '--json'];
    const r = runCli(args);
    expect(r.stderr).not.toMatch(/Error/);
    expect(r.code).toBe(0);
    const s = JSON.parse(r.stdout).refineSim;
    for (const a of s.accepted) expect(a.ci95[0]).toBeGreaterThan(0);
    expect(s.final).toHaveLength(1);
    expect(s.final[0].ci95).not.toBeNull();
    expect(['no-improving-candidate', 'confirmation-failed', 'max-rounds']).toContain(s.stop);
    // Start and final tiers on replications the moves were not chosen on (screening is 0 .. 3).
    expect(s.tierReplications[0]).toBeGreaterThanOrEqual(4);
    expect(s.tierReplications[1] - s.tierReplications[0]).toBe(3);
    if (s.overall) expect(s.tierReplications).toEqual(s.overall.replications);
    expect(r.stderr).toMatch(/screened/);
    const again = runCli(args);
    expect(JSON.parse(again.stdout).refineSim).toEqual(s);
    const text = runCli(args.slice(0, -1));
    expect(text.stdout).toMatch(/refinement by simulation \(class call/);
  }, 120_000);
});
