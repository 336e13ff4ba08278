/**
 * The run's layers, built from the run scene with the domain's styles: demand hexagons, roads (by
 * class, or coloured by coverage: arrival time, fails-the-standard, or gained/lost against a reference
 * run), key sites, posts, post moves, incidents and units. The layers themselves know nothing of police.
 */
import { arrivalTimeScale, failScale, type ThresholdScale } from '../model/colour-scale.ts';
import { cutLinksAtTimes, type LinePieces } from '../model/coverage-lines.ts';
import { binDemand, hexRadiusFor, type HexBins } from '../model/demand-hex.ts';
import { diffPosts, type PostChanges } from '../model/post-moves.ts';
import { incidentOpacity, type ReplayOptions } from '../model/replay.ts';
import { nodeArrivalsOfKth, tierTargetsS, type RunScene } from '../model/run-scene.ts';
import type { RunData } from '../model/run-data.ts';
import { CHANGE_COLOURS, INCIDENT_OUTCOME_COLOURS, MINOR_ROAD, MOVE_COLOUR, SITE_COLOURS, UNIT_STATE_STYLES, postStyle, roadStyle } from '../model/styles.ts';
import { sampleTrack } from '../model/timeline.ts';
import { createLineLayer, polylineSegments, type LineLayer } from '../layers/line-layer.ts';
import { createMarkerLayer, type MarkerLayer } from '../layers/marker-layer.ts';

export interface Tier { targetS: number; units: number }

/** How the roads are coloured. */
export type RoadColouring =
  | { mode: 'class' }
  | { mode: 'jurisdiction'; which: 'nearest' | 'balanced' }
  | { mode: 'time' | 'fail' | 'change'; tier: Tier };
/** The colourings that follow a coverage tier. */
export type CoverageColouring = Extract<RoadColouring, { tier: Tier }>;

/** Coverage pieces are drawn a little wider than the road class, so minor roads still show their colour. */
export const COVERAGE_EXTRA_WIDTH_PX = 0.6;
/** Demand hexagons: one grey, opacity by quartile class of the bin's demand weight. */
export const DEMAND_HEX_COLOUR = 0x4a4a4a;
export const DEMAND_HEX_ALPHA: readonly number[] = Object.freeze([0.05, 0.1, 0.16, 0.24]);

export function roadsByClassLayer(run: RunData, scene: RunScene): LineLayer {
  const styles = run.network.classNames.map(roadStyle);
  const segs = polylineSegments(run.network.edgeFrom.length, (e) => (scene.edgeDrawn[e] ? scene.edgeXY.subarray(scene.edgeStart[e], scene.edgeStart[e + 1]) : []));
  const st = (i: number) => styles[run.network.edgeClass[segs.pathOf[i]]];
  return createLineLayer({
    id: 'roads', count: segs.pathOf.length,
    getStart: (i, o) => { o[0] = segs.xy[4 * i]; o[1] = segs.xy[4 * i + 1]; },
    getEnd: (i, o) => { o[0] = segs.xy[4 * i + 2]; o[1] = segs.xy[4 * i + 3]; },
    getColor: (i) => st(i).color, getWidthPx: (i) => st(i).widthPx, getOrder: (i) => st(i).order,
  });
}

/** The colour scale a coverage colouring uses (null for 'class' and 'change'). */
export function coverageScaleFor(run: RunData, c: RoadColouring): ThresholdScale | null {
  if (c.mode === 'time') return arrivalTimeScale(tierTargetsS(run), c.tier.targetS);
  if (c.mode === 'fail') return failScale(c.tier.targetS);
  return null;
}

/** Change of one piece of road for a tier, B against A: 'gained', 'lost', 'unchanged' (or 'unknown'). */
export function changeOf(tA: number, tB: number, targetS: number): keyof typeof CHANGE_COLOURS | 'unknown' {
  if (Number.isNaN(tA) || Number.isNaN(tB)) return 'unknown';
  const a = tA <= targetS, b = tB <= targetS;
  return a === b ? 'unchanged' : b ? 'gained' : 'lost';
}

export interface CoverageLines { layer: LineLayer; pieces: LinePieces; colouring: RoadColouring }

/**
 * Road pieces coloured by coverage. Time and fail modes cut at every tier target of the run (so a mode
 * switch is a recolour); the change mode cuts where either run crosses the chosen target.
 */
