/**
 * Map furniture over the maps: each map's title, the replay time, a scale bar, a north arrow and the
 * data attribution; the swipe divider. The same items draw the screen (a small canvas each) and the
 * PNG export (with the legend beside the map), so the two cannot differ.
 */
import { cssColour } from '../model/colour-scale.ts';
import type { LegendGroup, Swatch } from '../model/legend.ts';
import { traceMarker } from '../model/marker-geometry.ts';
import { scaleBar } from '../model/scale-bar.ts';

export const FURNITURE_FONT = '12px system-ui, "Noto Sans CJK SC", sans-serif';
const BOLD = `600 ${FURNITURE_FONT}`;

export interface PaneFurniture {
  /** Left edge and width of the pane in the drawing (CSS px). */
  x: number;
  widthPx: number;
  /** "A: current layout". */
  title: string;
  /** Where the title sits: the pane's left (default) or right corner (the swipe's B). */
  titleAlign?: 'left' | 'right';
  pxPerM: number;
  scaleBar: boolean;
  northArrow: boolean;
}

export interface FurnitureSpec {
  widthPx: number;
  heightPx: number;
  panes: PaneFurniture[];
  /** "replay: replication 1, first 48 h · day 2 08:15:00", or null without a replay. */
  timeText: string | null;
  attribution: string | null;
  /** Swipe divider position (CSS px from the left), or null. */
  dividerX: number | null;
}

function chip(ctx: CanvasRenderingContext2D, text: string, x: number, y: number, align: 'left' | 'right' | 'center', font = BOLD): { w: number } {
  ctx.font = font;
  const w = ctx.measureText(text).width + 12;
  const x0 = align === 'left' ? x : align === 'right' ? x - w : x - w / 2;
  ctx.fillStyle = 'rgba(255,255,255,0.88)';
  ctx.strokeStyle = 'rgba(0,0,0,0.25)';
  ctx.lineWidth = 1;
  ctx.beginPath();
  ctx.roundRect(x0, y, w, 20, 3);
  ctx.fill(); ctx.stroke();
  ctx.fillStyle = '#111';
  ctx.textBaseline = 'middle';
  ctx.textAlign = 'left';
  ctx.fillText(text, x0 + 6, y + 10.5);
  return { w };
}

function drawScaleBar(ctx: CanvasRenderingContext2D, pxPerM: number, x: number, y: number): void {
  const s = scaleBar(pxPerM, 120);
  ctx.fillStyle = 'rgba(255,255,255,0.85)';
  ctx.fillRect(x - 4, y - 16, s.widthPx + 8 + 40, 24);
  ctx.strokeStyle = '#111';
  ctx.lineWidth = 2;
  ctx.beginPath();
  ctx.moveTo(x, y - 5); ctx.lineTo(x, y); ctx.lineTo(x + s.widthPx, y); ctx.lineTo(x + s.widthPx, y - 5);
  ctx.stroke();
  ctx.font = FURNITURE_FONT;
  ctx.fillStyle = '#111';
  ctx.textAlign = 'left';
  ctx.textBaseline = 'alphabetic';
  ctx.fillText(s.label, x + s.widthPx + 6, y + 1);
}

/** A north arrow: the map is north up (the local projection never rotates it). */
function drawNorthArrow(ctx: CanvasRenderingContext2D, cx: number, top: number): void {
  ctx.fillStyle = 'rgba(255,255,255,0.85)';
  ctx.beginPath(); ctx.arc(cx, top + 17, 16, 0, 2 * Math.PI); ctx.fill();
  ctx.fillStyle = '#111';
  ctx.beginPath(); ctx.moveTo(cx, top + 5); ctx.lineTo(cx + 6, top + 24); ctx.lineTo(cx, top + 20); ctx.lineTo(cx - 6, top + 24); ctx.closePath(); ctx.fill();
  ctx.font = '600 10px system-ui, sans-serif';
  ctx.textAlign = 'center';
  ctx.textBaseline = 'alphabetic';
  ctx.fillText('N', cx, top + 33.5);
}

/** The width a chip of this text takes. */
function chipWidth(ctx: CanvasRenderingContext2D, text: string, font = BOLD): number {
  ctx.font = font;
  return ctx.measureText(text).width + 12;
}

/** The replay time, a chip centred on x with its top at y; returns its width. */
export function drawTimeChip(ctx: CanvasRenderingContext2D, text: string, x: number, y: number): number {
  return chip(ctx, text, x, y, 'center', FURNITURE_FONT).w;
}

/** One piece of furniture: its box on the drawing (CSS px) and how to draw it in that box's own coordinates. */
export interface FurnitureItem { key: string; x: number; y: number; w: number; h: number; draw(ctx: CanvasRenderingContext2D): void }

/**
 * The furniture as separate small items, so the screen can give each a canvas of its own (a
 * full-size transparent overlay costs the software compositor a full-screen blend every frame) while
 * the export draws them all on one image.
 */
