import { describe, expect, it } from 'vitest';
import { createRoadGraphBuilder } from '../graph/road-graph.ts';
import { floydWarshall } from '../../test/support/random-graph.ts';
import { resolveScenarioWithGraph } from './load-scenario.ts';
import type { ScenarioFile } from './scenario-file.ts';
import { createTravelOracle } from './travel-oracle.ts';

/** A random strongly connected graph: a ring both ways plus chords, integer times (exact sums). */
function ring(seed: number, n = 14) {
  const b = createRoadGraphBuilder('planar');
  let r = seed;
  const rnd = () => { r = (r * 1103515245 + 12345) % 2147483648; return r / 2147483648; };
  for (let i = 0; i < n; i++) b.addNode({ id: `n${i}`, x: i * 100, y: (i % 3) * 100 });
  const add = (i: number, j: number) => { const t = 5 + Math.floor(rnd() * 60); b.addEdge({ from: `n${i}`, to: `n${j}`, timeS: t, lengthM: t * 12 }); };
  for (let i = 0; i < n; i++) { add(i, (i + 1) % n); add((i + 1) % n, i); }
  for (let k = 0; k < 8; k++) add(Math.floor(rnd() * n), Math.floor(rnd() * n));
  return b.build({ format: 'test', files: [] });
}
function scenario(seed: number, extra: Partial<ScenarioFile> = {}) {
  const graph = ring(seed);
  const file: ScenarioFile = {
    network: { files: ['ring'] }, horizonS: 86400,
    demand: { kind: 'poisson', incidentsPerDay: 10, classMix: { c: 1 } },
    classes: [{ name: 'c', tiers: [{ targetS: 60, units: 1 }], onScene: { kind: 'fixed', valueS: 60 } }],
    unitTypes: [{ name: 'car', responseSpeedFactor: 1 }, { name: 'van', responseSpeedFactor: 1 }, { name: 'slow', responseSpeedFactor: 0.5 }],
    posts: [{ id: 'P', node: 'n0' }], units: [{ id: 'U', type: 'car', post: 'P' }],
    ...extra,
  };
  return resolveScenarioWithGraph(file, graph);
}

describe('travel oracle', () => {
  it('gives every target row the exact shortest times (against Floyd-Warshall), in every slot', () => {
    const sc = scenario(7);
    const oracle = createTravelOracle(sc);
    const d = floydWarshall(sc.graph);
    const slow = sc.unitTypes.findIndex((t) => t.name === 'slow');
    const car = sc.unitTypes.findIndex((t) => t.name === 'car');
    for (let x = 0; x < sc.graph.nodeCount; x++) {
      const row = oracle.toTarget(car, 0, x);
      const slowRow = oracle.toTarget(slow, 0, x);
      for (let v = 0; v < sc.graph.nodeCount; v++) {
        expect(row.timeS[v]).toBeCloseTo(d[v][x], 9);
        expect(slowRow.timeS[v]).toBeCloseTo(2 * d[v][x], 9);
      }
    }
  });

  it('shares one slot (and its rows) between unit types with equal edge times', () => {
    const sc = scenario(3);
    const oracle = createTravelOracle(sc);
    const [car, van, slow] = ['car', 'van', 'slow'].map((n) => sc.unitTypes.findIndex((t) => t.name === n));
    expect(oracle.slot(car, 0)).toBe(oracle.slot(van, 0));
    expect(oracle.slot(slow, 0)).not.toBe(oracle.slot(car, 0));
    expect(oracle.toTarget(car, 0, 5)).toBe(oracle.toTarget(van, 0, 5)); // the same cached row
  });

  it('groups hours with equal speed factors and gives each group its own times', () => {
    const hourly = Array.from({ length: 24 }, (_, h) => (h >= 7 && h < 9 ? 0.5 : 1));
    const sc = scenario(5, { travel: { hourlySpeedFactor: hourly } });
    const oracle = createTravelOracle(sc);
    expect(oracle.hourGroup(3 * 3600)).toBe(oracle.hourGroup(20 * 3600));
    expect(oracle.hourGroup(8 * 3600)).not.toBe(oracle.hourGroup(3 * 3600));
    const car = sc.unitTypes.findIndex((t) => t.name === 'car');
    const peak = oracle.toTarget(car, oracle.hourGroup(8 * 3600), 4).timeS, night = oracle.toTarget(car, oracle.hourGroup(3 * 3600), 4).timeS;
    for (let v = 0; v < sc.graph.nodeCount; v++) expect(peak[v]).toBeCloseTo(2 * night[v], 9);
  });

  it('keeps the station table equal to the rows at the station nodes', () => {
    const sc = scenario(9);
    const oracle = createTravelOracle(sc);
    const stations = [0, 3, 8, 11];
    oracle.setStationNodes(stations);
    const slot = oracle.slot(sc.unitTypes.findIndex((t) => t.name === 'car'), 0);
    for (let x = 0; x < sc.graph.nodeCount; x++) {
      const row = oracle.slotToTarget(slot, x);
      stations.forEach((v, k) => expect(oracle.stationTable(slot)[row.stationOffset + k]).toBe(row.timeS[v]));
    }
  });

  it('bounds travel times from below by landmarks and by a station (never above the true time)', () => {
    for (const seed of [1, 2, 3]) {
      const sc = scenario(seed);
      const oracle = createTravelOracle(sc);
      oracle.setStationNodes([2, 9]);
      const slot = oracle.slot(sc.unitTypes.findIndex((t) => t.name === 'car'), 0);
      const d = floydWarshall(sc.graph);
      const lm = oracle.slotLandmarks(slot);
      let tight = 0;
      for (let v = 0; v < sc.graph.nodeCount; v++) {
        for (let x = 0; x < sc.graph.nodeCount; x++) {
          const lb = lm.lowerS(v, x);
          expect(lb, `landmarks ${v}->${x}`).toBeLessThanOrEqual(d[v][x] + 1e-9);
          if (lb >= d[v][x] - 1e-9) tight++;
          const fromPost = oracle.slotFromStation(slot, 1);
          const row = oracle.slotToTarget(slot, x);
          expect(oracle.stationTable(slot)[row.stationOffset + 1] - fromPost[v], `station ${v}->${x}`).toBeLessThanOrEqual(d[v][x] + 1e-9);
        }
      }
      expect(tight).toBeGreaterThan(sc.graph.nodeCount); // the bound is often exact (along landmark paths)
    }
  });
});
