/**
 * Charts as SVG strings (no DOM): the viewer's side panel sets them as innerHTML, the report inlines
 * them. Sizes are explicit pixels.
 */
import { cssColour, type ThresholdScale } from './colour-scale.ts';
import { formatShare, type ComplianceRow, type Histogram } from './stats.ts';

const esc = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
export { esc as escapeXml };

export interface HistogramSvgOptions {
  widthPx: number;
  heightPx: number;
  /** Colours bars by their upper edge (the tier breaks). */
  scale: ThresholdScale;
  /** Vertical marker lines (seconds), e.g. the tier targets. */
  markersS?: readonly number[];
  title?: string;
  /** The y axis top (a count); give two histograms the same value to compare them. Default: this one's largest bar. */
  yMax?: number;
}

/** A response-time histogram: x in minutes, bars coloured by tier band, an overflow bar for "later / never". */
export function histogramSvg(h: Histogram, o: HistogramSvgOptions): string {
  const padL = 34, padR = 8, padT = o.title ? 18 : 6, padB = 30;
  const nBars = h.counts.length + 1;
  const plotW = o.widthPx - padL - padR, plotH = o.heightPx - padT - padB;
  const barW = plotW / nBars;
  const maxC = Math.max(1, o.yMax ?? 0, ...h.counts, h.overflow);
  const y = (c: number) => padT + plotH - (c / maxC) * plotH;
  const parts: string[] = [`<svg xmlns="http://www.w3.org/2000/svg" class="chart" width="${o.widthPx}" height="${o.heightPx}" viewBox="0 0 ${o.widthPx} ${o.heightPx}" font-family="sans-serif" font-size="10">`];
  if (o.title) parts.push(`<text x="${padL}" y="12" font-weight="bold">${esc(o.title)}</text>`);
  h.counts.forEach((c, i) => {
    const x = padL + i * barW;
    parts.push(`<rect class="bar" x="${x.toFixed(1)}" y="${y(c).toFixed(1)}" width="${Math.max(1, barW - 1).toFixed(1)}" height="${(padT + plotH - y(c)).toFixed(1)}" fill="${cssColour(o.scale(h.edges[i + 1]))}"><title>${h.edges[i]}-${h.edges[i + 1]} s: ${c}</title></rect>`);
  });
  const ox = padL + h.counts.length * barW;
  parts.push(`<rect class="bar overflow" x="${ox.toFixed(1)}" y="${y(h.overflow).toFixed(1)}" width="${Math.max(1, barW - 1).toFixed(1)}" height="${(padT + plotH - y(h.overflow)).toFixed(1)}" fill="${cssColour(o.scale(Infinity))}" opacity="0.6"><title>later or never: ${h.overflow}</title></rect>`);
  const xMax = h.edges[h.edges.length - 1];
  const xOf = (s: number) => padL + (s / xMax) * (plotW - barW);
  for (const m of o.markersS ?? []) {
    if (m > xMax) continue;
    parts.push(`<line x1="${xOf(m).toFixed(1)}" x2="${xOf(m).toFixed(1)}" y1="${padT}" y2="${padT + plotH}" stroke="#333" stroke-dasharray="3,2"/>`);
  }
  parts.push(`<line x1="${padL}" x2="${padL + plotW}" y1="${padT + plotH}" y2="${padT + plotH}" stroke="#333"/>`);
  const stepMin = xMax / 60 > 10 ? 2 : 1;
  for (let m = 0; m * 60 <= xMax; m += stepMin) parts.push(`<text x="${xOf(m * 60).toFixed(1)}" y="${padT + plotH + 12}" text-anchor="middle">${m}</text>`);
  parts.push(`<text x="${(ox + barW / 2).toFixed(1)}" y="${padT + plotH + 12}" text-anchor="middle">&gt;</text>`);
  parts.push(`<text x="${padL + plotW / 2}" y="${o.heightPx - 4}" text-anchor="middle">minutes</text>`);
  parts.push(`<text x="${padL - 4}" y="${padT + 8}" text-anchor="end">${maxC}</text><text x="${padL - 4}" y="${padT + plotH}" text-anchor="end">0</text>`);
  parts.push('</svg>');
  return parts.join('');
}

