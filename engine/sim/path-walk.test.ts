import { describe, expect, it } from 'vitest';
import { parseCsvNetwork } from '../io/network/csv-network.ts';
import { createShortestPathSearch } from '../routing/dijkstra.ts';
import { buildRoutingGraph } from '../routing/routing-graph.ts';
import { EdgeList, walkShortestPath } from './path-walk.ts';

//   a --10-- b --50-- c --100-- d   (both directions)
const g = parseCsvNetwork('from,to,time_s\na,b,10\nb,a,10\nb,c,50\nc,b,50\nc,d,100\nd,c,100\n', 'line.csv');
const [a, b, c, d] = ['a', 'b', 'c', 'd'].map((id) => g.indexOf(id));
const names = (edges: number[]) => edges.map((e) => `${g.nodeIds[g.edgeFrom[e]]}${g.nodeIds[g.edgeTo[e]]}`);

describe('walkShortestPath (the one walk of a shortest-path row)', () => {
  it('walks a reverse row toward its target in driving order', () => {
    const search = createShortestPathSearch(buildRoutingGraph(g));
    search.run([d], { direction: 'reverse' });
    const path = walkShortestPath(search.predEdge, g.edgeTo, a, d, new EdgeList(1));
    expect(names(path.toArray())).toEqual(['ab', 'bc', 'cd']);
  });

  it('walks a forward tree back from the target to the source (reverse driving order)', () => {
    const search = createShortestPathSearch(buildRoutingGraph(g));
    search.run([a]);
    const path = walkShortestPath(search.predEdge, g.edgeFrom, d, a, new EdgeList());
    expect(names(path.toArray().reverse())).toEqual(['ab', 'bc', 'cd']);
  });

  it('gives an empty path from the target to itself', () => {
    const search = createShortestPathSearch(buildRoutingGraph(g));
    search.run([c], { direction: 'reverse' });
    expect(walkShortestPath(search.predEdge, g.edgeTo, c, c, new EdgeList()).length).toBe(0);
  });

  it('throws on a tree that stops short of the target instead of cutting the path short', () => {
    // The old dispatch walk stopped after nodeCount steps, or on a missing edge, without a word.
    const search = createShortestPathSearch(buildRoutingGraph(g));
    search.run([d], { direction: 'reverse', maxTimeS: 120 }); // a is beyond the bound: no edge at b
    expect(() => walkShortestPath(search.predEdge, g.edgeTo, a, d, new EdgeList())).toThrow(/no edge at node/);
  });

  it('throws on a tree with a cycle', () => {
    const tree = new Int32Array(g.nodeCount).fill(-1);
    const e = (from: number, to: number) => { for (let k = 0; k < g.edgeCount; k++) if (g.edgeFrom[k] === from && g.edgeTo[k] === to) return k; return -1; };
    tree[a] = e(a, b); tree[b] = e(b, a);
    expect(() => walkShortestPath(tree, g.edgeTo, a, d, new EdgeList())).toThrow(/cycle/);
  });

  it('grows its buffer past the initial capacity', () => {
    const list = new EdgeList(1);
    for (let k = 0; k < 100; k++) list.push(k);
    expect(list.toArray()).toEqual(Array.from({ length: 100 }, (_, k) => k));
  });
});