export function furnitureItems(ctx: CanvasRenderingContext2D, f: FurnitureSpec): FurnitureItem[] {
  const items: FurnitureItem[] = [];
  f.panes.forEach((p, i) => {
    const w = Math.ceil(chipWidth(ctx, p.title)) + 2;
    const x = p.titleAlign === 'right' ? p.x + p.widthPx - 8 - w + 1 : p.x + 8 - 1;
    items.push({ key: `title-${i}`, x, y: 5, w, h: 22, draw: (c) => { chip(c, p.title, 1, 1, 'left'); } });
    if (p.northArrow) {
      const top = p.titleAlign === 'right' ? 32 : 6, cx = p.x + p.widthPx - 26;
      items.push({ key: `north-${i}`, x: cx - 17, y: top, w: 34, h: 40, draw: (c) => drawNorthArrow(c, 17, 0) });
    }
    if (p.scaleBar) {
      const sb = scaleBar(p.pxPerM, 120);
      const x0 = p.x + 12, y0 = f.heightPx - 12;
      items.push({ key: `scale-${i}`, x: x0 - 4, y: y0 - 16, w: Math.ceil(sb.widthPx) + 48, h: 24, draw: (c) => drawScaleBar(c, p.pxPerM, 4, 16) });
    }
  });
  if (f.timeText) {
    const text = f.timeText, w = Math.ceil(chipWidth(ctx, text, FURNITURE_FONT)) + 2;
    items.push({ key: 'time', x: Math.round(f.widthPx / 2 - w / 2), y: f.heightPx - 31, w, h: 22, draw: (c) => { drawTimeChip(c, text, w / 2, 1); } });
  }
  if (f.attribution) {
    const text = f.attribution;
    ctx.font = '11px system-ui, sans-serif';
    const w = Math.ceil(ctx.measureText(text).width) + 8;
    items.push({
      key: 'attribution', x: f.widthPx - w - 2, y: f.heightPx - 16, w, h: 15,
      draw: (c) => {
        c.fillStyle = 'rgba(255,255,255,0.85)'; c.fillRect(0, 0, w, 15);
        c.font = '11px system-ui, sans-serif'; c.fillStyle = '#333'; c.textAlign = 'right'; c.textBaseline = 'alphabetic';
        c.fillText(text, w - 4, 11);
      },
    });
  }
  if (f.dividerX !== null) items.push({ key: 'divider', x: f.dividerX - 1.5, y: 0, w: 3, h: f.heightPx, draw: (c) => { c.fillStyle = '#222'; c.fillRect(0, 0, 3, f.heightPx); } });
  return items;
}

/** All the furniture on one context (the PNG export). */
export function drawFurniture(ctx: CanvasRenderingContext2D, f: FurnitureSpec): void {
  for (const it of furnitureItems(ctx, f)) {
    ctx.save();
    ctx.translate(it.x, it.y);
    it.draw(ctx);
    ctx.restore();
  }
}

export function drawSwatch(ctx: CanvasRenderingContext2D, s: Swatch, x: number, y: number): void {
  const w = 26, h = 16, cy = y + h / 2;
  ctx.save();
  if (s.kind === 'line' || s.kind === 'arrow') {
    ctx.strokeStyle = cssColour(s.color);
    ctx.lineWidth = s.kind === 'line' ? s.widthPx : 2;
    ctx.beginPath(); ctx.moveTo(x + 2, cy); ctx.lineTo(x + w - (s.kind === 'arrow' ? 8 : 2), cy); ctx.stroke();
    if (s.kind === 'arrow') { ctx.fillStyle = cssColour(s.color); ctx.beginPath(); ctx.moveTo(x + w - 9, cy - 4); ctx.lineTo(x + w - 2, cy); ctx.lineTo(x + w - 9, cy + 4); ctx.closePath(); ctx.fill(); }
  } else {
    ctx.beginPath();
    traceMarker(ctx, s.kind === 'hex' ? 'hexagon' : s.shape, x + w / 2, cy, s.kind === 'hex' ? 7.5 : Math.min(7.5, s.radiusPx));
    ctx.globalAlpha = s.kind === 'hex' ? s.alpha : s.alpha ?? 1;
    ctx.fillStyle = cssColour(s.color);
    ctx.fill('evenodd');
    ctx.globalAlpha = 1;
    if (s.kind === 'marker' && s.stroke !== undefined && s.strokeWidthPx) { ctx.strokeStyle = cssColour(s.stroke); ctx.lineWidth = s.strokeWidthPx; ctx.stroke(); }
  }
  ctx.restore();
}

/** The legend, one group under another, from (x, y) within `widthPx`; returns the height used. */
export function drawLegend(ctx: CanvasRenderingContext2D, groups: readonly LegendGroup[], x: number, y: number, widthPx: number, draw = true): number {
  let yy = y;
  const wrap = (text: string, font: string, maxW: number): string[] => {
    ctx.font = font;
    const words = text.split(' '), lines: string[] = [];
    let line = '';
    for (const w of words) { const t = line ? `${line} ${w}` : w; if (ctx.measureText(t).width > maxW && line) { lines.push(line); line = w; } else line = t; }
    if (line) lines.push(line);
    return lines;
  };
  ctx.textBaseline = 'middle';
  ctx.textAlign = 'left';
  for (const g of groups) {
    for (const l of wrap(g.title, BOLD, widthPx)) { if (draw) { ctx.font = BOLD; ctx.fillStyle = '#222'; ctx.fillText(l, x, yy + 8); } yy += 16; }
    for (const it of g.items) {
      if (draw) { drawSwatch(ctx, it.swatch, x, yy); ctx.font = FURNITURE_FONT; ctx.fillStyle = '#222'; ctx.textBaseline = 'middle'; ctx.textAlign = 'left'; ctx.fillText(it.label, x + 32, yy + 8.5); }
      yy += 19;
    }
    yy += 8;
  }
  return yy - y;
}
