/**
 * One map of one run: two Pixi canvases (static layers under, moving layers over) and a label canvas,
 * a pan/zoom view transform and the replay time. Two map views side by side (or stacked for a swipe)
 * compare two runs.
 *
 * The static canvas is redrawn when a pan or zoom settles; meanwhile the browser moves and scales the
 * last drawing with a CSS transform. Its layers are instanced meshes whose widths live in the shader,
 * so a redraw never re-tessellates (docs/viewer.md, "Rendering").
 */
import { Application, Container, Sprite, Texture } from 'pixi.js';
import { fitView, panBy, screenToWorld, zoomAt, type BoundsM, type ViewTransform } from '../model/projection.ts';
import type { ThresholdScale } from '../model/colour-scale.ts';
import type { RunScene } from '../model/run-scene.ts';
import type { RunData } from '../model/run-data.ts';
import { sampleTrack } from '../model/timeline.ts';
import { createGridIndex } from '../model/grid-index.ts';
import { DEFAULT_REPLAY_OPTIONS, incidentOpacity, type ReplayOptions } from '../model/replay.ts';
import type { HexBins } from '../model/demand-hex.ts';
import type { PostChanges } from '../model/post-moves.ts';
import { BACKGROUND_COLOUR } from '../model/styles.ts';
import type { Layer } from '../layers/layer.ts';
import type { LineLayer } from '../layers/line-layer.ts';
import {
  coverageLinesLayer, coverageScaleFor, demandBins, demandLayer, incidentsLayer, movesLayers, postChanges, postsLayer,
  recolourCoverage, roadsByClassLayer, sitesLayers, unitsLayer, type CoverageLines, type RoadColouring,
} from './map-layers.ts';
import { drawLabels } from './labels.ts';

export const LAYER_IDS = ['demand', 'roads', 'sites', 'posts', 'moves', 'incidents', 'units', 'labels'] as const;
export type LayerId = (typeof LAYER_IDS)[number];

export type Picked =
  | { kind: 'post'; index: number }
  | { kind: 'site'; index: number }
  | { kind: 'unit'; index: number; x: number; y: number; state: number }
  | { kind: 'incident'; index: number }
  | { kind: 'node'; index: number };

export interface MapView {
  /** The moving layers' application (takes pointer events). */
  readonly app: Application;
  readonly canvas: HTMLCanvasElement;
  readonly run: RunData;
  readonly scene: RunScene;
  readonly view: ViewTransform;
  readonly widthPx: number;
  readonly heightPx: number;
  readonly roadColouring: RoadColouring;
  /** The scale the roads are coloured with (time and fail modes), else null. */
  readonly coverageScale: ThresholdScale | null;
  readonly demand: HexBins | null;
  readonly changes: PostChanges | null;
  readonly timeS: number;
  /** The labels drawn at the last redraw (kind and text), for tests. */
  readonly placedLabels: { kind: string; text: string; x: number; y: number }[];
  setView(v: ViewTransform, redrawNow?: boolean): void;
  fit(): void;
  fitBounds(): BoundsM;
  setTime(tS: number): void;
  setReplayOptions(o: ReplayOptions): void;
  setLayerVisible(id: LayerId, visible: boolean): void;
  isLayerVisible(id: LayerId): boolean;
  hasLayer(id: LayerId): boolean;
  setRoadColouring(c: RoadColouring): void;
  pick(sxPx: number, syPx: number, radiusPx?: number): Picked | null;
  /** Render the moving layers now. */
  render(): void;
  /** Redraw the static layers and labels now (tests, export, benchmark). */
  redrawStatic(): void;
  /** Wait until the GPU has drawn both canvases (a 1-pixel read forces it). */
  finish(): void;
  resize(widthPx: number, heightPx: number): void;
  /** Draw the map at `scale` device pixels per CSS pixel into a 2D context at (dx, dy) CSS px, clipped to x >= clipX. */
  drawInto(ctx: CanvasRenderingContext2D, dx: number, dy: number, scale: number, clipX?: number): Promise<void>;
  onViewChange(cb: (v: ViewTransform) => void): void;
  destroy(): void;
}

export interface MapViewOptions {
  host: HTMLElement;
  run: RunData;
  scene: RunScene;
  widthPx: number;
  heightPx: number;
  /** Device pixels per CSS pixel (window.devicePixelRatio), so lines stay crisp on high-DPI screens. */
  resolution: number;
  /** Which layers to build (the benchmark draws roads only). Default all. */
  layers?: readonly LayerId[];
  roadColouring: RoadColouring;
  /** The run this one is compared with (A, when this is B): enables the change colouring and post moves. */
  reference?: { run: RunData; scene: RunScene };
  /** The box Fit frames (world metres). */
  fitBoundsM: BoundsM;
  /**
   * Redraw the static layers only when the view settles (default true). false redraws them on every
   * render, as if nothing were cached: the benchmark's baseline.
   */
  cacheStatic?: boolean;
}

