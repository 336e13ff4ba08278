import { describe, expect, it } from 'vitest';
import seedrandom from 'seedrandom';
import { floydWarshall, graphFrom, randomGraph } from '../../test/support/random-graph.ts';
import { nearestSources } from './nearest-sources.ts';
import { buildRoutingGraph } from './routing-graph.ts';

describe('nearest units per node (multi-label search)', () => {
  it('lists the k earliest unit arrivals on a hand-checked line', () => {
    // P1 -30- a -50- P2, both ways; P1 has 2 units.
    const g = graphFrom(['P1-a:30', 'a-P2:50']);
    const near = nearestSources(buildRoutingGraph(g), [{ node: g.indexOf('P1'), units: 2 }, { node: g.indexOf('P2') }], 3);
    const a = g.indexOf('a');
    expect(Array.from(near.arrivalS.subarray(a * 3, a * 3 + 3))).toEqual([30, 30, 50]);
    expect(Array.from(near.source.subarray(a * 3, a * 3 + 3))).toEqual([0, 0, 1]);
  });

  it('matches brute force (sorted unit arrival times from Floyd–Warshall) on random graphs', () => {
    for (let trial = 0; trial < 15; trial++) {
      const rng = seedrandom(`near-${trial}`);
      const graph = randomGraph(`near-g-${trial}`, 35, 140, trial % 2 ? 4 : 0);
      const truth = floydWarshall(graph);
      const posts = Array.from({ length: 6 }, () => ({ node: Math.floor(rng() * 35), units: 1 + Math.floor(rng() * 3) }));
      const k = 1 + (trial % 4);
      const bound = trial % 3 === 0 ? Infinity : 60;
      const near = nearestSources(buildRoutingGraph(graph), posts, k, { maxTimeS: bound });
      for (let v = 0; v < graph.nodeCount; v++) {
        const times: number[] = [];
        for (const p of posts) for (let u = 0; u < p.units; u++) times.push(truth[p.node][v]);
        times.sort((x, y) => x - y);
        const want = Array.from({ length: k }, (_, j) => (times[j] !== undefined && times[j] <= bound ? times[j] : Infinity));
        expect(Array.from(near.arrivalS.subarray(v * k, v * k + k))).toEqual(want);
      }
    }
  });

  it('reverse direction gives the k nearest sources to travel to', () => {
    const graph = randomGraph('near-rev', 30, 110);
    const truth = floydWarshall(graph);
    const posts = [{ node: 1 }, { node: 7 }, { node: 22 }];
    const near = nearestSources(buildRoutingGraph(graph), posts, 2, { direction: 'reverse' });
    for (let v = 0; v < graph.nodeCount; v++) {
      const want = posts.map((p) => truth[v][p.node]).sort((a, b) => a - b).slice(0, 2);
      expect(Array.from(near.arrivalS.subarray(v * 2, v * 2 + 2))).toEqual(want);
    }
  });

  it('rejects k below 1 and negative units', () => {
    const g = graphFrom(['a-b:1']);
    const rg = buildRoutingGraph(g);
    expect(() => nearestSources(rg, [{ node: 0 }], 0)).toThrow(/k must be/);
    expect(() => nearestSources(rg, [{ node: 0, units: -1 }], 1)).toThrow(/units/);
  });
});
