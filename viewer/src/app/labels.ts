/**
 * Map labels on a 2D canvas over the map: key-site names (with their circle), post names, and street
 * names along their links where the network has names (network.json `names`). Placed greedily without
 * overlaps (model/label-placement.ts), sites first, then posts, then streets by road importance.
 */
import { labelBox, placeLabels, readableAngle, type Box, type LabelCandidate } from '../model/label-placement.ts';
import { worldToScreen, type ViewTransform } from '../model/projection.ts';
import type { RunScene } from '../model/run-scene.ts';
import type { RunData } from '../model/run-data.ts';
import { formatSeconds } from '../model/stats.ts';
import { postStyle, roadStyle } from '../model/styles.ts';

export const LABEL_FONT = '11px system-ui, "Noto Sans CJK SC", "WenQuanYi Micro Hei", sans-serif';
export const LABEL_FONT_BOLD = `600 ${LABEL_FONT}`;

export interface LabelOptions { sites: boolean; posts: boolean; streets: boolean; cordon?: boolean }

/** A cordon point's label: when its unit closes it, and (containment) the earliest the suspect can be there. */
export function cordonLabelText(c: { arrivalS: number; suspectS: number | null }): string {
  return c.suspectS === null ? formatSeconds(c.arrivalS) : `${formatSeconds(c.arrivalS)} (suspect ${formatSeconds(c.suspectS)})`;
}

/** The circle a site's class asks for, as people say it: its tightest tier, "1 min". */
export function siteCircle(site: { tiers: { targetS: number }[] }): string {
  const t = Math.min(...site.tiers.map((x) => x.targetS));
  return Number.isFinite(t) ? formatSeconds(t) : '';
}

/** Post label: the post's label text when short, else its id. */
export function postLabelText(p: { id: string; label?: string }): string {
  return p.label && p.label.length <= 24 ? p.label : p.id;
}

export function drawLabels(ctx: CanvasRenderingContext2D, run: RunData, scene: RunScene, view: ViewTransform, size: { widthPx: number; heightPx: number }, o: LabelOptions): LabelCandidate[] {
  const widthCache = new Map<string, number>();
  const measure = (font: string, text: string) => {
    const k = `${font}|${text}`;
    let w = widthCache.get(k);
    if (w === undefined) { ctx.font = font; w = ctx.measureText(text).width; widthCache.set(k, w); }
    return w;
  };
  const cands: LabelCandidate[] = [];
  const reserved: Box[] = [];
  const onScreen = (x: number, y: number) => x >= -20 && y >= -20 && x <= size.widthPx + 20 && y <= size.heightPx + 20;
  if (o.sites) (run.sites ?? []).forEach((s, i) => {
    const [x, y] = worldToScreen(view, scene.siteXM[i], scene.siteYM[i]);
    if (!onScreen(x, y)) return;
    reserved.push({ minX: x - 10, minY: y - 10, maxX: x + 10, maxY: y + 10 });
    const text = `${s.name} (${siteCircle(s)})`;
    const w = measure(LABEL_FONT, text);
    cands.push({ text, x: x + 13 + w / 2, y, angle: 0, widthPx: w, heightPx: 13, priority: 3e6 + s.weight, kind: 'site' });
  });
  // Cordon times come first after the sites: they are what a cordon map is read for.
  if (o.cordon && run.cordon) run.cordon.closed.forEach((c) => {
    const [x, y] = worldToScreen(view, scene.nodeXM[c.node], scene.nodeYM[c.node]);
    if (!onScreen(x, y)) return;
    reserved.push({ minX: x - 7, minY: y - 7, maxX: x + 7, maxY: y + 7 });
    const text = cordonLabelText(c);
    const w = measure(LABEL_FONT_BOLD, text);
    // Beside the point, on the side with more room (points near the right edge label to the left).
    const side = x > size.widthPx / 2 ? -1 : 1;
    cands.push({ text, x: x + side * (10 + w / 2), y: y + 12, angle: 0, widthPx: w, heightPx: 13, priority: 2.5e6 - c.arrivalS, kind: 'cordon' });
  });
  if (o.posts) run.posts.forEach((p, i) => {
    const [x, y] = worldToScreen(view, scene.postXM[i], scene.postYM[i]);
    if (!onScreen(x, y)) return;
    const r = postStyle(p.type).radiusPx + 2;
    reserved.push({ minX: x - r, minY: y - r, maxX: x + r, maxY: y + r });
    const text = postLabelText(p);
    const w = measure(LABEL_FONT_BOLD, text);
    cands.push({ text, x, y: y - r - 10, angle: 0, widthPx: w, heightPx: 13, priority: 2e6 + p.units, kind: 'post' });
  });
  const net = run.network;
  if (o.streets && net.streetNames.length) {
    for (let e = 0; e < net.edgeFrom.length; e++) {
      const n = net.edgeStreet[e];
      if (n < 0) continue;
      const text = net.streetNames[n];
      const a = scene.edgeStart[e], b = scene.edgeStart[e + 1];
      // The longest straight piece of the link on screen carries the label.
      let best = -1, bestLen = 0;
      for (let i = a; i + 3 < b; i += 2) {
        const [x0, y0] = worldToScreen(view, scene.edgeXY[i], scene.edgeXY[i + 1]);
        const [x1, y1] = worldToScreen(view, scene.edgeXY[i + 2], scene.edgeXY[i + 3]);
        const len = Math.hypot(x1 - x0, y1 - y0);
        if (len > bestLen && onScreen((x0 + x1) / 2, (y0 + y1) / 2)) { bestLen = len; best = i; }
      }
      if (best < 0) continue;
      const w = measure(LABEL_FONT, text);
      if (bestLen < w + 12) continue;
      const [x0, y0] = worldToScreen(view, scene.edgeXY[best], scene.edgeXY[best + 1]);
      const [x1, y1] = worldToScreen(view, scene.edgeXY[best + 2], scene.edgeXY[best + 3]);
      cands.push({ text, x: (x0 + x1) / 2, y: (y0 + y1) / 2, angle: readableAngle(x1 - x0, y1 - y0), widthPx: w, heightPx: 12, priority: roadStyle(net.classNames[net.edgeClass[e]]).order * 1e5 + bestLen, repeatPx: 260, kind: 'street' });
    }
  }
  const kept = placeLabels(cands, size, reserved);
  ctx.save();
  ctx.textAlign = 'center';
  ctx.textBaseline = 'middle';
  ctx.lineJoin = 'round';
  for (const c of kept) {
    ctx.save();
    ctx.translate(c.x, c.y);
    ctx.rotate(c.angle);
    ctx.font = c.kind === 'post' || c.kind === 'cordon' ? LABEL_FONT_BOLD : LABEL_FONT;
    ctx.lineWidth = 3;
    ctx.strokeStyle = 'rgba(255,255,255,0.9)';
    ctx.strokeText(c.text, 0, 0);
    ctx.fillStyle = c.kind === 'street' ? '#555' : c.kind === 'site' ? '#1a1a1a' : '#111';
    ctx.fillText(c.text, 0, 0);
    ctx.restore();
  }
  ctx.restore();
  return kept;
}

export { labelBox };
