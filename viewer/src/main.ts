/**
 * The viewer app: loads the run directories the server lists, shows one map (or two, side by side or
 * with a swipe divider, to compare a layout with a proposal), the replay timeline and the side panel.
 * `window.__patrolsim` is the hook the browser tests and the benchmark drive.
 */
import './app/style.css';
import { createMapView, LAYER_IDS, type LayerId, type MapView, type Picked } from './app/map-view.ts';
import { listRuns, loadRun } from './app/load-run.ts';
import { legendHtml, runSummaryHtml } from './app/panel.ts';
import { buildRunScene, INCIDENT_OUTCOMES } from './model/run-scene.ts';
import { createLocalProjection } from './model/projection.ts';
import { createPlayback, formatClock, unitStateName, type Playback } from './model/timeline.ts';
import { formatSeconds } from './model/stats.ts';
import { escapeXml as esc } from './model/charts.ts';
import type { RunData } from './model/run-data.ts';

type Mode = 'single' | 'side' | 'swipe';
const SPEEDS = [1, 10, 60, 300, 1800];

interface Hook {
  ready: boolean;
  error?: string;
  runs: string[];
  mode: Mode;
  views: MapView[];
  playback: Playback | null;
  setTime(tS: number): void;
  frame(): Promise<void>;
  exportPng(): string;
  measureFps(durationMs: number): Promise<{ frames: number; fps: number }>;
}
declare global { interface Window { __patrolsim: Hook } }

const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;
const params = new URLSearchParams(location.search);