const SETTLE_MS = 120;

export async function createMapView(opts: MapViewOptions): Promise<MapView> {
  const { run, scene } = opts;
  let widthPx = opts.widthPx, heightPx = opts.heightPx;
  const init = { width: widthPx, height: heightPx, antialias: false, preference: 'webgl' as const, preserveDrawingBuffer: true, autoStart: false, resolution: opts.resolution, autoDensity: true };
  const staticApp = new Application();
  await staticApp.init({ ...init, background: BACKGROUND_COLOUR });
  const app = new Application();
  await app.init({ ...init, backgroundAlpha: 0 });
  for (const c of [staticApp.canvas, app.canvas]) { c.style.position = 'absolute'; c.style.left = '0'; c.style.top = '0'; c.style.transformOrigin = '0 0'; opts.host.appendChild(c); }
  app.canvas.style.zIndex = '1';
  const staticWorld = new Container({ label: 'static-world' });
  const world = new Container({ label: 'world' });
  staticApp.stage.addChild(staticWorld);
  // Labels are drawn with the 2D canvas API offscreen and shown as a screen-space sprite over the static
  // layers, so they move with the static drawing during a pan and cost no extra layer to composite.
  const labelCanvas = document.createElement('canvas');
  let labelTexture: Texture | null = null;
  const labelSprite = new Sprite();
  staticApp.stage.addChild(labelSprite);
  app.stage.addChild(world);

  const wanted = new Set<LayerId>(opts.layers ?? LAYER_IDS);
  const visible = new Map<LayerId, boolean>(LAYER_IDS.map((id) => [id, wanted.has(id)]));
  const built = new Set<LayerId>();
  let timeS = scene.startS;
  let replay: ReplayOptions = { ...DEFAULT_REPLAY_OPTIONS };

  // Static layers, bottom to top: demand, roads (by class or by coverage), moves, sites, posts.
  const slots = Object.fromEntries(['demand', 'roads', 'moves', 'sites', 'posts'].map((k) => [k, new Container({ label: k })])) as Record<string, Container>;
  for (const k of ['demand', 'roads', 'moves', 'sites', 'posts']) staticWorld.addChild(slots[k]);
  const fitW = opts.fitBoundsM.maxX - opts.fitBoundsM.minX;
  const demand = wanted.has('demand') ? demandBins(run, scene, fitW) : null;
  if (demand && demand.weight.length) { slots.demand.addChild(demandLayer(demand).container); built.add('demand'); }
  let roadsByClass: LineLayer | null = null;
  const coverageCache = new Map<string, CoverageLines>();
  let roadColouring: RoadColouring = opts.roadColouring;
  const applyRoadColouring = () => {
    slots.roads.removeChildren();
    if (!wanted.has('roads')) return;
    built.add('roads');
    const c = roadColouring;
    if (c.mode === 'class' || !run.coverage || (c.mode === 'change' && !opts.reference?.run.coverage)) {
      roadsByClass ??= roadsByClassLayer(run, scene);
      slots.roads.addChild(roadsByClass.container);
      return;
    }
    const key = c.mode === 'change' ? `change/${c.tier.units}/${c.tier.targetS}` : `k/${c.tier.units}`;
    let lines = coverageCache.get(key);
    if (!lines) { lines = coverageLinesLayer(run, scene, c, opts.reference?.run); coverageCache.set(key, lines); }
    else recolourCoverage(lines, run, c);
    slots.roads.addChild(lines.layer.container);
  };
  applyRoadColouring();
  if (wanted.has('sites') && run.sites?.length) { for (const l of sitesLayers(run, scene)) slots.sites.addChild(l.container); built.add('sites'); }
  if (wanted.has('posts') && run.posts.length) { slots.posts.addChild(postsLayer(run, scene).container); built.add('posts'); }
  const changes = opts.reference ? postChanges(opts.reference.run, opts.reference.scene, run, scene) : null;
  if (wanted.has('moves') && changes && opts.reference && (changes.moves.length || changes.closed.length)) {
    const m = movesLayers(opts.reference.run, opts.reference.scene, scene, changes);
    slots.moves.addChild(m.ghosts.container, m.shafts.container, m.heads.container);
    built.add('moves');
  }
  // Moving layers.
  const incidents = run.trace?.incidents ?? [];
  const incLayer = wanted.has('incidents') && incidents.length ? incidentsLayer(run, scene, () => ({ tS: timeS, options: replay })) : null;
  if (incLayer) { world.addChild(incLayer.container); built.add('incidents'); }
  const units = wanted.has('units') && scene.tracks.length ? unitsLayer(scene) : null;
  if (units) { world.addChild(units.layer.container); built.add('units'); }
  if (wanted.has('labels')) built.add('labels');
  const layerContainers = (id: LayerId): Container[] => (id === 'incidents' ? (incLayer ? [incLayer.container] : []) : id === 'units' ? (units ? [units.layer.container] : []) : id === 'labels' ? [] : [slots[id]]);

  let view = fitView(opts.fitBoundsM, widthPx, heightPx, 16);
  let drawnView: ViewTransform | null = null;
  let settleTimer: ReturnType<typeof setTimeout> | undefined;
  const listeners: ((v: ViewTransform) => void)[] = [];
  const place = (c: Container) => { c.position.set(view.offsetXPx, view.offsetYPx); c.scale.set(view.pxPerM, -view.pxPerM); };
  /** Move the last static drawing (and labels) to where the current view puts it. */
  const applyCssTransform = () => {
    if (!drawnView) return;
    const k = view.pxPerM / drawnView.pxPerM;
    const dx = view.offsetXPx - drawnView.offsetXPx * k, dy = view.offsetYPx - drawnView.offsetYPx * k;
    const t = k === 1 && dx === 0 && dy === 0 ? '' : `translate(${dx}px, ${dy}px) scale(${k})`;
    staticApp.canvas.style.transform = t;
  };
  const sizeLabelCanvas = (scale: number) => {
    labelCanvas.width = Math.round(widthPx * scale); labelCanvas.height = Math.round(heightPx * scale);
    labelTexture?.destroy(true);
    labelTexture = Texture.from(labelCanvas);
    labelSprite.texture = labelTexture;
    labelSprite.width = widthPx; labelSprite.height = heightPx;
  };
  sizeLabelCanvas(opts.resolution);
  let placedLabels: MapView['placedLabels'] = [];
  const redrawLabels = () => {
    const ctx = labelCanvas.getContext('2d')!;
    ctx.setTransform(1, 0, 0, 1, 0, 0);
    ctx.clearRect(0, 0, labelCanvas.width, labelCanvas.height);
    placedLabels = [];
    if (visible.get('labels') && built.has('labels')) {
      ctx.scale(opts.resolution, opts.resolution);
      placedLabels = drawLabels(ctx, run, scene, view, { widthPx, heightPx }, { sites: !!visible.get('sites'), posts: !!visible.get('posts'), streets: !!visible.get('roads') })
        .map((l) => ({ kind: l.kind, text: l.text, x: l.x, y: l.y }));
    }
    labelTexture?.source.update();
  };
  const redrawStatic = () => {
    clearTimeout(settleTimer);
    place(staticWorld);
    redrawLabels();
    staticApp.render();
    drawnView = view;
    applyCssTransform();
  };
  const pushTime = () => {
    units?.update(timeS);
    incLayer?.refresh();
  };
  pushTime();
  place(world);
  redrawStatic();

  // Picking indexes (world metres).
  const postIndex = createGridIndex(scene.postXM, scene.postYM, 200);
  const siteIndex = createGridIndex(scene.siteXM, scene.siteYM, 200);
  const incIndex = createGridIndex(scene.incidentXM, scene.incidentYM, 200);
  const nodeIndex = createGridIndex(scene.nodeXM, scene.nodeYM, 200);

  const mv: MapView = {
    app, canvas: app.canvas, run, scene, demand, changes,
    get view() { return view; },
    get widthPx() { return widthPx; },
    get heightPx() { return heightPx; },
    get roadColouring() { return roadColouring; },
    get coverageScale() { return run.coverage ? coverageScaleFor(run, roadColouring) : null; },
    get timeS() { return timeS; },
    get placedLabels() { return placedLabels; },
    setView(v, redrawNow = false) {
      view = v;
      place(world);
      applyCssTransform();
      app.render();
      clearTimeout(settleTimer);
      if (redrawNow) redrawStatic(); else settleTimer = setTimeout(redrawStatic, SETTLE_MS);
    },
    fit() { mv.setView(fitView(opts.fitBoundsM, widthPx, heightPx, 16), true); },
    fitBounds: () => opts.fitBoundsM,
    setTime(t) { timeS = t; pushTime(); },
    setReplayOptions(o) { replay = { ...o }; pushTime(); },
    setLayerVisible(id, v) {
      visible.set(id, v);
      for (const c of layerContainers(id)) c.visible = v;
      if (id !== 'units' && id !== 'incidents') redrawStatic();
    },
    isLayerVisible: (id) => (visible.get(id) ?? false) && built.has(id),
    hasLayer: (id) => built.has(id),
    setRoadColouring(c) { roadColouring = c; applyRoadColouring(); slots.roads.visible = visible.get('roads') ?? true; redrawStatic(); },
    pick(sx, sy, radiusPx = 8) {
      const [x, y] = screenToWorld(view, sx, sy);
      const r = radiusPx / view.pxPerM;
      if (units && mv.isLayerVisible('units')) {
        let best = -1, bestD = r * r;
        const out = { x: 0, y: 0, state: 0 };
        scene.tracks.forEach((tr, i) => {
          sampleTrack(tr, timeS, out);
          const d = (out.x - x) ** 2 + (out.y - y) ** 2;
          if (d <= bestD) { bestD = d; best = i; }
        });
        if (best >= 0) { sampleTrack(scene.tracks[best], timeS, out); return { kind: 'unit', index: best, ...out }; }
      }
      if (mv.isLayerVisible('posts')) { const i = postIndex.nearest(x, y, r); if (i >= 0) return { kind: 'post', index: i }; }
      if (mv.isLayerVisible('sites')) { const i = siteIndex.nearest(x, y, 1.5 * r); if (i >= 0) return { kind: 'site', index: i }; }
      if (mv.isLayerVisible('incidents')) {
        const i = incIndex.nearest(x, y, r);
        if (i >= 0 && incidentOpacity(incidents[i], timeS, run.trace!.warmupS, replay) > 0) return { kind: 'incident', index: i };
      }
      if (mv.isLayerVisible('roads')) { const i = nodeIndex.nearest(x, y, r); if (i >= 0) return { kind: 'node', index: i }; }
      return null;
    },
    render() { if (opts.cacheStatic === false) { place(staticWorld); staticApp.render(); } app.render(); },
    redrawStatic,
    finish() {
      for (const a of [staticApp, app]) {
        const gl = (a.renderer as unknown as { gl?: WebGL2RenderingContext }).gl;
        gl?.readPixels(0, 0, 1, 1, gl.RGBA, gl.UNSIGNED_BYTE, new Uint8Array(4));
      }
    },
    resize(w, h) {
      widthPx = w; heightPx = h;
      staticApp.renderer.resize(w, h, opts.resolution);
      app.renderer.resize(w, h, opts.resolution);
      sizeLabelCanvas(opts.resolution);
      mv.fit();
      app.render();
    },
    async drawInto(ctx, dx, dy, scale, clipX = 0) {
      // Re-render both canvases at the export scale, copy them, then restore the screen resolution.
      clearTimeout(settleTimer);
      place(staticWorld);
      ctx.save();
      ctx.beginPath();
      ctx.rect((dx + clipX) * scale, dy * scale, (widthPx - clipX) * scale, heightPx * scale);
      ctx.clip();
      labelSprite.visible = false; // drawn below at the export scale instead
      for (const a of [staticApp, app]) {
        a.renderer.resize(widthPx, heightPx, scale);
        a.render();
        ctx.drawImage(a.canvas, dx * scale, dy * scale);
        a.renderer.resize(widthPx, heightPx, opts.resolution);
      }
      labelSprite.visible = true;
      if (visible.get('labels') && built.has('labels')) {
        ctx.translate(dx * scale, dy * scale);
        ctx.scale(scale, scale);
        drawLabels(ctx, run, scene, view, { widthPx, heightPx }, { sites: !!visible.get('sites'), posts: !!visible.get('posts'), streets: !!visible.get('roads') });
      }
      ctx.restore();
      redrawStatic();
      app.render();
    },
    onViewChange(cb) { listeners.push(cb); },
    destroy() { clearTimeout(settleTimer); staticApp.destroy(true, { children: true }); app.destroy(true, { children: true }); labelTexture?.destroy(true); },
  };

  // Pan with the pointer, zoom with the wheel about the cursor.
  const canvas = app.canvas;
  let drag: { x: number; y: number } | null = null;
  const emit = () => listeners.forEach((cb) => cb(view));
  canvas.addEventListener('pointerdown', (ev) => { drag = { x: ev.clientX, y: ev.clientY }; canvas.setPointerCapture(ev.pointerId); });
  canvas.addEventListener('pointermove', (ev) => {
    if (!drag) return;
    mv.setView(panBy(view, ev.clientX - drag.x, ev.clientY - drag.y));
    drag = { x: ev.clientX, y: ev.clientY };
    emit();
  });
  const end = () => { drag = null; };
  canvas.addEventListener('pointerup', end);
  canvas.addEventListener('pointercancel', end);
  canvas.addEventListener('wheel', (ev) => {
    ev.preventDefault();
    const rect = canvas.getBoundingClientRect();
    mv.setView(zoomAt(view, Math.exp(-ev.deltaY * 0.0015), ev.clientX - rect.left, ev.clientY - rect.top));
    emit();
  }, { passive: false });
  app.render();
  return mv;
}

export type { Layer };
