/**
 * One map of one run: two Pixi canvases (static layers under, moving layers over) and a label canvas,
 * a pan/zoom view transform and the replay time. Two map views side by side (or stacked for a swipe)
 * compare two runs.
 *
 * The static canvas is redrawn when a pan or zoom settles; meanwhile the browser moves and scales the
 * last drawing with a CSS transform. Its layers are instanced meshes whose widths live in the shader,
 * so a redraw never re-tessellates (docs/viewer.md, "Rendering").
 */
import { Application, Sprite, Texture, type Container } from 'pixi.js';
import { fitView, type BoundsM, type ViewTransform } from '../model/projection.ts';
import type { ThresholdScale } from '../model/colour-scale.ts';
import type { RunScene } from '../model/run-scene.ts';
import type { RunData } from '../model/run-data.ts';
import { DEFAULT_REPLAY_OPTIONS, type ReplayOptions } from '../model/replay.ts';
import type { HexBins } from '../model/demand-hex.ts';
import type { PostChanges } from '../model/post-moves.ts';
import { BACKGROUND_COLOUR } from '../model/styles.ts';
import type { Layer } from '../layers/layer.ts';
import { coverageScaleFor, type RoadColouring } from './map-layers.ts';
import { drawLabels, type LabelOptions } from './labels.ts';
import { buildStaticLayers, type StaticLayerId } from './static-layers.ts';
import { buildMovingLayers, type MovingLayerId } from './moving-layers.ts';
import { createPicker, type Picked } from './map-pick.ts';
import { attachPanZoom } from './map-interaction.ts';

export const LAYER_IDS = ['demand', 'roads', 'cordon', 'sites', 'posts', 'moves', 'plan', 'relocations', 'incidents', 'units', 'labels'] as const;
export type LayerId = (typeof LAYER_IDS)[number];
export type { Picked };

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
  /** Jurisdiction colour index of every post, once roads have been coloured by jurisdiction. */
  readonly postColour: Int32Array | null;
  /** Index into run.plan.layouts of the plan layout drawn at the replay time (0: base). */
  readonly layoutIndex: number;
  /** Units making a move (plan or move-up) at the replay time. */
  readonly movingUnits: number;
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
  const wanted = new Set<LayerId>(opts.layers ?? LAYER_IDS);
  const visible = new Map<LayerId, boolean>(LAYER_IDS.map((id) => [id, wanted.has(id)]));
  let timeS = scene.startS;
  let replay: ReplayOptions = { ...DEFAULT_REPLAY_OPTIONS };
  let roadColouring: RoadColouring = opts.roadColouring;
  const statics = buildStaticLayers({ run, scene, wanted, roadColouring, reference: opts.reference, fitWidthM: opts.fitBoundsM.maxX - opts.fitBoundsM.minX });
  const moving = buildMovingLayers(run, scene, wanted, () => ({ tS: timeS, options: replay }));
  const staticWorld = statics.world, world = moving.world;
  staticApp.stage.addChild(staticWorld);
  // Labels are drawn with the 2D canvas API offscreen and shown as a screen-space sprite over the static
  // layers, so they move with the static drawing during a pan and cost no extra layer to composite.
  const labelCanvas = document.createElement('canvas');
  let labelTexture: Texture | null = null;
  const labelSprite = new Sprite();
  staticApp.stage.addChild(labelSprite);
  app.stage.addChild(world);
  const built = (id: LayerId) => (id === 'labels' ? wanted.has('labels') : statics.built.has(id as StaticLayerId) || moving.built.has(id as MovingLayerId));
  const layerContainers = (id: LayerId): Container[] => (id === 'labels' ? [] : (moving.built.has(id as MovingLayerId) ? moving.containers(id as MovingLayerId) : statics.built.has(id as StaticLayerId) ? statics.containers(id as StaticLayerId) : []));
  const isMoving = (id: LayerId) => (['plan', 'relocations', 'incidents', 'units'] as string[]).includes(id);
  // A run with nothing moving (coverage, jurisdictions, cordon) keeps its moving canvas as initialised,
  // transparent: rendering and reading it back would cost a full-pane pass per redraw for nothing.
  const hasMoving = moving.built.size > 0;
  const renderMoving = () => { if (hasMoving) app.render(); };
  // Nor is it composited: the page then draws one full-pane layer per map instead of two (under a
  // software compositor that is a good part of a redraw). Pointer events go to the static canvas.
  if (!hasMoving) app.canvas.style.display = 'none';
  const eventCanvas = hasMoving ? app.canvas : staticApp.canvas;

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
  const on = (id: LayerId) => !!visible.get(id) && built(id);
  const labelOptions = (): LabelOptions => ({ sites: on('sites'), posts: on('posts'), streets: on('roads'), cordon: on('cordon') });
  const redrawLabels = () => {
    const ctx = labelCanvas.getContext('2d')!;
    ctx.setTransform(1, 0, 0, 1, 0, 0);
    ctx.clearRect(0, 0, labelCanvas.width, labelCanvas.height);
    placedLabels = [];
    if (visible.get('labels') && built('labels')) {
      ctx.scale(opts.resolution, opts.resolution);
      placedLabels = drawLabels(ctx, run, scene, view, { widthPx, heightPx }, labelOptions())
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
  const pushTime = () => moving.update(timeS);
  pushTime();
  place(world);
  redrawStatic();

  const pick = createPicker(run, scene);

  const mv: MapView = {
    app, canvas: eventCanvas, run, scene, demand: statics.demand, changes: statics.changes,
    get postColour() { return statics.postColour; },
    get layoutIndex() { return moving.layoutIndex; },
    get movingUnits() { return moving.movingUnits; },
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
      renderMoving();
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
      if (isMoving(id)) renderMoving(); else redrawStatic();
    },
    isLayerVisible: (id) => on(id),
    hasLayer: (id) => built(id),
    setRoadColouring(c) {
      roadColouring = c;
      statics.setRoadColouring(c);
      for (const ct of statics.containers('roads')) ct.visible = visible.get('roads') ?? true;
      redrawStatic();
    },
    pick: (sx, sy, radiusPx) => pick({ view, timeS, replay, visible: (id) => on(id as LayerId) }, sx, sy, radiusPx),
    render() { if (opts.cacheStatic === false) { place(staticWorld); staticApp.render(); } renderMoving(); },
    redrawStatic,
    finish() {
      for (const a of hasMoving ? [staticApp, app] : [staticApp]) {
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
      if (visible.get('labels') && built('labels')) {
        ctx.translate(dx * scale, dy * scale);
        ctx.scale(scale, scale);
        drawLabels(ctx, run, scene, view, { widthPx, heightPx }, labelOptions());
      }
      ctx.restore();
      redrawStatic();
      renderMoving();
    },
    onViewChange(cb) { listeners.push(cb); },
    destroy() { clearTimeout(settleTimer); staticApp.destroy(true, { children: true }); app.destroy(true, { children: true }); labelTexture?.destroy(true); },
  };

  const emit = () => listeners.forEach((cb) => cb(view));
  attachPanZoom(eventCanvas, () => view, (v) => mv.setView(v), emit);
  renderMoving();
  return mv;
}

export type { Layer };
