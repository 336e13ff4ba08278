/** The legend of what the maps show now: the road mode of the last map (B in a comparison), the layers any map shows. */
import { legendGroups, type LegendGroup } from '../model/legend.ts';
import { layoutLabel } from '../model/plan-layout.ts';
import type { RunData } from '../model/run-data.ts';
import { COVERAGE_EXTRA_WIDTH_PX, DEMAND_HEX_ALPHA, DEMAND_HEX_COLOUR } from './map-layers.ts';
import type { LayerId, MapView } from './map-view.ts';

export function viewsLegend(runs: readonly RunData[], views: readonly MapView[], tier: { targetS: number; units: number } | undefined): LegendGroup[] {
  const v = views[views.length - 1];
  const planned = views.find((x) => x.run.plan);
  return legendGroups({
    runs, roadMode: v.roadColouring.mode, tier, scale: v.coverageScale ?? views[0].coverageScale, demand: views[0].demand,
    jurisdiction: v.roadColouring.mode === 'jurisdiction' ? { which: v.roadColouring.which, postColour: v.postColour } : undefined,
    planLayout: planned ? layoutLabel(planned.run.plan!, planned.layoutIndex) : undefined,
    demandAlpha: DEMAND_HEX_ALPHA, demandColour: DEMAND_HEX_COLOUR, widthExtraPx: COVERAGE_EXTRA_WIDTH_PX,
    hasMoves: views.some((x) => x.hasLayer('moves')), visible: (id) => views.some((x) => x.isLayerVisible(id as LayerId)),
  });
}

/** The swipe divider's handle: dragging it sets the share of the pane left of the divider. */
export function attachSwipeHandle(handle: HTMLElement, maps: HTMLElement, paneW: () => number, onMove: (frac: number) => void): void {
  let dragging = false;
  handle.addEventListener('pointerdown', (e) => { dragging = true; handle.setPointerCapture(e.pointerId); });
  handle.addEventListener('pointermove', (e) => { if (!dragging) return; const r = maps.getBoundingClientRect(); onMove(Math.min(1, Math.max(0, (e.clientX - r.left) / paneW()))); });
  handle.addEventListener('pointerup', () => { dragging = false; });
}
