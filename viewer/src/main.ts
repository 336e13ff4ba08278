/**
 * The viewer app: loads the run directories the server lists, shows one map (or two, side by side or
 * with a swipe divider, to compare a layout with a proposal), the replay timeline, the map furniture
 * and the side panel. `window.__patrolsim` is the hook the browser tests and the benchmark drive.
 */
import './app/style.css';
import { createMapView, LAYER_IDS, type LayerId, type MapView } from './app/map-view.ts';
import { listRuns, loadCompare, loadRun } from './app/load-run.ts';
import { compareTableHtml, controlsHtml, responseHistograms, runSummaryHtml } from './app/panel.ts';
import type { FurnitureSpec } from './app/furniture.ts';
import type { RoadColouring } from './app/map-layers.ts';
import { attachSwipeHandle, viewsLegend } from './app/views-legend.ts';
import { createOverlay } from './app/overlay.ts';
import { exportPng } from './app/export-png.ts';
import { attachTooltips } from './app/tooltips.ts';
import { attachReplayControls } from './app/replay-controls.ts';
import { layoutLabel } from './model/plan-layout.ts';
import { buildRunScene, coverageTiers, tierTargetsS } from './model/run-scene.ts';
import { createLocalProjection } from './model/projection.ts';
import { createPlayback, formatClock, type Playback } from './model/timeline.ts';
import { arrivalTimeScale } from './model/colour-scale.ts';
import { DEFAULT_TARGET_SHARE } from './model/charts.ts';
import { asCompareJson } from '../../engine/io/run-directory/compare-file.ts';
import { compareTableHeadings, compareTableRows } from './model/compare-table.ts';
import { runFitBounds } from './model/fit-bounds.ts';
import type { LegendGroup } from './model/legend.ts';
import { legendHtml } from './model/legend-html.ts';
import { DEFAULT_REPLAY_OPTIONS, replayLabel, type ReplayOptions } from './model/replay.ts';
import { summaryFigures } from './model/summary-figures.ts';
import type { RunData } from './model/run-data.ts';

type Mode = 'single' | 'side' | 'swipe';
const LAYER_LABELS: Record<LayerId, string> = {
  demand: 'demand', roads: 'roads', cordon: 'cordon', sites: 'key sites', posts: 'posts', moves: 'post moves', plan: 'plan (time block)',
  relocations: 'moves (replay)', incidents: 'incidents', units: 'units', labels: 'labels',
};

interface Hook {
  ready: boolean;
  error?: string;
  runs: string[];
  mode: Mode;
  views: MapView[];
  playback: Playback | null;
  setTime(tS: number): void;
  frame(): Promise<void>;
  exportPng(scale?: number): Promise<string>;
  legend(): LegendGroup[];
  /** Zoom every view by a factor about its centre and redraw now; resolves when the GPU is done. */
  zoomBy(factor: number): Promise<number>;
  measureFps(durationMs: number): Promise<{ frames: number; fps: number }>;
}
declare global { interface Window { __patrolsim: Hook } }

const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;
const params = new URLSearchParams(location.search);
const nextFrame = () => new Promise<void>((r) => requestAnimationFrame(() => r()));

