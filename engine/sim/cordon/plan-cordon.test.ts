import seedrandom from 'seedrandom';
import { describe, expect, it } from 'vitest';
import { floydWarshall, graphFrom, randomGraph } from '../../../test/support/random-graph.ts';
import { createShortestPathSearch } from '../../routing/dijkstra.ts';
import { buildRoutingGraph } from '../../routing/routing-graph.ts';
import type { RoadGraph } from '../../graph/road-graph.ts';
import { createCordonScratch, planCordon, type CordonUnits } from './plan-cordon.ts';

function unitsOf(list: { node: number; offsetS?: number; group?: number }[]): CordonUnits {
  return {
    count: list.length,
    node: Int32Array.from(list, (u) => u.node),
    offsetS: Float64Array.from(list, (u) => u.offsetS ?? 0),
    group: Int32Array.from(list, (u) => u.group ?? 0),
  };
}

/** Least latest arrival over every one-unit-per-exit assignment (t[k][e]), then least total; undefined when none is finite. */
function brute(t: number[][], exits: number): { latest: number; total: number } | undefined {
  let best: { latest: number; total: number } | undefined;
  const used = new Array<boolean>(t.length).fill(false);
  const times: number[] = [];
  const go = (e: number) => {
    if (e === exits) {
      const latest = Math.max(0, ...times), total = times.reduce((a, b) => a + b, 0);
      if (!best || latest < best.latest || (latest === best.latest && total < best.total)) best = { latest, total };
      return;
    }
    for (let k = 0; k < t.length; k++) {
      if (used[k] || t[k][e] === Infinity) continue;
      used[k] = true; times.push(t[k][e]);
      go(e + 1);
      used[k] = false; times.pop();
    }
  };
  go(0);
  return best;
}

describe('closing the exits of a ring per incident', () => {
  //   u1 --10-- x --20-- s --30-- y --5-- u2
  //                      |
  //                      40
  //                      |
  //                      u3
  // Exits x and y; units at u1, u2, u3 (u2 finishing an edge: 7 s more).
  const g = graphFrom(['u1-x:10', 'x-s:20', 's-y:30', 'y-u2:5', 's-u3:40']);
  const rg = buildRoutingGraph(g);
  const id = (v: string) => g.indexOf(v);
  const exits = [id('x'), id('y')];
  const units = unitsOf([{ node: id('u1') }, { node: id('u2'), offsetS: 7 }, { node: id('u3') }]);
  const searches = [createShortestPathSearch(rg)];

  it('closes both exits by hand: u1 to x at 10 s, u2 to y at 7 + 5 = 12 s', () => {
    const r = planCordon(exits, 60, units, searches, createCordonScratch(g.nodeCount));
    expect(r).toMatchObject({ met: true, latestS: 12, totalS: 22 });
    if (r.met) expect(Array.from(r.unit)).toEqual([0, 1]);
  });

  it('misses when the time is shorter than the least latest arrival (late), and meets at exactly that time', () => {
    expect(planCordon(exits, 11.9, units, searches, createCordonScratch(g.nodeCount))).toEqual({ met: false, reason: 'late' });
    expect(planCordon(exits, 12, units, searches, createCordonScratch(g.nodeCount))).toMatchObject({ met: true, latestS: 12 });
  });

  it('misses with fewer units than exits, and with no unit at all', () => {
    expect(planCordon(exits, 600, unitsOf([{ node: id('u3') }]), searches, createCordonScratch(g.nodeCount))).toEqual({ met: false, reason: 'too-few-units' });
    expect(planCordon(exits, 600, unitsOf([]), searches, createCordonScratch(g.nodeCount))).toEqual({ met: false, reason: 'too-few-units' });
  });

  it('meets a ring without exits at once, with no unit', () => {
    expect(planCordon([], 0, unitsOf([]), searches, createCordonScratch(g.nodeCount))).toMatchObject({ met: true, latestS: 0, unit: new Int32Array(0) });
  });

  it('agrees with brute force over every assignment on 300 small random networks (two speed groups, offsets)', () => {
    const rng = seedrandom('cordon-brute');
    let met = 0, late = 0;
    for (let trial = 0; trial < 300; trial++) {
      const n = 5 + Math.floor(rng() * 6);
      const graph = randomGraph(`cordon-${trial}`, n, 3 * n);
      // Group 1 takes half the time on every edge (rounded down: integer sums stay exact).
      const slow = buildRoutingGraph(graph);
      const fastTimes = Float64Array.from(graph.freeFlowTimeS, (t) => Math.floor(t / 2));
      const fast = buildRoutingGraph(graph, fastTimes);
      const fastGraph: RoadGraph = { ...graph, freeFlowTimeS: fastTimes };
      const d = [floydWarshall(graph), floydWarshall(fastGraph)];
      const exitCount = 1 + Math.floor(rng() * Math.min(4, n));
      const exitSet = [...Array(n).keys()].sort(() => rng() - 0.5).slice(0, exitCount);
      const list = Array.from({ length: Math.floor(rng() * 7) }, () => ({ node: Math.floor(rng() * n), offsetS: rng() < 0.5 ? 0 : Math.floor(rng() * 20), group: rng() < 0.4 ? 1 : 0 }));
      const withinS = Math.floor(rng() * 120);
      const t = list.map((u) => exitSet.map((x) => u.offsetS + d[u.group][u.node][x]));
      const want = brute(t, exitCount);
      const got = planCordon(exitSet, withinS, unitsOf(list), [createShortestPathSearch(slow), createShortestPathSearch(fast)], createCordonScratch(n));
      if (want && want.latest <= withinS) {
        met++;
        expect(got, `trial ${trial}`).toMatchObject({ met: true, latestS: want.latest, totalS: want.total });
        if (got.met) {
          // The assignment is one unit per exit with the times claimed.
          expect(new Set(got.unit).size).toBe(exitCount);
          got.unit.forEach((k, e) => expect(got.arrivalS[e]).toBe(t[k][e]));
        }
      } else {
        late++;
        expect(got.met, `trial ${trial}`).toBe(false);
        if (!got.met) expect(got.reason).toBe(list.length < exitCount ? 'too-few-units' : 'late');
      }
    }
    expect(met).toBeGreaterThan(50);
    expect(late).toBeGreaterThan(50);
  });
});
