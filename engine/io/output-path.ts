import { accessSync, constants, realpathSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { replaceProblem } from './run-directory/run-directory.ts';

/**
 * What an output path will be: a file written atomically (a temporary file beside it, renamed), a run
 * directory written whole (a temporary directory beside it, renamed; see run-directory.ts), or a
 * directory written into file by file (batch output, resumable).
 */
export type OutputKind = 'file' | 'run-directory' | 'directory';

/** Trees no output belongs in: writing there fails late, hangs, or does something else entirely. */
const SYSTEM_TREES = ['/proc', '/sys', '/dev'];

/**
 * Why `path` cannot take an output of this kind, or undefined when it can: checked before any work so
 * a bad path fails in a second, not after the computation. The checks: not under /proc, /sys or /dev
 * (symbolic links resolved); an existing file target a regular file, an existing directory target a
 * directory (a run directory: empty, or a run directory to replace); the directory that will hold it
 * (or the nearest existing ancestor, when it is to be created) a writable directory. Permission checks
 * are the operating system's (`access(2)`): the superuser may write where others may not.
 */
export function outputPathProblem(path: string, kind: OutputKind): string | undefined {
  if (path.trim() === '') return 'expected a path, got an empty string';
  const abs = resolve(path);
  const real = realPath(abs);
  for (const tree of SYSTEM_TREES) {
    if (within(tree, abs) || within(tree, real)) return `is under ${tree} (a system directory, not a place for output files)`;
  }
  let st;
  try { st = statSync(abs); } catch { st = undefined; }
  if (st) {
    if (kind === 'file') {
      if (st.isDirectory()) return 'is a directory; expected a file name';
      if (!st.isFile()) return 'is not a regular file (a device, FIFO or socket)';
    } else if (kind === 'run-directory') {
      const p = replaceProblem(abs);
      if (p) return p;
    } else {
      if (!st.isDirectory()) return 'is a file, not a directory';
      return writable(abs);
    }
    return writable(dirname(abs));
  }
  let ancestor = dirname(abs);
  for (;;) {
    let a;
    try { a = statSync(ancestor); } catch { a = undefined; }
    if (a) {
      if (!a.isDirectory()) return `cannot be created: ${ancestor} is a file, not a directory`;
      return writable(ancestor);
    }
    const up = dirname(ancestor);
    if (up === ancestor) return `cannot be created: no existing directory above it`;
    ancestor = up;
  }
}

function writable(dir: string): string | undefined {
  try {
    accessSync(dir, constants.W_OK | constants.X_OK);
    return undefined;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EROFS') return `cannot be written: ${dir} is on a read-only file system`;
    return `cannot be written: ${dir} is not writable (permission denied)`;
  }
}

function within(tree: string, p: string): boolean {
  const rel = relative(tree, p);
  return rel === '' || (!rel.startsWith('..') && !rel.startsWith(sep) && rel !== '..' && !/^[A-Za-z]:/.test(rel));
}

/** The path with the symbolic links of its existing part resolved. */
function realPath(abs: string): string {
  const rest: string[] = [];
  let p = abs;
  for (;;) {
    try { return join(realpathSync(p), ...rest.reverse()); } catch { /* not there yet */ }
    const up = dirname(p);
    if (up === p) return abs;
    rest.push(p.slice(up.length).replace(/^[\\/]/, ''));
    p = up;
  }
}
