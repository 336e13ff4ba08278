/** The legend as HTML with inline SVG symbols (side panel and report). Pure strings. */
import { cssColour } from './colour-scale.ts';
import { escapeXml as esc } from './charts.ts';
import type { LegendGroup, Swatch } from './legend.ts';
import { markerSvg } from './marker-geometry.ts';

const W = 26, H = 16;

export function swatchSvg(s: Swatch): string {
  const open = `<svg class="swatch" xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" data-colour="${cssColour(s.color)}">`;
  if (s.kind === 'line') return `${open}<line x1="2" y1="${H / 2}" x2="${W - 2}" y2="${H / 2}" stroke="${cssColour(s.color)}" stroke-width="${s.widthPx}"/></svg>`;
  if (s.kind === 'hex') return `${open}${markerSvg('hexagon', W / 2, H / 2, 7.5, cssColour(s.color), undefined, 0, ` fill-opacity="${s.alpha}"`)}</svg>`;
  if (s.kind === 'arrow') return `${open}<line x1="2" y1="${H / 2}" x2="${W - 8}" y2="${H / 2}" stroke="${cssColour(s.color)}" stroke-width="2"/><polygon points="${W - 9},${H / 2 - 4} ${W - 2},${H / 2} ${W - 9},${H / 2 + 4}" fill="${cssColour(s.color)}"/></svg>`;
  return `${open}${markerSvg(s.shape, W / 2, H / 2, Math.min(7.5, s.radiusPx), cssColour(s.color), s.stroke !== undefined ? cssColour(s.stroke) : undefined, s.strokeWidthPx ?? 0, s.alpha !== undefined ? ` fill-opacity="${s.alpha}"` : '')}</svg>`;
}

export function legendHtml(groups: readonly LegendGroup[]): string {
  return groups.map((g) => `<div class="legend-group" data-legend="${esc(g.id)}"><h3>${esc(g.title)}</h3>
${g.items.map((i) => `<div class="legend-item">${swatchSvg(i.swatch)}<span>${esc(i.label)}</span></div>`).join('')}
${g.note ? `<div class="hint">${esc(g.note)}</div>` : ''}</div>`).join('\n');
}