async function start(): Promise<void> {
  const hook: Hook = {
    ready: false, runs: [], mode: 'single', views: [], playback: null,
    setTime: () => {}, frame: () => new Promise((r) => requestAnimationFrame(() => r())),
    exportPng: () => '', measureFps: async () => ({ frames: 0, fps: 0 }),
  };
  window.__patrolsim = hook;
  const listing = await listRuns();
  if (listing.length === 0) throw new Error('the server lists no run directories');
  const chosen = (params.get('runs') ?? (listing.length > 1 ? '0,1' : '0')).split(',').map(Number).filter((i) => listing[i]).slice(0, 2);
  const runs: RunData[] = await Promise.all(chosen.map((i) => loadRun(listing[i])));
  hook.runs = runs.map((r) => r.name);
  let mode: Mode = runs.length > 1 ? ((params.get('mode') as Mode) === 'swipe' ? 'swipe' : 'side') : 'single';
  hook.mode = mode;

  const maps = $('maps');
  const size = /^(\d+)x(\d+)$/.exec(params.get('size') ?? '');
  const layersParam = params.get('layers');
  const onlyLayers = layersParam ? (layersParam.split(',').filter((l) => (LAYER_IDS as readonly string[]).includes(l)) as LayerId[]) : undefined;
  const paneW = () => (size ? Number(size[1]) : mode === 'side' ? Math.floor(maps.clientWidth / 2) : maps.clientWidth);
  const paneH = () => (size ? Number(size[2]) : maps.clientHeight);
  if (size) { maps.style.flex = 'none'; maps.style.width = `${Number(size[1]) * (mode === 'side' ? 2 : 1)}px`; maps.style.height = `${size[2]}px`; }

  // One projection for both runs, so the same place is the same pixel in a comparison.
  const base = runs[0].network;
  const projection = createLocalProjection(base.coordKind, base.nodeX, base.nodeY);
  const panes: HTMLDivElement[] = [];
  const views: MapView[] = [];
  for (const [i, run] of runs.entries()) {
    const pane = document.createElement('div');
    pane.className = 'map-pane';
    maps.appendChild(pane);
    panes.push(pane);
    const view = await createMapView({ host: pane, run, scene: buildRunScene(run, projection), widthPx: paneW(), heightPx: paneH(), layers: onlyLayers, coverageK: Number(params.get('k') ?? 1), cacheStatic: params.get('cache') !== '0' });
    views.push(view);
    const label = document.createElement('div');
    label.className = 'map-label';
    label.textContent = runs.length > 1 ? `${i === 0 ? 'A' : 'B'}: ${run.name}` : run.name;
    pane.appendChild(label);
    if (run.network.attribution) {
      const a = document.createElement('div');
      a.className = 'attribution';
      a.innerHTML = /openstreetmap/i.test(run.network.attribution)
        ? `&copy; <a href="https://www.openstreetmap.org/copyright" target="_blank" rel="noopener">OpenStreetMap</a> contributors (ODbL)`
        : esc(run.network.attribution);
      pane.appendChild(a);
    }
  }
  hook.views = views;
  // Keep the views in step: pan/zoom in one moves the other.
  views.forEach((v) => v.onViewChange((t) => views.forEach((o) => { if (o !== v) o.setView(t); })));

  let swipeFrac = 0.5;
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
  };
  if (runs.length > 1) {
    maps.appendChild(handle);
    let dragging = false;
    handle.addEventListener('pointerdown', (e) => { dragging = true; handle.setPointerCapture(e.pointerId); });
    handle.addEventListener('pointermove', (e) => { if (!dragging) return; const r = maps.getBoundingClientRect(); swipeFrac = Math.min(1, Math.max(0, (e.clientX - r.left) / paneW())); layout(); });
    handle.addEventListener('pointerup', () => { dragging = false; });
  }
  layout();

  // Replay.
  const traced = views.filter((v) => v.run.trace);
  const playback = traced.length ? createPlayback(Math.min(...traced.map((v) => v.scene.startS)), Math.max(...traced.map((v) => v.scene.endS)), 60) : null;
  hook.playback = playback;
  const scrub = $<HTMLInputElement>('scrub'), clock = $('clock'), playBtn = $<HTMLButtonElement>('play'), speedSel = $<HTMLSelectElement>('speed');
  const showTime = () => {
    if (!playback) return;
    views.forEach((v) => v.setTime(playback.timeS));
    scrub.value = String(Math.round(playback.timeS));
    clock.textContent = formatClock(playback.timeS);
    playBtn.textContent = playback.playing ? 'Pause' : 'Play';
  };
  hook.setTime = (t) => { playback?.seek(t); showTime(); views.forEach((v) => v.render()); };
  if (playback) {
    $('timeline').hidden = false;
    scrub.min = String(Math.floor(playback.startS)); scrub.max = String(Math.ceil(playback.endS));
    speedSel.innerHTML = SPEEDS.map((s) => `<option value="${s}"${s === playback.speed ? ' selected' : ''}>x${s}</option>`).join('');
    speedSel.addEventListener('change', () => playback.setSpeed(Number(speedSel.value)));
    playBtn.addEventListener('click', () => { if (playback.playing) playback.pause(); else playback.play(); showTime(); views.forEach((v) => v.render()); });
    scrub.addEventListener('input', () => { playback.seek(Number(scrub.value)); showTime(); views.forEach((v) => v.render()); });
    window.addEventListener('keydown', (e) => { if (e.code === 'Space' && e.target === document.body) { e.preventDefault(); playBtn.click(); } });
    showTime();
  }

  // Panel.
  const panel = $('panel');
  const toggles = LAYER_IDS.filter((id) => views.some((v) => v.isLayerVisible(id)));
  const maxK = Math.max(...runs.map((r) => r.coverage?.k ?? 0));
  const renderPanel = () => {
    panel.innerHTML = `<div class="controls">
  ${toggles.map((id) => `<label><input type="checkbox" data-layer="${id}" ${views[0].isLayerVisible(id) || views[1]?.isLayerVisible(id) ? 'checked' : ''}> ${id}</label>`).join('')}
  ${maxK > 0 ? `<br><label>coverage shows the <select id="kth">${Array.from({ length: maxK }, (_, i) => `<option value="${i + 1}"${i + 1 === views[0].coverageK ? ' selected' : ''}>${['1st', '2nd', '3rd'][i] ?? `${i + 1}th`} unit</option>`).join('')}</select></label>` : ''}
  ${runs.length > 1 ? `<br><label>compare <select id="mode">${(['side', 'swipe'] as const).map((m) => `<option value="${m}"${m === mode ? ' selected' : ''}>${m === 'side' ? 'side by side' : 'swipe'}</option>`).join('')}</select></label>` : ''}
  <br><button id="export" type="button">Export PNG</button> <button id="fit" type="button">Fit</button>
</div>
${legendHtml(runs[0], views[0].coverageScale, views[0].coverageK)}
${runs.map((r, i) => runSummaryHtml(r, views[i].coverageScale)).join('')}`;
    panel.querySelectorAll<HTMLInputElement>('input[data-layer]').forEach((el) => el.addEventListener('change', () => {
      views.forEach((v) => v.setLayerVisible(el.dataset.layer as LayerId, el.checked));
      views.forEach((v) => v.render());
    }));
    panel.querySelector<HTMLSelectElement>('#kth')?.addEventListener('change', (e) => {
      views.forEach((v) => v.setCoverageK(Number((e.target as HTMLSelectElement).value)));
      renderPanel(); views.forEach((v) => v.render());
    });
    panel.querySelector<HTMLSelectElement>('#mode')?.addEventListener('change', (e) => { mode = (e.target as HTMLSelectElement).value as Mode; resize(); views.forEach((v) => v.render()); });
    panel.querySelector('#export')?.addEventListener('click', () => {
      const a = document.createElement('a');
      a.href = hook.exportPng();
      a.download = `patrolsim-${runs.map((r) => r.name).join('-vs-')}.png`;
      a.click();
    });
    panel.querySelector('#fit')?.addEventListener('click', () => views.forEach((v) => v.fit()));
  };
  renderPanel();

  const resize = () => {
    if (!size) views.forEach((v) => { v.app.renderer.resize(paneW(), paneH()); v.fit(); });
    layout();
  };
  window.addEventListener('resize', resize);

  // Hover details.
  const tip = $('tooltip');
  views.forEach((v) => {
    v.canvas.addEventListener('pointermove', (e) => {
      const r = v.canvas.getBoundingClientRect();
      const p = v.pick(e.clientX - r.left, e.clientY - r.top);
      if (!p) { tip.hidden = true; return; }
      tip.textContent = describe(v.run, p, v);
      tip.hidden = false;
      tip.style.left = `${e.clientX + 12}px`; tip.style.top = `${e.clientY + 12}px`;
    });
    v.canvas.addEventListener('pointerleave', () => { tip.hidden = true; });
  });

  hook.exportPng = () => {
    views.forEach((v) => v.render());
    const w = paneW(), h = paneH();
    const out = document.createElement('canvas');
    out.width = mode === 'side' ? w * views.length : w; out.height = h;
    const ctx = out.getContext('2d')!;
    views.forEach((v, i) => {
      for (const c of v.canvases) {
        if (mode === 'side') ctx.drawImage(c, i * w, 0);
        else if (i === 0) ctx.drawImage(c, 0, 0);
        else { const x = Math.round(swipeFrac * w); ctx.drawImage(c, x, 0, w - x, h, x, 0, w - x, h); }
      }
    });
    const attr = runs[0].network.attribution;
    if (attr) { ctx.font = '11px sans-serif'; ctx.fillStyle = '#333'; ctx.textAlign = 'right'; ctx.fillText(attr, out.width - 4, h - 4); }
    return out.toDataURL('image/png');
  };

  // The frame loop: advance the clock and render while playing (or always with ?continuous=1, for the
  // benchmark); otherwise the maps render only when something changes (pan, zoom, seek, toggles).
  const continuous = params.get('continuous') === '1';
  let last = performance.now();
  let frames = 0;
  const loop = (now: number) => {
    const dt = (now - last) / 1000; last = now;
    if (playback?.playing) { playback.advance(dt); showTime(); }
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
  await hook.frame();
  hook.ready = true;
}

