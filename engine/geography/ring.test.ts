import seedrandom from 'seedrandom';
import { describe, expect, it } from 'vitest';
import { floydWarshall, graphFrom, randomGraph } from '../../test/support/random-graph.ts';
import { buildRoutingGraph } from '../routing/routing-graph.ts';
import { planRing, ringAround } from './ring.ts';

describe('ring around a scene', () => {
  //  W -30- a -10- S -10- b -30- E        plus a one-way street b > c (5), c > far (100)
  const g = graphFrom(['W-a:30', 'a-S:10', 'S-b:10', 'b-E:30', 'b>c:5', 'c>far:100']);
  const ix = (id: string) => g.indexOf(id);
  const rg = buildRoutingGraph(g);

  it('finds the region within S and the nodes where roads leave it, by hand', () => {
    const r = ringAround(rg, ix('S'), 20);
    expect([...r.region].map((v) => g.nodeIds[v]).sort()).toEqual(['S', 'a', 'b', 'c']);
    // a leaves to W, b to E, c to far; S has no road leaving the region.
    expect([...r.exits].map((v) => g.nodeIds[v]).sort()).toEqual(['a', 'b', 'c']);
  });

  it('blockades the exits and counts those closed by 1, 3 and 5 minutes', () => {
    const posts = [{ node: ix('W'), units: 1 }, { node: ix('E'), units: 2 }];
    const plan = planRing(rg, ix('S'), 20, posts, { withinS: [30, 35, 100] });
    // Times: W->a 30; E->b 30, E->c 35; W->b 50, W->c 55, E->a 50.
    expect(plan.blockade).toMatchObject({ feasible: true, latestS: 35, totalS: 95 });
    expect(plan.closedByPlan.map((c) => c.exits)).toEqual([2, 3, 3]);
    expect(plan.mostClosed.map((c) => c.exits)).toEqual([2, 3, 3]);
  });

  it('says when the units cannot close every exit', () => {
    const plan = planRing(rg, ix('S'), 20, [{ node: ix('W'), units: 2 }]);
    expect(plan.blockade).toMatchObject({ feasible: false, reason: 'too-few-units' });
    expect(plan.mostClosed.map((c) => c.exits)).toEqual([2, 2, 2]);
  });

  it('matches the definition on Floyd–Warshall times on random graphs', () => {
    for (let trial = 0; trial < 20; trial++) {
      const rng = seedrandom(`ring-${trial}`);
      const graph = randomGraph(`ring-g-${trial}`, 40, 150, trial % 3 === 0 ? 4 : 0);
      const fw = floydWarshall(graph);
      const scene = 4 + Math.floor(rng() * 36);
      const S = 20 + Math.floor(rng() * 60);
      const r = ringAround(buildRoutingGraph(graph), scene, S);
      const inR = (v: number) => fw[scene][v] <= S;
      const region = [...Array(graph.nodeCount).keys()].filter(inR);
      expect([...r.region]).toEqual(region);
      const exits = region.filter((u) => (!graph.isZone[u] || u === scene)
        && [...Array(graph.outStart[u + 1] - graph.outStart[u]).keys()].some((k) => !inR(graph.edgeTo[graph.outEdge[graph.outStart[u] + k]])));
      expect([...r.exits]).toEqual(exits);
      r.region.forEach((v, i) => expect(r.regionTimeS[i]).toBe(fw[scene][v]));
    }
  });
});
