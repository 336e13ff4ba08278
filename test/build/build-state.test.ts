import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
// @ts-expect-error plain JavaScript module without type declarations
import { buildState, STAMP_FILE, stampEntries } from '../../bin/build-state.mjs';

// The rule that keeps the CLI from running stale compiled code: the entry point runs dist/ only
// while every source file it was built from has its recorded size and time, and no file was added
// to or removed from their folders.
const repo = join(import.meta.dirname, '../..');
type State = { current: boolean; reason: string };
const state = (root: string) => buildState(root) as State;
const dirs: string[] = [];
afterEach(() => { for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true }); });

/** A package with sources cli/main.ts and engine/a.ts, stamped as built. */
function builtPackage(): string {
  const root = mkdtempSync(join(tmpdir(), 'patrolsim-build-'));
  dirs.push(root);
  mkdirSync(join(root, 'cli'));
  mkdirSync(join(root, 'engine'));
  mkdirSync(join(root, 'dist/cli'), { recursive: true });
  writeFileSync(join(root, 'package.json'), '{"type":"module"}\n');
  writeFileSync(join(root, 'engine/a.ts'), 'export const a = 1;\n');
  writeFileSync(join(root, 'cli/main.ts'), "export async function main() { process.stdout.write('source\\n'); return 0; }\n");
  writeFileSync(join(root, 'dist/cli/main.js'), "export async function main() { process.stdout.write('compiled\\n'); return 0; }\n");
  stamp(root);
  return root;
}
function stamp(root: string) {
  writeFileSync(join(root, 'dist', STAMP_FILE), JSON.stringify(stampEntries(root, ['cli/main.ts', 'engine/a.ts'], ['package.json'])));
}
/** Move a file's modification time forward by `seconds` (editors and git do it on every write). */
function touch(path: string, seconds = 5) {
  const t = statSync(path).mtimeMs / 1000 + seconds;
  utimesSync(path, t, t);
}

describe('build state', () => {
  it('is current right after the build', () => {
    expect(state(builtPackage())).toEqual({ current: true, reason: 'the compiled build matches the sources' });
  });

  it('is stale once a source changes, naming it', () => {
    const root = builtPackage();
    writeFileSync(join(root, 'engine/a.ts'), 'export const a = 22;\n');
    expect(state(root)).toEqual({ current: false, reason: 'engine/a.ts changed since the build' });
  });

  it('is stale when a source is rewritten with the same bytes (its time moved): no content is trusted', () => {
    const root = builtPackage();
    touch(join(root, 'engine/a.ts'));
    expect(state(root).current).toBe(false);
  });

  it('is stale when a file is added to a source folder (a new command is found by listing its folder)', () => {
    const root = builtPackage();
    writeFileSync(join(root, 'cli/extra.ts'), 'export {};\n');
    touch(join(root, 'cli')); // the folder's time, in case the file system's clock is coarse
    expect(state(root)).toEqual({ current: false, reason: 'files were added to or removed from cli/ since the build' });
  });

  it('is stale when a source is removed, and when package.json changes', () => {
    const root = builtPackage();
    rmSync(join(root, 'engine/a.ts'));
    expect(state(root)).toEqual({ current: false, reason: 'engine/a.ts was removed since the build' });
    const other = builtPackage();
    touch(join(other, 'package.json'));
    expect(state(other)).toEqual({ current: false, reason: 'package.json changed since the build' });
  });

  it('is not current without a build', () => {
    const root = builtPackage();
    rmSync(join(root, 'dist'), { recursive: true });
    expect(state(root)).toEqual({ current: false, reason: 'no compiled build (dist/build-stamp.json is missing)' });
  });
});

describe('the entry point bin/patrolsim.mjs', () => {
  /** The real entry point in a package whose cli/main prints which copy ran. */
  function packageWithEntry(): string {
    const root = builtPackage();
    mkdirSync(join(root, 'bin'));
    for (const f of ['patrolsim.mjs', 'build-state.mjs']) copyFileSync(join(repo, 'bin', f), join(root, 'bin', f));
    symlinkSync(join(repo, 'node_modules'), join(root, 'node_modules'), 'dir');
    return root;
  }
  const run = (root: string, env: Record<string, string> = {}) => {
    const r = spawnSync(process.execPath, [join(root, 'bin/patrolsim.mjs')], { encoding: 'utf8', env: { ...process.env, PATROLSIM_REQUIRE_BUILD: '', PATROLSIM_FROM_SOURCE: '', ...env } });
    return { code: r.status, stdout: r.stdout.trim(), stderr: r.stderr.trim() };
  };

  it('runs the compiled copy while the build is current', () => {
    expect(run(packageWithEntry())).toMatchObject({ code: 0, stdout: 'compiled' });
  });

  it('runs the TypeScript sources through tsx once a source is edited: never the stale copy', () => {
    const root = packageWithEntry();
    writeFileSync(join(root, 'engine/a.ts'), 'export const a = 2;\n');
    expect(run(root)).toMatchObject({ code: 0, stdout: 'source' });
  });

  it('refuses to run the sources under PATROLSIM_REQUIRE_BUILD=1 (CI), naming the stale file', () => {
    const root = packageWithEntry();
    writeFileSync(join(root, 'engine/a.ts'), 'export const a = 2;\n');
    const r = run(root, { PATROLSIM_REQUIRE_BUILD: '1' });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('engine/a.ts changed since the build');
    expect(r.stdout).toBe('');
  });

  it('runs the sources when PATROLSIM_FROM_SOURCE=1, even with a current build', () => {
    expect(run(packageWithEntry(), { PATROLSIM_FROM_SOURCE: '1' })).toMatchObject({ code: 0, stdout: 'source' });
  });
});

describe('start-up', () => {
  // Packages that cost tens of milliseconds to load are loaded where used (engine/lazy-package.ts,
  // a dynamic import for HiGHS), never by importing a module: every command imports them all.
  const HEAVY = ['ajv', 'highs', 'saxes', 'seek-bzip', 'seedrandom', 'javascript-lp-solver', 'mathjs', 'vite', 'pixi.js'];
  const files = (dir: string): string[] => readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = join(dir, e.name);
    return e.isDirectory() ? files(p) : e.name.endsWith('.ts') && !e.name.endsWith('.test.ts') ? [p] : [];
  });

  it('no module the CLI can import loads a heavy package at import time', () => {
    const eager: string[] = [];
    for (const f of [...files(join(repo, 'engine')), ...files(join(repo, 'cli')), ...files(join(repo, 'viewer/server')), ...files(join(repo, 'viewer/report'))]) {
      const text = readFileSync(f, 'utf8');
      for (const m of text.matchAll(/^\s*import\s+(?!type\b)[^'"]*from\s+'([^']+)'/gm)) {
        if (HEAVY.includes(m[1])) eager.push(`${relative(repo, f)} imports ${m[1]}`);
      }
    }
    expect(eager).toEqual([]);
  });
});
