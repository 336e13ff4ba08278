import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadScenario, overrideScenario, runSimulation } from '../../engine/sim/index.ts';
import { pairedTierDifferences, unitHoursPerDay } from '../../engine/workflow/paired-differences.ts';
import { tempDir } from '../support/run-cli.ts';

const nodes = 'abcdef'.split('');
const roads = ['from,to,time_s', ...nodes.slice(1).map((v, k) => `${nodes[k]},${v},60`)].join('\n');
const scenario = {
  name: 'line', network: { files: ['roads.csv'], undirected: true }, horizonS: 86400 * 2, warmupS: 3600, seed: 5, replications: 4,
  demand: { kind: 'poisson', incidentsPerDay: 50, classMix: { call: 1 } },
  classes: [{ name: 'call', tiers: [{ targetS: 60, units: 1 }, { targetS: 120, units: 2 }], onScene: { kind: 'exponential', meanS: 600 } }],
  posts: [{ id: 'A', node: 'a' }, { id: 'D', node: 'd' }], units: [{ id: 'u', type: 'car', post: 'A', count: 2 }, { id: 'night', type: 'car', post: 'D', shift: 'n' }],
  shifts: [{ name: 'n', startHour: 22, endHour: 6 }],
};

describe('paired differences between two layouts', () => {
  it('are the per-replication differences of the met shares, zero for the same layout, and need the same seed', () => {
    const sc = loadScenario(join(tempDir({ 'roads.csv': `${roads}\n`, 'scenario.json': JSON.stringify(scenario) }), 'scenario.json'));
    const a = runSimulation(sc, { trace: false });
    const same = pairedTierDifferences(a, runSimulation(sc, { trace: false }));
    for (const d of same) { expect(d.difference).toBe(0); expect(d.ci95).toEqual([0, 0]); }
    const moved = runSimulation(overrideScenario(sc, { units: [{ id: 'u', type: 'car', post: 'D', count: 2 }, { id: 'night', type: 'car', post: 'D', shift: 'n' }] }), { trace: false });
    const d = pairedTierDifferences(a, moved);
    const share = (r: typeof a, k: number, rep: number) => r.perReplication[rep].classes[0].met[k] / r.perReplication[rep].classes[0].incidents;
    const byHand = [0, 1, 2, 3].map((rep) => share(moved, 0, rep) - share(a, 0, rep));
    expect(d[0].difference).toBeCloseTo(byHand.reduce((x, y) => x + y, 0) / 4, 12);
    expect(() => pairedTierDifferences(a, runSimulation(sc, { seed: 6, trace: false }))).toThrow(/same seed/);
    // Two units all day and one 22–06 unit: 2 × 24 + 8.
    expect(unitHoursPerDay(sc)).toBe(56);
  });
});
