/**
 * The viewer in real headless Chromium (WebGL through SwiftShader) on a run the engine made in the
 * test (engine-runs.ts: a hand-checkable 4 x 3 grid, simulated, with coverage and key sites): pixels
 * where the view model says things must be, at a fixed 800 x 600 canvas.
 *
 * Node (c, r) is at (100c, 100r) m; the projection centres the nodes' box, so it is at world
 * (100c - 150, 100r - 100). First-unit times: 100 * min(c + r, (3 - c) + (2 - r)) s.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { chromiumAvailable, launchChromium, openViewer, serveRuns } from './browser.ts';
import { colourBlob, leansTo, nearestInWindow, screenshotPixels, type Pixels } from './pixels.ts';
import { writeGridRun } from './engine-runs.ts';
import { worldToScreen, type ViewTransform } from '../src/model/projection.ts';
import { arrivalTimeScale } from '../src/model/colour-scale.ts';
import { BACKGROUND_COLOUR, FAIL_MODE_COLOURS, POST_STYLES, SITE_COLOURS, UNIT_STATE_COLOURS, roadStyle } from '../src/model/styles.ts';
import type { ViewerServer } from '../server/serve-viewer.ts';

const W = 800, H = 600;
const CLIP = { x: 0, y: 0, width: W, height: H };
const root = mkdtempSync(join(tmpdir(), 'patrolsim-viewer-'));
let browser: Browser, close: () => Promise<void>, srv: ViewerServer, page: Page, view: ViewTransform, runDir: string;
/** Screen position of grid metres (x, y). */
const at = (x: number, y: number) => worldToScreen(view, x - 150, y - 100);
const node = (c: number, r: number) => at(100 * c, 100 * r);
const frame = () => page.evaluate(() => window.__patrolsim.frame());
const setTime = async (t: number) => { await page.evaluate((tt) => window.__patrolsim.setTime(tt), t); await frame(); };
const shot = () => screenshotPixels(page, CLIP);
const tier1 = arrivalTimeScale([60, 180, 300], 60);

