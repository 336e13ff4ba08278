import { describe, expect, it } from 'vitest';
import { floydWarshall, graphFrom, randomGraph } from '../../test/support/random-graph.ts';
import { findPath, NO_PATH, toNgraph } from './shortest-path.ts';

describe('point-to-point paths (ngraph.path)', () => {
  it('returns the fastest path with its edges and time', () => {
    const g = graphFrom(['a>b:10', 'b>c:10', 'a>c:25']);
    const p = findPath(g, toNgraph(g), 'a', 'c');
    expect(p.nodes).toEqual(['a', 'b', 'c']);
    expect(p.timeS).toBe(20);
    expect(p.edges.map((e) => `${g.nodeIds[g.edgeFrom[e]]}${g.nodeIds[g.edgeTo[e]]}`)).toEqual(['ab', 'bc']);
  });

  it('returns the frozen NO_PATH against a one-way street', () => {
    const g = graphFrom(['a>b:10']);
    expect(findPath(g, toNgraph(g), 'b', 'a')).toBe(NO_PATH);
  });

  it('does not pass through a zone', () => {
    const g = graphFrom(['x>Z:0', 'Z>y:0', 'x>y:100'], ['Z']);
    expect(findPath(g, toNgraph(g), 'x', 'y').nodes).toEqual(['x', 'y']);
    expect(findPath(g, toNgraph(g), 'Z', 'y').timeS).toBe(0);
  });

  it('returns NO_PATH when the only route passes through a zone (ngraph.path alone returns a lone node)', () => {
    const g = graphFrom(['a>Z:1', 'Z>b:1'], ['Z']);
    expect(findPath(g, toNgraph(g), 'a', 'b')).toBe(NO_PATH);
  });

  it('agrees with Floyd–Warshall on random graphs', () => {
    const g = randomGraph('path', 25, 90, 3);
    const truth = floydWarshall(g);
    const ng = toNgraph(g);
    for (let s = 0; s < 25; s += 3) for (let t = 0; t < 25; t += 2) {
      const p = findPath(g, ng, g.nodeIds[s], g.nodeIds[t]);
      expect(p.timeS).toBe(truth[s][t]);
    }
  });

  it('names an unknown node', () => {
    const g = graphFrom(['a>b:1']);
    expect(() => findPath(g, toNgraph(g), 'a', 'q')).toThrow(/"q" is not in the network/);
  });
});
