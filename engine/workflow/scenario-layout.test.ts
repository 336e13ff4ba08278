import { describe, expect, it } from 'vitest';
import { createRoadGraphBuilder } from '../graph/road-graph.ts';
import { resolveScenarioWithGraph } from '../sim/load-scenario.ts';
import type { ScenarioFile } from '../sim/scenario-file.ts';
import { createTravelOracle } from '../sim/travel-oracle.ts';
import { scenarioStatics } from './scenario-layout.ts';

// a -1000 m- b -1000 m- c (and back), 36 km/h: 100 s per edge at free flow.
function line() {
  const b = createRoadGraphBuilder('planar');
  for (const [id, x] of [['a', 0], ['b', 1000], ['c', 2000]] as const) b.addNode({ id, x, y: 0 });
  for (const [f, t] of [['a', 'b'], ['b', 'a'], ['b', 'c'], ['c', 'b']]) b.addEdge({ from: f, to: t, lengthM: 1000, speedKph: 36, roadClass: 'primary' });
  return b.build({ format: 'test', files: [] });
}

const file = (units: ScenarioFile['units']): ScenarioFile => ({
  network: { files: ['-'] }, horizonS: 1000,
  travel: { hourlySpeedFactor: Array.from({ length: 24 }, (_, h) => (h === 0 ? 0.8 : 1)) },
  demand: { kind: 'poisson', incidentsPerDay: 10, classMix: { c: 1 } },
  classes: [{ name: 'c', tiers: [{ targetS: 60, units: 1 }], onScene: { kind: 'fixed', valueS: 10 } }],
  posts: [{ id: 'P', node: 'b' }], units,
});

describe('static figures of a scenario', () => {
  it('use the simulator\'s response travel times (the one rule), at the hour asked', () => {
    const sc = resolveScenarioWithGraph(file([{ id: 'u', type: 'foot', post: 'P' }, { id: 'v', type: 'car', post: 'P' }]), line());
    const oracle = createTravelOracle(sc);
    const foot = sc.unitTypes.findIndex((t) => t.name === 'foot');
    const statics = scenarioStatics(sc, 0);
    // The layout holds a car and a foot officer: each edge is scored at the slower, the foot officer's 6 km/h.
    expect(Array.from(statics.routing.fwdTimeS).sort()).toEqual(Array.from(oracle.responseEdgeTimeS(foot, oracle.hourGroup(0))).sort());
    expect(statics.routing.fwdTimeS[0]).toBe(600);
  });

  it('score a car-only layout at the car\'s times, hourly factor included', () => {
    const sc = resolveScenarioWithGraph(file([{ id: 'v', type: 'car', post: 'P' }]), line());
    const oracle = createTravelOracle(sc);
    const car = sc.unitTypes.findIndex((t) => t.name === 'car');
    expect(Array.from(scenarioStatics(sc, 0).routing.fwdTimeS).sort()).toEqual(Array.from(oracle.responseEdgeTimeS(car, oracle.hourGroup(0))).sort());
    // 100 s / 0.8 (hour 0) / 1.2 (a car's response factor).
    expect(scenarioStatics(sc, 0).routing.fwdTimeS[0]).toBeCloseTo(100 / 0.8 / 1.2, 12);
  });
});
