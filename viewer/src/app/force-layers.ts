/**
 * Layers of a force that moves, built from the run scene with the domain's styles: the time-of-day
 * plan (posts standing elsewhere in the active block, units based elsewhere), the moves of the replay
 * (plan moves and move-ups, from the unit to where it drives), jurisdictions (roads coloured by the
 * owning post, boundaries dark) and a cordon (points closed in time or late, exits left open, the units'
 * routes, the region). docs/viewer.md describes them.
 */
import { createMoveIndex } from '../model/active-moves.ts';
import { colourJurisdictions, linkJurisdiction } from '../model/jurisdiction-colours.ts';
import { planShifts, type PlanShift } from '../model/plan-layout.ts';
import type { RunScene } from '../model/run-scene.ts';
import type { JurisdictionData, RunData } from '../model/run-data.ts';
import { CORDON_COLOURS, JURISDICTION_BOUNDARY, JURISDICTION_COLOURS, MINOR_ROAD, MOVE_KIND_COLOURS, postStyle, roadStyle } from '../model/styles.ts';
import { sampleTrack } from '../model/timeline.ts';
import { createLineLayer, polylineSegments, type LineLayer } from '../layers/line-layer.ts';
import { createMarkerLayer, type MarkerLayer } from '../layers/marker-layer.ts';

/** Plan layer: every layout's shifts built once; `show(k)` shows layout k's (0: none). */
export function planLayers(run: RunData, scene: RunScene): { shafts: LineLayer; markers: MarkerLayer; show(k: number): void; shifts: PlanShift[][] } {
  const plan = run.plan!;
  const shifts = plan.layouts.map((_, k) => planShifts(plan, k));
  const all = shifts.flatMap((list, k) => list.map((s) => ({ ...s, layout: k })));
  let active = 0;
  const on = (i: number) => all[i].layout === active;
  const widthOf = (i: number) => (on(i) ? (all[i].kind === 'post' ? 2.5 : 1.5) : 0);
  const shafts = createLineLayer({
    id: 'plan', count: all.length,
    getStart: (i, o) => { o[0] = scene.nodeXM[all[i].fromNode]; o[1] = scene.nodeYM[all[i].fromNode]; },
    getEnd: (i, o) => { o[0] = scene.nodeXM[all[i].toNode]; o[1] = scene.nodeYM[all[i].toNode]; },
    getColor: () => MOVE_KIND_COLOURS.plan, getAlpha: () => 0.85, getWidthPx: widthOf,
  });
  // A post standing elsewhere in the block is drawn there in its own style, ringed in the plan colour.
  const style = (i: number) => postStyle(run.posts[all[i].post]?.type ?? 'post');
  const markers = createMarkerLayer({
    id: 'plan-posts', count: all.length,
    getX: (i) => (on(i) && all[i].kind === 'post' ? scene.nodeXM[all[i].toNode] : NaN), getY: (i) => scene.nodeYM[all[i].toNode],
    getRadius: (i) => style(i).radiusPx + 1, getShape: (i) => style(i).shape, getFill: (i) => style(i).color,
    getStroke: () => MOVE_KIND_COLOURS.plan, getStrokeWidthPx: () => 2,
  });
  return {
    shafts, markers, shifts,
    show(k) { if (k === active) return; active = k; shafts.rewidth(widthOf); markers.refresh(); },
  };
}

/**
 * Moves in the replay: for each unit making a move at the replay time, a line from where it is to
 * where it drives, in the colour of the move's kind, and a ring at the destination.
 */
export function relocationsLayers(run: RunData, scene: RunScene): { lines: LineLayer; targets: MarkerLayer; update(tS: number): number } {
  const tr = run.trace!;
  const n = scene.tracks.length;
  const index = createMoveIndex(tr.moves, n);
  const x0 = new Float64Array(n).fill(NaN), y0 = new Float64Array(n).fill(NaN), dest = new Int32Array(n).fill(-1), kind = new Uint8Array(n);
  const lines = createLineLayer({
    id: 'relocations', count: n,
    getStart: (i, o) => { o[0] = x0[i]; o[1] = y0[i]; }, getEnd: (i, o) => { o[0] = x0[i]; o[1] = y0[i]; },
    getColor: () => MOVE_KIND_COLOURS.plan, getWidthPx: () => 0,
  });
  const colourOf = (i: number) => (kind[i] === 1 ? MOVE_KIND_COLOURS.moveUp : MOVE_KIND_COLOURS.plan);
  const targets = createMarkerLayer({
    id: 'relocation-targets', count: n,
    getX: (i) => (dest[i] >= 0 ? scene.nodeXM[dest[i]] : NaN), getY: (i) => (dest[i] >= 0 ? scene.nodeYM[dest[i]] : NaN),
    getRadius: () => 6, getShape: () => 'ring', getFill: colourOf,
  });
  const out = { x: 0, y: 0, state: 0 };
  return {
    lines, targets,
    /** Returns how many units are making a move at tS. */
    update(tS) {
      let active = 0;
      for (let u = 0; u < n; u++) {
        sampleTrack(scene.tracks[u], tS, out);
        const m = index.activeMove(u, tS, out.state);
        x0[u] = out.x; y0[u] = out.y;
        dest[u] = m ? m.node : -1;
        kind[u] = m?.kind === 'moveUp' ? 1 : 0;
        if (m) active++;
      }
      lines.reposition((i, o) => { o[0] = x0[i]; o[1] = y0[i]; }, (i, o) => { if (dest[i] >= 0) { o[0] = scene.nodeXM[dest[i]]; o[1] = scene.nodeYM[dest[i]]; } else { o[0] = x0[i]; o[1] = y0[i]; } });
      lines.rewidth((i) => (dest[i] >= 0 ? 2 : 0));
      lines.recolour(colourOf, () => 0.9);
      targets.refresh();
      return active;
    },
  };
}

