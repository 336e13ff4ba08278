/**
 * The legend as the browser draws it: every symbol's ink read back from the screen, run through a
 * deuteranopia and a protanopia simulation (Machado et al. 2009), and every pair of categories of a
 * group kept at least MIN_DELTA_E CIEDE2000 apart; the symbols are the map's own colours and shapes.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { chromiumAvailable, launchChromium, openViewer, serveRuns } from './browser.ts';
import { colourDistance, decodePng, dominantInk } from './pixels.ts';
import { GRID_POSTS, writeGridRun } from './engine-runs.ts';
import { closestPair, type Cvd } from '../src/model/colour-vision.ts';
import { MIN_DELTA_E } from '../src/model/styles.ts';
import type { ViewerServer } from '../server/serve-viewer.ts';

const root = mkdtempSync(join(tmpdir(), 'patrolsim-legend-'));
let browser: Browser, close: () => Promise<void>, srv: ViewerServer, page: Page;

/** Per legend group on screen: its id, whether categorical, and each item's ink as drawn. */
async function legendInks(p: Page): Promise<{ id: string; categorical: boolean; inks: number[]; declared: number[] }[]> {
  const model = await p.evaluate(() => window.__patrolsim.legend().map((g) => ({ id: g.id, categorical: g.categorical, colours: g.items.map((i) => i.swatch.color), strokes: g.items.map((i) => ('stroke' in i.swatch && typeof i.swatch.stroke === 'number' ? i.swatch.stroke : -1)) })));
  const out = [];
  for (const g of model) {
    const items = await p.$$(`[data-legend="${g.id}"] .legend-item svg`);
    const inks: number[] = [];
    for (const [k, el] of items.entries()) inks.push(dominantInk(await decodePng(p, (await el.screenshot()).toString('base64')), g.strokes[k] >= 0 ? [g.strokes[k]] : []));
    out.push({ id: g.id, categorical: g.categorical, inks, declared: g.colours });
  }
  return out;
}

describe.skipIf(!chromiumAvailable())('legend colours under colour-vision deficiency (read from the screen)', () => {
  beforeAll(async () => {
    const a = writeGridRun(root, 'grid-a');
    const b = writeGridRun(root, 'grid-b', [GRID_POSTS[0], { id: 'K', node: '2,2', type: 'kiosk', units: 1 }]);
    srv = await serveRuns([a, b]);
    ({ browser, close } = await launchChromium());
    page = await openViewer(browser, `${srv.url}?size=400x300`, { width: 1400, height: 1400 });
  });
  afterAll(async () => { await close?.(); await srv?.close(); rmSync(root, { recursive: true, force: true }); });

  const visions: Cvd[] = ['normal', 'deuteranopia', 'protanopia'];
  for (const mode of ['time', 'fail', 'change'] as const) {
    it(`keeps every pair of a group ${MIN_DELTA_E} CIEDE2000 apart, roads coloured by ${mode}`, async () => {
      await page.selectOption('#road-mode', mode);
      await page.evaluate(() => window.__patrolsim.frame());
      const groups = await legendInks(page);
      const ids = groups.map((g) => g.id);
      expect(ids).toEqual(expect.arrayContaining([mode === 'change' ? 'change' : 'coverage', 'sites', 'posts', 'units', 'incidents']));
      for (const g of groups) {
        expect(g.inks.length).toBe(g.declared.length);
        if (!g.categorical) continue; // demand hexagons are translucent; roads in coverage modes carry width only
        // The symbol on screen is the colour the map uses (antialiased edges aside).
        g.inks.forEach((ink, i) => expect(colourDistance(ink, g.declared[i]), `${g.id} item ${i}: ${ink.toString(16)} vs ${g.declared[i].toString(16)}`).toBeLessThan(12));
        for (const v of visions) {
          const p = closestPair(g.inks, v);
          expect(p.deltaE, `${g.id} under ${v}: items ${p.i} and ${p.j}`).toBeGreaterThanOrEqual(MIN_DELTA_E);
        }
      }
    });
  }

  it('shows the real symbols: distinct shapes for post types and unit states', async () => {
    const shapes = await page.$$eval('[data-legend="units"] svg', (svgs) => svgs.map((s) => s.innerHTML.replace(/fill="[^"]*"|stroke="[^"]*"/g, '')));
    expect(new Set(shapes).size).toBe(shapes.length);
    const posts = await page.$$eval('[data-legend="posts"] svg', (svgs) => svgs.map((s) => s.innerHTML.replace(/fill="[^"]*"|stroke="[^"]*"/g, '')));
    expect(new Set(posts).size).toBe(posts.length);
  });
});
