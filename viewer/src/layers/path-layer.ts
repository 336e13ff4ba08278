import { Container, Graphics } from 'pixi.js';
import type { Layer } from './layer.ts';

export interface PathLayerProps {
  id: string;
  /** Number of paths. */
  count: number;
  /** Interleaved x,y in world metres for path i (at least two points). */
  getPath: (i: number) => ArrayLike<number>;
  getColor: (i: number) => number;
  getWidthPx: (i: number) => number;
  /** Draw order: paths with a higher value are drawn later (on top). Default 0. */
  getOrder?: (i: number) => number;
  alpha?: number;
}

/**
 * Static polylines. Paths sharing a colour and width go into one stroke, so a 75k-edge network is a
 * handful of draw calls; the geometry is rebuilt only on `rescale`.
 */
const CHUNK = 2000;

export function createPathLayer(props: PathLayerProps): Layer {
  const container = new Container({ label: props.id });
  const groups = new Map<string, { color: number; widthPx: number; order: number; paths: number[] }>();
  for (let i = 0; i < props.count; i++) {
    const color = props.getColor(i), widthPx = props.getWidthPx(i), order = props.getOrder?.(i) ?? 0;
    if (!(widthPx > 0)) continue;
    const key = `${order}|${color}|${widthPx}`;
    let g = groups.get(key);
    if (!g) { g = { color, widthPx, order, paths: [] }; groups.set(key, g); }
    g.paths.push(i);
  }
  const sorted = [...groups.values()].sort((a, b) => a.order - b.order || a.widthPx - b.widthPx);
  let graphics: Graphics[] = [];
  return {
    id: props.id,
    container,
    rescale(pxPerM) {
      for (const g of graphics) g.destroy();
      // Chunks of CHUNK paths per Graphics: one huge path makes Pixi's tessellation superlinear.
      graphics = sorted.flatMap((grp) => {
        const out: Graphics[] = [];
        for (let c = 0; c < grp.paths.length; c += CHUNK) {
          const g = new Graphics();
          for (const i of grp.paths.slice(c, c + CHUNK)) {
            const p = props.getPath(i);
            if (p.length < 4 || !Number.isFinite(p[0])) continue;
            g.moveTo(p[0], p[1]);
            for (let j = 2; j + 1 < p.length; j += 2) g.lineTo(p[j], p[j + 1]);
          }
          // Square caps, not round: Pixi tessellates a round cap into a fan at every path end, which made
          // a 75k-link network take a minute to draw (measured: 59.5 s round, 4.8 s square, page ready).
          g.stroke({ width: grp.widthPx / pxPerM, color: grp.color, alpha: props.alpha ?? 1, cap: 'square', join: 'round' });
          container.addChild(g);
          out.push(g);
        }
        return out;
      });
    },
    setVisible(v) { container.visible = v; },
    destroy() { container.destroy({ children: true }); },
  };
}
