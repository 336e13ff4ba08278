import { describe, expect, it } from 'vitest';
import { graphFrom } from '../../test/support/random-graph.ts';
import { stronglyConnectedComponents } from './components.ts';
import { inducedSubgraph } from './subgraph.ts';

describe('induced subgraph', () => {
  it('keeps the chosen nodes and the edges between them, with their times and classes', () => {
    const g = graphFrom(['a-b:10', 'b-c:20', 'c>d:5']);
    const { componentOf } = stronglyConnectedComponents(g);
    const core = inducedSubgraph(g, (v) => componentOf[v] === 0);
    expect(core.nodeIds).toEqual(['a', 'b', 'c']);
    expect(core.edgeCount).toBe(4);
    expect(Array.from(core.freeFlowTimeS).sort((x, y) => x - y)).toEqual([10, 10, 20, 20]);
    expect(core.indexOf('d')).toBe(-1);
    expect(g.edgeCount).toBe(5); // the input is untouched
  });
});
