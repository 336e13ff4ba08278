import { describe, expect, it } from 'vitest';
import { parseCsvNetwork } from '../io/network/csv-network.ts';
import { createShortestPathSearch } from '../routing/dijkstra.ts';
import { buildRoutingGraph } from '../routing/routing-graph.ts';
import { createStream } from './random-streams.ts';
import { buildBeatGraph, UnitMotion, type Located } from './unit-motion.ts';

/**
 * A 3x3 grid, 100 s per edge both ways, 1000 m each:
 *
 *   g - h - i
 *   |   |   |
 *   d - e - f
 *   |   |   |
 *   a - b - c
 */
const pairs = ['ab', 'bc', 'de', 'ef', 'gh', 'hi', 'ad', 'dg', 'be', 'eh', 'cf', 'fi'];
const csv = `from,to,time_s,length_m\n${pairs.flatMap(([x, y]) => [`${x},${y},100,1000`, `${y},${x},100,1000`]).join('\n')}\n`;
const g = parseCsvNetwork(csv, 'grid.csv');
const v = (id: string) => g.indexOf(id);
const edge = (x: string, y: string) => [...Array(g.edgeCount).keys()].find((e) => g.edgeFrom[e] === v(x) && g.edgeTo[e] === v(y))!;
const times = Float64Array.from({ length: g.edgeCount }, () => 100);
const here = (): Located => ({ node: 0, offsetS: 0, edge: -1, frac: 0 });

describe('unit motion', () => {
  it('a unit driving a path is located mid-edge with the time left to the next node', () => {
    const m = new UnitMotion(g, false);
    m.drive(v('a'), 1000, 0, [edge('a', 'b'), edge('b', 'c')], times);
    const at = m.locate(1130, times, here());
    expect([g.nodeIds[at.node], at.offsetS, at.edge === edge('b', 'c'), at.frac]).toEqual(['c', 70, true, 0.3]);
    expect(m.drivenM(1130, g.lengthM)).toBeCloseTo(1300, 9);
    expect(g.nodeIds[m.locate(1200, times, here()).node]).toBe('c');
  });

  it('a path started mid-edge first finishes that edge (no U-turn)', () => {
    const m = new UnitMotion(g, false);
    m.drive(v('b'), 0, 40, [edge('b', 'c')], times);
    const at = m.locate(10, times, here());
    expect([g.nodeIds[at.node], at.offsetS, at.edge]).toEqual(['b', 30, -1]);
  });

  it('walking a shortest-path tree lazily gives the same motion as the path walked up front', () => {
    const search = createShortestPathSearch(buildRoutingGraph(g));
    search.run([v('i')], { direction: 'reverse' });
    const lazy = new UnitMotion(g, false);
    lazy.driveTree(v('a'), 50, 5, Int32Array.from(search.predEdge), v('i'), times);
    const eager = new UnitMotion(g, false);
    const path: number[] = [];
    for (let x = v('a'); x !== v('i');) { const e = search.predEdge[x]; path.push(e); x = g.edgeTo[e]; }
    eager.drive(v('a'), 50, 5, path, times);
    for (const t of [50, 55, 120, 255, 300, 454, 455, 1000]) expect(lazy.locate(t, times, here()), `t=${t}`).toEqual(eager.locate(t, times, here()));
  });

  it('a route loop repeats with its period and is located by phase', () => {
    const loopEdges = [edge('a', 'b'), edge('b', 'e'), edge('e', 'd'), edge('d', 'a')];
    const m = new UnitMotion(g, false);
    m.patrolLoop(v('a'), 0, { edges: Int32Array.from(loopEdges), cumEndS: Float64Array.from([100, 200, 300, 400]), totalS: 400 });
    const a = m.locate(250, times, here());
    const b = m.locate(250 + 3 * 400, times, here());
    expect(a).toEqual(b);
    expect([g.nodeIds[a.node], a.offsetS]).toEqual(['d', 50]);
  });

  it('a beat walk stays inside the beat, turns back only at dead ends, and is the same however often it is looked at', () => {
    const beatNodes = ['a', 'b', 'c', 'd', 'e'].map(v); // c is a dead end inside the beat (its only beat neighbour is b)
    const beat = buildBeatGraph(g, beatNodes, times);
    const once = new UnitMotion(g, true);
    once.patrolBeat(v('e'), 0, beat, createStream('walk'), times);
    const often = new UnitMotion(g, true);
    often.patrolBeat(v('e'), 0, beat, createStream('walk'), times);
    for (let t = 0; t <= 20_000; t += 37) often.locate(t, times, here());
    expect(once.locate(20_000, times, here())).toEqual(often.locate(20_000, times, here()));
    const passed: number[] = [];
    once.replay(20_000, { atNode: (_t, x) => passed.push(x), onEdge: () => {} }, times);
    const inBeat = new Set(beatNodes);
    expect(passed.every((x) => inBeat.has(x))).toBe(true);
    // The walk turns back (x, y, x) only at the dead end c.
    for (let k = 2; k < passed.length - 1; k++) {
      if (passed[k] === passed[k - 2]) expect(['c'].includes(g.nodeIds[passed[k - 1]]), `U-turn at ${g.nodeIds[passed[k - 1]]}`).toBe(true);
    }
    expect(passed.length).toBeGreaterThan(150);
  });
});
