/**
 * Coverage drawn on the roads, the way isochrone maps and service-area lines read: every link is cut
 * where the arrival time of the chosen unit crosses a break, and each piece is coloured by the time at
 * its middle. Arrival times are known at nodes (coverage.json `nodeArrivalS`); along a link they are
 * interpolated linearly in its length. A link with one end beyond the search horizon (Infinity: no
 * unit within the largest target) is cut at its middle: the near half keeps the near end's time.
 *
 * Pure: typed arrays in and out, shared by the Pixi viewer and the SVG report.
 */
import type { RunScene } from './run-scene.ts';

/** Pieces of links, each inside one bin of every scale whose breaks are among the cut times. */
export interface LinePieces {
  readonly count: number;
  /** Piece i runs from (x0[i], y0[i]) to (x1[i], y1[i]), world metres. */
  readonly x0: Float32Array; readonly y0: Float32Array; readonly x1: Float32Array; readonly y1: Float32Array;
  /** The link each piece belongs to. */
  readonly edge: Int32Array;
  /**
   * Per time field (in the order given), the interpolated time at the piece's middle: `timeAt[f][i]`.
   * NaN where a field has no value at either end.
   */
  readonly timeAt: Float64Array[];
}

/**
 * Cut every link of the scene where any of the time fields (per node, seconds; Infinity beyond the
 * horizon; NaN unknown) crosses any of the cut times.
 *
 * @example
 * // one link of 100 m, 50 s at one end and 150 s at the other, cut at 60 and 120 s:
 * // pieces of 10 m (50-60 s), 60 m (60-120 s) and 30 m (120-150 s)
 */
export function cutLinksAtTimes(scene: RunScene, fields: readonly Float64Array[], cutsS: readonly number[]): LinePieces {
  const cuts = [...new Set(cutsS.filter(Number.isFinite))].sort((a, b) => a - b);
  const m = scene.edgeStart.length - 1;
  const x0: number[] = [], y0: number[] = [], x1: number[] = [], y1: number[] = [], edge: number[] = [];
  const times: number[][] = fields.map(() => []);
  const fracs: number[] = [];
  const lens: number[] = [];
  for (let e = 0; e < m; e++) {
    const a = scene.edgeStart[e], b = scene.edgeStart[e + 1];
    const xy = scene.edgeXY;
    if (!scene.edgeDrawn[e] || !Number.isFinite(xy[a]) || !Number.isFinite(xy[a + 1])) continue;
    // Cumulative length along the polyline.
    lens.length = 0;
    let total = 0;
    lens.push(0);
    for (let i = a + 2; i + 1 < b; i += 2) { total += Math.hypot(xy[i] - xy[i - 2], xy[i + 1] - xy[i - 1]); lens.push(total); }
    // Fractions (0..1 along the length) where some field crosses a cut, plus the ends.
    fracs.length = 0;
    fracs.push(0, 1);
    const from = scene.edgeFromNode[e], to = scene.edgeToNode[e];
    for (const f of fields) {
      const ta = f[from], tb = f[to];
      if (Number.isNaN(ta) || Number.isNaN(tb)) continue;
      if (!Number.isFinite(ta) || !Number.isFinite(tb)) { if (Number.isFinite(ta) || Number.isFinite(tb)) fracs.push(0.5); continue; }
      for (const c of cuts) if ((c - ta) * (c - tb) < 0) fracs.push((c - ta) / (tb - ta));
    }
    fracs.sort((p, q) => p - q);
    for (let s = 0; s + 1 < fracs.length; s++) {
      const f0 = fracs[s], f1 = fracs[s + 1];
      if (!(f1 > f0) && total > 0) continue;
      // Sub-polyline between f0 and f1: emit one piece per polyline segment it spans.
      const d0 = f0 * total, d1 = f1 * total, mid = (f0 + f1) / 2;
      const midTimes = fields.map((f) => timeAlong(f[from], f[to], mid));
      for (let j = 0; j + 1 < lens.length; j++) {
        const s0 = lens[j], s1 = lens[j + 1];
        if (s1 < d0 || s0 > d1 || (s1 === s0 && total > 0)) continue;
        const u0 = s1 > s0 ? Math.max(0, (d0 - s0) / (s1 - s0)) : 0, u1 = s1 > s0 ? Math.min(1, (d1 - s0) / (s1 - s0)) : 1;
        if (u1 <= u0 && total > 0) continue;
        const px = xy[a + 2 * j], py = xy[a + 2 * j + 1], qx = xy[a + 2 * j + 2], qy = xy[a + 2 * j + 3];
        x0.push(px + (qx - px) * u0); y0.push(py + (qy - py) * u0);
        x1.push(px + (qx - px) * u1); y1.push(py + (qy - py) * u1);
        edge.push(e);
        midTimes.forEach((t, k) => times[k].push(t));
      }
    }
  }
  return {
    count: edge.length,
    x0: Float32Array.from(x0), y0: Float32Array.from(y0), x1: Float32Array.from(x1), y1: Float32Array.from(y1),
    edge: Int32Array.from(edge), timeAt: times.map((t) => Float64Array.from(t)),
  };
}

/** Time at fraction u along a link whose ends have times ta and tb (see the module comment). */
export function timeAlong(ta: number, tb: number, u: number): number {
  if (Number.isNaN(ta) && Number.isNaN(tb)) return NaN;
  if (Number.isNaN(ta)) return tb;
  if (Number.isNaN(tb)) return ta;
  if (!Number.isFinite(ta) || !Number.isFinite(tb)) {
    if (!Number.isFinite(ta) && !Number.isFinite(tb)) return Infinity;
    return u < 0.5 ? (Number.isFinite(ta) ? ta : Infinity) : (Number.isFinite(tb) ? tb : Infinity);
  }
  return ta + (tb - ta) * u;
}
