import { describe, expect, it } from 'vitest';
import { parseCsvNetwork } from '../io/network/csv-network.ts';
import { resolveScenarioWithGraph } from '../sim/load-scenario.ts';
import type { ScenarioFile } from '../sim/scenario-file.ts';
import { layoutStaticsOverDay } from './demo-plan.ts';
import { evaluateLayout, scenarioStatics } from './scenario-layout.ts';

// a --60 s-- b --60 s-- c, one unit at a, tier 1 unit within 60 s, demand alike on a, b, c.
const g = parseCsvNetwork('from,to,time_s\na,b,60\nb,a,60\nb,c,60\nc,b,60\n', 'line.csv');
const base: ScenarioFile = {
  network: { files: ['line.csv'] }, horizonS: 2 * 86400, seed: 1, replications: 1,
  demand: { kind: 'poisson', incidentsPerDay: 10, classMix: { call: 1 }, hourlyProfile: [...Array(12).fill(1), ...Array(12).fill(3)] },
  classes: [{ name: 'call', tiers: [{ targetS: 60, units: 1 }], onScene: { kind: 'exponential', meanS: 600 } }],
  posts: [{ id: 'PA', node: 'a' }], units: [{ id: 'U', type: 'car', post: 'PA' }],
};
const tiers = [{ targetS: 60, units: 1 }];

describe('a fixed layout over the day (the static rows of the demo beside a plan)', () => {
  it('weights the share of each hour by its demand, judged with the speed factor of that hour', () => {
    // Half speed in hours 0-11: only a within 60 s (1/3); full speed in 12-23: a and b (2/3), three times the demand.
    const sc = resolveScenarioWithGraph({ ...base, travel: { hourlySpeedFactor: [...Array(12).fill(0.5), ...Array(12).fill(1)] } }, g);
    const at0 = evaluateLayout(scenarioStatics(sc, 0), sc, tiers, [], {});
    expect(at0.coverage.tiers[0].coveredShare).toBeCloseTo(1 / 3, 12);
    const day = layoutStaticsOverDay(sc, sc, tiers, [], {}, at0);
    expect(day.coverage.tiers[0].coveredShare).toBeCloseTo((12 * 1 * (1 / 3) + 12 * 3 * (2 / 3)) / (12 * 1 + 12 * 3), 12);
  });

  it('is the hour-0 figure when the speed factor is the same all day', () => {
    const sc = resolveScenarioWithGraph({ ...base, travel: { hourlySpeedFactor: Array(24).fill(0.5) } }, g);
    const at0 = evaluateLayout(scenarioStatics(sc, 0), sc, tiers, [], {});
    expect(layoutStaticsOverDay(sc, sc, tiers, [], {}, at0)).toBe(at0);
  });
});