/** Roads coloured by the post owning their nodes (one of six colours, neighbours apart), boundaries dark. */
export function jurisdictionRoadsLayer(run: RunData, scene: RunScene, j: JurisdictionData): { layer: LineLayer; postColour: Int32Array } {
  const net = run.network;
  const postColour = colourJurisdictions(j.owner, net.edgeFrom, net.edgeTo, run.posts.length, JURISDICTION_COLOURS.length);
  const segs = polylineSegments(net.edgeFrom.length, (e) => (scene.edgeDrawn[e] ? scene.edgeXY.subarray(scene.edgeStart[e], scene.edgeStart[e + 1]) : []));
  const styles = net.classNames.map(roadStyle);
  const link = (i: number) => { const e = segs.pathOf[i]; return linkJurisdiction(j.owner, net.edgeFrom[e], net.edgeTo[e]); };
  const layer = createLineLayer({
    id: 'jurisdictions', count: segs.pathOf.length,
    getStart: (i, o) => { o[0] = segs.xy[4 * i]; o[1] = segs.xy[4 * i + 1]; },
    getEnd: (i, o) => { o[0] = segs.xy[4 * i + 2]; o[1] = segs.xy[4 * i + 3]; },
    getColor: (i) => { const l = link(i); return l.kind === 'inside' ? JURISDICTION_COLOURS[postColour[l.post]] : l.kind === 'boundary' ? JURISDICTION_BOUNDARY : MINOR_ROAD.color; },
    getWidthPx: (i) => styles[net.edgeClass[segs.pathOf[i]]].widthPx + (link(i).kind === 'boundary' ? 1.2 : 0.6),
    getOrder: (i) => (link(i).kind === 'boundary' ? 10 : styles[net.edgeClass[segs.pathOf[i]]].order),
  });
  return { layer, postColour };
}

/**
 * Whether a closed point is in time. Containment: closed no later than the suspect can be there
 * (closingS <= suspectS, the engine's rule, engine/geography/containment.ts). A blockade or ring has no
 * deadline per point: every point it closes counts as closed.
 */
export function cordonPointInTime(c: { arrivalS: number; suspectS: number | null }): boolean {
  return c.suspectS === null || c.arrivalS <= c.suspectS;
}

/** Cordon: the region under everything, the units' routes, closed points (square) and open exits (cross). */
export function cordonLayers(run: RunData, scene: RunScene): { region: LineLayer; routes: LineLayer; points: MarkerLayer } {
  const cd = run.cordon!;
  const net = run.network;
  const inRegion = new Uint8Array(net.nodeIds.length);
  for (const v of cd.region) inRegion[v] = 1;
  const regionEdges: number[] = [];
  for (let e = 0; e < net.edgeFrom.length; e++) if (scene.edgeDrawn[e] && inRegion[net.edgeFrom[e]] && inRegion[net.edgeTo[e]]) regionEdges.push(e);
  const rs = polylineSegments(regionEdges.length, (k) => scene.edgeXY.subarray(scene.edgeStart[regionEdges[k]], scene.edgeStart[regionEdges[k] + 1]));
  const region = createLineLayer({
    id: 'cordon-region', count: rs.pathOf.length,
    getStart: (i, o) => { o[0] = rs.xy[4 * i]; o[1] = rs.xy[4 * i + 1]; }, getEnd: (i, o) => { o[0] = rs.xy[4 * i + 2]; o[1] = rs.xy[4 * i + 3]; },
    getColor: () => CORDON_COLOURS.region, getAlpha: () => 0.75, getWidthPx: () => 7,
  });
  const routePaths = cd.closed.map((c) => Float64Array.from(Array.from(c.route).flatMap((v) => [scene.nodeXM[v], scene.nodeYM[v]])));
  const segs = polylineSegments(routePaths.length, (i) => routePaths[i]);
  const routes = createLineLayer({
    id: 'cordon-routes', count: segs.pathOf.length,
    getStart: (i, o) => { o[0] = segs.xy[4 * i]; o[1] = segs.xy[4 * i + 1]; }, getEnd: (i, o) => { o[0] = segs.xy[4 * i + 2]; o[1] = segs.xy[4 * i + 3]; },
    getColor: () => CORDON_COLOURS.route, getAlpha: () => 0.9, getWidthPx: () => 1.6,
  });
  const pts = [...cd.closed.map((c) => ({ node: c.node, open: false, inTime: cordonPointInTime(c) })), ...Array.from(cd.open, (v) => ({ node: v, open: true, inTime: false }))];
  const points = createMarkerLayer({
    id: 'cordon-points', count: pts.length,
    getX: (i) => scene.nodeXM[pts[i].node], getY: (i) => scene.nodeYM[pts[i].node],
    getRadius: (i) => (pts[i].open ? 6 : 5.5), getShape: (i) => (pts[i].open ? 'cross' : 'square'),
    getFill: (i) => (pts[i].open ? CORDON_COLOURS.open : pts[i].inTime ? CORDON_COLOURS.inTime : CORDON_COLOURS.late),
    getStroke: () => 0xffffff, getStrokeWidthPx: (i) => (pts[i].open ? 0 : 1.5),
  });
  return { region, routes, points };
}