export function coverageLinesLayer(run: RunData, scene: RunScene, c: CoverageColouring, reference?: RunData): CoverageLines {
  const fields = c.mode === 'change' && reference
    ? [nodeArrivalsOfKth(reference, c.tier.units), nodeArrivalsOfKth(run, c.tier.units)]
    : [nodeArrivalsOfKth(run, c.tier.units)];
  const cuts = c.mode === 'change' ? [c.tier.targetS] : tierTargetsS(run);
  const pieces = cutLinksAtTimes(scene, fields, cuts);
  const styles = run.network.classNames.map(roadStyle);
  const style = (i: number) => styles[run.network.edgeClass[pieces.edge[i]]];
  const layer = createLineLayer({
    id: 'coverage', count: pieces.count,
    getStart: (i, o) => { o[0] = pieces.x0[i]; o[1] = pieces.y0[i]; },
    getEnd: (i, o) => { o[0] = pieces.x1[i]; o[1] = pieces.y1[i]; },
    getColor: () => 0, getWidthPx: (i) => style(i).widthPx + COVERAGE_EXTRA_WIDTH_PX, getOrder: (i) => style(i).order,
  });
  const out: CoverageLines = { layer, pieces, colouring: c };
  recolourCoverage(out, run, c);
  return out;
}

/** Recolour coverage pieces for another mode of the same cut (time <-> fail with the same unit count). */
export function recolourCoverage(lines: CoverageLines, run: RunData, c: CoverageColouring): void {
  const { pieces } = lines;
  lines.colouring = c;
  if (c.mode === 'change') {
    const [a, b] = pieces.timeAt;
    lines.layer.recolour((i) => { const ch = changeOf(a[i], b?.[i] ?? NaN, c.tier.targetS); return ch === 'unknown' ? MINOR_ROAD.color : CHANGE_COLOURS[ch]; });
    return;
  }
  const scale = coverageScaleFor(run, c)!;
  const t = pieces.timeAt[0];
  lines.layer.recolour((i) => (Number.isNaN(t[i]) ? MINOR_ROAD.color : scale(t[i])));
}

export function demandBins(run: RunData, scene: RunScene, widthM: number): HexBins | null {
  const cov = run.coverage;
  if (!cov) return null;
  const xs = Float64Array.from(cov.demandNode, (v) => scene.nodeXM[v]), ys = Float64Array.from(cov.demandNode, (v) => scene.nodeYM[v]);
  return binDemand(xs, ys, cov.demandWeight, hexRadiusFor(widthM));
}

export function demandLayer(bins: HexBins): MarkerLayer {
  return createMarkerLayer({
    id: 'demand', count: bins.weight.length, sizeIn: 'world',
    getX: (i) => bins.centreX[i], getY: (i) => bins.centreY[i], getRadius: () => bins.radiusM * 0.97, getShape: () => 'hexagon',
    getFill: () => DEMAND_HEX_COLOUR, getFillAlpha: (i) => DEMAND_HEX_ALPHA[bins.cls[i]],
  });
}

/** A site meets its circle when every tier of its class is met. */
export function siteMet(site: { met: boolean[] }): boolean { return site.met.length > 0 && site.met.every(Boolean); }

/** Key sites: a white disc (so the symbol reads on any road colour) under a target in met/missed colour. */
export function sitesLayers(run: RunData, scene: RunScene): MarkerLayer[] {
  const sites = run.sites ?? [];
  const at = { count: sites.length, getX: (i: number) => scene.siteXM[i], getY: (i: number) => scene.siteYM[i] };
  return [
    createMarkerLayer({ id: 'site-halos', ...at, getRadius: () => 11, getShape: () => 'circle', getFill: () => 0xffffff, getFillAlpha: () => 0.9 }),
    createMarkerLayer({ id: 'sites', ...at, getRadius: () => 9, getShape: () => 'target', getFill: (i) => (siteMet(sites[i]) ? SITE_COLOURS.met : SITE_COLOURS.missed) }),
  ];
}

export function postsLayer(run: RunData, scene: RunScene): MarkerLayer {
  return createMarkerLayer({
    id: 'posts', count: run.posts.length,
    getX: (i) => scene.postXM[i], getY: (i) => scene.postYM[i],
    getRadius: (i) => postStyle(run.posts[i].type).radiusPx, getShape: (i) => postStyle(run.posts[i].type).shape,
    getFill: (i) => postStyle(run.posts[i].type).color, getStroke: () => 0xffffff, getStrokeWidthPx: () => 1.5,
  });
}

export function postChanges(a: RunData, sa: RunScene, b: RunData, sb: RunScene): PostChanges {
  return diffPosts(a.posts.map((p, i) => ({ node: p.node, x: sa.postXM[i], y: sa.postYM[i] })), b.posts.map((p, i) => ({ node: p.node, x: sb.postXM[i], y: sb.postYM[i] })));
}

