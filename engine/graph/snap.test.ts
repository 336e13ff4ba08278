import { describe, expect, it } from 'vitest';
import seedrandom from 'seedrandom';
import { createRoadGraphBuilder } from './road-graph.ts';
import { haversineM } from './geo.ts';
import { createSnapper } from './snap.ts';

describe('snapping points to nodes', () => {
  it('picks the nearest node by haversine, skipping zones, as brute force does', () => {
    const rng = seedrandom('snap');
    const b = createRoadGraphBuilder('lonlat');
    const n = 500;
    for (let i = 0; i < n; i++) b.addNode({ id: `v${i}`, x: 114 + rng() * 0.1, y: 22.5 + rng() * 0.05, zone: i % 10 === 0 });
    const g = b.build({ format: 'test', files: [] });
    const snap = createSnapper(g);
    for (let q = 0; q < 300; q++) {
      const x = 113.98 + rng() * 0.14, y = 22.48 + rng() * 0.09; // some outside the bbox
      let best = -1, bestD = Infinity;
      for (let v = 0; v < n; v++) {
        if (g.isZone[v]) continue;
        const d = haversineM(x, y, g.x[v], g.y[v]);
        if (d < bestD) { bestD = d; best = v; }
      }
      const got = snap.nearestWithDistance(x, y);
      expect(got.node).toBe(best);
      expect(got.distanceM).toBeCloseTo(bestD, 6);
    }
  });

  it('refuses a network without coordinates', () => {
    const b = createRoadGraphBuilder('none');
    b.addNode({ id: 'a' });
    expect(() => createSnapper(b.build({ format: 'test', files: [] }))).toThrow(/no node coordinates/);
  });
});

describe('haversine', () => {
  it('gives 111.2 km for one degree of latitude', () => {
    expect(haversineM(0, 0, 0, 1)).toBeCloseTo(111_195, -1);
  });
});