function describe(run: RunData, p: Picked, v: MapView): string {
  if (p.kind === 'post') {
    const post = run.posts[p.index];
    return `post ${post.id}${post.label ? ` (${post.label})` : ''}\ntype ${post.type}, ${post.units} unit${post.units === 1 ? '' : 's'}\nnode ${run.network.nodeIds[post.node]}`;
  }
  if (p.kind === 'unit') {
    const u = run.trace!.units[p.index];
    return `unit ${u.id} (${u.type}) from post ${u.post}\n${unitStateName(p.state)}`;
  }
  if (p.kind === 'incident') {
    const inc = run.trace!.incidents[p.index];
    return `incident at ${formatClock(inc.tS)}, class ${inc.cls}\nfirst unit after ${formatSeconds(inc.firstArrivalS)}\n${INCIDENT_OUTCOMES[v.scene.incidentOutcome[p.index]]}`;
  }
  const c = run.coverage!;
  const times = Array.from({ length: c.k }, (_, j) => `unit ${j + 1}: ${formatSeconds(c.arrivalS[p.demandIndex * c.k + j])}`);
  return `node ${run.network.nodeIds[p.index]}\n${times.join('\n')}`;
}

start().catch((err: unknown) => {
  const msg = err instanceof Error ? err.message : String(err);
  const box = $('error');
  box.textContent = `The viewer could not load this run:\n\n${msg}`;
  box.hidden = false;
  if (window.__patrolsim) window.__patrolsim.error = msg;
  else (window as unknown as { __patrolsim: Partial<Hook> }).__patrolsim = { ready: false, error: msg };
});