describe.skipIf(!chromiumAvailable())('viewer in headless Chromium: an engine-made grid run', () => {
  beforeAll(async () => {
    runDir = writeGridRun(root);
    srv = await serveRuns([runDir]);
    ({ browser, close } = await launchChromium());
    // No labels layer for the pixel checks (street names sit on the roads); the labels test opens its own page.
    page = await openViewer(browser, `${srv.url}?size=${W}x${H}&layers=demand,roads,sites,posts,incidents,units`);
    view = await page.evaluate(() => window.__patrolsim.views[0].view);
  });
  afterAll(async () => { await close?.(); await srv?.close(); rmSync(root, { recursive: true, force: true }); });

  it('fits the weighted demand box (6 % margin), not the bounding box of the whole network', async () => {
    // Every node carries demand here, so the box is the nodes' box: 300 x 200 m, plus 6 % a side.
    const b = await page.evaluate(() => window.__patrolsim.views[0].fitBounds());
    expect(b.minX).toBeCloseTo(-150 - 18, 6);
    expect(b.maxY).toBeCloseTo(100 + 12, 6);
    expect(view.pxPerM).toBeCloseTo(Math.min((W - 32) / 336, (H - 32) / 224), 9);
  });

  it('colours the roads by the first unit\'s arrival time, cut where it crosses a tier target', async () => {
    await setTime(0);
    const px = await shot();
    // Row 0 link (0,0)-(1,0): 0 s to 100 s, cut at 60 s (60 m): blue (meets the 1-min tier), then light orange.
    expect(nearestInWindow(px, ...at(35, 0), tier1(30), 1), 'first 60 m of (0,0)-(1,0)').toBeLessThan(25);
    expect(nearestInWindow(px, ...at(85, 0), tier1(90), 1), 'last 40 m').toBeLessThan(25);
    // Link (1,0)-(2,0): 100 s to 200 s, cut at 180 s (80 m along): light orange, then the 3-5 min colour.
    expect(nearestInWindow(px, ...at(130, 0), tier1(130), 1)).toBeLessThan(25);
    expect(nearestInWindow(px, ...at(193, 0), tier1(190), 1)).toBeLessThan(25);
    // And the check can fail: no "3-5 min" colour where the times are 60-180 s.
    expect(nearestInWindow(px, ...at(130, 0), tier1(190), 1)).toBeGreaterThan(60);
  });

  it('"fails the standard" greys what passes and marks a failing node in the one fail colour', async () => {
    await page.selectOption('#road-mode', 'fail');
    await frame();
    const px = await shot();
    // Node (1,1) is 200 s from the nearest unit: it misses the 1-unit-within-1-min tier.
    expect(nearestInWindow(px, ...at(100, 110), FAIL_MODE_COLOURS.fail, 1), 'link leaving failing node (1,1)').toBeLessThan(25);
    expect(nearestInWindow(px, ...at(30, 0), FAIL_MODE_COLOURS.pass, 1), 'the first 60 m from the station pass').toBeLessThan(25);
    expect(nearestInWindow(px, ...at(30, 0), FAIL_MODE_COLOURS.fail, 1)).toBeGreaterThan(60);
    // 85 m from the station is 85 s: past the 60 s target, so the one fail colour (not a shade of "late").
    expect(nearestInWindow(px, ...at(85, 0), FAIL_MODE_COLOURS.fail, 1)).toBeLessThan(25);
    await page.selectOption('#road-mode', 'time');
  });

  it('follows the chosen tier: with "2 units within 3 min" node (2,2) is past 5 min (A is 400 s away)', async () => {
    await page.selectOption('#tier', '1');
    await frame();
    const px = await shot();
    const tier2 = arrivalTimeScale([60, 180, 300], 180);
    expect(nearestInWindow(px, ...at(250, 200), tier2(Infinity), 1)).toBeLessThan(25);
    expect(nearestInWindow(px, ...at(20, 0), tier2(20), 1)).toBeLessThan(25); // A has two units: 2nd at 20 s
    expect(await page.textContent('[data-legend="coverage"]')).toContain('> 5 min');
    await page.selectOption('#tier', '0');
    await frame();
  });

  it('draws the station and the kiosk at their nodes, in their own shapes', async () => {
    await setTime(300); // every unit is out on a call (trace: all left at 50 s)
    const px = await shot();
    const [sx, sy] = node(0, 0), [kx, ky] = node(3, 2);
    const station = colourBlob(px, POST_STYLES.station.color, 25, { x: sx, y: sy, r: 14 }), kiosk = colourBlob(px, POST_STYLES.kiosk.color, 25, { x: kx, y: ky, r: 14 });
    expect(station.count).toBeGreaterThan(60);
    expect(Math.hypot(station.cx - sx, station.cy - sy)).toBeLessThan(3);
    expect(kiosk.count).toBeGreaterThan(30);
    expect(Math.hypot(kiosk.cx - kx, kiosk.cy - ky)).toBeLessThan(3);
    // A square fills towards its box's corners; a diamond leaves them empty.
    expect(nearestInWindow(px, sx + 2.5, sy - 2.5, POST_STYLES.station.color, 1)).toBeLessThan(30);
    expect(nearestInWindow(px, kx + 5, ky - 5, POST_STYLES.kiosk.color, 0)).toBeGreaterThan(60);
  });

  it('draws each key site with its met/missed status: Hub (1,0) met, School (2,1) missed', async () => {
    const px = await shot();
    expect(nearestInWindow(px, ...node(1, 0), SITE_COLOURS.met, 1)).toBeLessThan(25);
    expect(nearestInWindow(px, ...node(2, 1), SITE_COLOURS.missed, 1)).toBeLessThan(25);
    expect(nearestInWindow(px, ...node(2, 1), SITE_COLOURS.met, 3)).toBeGreaterThan(60);
  });

  it('moves unit A-1 as the trace says: (50, 0) m at 100 s and (100, 50) m at 200 s, dispatched', async () => {
    const trace = JSON.parse(readFileSync(join(runDir, 'trace.json'), 'utf8'));
    expect(trace.waypoints[0].slice(2, 5)).toEqual([[50, 0, 0, 2], [150, 100, 0, 2], [250, 100, 100, 2]]);
    const dispatched = UNIT_STATE_COLOURS[2];
    await setTime(100);
    const a = await shot();
    await setTime(200);
    const b = await shot();
    expect(nearestInWindow(a, ...at(50, 0), dispatched, 2)).toBeLessThan(30);
    expect(nearestInWindow(a, ...at(100, 50), dispatched, 3)).toBeGreaterThan(60);
    expect(nearestInWindow(b, ...at(100, 50), dispatched, 2)).toBeLessThan(30);
    expect(nearestInWindow(b, ...at(50, 0), dispatched, 3)).toBeGreaterThan(60);
    expect(await page.textContent('#clock')).toBe('00:03:20');
  });

  it('spans the slider over the trace (untilS) and opens at the end of the warm-up', async () => {
    const trace = JSON.parse(readFileSync(join(runDir, 'trace.json'), 'utf8'));
    expect(await page.getAttribute('#scrub', 'max')).toBe(String(trace.untilS));
    expect(await page.getAttribute('#scrub', 'min')).toBe('0');
    expect(await page.textContent('#replay-label')).toBe('replay: replication 1, first 30 min (warm-up 100 s)');
  });

  it('plays: the clock advances and the slider follows', async () => {
    await setTime(100);
    await page.selectOption('#speed', '60');
    await page.click('#play');
    await page.waitForTimeout(1500);
    await page.click('#play');
    const t = await page.evaluate(() => window.__patrolsim.playback!.timeS);
    expect(t).toBeGreaterThan(130);
    expect(t).toBeLessThan(1800);
    expect(Number(await page.inputValue('#scrub'))).toBeCloseTo(t, -1);
  });

  it('hides warm-up incidents by default, shows them on request, and fades incidents out', async () => {
    const ring = (px: Pixels, x: number, y: number, colour: number) => nearestInWindow(px, x + 4, y, colour, 1);
    // The warm-up incident (50 s, node (1,1)) met some tiers; the scored one at 200 s at (3,0) met none.
    await setTime(60);
    const hidden = ring(await shot(), ...node(1, 1), 0xfdae6b);
    await page.check('#show-warmup');
    await setTime(60);
    const shown = ring(await shot(), ...node(1, 1), 0xfdae6b);
    expect(shown).toBeLessThan(30);
    expect(hidden).toBeGreaterThan(shown + 30);
    await page.uncheck('#show-warmup');
    await page.selectOption('#fade', '900');
    await setTime(210);
    const fresh = ring(await shot(), ...node(3, 0), 0xa63603);
    await setTime(200 + 950);
    const faded = ring(await shot(), ...node(3, 0), 0xa63603);
    expect(fresh).toBeLessThan(40);
    expect(faded).toBeGreaterThan(fresh + 20);
    await page.selectOption('#fade', '3600');
  });

  it('hovers an incident with its class name, day and time, and tiers met', async () => {
    await setTime(210);
    const [x, y] = node(3, 0);
    await page.mouse.move(x + 4, y);
    await page.waitForSelector('#tooltip:not([hidden])');
    const t = await page.textContent('#tooltip');
    expect(t).toContain('urgent incident, 00:03:20');
    expect(t).not.toMatch(/class \d/);
    expect(t).toContain('1 unit within 1 min: missed');
    expect(t).toContain('3 units within 5 min: missed');
  });

  it('hovers a road node with "> 5 min" beyond the search horizon, never "unreachable"', async () => {
    await page.mouse.move(...node(2, 2));
    await page.waitForSelector('#tooltip:not([hidden])');
    const t = await page.textContent('#tooltip');
    expect(t).toMatch(/unit 1: 100 s/);
    // B's unit is 100 s away; both of A's units are 400 s away, past the largest target (300 s).
    expect(t).toMatch(/unit 2: > 5 min/);
    expect(t).not.toContain('unreachable');
  });

  it('takes the headline counts from summary.json (every replication, warm-up excluded), not the replay', async () => {
    const summary = JSON.parse(readFileSync(join(runDir, 'summary.json'), 'utf8'));
    const scored = summary.classes.reduce((s: number, c: { incidents: number }) => s + c.incidents, 0);
    expect(scored).toBe(2 * 3); // 2 replications x 3 incidents after the warm-up
    const panel = await page.textContent('#panel');
    expect(panel).toMatch(new RegExp(`incidents scored\\s*${scored}`));
    expect(panel).toContain('every replication counted');
    expect(await page.textContent('.replay-label')).toMatch(/^replay: replication 1, first 30 min \(warm-up 100 s\), warm-up excluded: first unit on scene, 3 incidents/);
  });

  it('hides a layer when its toggle is cleared', async () => {
    await setTime(0);
    await page.uncheck('input[data-layer="roads"]');
    await frame();
    const px = await shot();
    expect(leansTo(px, ...at(130, 0), roadStyle('primary').color, BACKGROUND_COLOUR, 1)).toBe(false);
    expect(nearestInWindow(px, ...at(130, 0), tier1(130), 1)).toBeGreaterThan(60);
    await page.check('input[data-layer="roads"]');
  });
});

