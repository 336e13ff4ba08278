import { describe, expect, it } from 'vitest';
import { createLocalProjection, projectX, projectY, fitView, worldToScreen, screenToWorld, zoomAt, panBy, EARTH_RADIUS_M } from './projection.ts';
import { arrivalTimeScale, binLabels, createThresholdScale, failScale } from './colour-scale.ts';
import { FAIL_MODE_COLOURS, MEET_RAMP, MISS_RAMP } from './styles.ts';
import { formatSeconds } from './stats.ts';
import { createPlayback, formatClock, sampleTrack, waypointIndexAt, type UnitTrack } from './timeline.ts';
import { histogram, quantile, shareWithin } from './stats.ts';
import { createGridIndex } from './grid-index.ts';

describe('local projection', () => {
  it('puts the centre of the bounding box at the origin', () => {
    const p = createLocalProjection('lonlat', [114.0, 114.1], [22.5, 22.6]);
    expect(projectX(p, 114.05)).toBeCloseTo(0, 9);
    expect(projectY(p, 22.55)).toBeCloseTo(0, 9);
  });

  it('maps 0.01 degrees of latitude to about 1112 m and shrinks longitude by cos(latitude)', () => {
    const p = createLocalProjection('lonlat', [114.0, 114.1], [22.5, 22.6]);
    const mPerDeg = (EARTH_RADIUS_M * Math.PI) / 180; // 111195 m
    expect(projectY(p, 22.56) - projectY(p, 22.55)).toBeCloseTo(0.01 * mPerDeg, 6);
    expect(projectX(p, 114.06) - projectX(p, 114.05)).toBeCloseTo(0.01 * mPerDeg * Math.cos((22.55 * Math.PI) / 180), 6);
  });

  it('keeps planar metres as metres, re-centred', () => {
    const p = createLocalProjection('planar', [0, 300], [0, 200]);
    expect([projectX(p, 0), projectY(p, 0)]).toEqual([-150, -100]);
  });

  it('refuses a network without coordinates', () => {
    expect(() => createLocalProjection('none', [1], [1])).toThrow(/no coordinates/);
  });
});

describe('view transform', () => {
  it('fits a 300 x 200 m box into 800 x 600 px with 16 px padding, centred, north up', () => {
    const v = fitView({ minX: -150, minY: -100, maxX: 150, maxY: 100 }, 800, 600, 16);
    expect(v.pxPerM).toBeCloseTo(768 / 300, 9); // width binds: (800-32)/300 < (600-32)/200
    expect(worldToScreen(v, 0, 0)).toEqual([400, 300]);
    const [, yNorth] = worldToScreen(v, 0, 100);
    expect(yNorth).toBeLessThan(300); // north is up on screen
    expect(worldToScreen(v, -150, 0)[0]).toBeCloseTo(16, 9);
  });

  it('inverts: screenToWorld(worldToScreen(p)) is p', () => {
    const v = { pxPerM: 0.37, offsetXPx: 12, offsetYPx: 480 };
    const [sx, sy] = worldToScreen(v, 1234.5, -678.25);
    const [x, y] = screenToWorld(v, sx, sy);
    expect(x).toBeCloseTo(1234.5, 9);
    expect(y).toBeCloseTo(-678.25, 9);
  });

  it('zooms about the cursor, which stays on the same world point', () => {
    const v = { pxPerM: 1, offsetXPx: 100, offsetYPx: 100 };
    const before = screenToWorld(v, 250, 40);
    const after = screenToWorld(zoomAt(v, 3, 250, 40), 250, 40);
    expect(after[0]).toBeCloseTo(before[0], 9);
    expect(after[1]).toBeCloseTo(before[1], 9);
    expect(worldToScreen(panBy(v, 5, -7), 0, 0)).toEqual([105, 93]);
  });
});

