/**
 * Regenerate the viewer screenshots of docs/ from the demo's output (run `npm start` first):
 *
 *   npx tsx viewer/test/screenshots.ts [runs/demo]
 *
 * docs/viewer.png         the comparison side by side, roads by the first unit's arrival time
 * docs/viewer-change.png  swipe mode, gained/lost coverage of the 1-minute tier and the post moves
 * docs/viewer-replay.png  the proposal alone, "fails the standard", mid-replay on the first scored day
 * docs/viewer-plan.png    the time-of-day plan with move-up at the start of the evening peak: block posts and moves
 */
import { join } from 'node:path';
import { launchChromium, openViewer, serveRuns, type HookedWindow } from './browser.ts';

const dir = process.argv[2] ?? 'runs/demo';
const out = (name: string) => join(import.meta.dirname, '../../docs', name);
const { browser, close } = await launchChromium();
try {
  const both = await serveRuns([dir]);
  let page = await openViewer(browser, `${both.url}?roads=time`, { width: 1600, height: 1000 }, 120_000);
  await page.evaluate(() => (globalThis as unknown as HookedWindow).__patrolsim.setTime(86400 + 9 * 3600));
  await page.waitForTimeout(400);
  await page.screenshot({ path: out('viewer.png') });
  await page.close();
  page = await openViewer(browser, `${both.url}?roads=change&mode=swipe&layers=demand,roads,sites,posts,moves,labels`, { width: 1600, height: 1000 }, 120_000);
  await page.waitForTimeout(400);
  await page.screenshot({ path: out('viewer-change.png') });
  await page.close();
  page = await openViewer(browser, `${both.url}?runs=1&roads=fail`, { width: 1600, height: 1000 }, 120_000);
  await page.evaluate(() => (globalThis as unknown as HookedWindow).__patrolsim.setTime(86400 + 18 * 3600 + 20 * 60));
  await page.waitForTimeout(400);
  await page.screenshot({ path: out('viewer-replay.png') });
  await page.close();
  await both.close();
  const plan = await serveRuns([join(dir, 'plan-move-up')]);
  page = await openViewer(browser, `${plan.url}?roads=time`, { width: 1600, height: 1000 }, 120_000);
  await page.evaluate(() => (globalThis as unknown as HookedWindow).__patrolsim.setTime(86400 + 17 * 3600 + 2 * 60));
  await page.waitForTimeout(400);
  await page.screenshot({ path: out('viewer-plan.png') });
  await page.close();
  await plan.close();
  process.stderr.write(`wrote docs/viewer.png, docs/viewer-change.png, docs/viewer-replay.png, docs/viewer-plan.png from ${dir}\n`);
} finally {
  await close();
}
