/**
 * The moving layers of one map, redrawn every frame of the replay, bottom to top: the plan of the
 * active time block, the moves units are making (line to where they drive), incidents, units.
 */
import { Container } from 'pixi.js';
import { activeLayoutIndex } from '../model/plan-layout.ts';
import type { ReplayOptions } from '../model/replay.ts';
import type { RunScene } from '../model/run-scene.ts';
import type { RunData } from '../model/run-data.ts';
import { incidentsLayer, unitsLayer } from './map-layers.ts';
import { planLayers, relocationsLayers } from './force-layers.ts';

export const MOVING_LAYER_IDS = ['plan', 'relocations', 'incidents', 'units'] as const;
export type MovingLayerId = (typeof MOVING_LAYER_IDS)[number];

export interface MovingLayers {
  readonly world: Container;
  readonly built: ReadonlySet<MovingLayerId>;
  /** Index into run.plan.layouts of the layout drawn (0 without a plan or outside every block). */
  readonly layoutIndex: number;
  /** Units making a move at the last update. */
  readonly movingUnits: number;
  containers(id: MovingLayerId): Container[];
  update(tS: number): void;
}

export function buildMovingLayers(run: RunData, scene: RunScene, wanted: ReadonlySet<string>, now: () => { tS: number; options: ReplayOptions }): MovingLayers {
  const world = new Container({ label: 'world' });
  const built = new Set<MovingLayerId>();
  const slot: Record<MovingLayerId, Container[]> = { plan: [], relocations: [], incidents: [], units: [] };
  const add = (id: MovingLayerId, ...cs: Container[]) => { for (const c of cs) world.addChild(c); slot[id].push(...cs); built.add(id); };
  const plan = wanted.has('plan') && run.plan && run.plan.layouts.length > 1 ? planLayers(run, scene) : null;
  if (plan) add('plan', plan.shafts.container, plan.markers.container);
  const moves = wanted.has('relocations') && run.trace?.moves.length && scene.tracks.length ? relocationsLayers(run, scene) : null;
  if (moves) add('relocations', moves.lines.container, moves.targets.container);
  const incidents = wanted.has('incidents') && run.trace?.incidents.length ? incidentsLayer(run, scene, now) : null;
  if (incidents) add('incidents', incidents.container);
  const units = wanted.has('units') && scene.tracks.length ? unitsLayer(scene) : null;
  if (units) add('units', units.layer.container);
  let layoutIndex = 0, movingUnits = 0;
  return {
    world, built,
    get layoutIndex() { return layoutIndex; },
    get movingUnits() { return movingUnits; },
    containers: (id) => slot[id],
    update(tS) {
      if (run.plan) layoutIndex = activeLayoutIndex(run.plan, tS);
      plan?.show(layoutIndex);
      if (moves) movingUnits = moves.update(tS);
      units?.update(tS);
      incidents?.refresh();
    },
  };
}
