/**
 * The viewer in real headless Chromium (WebGL through SwiftShader): load a fixture run, screenshot the
 * map at a fixed 800 x 600 canvas and check pixels where the view model says things must be.
 *
 * tiny-grid (see fixtures/make-fixtures.ts): nodes (c, r) at (100c, 100r) m, c = 0..3, r = 0..2; the
 * projection centres the box, so node (c, r) is at world (100c - 150, 100r - 100) and fitView puts it
 * at screen (400 + 2.56 (100c - 150), 300 - 2.56 (100r - 100)) px.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { chromiumAvailable, launchChromium, openViewer, serveRuns } from './browser.ts';
import { colourBlob, leansTo, nearestInWindow, screenshotPixels, type Pixels } from './pixels.ts';
import { fitView, worldToScreen } from '../src/model/projection.ts';
import { responsePalette } from '../src/model/colour-scale.ts';
import { BACKGROUND_COLOUR, POST_STYLES, UNIT_STATE_COLOURS, roadStyle } from '../src/model/styles.ts';
import type { ViewerServer } from '../server/serve-viewer.ts';

const FIX = join(import.meta.dirname, 'fixtures');
const W = 800, H = 600;
const view = fitView({ minX: -150, minY: -100, maxX: 150, maxY: 100 }, W, H, 16);
const node = (c: number, r: number) => worldToScreen(view, 100 * c - 150, 100 * r - 100);
const at = (x: number, y: number) => worldToScreen(view, x - 150, y - 100);
const [GREEN, LIGHT_GREEN, ORANGE, RED] = responsePalette(4);
const CLIP = { x: 0, y: 0, width: W, height: H };

let browser: Browser, close: () => Promise<void>, srv: ViewerServer, page: Page;
const setTime = async (t: number) => { await page.evaluate((tt) => window.__patrolsim.setTime(tt), t); await page.evaluate(() => window.__patrolsim.frame()); };

describe.skipIf(!chromiumAvailable())('viewer in headless Chromium: tiny grid', () => {
  beforeAll(async () => {
    srv = await serveRuns([join(FIX, 'tiny-grid')]);
    ({ browser, close } = await launchChromium());
    page = await openViewer(browser, `${srv.url}?size=${W}x${H}`);
  });
  afterAll(async () => { await close?.(); await srv?.close(); });

  it('the fit matches the view model the test computes', async () => {
    const v = await page.evaluate(() => window.__patrolsim.views[0].view);
    expect(v.pxPerM).toBeCloseTo(view.pxPerM, 9);
    expect(v.offsetXPx).toBeCloseTo(view.offsetXPx, 9);
  });

  it('draws roads by class between the nodes, and background inside the blocks', async () => {
    await setTime(0);
    const px = await screenshotPixels(page, CLIP);
    const primary = roadStyle('primary').color, minor = roadStyle('residential').color;
    // Midpoints of the row-0 (primary) links and of a few residential links, away from nodes and units.
    for (const c of [0.5, 1.5]) { const [x, y] = at(100 * c, 0); expect(nearestInWindow(px, x, y - 3, primary, 2), `primary at ${c}`).toBeLessThan(40); }
    for (const [x, y] of [at(50, 200), at(150, 100), at(300, 150), at(100, 50)]) expect(leansTo(px, x, y, minor, BACKGROUND_COLOUR, 1), `minor road at ${x},${y}`).toBe(true);
    expect(leansTo(px, ...at(50, 50), minor, BACKGROUND_COLOUR, 1)).toBe(false); // and the check can fail
    // Block centres are empty ground.
    for (const [x, y] of [at(50, 50), at(250, 150), at(150, 150)]) expect(nearestInWindow(px, x, y, BACKGROUND_COLOUR, 0)).toBeLessThan(6);
    // Nothing drawn outside the fitted network box.
    expect(nearestInWindow(px, 200, 40, BACKGROUND_COLOUR, 0)).toBeLessThan(6);
  });

  it('puts the station at node (0,0) and the kiosk at node (3,2)', async () => {
    await setTime(250); // unit B-1 has left the kiosk by now; A-2 stays at the station
    const px = await screenshotPixels(page, CLIP);
    const station = colourBlob(px, POST_STYLES.station.color, 25);
    const [sx, sy] = node(0, 0);
    expect(station.count).toBeGreaterThan(60);
    expect(Math.abs(station.cx - sx)).toBeLessThan(3);
    expect(Math.abs(station.cy - sy)).toBeLessThan(3);
    const kiosk = colourBlob(px, POST_STYLES.kiosk.color, 25);
    const [kx, ky] = node(3, 2);
    expect(kiosk.count).toBeGreaterThan(30);
    expect(Math.hypot(kiosk.cx - kx, kiosk.cy - ky)).toBeLessThan(3);
  });

  it('shades each node by the time to the first unit, with the tier targets as breaks', async () => {
    await setTime(0);
    const px = await screenshotPixels(page, CLIP);
    // 1st unit: 100 s per block from the nearer post. (1,0), (0,1), (2,2), (3,1): 100 s -> 60..180 band;
    // (2,0), (1,1): 200 s, (1,2), (2,1): 200 s -> 180..300 band.
    for (const [c, r] of [[0, 1], [2, 2], [3, 1]]) expect(nearestInWindow(px, ...node(c, r), LIGHT_GREEN, 1), `node ${c},${r}`).toBeLessThan(30);
    for (const [c, r] of [[1, 1], [2, 1], [1, 2]]) expect(nearestInWindow(px, ...node(c, r), ORANGE, 1), `node ${c},${r}`).toBeLessThan(30);
    expect(colourBlob(px, LIGHT_GREEN, 20).count).toBeGreaterThan(100);
    expect(colourBlob(px, ORANGE, 20).count).toBeGreaterThan(100);
    // No node is beyond 300 s for the first unit (the red incident at (3,0) is not a node colour).
    for (let c = 0; c < 4; c++) for (let r = 0; r < 3; r++) if (!(c === 3 && r === 0)) expect(nearestInWindow(px, ...node(c, r), RED, 1), `node ${c},${r}`).toBeGreaterThan(25);
  });

  it('switching to the 2nd unit recolours node (2,2): 100 s to the kiosk, but 400 s for a second unit', async () => {
    await page.selectOption('#kth', '2');
    await page.evaluate(() => window.__patrolsim.frame());
    const px = await screenshotPixels(page, CLIP);
    expect(nearestInWindow(px, ...node(2, 2), RED, 1)).toBeLessThan(30);
    expect(nearestInWindow(px, ...node(0, 1), LIGHT_GREEN, 1)).toBeLessThan(30); // A has 2 units: 100 s
    await page.selectOption('#kth', '1');
    await page.evaluate(() => window.__patrolsim.frame());
    const back = await screenshotPixels(page, CLIP);
    expect(nearestInWindow(back, ...node(2, 2), LIGHT_GREEN, 1)).toBeLessThan(30);
  });

  it('moves unit A-1 along row 0 as the replay steps: (150, 0) m at 150 s, (250, 0) m at 250 s', async () => {
    const dispatched = UNIT_STATE_COLOURS[2];
    await setTime(150);
    const a = await screenshotPixels(page, CLIP);
    await setTime(250);
    const b = await screenshotPixels(page, CLIP);
    const p150 = at(150, 0), p250 = at(250, 0);
    expect(nearestInWindow(a, ...p150, dispatched, 1)).toBeLessThan(30);
    expect(nearestInWindow(a, ...p250, dispatched, 2)).toBeGreaterThan(60);
    expect(nearestInWindow(b, ...p250, dispatched, 1)).toBeLessThan(30);
    expect(nearestInWindow(b, ...p150, dispatched, 2)).toBeGreaterThan(60);
    expect(await page.textContent('#clock')).toBe('00:04:10');
  });

  it('plays: the clock advances and the timeline follows', async () => {
    await setTime(0);
    await page.selectOption('#speed', '60');
    await page.click('#play');
    await page.waitForTimeout(1500);
    await page.click('#play');
    const t = await page.evaluate(() => window.__patrolsim.playback!.timeS);
    expect(t).toBeGreaterThan(30);
    expect(t).toBeLessThan(600);
    expect(Number(await page.inputValue('#scrub'))).toBeCloseTo(t, -1);
  });

  it('hides a layer when its toggle is cleared', async () => {
    await setTime(0);
    await page.uncheck('input[data-layer="roads"]');
    await page.uncheck('input[data-layer="coverage"]');
    await page.evaluate(() => window.__patrolsim.frame());
    const px = await screenshotPixels(page, CLIP);
    expect(leansTo(px, ...at(50, 200), roadStyle('residential').color, BACKGROUND_COLOUR, 1)).toBe(false);
    expect(colourBlob(px, ORANGE, 20).count).toBe(0);
    await page.check('input[data-layer="roads"]');
    await page.check('input[data-layer="coverage"]');
  });

  it('shows hover details for a post', async () => {
    await setTime(0);
    const [sx, sy] = node(0, 0);
    await page.mouse.move(sx + 5, sy - 5);
    await page.waitForSelector('#tooltip:not([hidden])');
    expect(await page.textContent('#tooltip')).toMatch(/post A \(Station A\)|unit A-2/);
  });
});

