/**
 * The map furniture on screen: each piece (title, scale bar, north arrow, time, attribution) gets a
 * small canvas of its own over the maps (app/furniture.ts draws them), so a clock tick repaints only
 * the time chip.
 */
import { furnitureItems, type FurnitureSpec } from './furniture.ts';

export function createOverlay(host: HTMLElement, dpr: number, spec: () => FurnitureSpec): { draw(only?: string): void } {
  const pieces = new Map<string, HTMLCanvasElement>();
  const probe = document.createElement('canvas').getContext('2d')!;
  return {
    draw(only) {
      const items = furnitureItems(probe, { ...spec(), dividerX: null });
      const keys = new Set(items.map((i) => i.key));
      for (const it of items) {
        if (only && it.key !== only) continue;
        let c = pieces.get(it.key);
        if (!c) { c = document.createElement('canvas'); c.dataset.furniture = it.key; host.appendChild(c); pieces.set(it.key, c); }
        const w = Math.round(it.w * dpr), h = Math.round(it.h * dpr);
        if (c.width !== w || c.height !== h) { c.width = w; c.height = h; c.style.width = `${it.w}px`; c.style.height = `${it.h}px`; }
        c.style.left = `${it.x}px`; c.style.top = `${it.y}px`;
        const ctx = c.getContext('2d')!;
        ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
        ctx.clearRect(0, 0, it.w, it.h);
        it.draw(ctx);
      }
      if (!only) for (const [k, c] of pieces) if (!keys.has(k)) { c.remove(); pieces.delete(k); }
    },
  };
}
