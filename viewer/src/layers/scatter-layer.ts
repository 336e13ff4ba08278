import { Container, Graphics } from 'pixi.js';
import type { Layer } from './layer.ts';

export type MarkerShape = 'circle' | 'square' | 'triangle' | 'diamond';

export interface ScatterLayerProps {
  id: string;
  count: number;
  /** World metres. NaN positions are skipped. */
  getX: (i: number) => number;
  getY: (i: number) => number;
  getColor: (i: number) => number;
  getRadiusPx: (i: number) => number;
  getShape?: (i: number) => MarkerShape;
  /** Outline, in screen pixels; 0 for none. */
  outlineWidthPx?: number;
  outlineColor?: number;
  alpha?: number;
}

/** Static markers, one Graphics per (shape, colour, size) group; rebuilt on `rescale`. */
export function createScatterLayer(props: ScatterLayerProps): Layer {
  const container = new Container({ label: props.id });
  const groups = new Map<string, { color: number; radiusPx: number; shape: MarkerShape; items: number[] }>();
  for (let i = 0; i < props.count; i++) {
    if (!Number.isFinite(props.getX(i)) || !Number.isFinite(props.getY(i))) continue;
    const color = props.getColor(i), radiusPx = props.getRadiusPx(i), shape = props.getShape?.(i) ?? 'circle';
    const key = `${shape}|${color}|${radiusPx}`;
    let g = groups.get(key);
    if (!g) { g = { color, radiusPx, shape, items: [] }; groups.set(key, g); }
    g.items.push(i);
  }
  let graphics: Graphics | null = null;
  return {
    id: props.id,
    container,
    rescale(pxPerM) {
      graphics?.destroy();
      const g = new Graphics();
      for (const grp of groups.values()) {
        const r = grp.radiusPx / pxPerM;
        for (const i of grp.items) drawMarker(g, grp.shape, props.getX(i), props.getY(i), r);
        g.fill({ color: grp.color, alpha: props.alpha ?? 1 });
        if (props.outlineWidthPx) {
          for (const i of grp.items) drawMarker(g, grp.shape, props.getX(i), props.getY(i), r);
          g.stroke({ width: props.outlineWidthPx / pxPerM, color: props.outlineColor ?? 0xffffff });
        }
      }
      container.addChild(g);
      graphics = g;
    },
    setVisible(v) { container.visible = v; },
    destroy() { container.destroy({ children: true }); },
  };
}

function drawMarker(g: Graphics, shape: MarkerShape, x: number, y: number, r: number): void {
  // World y points north; the map view flips it, so "up" here is +y.
  if (shape === 'circle') g.circle(x, y, r);
  else if (shape === 'square') g.rect(x - r, y - r, 2 * r, 2 * r);
  else if (shape === 'triangle') g.poly([x, y + r * 1.2, x + r * 1.1, y - r * 0.8, x - r * 1.1, y - r * 0.8]);
  else g.poly([x, y + r * 1.3, x + r, y, x, y - r * 1.3, x - r, y]);
}
