/**
 * Greedy label placement: candidates in priority order, each kept only when its box overlaps no kept
 * box (nor any reserved area, such as a marker) and lies inside the canvas; a text already placed
 * within `repeatPx` of the same text is skipped (one street name per stretch of street).
 * Pure: the caller measures text.
 */
export interface LabelCandidate {
  text: string;
  /** Screen position of the label's centre (CSS pixels). */
  x: number; y: number;
  /** Rotation in radians (screen, clockwise positive as canvas draws it). */
  angle: number;
  widthPx: number; heightPx: number;
  /** Higher first. */
  priority: number;
  /** Shortest distance between two labels of the same text; 0 allows repeats anywhere. */
  repeatPx?: number;
  kind: string;
}

export interface Box { minX: number; minY: number; maxX: number; maxY: number }

/** The axis-aligned box of a rotated label, padded. */
export function labelBox(c: Pick<LabelCandidate, 'x' | 'y' | 'angle' | 'widthPx' | 'heightPx'>, padPx = 2): Box {
  const cos = Math.abs(Math.cos(c.angle)), sin = Math.abs(Math.sin(c.angle));
  const hw = (c.widthPx * cos + c.heightPx * sin) / 2 + padPx, hh = (c.widthPx * sin + c.heightPx * cos) / 2 + padPx;
  return { minX: c.x - hw, minY: c.y - hh, maxX: c.x + hw, maxY: c.y + hh };
}

const overlaps = (a: Box, b: Box) => a.minX < b.maxX && b.minX < a.maxX && a.minY < b.maxY && b.minY < a.maxY;

export function placeLabels(candidates: readonly LabelCandidate[], canvas: { widthPx: number; heightPx: number }, reserved: readonly Box[] = []): LabelCandidate[] {
  const order = candidates.map((_, i) => i).sort((a, b) => candidates[b].priority - candidates[a].priority || a - b);
  // A uniform grid of kept boxes keeps this linear in practice.
  const cell = 64;
  const grid = new Map<string, Box[]>();
  const cellsOf = (b: Box) => {
    const out: string[] = [];
    for (let cx = Math.floor(b.minX / cell); cx <= Math.floor(b.maxX / cell); cx++) for (let cy = Math.floor(b.minY / cell); cy <= Math.floor(b.maxY / cell); cy++) out.push(`${cx},${cy}`);
    return out;
  };
  const add = (b: Box) => { for (const k of cellsOf(b)) { const l = grid.get(k); if (l) l.push(b); else grid.set(k, [b]); } };
  const hits = (b: Box) => cellsOf(b).some((k) => grid.get(k)?.some((o) => overlaps(o, b)));
  reserved.forEach(add);
  const placedByText = new Map<string, { x: number; y: number }[]>();
  const kept: LabelCandidate[] = [];
  for (const i of order) {
    const c = candidates[i];
    const b = labelBox(c);
    if (b.minX < 0 || b.minY < 0 || b.maxX > canvas.widthPx || b.maxY > canvas.heightPx) continue;
    const same = placedByText.get(c.text);
    if (same && c.repeatPx && same.some((p) => Math.hypot(p.x - c.x, p.y - c.y) < c.repeatPx!)) continue;
    if (hits(b)) continue;
    add(b);
    kept.push(c);
    if (same) same.push({ x: c.x, y: c.y }); else placedByText.set(c.text, [{ x: c.x, y: c.y }]);
  }
  return kept;
}

/** A segment's angle turned so text along it reads left to right (within -90..90 degrees). */
export function readableAngle(dx: number, dy: number): number {
  let a = Math.atan2(dy, dx);
  if (a > Math.PI / 2) a -= Math.PI;
  else if (a <= -Math.PI / 2) a += Math.PI;
  return a;
}
