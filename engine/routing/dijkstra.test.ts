import { describe, expect, it } from 'vitest';
import { floydWarshall, graphFrom, randomGraph } from '../../test/support/random-graph.ts';
import { createShortestPathSearch, oneToAll } from './dijkstra.ts';
import { buildRoutingGraph } from './routing-graph.ts';
import { travelTimeTable } from './travel-time-table.ts';

describe('bounded Dijkstra', () => {
  //   a --10--> b --10--> c
  //   |                   ^
  //   +---------25--------+
  const g = graphFrom(['a>b:10', 'b>c:10', 'a>c:25']);
  const rg = buildRoutingGraph(g);
  const ix = (id: string) => g.indexOf(id);

  it('finds the hand-computed times on a three-node graph', () => {
    const t = oneToAll(rg, ix('a'));
    expect([t[ix('a')], t[ix('b')], t[ix('c')]]).toEqual([0, 10, 20]);
  });

  it('respects one-way edges', () => {
    const t = oneToAll(rg, ix('c'));
    expect(t[ix('a')]).toBe(Infinity);
  });

  it('reverse search gives times to the source', () => {
    const t = oneToAll(rg, ix('c'), { direction: 'reverse' });
    expect([t[ix('a')], t[ix('b')], t[ix('c')]]).toEqual([20, 10, 0]);
  });

  it('leaves nodes beyond the bound unreachable, and includes nodes exactly at it', () => {
    const t = oneToAll(rg, ix('a'), { maxTimeS: 10 });
    expect([t[ix('b')], t[ix('c')]]).toEqual([10, Infinity]);
  });

  it('never passes through a zone but may start or end at one', () => {
    // x -0-> Z -0-> y is a teleport through zone Z; the real road x -> y takes 100 s.
    const z = graphFrom(['x>Z:0', 'Z>y:0', 'x>y:100'], ['Z']);
    const zr = buildRoutingGraph(z);
    expect(oneToAll(zr, z.indexOf('x'))[z.indexOf('y')]).toBe(100);
    expect(oneToAll(zr, z.indexOf('x'))[z.indexOf('Z')]).toBe(0);
    expect(oneToAll(zr, z.indexOf('Z'))[z.indexOf('y')]).toBe(0);
    expect(oneToAll(zr, z.indexOf('y'), { direction: 'reverse' })[z.indexOf('x')]).toBe(100);
  });

  it('starts from several sources with offsets (a unit part-way along an edge)', () => {
    const s = createShortestPathSearch(rg);
    s.run([ix('b'), ix('a')], { offsetsS: [7, 0] });
    expect(s.timeS[ix('b')]).toBe(7);
    expect(s.timeS[ix('c')]).toBe(17);
  });

  it('reports the predecessor edges of the fastest path', () => {
    const s = createShortestPathSearch(rg);
    s.run([ix('a')]);
    const e = s.predEdge[ix('c')];
    expect(g.nodeIds[g.edgeFrom[e]]).toBe('b');
  });

  it('agrees with Floyd–Warshall (zones honoured) on random graphs, bounded and unbounded', () => {
    for (let trial = 0; trial < 12; trial++) {
      const graph = randomGraph(`fw-${trial}`, 40, 160, trial % 3 === 0 ? 5 : 0);
      const truth = floydWarshall(graph);
      const r = buildRoutingGraph(graph);
      const search = createShortestPathSearch(r);
      for (const bound of [Infinity, 45]) {
        for (let s = 0; s < graph.nodeCount; s++) {
          search.run([s], { maxTimeS: bound });
          const rev = oneToAll(r, s, { direction: 'reverse', maxTimeS: bound });
          for (let v = 0; v < graph.nodeCount; v++) {
            const want = truth[s][v] <= bound ? truth[s][v] : Infinity;
            expect(search.timeS[v]).toBe(want);
            expect(rev[v]).toBe(truth[v][s] <= bound ? truth[v][s] : Infinity);
          }
        }
      }
    }
  });

  it('many-to-many tables equal the one-to-all rows whichever side is smaller', () => {
    const graph = randomGraph('table', 30, 120, 3);
    const truth = floydWarshall(graph);
    const r = buildRoutingGraph(graph);
    const sources = [0, 4, 9, 17, 29];
    const targets = [1, 2, 3, 4, 5, 6, 7, 8, 20];
    for (const [a, b] of [[sources, targets], [targets, sources]]) {
      const t = travelTimeTable(r, a, b);
      a.forEach((s, i) => b.forEach((v, j) => expect(t[i * b.length + j]).toBe(truth[s][v])));
    }
  });

  it('rejects a source index outside the graph', () => {
    expect(() => createShortestPathSearch(rg).run([99])).toThrow(/out of range/);
  });
});
