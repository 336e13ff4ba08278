// Whether the compiled CLI in dist/ matches the TypeScript sources it was built from.
//
// `node bin/build.mjs` (run by `npm ci` through the package's prepare script) compiles the sources
// into dist/ and records in dist/build-stamp.json every source file it compiled (path, size and
// modification time), the folders holding them (a folder's time changes when a file is added,
// removed or renamed in it: a new command file counts) and the build configuration. The build is
// current when every recorded entry still has exactly its recorded size and time; any difference,
// in either direction, makes it stale. Plain JavaScript: the CLI's entry point reads it before any
// TypeScript can load.
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

export const STAMP_FILE = 'build-stamp.json';
export const STAMP_VERSION = 1;

/**
 * @param {string} root the package folder (holds package.json, the sources and dist/)
 * @returns {{ current: boolean, reason: string }} `reason` names the first difference found
 */
export function buildState(root) {
  let stamp;
  try {
    stamp = JSON.parse(readFileSync(join(root, 'dist', STAMP_FILE), 'utf8'));
  } catch {
    return { current: false, reason: 'no compiled build (dist/build-stamp.json is missing)' };
  }
  if (stamp?.version !== STAMP_VERSION || !Array.isArray(stamp.files) || !Array.isArray(stamp.dirs)) {
    return { current: false, reason: 'dist/build-stamp.json is from another build version' };
  }
  for (const [path, size, mtimeMs] of stamp.files) {
    const s = statSync(join(root, path), { throwIfNoEntry: false });
    if (!s) return { current: false, reason: `${path} was removed since the build` };
    if (s.size !== size || s.mtimeMs !== mtimeMs) return { current: false, reason: `${path} changed since the build` };
  }
  for (const [path, mtimeMs] of stamp.dirs) {
    const s = statSync(join(root, path), { throwIfNoEntry: false });
    if (!s || s.mtimeMs !== mtimeMs) return { current: false, reason: `files were added to or removed from ${path}/ since the build` };
  }
  return { current: true, reason: 'the compiled build matches the sources' };
}

/**
 * The stamp entries, taken before the sources are compiled so that an edit during the build makes
 * the result stale. Paths are relative to root, '/'-separated. The folders of `sources` are
 * recorded too; those of `configFiles` (package.json, tsconfig.json at the top) are not, since
 * the top folder changes whenever anything is written there.
 * @param {string} root
 * @param {string[]} sources
 * @param {string[]} configFiles
 */
export function stampEntries(root, sources, configFiles = []) {
  const dirs = [...new Set(sources.map((f) => f.slice(0, Math.max(0, f.lastIndexOf('/'))) || '.'))].sort();
  return {
    version: STAMP_VERSION,
    files: [...new Set([...sources, ...configFiles])].sort().map((f) => { const s = statSync(join(root, f)); return [f, s.size, s.mtimeMs]; }),
    dirs: dirs.map((d) => [d, statSync(join(root, d)).mtimeMs]),
  };
}
