/**
 * One map of one run: a Pixi application with the run's layers, a pan/zoom view transform and the
 * replay clock. Two map views side by side (or stacked for a swipe) compare two runs.
 */
import { Application, Container, Graphics, type Texture } from 'pixi.js';
import { fitView, panBy, screenToWorld, zoomAt, type ViewTransform } from '../model/projection.ts';
import { arrivalTimeScale, type ThresholdScale } from '../model/colour-scale.ts';
import { arrivalsOfKth, tierTargetsS, type RunScene } from '../model/run-scene.ts';
import type { RunData } from '../model/run-data.ts';
import { sampleTrack } from '../model/timeline.ts';
import { createGridIndex, type GridIndex } from '../model/grid-index.ts';
import { BACKGROUND_COLOUR, INCIDENT_OUTCOME_COLOURS, UNIT_STATE_COLOURS, postStyle, roadStyle } from '../model/styles.ts';
import { createPathLayer } from '../layers/path-layer.ts';
import { createScatterLayer } from '../layers/scatter-layer.ts';
import { createMovingPointsLayer, type MovingPointsLayer } from '../layers/moving-points-layer.ts';
import type { Layer } from '../layers/layer.ts';

export const LAYER_IDS = ['roads', 'coverage', 'posts', 'incidents', 'units'] as const;
export type LayerId = (typeof LAYER_IDS)[number];

export type Picked =
  | { kind: 'post'; index: number }
  | { kind: 'unit'; index: number; x: number; y: number; state: number }
  | { kind: 'incident'; index: number }
  | { kind: 'node'; index: number; demandIndex: number };

export interface MapView {
  readonly app: Application;
  /** The top canvas (moving units, incidents; takes pointer events). */
  readonly canvas: HTMLCanvasElement;
  /** Every canvas of this map, bottom first (the static canvas when caching, then `canvas`). */
  readonly canvases: HTMLCanvasElement[];
  readonly run: RunData;
  readonly scene: RunScene;
  readonly view: ViewTransform;
  readonly coverageScale: ThresholdScale;
  readonly coverageK: number;
  setView(v: ViewTransform, rescaleNow?: boolean): void;
  fit(): void;
  setTime(tS: number): void;
  setLayerVisible(id: LayerId, visible: boolean): void;
  isLayerVisible(id: LayerId): boolean;
  setCoverageK(k: number): void;
  pick(sxPx: number, syPx: number, radiusPx?: number): Picked | null;
  /** Render now (tests and PNG export call this before reading pixels). */
  render(): void;
  onViewChange(cb: (v: ViewTransform) => void): void;
  destroy(): void;
}

export interface MapViewOptions {
  host: HTMLElement;
  run: RunData;
  scene: RunScene;
  widthPx: number;
  heightPx: number;
  /** Which layers to build (the benchmark draws roads only). Default all. */
  layers?: readonly LayerId[];
  coverageK?: number;
  /**
   * Draw the static layers (roads, coverage, posts) on a canvas of their own, under a transparent one
   * for the moving layers, and re-draw it only when a pan or zoom settles (default true). false draws
   * everything on one canvas every frame.
   */
  cacheStatic?: boolean;
}

