/**
 * The viewer at city scale: the Sydney network (TNTP, 33k nodes / 75k links) in headless Chromium
 * under SwiftShader (software WebGL), rAF uncapped (no vsync), each scene on a fresh page.
 *
 *   npx tsx bench/viewer-fps.ts [--units 500] [--seconds 5] [--posts 1000] [--zooms 4]
 *
 * Replay scenes at a fixed 1024 x 768 canvas:
 *   roads-naive   roads only, static layers redrawn every frame (nothing cached): the baseline
 *   roads         roads only, static layers drawn once (what the viewer does)
 *   full          roads + posts + N units replaying at x60
 * Comparison scene: two coverage runs of Sydney (A: P random posts; B: a fifth of them moved), side
 * by side at 2 x 800 x 700, roads coloured by the first unit's arrival time (every link cut at the tier
 * breaks), demand hexagons, posts, post moves, labels. Measured: page ready (navigation to the hook's
 * ready flag), each zoom step (x1.5 on both maps, redrawn and the GPU finished: a 1-pixel read), a
 * tier switch (new cut), and the JS heap (CDP Runtime.getHeapUsage) after loading.
 * Targets: full >= 30 fps; comparison ready <= 10 s; zoom step <= 1 s.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { writeRunDirectory } from '../engine/io/run-directory/run-directory.ts';
import { coverageJsonText, postsJsonText } from '../engine/io/run-directory/file-texts.ts';
import { evaluateCoverage } from '../engine/coverage/evaluate-coverage.ts';
import { buildRoutingGraph } from '../engine/routing/routing-graph.ts';
import type { Page } from 'playwright-core';
import { loadNetwork } from '../engine/io/network/load-network.ts';
import { haversineM } from '../engine/graph/geo.ts';
import { launchChromium, openViewer, serveRuns, type HookedWindow } from '../viewer/test/browser.ts';

const { values } = parseArgs({ options: { units: { type: 'string', default: '500' }, seconds: { type: 'string', default: '5' }, posts: { type: 'string', default: '1000' }, zooms: { type: 'string', default: '6' }, data: { type: 'string', default: 'scenarios/data/tntp-sydney' } } });
const UNITS = Number(values.units), SECONDS = Number(values.seconds), POSTS = Number(values.posts), ZOOMS = Number(values.zooms);
const log = (m: string) => process.stderr.write(`${m}\n`);

function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => { a = (a + 0x6d2b79f5) >>> 0; let t = a; t = Math.imul(t ^ (t >>> 15), t | 1); t ^= t + Math.imul(t ^ (t >>> 7), t | 61); return ((t ^ (t >>> 14)) >>> 0) / 4294967296; };
}

const graph = loadNetwork([join(values.data!, 'Sydney_net.tntp')]);
const ids = [...graph.nodeIds], xs = Array.from(graph.x), ys = Array.from(graph.y);
const from = Array.from(graph.edgeFrom), to = Array.from(graph.edgeTo);
const speed = Array.from(graph.speedKph, (kph) => (kph > 0 ? kph : 30));
// TNTP has no road classes: classes by free-flow speed, so the map has a hierarchy to draw.
const classNames = ['motorway', 'primary', 'secondary', 'residential'];
const cls = speed.map((kph) => (kph >= 80 ? 0 : kph >= 60 ? 1 : kph >= 45 ? 2 : 3));
const network = JSON.stringify({ version: 'bench', coordKind: 'lonlat', attribution: 'Transportation Networks for Research (TNTP)', classNames, nodes: { ids, x: xs, y: ys }, edges: { from, to, cls, shapes: {} } });

/** Sydney TNTP as a run directory: network.json, posts.json and a trace of random-walking units. */
function writeSydneyRun(dir: string): { nodes: number; links: number } {
  const out: number[][] = ids.map(() => []);
  from.forEach((a, e) => out[a].push(e));
  const rand = mulberry32(7);
  const horizonS = 3600;
  const waypoints: number[][][] = [];
  const units = [];
  const starts: number[] = [];
  while (starts.length < UNITS) { const v = Math.floor(rand() * ids.length); if (out[v].length) starts.push(v); }
  for (let u = 0; u < UNITS; u++) {
    let v = starts[u], t = 0;
    const w: number[][] = [[0, xs[v], ys[v], 1]];
    while (t < horizonS && out[v].length) {
      const e = out[v][Math.floor(rand() * out[v].length)];
      const b = to[e];
      t += Math.max(1, haversineM(xs[v], ys[v], xs[b], ys[b]) / (speed[e] / 3.6));
      w.push([Math.round(t * 10) / 10, xs[b], ys[b], rand() < 0.1 ? 2 : 1]);
      v = b;
    }
    waypoints.push(w);
    units.push({ id: `U${u + 1}`, type: 'car', post: `P${(u % 50) + 1}` });
  }
  writeRunDirectory(dir, {
    producer: 'bench', seed: 7,
    files: {
      'network.json': network,
      'posts.json': JSON.stringify({ version: 'bench', posts: Array.from({ length: 50 }, (_, i) => ({ id: `P${i + 1}`, node: starts[i], units: 10, type: i % 5 === 0 ? 'station' : 'car' })) }),
      'trace.json': JSON.stringify({ version: 'bench', seed: 7, horizonS, warmupS: 0, classes: [], units, waypoints, incidents: [] }),
    },
  });
  return { nodes: ids.length, links: from.length };
}