async function start(): Promise<void> {
  const hook: Hook = {
    ready: false, runs: [], mode: 'single', views: [], playback: null,
    setTime: () => {}, frame: () => nextFrame(), exportPng: async () => '', legend: () => [],
    zoomBy: async () => 0, measureFps: async () => ({ frames: 0, fps: 0 }),
  };
  window.__patrolsim = hook;
  const listing = await listRuns();
  if (listing.length === 0) throw new Error('the server lists no run directories');
  const chosen = (params.get('runs') ?? (listing.length > 1 ? '0,1' : '0')).split(',').map(Number).filter((i) => listing[i]).slice(0, 2);
  const runs: RunData[] = await Promise.all(chosen.map((i) => loadRun(listing[i])));
  const compare = asCompareJson((await loadCompare()) ?? runs[0].compare ?? null);
  hook.runs = runs.map((r) => r.name);
  // A comparison's runs are named from compare.json ("current layout", "proposal"); others by their directory.
  // The demo's directory holds before/, after/ and, with a plan, plan/ and plan-move-up/: labelled by
  // directory name; any other pair by position.
  const byDir: Record<string, string | undefined> = { before: compare?.before.label, after: compare?.after.label, plan: compare?.plan?.label, 'plan-move-up': compare?.planMoveUp?.label };
  const figureLabel = (r: RunData) => (Object.hasOwn(byDir, r.name) ? byDir[r.name] : r.name === listing[0]?.name && listing.length === 2 ? compare?.before.label : r.name === listing[1]?.name && listing.length === 2 ? compare?.after.label : undefined) ?? r.name;
  const labels = runs.map((r, i) => (runs.length > 1 ? `${i === 0 ? 'A' : 'B'}: ${figureLabel(r)}` : figureLabel(r)));
  let mode: Mode = runs.length > 1 ? ((params.get('mode') as Mode) === 'swipe' ? 'swipe' : 'side') : 'single';
  hook.mode = mode;

  const maps = $('maps');
  const size = /^(\d+)x(\d+)$/.exec(params.get('size') ?? '');
  const layersParam = params.get('layers');
  const onlyLayers = layersParam ? (layersParam.split(',').filter((l) => (LAYER_IDS as readonly string[]).includes(l)) as LayerId[]) : undefined;
  const paneW = () => (size ? Number(size[1]) : mode === 'side' ? Math.floor(maps.clientWidth / 2) : maps.clientWidth);
  const paneH = () => (size ? Number(size[2]) : maps.clientHeight);
  if (size) { maps.style.flex = 'none'; maps.style.width = `${Number(size[1]) * (mode === 'side' ? 2 : 1)}px`; maps.style.height = `${size[2]}px`; }
  const targetShare = Number(params.get('target') ?? DEFAULT_TARGET_SHARE);
  const dpr = window.devicePixelRatio || 1;

  // Coverage choice: a tier of the run's coverage (its unit count and target), and how roads are coloured.
  const tiers = coverageTiers(runs.find((r) => r.coverage) ?? runs[0]);
  let tierIndex = Math.min(Math.max(0, Number(params.get('tier') ?? (params.get('k') ? tiers.findIndex((t) => t.units === Number(params.get('k'))) : 0))), Math.max(0, tiers.length - 1));
  // Road modes as the panel offers them; the jurisdiction modes need jurisdictions.json.
  type RoadMode = Exclude<RoadColouring['mode'], 'jurisdiction'> | 'jurisdiction' | 'jurisdiction-balanced';
  const jur = runs.find((r) => r.jurisdictions)?.jurisdictions;
  const roadModes: RoadMode[] = [
    'class', ...(tiers.length ? (['time', 'fail'] as const) : []), ...(tiers.length && runs.length > 1 && runs.every((r) => r.coverage) ? (['change'] as const) : []),
    ...(jur ? (['jurisdiction'] as const) : []), ...(jur?.balanced ? (['jurisdiction-balanced'] as const) : []),
  ];
  let roadMode: RoadMode = (roadModes as string[]).includes(params.get('roads') ?? '') ? (params.get('roads') as RoadMode) : tiers.length ? 'time' : jur ? 'jurisdiction' : 'class';
  const colouringFor = (i: number): RoadColouring => {
    if (roadMode === 'jurisdiction' || roadMode === 'jurisdiction-balanced') return { mode: 'jurisdiction', which: roadMode === 'jurisdiction' ? 'nearest' : 'balanced' };
    if (roadMode === 'class' || !tiers.length) return { mode: 'class' };
    // The change colouring is drawn on B; A keeps the arrival-time colouring beside it.
    if (roadMode === 'change') return i === 1 ? { mode: 'change', tier: tiers[tierIndex] } : { mode: 'time', tier: tiers[tierIndex] };
    return { mode: roadMode, tier: tiers[tierIndex] };
  };
  let replay: ReplayOptions = { showWarmup: params.get('warmup') === '1', fadeS: params.has('fade') ? Number(params.get('fade')) : DEFAULT_REPLAY_OPTIONS.fadeS };
  let exportScale = 1;

  // One projection for both runs, so the same place is the same pixel in a comparison.
  const base = runs[0].network;
  const projection = createLocalProjection(base.coordKind, base.nodeX, base.nodeY);
  const scenes = runs.map((r) => buildRunScene(r, projection));
  const fitBoundsM = runFitBounds(runs, scenes);
  const panes: HTMLDivElement[] = [];
  const views: MapView[] = [];
  for (const [i, run] of runs.entries()) {
    const pane = document.createElement('div');
    pane.className = 'map-pane';
    maps.appendChild(pane);
    panes.push(pane);
    views.push(await createMapView({
      host: pane, run, scene: scenes[i], widthPx: paneW(), heightPx: paneH(), resolution: dpr, layers: onlyLayers,
      roadColouring: colouringFor(i), fitBoundsM, reference: i === 1 ? { run: runs[0], scene: scenes[0] } : undefined, cacheStatic: params.get('cache') !== '0',
    }));
  }
  hook.views = views;
  views.forEach((v) => v.setReplayOptions(replay));

  const furniture = document.createElement('div');
  furniture.id = 'furniture';
  maps.appendChild(furniture);
  let swipeFrac = 0.5;
  const playback = views.some((v) => v.run.trace) ? createPlayback(0, Math.max(...views.map((v) => v.scene.endS)), 60) : null;
  hook.playback = playback;
  const tracedRun = runs.find((r) => r.trace);
  const plannedView = views.find((v) => v.run.plan);
  const timeText = () => (playback && tracedRun?.trace
    ? `${replayLabel(tracedRun.trace)} \u00b7 ${formatClock(playback.timeS)}${plannedView ? ` \u00b7 ${layoutLabel(plannedView.run.plan!, plannedView.layoutIndex)}` : ''}`
    : null);
  const attribution = runs[0].network.attribution;
  const furnitureSpec = (): FurnitureSpec => {
    const w = paneW(), h = paneH();
    const single = mode !== 'side';
    return {
      widthPx: single ? w : 2 * w, heightPx: h, timeText: timeText(), attribution,
      dividerX: mode === 'swipe' ? swipeFrac * w : null,
      panes: views.map((v, i) => ({
        x: mode === 'side' ? i * w : 0, widthPx: w, title: labels[i], titleAlign: mode === 'swipe' && i === 1 ? 'right' : 'left',
        pxPerM: v.view.pxPerM, scaleBar: !(mode === 'swipe' && i === 1), northArrow: !(mode === 'swipe' && i === 0),
      })),
    };
  };
  const overlay = createOverlay(furniture, dpr, furnitureSpec);
  const drawOverlay = (only?: string) => overlay.draw(only);
  let lastTimeText: string | null = '';
  // The legend names the plan block drawn: redrawn when the replay enters another block.
  let refreshLegend = () => {};
  let lastLayout = plannedView?.layoutIndex ?? 0;
  const drawTime = () => {
    const text = timeText();
    if (text === lastTimeText) return;
    lastTimeText = text;
    drawOverlay('time');
    if (plannedView && plannedView.layoutIndex !== lastLayout) { lastLayout = plannedView.layoutIndex; refreshLegend(); }
  };
  // Keep the views in step: pan/zoom in one moves the other.
  views.forEach((v) => v.onViewChange((t) => { views.forEach((o) => { if (o !== v) o.setView(t); }); drawOverlay(); }));

  const handle = document.createElement('div');
  handle.id = 'swipe-handle';
  const layout = () => {
    hook.mode = mode;
    const w = paneW();
    panes.forEach((p, i) => {
      p.style.left = mode === 'side' ? `${i * w}px` : '0px';
      p.style.width = `${w}px`;
      p.style.clipPath = mode === 'swipe' && i === 1 ? `inset(0 0 0 ${swipeFrac * w}px)` : '';
      p.style.zIndex = String(i);
    });
    handle.style.display = mode === 'swipe' ? 'block' : 'none';
    handle.style.left = `${swipeFrac * w}px`;
    drawOverlay();
  };
  if (runs.length > 1) {
    maps.appendChild(handle);
    attachSwipeHandle(handle, maps, paneW, (f) => { swipeFrac = f; layout(); });
  }
  layout();

  // Replay (app/replay-controls.ts).
  const replayControls = playback && tracedRun?.trace ? attachReplayControls(playback, tracedRun.trace, views, drawTime) : null;
  const showTime = (fromLoop = false) => replayControls?.showTime(fromLoop);
  hook.setTime = (t) => { playback?.seek(t); showTime(); views.forEach((v) => v.render()); };

  // Panel.
  const panel = $('panel');
  const legend = () => viewsLegend(runs, views, tiers[tierIndex]);
  hook.legend = legend;
  refreshLegend = () => { const el = panel.querySelector('.legend'); if (el) el.innerHTML = legendHtml(legend()); };
  const renderPanel = () => {
    const toggles = LAYER_IDS.filter((id) => views.some((v) => v.hasLayer(id)));
    const targets = tierTargetsS(runs.find((r) => r.coverage || r.summary) ?? runs[0]);
    const hists = responseHistograms(runs, targets, replay);
    const yMax = Math.max(0, ...hists.map((h) => Math.max(h.h.overflow, ...h.h.counts)));
    const histScale = targets.length ? arrivalTimeScale(targets, targets[0]) : null;
    const modeLabel: Record<RoadMode, string> = {
      class: 'by class', time: 'arrival time', fail: 'fails the standard', change: 'change, B against A',
      jurisdiction: 'jurisdictions (nearest post)', 'jurisdiction-balanced': 'jurisdictions (balanced)',
    };
    panel.innerHTML = `${controlsHtml({
      layers: toggles.map((id) => ({ id, label: LAYER_LABELS[id], checked: views.some((v) => v.isLayerVisible(id)) })),
      roadModes: roadModes.map((m) => ({ value: m, label: modeLabel[m] })), roadMode, tiers, tierIndex,
      compareMode: runs.length > 1 ? (mode === 'swipe' ? 'swipe' : 'side') : null,
      replay: playback ? replay : null, exportScale,
    })}
${compare && runs.length > 1 ? compareTableHtml(compareTableRows(compare), [labels[0], labels[1], ...compareTableHeadings(compare).slice(2)]) : ''}
<div class="legend">${legendHtml(legend())}</div>
${runs.map((r, i) => runSummaryHtml(r, labels[i], hists[i], histScale, yMax, targetShare)).join('')}`;
    panel.querySelectorAll<HTMLInputElement>('input[data-layer]').forEach((el) => el.addEventListener('change', () => {
      views.forEach((v) => v.setLayerVisible(el.dataset.layer as LayerId, el.checked));
      views.forEach((v) => v.render());
      renderPanel();
    }));
    const recolour = () => { views.forEach((v, i) => v.setRoadColouring(colouringFor(i))); renderPanel(); };
    panel.querySelector<HTMLSelectElement>('#road-mode')?.addEventListener('change', (e) => { roadMode = (e.target as HTMLSelectElement).value as RoadMode; recolour(); });
    panel.querySelector<HTMLSelectElement>('#tier')?.addEventListener('change', (e) => { tierIndex = Number((e.target as HTMLSelectElement).value); recolour(); });
    panel.querySelector<HTMLSelectElement>('#mode')?.addEventListener('change', (e) => { mode = (e.target as HTMLSelectElement).value as Mode; resize(); views.forEach((v) => v.render()); });
    panel.querySelector<HTMLInputElement>('#show-warmup')?.addEventListener('change', (e) => { replay = { ...replay, showWarmup: (e.target as HTMLInputElement).checked }; views.forEach((v) => { v.setReplayOptions(replay); v.render(); }); renderPanel(); });
    panel.querySelector<HTMLSelectElement>('#fade')?.addEventListener('change', (e) => { replay = { ...replay, fadeS: Number((e.target as HTMLSelectElement).value) }; views.forEach((v) => { v.setReplayOptions(replay); v.render(); }); });
    panel.querySelector<HTMLSelectElement>('#export-scale')?.addEventListener('change', (e) => { exportScale = Number((e.target as HTMLSelectElement).value); });
    panel.querySelector('#export')?.addEventListener('click', async () => {
      const a = document.createElement('a');
      a.href = await hook.exportPng(exportScale);
      a.download = `patrolsim-${runs.map((r) => r.name).join('-vs-')}.png`;
      a.click();
    });
    panel.querySelector('#fit')?.addEventListener('click', () => { views.forEach((v) => v.fit()); drawOverlay(); });
  };
  renderPanel();

  const resize = () => {
    if (!size) views.forEach((v) => v.resize(paneW(), paneH()));
    else if (mode === 'side') maps.style.width = `${Number(size[1]) * 2}px`;
    else maps.style.width = `${Number(size[1])}px`;
    layout();
  };
  window.addEventListener('resize', resize);

  attachTooltips($('tooltip'), views, labels);

  // PNG export (app/export-png.ts).
  hook.exportPng = async (scale = 1) => {
    const scenario = runs.map((r) => (r.summary ? summaryFigures(r.summary).scenario : null)).find((x) => x) ?? runs[0].name;
    return exportPng({
      views, side: mode === 'side', paneW: paneW(), paneH: paneH(), swipeFrac, legend: legend(), furniture: furnitureSpec(),
      title: runs.length > 1 ? `${scenario}: ${labels[0]} vs ${labels[1]}` : `${scenario}: ${labels[0]}`,
    }, scale);
  };

  hook.zoomBy = async (factor) => {
    const t0 = performance.now();
    for (const v of views) {
      const cx = v.widthPx / 2, cy = v.heightPx / 2;
      const vt = v.view;
      v.setView({ pxPerM: vt.pxPerM * factor, offsetXPx: cx - (cx - vt.offsetXPx) * factor, offsetYPx: cy - (cy - vt.offsetYPx) * factor }, true);
    }
    drawOverlay();
    views.forEach((v) => v.finish());
    await nextFrame();
    return performance.now() - t0;
  };

  // The frame loop: advance the clock and render while playing (or always with ?continuous=1, for the
  // benchmark); otherwise the maps render only when something changes (pan, zoom, seek, toggles).
  const continuous = params.get('continuous') === '1';
  let last = performance.now();
  let frames = 0;
  const loop = (now: number) => {
    const dt = (now - last) / 1000; last = now;
    if (playback?.playing) { playback.advance(dt); showTime(true); }
    if (playback?.playing || continuous) { views.forEach((v) => v.render()); frames++; }
    requestAnimationFrame(loop);
  };
  requestAnimationFrame(loop);
  hook.measureFps = async (durationMs) => {
    const f0 = frames, t0 = performance.now();
    await new Promise((r) => setTimeout(r, durationMs));
    const n = frames - f0, dt = (performance.now() - t0) / 1000;
    return { frames: n, fps: n / dt };
  };
  await nextFrame();
  hook.ready = true;
}

start().catch((err: unknown) => {
  const msg = err instanceof Error ? err.message : String(err);
  const box = $('error');
  box.textContent = `The viewer could not load this run:\n\n${msg}`;
  box.hidden = false;
  if (window.__patrolsim) window.__patrolsim.error = msg;
  else (window as unknown as { __patrolsim: Partial<Hook> }).__patrolsim = { ready: false, error: msg };
});
