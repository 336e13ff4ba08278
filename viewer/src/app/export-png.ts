/**
 * PNG export: a title band, the map(s) with their furniture (and the swipe divider), the legend
 * beside them, at 1x or 2x.
 */
import { drawFurniture, drawLegend, type FurnitureSpec } from './furniture.ts';
import type { MapView } from './map-view.ts';
import type { LegendGroup } from '../model/legend.ts';

export interface ExportSpec {
  views: readonly MapView[];
  side: boolean;
  paneW: number;
  paneH: number;
  swipeFrac: number;
  title: string;
  legend: LegendGroup[];
  furniture: FurnitureSpec;
}

export async function exportPng(o: ExportSpec, scale = 1): Promise<string> {
  const s = scale === 2 ? 2 : 1;
  const w = o.paneW, h = o.paneH;
  const mapsW = o.side ? w * o.views.length : w;
  const titleH = 40, legendW = 300;
  const out = document.createElement('canvas');
  const legendH = drawLegend(out.getContext('2d')!, o.legend, 0, 0, legendW - 24, false);
  const totalW = mapsW + legendW, totalH = Math.max(titleH + h, titleH + legendH + 16);
  out.width = totalW * s; out.height = totalH * s;
  const ctx = out.getContext('2d')!;
  ctx.fillStyle = '#ffffff';
  ctx.fillRect(0, 0, out.width, out.height);
  for (const [i, v] of o.views.entries()) {
    if (o.side) await v.drawInto(ctx, i * w, titleH, s);
    else await v.drawInto(ctx, 0, titleH, s, i === 1 ? Math.round(o.swipeFrac * w) : 0);
  }
  ctx.setTransform(s, 0, 0, s, 0, titleH * s);
  drawFurniture(ctx, o.furniture);
  ctx.setTransform(s, 0, 0, s, 0, 0);
  ctx.fillStyle = '#111';
  ctx.font = '600 17px system-ui, "Noto Sans CJK SC", sans-serif';
  ctx.textBaseline = 'middle';
  ctx.textAlign = 'left';
  ctx.fillText(o.title, 12, titleH / 2);
  drawLegend(ctx, o.legend, mapsW + 12, titleH + 8, legendW - 24);
  return out.toDataURL('image/png');
}
