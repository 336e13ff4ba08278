/**
 * A run's map as one SVG string for the HTML report, drawn like the viewer: roads coloured by the
 * arrival time of the chosen tier's unit (cut at the breaks, coverage-lines.ts), key sites with their
 * met/missed status, posts by type, post moves against a reference run, a scale bar, a north arrow,
 * the title and the attribution. One `<path>` per colour and width, so a 75k-link city stays compact.
 */
import { fitView, worldToScreen, type BoundsM } from '../src/model/projection.ts';
import { cssColour, type ThresholdScale } from '../src/model/colour-scale.ts';
import { cutLinksAtTimes } from '../src/model/coverage-lines.ts';
import { nodeArrivalsOfKth, tierTargetsS, type RunScene } from '../src/model/run-scene.ts';
import type { RunData } from '../src/model/run-data.ts';
import { escapeXml as esc } from '../src/model/charts.ts';
import { markerSvg } from '../src/model/marker-geometry.ts';
import type { PostChanges } from '../src/model/post-moves.ts';
import { scaleBar } from '../src/model/scale-bar.ts';
import { BACKGROUND_COLOUR, MINOR_ROAD, MOVE_COLOUR, SITE_COLOURS, postStyle, roadStyle } from '../src/model/styles.ts';

export interface MapSvgOptions {
  widthPx: number;
  heightPx: number;
  /** The box to frame (world metres), shared by the maps of a comparison. */
  boundsM: BoundsM;
  title: string;
  /** Colour roads by this tier's unit count with this scale; null draws roads by class. */
  coverage: { units: number; scale: ThresholdScale } | null;
  /** Post moves from the reference run (A) to this one. */
  moves?: { from: RunScene; fromRun: RunData; changes: PostChanges };
}

const f = (v: number) => (Math.round(v * 10) / 10).toString();

