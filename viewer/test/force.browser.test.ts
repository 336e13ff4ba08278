/**
 * The layers of a force that moves, in real headless Chromium on runs the engine made in the test
 * (engine-runs.ts): the time-of-day plan and a plan move in the replay (simulate with a plan),
 * jurisdictions (`patrolsim jurisdictions --balance --out`) and containment points with their times
 * (`patrolsim cordon contain --out`), all on the 4 x 3 grid. Node (c, r) is at world
 * (100c - 150, 100r - 100) m; pixels are checked where the run's own files say things are.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { chromiumAvailable, launchChromium, openViewer, serveRuns, type HookedWindow } from './browser.ts';
import { nearestInWindow, screenshotPixels } from './pixels.ts';
import { writeGridContainment, writeGridJurisdictions, writeGridPlanRun } from './engine-runs.ts';
import { worldToScreen, type ViewTransform } from '../src/model/projection.ts';
import { CORDON_COLOURS, JURISDICTION_BOUNDARY, JURISDICTION_COLOURS, MOVE_KIND_COLOURS, roadStyle } from '../src/model/styles.ts';
import type { ViewerServer } from '../server/serve-viewer.ts';

const W = 800, H = 600;
const root = mkdtempSync(join(tmpdir(), 'patrolsim-force-'));
let browser: Browser, close: () => Promise<void>;
const servers: ViewerServer[] = [];

async function open(dir: string, query: string): Promise<{ page: Page; at: (x: number, y: number) => [number, number] }> {
  const srv = await serveRuns([dir]);
  servers.push(srv);
  const page = await openViewer(browser, `${srv.url}?size=${W}x${H}&${query}`);
  const view: ViewTransform = await page.evaluate(() => (globalThis as unknown as HookedWindow).__patrolsim.views[0].view);
  return { page, at: (x, y) => worldToScreen(view, x - 150, y - 100) };
}
const shot = (page: Page) => screenshotPixels(page, { x: 0, y: 0, width: W, height: H });
const setTime = async (page: Page, t: number) => { await page.evaluate((tt) => (globalThis as unknown as HookedWindow).__patrolsim.setTime(tt), t); await page.evaluate(() => (globalThis as unknown as HookedWindow).__patrolsim.frame()); };

describe.skipIf(!chromiumAvailable())('viewer in headless Chromium: plans, moves, jurisdictions, cordons', () => {
  beforeAll(async () => { ({ browser, close } = await launchChromium()); });
  afterAll(async () => { await close?.(); for (const s of servers) await s.close(); rmSync(root, { recursive: true, force: true }); });

  describe('a simulation with a plan: A-1 waits at staging point S (3,0) until 00:15, then drives back to A (0,0)', () => {
    let page: Page, at: (x: number, y: number) => [number, number], dir: string;
    beforeAll(async () => {
      dir = writeGridPlanRun(root);
      // Roads by class, so the plan's green reads against the primary road's grey; no labels on the road.
      ({ page, at } = await open(dir, 'roads=class&layers=roads,posts,plan,relocations,units'));
    });

    it('reads the move from trace.json: a plan move at 900 s to post A, node 0,0', () => {
      const tr = JSON.parse(readFileSync(join(dir, 'trace.json'), 'utf8'));
      expect(tr.moves).toEqual([{ unit: 0, t: 900, kind: 'plan', post: 0, node: 0 }]);
    });

    it('in the block draws the unit\'s shift from its base post to S in the plan colour, and names the block', async () => {
      await setTime(page, 450);
      expect(await page.evaluate(() => (globalThis as unknown as HookedWindow).__patrolsim.views[0].layoutIndex)).toBe(1);
      const px = await shot(page);
      expect(nearestInWindow(px, ...at(150, 0), MOVE_KIND_COLOURS.plan, 1), 'row 0 between A and S').toBeLessThan(25);
      const legend = await page.evaluate(() => (globalThis as unknown as HookedWindow).__patrolsim.legend().map((g) => g.title));
      expect(legend).toContain('Plan: block "early" 0-0.25 h');
    });

    it('after the block shows no plan shift, and draws the plan move from the moving unit to A with a ring there', async () => {
      await setTime(page, 1050); // A-1 is at (150, 0) m, 150 s from A
      expect(await page.evaluate(() => [(globalThis as unknown as HookedWindow).__patrolsim.views[0].layoutIndex, (globalThis as unknown as HookedWindow).__patrolsim.views[0].movingUnits])).toEqual([0, 1]);
      const px = await shot(page);
      expect(nearestInWindow(px, ...at(75, 0), MOVE_KIND_COLOURS.plan, 1), 'the move line between the unit and A').toBeLessThan(25);
      // Beyond the unit (towards S) nothing is green any more: the plan shift went with the block.
      expect(nearestInWindow(px, ...at(250, 0), roadStyle('primary').color, 2)).toBeLessThan(25);
      expect(nearestInWindow(px, ...at(250, 0), MOVE_KIND_COLOURS.plan, 1)).toBeGreaterThan(40);
    });

    it('drops the move line once the unit has arrived (its state leaves "moving")', async () => {
      await setTime(page, 1300);
      expect(await page.evaluate(() => (globalThis as unknown as HookedWindow).__patrolsim.views[0].movingUnits)).toBe(0);
      const px = await shot(page);
      expect(nearestInWindow(px, ...at(75, 0), roadStyle('primary').color, 2)).toBeLessThan(25);
      expect(nearestInWindow(px, ...at(75, 0), MOVE_KIND_COLOURS.plan, 1)).toBeGreaterThan(40);
    });
  });

  describe('jurisdictions: A (0,0) owns the nodes with c + r <= 2, B (3,2) the rest', () => {
    let page: Page, at: (x: number, y: number) => [number, number], dir: string;
    beforeAll(async () => {
      dir = await writeGridJurisdictions(root);
      ({ page, at } = await open(dir, 'layers=roads,posts'));
    });

    it('opens in the jurisdiction colouring, offers the balanced one, and colours neighbours apart', async () => {
      const j = JSON.parse(readFileSync(join(dir, 'jurisdictions.json'), 'utf8'));
      expect(j.nearest.owner).toEqual([0, 0, 0, 1, 0, 0, 1, 1, 0, 1, 1, 1]); // node index r * 4 + c
      expect(await page.evaluate(() => (globalThis as unknown as HookedWindow).__patrolsim.views[0].roadColouring.mode)).toBe('jurisdiction');
      expect(await page.$$eval('#road-mode option', (os) => os.map((o) => (o as HTMLOptionElement).value))).toEqual(['class', 'jurisdiction', 'jurisdiction-balanced']);
      const px = await shot(page);
      expect(nearestInWindow(px, ...at(50, 0), JURISDICTION_COLOURS[0], 1), 'inside A').toBeLessThan(25);
      expect(nearestInWindow(px, ...at(250, 200), JURISDICTION_COLOURS[1], 1), 'inside B').toBeLessThan(25);
      expect(nearestInWindow(px, ...at(250, 0), JURISDICTION_BOUNDARY, 1), 'link (2,0)-(3,0) crosses the boundary').toBeLessThan(25);
      expect(nearestInWindow(px, ...at(50, 0), JURISDICTION_COLOURS[1], 1)).toBeGreaterThan(60);
    });

    it('names each colour\'s posts in the legend and the owner in the hover text', async () => {
      const g = await page.evaluate(() => (globalThis as unknown as HookedWindow).__patrolsim.legend().find((x) => x.id === 'jurisdictions')!);
      expect(g.items.map((i) => i.label)).toEqual(['A', 'B', 'boundary between two posts', 'no unit arrives']);
      const [x, y] = at(100, 100);
      await page.mouse.move(x, y);
      expect(await page.textContent('#tooltip')).toContain('jurisdiction of post A, 3 min 20 s from it');
    });
  });

  describe('containment: a suspect from (1,1) towards the exits (3,0), (0,2), (3,2)', () => {
    let page: Page, at: (x: number, y: number) => [number, number], dir: string;
    beforeAll(async () => {
      dir = await writeGridContainment(root, 0);
      ({ page, at } = await open(dir, 'roads=class&layers=roads,cordon,labels'));
    });

    it('draws each closed point in the in-time colour at its node, with its unit\'s and the suspect\'s times', async () => {
      const c = JSON.parse(readFileSync(join(dir, 'cordon.json'), 'utf8'));
      const closed = c.closed.map((x: { node: number; arrivalS: number; suspectS: number }) => [x.node, x.arrivalS, x.suspectS]);
      expect(closed).toEqual([[3, 300, 300], [8, 200, 200], [11, 0, 300]]);
      const px = await shot(page);
      for (const [c0, r0] of [[3, 0], [0, 2], [3, 2]]) expect(nearestInWindow(px, ...at(100 * c0, 100 * r0), CORDON_COLOURS.inTime, 1), `node ${c0},${r0}`).toBeLessThan(25);
      expect(nearestInWindow(px, ...at(100, 100), CORDON_COLOURS.inTime, 3), 'the origin is not closed').toBeGreaterThan(60);
      const labels = await page.evaluate(() => (globalThis as unknown as HookedWindow).__patrolsim.views[0].placedLabels.filter((l) => l.kind === 'cordon').map((l) => l.text).sort());
      expect(labels).toEqual(['0 s (suspect 5 min)', '3 min 20 s (suspect 3 min 20 s)', '5 min (suspect 5 min)']);
    });

    it('draws the closing units\' routes: A\'s route to (0,2) runs up column 0', async () => {
      const px = await shot(page);
      expect(nearestInWindow(px, ...at(0, 150), CORDON_COLOURS.route, 1)).toBeLessThan(30);
    });
  });
});
