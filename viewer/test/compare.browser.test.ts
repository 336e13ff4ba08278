/**
 * Two runs compared in real headless Chromium, both made by the engine in the test:
 * - the hand-checkable grid (engine-runs.ts) with the kiosk moved from (3,2) to (2,2): gained and lost
 *   coverage where a hand calculation says, the move's arrow, swipe labels, PNG export;
 * - the demo's own comparison of Futian (optimize and re-simulate, shortened): compare.json's table in
 *   the panel, shared histogram scales, Fit on the demand.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { chromiumAvailable, launchChromium, openViewer, serveRuns } from './browser.ts';
import { countNear, decodePng, nearestInWindow, screenshotPixels } from './pixels.ts';
import { GRID_POSTS, writeFutianComparison, writeGridRun } from './engine-runs.ts';
import { fitView, worldToScreen, type ViewTransform } from '../src/model/projection.ts';
import { arrivalTimeScale } from '../src/model/colour-scale.ts';
import { CHANGE_COLOURS, MOVE_COLOUR } from '../src/model/styles.ts';
import type { ViewerServer } from '../server/serve-viewer.ts';

const root = mkdtempSync(join(tmpdir(), 'patrolsim-compare-'));
const W = 560, H = 420;
let browser: Browser, close: () => Promise<void>;

beforeAll(async () => { ({ browser, close } = await launchChromium()); });
afterAll(async () => { await close?.(); rmSync(root, { recursive: true, force: true }); });

describe.skipIf(!chromiumAvailable())('comparing two grid layouts: the kiosk moves from (3,2) to (2,2)', () => {
  let srv: ViewerServer, page: Page, view: ViewTransform;
  /** Screen position of grid metres on pane `i` (0 = A, 1 = B, side by side). */
  const at = (i: number, x: number, y: number): [number, number] => { const [sx, sy] = worldToScreen(view, x - 150, y - 100); return [sx + i * W, sy]; };
  const frame = () => page.evaluate(() => window.__patrolsim.frame());
  beforeAll(async () => {
    const a = writeGridRun(root, 'grid-a');
    const b = writeGridRun(root, 'grid-b', [GRID_POSTS[0], { id: 'K', node: '2,2', type: 'kiosk', units: 1 }]);
    srv = await serveRuns([a, b]);
    page = await openViewer(browser, `${srv.url}?size=${W}x${H}&layers=roads,posts,moves`, { width: 1500, height: 700 });
    view = await page.evaluate(() => window.__patrolsim.views[0].view);
  });
  afterAll(async () => { await page?.close(); await srv?.close(); });

  it('shares one view between the two maps', async () => {
    const views = await page.evaluate(() => window.__patrolsim.views.map((v) => v.view));
    expect(views[1]).toEqual(views[0]);
  });

  it('draws gained and lost coverage of the chosen tier on B: lost by the old kiosk, gained by the new', async () => {
    await page.selectOption('#road-mode', 'change');
    await frame();
    const px = await screenshotPixels(page, { x: 0, y: 0, width: 2 * W, height: H });
    // 1-unit-within-1-min tier. (300, 180), down from the old kiosk at (3,2): A 20 s, B 120 s: lost.
    // (The row-2 link between the two kiosks carries the move's arrow, so the checks stay off it.)
    expect(nearestInWindow(px, ...at(1, 300, 180), CHANGE_COLOURS.lost, 1)).toBeLessThan(25);
    // (180, 200): A 120 s, B 20 s: gained; and (200, 170) on the link down from (2,2): gained.
    expect(nearestInWindow(px, ...at(1, 180, 200), CHANGE_COLOURS.gained, 1)).toBeLessThan(25);
    expect(nearestInWindow(px, ...at(1, 200, 170), CHANGE_COLOURS.gained, 1)).toBeLessThan(25);
    // Near the station nothing changed.
    expect(nearestInWindow(px, ...at(1, 30, 0), CHANGE_COLOURS.unchanged, 1)).toBeLessThan(25);
    // A keeps its own arrival-time colours beside it.
    expect(nearestInWindow(px, ...at(0, 300, 180), arrivalTimeScale([60, 180, 300], 60)(20), 1)).toBeLessThan(25);
    expect(await page.textContent('[data-legend="change"]')).toContain('gained');
  });

  it('draws an arrow from the moved post\'s old place to its new one, its head 60 % along', async () => {
    const px = await screenshotPixels(page, { x: 0, y: 0, width: 2 * W, height: H });
    expect(nearestInWindow(px, ...at(1, 240, 200), MOVE_COLOUR, 2)).toBeLessThan(40);
    expect(nearestInWindow(px, ...at(0, 240, 200), MOVE_COLOUR, 2)).toBeGreaterThan(60); // only on B
    // The ghost of the old kiosk: a dark outline around (3,2) on B.
    const [gx, gy] = at(1, 300, 200);
    expect(countNear(px, MOVE_COLOUR, { x: Math.round(gx) - 10, y: Math.round(gy) - 10, width: 21, height: 21 }, 60)).toBeGreaterThan(10);
  });

  it('exports a PNG at 1x and 2x with a title band, both maps and the legend beside them', async () => {
    const one = await decodePng(page, await page.evaluate(() => window.__patrolsim.exportPng(1)));
    const two = await decodePng(page, await page.evaluate(() => window.__patrolsim.exportPng(2)));
    expect(one.width).toBe(2 * W + 300);
    expect(two.width).toBe(2 * one.width);
    expect(two.height).toBe(2 * one.height);
    expect(countNear(one, 0x111111, { x: 0, y: 0, width: 600, height: 40 }, 60)).toBeGreaterThan(50); // title text
    expect(countNear(one, CHANGE_COLOURS.lost, { x: 2 * W, y: 40, width: 300, height: one.height - 40 }, 30)).toBeGreaterThan(20); // legend swatch
    // The maps sit under the title band: B's lost piece appears 40 px lower, at 2x twice as far.
    const [lx, ly] = at(1, 300, 180);
    expect(nearestInWindow(one, lx, ly + 40, CHANGE_COLOURS.lost, 1)).toBeLessThan(30);
    expect(nearestInWindow(two, 2 * lx, 2 * (ly + 40), CHANGE_COLOURS.lost, 2)).toBeLessThan(30);
    // Scale bar and labels of both maps are on the image.
    expect(countNear(one, 0x111111, { x: 0, y: 40 + H - 30, width: 200, height: 30 }, 60)).toBeGreaterThan(40);
    expect(countNear(one, 0x111111, { x: W, y: 40, width: 150, height: 30 }, 60)).toBeGreaterThan(20);
  });

  it('in swipe mode keeps B\'s title readable (right corner, not clipped) and exports the divider', async () => {
    await page.selectOption('#mode', 'swipe');
    await frame();
    expect(await page.evaluate(() => window.__patrolsim.mode)).toBe('swipe');
    const px = await screenshotPixels(page, { x: 0, y: 0, width: W, height: H });
    expect(countNear(px, 0x111111, { x: W - 160, y: 4, width: 156, height: 24 }, 60)).toBeGreaterThan(20); // "B: grid-b"
    expect(countNear(px, 0x111111, { x: 0, y: 4, width: 120, height: 24 }, 60)).toBeGreaterThan(20); // "A: grid-a"
    const png = await decodePng(page, await page.evaluate(() => window.__patrolsim.exportPng(1)));
    expect(png.width).toBe(W + 300);
    // The divider: a dark 3 px column at half the pane width, all the way down the map.
    for (const y of [60, 200, 40 + H - 40]) expect(nearestInWindow(png, W / 2, y, 0x222222, 1)).toBeLessThan(20);
    // Left of it A's colours, right of it B's change colours.
    const [lx, ly] = at(0, 300, 180);
    expect(lx).toBeGreaterThan(W / 2);
    expect(nearestInWindow(png, lx, ly + 40, CHANGE_COLOURS.lost, 1)).toBeLessThan(30);
    await page.selectOption('#mode', 'side');
  });
});