/**
 * Post moves from A to B: arrows (a shaft from the old place to the new, its head at 60 % of the way so
 * no post symbol hides it) and hollow ghosts where A's moved and closed posts stood.
 */
export function movesLayers(a: RunData, sa: RunScene, sb: RunScene, ch: PostChanges): { shafts: LineLayer; heads: MarkerLayer; ghosts: MarkerLayer } {
  const m = ch.moves;
  const geo = (i: number) => {
    const ax = sa.postXM[m[i].from], ay = sa.postYM[m[i].from], bx = sb.postXM[m[i].to], by = sb.postYM[m[i].to];
    return { ax, ay, bx, by, angle: Math.atan2(by - ay, bx - ax) };
  };
  const shafts = createLineLayer({
    id: 'moves', count: m.length,
    getStart: (i, o) => { const g = geo(i); o[0] = g.ax; o[1] = g.ay; },
    getEnd: (i, o) => { const g = geo(i); o[0] = g.bx; o[1] = g.by; },
    getColor: () => MOVE_COLOUR, getAlpha: () => 0.85, getWidthPx: () => 2,
  });
  const heads = createMarkerLayer({
    id: 'move-heads', count: m.length,
    getX: (i) => { const g = geo(i); return g.ax + 0.6 * (g.bx - g.ax); }, getY: (i) => { const g = geo(i); return g.ay + 0.6 * (g.by - g.ay); },
    getRadius: () => 6, getShape: () => 'triangle',
    // The triangle points up (+y); turn it to point along the move.
    getAngle: (i) => geo(i).angle - Math.PI / 2, getFill: () => MOVE_COLOUR, getStroke: () => 0xffffff, getStrokeWidthPx: () => 1,
  });
  const ghostIdx = [...m.map((x) => x.from), ...ch.closed];
  const ghosts = createMarkerLayer({
    id: 'move-ghosts', count: ghostIdx.length,
    getX: (i) => sa.postXM[ghostIdx[i]], getY: (i) => sa.postYM[ghostIdx[i]],
    getRadius: (i) => postStyle(a.posts[ghostIdx[i]].type).radiusPx, getShape: (i) => postStyle(a.posts[ghostIdx[i]].type).shape,
    getFill: () => 0xffffff, getFillAlpha: () => 0.55, getStroke: () => MOVE_COLOUR, getStrokeAlpha: () => 0.9, getStrokeWidthPx: () => 1.5,
  });
  return { shafts, heads, ghosts };
}

export function incidentsLayer(run: RunData, scene: RunScene, now: () => { tS: number; options: ReplayOptions }): MarkerLayer {
  const incs = run.trace?.incidents ?? [];
  const warm = run.trace?.warmupS ?? 0;
  const alpha = (i: number) => { const n = now(); return incidentOpacity(incs[i], n.tS, warm, n.options); };
  return createMarkerLayer({
    id: 'incidents', count: incs.length,
    getX: (i) => (alpha(i) > 0 ? scene.incidentXM[i] : NaN), getY: (i) => scene.incidentYM[i],
    getRadius: () => 6, getShape: () => 'ring',
    getFill: (i) => INCIDENT_OUTCOME_COLOURS[scene.incidentOutcome[i]] ?? 0, getFillAlpha: alpha,
    getStroke: () => 0xffffff, getStrokeWidthPx: () => 0.7,
  });
}

/** Units at the replay time: `update(tS)` samples every track and refreshes the markers. */
export function unitsLayer(scene: RunScene): { layer: MarkerLayer; update(tS: number): void } {
  const n = scene.tracks.length;
  const out = { x: 0, y: 0, state: 0 };
  const xs = new Float64Array(n).fill(NaN), ys = new Float64Array(n).fill(NaN), st = new Uint8Array(n);
  const style = (i: number) => UNIT_STATE_STYLES[st[i]] ?? UNIT_STATE_STYLES[0];
  const layer = createMarkerLayer({
    id: 'units', count: n,
    getX: (i) => xs[i], getY: (i) => ys[i],
    getRadius: (i) => style(i).radiusPx, getShape: (i) => style(i).shape, getFill: (i) => style(i).color,
    getStroke: () => 0x222222, getStrokeWidthPx: () => 1,
  });
  return {
    layer,
    update(tS) {
      for (let i = 0; i < n; i++) { sampleTrack(scene.tracks[i], tS, out); xs[i] = out.x; ys[i] = out.y; st[i] = out.state; }
      layer.refresh();
    },
  };
}
