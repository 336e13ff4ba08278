/** The run's map as one SVG string (roads, coverage shading, posts, incidents), for the HTML report. */
import { fitView, worldToScreen } from '../src/model/projection.ts';
import { arrivalTimeScale, cssColour } from '../src/model/colour-scale.ts';
import { arrivalsOfKth, tierTargetsS, type RunScene } from '../src/model/run-scene.ts';
import type { RunData } from '../src/model/run-data.ts';
import { escapeXml as esc } from '../src/model/charts.ts';
import { BACKGROUND_COLOUR, INCIDENT_OUTCOME_COLOURS, postStyle, roadStyle } from '../src/model/styles.ts';

export interface MapSvgOptions { widthPx: number; heightPx: number; coverageK?: number; paddingPx?: number }

/**
 * Roads are one `<path>` per road style, coverage dots one `<path>` per colour band, so a 75k-link
 * network stays a few megabytes. Coordinates are rounded to 0.1 px.
 */
export function mapSvg(run: RunData, scene: RunScene, o: MapSvgOptions): string {
  const view = fitView(scene.boundsM, o.widthPx, o.heightPx, o.paddingPx ?? 12);
  const f = (v: number) => (Math.round(v * 10) / 10).toString();
  const pt = (x: number, y: number) => { const [sx, sy] = worldToScreen(view, x, y); return `${f(sx)} ${f(sy)}`; };
  const net = run.network;
  const parts: string[] = [`<svg xmlns="http://www.w3.org/2000/svg" class="map" width="${o.widthPx}" height="${o.heightPx}" viewBox="0 0 ${o.widthPx} ${o.heightPx}">`,
    `<rect width="100%" height="100%" fill="${cssColour(BACKGROUND_COLOUR)}"/>`];
  const styles = net.classNames.map(roadStyle);
  const groups = new Map<string, { color: number; widthPx: number; order: number; d: string[] }>();
  for (let e = 0; e < net.edgeFrom.length; e++) {
    const s = styles[net.edgeClass[e]];
    const key = `${s.order}|${s.color}|${s.widthPx}`;
    let g = groups.get(key);
    if (!g) { g = { ...s, d: [] }; groups.set(key, g); }
    const a = scene.edgeStart[e], b = scene.edgeStart[e + 1];
    if (!Number.isFinite(scene.edgeXY[a])) continue;
    let d = `M${pt(scene.edgeXY[a], scene.edgeXY[a + 1])}`;
    for (let i = a + 2; i + 1 < b; i += 2) d += `L${pt(scene.edgeXY[i], scene.edgeXY[i + 1])}`;
    g.d.push(d);
  }
  for (const g of [...groups.values()].sort((x, y) => x.order - y.order)) {
    parts.push(`<path class="roads" d="${g.d.join('')}" fill="none" stroke="${cssColour(g.color)}" stroke-width="${g.widthPx}" stroke-linecap="round" stroke-linejoin="round"/>`);
  }
  const cov = run.coverage;
  if (cov) {
    const scale = arrivalTimeScale(tierTargetsS(run));
    const t = arrivalsOfKth(run, o.coverageK ?? 1);
    const r = 2.5;
    const bands = new Map<number, string[]>();
    for (let i = 0; i < cov.demandNode.length; i++) {
      const v = cov.demandNode[i];
      if (!Number.isFinite(scene.nodeXM[v])) continue;
      const c = scale(t[i]);
      const [sx, sy] = worldToScreen(view, scene.nodeXM[v], scene.nodeYM[v]);
      let list = bands.get(c);
      if (!list) { list = []; bands.set(c, list); }
      list.push(`M${f(sx - r)} ${f(sy)}a${r} ${r} 0 1 0 ${2 * r} 0a${r} ${r} 0 1 0 ${-2 * r} 0`);
    }
    for (const [c, d] of bands) parts.push(`<path class="coverage" data-colour="${cssColour(c)}" d="${d.join('')}" fill="${cssColour(c)}" fill-opacity="0.9"/>`);
  }
  (run.trace?.incidents ?? []).forEach((inc, i) => {
    const [sx, sy] = worldToScreen(view, scene.incidentXM[i], scene.incidentYM[i]);
    parts.push(`<circle class="incident" cx="${f(sx)}" cy="${f(sy)}" r="3.5" fill="${cssColour(INCIDENT_OUTCOME_COLOURS[scene.incidentOutcome[i]])}" stroke="#fff" stroke-width="0.8"><title>incident at ${f(inc.tS)} s, ${esc(inc.cls)}</title></circle>`);
  });
  run.posts.forEach((p, i) => {
    const s = postStyle(p.type);
    const [sx, sy] = worldToScreen(view, scene.postXM[i], scene.postYM[i]);
    const r = s.radiusPx;
    const shape = s.shape === 'square' ? `<rect x="${f(sx - r)}" y="${f(sy - r)}" width="${2 * r}" height="${2 * r}"`
      : s.shape === 'circle' ? `<circle cx="${f(sx)}" cy="${f(sy)}" r="${r}"`
      : s.shape === 'triangle' ? `<polygon points="${f(sx)},${f(sy - 1.2 * r)} ${f(sx + 1.1 * r)},${f(sy + 0.8 * r)} ${f(sx - 1.1 * r)},${f(sy + 0.8 * r)}"`
      : `<polygon points="${f(sx)},${f(sy - 1.3 * r)} ${f(sx + r)},${f(sy)} ${f(sx)},${f(sy + 1.3 * r)} ${f(sx - r)},${f(sy)}"`;
    parts.push(`${shape} class="post" data-post="${esc(p.id)}" fill="${cssColour(s.color)}" stroke="#fff" stroke-width="1.5"><title>post ${esc(p.id)} (${esc(p.type)}, ${p.units} units)</title>${s.shape === 'square' ? '</rect>' : s.shape === 'circle' ? '</circle>' : '</polygon>'}`);
  });
  if (net.attribution) parts.push(`<text x="${o.widthPx - 4}" y="${o.heightPx - 4}" text-anchor="end" font-family="sans-serif" font-size="10" fill="#333">${esc(net.attribution)}</text>`);
  parts.push('</svg>');
  return parts.join('\n');
}
