/** Pan with the pointer, zoom with the wheel about the cursor: the map's own gestures. */
import { panBy, zoomAt, type ViewTransform } from '../model/projection.ts';

export function attachPanZoom(canvas: HTMLCanvasElement, view: () => ViewTransform, setView: (v: ViewTransform) => void, changed: () => void): void {
  let drag: { x: number; y: number } | null = null;
  canvas.addEventListener('pointerdown', (ev) => { drag = { x: ev.clientX, y: ev.clientY }; canvas.setPointerCapture(ev.pointerId); });
  canvas.addEventListener('pointermove', (ev) => {
    if (!drag) return;
    setView(panBy(view(), ev.clientX - drag.x, ev.clientY - drag.y));
    drag = { x: ev.clientX, y: ev.clientY };
    changed();
  });
  const end = () => { drag = null; };
  canvas.addEventListener('pointerup', end);
  canvas.addEventListener('pointercancel', end);
  canvas.addEventListener('wheel', (ev) => {
    ev.preventDefault();
    // The pane, not the canvas: the static canvas carries a CSS transform between redraws.
    const rect = (canvas.parentElement ?? canvas).getBoundingClientRect();
    setView(zoomAt(view(), Math.exp(-ev.deltaY * 0.0015), ev.clientX - rect.left, ev.clientY - rect.top));
    changed();
  }, { passive: false });
}
