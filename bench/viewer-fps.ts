/**
 * Viewer frame rate on the Sydney network (TNTP, 33k nodes / 75k links) with 500 moving units, in
 * headless Chromium under SwiftShader (software WebGL), against roads-only scenes in the same run.
 *
 *   npx tsx bench/viewer-fps.ts [--units 500] [--seconds 5]
 *
 * Scenes, each on a fresh page at a fixed 1024 x 768 canvas, rAF uncapped (no vsync):
 *   roads-naive   roads only, static layers NOT cached: every frame redraws 75k links
 *   roads         roads only, static layers cached (what the viewer does)
 *   full          roads + posts + N units replaying at x60, cached
 * Prints fps per scene and ratios against the roads-only scenes. Target: full >= 30 fps.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { writeRunDirectory } from '../engine/io/run-directory/run-directory.ts';
import { loadNetwork } from '../engine/io/network/load-network.ts';
import { haversineM } from '../engine/graph/geo.ts';
import { launchChromium, openViewer, serveRuns, type HookedWindow } from '../viewer/test/browser.ts';

const { values } = parseArgs({ options: { units: { type: 'string', default: '500' }, seconds: { type: 'string', default: '5' }, data: { type: 'string', default: 'scenarios/data/tntp-sydney' } } });
const UNITS = Number(values.units), SECONDS = Number(values.seconds);
const log = (m: string) => process.stderr.write(`${m}\n`);

function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => { a = (a + 0x6d2b79f5) >>> 0; let t = a; t = Math.imul(t ^ (t >>> 15), t | 1); t ^= t + Math.imul(t ^ (t >>> 7), t | 61); return ((t ^ (t >>> 14)) >>> 0) / 4294967296; };
}

/** Sydney TNTP as a run directory: network.json, posts.json and a trace of random-walking units. */
function writeSydneyRun(dir: string): { nodes: number; links: number } {
  const graph = loadNetwork([join(values.data!, 'Sydney_net.tntp')]);
  const ids = [...graph.nodeIds], xs = Array.from(graph.x), ys = Array.from(graph.y);
  const from = Array.from(graph.edgeFrom), to = Array.from(graph.edgeTo);
  const speed = Array.from(graph.speedKph, (kph) => (kph > 0 ? kph : 30));
  const classNames = ['motorway', 'primary', 'secondary', 'residential'];
  const cls = speed.map((kph) => (kph >= 80 ? 0 : kph >= 60 ? 1 : kph >= 45 ? 2 : 3));
  const network = JSON.stringify({ version: 'bench', coordKind: 'lonlat', attribution: 'Transportation Networks for Research (TNTP)', classNames, nodes: { ids, x: xs, y: ys }, edges: { from, to, cls, shapes: {} } });
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

const dir = mkdtempSync(join(tmpdir(), 'patrolsim-fps-'));
try {
  const size = writeSydneyRun(dir);
  log(`Sydney: ${size.nodes} nodes, ${size.links} links, ${UNITS} units`);
  const srv = await serveRuns([dir]);
  const { browser, close } = await launchChromium(['--disable-gpu-vsync', '--disable-frame-rate-limit']);
  const scenes = [
    { name: 'roads', query: 'layers=roads&continuous=1', play: false },
    { name: 'full', query: 'layers=roads,posts,units,incidents', play: true },
    { name: 'roads-naive', query: 'layers=roads&cache=0&continuous=1', play: false },
  ];
  const fps: Record<string, number> = {};
  for (const s of scenes) {
    const t0 = performance.now();
    const page = await openViewer(browser, `${srv.url}?size=1024x768&${s.query}`, { width: 1400, height: 820 }, 240_000);
    const loadS = (performance.now() - t0) / 1000;
    if (s.play) await page.evaluate(() => { const p = (globalThis as unknown as HookedWindow).__patrolsim.playback!; p.setSpeed(60); p.play(); });
    await page.waitForTimeout(1000);
    const r = await page.evaluate((ms) => (globalThis as unknown as HookedWindow).__patrolsim.measureFps(ms), SECONDS * 1000);
    if (s.play) {
      const t = await page.evaluate(() => (globalThis as unknown as HookedWindow).__patrolsim.playback!.timeS);
      if (!(t > 0)) throw new Error('the replay did not advance');
    }
    fps[s.name] = r.fps;
    log(`${s.name.padEnd(12)} ${r.fps.toFixed(2).padStart(7)} fps (${r.frames} frames in ${SECONDS} s; page ready in ${loadS.toFixed(1)} s)`);
    await page.close();
  }
  await close();
  await srv.close();
  const full = fps.full, ok = full >= 30;
  process.stdout.write([
    `viewer fps, Sydney ${size.links} links, ${UNITS} moving units, SwiftShader, 1024x768`,
    `  roads only, uncached (baseline)   ${fps['roads-naive'].toFixed(2)} fps`,
    `  roads only, cached                ${fps.roads.toFixed(1)} fps`,
    `  full scene, ${UNITS} units playing     ${full.toFixed(1)} fps`,
    `  full / roads-only cached          ${(full / fps.roads).toFixed(2)}x`,
    `  full / roads-only uncached        ${(full / fps['roads-naive']).toFixed(2)}x`,
    `  target >= 30 fps: ${ok ? 'met' : 'NOT met'}`,
  ].join('\n') + '\n');
} finally {
  rmSync(dir, { recursive: true, force: true });
}
