/**
 * The viewer bundle (viewer/dist, git-ignored) is built on demand with Vite's programmatic API when it
 * is missing or stale: its stamp (a hash of the viewer sources, the engine files it imports and the
 * Vite and Pixi versions) differs from `dist/.stamp`. Builds go to a temporary folder renamed into
 * place, so a reader never sees half a bundle and two concurrent builders both end with a whole one.
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, renameSync, rmSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { writeFileAtomic } from '../../engine/io/files.ts';
import { packageRoot } from '../../engine/io/package-root.ts';

// The viewer's sources, also when this module runs from the compiled build in dist/.
export const VIEWER_DIR = join(packageRoot(), 'viewer');
export const DIST_DIR = join(VIEWER_DIR, 'dist');
const REPO_DIR = join(VIEWER_DIR, '..');

function filesUnder(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) filesUnder(p, out);
    else if (!name.endsWith('.test.ts')) out.push(p);
  }
  return out;
}

/** The hash that decides whether viewer/dist is current. */
export function bundleStamp(): string {
  const h = createHash('sha256');
  // The engine files the bundle imports: the run-directory reader and types, the input error, the version, the day-interval rule.
  const inputs = [join(VIEWER_DIR, 'index.html'), ...filesUnder(join(VIEWER_DIR, 'src')), ...filesUnder(join(REPO_DIR, 'engine/io/run-directory')), join(REPO_DIR, 'engine/io/input-error.ts'), join(REPO_DIR, 'engine/version.ts'), join(REPO_DIR, 'engine/sim/shift-calendar.ts')];
  for (const f of inputs) { h.update(relative(REPO_DIR, f)); h.update('\0'); h.update(readFileSync(f)); h.update('\0'); }
  for (const pkg of ['vite', 'pixi.js']) {
    try { h.update(`${pkg}@${(JSON.parse(readFileSync(join(REPO_DIR, 'node_modules', pkg, 'package.json'), 'utf8')) as { version: string }).version}`); } catch { h.update(`${pkg}@?`); }
  }
  return h.digest('hex').slice(0, 16);
}

export function bundleIsCurrent(distDir = DIST_DIR): boolean {
  try { return readFileSync(join(distDir, '.stamp'), 'utf8').trim() === bundleStamp() && existsSync(join(distDir, 'index.html')); } catch { return false; }
}

/**
 * Make sure viewer/dist holds a current bundle; returns its path. `log` gets progress lines (stderr).
 */
export async function ensureViewerBundle(log: (msg: string) => void = () => {}): Promise<string> {
  if (bundleIsCurrent()) return DIST_DIR;
  const stamp = bundleStamp();
  const tmp = `${DIST_DIR}.${process.pid}.${Date.now()}.tmp`;
  log('building the viewer bundle (once per viewer change) ...');
  const t0 = performance.now();
  const { build } = await import('vite');
  try {
    await build({
      root: VIEWER_DIR, base: './', configFile: false, logLevel: 'warn', clearScreen: false,
      build: { outDir: tmp, emptyOutDir: true, chunkSizeWarningLimit: 4000, reportCompressedSize: false },
    });
    writeFileAtomic(join(tmp, '.stamp'), `${stamp}\n`);
    if (bundleIsCurrent()) { rmSync(tmp, { recursive: true, force: true }); return DIST_DIR; }
    const old = `${DIST_DIR}.old.${process.pid}.${Date.now()}`;
    if (existsSync(DIST_DIR)) { try { renameSync(DIST_DIR, old); } catch { /* another builder moved it */ } }
    try { renameSync(tmp, DIST_DIR); } catch (err) { if (!bundleIsCurrent()) throw err; }
    rmSync(old, { recursive: true, force: true });
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
  log(`viewer bundle built in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  return DIST_DIR;
}