/**
 * The compliance chart's colour rule, against a target share (a planning goal, default 90 %):
 * - "meets": the share is at least the target (and so is the lower end of its 95 % interval, when known);
 * - "misses": the share is below the target (and so is the upper end of its interval, when known);
 * - "uncertain": the interval straddles the target.
 */
export type ComplianceVerdict = 'meets' | 'misses' | 'uncertain';
export const VERDICT_COLOURS: Readonly<Record<ComplianceVerdict, string>> = Object.freeze({ meets: '#2171b5', misses: '#d94801', uncertain: '#9e9e9e' });
export const DEFAULT_TARGET_SHARE = 0.9;

export function complianceVerdict(share: number, ci95: readonly [number, number] | null | undefined, targetShare: number): ComplianceVerdict {
  if (ci95 && Number.isFinite(ci95[0]) && Number.isFinite(ci95[1])) {
    if (ci95[0] >= targetShare && share >= targetShare) return 'meets';
    if (ci95[1] < targetShare && share < targetShare) return 'misses';
    return 'uncertain';
  }
  return share >= targetShare ? 'meets' : 'misses';
}

/**
 * Horizontal bars, one per compliance row, with the share printed, the 95 % interval as a whisker
 * when known, and a dashed line at the target share; bars coloured by complianceVerdict.
 */
export function complianceSvg(rows: readonly ComplianceRow[], o: { widthPx: number; rowHeightPx?: number; targetShare?: number }): string {
  const target = o.targetShare ?? DEFAULT_TARGET_SHARE;
  const rh = o.rowHeightPx ?? 18, labelW = Math.round(o.widthPx * 0.5), barW = o.widthPx - labelW - 46;
  const top = 14, h = top + rows.length * rh + 4;
  const parts = [`<svg xmlns="http://www.w3.org/2000/svg" class="chart compliance" width="${o.widthPx}" height="${h}" viewBox="0 0 ${o.widthPx} ${h}" font-family="sans-serif" font-size="10">`];
  const tx = labelW + target * barW;
  rows.forEach((r, i) => {
    const y0 = top + i * rh;
    const w = Number.isFinite(r.share) ? r.share * barW : 0;
    const verdict = complianceVerdict(r.share, r.ci95, target);
    parts.push(`<text x="0" y="${y0 + rh * 0.7}">${esc(r.label)}</text>`);
    parts.push(`<rect x="${labelW}" y="${y0 + 2}" width="${barW}" height="${rh - 5}" fill="#eee"/>`);
    parts.push(`<rect class="share" data-verdict="${verdict}" x="${labelW}" y="${y0 + 2}" width="${w.toFixed(1)}" height="${rh - 5}" fill="${VERDICT_COLOURS[verdict]}"/>`);
    if (r.ci95 && Number.isFinite(r.ci95[0]) && Number.isFinite(r.ci95[1])) {
      const a = labelW + r.ci95[0] * barW, b = labelW + r.ci95[1] * barW, ym = y0 + 2 + (rh - 5) / 2;
      parts.push(`<path class="ci" d="M${a.toFixed(1)} ${ym - 3}v6M${a.toFixed(1)} ${ym}H${b.toFixed(1)}M${b.toFixed(1)} ${ym - 3}v6" stroke="#111" stroke-width="1" fill="none"/>`);
    }
    parts.push(`<text x="${labelW + barW + 4}" y="${y0 + rh * 0.7}">${formatShare(r.share)}</text>`);
  });
  parts.push(`<line class="target" x1="${tx.toFixed(1)}" x2="${tx.toFixed(1)}" y1="${top - 2}" y2="${h - 2}" stroke="#111" stroke-dasharray="3,2"/>`);
  parts.push(`<text x="${tx.toFixed(1)}" y="10" text-anchor="middle">target ${formatShare(target, 0)}</text>`);
  parts.push('</svg>');
  return parts.join('');
}
