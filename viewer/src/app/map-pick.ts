/**
 * What lies under the pointer on one map: a unit (at the replay time), a post, a key site, a cordon
 * point, an incident still shown, a road node; the nearest within a radius in screen pixels, in that
 * order of precedence.
 */
import { createGridIndex } from '../model/grid-index.ts';
import { screenToWorld, type ViewTransform } from '../model/projection.ts';
import { incidentOpacity, type ReplayOptions } from '../model/replay.ts';
import type { RunScene } from '../model/run-scene.ts';
import type { RunData } from '../model/run-data.ts';
import { sampleTrack } from '../model/timeline.ts';

export type Picked =
  | { kind: 'post'; index: number }
  | { kind: 'site'; index: number }
  | { kind: 'unit'; index: number; x: number; y: number; state: number }
  | { kind: 'incident'; index: number }
  | { kind: 'cordon'; index: number }
  | { kind: 'node'; index: number };

export interface PickState { view: ViewTransform; timeS: number; replay: ReplayOptions; visible(id: string): boolean }

export function createPicker(run: RunData, scene: RunScene): (s: PickState, sxPx: number, syPx: number, radiusPx?: number) => Picked | null {
  const postIndex = createGridIndex(scene.postXM, scene.postYM, 200);
  const siteIndex = createGridIndex(scene.siteXM, scene.siteYM, 200);
  const incIndex = createGridIndex(scene.incidentXM, scene.incidentYM, 200);
  const nodeIndex = createGridIndex(scene.nodeXM, scene.nodeYM, 200);
  const closed = run.cordon?.closed ?? [];
  const cordonIndex = createGridIndex(Float64Array.from(closed, (c) => scene.nodeXM[c.node]), Float64Array.from(closed, (c) => scene.nodeYM[c.node]), 200);
  const incidents = run.trace?.incidents ?? [];
  const out = { x: 0, y: 0, state: 0 };
  return (s, sx, sy, radiusPx = 8) => {
    const [x, y] = screenToWorld(s.view, sx, sy);
    const r = radiusPx / s.view.pxPerM;
    if (s.visible('units')) {
      let best = -1, bestD = r * r;
      scene.tracks.forEach((tr, i) => {
        sampleTrack(tr, s.timeS, out);
        const d = (out.x - x) ** 2 + (out.y - y) ** 2;
        if (d <= bestD) { bestD = d; best = i; }
      });
      if (best >= 0) { sampleTrack(scene.tracks[best], s.timeS, out); return { kind: 'unit', index: best, ...out }; }
    }
    if (s.visible('posts')) { const i = postIndex.nearest(x, y, r); if (i >= 0) return { kind: 'post', index: i }; }
    if (s.visible('sites')) { const i = siteIndex.nearest(x, y, 1.5 * r); if (i >= 0) return { kind: 'site', index: i }; }
    if (s.visible('cordon')) { const i = cordonIndex.nearest(x, y, r); if (i >= 0) return { kind: 'cordon', index: i }; }
    if (s.visible('incidents')) {
      const i = incIndex.nearest(x, y, r);
      if (i >= 0 && incidentOpacity(incidents[i], s.timeS, run.trace!.warmupS, s.replay) > 0) return { kind: 'incident', index: i };
    }
    if (s.visible('roads')) { const i = nodeIndex.nearest(x, y, r); if (i >= 0) return { kind: 'node', index: i }; }
    return null;
  };
}
