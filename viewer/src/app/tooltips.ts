/** Hover details: what is under the pointer on each map, in a tooltip beside it. */
import { describePick } from './describe.ts';
import type { MapView } from './map-view.ts';

export function attachTooltips(tip: HTMLElement, views: readonly MapView[], labels: readonly string[]): void {
  views.forEach((v, i) => {
    v.canvas.addEventListener('pointermove', (e) => {
      const r = (v.canvas.parentElement ?? v.canvas).getBoundingClientRect();
      const p = v.pick(e.clientX - r.left, e.clientY - r.top);
      if (!p) { tip.hidden = true; return; }
      tip.textContent = describePick(v.run, p, { outcome: (k) => v.scene.incidentOutcome[k], changes: v.changes, referenceName: i === 1 ? labels[0] : undefined, jurisdiction: v.roadColouring.mode === 'jurisdiction' ? v.roadColouring.which : undefined });
      tip.hidden = false;
      tip.style.left = `${e.clientX + 12}px`; tip.style.top = `${e.clientY + 12}px`;
    });
    v.canvas.addEventListener('pointerleave', () => { tip.hidden = true; });
  });
}
