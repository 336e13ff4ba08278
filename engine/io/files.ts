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
export const ATOMIC_TEMP_FILE = /^.+\.\d+\.[0-9a-f]{8}\.tmp$/;

/** Remove the temporary files an interrupted writeFileAtomic left in `dir` (only those; other files stay). */
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
