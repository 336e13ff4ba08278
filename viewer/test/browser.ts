/**
 * Headless Chromium for the browser tests and the benchmark: Debian's chromium through playwright-core,
 * WebGL under SwiftShader (no GPU here), no network, a fresh profile per launch.
 */
import { existsSync } from 'node:fs';
import { chromium, type Browser, type Page } from 'playwright-core';
/** The page hook as Node-side code sees it (the main tsconfig has no DOM types). */
export interface PageHook {
  ready: boolean; error?: string; mode: string; runs: string[];
  views: {
    view: { pxPerM: number; offsetXPx: number; offsetYPx: number };
    widthPx: number; heightPx: number; timeS: number; layoutIndex: number; movingUnits: number;
    roadColouring: { mode: string; tier?: { targetS: number; units: number } };
    placedLabels: { kind: string; text: string; x: number; y: number }[];
    isLayerVisible(id: string): boolean;
    fitBounds(): { minX: number; minY: number; maxX: number; maxY: number };
    scene: { boundsM: { minX: number; minY: number; maxX: number; maxY: number } };
    fit(): void;
  }[];
  playback: { timeS: number; startS: number; endS: number; setSpeed(s: number): void; play(): void } | null;
  setTime(t: number): void; frame(): Promise<void>; exportPng(scale?: number): Promise<string>;
  legend(): { id: string; title: string; categorical: boolean; items: { label: string; swatch: { kind: string; color: number } }[] }[];
  zoomBy(factor: number): Promise<number>;
  measureFps(ms: number): Promise<{ frames: number; fps: number }>;
}
/** `W.__patrolsim` inside page.evaluate callbacks: `(globalThis as unknown as HookedWindow)`. */
export interface HookedWindow { __patrolsim: PageHook }

import { ensureViewerBundle } from '../server/build-bundle.ts';
import { startViewerServer, type ViewerServer } from '../server/serve-viewer.ts';

export const CHROMIUM_PATH = process.env.PATROLSIM_CHROMIUM ?? '/usr/bin/chromium';

/**
 * Whether the browser tests can run here. On CI (CI=true) they always run, so a missing chromium
 * fails them instead of skipping them silently; elsewhere they skip with no chromium installed.
 */
export function chromiumAvailable(): boolean { return existsSync(CHROMIUM_PATH) || process.env.CI === 'true'; }

export async function launchChromium(extraArgs: string[] = []): Promise<{ browser: Browser; close(): Promise<void> }> {
  const browser = await chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: [
      '--headless', '--no-sandbox', '--disable-gpu', '--use-angle=swiftshader', '--enable-unsafe-swiftshader',
      '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync',
      // No --user-data-dir: playwright refuses it with launch() and gives each launch a fresh
      // temporary profile of its own, which is what we want.
      ...extraArgs,
    ],
  });
  return { browser, close: async () => { await browser.close(); } };
}

/** Build the bundle if needed and serve `dirs`. */
export async function serveRuns(dirs: string[]): Promise<ViewerServer> {
  const distDir = await ensureViewerBundle();
  return startViewerServer({ dirs, distDir });
}

/** Open the viewer and wait until it says it is ready (or failed). */
export async function openViewer(browser: Browser, url: string, viewport = { width: 1200, height: 700 }, timeoutMs = 30_000): Promise<Page> {
  const page = await browser.newPage({ viewport });
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(url);
  await page.waitForFunction(() => (globalThis as unknown as HookedWindow).__patrolsim?.ready === true || (globalThis as unknown as HookedWindow).__patrolsim?.error !== undefined, undefined, { timeout: timeoutMs });
  const err = await page.evaluate(() => (globalThis as unknown as HookedWindow).__patrolsim.error);
  if (err || errors.length) throw new Error(`viewer failed: ${err ?? ''} ${errors.join('; ')}`);
  return page;
}
