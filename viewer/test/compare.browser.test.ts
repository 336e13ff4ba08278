/** Two runs compared in real headless Chromium: side by side, swipe, PNG export (Futian fixtures). */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { chromiumAvailable, launchChromium, openViewer, serveRuns } from './browser.ts';
import { colourBlob, screenshotPixels, type Pixels } from './pixels.ts';
import { POST_STYLES, roadStyle } from '../src/model/styles.ts';
import type { ViewerServer } from '../server/serve-viewer.ts';

const FIX = join(import.meta.dirname, 'fixtures');
let browser: Browser, close: () => Promise<void>, srv: ViewerServer;

describe.skipIf(!chromiumAvailable())('viewer in headless Chromium: comparing two Futian layouts', () => {
  let p2: Page;
  beforeAll(async () => {
    srv = await serveRuns([join(FIX, 'futian-current'), join(FIX, 'futian-proposal')]);
    ({ browser, close } = await launchChromium());
    p2 = await openViewer(browser, `${srv.url}?size=560x520`, { width: 1500, height: 650 });
  });
  afterAll(async () => { await close?.(); await srv?.close(); });

  const count = (px: Pixels, colour: number) => colourBlob(px, colour, 25).count;

  it('draws both runs side by side with the same projection, and more posts on the proposal side', async () => {
    await p2.evaluate(() => window.__patrolsim.setTime(3600));
    const left = await screenshotPixels(p2, { x: 0, y: 0, width: 560, height: 520 });
    const right = await screenshotPixels(p2, { x: 560, y: 0, width: 560, height: 520 });
    const major = roadStyle('primary').color;
    expect(count(left, major)).toBeGreaterThan(500);
    expect(count(right, major)).toBeGreaterThan(500);
    const views = await p2.evaluate(() => window.__patrolsim.views.map((v) => v.view));
    expect(views[0]).toEqual(views[1]);
    // 8 posts (3 stations) vs 11 posts (4 stations): type colours counted over both maps.
    expect(count(right, POST_STYLES.station.color)).toBeGreaterThan(count(left, POST_STYLES.station.color));
    expect(await p2.textContent('#maps')).toContain('OpenStreetMap');
  });

  it('exports a PNG of both maps', async () => {
    const url = await p2.evaluate(() => window.__patrolsim.exportPng());
    const png = Buffer.from(url.replace(/^data:image\/png;base64,/, ''), 'base64');
    expect(png.subarray(1, 4).toString()).toBe('PNG');
    expect(png.readUInt32BE(16)).toBe(1120); // width: two 560 px maps
    expect(png.readUInt32BE(20)).toBe(520);
  });

  it('swipe mode stacks the maps and shows the proposal right of the divider', async () => {
    await p2.selectOption('#mode', 'swipe');
    await p2.evaluate(() => window.__patrolsim.frame());
    expect(await p2.evaluate(() => window.__patrolsim.mode)).toBe('swipe');
    const px = await screenshotPixels(p2, { x: 0, y: 0, width: 560, height: 520 });
    expect(count(px, roadStyle('primary').color)).toBeGreaterThan(500);
    const beyond = await screenshotPixels(p2, { x: 600, y: 100, width: 300, height: 300 });
    expect(count(beyond, roadStyle('primary').color)).toBe(0); // nothing drawn right of the stacked maps
  });
});
