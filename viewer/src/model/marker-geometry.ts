/**
 * Marker shapes as outlines, matching the signed-distance shapes of the map's marker shader
 * (layers/marker-layer.ts), so the legend, the SVG report and the PNG export draw the same symbols.
 * Coordinates: y down (screen), centre (0, 0), radius r.
 */
import type { MarkerShape } from './styles.ts';

export type Outline =
  | { kind: 'polygon'; points: [number, number][] }
  | { kind: 'circle'; r: number }
  /** A ring between two radii (even-odd fill). */
  | { kind: 'annulus'; outer: number; inner: number };

const rot45 = ([x, y]: [number, number]): [number, number] => [(x - y) * Math.SQRT1_2, (x + y) * Math.SQRT1_2];

export function markerOutlines(shape: MarkerShape, r: number): Outline[] {
  switch (shape) {
    case 'square': { const h = 0.88 * r; return [{ kind: 'polygon', points: [[-h, -h], [h, -h], [h, h], [-h, h]] }]; }
    case 'diamond': { const h = 0.82 * r * Math.SQRT2; return [{ kind: 'polygon', points: [[0, -h], [h, 0], [0, h], [-h, 0]] }]; }
    case 'triangle': case 'triangle-down': {
      const a = 1.12 * r, s = shape === 'triangle' ? 1 : -1, dy = 0.12 * r;
      // Shape space y up: apex (0, 2a/sqrt3), base (+-a, -a/sqrt3), shifted down by dy; screen y = -shape y.
      const pts: [number, number][] = [[0, 2 * a / Math.sqrt(3) - dy], [a, -a / Math.sqrt(3) - dy], [-a, -a / Math.sqrt(3) - dy]];
      return [{ kind: 'polygon', points: pts.map(([x, y]) => [x, -s * y]) }];
    }
    case 'hexagon': return [{ kind: 'polygon', points: Array.from({ length: 6 }, (_, k) => { const t = Math.PI / 2 + (k * Math.PI) / 3; return [r * Math.cos(t), -r * Math.sin(t)] as [number, number]; }) }];
    case 'cross': {
      const a = r, b = 0.38 * r;
      const bar = (w: number, h: number): Outline => ({ kind: 'polygon', points: ([[-w, -h], [w, -h], [w, h], [-w, h]] as [number, number][]).map(rot45) });
      return [bar(a, b), bar(b, a)];
    }
    case 'ring': return [{ kind: 'annulus', outer: 1.04 * r, inner: 0.44 * r }];
    case 'target': return [{ kind: 'annulus', outer: 1.02 * r, inner: 0.62 * r }, { kind: 'circle', r: 0.32 * r }];
    default: return [{ kind: 'circle', r }];
  }
}

const f = (v: number) => (Math.round(v * 100) / 100).toString();

/** SVG elements for a marker at (cx, cy). */
export function markerSvg(shape: MarkerShape, cx: number, cy: number, r: number, fill: string, stroke?: string, strokeWidth = 0, attrs = ''): string {
  const st = stroke && strokeWidth > 0 ? ` stroke="${stroke}" stroke-width="${strokeWidth}"` : '';
  return markerOutlines(shape, r).map((o) => {
    if (o.kind === 'circle') return `<circle cx="${f(cx)}" cy="${f(cy)}" r="${f(o.r)}" fill="${fill}"${st}${attrs}/>`;
    if (o.kind === 'annulus') {
      const ring = (R: number) => `M${f(cx - R)} ${f(cy)}a${f(R)} ${f(R)} 0 1 0 ${f(2 * R)} 0a${f(R)} ${f(R)} 0 1 0 ${f(-2 * R)} 0`;
      return `<path d="${ring(o.outer)}${ring(o.inner)}" fill="${fill}" fill-rule="evenodd"${st}${attrs}/>`;
    }
    return `<polygon points="${o.points.map(([x, y]) => `${f(cx + x)},${f(cy + y)}`).join(' ')}" fill="${fill}"${st}${attrs}/>`;
  }).join('');
}

/** Trace the marker's outline on a 2D canvas path (the caller fills and strokes). */
export function traceMarker(ctx: { moveTo(x: number, y: number): void; lineTo(x: number, y: number): void; arc(x: number, y: number, r: number, a0: number, a1: number, ccw?: boolean): void; closePath(): void }, shape: MarkerShape, cx: number, cy: number, r: number): void {
  for (const o of markerOutlines(shape, r)) {
    if (o.kind === 'circle') { ctx.moveTo(cx + o.r, cy); ctx.arc(cx, cy, o.r, 0, 2 * Math.PI); ctx.closePath(); continue; }
    if (o.kind === 'annulus') {
      ctx.moveTo(cx + o.outer, cy); ctx.arc(cx, cy, o.outer, 0, 2 * Math.PI); ctx.closePath();
      ctx.moveTo(cx + o.inner, cy); ctx.arc(cx, cy, o.inner, 0, 2 * Math.PI, true); ctx.closePath();
      continue;
    }
    o.points.forEach(([x, y], i) => (i === 0 ? ctx.moveTo(cx + x, cy + y) : ctx.lineTo(cx + x, cy + y)));
    ctx.closePath();
  }
}
