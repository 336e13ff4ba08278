import { describe, expect, it } from 'vitest';
import seedrandom from 'seedrandom';
import { createRoadGraphBuilder } from './road-graph.ts';
import { haversineM } from './geo.ts';
import { createPointPlacer, createSnapper } from './snap.ts';
import { loadNetwork } from '../io/network/load-network.ts';

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

/**
 * Planar, metres:   P(0,0) <-> a(100,0) <-> b(200,0) <-> Q(400,0)   two-way roads
 *                                         b -> z(200,300)            one-way stub (z is outside the
 *                                                                    largest strongly connected part)
 *                   c(100,-50) is a zone centroid connected both ways to a.
 */
function stubGraph() {
  const b = createRoadGraphBuilder('planar');
  for (const [id, x, y, zone] of [['P', 0, 0], ['a', 100, 0], ['b', 200, 0], ['Q', 400, 0], ['z', 200, 300], ['c', 100, -50, true]] as const) b.addNode({ id, x, y, zone: !!zone });
  for (const [u, v] of [['P', 'a'], ['a', 'b'], ['b', 'Q'], ['a', 'c']]) { b.addEdge({ from: u, to: v, timeS: 10 }); b.addEdge({ from: v, to: u, timeS: 10 }); }
  b.addEdge({ from: 'b', to: 'z', timeS: 10 });
  return b.build({ format: 'test', files: [] });
}

describe('where points land (one rule)', () => {
  it('lands on the nearest node that is neither a zone nor outside the largest strongly connected part', () => {
    const g = stubGraph();
    const placer = createPointPlacer(g);
    // Right next to the stub end z: the nearest eligible node is b, 290 m away.
    const nearZ = placer.snap(200, 290, 'network');
    expect(g.nodeIds[nearZ.node]).toBe('b');
    expect(nearZ.distanceM).toBeCloseTo(290, 9);
    expect(nearZ.withinLimit).toBe(true);
    // Right on the zone centroid c: the nearest road node a, 50 m away.
    expect(g.nodeIds[placer.snap(100, -50, 'network').node]).toBe('a');
  });

  it('is off the network beyond the maximum snap distance, and says how far and from which node', () => {
    const g = stubGraph();
    const hit = createPointPlacer(g, { maxSnapM: 250 }).snap(200, 290, 'network');
    expect(hit.withinLimit).toBe(false);
    expect(createPointPlacer(g, { maxSnapM: 250 }).describeFar(hit)).toBe('290 m from the nearest road node (b), beyond the maximum snap distance of 250 m');
    expect(createPointPlacer(g, { maxSnapM: 290 }).snap(200, 290, 'network').withinLimit).toBe(true);
  });

  it('refuses lon/lat on a planar network without a projection, and projects it on one with a SUMO <location>', () => {
    expect(createPointPlacer(stubGraph()).refusal('lonlat')).toMatch(/planar metres and it has no map projection/);
    expect(createPointPlacer(stubGraph()).refusal('network')).toBeUndefined();
    const pcl = loadNetwork(['scenarios/data/shenzhen-pcl-nanshan-sumo/pcl.nod.xml']);
    const placer = createPointPlacer(pcl);
    expect(placer.refusal('lonlat')).toBeUndefined();
    // Node 183920405#5-AddedOffRampNode sits at x 5473.07, y 4320.08: PROJ's inverse UTM 49N of
    // (x + 796231.36, y + 2495307.88) is 113.9340056683 E, 22.5766877172 N.
    const hit = placer.snap(113.9340056683, 22.5766877172, 'lonlat');
    expect(pcl.nodeIds[hit.node]).toBe('183920405#5-AddedOffRampNode');
    expect(hit.distanceM).toBeLessThan(0.01);
  });
});

describe('haversine', () => {
  it('gives 111.2 km for one degree of latitude', () => {
    expect(haversineM(0, 0, 0, 1)).toBeCloseTo(111_195, -1);
  });
});
