import { describe, expect, it } from 'vitest';
import { cutLinksAtTimes, timeAlong } from './coverage-lines.ts';
import { demandBounds, weightedQuantile } from './fit-bounds.ts';
import { scaleBar } from './scale-bar.ts';
import { diffPosts, minCostAssignment } from './post-moves.ts';
import { binDemand, hexCentre, hexOf, hexRadiusFor } from './demand-hex.ts';
import { incidentOpacity, replayLabel, replayStartS } from './replay.ts';
import { labelBox, placeLabels, readableAngle, type LabelCandidate } from './label-placement.ts';
import { asCompareJson } from '../../../engine/io/run-directory/compare-file.ts';
import { compareTableRows } from './compare-table.ts';
import { buildRunScene, type RunScene } from './run-scene.ts';
import type { RunData, TraceData } from './run-data.ts';

/** A scene of straight links between given node positions (metres). */
function lineScene(nodes: [number, number][], links: [number, number][]): RunScene {
  const edgeStart = Int32Array.from({ length: links.length + 1 }, (_, e) => 4 * e);
  const edgeXY = Float64Array.from(links.flatMap(([a, b]) => [...nodes[a], ...nodes[b]]));
  return {
    edgeStart, edgeXY, edgeFromNode: Int32Array.from(links, (l) => l[0]), edgeToNode: Int32Array.from(links, (l) => l[1]), edgeDrawn: new Uint8Array(links.length).fill(1),
    nodeXM: Float64Array.from(nodes, (n) => n[0]), nodeYM: Float64Array.from(nodes, (n) => n[1]),
  } as unknown as RunScene;
}

describe('coverage on the roads: links cut where the arrival time crosses a break', () => {
  //   0 ---------- 1        100 m, 50 s at node 0, 150 s at node 1
  const scene = lineScene([[0, 0], [100, 0]], [[0, 1]]);

  it('cuts a 100 m link from 50 s to 150 s at 60 s and 120 s: 10 m, 60 m and 30 m', () => {
    const p = cutLinksAtTimes(scene, [Float64Array.from([50, 150])], [60, 120, 300]);
    expect(p.count).toBe(3);
    expect(Array.from(p.x0)).toEqual([0, 10, 70]);
    expect(Array.from(p.x1)).toEqual([10, 70, 100]);
    // Middle times: 55 s, 90 s, 135 s: each inside one bin of any scale with those breaks.
    expect(Array.from(p.timeAt[0])).toEqual([55, 90, 135]);
  });

  it('does not cut at a break that equals an end time (the end belongs to its bin: covered means <=)', () => {
    const p = cutLinksAtTimes(scene, [Float64Array.from([60, 150])], [60, 180]);
    expect(p.count).toBe(1);
  });

  it('cuts a link with one end beyond the horizon at its middle, the near half keeping the near time', () => {
    const p = cutLinksAtTimes(scene, [Float64Array.from([40, Infinity])], [60, 180, 300]);
    expect(Array.from(p.x1)).toEqual([50, 100]);
    expect(Array.from(p.timeAt[0])).toEqual([40, Infinity]);
    expect(timeAlong(Infinity, Infinity, 0.3)).toBe(Infinity);
    expect(timeAlong(NaN, 20, 0.3)).toBe(20);
  });

  it('cuts where either of two fields crosses (A and B for a gained/lost map)', () => {
    const p = cutLinksAtTimes(scene, [Float64Array.from([0, 100]), Float64Array.from([50, 150])], [60]);
    expect(Array.from(p.x1).map((x) => Math.round(x))).toEqual([10, 60, 100]);
  });

  it('follows a bent polyline: pieces on each straight part, lengths shared by position along it', () => {
    //  0 (0,0) -> (60,0) -> (60,40) node 1: 100 m in all, times 0 .. 100 s, cut at 50 s (50 m along)
    const bent = { ...lineScene([[0, 0], [60, 40]], [[0, 1]]), edgeStart: Int32Array.from([0, 6]), edgeXY: Float64Array.from([0, 0, 60, 0, 60, 40]) } as RunScene;
    const p = cutLinksAtTimes(bent, [Float64Array.from([0, 100])], [50]);
    expect(p.count).toBe(3);
    expect([p.x1[0], p.y1[0]]).toEqual([50, 0]);
    expect([p.x0[2], p.y0[2], p.x1[2], p.y1[2]]).toEqual([60, 0, 60, 40]);
  });
});

