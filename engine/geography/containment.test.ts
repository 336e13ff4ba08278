import seedrandom from 'seedrandom';
import { describe, expect, it } from 'vitest';
import { floydWarshall, graphFrom, randomRoadGraph } from '../../test/support/random-graph.ts';
import type { RoadGraph } from '../graph/road-graph.ts';
import { buildRoutingGraph } from '../routing/routing-graph.ts';
import { cityEdgeNodes, convexHull } from './city-edge.ts';
import { createDeadBranches, nextDown, planContainment, type ContainmentInput } from './containment.ts';

/** Does removing `closed` cut every path from the origin to an exit (zones not passed through)? */
function separates(g: RoadGraph, origin: number, exits: Set<number>, closed: Set<number>): boolean {
  if (closed.has(origin)) return true;
  const seen = new Set([origin]);
  const queue = [origin];
  while (queue.length) {
    const u = queue.shift()!;
    if (exits.has(u)) return false;
    if (g.isZone[u] && u !== origin) continue;
    for (let i = g.outStart[u]; i < g.outStart[u + 1]; i++) {
      const w = g.edgeTo[g.outEdge[i]];
      if (!seen.has(w) && !closed.has(w)) { seen.add(w); queue.push(w); }
    }
  }
  return true;
}

/** Least latest closing time over every node subset and every one-unit-per-node assignment (Infinity: none). */
function bruteContainment(g: RoadGraph, input: ContainmentInput): number {
  const fw = floydWarshall(g);
  const n = g.nodeCount;
  const s = (v: number) => fw[input.origin][v] / input.suspectSpeedFactor;
  const close = (p: number, v: number) => input.delayS + fw[input.sources[p].node][v];
  const exits = new Set(Array.from(input.exits));
  const candidates = [...Array(n).keys()].filter((v) => input.sources.some((p, i) => p.units > 0 && close(i, v) <= s(v)));
  const units = input.sources.map((p) => p.units);
  let best = Infinity;
  for (let mask = 0; mask < 1 << candidates.length; mask++) {
    const C = candidates.filter((_, i) => mask & (1 << i));
    if (C.length > units.reduce((a, b) => a + b, 0)) continue;
    if (!separates(g, input.origin, exits, new Set(C))) continue;
    // Every assignment of units to C, one unit per node.
    const used = units.map(() => 0);
    const rec = (k: number, latest: number) => {
      if (latest >= best) return;
      if (k === C.length) { best = latest; return; }
      for (let p = 0; p < units.length; p++) {
        const c = close(p, C[k]);
        if (used[p] >= units[p] || !(c <= s(C[k]))) continue;
        used[p]++; rec(k + 1, Math.max(latest, c)); used[p]--;
      }
    };
    rec(0, C.length ? -Infinity : 0);
  }
  return best;
}

