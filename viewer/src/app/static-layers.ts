/**
 * The static layers of one map, bottom to top: demand hexagons, the cordon's region, roads (by class,
 * by coverage, or by jurisdiction), the cordon's routes and points, post moves of a comparison, key
 * sites, posts. They are drawn on the static canvas, which redraws only when the view settles.
 */
import { Container } from 'pixi.js';
import type { RunScene } from '../model/run-scene.ts';
import type { RunData } from '../model/run-data.ts';
import type { HexBins } from '../model/demand-hex.ts';
import type { PostChanges } from '../model/post-moves.ts';
import type { LineLayer } from '../layers/line-layer.ts';
import {
  coverageLinesLayer, demandBins, demandLayer, movesLayers, postChanges, postsLayer, recolourCoverage, roadsByClassLayer, sitesLayers,
  type CoverageLines, type RoadColouring,
} from './map-layers.ts';
import { cordonLayers, jurisdictionRoadsLayer } from './force-layers.ts';

export const STATIC_LAYER_IDS = ['demand', 'roads', 'cordon', 'moves', 'sites', 'posts'] as const;
export type StaticLayerId = (typeof STATIC_LAYER_IDS)[number];

export interface StaticLayers {
  readonly world: Container;
  readonly built: ReadonlySet<StaticLayerId>;
  readonly demand: HexBins | null;
  readonly changes: PostChanges | null;
  /** Jurisdiction colour index of every post (for the legend and tooltips), once the jurisdiction colouring has been drawn. */
  readonly postColour: Int32Array | null;
  containers(id: StaticLayerId): Container[];
  setRoadColouring(c: RoadColouring): void;
}

export interface StaticLayerOptions {
  run: RunData;
  scene: RunScene;
  wanted: ReadonlySet<string>;
  roadColouring: RoadColouring;
  reference?: { run: RunData; scene: RunScene };
  fitWidthM: number;
}

export function buildStaticLayers(o: StaticLayerOptions): StaticLayers {
  const { run, scene, wanted } = o;
  const world = new Container({ label: 'static-world' });
  const slots = Object.fromEntries(['demand', 'cordon-region', 'roads', 'cordon', 'moves', 'sites', 'posts'].map((k) => [k, new Container({ label: k })])) as Record<string, Container>;
  for (const c of Object.values(slots)) world.addChild(c);
  const built = new Set<StaticLayerId>();
  const demand = wanted.has('demand') ? demandBins(run, scene, o.fitWidthM) : null;
  if (demand && demand.weight.length) { slots.demand.addChild(demandLayer(demand).container); built.add('demand'); }

  let roadsByClass: LineLayer | null = null;
  const coverageCache = new Map<string, CoverageLines>();
  const jurisdictionCache = new Map<string, LineLayer>();
  let postColour: Int32Array | null = null;
  const applyRoadColouring = (c: RoadColouring) => {
    slots.roads.removeChildren();
    if (!wanted.has('roads')) return;
    built.add('roads');
    if (c.mode === 'jurisdiction') {
      const j = c.which === 'balanced' ? run.jurisdictions?.balanced : run.jurisdictions?.nearest;
      if (j) {
        let layer = jurisdictionCache.get(c.which);
        if (!layer) { const built = jurisdictionRoadsLayer(run, scene, j); layer = built.layer; postColour = built.postColour; jurisdictionCache.set(c.which, layer); }
        slots.roads.addChild(layer.container);
        return;
      }
    }
    if (c.mode === 'class' || c.mode === 'jurisdiction' || !run.coverage || (c.mode === 'change' && !o.reference?.run.coverage)) {
      roadsByClass ??= roadsByClassLayer(run, scene);
      slots.roads.addChild(roadsByClass.container);
      return;
    }
    const key = c.mode === 'change' ? `change/${c.tier.units}/${c.tier.targetS}` : `k/${c.tier.units}`;
    let lines = coverageCache.get(key);
    if (!lines) { lines = coverageLinesLayer(run, scene, c, o.reference?.run); coverageCache.set(key, lines); }
    else recolourCoverage(lines, run, c);
    slots.roads.addChild(lines.layer.container);
  };
  applyRoadColouring(o.roadColouring);

  if (wanted.has('cordon') && run.cordon) {
    const c = cordonLayers(run, scene);
    slots['cordon-region'].addChild(c.region.container);
    slots.cordon.addChild(c.routes.container, c.points.container);
    built.add('cordon');
  }
  if (wanted.has('sites') && run.sites?.length) { for (const l of sitesLayers(run, scene)) slots.sites.addChild(l.container); built.add('sites'); }
  if (wanted.has('posts') && run.posts.length) { slots.posts.addChild(postsLayer(run, scene).container); built.add('posts'); }
  const ref = o.reference;
  const changes = ref ? postChanges(ref.run, ref.scene, run, scene) : null;
  if (wanted.has('moves') && changes && ref && (changes.moves.length || changes.closed.length)) {
    const m = movesLayers(ref.run, ref.scene, scene, changes);
    slots.moves.addChild(m.ghosts.container, m.shafts.container, m.heads.container);
    built.add('moves');
  }
  return {
    world, built, demand, changes,
    get postColour() { return postColour; },
    containers: (id) => (id === 'cordon' ? [slots['cordon-region'], slots.cordon] : [slots[id]]),
    setRoadColouring: applyRoadColouring,
  };
}
