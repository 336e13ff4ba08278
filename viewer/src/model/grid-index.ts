/** A uniform-grid spatial index over points, for hover picking (nearest point within a radius). */
export interface GridIndex {
  /** Index of the nearest point within `maxDist` of (x, y), or -1. */
  nearest(x: number, y: number, maxDist: number): number;
}

/**
 * @example
 * const idx = createGridIndex(new Float64Array([0, 10]), new Float64Array([0, 0]), 5);
 * idx.nearest(9, 1, 3) // 1
 */
export function createGridIndex(xs: ArrayLike<number>, ys: ArrayLike<number>, cellSize: number): GridIndex {
  if (!(cellSize > 0)) throw new Error(`cellSize must be > 0, got ${cellSize}`);
  const cells = new Map<string, number[]>();
  const key = (cx: number, cy: number) => `${cx},${cy}`;
  for (let i = 0; i < xs.length; i++) {
    if (!Number.isFinite(xs[i]) || !Number.isFinite(ys[i])) continue;
    const k = key(Math.floor(xs[i] / cellSize), Math.floor(ys[i] / cellSize));
    let list = cells.get(k);
    if (!list) { list = []; cells.set(k, list); }
    list.push(i);
  }
  return {
    nearest(x, y, maxDist) {
      const r = Math.ceil(maxDist / cellSize);
      const cx = Math.floor(x / cellSize), cy = Math.floor(y / cellSize);
      let best = -1, bestD = maxDist * maxDist;
      for (let dx = -r; dx <= r; dx++) for (let dy = -r; dy <= r; dy++) {
        const list = cells.get(key(cx + dx, cy + dy));
        if (!list) continue;
        for (const i of list) {
          const d = (xs[i] - x) ** 2 + (ys[i] - y) ** 2;
          if (d <= bestD && (best < 0 || d < bestD || i < best)) { bestD = d; best = i; }
        }
      }
      return best;
    },
  };
}