describe('containment of a fleeing suspect', () => {
  //            a -10- x1 (exit)
  //           /
  //  O -10- j
  //           \
  //            b -10- x2 (exit)
  // Post P sits 5 s from a and from b (one unit each at P and Q; Q is 5 s from j).
  const g = graphFrom(['O-j:10', 'j-a:10', 'a-x1:10', 'j-b:10', 'b-x2:10', 'P-a:5', 'P-b:5', 'Q-j:5']);
  const ix = (id: string) => g.indexOf(id);
  const rg = buildRoutingGraph(g);
  const exits = [ix('x1'), ix('x2')];

  it('closes the junction when one unit gets there first (delay 0)', () => {
    const r = planContainment(rg, { origin: ix('O'), delayS: 0, suspectSpeedFactor: 1, sources: [{ node: ix('P'), units: 1 }, { node: ix('Q'), units: 1 }], exits });
    // Q reaches j at 5, the suspect at 10: one node cuts both routes.
    expect(r).toMatchObject({ feasible: true, latestS: 5, proven: true });
    expect(r.closed.map((c) => g.nodeIds[c.node])).toEqual(['j']);
  });

  it('needs two units when the junction is lost, and says so when one post holds only one', () => {
    // Delay 6: Q reaches j at 11 > 10. a and b: P reaches each at 11, the suspect at 20.
    const one = planContainment(rg, { origin: ix('O'), delayS: 6, suspectSpeedFactor: 1, sources: [{ node: ix('P'), units: 1 }, { node: ix('Q'), units: 1 }], exits });
    // Q can still close a or b (Q-j-a: 6 + 15 = 21 > 20; too late), x1/x2: Q 6 + 25 = 31 > 30. So only P's one unit: no cut.
    expect(one.feasible).toBe(false);
    expect(one.reason).toBe('no-staffable-cut');
    const two = planContainment(rg, { origin: ix('O'), delayS: 6, suspectSpeedFactor: 1, sources: [{ node: ix('P'), units: 2 }, { node: ix('Q'), units: 1 }], exits });
    expect(two).toMatchObject({ feasible: true, latestS: 11, proven: true });
    expect(two.closed.map((c) => g.nodeIds[c.node])).toEqual(['a', 'b']);
  });

  it('names an escape route when the suspect outruns every unit', () => {
    const r = planContainment(rg, { origin: ix('O'), delayS: 100, suspectSpeedFactor: 1, sources: [{ node: ix('P'), units: 3 }], exits });
    expect(r).toMatchObject({ feasible: false, reason: 'escape-path' });
    expect(r.escapePath!.map((v) => g.nodeIds[v])[0]).toBe('O');
    expect(exits).toContain(r.escapePath![r.escapePath!.length - 1]);
  });

  it('a faster suspect (F = 2) makes closing harder', () => {
    const slow = planContainment(rg, { origin: ix('O'), delayS: 6, suspectSpeedFactor: 1, sources: [{ node: ix('P'), units: 2 }], exits });
    const fast = planContainment(rg, { origin: ix('O'), delayS: 6, suspectSpeedFactor: 2, sources: [{ node: ix('P'), units: 2 }], exits });
    expect(slow.feasible).toBe(true);
    // s(a) = 10 at F = 2, P arrives at 11: too late; x1: s = 15, P arrives 6 + 15 = 21: too late.
    expect(fast.feasible).toBe(false);
  });

  it('matches brute force over all node subsets and assignments on small random graphs', () => {
    let feasible = 0, infeasible = 0;
    for (let trial = 0; trial < 120; trial++) {
      const rng = seedrandom(`contain-${trial}`);
      const n = 8 + Math.floor(rng() * 4);
      const graph = randomRoadGraph(`contain-g-${trial}`, n, { extraEdges: n, oneWayShare: 0.2, zoneCount: trial % 5 === 0 ? 1 : 0 });
      const input: ContainmentInput = {
        origin: Math.floor(rng() * (n - 1)),
        delayS: Math.floor(rng() * 15),
        suspectSpeedFactor: [1, 2, 0.5][trial % 3],
        sources: Array.from({ length: 1 + Math.floor(rng() * 3) }, () => ({ node: Math.floor(rng() * n), units: Math.floor(rng() * 3) })),
        exits: [...new Set(Array.from({ length: 1 + Math.floor(rng() * 3) }, () => Math.floor(rng() * n)))],
      };
      const want = bruteContainment(graph, input);
      const got = planContainment(buildRoutingGraph(graph), input);
      expect(got.proven).toBe(true);
      if (want === Infinity) { expect(got.feasible).toBe(false); infeasible++; continue; }
      expect(got.feasible).toBe(true);
      feasible++;
      expect(got.latestS ?? 0).toBe(want);
      // The cut it returns separates, and each node is closed in time by a distinct unit.
      expect(separates(graph, input.origin, new Set(Array.from(input.exits)), new Set(got.closed.map((c) => c.node)))).toBe(true);
      const used = input.sources.map(() => 0);
      const fw = floydWarshall(graph);
      for (const c of got.closed) {
        used[c.source]++;
        expect(c.closingS).toBe(input.delayS + fw[input.sources[c.source].node][c.node]);
        expect(c.closingS).toBeLessThanOrEqual(fw[input.origin][c.node] / input.suspectSpeedFactor);
      }
      used.forEach((u, p) => expect(u).toBeLessThanOrEqual(input.sources[p].units));
    }
    expect(feasible).toBeGreaterThan(20);
    expect(infeasible).toBeGreaterThan(10);
  });

  it('matches brute force where posts of one unit each make cuts hard to staff (the complete search branches)', () => {
    let feasible = 0;
    for (let trial = 0; trial < 300; trial++) {
      const rng = seedrandom(`contain-staff-${trial}`);
      const n = 9 + Math.floor(rng() * 3);
      const graph = randomRoadGraph(`contain-staff-g-${trial}`, n, { extraEdges: 2 * n, oneWayShare: 0.1 });
      const input: ContainmentInput = {
        origin: Math.floor(rng() * n),
        delayS: Math.floor(rng() * 10),
        suspectSpeedFactor: [1, 0.5][trial % 2],
        sources: Array.from({ length: 3 + Math.floor(rng() * 3) }, () => ({ node: Math.floor(rng() * n), units: 1 })),
        exits: [...new Set(Array.from({ length: 2 + Math.floor(rng() * 3) }, () => Math.floor(rng() * n)))],
      };
      const want = bruteContainment(graph, input);
      const got = planContainment(buildRoutingGraph(graph), input);
      expect(got.proven, `trial ${trial}`).toBe(true);
      if (want === Infinity) { expect(got.feasible, `trial ${trial}`).toBe(false); continue; }
      feasible++;
      expect(got.latestS ?? 0, `trial ${trial}`).toBe(want);
    }
    expect(feasible).toBeGreaterThan(30);
  });

  it('reports a search cut short as unproven, with a bound below its answer', () => {
    const graph = randomRoadGraph('contain-budget', 60, { extraEdges: 80 });
    const input: ContainmentInput = { origin: 0, delayS: 5, suspectSpeedFactor: 1, sources: [5, 17, 29, 41, 53].map((node) => ({ node, units: 2 })), exits: [59, 58, 57] };
    const full = planContainment(buildRoutingGraph(graph), input);
    const short = planContainment(buildRoutingGraph(graph), input, { maxFlowCalls: 2 });
    expect(full.proven).toBe(true);
    if (short.feasible) {
      expect(short.latestS!).toBeGreaterThanOrEqual(full.latestS!);
      expect(short.lowerBound).toBeLessThan(full.latestS!);
    }
    expect(short.proven).toBe(false);
  });

  it('skips a branch as dead only when it forbids a superset of a dead set at a threshold no higher', () => {
    const dead = createDeadBranches();
    dead.add(300, [4, 7]);
    // Superset, same or lower threshold: its capacities are no smaller, so its cuts are too many as well.
    expect(dead.covers(300, new Set([4, 7]))).toBe(true);
    expect(dead.covers(250, new Set([1, 4, 7]))).toBe(true);
    // A higher threshold lets more nodes be cut; a set missing 4 or 7 leaves those nodes cuttable.
    expect(dead.covers(301, new Set([4, 7]))).toBe(false);
    expect(dead.covers(300, new Set([4]))).toBe(false);
    expect(dead.covers(300, new Set([4, 9]))).toBe(false);
    expect(dead.covers(300, new Set())).toBe(false);
    // The empty set dead at a threshold: every branch at or below it.
    dead.add(200, []);
    expect(dead.covers(200, new Set())).toBe(true);
    expect(dead.covers(150, new Set([2]))).toBe(true);
    expect(dead.covers(201, new Set([2]))).toBe(false);
  });

  it('takes the largest float below a number', () => {
    expect(nextDown(1)).toBe(1 - Number.EPSILON / 2);
    expect(nextDown(1) < 1).toBe(true);
    expect(nextDown(0)).toBeLessThan(0);
  });
});