export function mapSvg(run: RunData, scene: RunScene, o: MapSvgOptions): string {
  const view = fitView(o.boundsM, o.widthPx, o.heightPx, 12);
  const pt = (x: number, y: number) => { const [sx, sy] = worldToScreen(view, x, y); return `${f(sx)} ${f(sy)}`; };
  const net = run.network;
  const parts: string[] = [`<svg xmlns="http://www.w3.org/2000/svg" class="map" width="${o.widthPx}" height="${o.heightPx}" viewBox="0 0 ${o.widthPx} ${o.heightPx}" font-family="sans-serif">`,
    `<rect width="100%" height="100%" fill="${cssColour(BACKGROUND_COLOUR)}"/>`];
  const styles = net.classNames.map(roadStyle);
  const groups = new Map<string, { color: number; widthPx: number; order: number; d: string[] }>();
  const add = (color: number, widthPx: number, order: number, d: string, cls: string) => {
    const key = `${cls}|${order}|${color}|${widthPx}`;
    let g = groups.get(key);
    if (!g) { g = { color, widthPx, order, d: [] }; groups.set(key, g); }
    g.d.push(d);
  };
  if (o.coverage && run.coverage) {
    const pieces = cutLinksAtTimes(scene, [nodeArrivalsOfKth(run, o.coverage.units)], tierTargetsS(run));
    const t = pieces.timeAt[0];
    for (let i = 0; i < pieces.count; i++) {
      const s = styles[net.edgeClass[pieces.edge[i]]];
      add(Number.isNaN(t[i]) ? MINOR_ROAD.color : o.coverage.scale(t[i]), s.widthPx + 0.5, s.order, `M${pt(pieces.x0[i], pieces.y0[i])}L${pt(pieces.x1[i], pieces.y1[i])}`, 'coverage');
    }
  } else {
    for (let e = 0; e < net.edgeFrom.length; e++) {
      const s = styles[net.edgeClass[e]];
      const a = scene.edgeStart[e], b = scene.edgeStart[e + 1];
      if (!scene.edgeDrawn[e] || !Number.isFinite(scene.edgeXY[a])) continue;
      let d = `M${pt(scene.edgeXY[a], scene.edgeXY[a + 1])}`;
      for (let i = a + 2; i + 1 < b; i += 2) d += `L${pt(scene.edgeXY[i], scene.edgeXY[i + 1])}`;
      add(s.color, s.widthPx, s.order, d, 'roads');
    }
  }
  for (const [key, g] of [...groups].sort((x, y) => x[1].order - y[1].order || x[1].widthPx - y[1].widthPx)) {
    const cls = key.split('|')[0];
    parts.push(`<path class="${cls}" data-colour="${cssColour(g.color)}" d="${g.d.join('')}" fill="none" stroke="${cssColour(g.color)}" stroke-width="${g.widthPx}" stroke-linecap="square" stroke-linejoin="round"/>`);
  }
  if (o.moves) {
    const { from, fromRun, changes } = o.moves;
    for (const i of [...changes.moves.map((m) => m.from), ...changes.closed]) {
      const st = postStyle(fromRun.posts[i].type);
      const [sx, sy] = worldToScreen(view, from.postXM[i], from.postYM[i]);
      parts.push(markerSvg(st.shape, sx, sy, st.radiusPx, '#ffffff', cssColour(MOVE_COLOUR), 1.5, ' class="ghost" fill-opacity="0.55"'));
    }
    for (const m of changes.moves) {
      const [ax, ay] = worldToScreen(view, from.postXM[m.from], from.postYM[m.from]);
      const [bx, by] = worldToScreen(view, scene.postXM[m.to], scene.postYM[m.to]);
      const mx = ax + 0.6 * (bx - ax), my = ay + 0.6 * (by - ay), ang = (Math.atan2(by - ay, bx - ax) * 180) / Math.PI;
      parts.push(`<g class="move"><line x1="${f(ax)}" y1="${f(ay)}" x2="${f(bx)}" y2="${f(by)}" stroke="${cssColour(MOVE_COLOUR)}" stroke-width="2" stroke-opacity="0.85"/><polygon points="6,0 -5,-5 -5,5" transform="translate(${f(mx)} ${f(my)}) rotate(${f(ang)})" fill="${cssColour(MOVE_COLOUR)}"/></g>`);
    }
  }
  (run.sites ?? []).forEach((s, i) => {
    const [sx, sy] = worldToScreen(view, scene.siteXM[i], scene.siteYM[i]);
    const met = s.met.length > 0 && s.met.every(Boolean);
    parts.push(`<g class="site" data-site="${esc(s.name)}" data-met="${met}"><circle cx="${f(sx)}" cy="${f(sy)}" r="10" fill="#fff" fill-opacity="0.9"/>${markerSvg('target', sx, sy, 8, cssColour(met ? SITE_COLOURS.met : SITE_COLOURS.missed))}<title>${esc(s.name)}: ${met ? 'circle met' : 'a tier missed'}</title></g>`);
  });
  run.posts.forEach((p, i) => {
    const st = postStyle(p.type);
    const [sx, sy] = worldToScreen(view, scene.postXM[i], scene.postYM[i]);
    parts.push(`<g class="post" data-post="${esc(p.id)}">${markerSvg(st.shape, sx, sy, st.radiusPx, cssColour(st.color), '#ffffff', 1.5)}<title>post ${esc(p.id)} (${esc(p.type)}, ${p.units} units)</title></g>`);
  });
  // Furniture: title, north arrow, scale bar, attribution.
  parts.push(`<rect x="6" y="6" width="${Math.min(o.widthPx - 60, 8 + 7 * o.title.length)}" height="20" rx="3" fill="#fff" fill-opacity="0.88" stroke="#0004"/><text x="12" y="20.5" font-size="12" font-weight="600">${esc(o.title)}</text>`);
  const nx = o.widthPx - 26;
  parts.push(`<g class="north"><circle cx="${nx}" cy="23" r="16" fill="#fff" fill-opacity="0.85"/><polygon points="${nx},11 ${nx + 6},30 ${nx},26 ${nx - 6},30" fill="#111"/><text x="${nx}" y="39.5" font-size="10" font-weight="600" text-anchor="middle">N</text></g>`);
  const sb = scaleBar(view.pxPerM, 120), y = o.heightPx - 12;
  parts.push(`<g class="scale-bar"><rect x="8" y="${y - 16}" width="${f(sb.widthPx + 48)}" height="24" fill="#fff" fill-opacity="0.85"/><path d="M12 ${y - 5}V${y}H${f(12 + sb.widthPx)}V${y - 5}" stroke="#111" stroke-width="2" fill="none"/><text x="${f(18 + sb.widthPx)}" y="${y + 1}" font-size="12">${esc(sb.label)}</text></g>`);
  if (net.attribution) parts.push(`<text x="${o.widthPx - 4}" y="${o.heightPx - 4}" text-anchor="end" font-size="10" fill="#333">${esc(net.attribution)}</text>`);
  parts.push('</svg>');
  return parts.join('\n');
}
