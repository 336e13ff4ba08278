import { Container, Sprite, type Texture } from 'pixi.js';
import type { Layer } from './layer.ts';

export interface MovingPointsLayerProps {
  id: string;
  count: number;
  /** A white disc texture (tinted per point). */
  texture: Texture;
  /** Write point i's world position (metres) at time `tS` into `out`; return a style key (e.g. a state code). */
  sample: (i: number, tS: number, out: { x: number; y: number; state: number }) => void;
  /** Colour for a style key returned by `sample`. */
  getColor: (state: number) => number;
  radiusPx: number;
}

export interface MovingPointsLayer extends Layer {
  /** Move every point to its position at `tS`. */
  setTime(tS: number): void;
}

/**
 * Points that move every frame: one tinted sprite each, in their own render group so the static
 * layers are not re-batched while units move.
 */
export function createMovingPointsLayer(props: MovingPointsLayerProps): MovingPointsLayer {
  const container = new Container({ label: props.id, isRenderGroup: true });
  const sprites: Sprite[] = [];
  const out = { x: 0, y: 0, state: 0 };
  const texSize = Math.max(1, props.texture.width);
  for (let i = 0; i < props.count; i++) {
    const s = new Sprite(props.texture);
    s.anchor.set(0.5);
    container.addChild(s);
    sprites.push(s);
  }
  let lastScale = 1;
  return {
    id: props.id,
    container,
    rescale(pxPerM) {
      lastScale = (2 * props.radiusPx) / texSize / pxPerM;
      for (const s of sprites) s.scale.set(lastScale);
    },
    setTime(tS) {
      for (let i = 0; i < sprites.length; i++) {
        props.sample(i, tS, out);
        const s = sprites[i];
        if (!Number.isFinite(out.x)) { s.visible = false; continue; }
        s.visible = true;
        s.position.set(out.x, out.y);
        s.tint = props.getColor(out.state);
      }
    },
    setVisible(v) { container.visible = v; },
    destroy() { container.destroy({ children: true }); },
  };
}