describe.skipIf(!chromiumAvailable())('the demo\'s comparison of Futian (engine output)', () => {
  let srv: ViewerServer, page: Page, dir: string;
  beforeAll(async () => {
    dir = await writeFutianComparison(root);
    srv = await serveRuns([dir]); // one comparison directory stands for its two runs
    page = await openViewer(browser, `${srv.url}?size=${W}x${H}`, { width: 1500, height: 800 });
  }, 180_000);
  afterAll(async () => { await page?.close(); await srv?.close(); });

  it('opens both runs of the comparison directory, labelled from compare.json', async () => {
    expect(await page.evaluate(() => window.__patrolsim.runs)).toEqual(['before', 'after']);
    const panel = await page.textContent('#panel');
    expect(panel).toContain('A: current layout');
    expect(panel).toContain('B: proposal');
  });

  it('shows compare.json\'s before/after table side by side in the panel', async () => {
    const cmp = JSON.parse(readFileSync(join(dir, 'compare.json'), 'utf8'));
    const rows = await page.$$eval('.compare-table tbody tr', (trs) => trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent)));
    // One column per layout: the current layout, the proposal, and the demo's time-of-day plan columns.
    const cols = [cmp.before, cmp.after, ...(cmp.plan ? [cmp.plan, cmp.planMoveUp] : [])];
    expect(cmp.plan).toBeDefined();
    expect(rows[0]).toEqual(['posts / units', ...cols.map((l) => `${l.posts} / ${l.units}`)]);
    const s = rows.find((r) => r[0]?.startsWith('static: 1 unit(s) <= 60 s'))!;
    expect(s.slice(1)).toEqual(cols.map((l) => `${(l.staticTiers[0].coveredShare * 100).toFixed(1)}%`));
    const heads = await page.$$eval('.compare-table thead th', (ths) => ths.map((th) => th.textContent));
    expect(heads.slice(3)).toEqual(['time-of-day plan', 'plan with move-up']);
  });

  it('draws both response-time histograms on one y scale', async () => {
    const tops = await page.$$eval('section.run-summary svg.chart:not(.compliance)', (svgs) => svgs.map((s) => s.querySelector('text[text-anchor="end"]')?.textContent));
    expect(tops.length).toBe(2);
    expect(tops[0]).toBe(tops[1]);
  });

  it('fits on the demand, tighter than the whole network', async () => {
    const { v, net } = await page.evaluate(() => ({ v: window.__patrolsim.views[0].view, net: window.__patrolsim.views[0].scene.boundsM }));
    expect(v.pxPerM).toBeGreaterThan(fitView(net, W, H, 16).pxPerM * 1.05);
  });

  it('marks the posts the optimizer moved', async () => {
    expect(await page.evaluate(() => window.__patrolsim.views[1].isLayerVisible('moves'))).toBe(true);
    expect(await page.evaluate(() => window.__patrolsim.views[0].isLayerVisible('moves'))).toBe(false);
    expect(await page.textContent('[data-legend="moves"]')).toContain('moved post');
  });
});