/** Two coverage runs of Sydney: A with POSTS random posts, B with a fifth of them moved; demand weight 1-10 per node. */
function writeSydneyComparison(root: string): string[] {
  const rand = mulberry32(11);
  const rg = buildRoutingGraph(graph);
  const cand = ids.map((_, v) => v).filter((v) => !graph.isZone[v]);
  const a = Array.from({ length: POSTS }, () => cand[Math.floor(rand() * cand.length)]);
  const b = a.map((v) => (rand() < 0.2 ? cand[Math.floor(rand() * cand.length)] : v));
  const demand = ids.map((_, node) => ({ node, weight: 1 + Math.floor(rand() * 10) }));
  const tiers = [{ targetS: 60, units: 1 }, { targetS: 180, units: 2 }, { targetS: 300, units: 3 }];
  return [['a', a], ['b', b]].map(([name, nodes]) => {
    const d = join(root, name as string);
    const posts = (nodes as number[]).map((node, i) => ({ id: `P${i + 1}`, node, units: 1, type: i % 10 === 0 ? 'station' : 'car' }));
    const cov = evaluateCoverage(rg, posts.map((p) => ({ node: p.node, units: 1 })), demand, { tiers });
    writeRunDirectory(d, { producer: 'bench', seed: 11, files: { 'network.json': network, 'posts.json': postsJsonText(posts), 'coverage.json': coverageJsonText(cov, demand) } });
    return d;
  });
}

async function heapMiB(page: Page): Promise<number> {
  const cdp = await page.context().newCDPSession(page);
  const h = await cdp.send('Runtime.getHeapUsage') as { usedSize: number };
  await cdp.detach();
  return h.usedSize / 2 ** 20;
}