describe('the run scene draws a two-way street once', () => {
  it('skips the reverse of an edge with the same class and the same shape reversed, but keeps a different one', () => {
    const net = {
      coordKind: 'planar', attribution: null, classNames: ['a', 'b'], nodeIds: ['0', '1', '2'],
      nodeX: Float64Array.from([0, 100, 200]), nodeY: Float64Array.from([0, 0, 0]),
      // 0->1, 1->0 (same street), 1->2 curved, 2->1 along another curve, 0->1 of another class
      edgeFrom: Int32Array.from([0, 1, 1, 2, 0]), edgeTo: Int32Array.from([1, 0, 2, 1, 1]), edgeClass: Uint16Array.from([0, 0, 0, 0, 1]),
      shapes: new Map([[2, Float64Array.from([150, 10])], [3, Float64Array.from([150, -10])]]), streetNames: [], edgeStreet: new Int32Array(5).fill(-1),
    };
    const scene = buildRunScene({ name: 'x', network: net, posts: [] } as unknown as RunData);
    expect(Array.from(scene.edgeDrawn)).toEqual([1, 0, 1, 1, 1]);
  });
});

describe('fit on the demand', () => {
  it('takes the weighted quantile, so a far, light point does not stretch the box', () => {
    expect(weightedQuantile([1, 2, 3, 100], [1, 1, 1, 0.01], 0.99)).toBe(3);
    expect(weightedQuantile([1, 2, 3, 100], [1, 1, 1, 1], 0.99)).toBe(100);
  });

  it('frames the central demand of a city with a 20 km motorway tail', () => {
    const xs = [...Array.from({ length: 100 }, (_, i) => i * 10), 20000], ys = [...Array.from({ length: 100 }, (_, i) => (i % 10) * 100), 0];
    const w = [...Array(100).fill(1), 0.5];
    const b = demandBounds(xs, ys, w)!;
    expect(b.maxX).toBeLessThan(1100);
    expect(b.minX).toBeLessThan(20);
  });
});

describe('scale bar', () => {
  it('picks the longest 1-2-5 length that fits', () => {
    expect(scaleBar(0.05, 120)).toEqual({ lengthM: 2000, widthPx: 100, label: '2 km' });
    expect(scaleBar(1, 120)).toMatchObject({ lengthM: 100, label: '100 m' });
    expect(scaleBar(3, 120)).toMatchObject({ lengthM: 20, label: '20 m' });
    expect(scaleBar(0.0049, 120).widthPx).toBeLessThanOrEqual(120);
  });
});

describe('post moves', () => {
  it('keeps posts at the same node, matches the rest by least total distance, reports closed and new ones', () => {
    const a = [{ node: 1, x: 0, y: 0 }, { node: 2, x: 100, y: 0 }, { node: 3, x: 200, y: 0 }, { node: 4, x: 900, y: 0 }];
    const b = [{ node: 1, x: 0, y: 0 }, { node: 7, x: 210, y: 0 }, { node: 8, x: 90, y: 0 }];
    const c = diffPosts(a, b);
    expect(c.kept).toEqual([[0, 0]]);
    expect(c.moves.map((m) => [m.from, m.to])).toEqual([[1, 2], [2, 1]]);
    expect(c.closed).toEqual([3]);
    expect(c.opened).toEqual([]);
  });

  it('finds the optimum of random assignments (brute force over all permutations)', () => {
    let seed = 7;
    const rnd = () => { seed = (seed * 1103515245 + 12345) % 2 ** 31; return seed / 2 ** 31; };
    const perms = (n: number): number[][] => (n === 0 ? [[]] : perms(n - 1).flatMap((p) => Array.from({ length: n }, (_, i) => [...p.slice(0, i), n - 1, ...p.slice(i)])));
    for (let trial = 0; trial < 30; trial++) {
      const rows = 1 + Math.floor(rnd() * 5), cols = 1 + Math.floor(rnd() * 5);
      const cost = Array.from({ length: rows }, () => Array.from({ length: cols }, () => Math.round(rnd() * 100)));
      const got = minCostAssignment(rows, cols, (r, c) => cost[r][c]);
      const gotCost = got.reduce((s, c, r) => s + (c >= 0 ? cost[r][c] : 0), 0);
      const n = Math.max(rows, cols);
      let best = Infinity;
      for (const p of perms(n)) best = Math.min(best, p.reduce((s, c, r) => s + (r < rows && c < cols ? cost[r][c] : 0), 0));
      expect(gotCost).toBe(best);
      expect(got.filter((c) => c >= 0).length).toBe(Math.min(rows, cols));
      expect(new Set(got.filter((c) => c >= 0)).size).toBe(Math.min(rows, cols));
    }
  });
});

describe('demand hexagons', () => {
  it('puts a point in the hexagon whose centre is nearest', () => {
    for (const [x, y] of [[0, 0], [130, 40], [-260, 75], [500, -480]]) {
      const [q, r] = hexOf(x, y, 100);
      const [cx, cy] = hexCentre(q, r, 100);
      const d = Math.hypot(x - cx, y - cy);
      for (const [dq, dr] of [[1, 0], [0, 1], [-1, 1], [-1, 0], [0, -1], [1, -1]]) {
        const [ox, oy] = hexCentre(q + dq, r + dr, 100);
        expect(d).toBeLessThanOrEqual(Math.hypot(x - ox, y - oy) + 1e-9);
      }
    }
  });

  it('sums weights per bin and keeps the total', () => {
    const bins = binDemand([0, 5, 400, 800], [0, 5, 0, 0], [1, 2, 3, 0], 100);
    expect(bins.weight.reduce((a, b) => a + b, 0)).toBe(6);
    expect(bins.weight.length).toBe(2); // the zero-weight point makes no bin
    expect(hexRadiusFor(7000)).toBe(100);
  });
});