describe('threshold colour scale', () => {
  const s = createThresholdScale([60, 180, 300], [1, 2, 3, 4], 99);

  it('counts a value equal to a break as meeting it (covered means <= target)', () => {
    expect(s(60)).toBe(1);
    expect(s(60.0001)).toBe(2);
    expect(s(180)).toBe(2);
    expect(s(300)).toBe(3);
    expect(s(301)).toBe(4);
  });

  it('gives unreachable (Infinity) the last colour and NaN the missing colour', () => {
    expect(s(Infinity)).toBe(4);
    expect(s(NaN)).toBe(99);
  });

  it('builds the arrival scale from the distinct tier targets of the data, sorted', () => {
    expect(arrivalTimeScale([300, 60, 180, 60], 60).breaks).toEqual([60, 180, 300]);
    expect(arrivalTimeScale([90, 240], 90).breaks).toEqual([90, 240]); // not the 1-3-5 standard
  });

  it('colours bins up to the chosen tier as meeting it (blue ramp) and the rest as missing it (orange ramp)', () => {
    const first = arrivalTimeScale([60, 180, 300], 60);
    expect(MEET_RAMP).toContain(first(60));
    for (const t of [61, 180, 300, Infinity]) expect(MISS_RAMP).toContain(first(t));
    const third = arrivalTimeScale([60, 180, 300], 300);
    for (const t of [10, 180, 300]) expect(MEET_RAMP).toContain(third(t));
    expect(MISS_RAMP).toContain(third(301));
    expect(new Set(third.colours).size).toBe(4);
  });

  it('labels the last bin "> largest target", never "unreachable"', () => {
    const labels = binLabels(arrivalTimeScale([60, 180, 300], 60), (v) => formatSeconds(v));
    expect(labels).toEqual(['\u2264 1 min', '1 min \u2013 3 min', '3 min \u2013 5 min', '> 5 min']);
    expect(formatSeconds(Infinity, 300)).toBe('> 5 min');
  });

  it('has a fail scale of two colours split at the chosen target', () => {
    const f = failScale(180);
    expect([f(180), f(180.5), f(Infinity)]).toEqual([FAIL_MODE_COLOURS.pass, FAIL_MODE_COLOURS.fail, FAIL_MODE_COLOURS.fail]);
  });

  it('rejects a colour count that does not match the breaks', () => {
    expect(() => createThresholdScale([60], [1])).toThrow(/needs 2 colours/);
    expect(() => createThresholdScale([60, 60], [1, 2, 3])).toThrow(/ascend/);
  });
});

describe('timeline interpolation', () => {
  const track: UnitTrack = {
    tS: Float64Array.from([10, 20, 20, 40]), x: Float64Array.from([0, 100, 500, 500]),
    y: Float64Array.from([0, 0, 0, 200]), state: Uint8Array.from([2, 2, 3, 4]),
  };
  const out = { x: 0, y: 0, state: 0 };

  it('moves linearly between waypoints', () => {
    expect(sampleTrack(track, 15, out)).toEqual({ x: 50, y: 0, state: 2 });
    expect(sampleTrack(track, 30, out)).toEqual({ x: 500, y: 100, state: 3 });
  });

  it('holds the first waypoint before it and the last after it', () => {
    expect(sampleTrack(track, 0, out)).toEqual({ x: 0, y: 0, state: 2 });
    expect(sampleTrack(track, 99, out)).toEqual({ x: 500, y: 200, state: 4 });
  });

  it('takes the later of two waypoints at the same time (a jump)', () => {
    // Two waypoints at 20 s: the unit is at the second (500, 0), state 3, from 20 s on.
    expect(waypointIndexAt(track, 20)).toBe(2);
    expect(sampleTrack(track, 20, out)).toEqual({ x: 500, y: 0, state: 3 });
  });

  it('gives NaN for a unit without waypoints', () => {
    const empty = { tS: new Float64Array(0), x: new Float64Array(0), y: new Float64Array(0), state: new Uint8Array(0) };
    expect(Number.isNaN(sampleTrack(empty, 5, out).x)).toBe(true);
  });
});

describe('playback clock', () => {
  it('advances by wall time x speed only while playing, and stops at the end', () => {
    const p = createPlayback(0, 600, 60);
    expect(p.advance(1)).toBe(0);
    p.play();
    expect(p.advance(2)).toBe(120);
    p.setSpeed(300);
    expect(p.advance(10)).toBe(600);
    expect(p.playing).toBe(false);
  });

  it('clamps seeks and restarts from the beginning when played at the end', () => {
    const p = createPlayback(100, 200);
    p.seek(500);
    expect(p.timeS).toBe(200);
    p.play();
    expect(p.timeS).toBe(100);
    expect(() => p.setSpeed(0)).toThrow(/positive/);
  });

  it('formats the simulation clock with a day from the second day on', () => {
    expect(formatClock(0)).toBe('00:00:00');
    expect(formatClock(3723.9)).toBe('01:02:03');
    expect(formatClock(86400 + 60)).toBe('day 2 00:01:00');
    expect(formatClock(Infinity)).toBe('--:--:--');
  });
});

describe('statistics', () => {
  it('bins right-closed, so exactly 60 s is in the first minute', () => {
    const h = histogram([0, 10, 60, 61, 120, 121, Infinity, NaN], 60, 120);
    expect(h.counts).toEqual([3, 2]);
    expect(h.overflow).toBe(2);
    expect(h.total).toBe(7);
  });

  it('computes shares within a target and quantiles', () => {
    expect(shareWithin([30, 60, 90, Infinity], 60)).toBe(0.5);
    expect(quantile([1, 2, 3, 4], 0.5)).toBe(2.5);
    expect(quantile([1, Infinity], 1)).toBe(Infinity);
  });

  it('picks the nearest point within the radius from a grid index', () => {
    const idx = createGridIndex(Float64Array.from([0, 10, 10.5]), Float64Array.from([0, 0, 0]), 4);
    expect(idx.nearest(10.4, 0.1, 2)).toBe(2);
    expect(idx.nearest(5, 5, 2)).toBe(-1);
  });
});
