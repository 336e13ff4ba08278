import { describe, expect, it } from 'vitest';
import { graphFrom, randomGraph, floydWarshall } from '../../test/support/random-graph.ts';
import { stronglyConnectedComponents } from './components.ts';
import { createRoadGraphBuilder } from './road-graph.ts';

describe('strongly connected components', () => {
  it('finds a two-way block and a one-way stub', () => {
    // a <-> b <-> c, and c -> d (d can't get back)
    const g = graphFrom(['a-b:1', 'b-c:1', 'c>d:1']);
    const { componentOf, sizes } = stronglyConnectedComponents(g);
    expect(sizes).toEqual([3, 1]);
    expect(componentOf[g.indexOf('d')]).toBe(1);
    expect(componentOf[g.indexOf('a')]).toBe(0);
  });

  it('matches mutual reachability on random graphs', () => {
    for (let t = 0; t < 5; t++) {
      const g = randomGraph(`scc-${t}`, 30, 55);
      const d = floydWarshall(g);
      const { componentOf } = stronglyConnectedComponents(g);
      for (let i = 0; i < 30; i++) for (let j = 0; j < 30; j++) {
        expect(componentOf[i] === componentOf[j]).toBe(d[i][j] < Infinity && d[j][i] < Infinity);
      }
    }
  });

  it('handles a long path without recursion limits', () => {
    const b = createRoadGraphBuilder('none');
    const n = 200_000;
    for (let i = 0; i < n; i++) b.addNode({ id: String(i) });
    for (let i = 0; i + 1 < n; i++) b.addEdge({ from: String(i), to: String(i + 1), timeS: 1 });
    b.addEdge({ from: String(n - 1), to: '0', timeS: 1 });
    expect(stronglyConnectedComponents(b.build({ format: 'test', files: [] })).sizes).toEqual([n]);
  });
});
