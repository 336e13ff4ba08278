import { randomBytes } from 'node:crypto';
import { closeSync, existsSync, fsyncSync, mkdirSync, openSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { InputError } from './input-error.ts';

/**
 * Write a file atomically: to a temporary file beside it, then rename. A reader never sees half a file,
 * and an interrupted run leaves the old file (or none).
 */
export function writeFileAtomic(path: string, data: string | Uint8Array): void {
  mkdirSync(dirname(path), { recursive: true });
  const tmp = `${path}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`; // matches ATOMIC_TEMP_FILE
  try {
    const fd = openSync(tmp, 'w');
    try {
      writeSync(fd, typeof data === 'string' ? Buffer.from(data, 'utf8') : data);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(tmp, path);
  } catch (err) {
    rmSync(tmp, { force: true });
    throw err;
  }
}

/** The temporary files writeFileAtomic leaves when killed mid-write: `<name>.<pid>.<8 hex>.tmp`. */
export const ATOMIC_TEMP_FILE = /^.+\.(\d+)\.[0-9a-f]{8}\.tmp$/;

/**
 * Remove the temporary files a killed writer left beside `path` (of any file in its directory, the
 * writer's process gone). Returns the names removed.
 */
export function removeStaleTempFiles(dir: string): string[] {
  let names: string[];
  try { names = readdirSync(dir); } catch { return []; }
  const removed: string[] = [];
  for (const name of names) {
    const m = ATOMIC_TEMP_FILE.exec(name);
    if (!m || processAlive(Number(m[1]))) continue;
    rmSync(join(dir, name), { force: true });
    removed.push(name);
  }
  return removed;
}

/** Whether a process of this machine is running (ours always is). */
export function processAlive(pid: number): boolean {
  if (pid === process.pid) return true;
  try { process.kill(pid, 0); return true; } catch (err) { return (err as NodeJS.ErrnoException).code === 'EPERM'; }
}

/**
 * Write a result file for people (a report, a proposal, GeoJSON): {@link writeFileAtomic}, after removing
 * the temporary files killed runs left in its directory.
 */
export function writeOutputFile(path: string, data: string | Uint8Array): void {
  removeStaleTempFiles(dirname(path));
  writeFileAtomic(path, data);
}

/** Remove every temporary file an interrupted writeFileAtomic left in `dir`, live writers' too (for a directory this run owns, such as a resumed batch's). */
export function removeAtomicTempFiles(dir: string): void {
  if (!existsSync(dir)) return;
  for (const f of readdirSync(dir)) if (ATOMIC_TEMP_FILE.test(f)) rmSync(join(dir, f), { force: true });
}

/** Read a file as bytes, turning "not found" and "is a directory" into clear input errors. */
export function readInputBytes(path: string, what = 'file'): Buffer {
  try {
    if (statSync(path).isDirectory()) throw new InputError(`${path}: expected a ${what}, found a directory`);
    return readFileSync(path);
  } catch (err) {
    if (err instanceof InputError) throw err;
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new InputError(`${path}: ${what} not found`);
    if (code === 'EACCES') throw new InputError(`${path}: permission denied`);
    throw err;
  }
}

/** Read a UTF-8 text file (a leading byte-order mark is dropped). */
export function readInputText(path: string, what = 'file'): string {
  const text = readInputBytes(path, what).toString('utf8');
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/** Whether a regular file exists at `path` (false for a directory or nothing). */
export function isFile(path: string): boolean {
  try { return statSync(path).isFile(); } catch { return false; }
}

/** Whether anything exists at `path`. */
export function pathExists(path: string): boolean {
  try { statSync(path); return true; } catch { return false; }
}

/** Whether `path` is an existing directory. */
export function isDirectory(path: string): boolean {
  try { return statSync(path).isDirectory(); } catch { return false; }
}

/** The entry names of a directory, unsorted; none when it does not exist. */
export function listDirectory(dir: string): string[] {
  try { return readdirSync(dir); } catch (err) { if ((err as NodeJS.ErrnoException).code === 'ENOENT') return []; throw err; }
}

/** A file's text (UTF-8) as written by patrolsim itself; errors propagate (callers name the file). */
export function readOwnText(path: string): string {
  return readFileSync(path, 'utf8');
}

/** Remove a file if it is there. */
export function removeFile(path: string): void {
  rmSync(path, { force: true });
}