export async function createMapView(opts: MapViewOptions): Promise<MapView> {
  const { run, scene } = opts;
  const cacheStatic = opts.cacheStatic ?? true;
  const init = { width: opts.widthPx, height: opts.heightPx, antialias: true, preference: 'webgl' as const, preserveDrawingBuffer: true, autoStart: false, resolution: 1 };
  // Cached: the static layers get their own canvas, rendered only when the view settles; the browser
  // composites it under the moving layers' transparent canvas, so a frame costs only the moving layers.
  const staticApp = cacheStatic ? new Application() : null;
  if (staticApp) {
    await staticApp.init({ ...init, background: BACKGROUND_COLOUR });
    staticApp.canvas.style.position = 'absolute';
    staticApp.canvas.style.transformOrigin = '0 0';
    opts.host.appendChild(staticApp.canvas);
  }
  const app = new Application();
  await app.init(cacheStatic ? { ...init, backgroundAlpha: 0 } : { ...init, background: BACKGROUND_COLOUR });
  app.canvas.style.position = 'relative';
  opts.host.appendChild(app.canvas);
  const wanted = new Set<LayerId>(opts.layers ?? LAYER_IDS);
  // Static layers live in `staticGroup`: on the static canvas when caching (while a pan or zoom is in
  // progress that canvas is moved and scaled by CSS, and re-rendered once the view settles), else in
  // the world container of the one canvas.
  const world = new Container({ label: 'world', isRenderGroup: true });
  const staticGroup = new Container({ label: 'static', isRenderGroup: true });
  if (staticApp) staticApp.stage.addChild(staticGroup); else world.addChild(staticGroup);
  app.stage.addChild(world);

  const disc = makeDiscTexture(app);
  const layers = new Map<LayerId, Layer>();
  const visible = new Map<LayerId, boolean>(LAYER_IDS.map((id) => [id, wanted.has(id)]));
  const net = run.network;
  if (wanted.has('roads')) {
    const styles = net.classNames.map(roadStyle);
    layers.set('roads', createPathLayer({
      id: 'roads', count: net.edgeFrom.length,
      getPath: (e) => scene.edgeXY.subarray(scene.edgeStart[e], scene.edgeStart[e + 1]),
      getColor: (e) => styles[net.edgeClass[e]].color,
      getWidthPx: (e) => styles[net.edgeClass[e]].widthPx,
      getOrder: (e) => styles[net.edgeClass[e]].order,
    }));
  }
  const coverageScale = arrivalTimeScale(tierTargetsS(run));
  let coverageK = Math.min(opts.coverageK ?? 1, run.coverage?.k ?? 1);
  const buildCoverage = (): Layer | null => {
    const cov = run.coverage;
    if (!cov) return null;
    const t = arrivalsOfKth(run, coverageK);
    return createScatterLayer({
      id: 'coverage', count: cov.demandNode.length, alpha: 0.9,
      getX: (i) => scene.nodeXM[cov.demandNode[i]], getY: (i) => scene.nodeYM[cov.demandNode[i]],
      getColor: (i) => coverageScale(t[i]), getRadiusPx: () => 3.5,
    });
  };
  if (wanted.has('coverage')) { const l = buildCoverage(); if (l) layers.set('coverage', l); }
  if (wanted.has('posts') && run.posts.length) {
    layers.set('posts', createScatterLayer({
      id: 'posts', count: run.posts.length, outlineWidthPx: 1.5, outlineColor: 0xffffff,
      getX: (i) => scene.postXM[i], getY: (i) => scene.postYM[i],
      getColor: (i) => postStyle(run.posts[i].type).color,
      getRadiusPx: (i) => postStyle(run.posts[i].type).radiusPx,
      getShape: (i) => postStyle(run.posts[i].type).shape,
    }));
  }
  const incidents = run.trace?.incidents ?? [];
  let incidentLayer: MovingPointsLayer | null = null;
  if (wanted.has('incidents') && incidents.length) {
    incidentLayer = createMovingPointsLayer({
      id: 'incidents', count: incidents.length, texture: disc, radiusPx: 5,
      // An incident shows from its report time on.
      sample: (i, tS, out) => { const ok = incidents[i].tS <= tS; out.x = ok ? scene.incidentXM[i] : NaN; out.y = scene.incidentYM[i]; out.state = scene.incidentOutcome[i]; },
      getColor: (o) => INCIDENT_OUTCOME_COLOURS[o] ?? 0,
    });
    layers.set('incidents', incidentLayer);
  }
  let unitLayer: MovingPointsLayer | null = null;
  if (wanted.has('units') && scene.tracks.length) {
    unitLayer = createMovingPointsLayer({
      id: 'units', count: scene.tracks.length, texture: disc, radiusPx: 4.5,
      sample: (i, tS, out) => { sampleTrack(scene.tracks[i], tS, out); },
      getColor: (s) => UNIT_STATE_COLOURS[s] ?? 0,
    });
    layers.set('units', unitLayer);
  }
  const order: LayerId[] = ['roads', 'coverage', 'posts', 'incidents', 'units'];
  for (const id of order) {
    const l = layers.get(id);
    if (!l) continue;
    (id === 'units' || id === 'incidents' ? world : staticGroup).addChild(l.container);
  }

  let view = fitView(scene.boundsM, opts.widthPx, opts.heightPx, 16);
  let builtPxPerM = NaN;
  let rescaleTimer: ReturnType<typeof setTimeout> | undefined;
  const listeners: ((v: ViewTransform) => void)[] = [];
  let cachedView: ViewTransform | null = null;
  const applyTransform = () => {
    world.position.set(view.offsetXPx, view.offsetYPx);
    world.scale.set(view.pxPerM, -view.pxPerM);
    if (staticApp && cachedView) {
      const k = view.pxPerM / cachedView.pxPerM;
      const dx = view.offsetXPx - cachedView.offsetXPx * k, dy = view.offsetYPx - cachedView.offsetYPx * k;
      staticApp.canvas.style.transform = k === 1 && dx === 0 && dy === 0 ? '' : `translate(${dx}px, ${dy}px) scale(${k})`;
    }
  };
  /** Redraw the static layers for the current view (into the cache texture when caching). */
  const refreshStatic = () => {
    if (!staticApp) return;
    staticGroup.position.set(view.offsetXPx, view.offsetYPx);
    staticGroup.scale.set(view.pxPerM, -view.pxPerM);
    staticApp.render();
    cachedView = view;
    applyTransform();
  };
  const rescale = () => {
    if (view.pxPerM !== builtPxPerM) {
      builtPxPerM = view.pxPerM;
      for (const l of layers.values()) l.rescale(view.pxPerM);
    }
    refreshStatic();
  };
  let timeS = scene.startS;
  applyTransform();
  rescale();
  unitLayer?.setTime(timeS);
  incidentLayer?.setTime(timeS);

  // Picking indexes (world metres).
  const postIndex = createGridIndex(scene.postXM, scene.postYM, 200);
  const incIndex = createGridIndex(scene.incidentXM, scene.incidentYM, 200);
  const cov = run.coverage;
  const demandX = cov ? Float64Array.from(cov.demandNode, (v) => scene.nodeXM[v]) : new Float64Array(0);
  const demandY = cov ? Float64Array.from(cov.demandNode, (v) => scene.nodeYM[v]) : new Float64Array(0);
  const demandIndex: GridIndex = createGridIndex(demandX, demandY, 200);

  const mv: MapView = {
    app, canvas: app.canvas, canvases: staticApp ? [staticApp.canvas, app.canvas] : [app.canvas], run, scene,
    get view() { return view; },
    coverageScale,
    get coverageK() { return coverageK; },
    setView(v, rescaleNow = false) {
      view = v;
      applyTransform();
      clearTimeout(rescaleTimer);
      if (rescaleNow) rescale(); else rescaleTimer = setTimeout(() => { rescale(); app.render(); }, 200);
      app.render();
    },
    fit() {
      if (staticApp && (staticApp.screen.width !== app.screen.width || staticApp.screen.height !== app.screen.height)) staticApp.renderer.resize(app.screen.width, app.screen.height);
      mv.setView(fitView(scene.boundsM, app.screen.width, app.screen.height, 16), true);
    },
    setTime(t) { timeS = t; unitLayer?.setTime(t); incidentLayer?.setTime(t); },
    setLayerVisible(id, v) { visible.set(id, v); layers.get(id)?.setVisible(v); if (id !== 'units' && id !== 'incidents') refreshStatic(); },
    isLayerVisible: (id) => (visible.get(id) ?? false) && layers.has(id),
    setCoverageK(k) {
      if (!run.coverage || k === coverageK || k < 1 || k > run.coverage.k) return;
      coverageK = k;
      layers.get('coverage')?.destroy();
      const l = buildCoverage();
      if (!l) return;
      layers.set('coverage', l);
      staticGroup.addChildAt(l.container, layers.has('roads') ? 1 : 0);
      l.rescale(view.pxPerM);
      l.setVisible(visible.get('coverage') ?? true);
      refreshStatic();
    },
    pick(sx, sy, radiusPx = 8) {
      const [x, y] = screenToWorld(view, sx, sy);
      const r = radiusPx / view.pxPerM;
      if (unitLayer && mv.isLayerVisible('units')) {
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
      if (mv.isLayerVisible('incidents')) { const i = incIndex.nearest(x, y, r); if (i >= 0 && incidents[i].tS <= timeS) return { kind: 'incident', index: i }; }
      if (cov && mv.isLayerVisible('coverage')) { const i = demandIndex.nearest(x, y, r); if (i >= 0) return { kind: 'node', index: cov.demandNode[i], demandIndex: i }; }
      return null;
    },
    render() { app.render(); },
    onViewChange(cb) { listeners.push(cb); },
    destroy() { clearTimeout(rescaleTimer); staticApp?.destroy(true, { children: true, texture: true }); app.destroy(true, { children: true, texture: true }); },
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

function makeDiscTexture(app: Application): Texture {
  const g = new Graphics().circle(16, 16, 15).fill({ color: 0xffffff }).stroke({ width: 2, color: 0x000000, alpha: 0.6 });
  return app.renderer.generateTexture({ target: g, resolution: 1 });
}