const dir = mkdtempSync(join(tmpdir(), 'patrolsim-fps-'));
try {
  const size = writeSydneyRun(join(dir, 'replay'));
  log(`Sydney: ${size.nodes} nodes, ${size.links} links, ${UNITS} units`);
  const t0c = performance.now();
  const cmpDirs = writeSydneyComparison(dir);
  log(`two coverage runs (${POSTS} posts) written in ${((performance.now() - t0c) / 1000).toFixed(1)} s`);
  const srv = await serveRuns([join(dir, 'replay')]);
  const { browser, close } = await launchChromium(['--disable-gpu-vsync', '--disable-frame-rate-limit']);
  const scenes = [
    { name: 'roads', query: 'layers=roads&roads=class&continuous=1', play: false },
    { name: 'full', query: 'layers=roads,posts,units,incidents', play: true },
    { name: 'roads-naive', query: 'layers=roads&roads=class&cache=0&continuous=1', play: false },
  ];
  const fps: Record<string, number> = {};
  const ready: Record<string, number> = {};
  const roadsZoomMs: number[] = [];
  for (const s of scenes) {
    const t0 = performance.now();
    const page = await openViewer(browser, `${srv.url}?size=1024x768&${s.query}`, { width: 1400, height: 820 }, 240_000);
    ready[s.name] = (performance.now() - t0) / 1000;
    if (s.play) await page.evaluate(() => { const p = (globalThis as unknown as HookedWindow).__patrolsim.playback!; p.setSpeed(60); p.play(); });
    await page.waitForTimeout(1000);
    const r = await page.evaluate((ms) => (globalThis as unknown as HookedWindow).__patrolsim.measureFps(ms), SECONDS * 1000);
    if (s.play) {
      const t = await page.evaluate(() => (globalThis as unknown as HookedWindow).__patrolsim.playback!.timeS);
      if (!(t > 0)) throw new Error('the replay did not advance');
    }
    fps[s.name] = r.fps;
    if (s.name === 'roads') {
      await page.goto(`${srv.url}?size=1024x768&layers=roads&roads=class`);
      await page.waitForFunction(() => (globalThis as unknown as HookedWindow).__patrolsim?.ready === true, undefined, { timeout: 240_000 });
      for (let i = 0; i < ZOOMS; i++) roadsZoomMs.push(await page.evaluate((f) => (globalThis as unknown as HookedWindow).__patrolsim.zoomBy(f), i < ZOOMS / 2 ? 1.5 : 1 / 1.5));
    }
    log(`${s.name.padEnd(12)} ${r.fps.toFixed(2).padStart(7)} fps (${r.frames} frames in ${SECONDS} s; page ready in ${ready[s.name].toFixed(1)} s)`);
    await page.close();
  }
  await srv.close();

  // The comparison at city scale, coverage on.
  const cmpSrv = await serveRuns(cmpDirs);
  const t0 = performance.now();
  const page = await openViewer(browser, `${cmpSrv.url}?size=800x700&roads=time`, { width: 1960, height: 820 }, 600_000);
  const cmpReadyS = (performance.now() - t0) / 1000;
  const heap = await heapMiB(page);
  const zoomMs: number[] = [];
  for (let i = 0; i < ZOOMS; i++) zoomMs.push(await page.evaluate((f) => (globalThis as unknown as HookedWindow).__patrolsim.zoomBy(f), i < ZOOMS / 2 ? 1.5 : 1 / 1.5));
  const tierT0 = performance.now();
  await page.selectOption('#tier', '1');
  await page.evaluate(() => { const h = (globalThis as unknown as HookedWindow).__patrolsim; return h.zoomBy(1); });
  const tierS = (performance.now() - tierT0) / 1000;
  const heapAfter = await heapMiB(page);
  log(`comparison: ready ${cmpReadyS.toFixed(1)} s, zoom steps ${zoomMs.map((m) => m.toFixed(0)).join(', ')} ms, tier switch ${tierS.toFixed(1)} s, JS heap ${heap.toFixed(0)} MiB (${heapAfter.toFixed(0)} MiB after)`);
  await page.close();
  await cmpSrv.close();
  await close();
  const full = fps.full;
  const worstZoom = Math.max(...zoomMs);
  process.stdout.write([
    `viewer at city scale, Sydney ${size.links} links, SwiftShader`,
    `  replay, 1024x768:`,
    `    roads only, redrawn every frame (baseline)  ${fps['roads-naive'].toFixed(2)} fps`,
    `    roads only, drawn once                      ${fps.roads.toFixed(1)} fps (page ready ${ready.roads.toFixed(1)} s)`,
    `    full scene, ${UNITS} units playing            ${full.toFixed(1)} fps   target >= 30: ${full >= 30 ? 'met' : 'NOT met'}`,
    `    full / roads-only drawn once                ${(full / fps.roads).toFixed(2)}x`,
    `    full / roads-only redrawn every frame       ${(full / fps['roads-naive']).toFixed(2)}x`,
    `  comparison of two coverage runs (${POSTS} posts each), 2 x 800x700, coverage on:`,
    `    page ready                                  ${cmpReadyS.toFixed(1)} s   target <= 10: ${cmpReadyS <= 10 ? 'met' : 'NOT met'}  (${(cmpReadyS / ready.roads).toFixed(2)}x one roads-only page)`,
    `    zoom step (both maps, GPU finished)         median ${median(zoomMs).toFixed(0)} ms, worst ${worstZoom.toFixed(0)} ms   target <= 1000: ${worstZoom <= 1000 ? 'met' : 'NOT met'}`,
    `      baseline: roads-only page, one 1024x768 map  median ${median(roadsZoomMs).toFixed(0)} ms (comparison / baseline ${(median(zoomMs) / median(roadsZoomMs)).toFixed(2)}x)`,
    `    tier switch (new cut of 2 x 75k links)      ${tierS.toFixed(1)} s`,
    `    JS heap                                     ${heap.toFixed(0)} MiB after load, ${heapAfter.toFixed(0)} MiB after zooms and a tier switch`,
  ].join('\n') + '\n');
} finally {
  rmSync(dir, { recursive: true, force: true });
}

function median(v: number[]): number { const s = [...v].sort((a, b) => a - b); return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2; }