describe('replay', () => {
  const trace: TraceData = { horizonS: 1209600, warmupS: 86400, untilS: 172800, classes: [], units: [], tracks: [], incidents: [], moves: [] };

  it('says what it is: replication 1, how long, with the warm-up', () => {
    expect(replayLabel(trace)).toBe('replay: replication 1, first 48 h (warm-up 24 h)');
    expect(replayStartS(trace)).toBe(86400);
  });

  it('hides warm-up incidents by default and fades incidents out after the set time', () => {
    const o = { showWarmup: false, fadeS: 3600 };
    expect(incidentOpacity({ tS: 1000 }, 2000, 86400, o)).toBe(0);
    expect(incidentOpacity({ tS: 1000 }, 2000, 86400, { ...o, showWarmup: true })).toBeCloseTo(1 - 1000 / 3600, 9);
    expect(incidentOpacity({ tS: 90000 }, 89999, 86400, o)).toBe(0);
    expect(incidentOpacity({ tS: 90000 }, 90000, 86400, o)).toBe(1);
    expect(incidentOpacity({ tS: 90000 }, 91800, 86400, o)).toBeCloseTo(0.5, 9);
    expect(incidentOpacity({ tS: 90000 }, 93600, 86400, o)).toBe(0);
    expect(incidentOpacity({ tS: 90000 }, 1e6, 86400, { ...o, fadeS: Infinity })).toBe(1);
  });
});

describe('label placement', () => {
  const cand = (text: string, x: number, y: number, priority: number, extra: Partial<LabelCandidate> = {}): LabelCandidate => ({ text, x, y, angle: 0, widthPx: 40, heightPx: 12, priority, kind: 'post', ...extra });

  it('keeps the higher-priority of two overlapping labels and drops labels off the canvas', () => {
    const kept = placeLabels([cand('low', 100, 100, 1), cand('high', 110, 102, 5), cand('off', 5, 100, 9), cand('far', 300, 300, 0)], { widthPx: 400, heightPx: 400 });
    expect(kept.map((k) => k.text)).toEqual(['high', 'far']);
  });

  it('keeps labels clear of reserved boxes (the markers) and spaces repeated street names', () => {
    const kept = placeLabels([cand('a', 100, 100, 1), cand('st', 200, 200, 1, { repeatPx: 100 }), cand('st', 260, 200, 1, { repeatPx: 100 }), cand('st', 380, 200, 0, { repeatPx: 100 })], { widthPx: 500, heightPx: 500 }, [{ minX: 95, minY: 95, maxX: 105, maxY: 105 }]);
    expect(kept.map((k) => `${k.text}@${k.x}`)).toEqual(['st@200', 'st@380']);
    expect(readableAngle(-10, 0)).toBeCloseTo(0, 9);
    const b = labelBox({ x: 0, y: 0, angle: Math.PI / 2, widthPx: 40, heightPx: 10 }, 0);
    expect([b.minX, b.minY, b.maxX, b.maxY].map((v) => Math.round(v * 1e9) / 1e9)).toEqual([-5, -20, 5, 20]);
  });
});

describe('before/after table from compare.json', () => {
  const layout = (share: number, p50: number | null) => ({
    label: 'x', posts: 15, units: 22, staticTiers: [{ targetS: 60, units: 1, coveredShare: share }], sitesMet: [{ class: 'circle-1min', met: 4, count: 5 }],
    simulated: [{ class: 'serious', tiers: [{ targetS: 60, units: 1, metShare: 0.769, ci95: [0.749, 0.789] as [number, number] }], firstUnitP50S: p50, firstUnitP90S: 75 }], meanUtilisation: 0.269,
  });

  it('formats every figure for both layouts, a JSON null as n/a', () => {
    const rows = compareTableRows({ before: layout(0.89, 42), after: layout(0.999, null) });
    expect(rows).toEqual([
      ['posts / units', '15 / 22', '15 / 22'],
      ['static: 1 unit(s) <= 60 s (demand-weighted)', '89.0%', '99.9%'],
      ['static: key sites meeting circle-1min', '4/5', '4/5'],
      ['simulated serious: 1 unit(s) <= 60 s', '76.9% ±2.0', '76.9% ±2.0'],
      ['simulated serious: 1st unit median / p90', '42 s / 75 s', 'n/a / 75 s'],
      ['mean unit utilisation', '26.9%', '26.9%'],
    ]);
    expect(asCompareJson({ before: {}, after: {} })).toBeNull();
  });
});