describe('city edge', () => {
  it('keeps the nodes near the convex hull of a planar grid', () => {
    const specs: string[] = [];
    const coords: Record<string, [number, number]> = {};
    for (let i = 0; i < 5; i++) for (let j = 0; j < 5; j++) {
      coords[`g${i}${j}`] = [i * 100, j * 100];
      if (i < 4) specs.push(`g${i}${j}-g${i + 1}${j}:10`);
      if (j < 4) specs.push(`g${i}${j}-g${i}${j + 1}:10`);
    }
    const g = graphFrom(specs, [], coords);
    const edge = cityEdgeNodes(g, { bandM: 50 });
    expect(edge.nodes.length).toBe(16);
    expect([...edge.nodes].map((v) => g.nodeIds[v])).not.toContain('g22');
    // Default band: 2% of the diagonal (565.7 m) = 11.3 m: the same 16 boundary nodes.
    expect(cityEdgeNodes(g).nodes.length).toBe(16);
    expect(cityEdgeNodes(g, { bandM: 100 }).nodes.length).toBe(24);
  });

  it('finds a convex hull counter-clockwise without collinear points', () => {
    expect(convexHull([[0, 0], [1, 0], [2, 0], [2, 2], [1, 1], [0, 2]])).toEqual([[0, 0], [2, 0], [2, 2], [0, 2]]);
  });
});
