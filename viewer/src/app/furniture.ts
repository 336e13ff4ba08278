/**
 * Map furniture on a 2D canvas over the maps: each map's title, the replay time, a scale bar, a north
 * arrow and the data attribution; the swipe divider. The same functions draw the PNG export (with the
 * legend beside the map), so the screen and the export cannot differ.
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

export function drawFurniture(ctx: CanvasRenderingContext2D, f: FurnitureSpec): void {
  for (const p of f.panes) {
    if (p.titleAlign === 'right') chip(ctx, p.title, p.x + p.widthPx - 8, 6, 'right');
    else chip(ctx, p.title, p.x + 8, 6, 'left');
    if (p.northArrow) drawNorthArrow(ctx, p.x + p.widthPx - 26, p.titleAlign === 'right' ? 32 : 6);
    if (p.scaleBar) drawScaleBar(ctx, p.pxPerM, p.x + 12, f.heightPx - 12);
  }
  if (f.timeText) chip(ctx, f.timeText, f.widthPx / 2, f.heightPx - 30, 'center', FURNITURE_FONT);
  if (f.attribution) {
    ctx.font = '11px system-ui, sans-serif';
    const w = ctx.measureText(f.attribution).width + 8;
    ctx.fillStyle = 'rgba(255,255,255,0.85)';
    ctx.fillRect(f.widthPx - w - 2, f.heightPx - 16, w, 15);
    ctx.fillStyle = '#333';
    ctx.textAlign = 'right';
    ctx.textBaseline = 'alphabetic';
    ctx.fillText(f.attribution, f.widthPx - 6, f.heightPx - 5);
  }
  if (f.dividerX !== null) {
    ctx.fillStyle = '#222';
    ctx.fillRect(f.dividerX - 1.5, 0, 3, f.heightPx);
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
