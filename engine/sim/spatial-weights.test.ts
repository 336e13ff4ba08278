import { describe, expect, it } from 'vitest';
import { createRoadGraphBuilder } from '../graph/road-graph.ts';
import { createPointPlacer } from '../graph/snap.ts';
import { hotspotWeights, learnedWeights, uniformWeights } from './spatial-weights.ts';
import { sampleIndices } from './incidents.ts';
import { createStream } from './random-streams.ts';

// Planar nodes 0..3 at x = 0, 100, 200, 300 m on a two-way road; node z is a zone centroid.
function lineGraph() {
  const b = createRoadGraphBuilder('planar');
  for (let i = 0; i < 4; i++) b.addNode({ id: String(i), x: i * 100, y: 0 });
  b.addNode({ id: 'z', x: 0, y: 0, zone: true });
  for (let i = 0; i < 3; i++) {
    b.addEdge({ from: String(i), to: String(i + 1), timeS: 10 });
    b.addEdge({ from: String(i + 1), to: String(i), timeS: 10 });
  }
  return b.build({ format: 'test', files: [] });
}

describe('spatial weights', () => {
  it('uniform gives every road node 1 and zones 0', () => {
    expect(Array.from(uniformWeights(lineGraph()))).toEqual([1, 1, 1, 1, 0]);
  });

  it('a hotspot kernel is baseline + w·exp(-d²/2r²)', () => {
    const w = hotspotWeights(lineGraph(), [{ x: 0, y: 0, radiusM: 100, weight: 2 }], 0.1);
    expect(w[0]).toBeCloseTo(2.1, 12);
    expect(w[1]).toBeCloseTo(0.1 + 2 * Math.exp(-0.5), 12);
    expect(w[4]).toBe(0);
  });

  it('learned weights count historical points per snapped node and skip far ones', () => {
    const g = lineGraph();
    const r = learnedWeights(createPointPlacer(g, { maxSnapM: 50 }), [5, 95, 110, 5000], [0, 0, 10, 0], 'network');
    expect(Array.from(r.weights)).toEqual([1, 2, 0, 0, 0]);
    expect(r.tooFar).toBe(1);
  });

  it('sampled locations follow the weights (counts within 4 binomial sd)', () => {
    const n = 100_000;
    const w = [1, 0, 3, 6];
    const idx = sampleIndices(w, n, createStream('loc'));
    const counts = [0, 0, 0, 0];
    for (const i of idx) counts[i]++;
    w.forEach((wi, i) => {
      const p = wi / 10;
      expect(Math.abs(counts[i] - n * p)).toBeLessThanOrEqual(4 * Math.sqrt(n * p * (1 - p)));
    });
    expect(counts[1]).toBe(0);
  });
});
