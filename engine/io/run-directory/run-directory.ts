/**
 * Writing and reading run directories: the one owner of every file the CLI writes and the viewer and
 * the report read (docs/run-directory.md).
 *
 * A run directory is written whole: into a temporary directory beside the target
 * (`.<name>.patrolsim-tmp-<pid>-<hex>`), every file flushed to disk, then `run.json` (the completion
 * marker: producer, version, seed, input hashes, every file with its sha256), then renamed into place;
 * an existing run directory at the target is first renamed aside (`.<name>.patrolsim-old-<pid>-<hex>`)
 * and removed after. A kill at any moment leaves the old directory, no directory, or the new one, never
 * a mix; temporary directories of dead processes are removed by the next write beside them. Readers
 * refuse a directory without run.json, with a listed file missing or changed, or with a contract file
 * run.json does not list.
 */
import { randomBytes } from 'node:crypto';
import { closeSync, existsSync, fsyncSync, lstatSync, mkdirSync, mkdtempSync, openSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import { processAlive } from '../files.ts';
import { sha256Hex } from '../hash.ts';
import { InputError } from '../input-error.ts';
import { EXTRA_FILE_NAME, RUN_FILES, RUN_MANIFEST, VIEWER_FILES, type RunFileRecord, type RunManifest } from './file-types.ts';
import { buildManifest, checkAgainstManifest, isSafeRunFileName, manifestText, parseManifest, refusal, RUN_FILE_NAME, type RunProducer } from './manifest.ts';
import { parseRun, type RunData, type RunFileTexts } from './parse-run.ts';

/** What to write: the files of one run directory, and runs nested inside it (the demo's before/ and after/). */
export interface RunContent extends RunProducer {
  files: Readonly<Record<string, string | Uint8Array>>;
  runs?: Readonly<Record<string, RunContent>>;
}

/** Our temporary and set-aside directories: `.<target name>.patrolsim-(tmp|old)-<pid>-<8 hex>`. */
const OWN_TEMP = /^\..+\.patrolsim-(tmp|old)-(\d+)-[0-9a-f]{8}$/;

/** Test hook: `PATROLSIM_TEST_KILL_AFTER=<file>` (a name as in run.json, or "set-aside") SIGKILLs the writer at that point. */
const KILL_AFTER = 'PATROLSIM_TEST_KILL_AFTER';

function killPoint(name: string): void {
  if (process.env[KILL_AFTER] === name) process.kill(process.pid, 'SIGKILL');
}

/**
 * Write a run directory atomically (see the module comment) and return its manifest. `dir` must be
 * absent, empty, or a run directory (checked before any work by {@link checkOutputPath} in
 * output-path.ts; checked again here).
 */
export function writeRunDirectory(dir: string, content: RunContent): RunManifest {
  const target = resolve(dir);
  const parent = dirname(target);
  const problem = replaceProblem(target);
  if (problem) throw new InputError(`${dir}: ${problem}`);
  mkdirSync(parent, { recursive: true });
  removeStaleTemps(parent);
  const suffix = `${process.pid}-${randomBytes(4).toString('hex')}`;
  const tmp = join(parent, `.${basename(target)}.patrolsim-tmp-${suffix}`);
  let manifest: RunManifest;
  try {
    manifest = writeTree(tmp, content, '');
    fsyncPath(tmp);
    if (existsSync(target)) {
      const aside = join(parent, `.${basename(target)}.patrolsim-old-${suffix}`);
      renameSync(target, aside);
      killPoint('set-aside');
      renameSync(tmp, target);
      rmSync(aside, { recursive: true, force: true });
    } else {
      renameSync(tmp, target);
    }
    fsyncPath(parent);
  } catch (err) {
    rmSync(tmp, { recursive: true, force: true });
    throw err;
  }
  return manifest;
}

function writeTree(dir: string, content: RunContent, prefix: string): RunManifest {
  mkdirSync(dir);
  const records: RunFileRecord[] = [];
  for (const name of Object.keys(content.files).sort()) {
    if (!RUN_FILE_NAME.test(name) || name === RUN_MANIFEST || !(name in RUN_FILES || EXTRA_FILE_NAME.test(name))) {
      throw new Error(`run directory file "${name}": not a run-directory file name (docs/run-directory.md)`);
    }
    const data = content.files[name];
    const bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
    writeDurably(join(dir, name), bytes);
    records.push({ name, bytes: bytes.length, sha256: sha256Hex(bytes) });
    killPoint(`${prefix}${name}`);
  }
  for (const sub of Object.keys(content.runs ?? {}).sort()) {
    if (!RUN_FILE_NAME.test(sub) || sub in content.files) throw new Error(`run directory "${sub}": not a plain directory name, or also a file`);
    const child = writeTree(join(dir, sub), content.runs![sub], `${prefix}${sub}/`);
    const text = Buffer.from(manifestText(child), 'utf8');
    records.push({ name: `${sub}/${RUN_MANIFEST}`, bytes: text.length, sha256: sha256Hex(text) });
  }
  const manifest = buildManifest(content, records);
  fsyncPath(dir);
  writeDurably(join(dir, RUN_MANIFEST), Buffer.from(manifestText(manifest), 'utf8'));
  killPoint(`${prefix}${RUN_MANIFEST}`);
  return manifest;
}

function writeDurably(path: string, bytes: Uint8Array): void {
  const fd = openSync(path, 'wx');
  try {
    writeSync(fd, bytes);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

function fsyncPath(path: string): void {
  try { const fd = openSync(path, 'r'); try { fsyncSync(fd); } finally { closeSync(fd); } } catch { /* directories cannot be fsynced on every platform */ }
}

/** Remove our temporary and set-aside directories in `parent` whose writer process is gone. Returns the names removed. */
export function removeStaleTemps(parent: string): string[] {
  let names: string[];
  try { names = readdirSync(parent); } catch { return []; }
  const removed: string[] = [];
  for (const name of names) {
    const m = OWN_TEMP.exec(name);
    if (!m || processAlive(Number(m[2]))) continue;
    rmSync(join(parent, name), { recursive: true, force: true });
    removed.push(name);
  }
  return removed;
}

/**
 * Why `target` cannot be replaced by a run directory, or undefined when it can: it is absent, an empty
 * directory, a run directory (has run.json), or a directory holding only run-directory files (written
 * before run directories had a marker). Anything else (a file, a directory with other things) is kept.
 */
export function replaceProblem(target: string): string | undefined {
  let st;
  try { st = lstatSync(target); } catch { return undefined; }
  if (!st.isDirectory()) return st.isSymbolicLink() ? 'is a symbolic link; give the real directory' : 'is a file, not a directory';
  const names = readdirSync(target);
  if (names.length === 0 || names.includes(RUN_MANIFEST)) return undefined;
  const other = names.filter((n) => !(n in RUN_FILES) && !(lstatSync(join(target, n)).isDirectory() && replaceProblem(join(target, n)) === undefined));
  if (other.length === 0) return undefined;
  return `holds other things than a run (${other.slice(0, 3).join(', ')}${other.length > 3 ? ', ...' : ''}); give a new or empty directory, or a run directory to replace`;
}

/** A run directory checked against its run.json: its manifest and the bytes of every file it lists. */
export interface VerifiedRun {
  readonly dir: string;
  readonly manifest: RunManifest;
  /** Bytes of a listed file (run.json of nested runs included). */
  bytes(name: string): Buffer;
  /** The viewer's files as text (those the run has). */
  viewerTexts(): RunFileTexts;
}

/**
 * Read a run directory and check it is complete and unmixed: run.json present and readable, every file
 * it lists present with its size and sha256, no contract file it does not list, and nested runs
 * complete in turn. Anything else is one InputError of one line naming the directory and the problem.
 */
export function readRunDirectory(dir: string): VerifiedRun {
  const abs = resolve(dir);
  let st;
  try { st = statSync(abs); } catch { throw new InputError(`${dir}: run directory not found`); }
  if (!st.isDirectory()) throw new InputError(`${dir}: expected a run directory, found a file`);
  const markerPath = join(abs, RUN_MANIFEST);
  if (!existsSync(markerPath)) {
    throw new InputError(`${dir}: incomplete run directory: no ${RUN_MANIFEST} (the run was interrupted, or the directory was written by hand or by an older patrolsim); re-run the command that writes it`);
  }
  const { manifest, problems } = parseManifest(readFileSync(markerPath, 'utf8'), dir);
  if (!manifest) throw new InputError(refusal(dir, problems));
  const present = new Map<string, { sha256?: string; bytes?: number }>();
  const data = new Map<string, Buffer>();
  const nested: string[] = [];
  for (const name of readdirSync(abs).sort()) {
    if (name === RUN_MANIFEST) continue;
    const path = join(abs, name);
    const s = lstatSync(path);
    if (s.isDirectory() && existsSync(join(path, RUN_MANIFEST))) {
      const key = `${name}/${RUN_MANIFEST}`;
      const b = readFileSync(join(path, RUN_MANIFEST));
      present.set(key, { sha256: sha256Hex(b), bytes: b.length });
      data.set(key, b);
      nested.push(name);
    } else if (manifest.files.some((f) => f.name === name)) {
      if (!s.isFile()) { present.set(name, { sha256: 'not a regular file', bytes: -1 }); continue; }
      const b = readFileSync(path);
      present.set(name, { sha256: sha256Hex(b), bytes: b.length });
      data.set(name, b);
    } else if (!s.isDirectory()) {
      present.set(name, {});
    }
  }
  const all = checkAgainstManifest(dir, manifest, present);
  if (all.length) throw new InputError(refusal(dir, all));
  for (const sub of nested) if (manifest.files.some((f) => f.name === `${sub}/${RUN_MANIFEST}`)) readRunDirectory(join(dir, sub));
  return {
    dir, manifest,
    bytes(name) {
      const b = data.get(name);
      if (!b) throw new Error(`${dir}/${name}: not a file of this run`);
      return b;
    },
    viewerTexts() {
      const texts: RunFileTexts = {};
      for (const f of VIEWER_FILES) { const b = data.get(f); if (b) texts[f] = b.toString('utf8'); }
      return texts;
    },
  };
}

/** Read, check and parse a run directory for the viewer and the report (network.json required). */
export function loadRunDirectory(dir: string): RunData {
  const run = readRunDirectory(dir);
  return parseRun(basename(resolve(dir)), run.viewerTexts());
}

/** Check file names given to {@link writeRunDirectory} without writing (for callers that build content piecewise). */
export function isRunFileName(name: string): boolean {
  return isSafeRunFileName(name) && (name in RUN_FILES || EXTRA_FILE_NAME.test(name));
}

/** Write a run directory under the system's temporary folder (for viewing something that is not one, such as a proposal); `remove` deletes it. */
export function writeTemporaryRunDirectory(name: string, content: RunContent): { dir: string; remove(): void } {
  const parent = mkdtempSync(join(tmpdir(), 'patrolsim-view-'));
  const dir = join(parent, name);
  writeRunDirectory(dir, content);
  return { dir, remove: () => rmSync(parent, { recursive: true, force: true }) };
}

/** Whether a path is an existing regular file (a proposal, say) rather than a run directory. */
export function isPlainFile(path: string): boolean {
  try { return statSync(path).isFile(); } catch { return false; }
}