describe.skipIf(!chromiumAvailable())('map furniture, labels and pixel density', () => {
  let dir: string, s: ViewerServer, b: Browser, c: () => Promise<void>;
  beforeAll(async () => {
    dir = writeGridRun(join(root, 'furniture'));
    s = await serveRuns([dir]);
    ({ browser: b, close: c } = await launchChromium());
  });
  afterAll(async () => { await c?.(); await s?.close(); });

  it('labels posts, key sites and named streets (network.json names)', async () => {
    const p = await openViewer(b, `${s.url}?size=${W}x${H}`);
    const labels = await p.evaluate(() => window.__patrolsim.views[0].placedLabels);
    const texts = labels.map((l) => `${l.kind}:${l.text}`);
    expect(texts).toContain('post:Station A');
    expect(texts).toContain('post:B');
    expect(texts).toContain('site:Hub (3 min)');
    expect(texts).toContain('street:First Avenue');
    expect(texts).toContain('street:West Street');
    await p.close();
  });

  it('draws a scale bar, a north arrow and the run title over the map', async () => {
    const p = await openViewer(b, `${s.url}?size=${W}x${H}&layers=roads`);
    const px = await screenshotPixels(p, CLIP);
    // Scale bar: a dark horizontal bar near the bottom-left; north arrow: dark pixels near the top-right.
    expect(colourBlobIn(px, 0x111111, 0, H - 30, 200, 30)).toBeGreaterThan(60);
    expect(colourBlobIn(px, 0x111111, W - 50, 0, 50, 50)).toBeGreaterThan(30);
    expect(colourBlobIn(px, 0x111111, 0, 0, 150, 30)).toBeGreaterThan(20); // title text
    await p.close();
  });

  it('renders at the device pixel ratio, so lines stay crisp on high-DPI screens', async () => {
    const ctx = await b.newContext({ viewport: { width: 1200, height: 700 }, deviceScaleFactor: 2 });
    const p = await ctx.newPage();
    await p.goto(`${s.url}?size=400x300&layers=roads`);
    await p.waitForFunction(() => window.__patrolsim?.ready === true);
    // Every canvas on show (a roads-only page hides its empty moving canvas).
    const sizes = await p.evaluate(() => [...document.querySelectorAll<HTMLCanvasElement>('.map-pane canvas')].filter((c) => c.style.display !== 'none').map((c) => [c.width, c.clientWidth]));
    expect(sizes.length).toBeGreaterThan(0);
    for (const [w, cw] of sizes) expect(w).toBe(2 * cw);
    await ctx.close();
  });
});

function colourBlobIn(px: Pixels, colour: number, x0: number, y0: number, w: number, h: number): number {
  let n = 0;
  for (let y = y0; y < y0 + h; y++) for (let x = x0; x < x0 + w; x++) {
    const c = px.at(x, y);
    if (Math.hypot(((c >> 16) & 255) - ((colour >> 16) & 255), ((c >> 8) & 255) - ((colour >> 8) & 255), (c & 255) - (colour & 255)) < 60) n++;
  }
  return n;
}
