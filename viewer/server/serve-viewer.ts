/**
 * The viewer's HTTP server: the bundle at `/`, the run list at `/api/runs`, and the run directories'
 * files at `/runs/<index>/<file>`. It listens on 127.0.0.1 only and serves nothing outside the bundle
 * and the directories it was given: a request whose path, once percent-decoded, has a `..` or `.`
 * segment, a backslash, a NUL, or resolves (symlinks included) outside its root gets 403.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { readFileSync, realpathSync, statSync } from 'node:fs';
import { basename, dirname, extname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import type { AddressInfo } from 'node:net';
import { InputError } from '../../engine/io/input-error.ts';
import type { RunManifest } from '../../engine/io/run-directory/file-types.ts';
import { readRunDirectory } from '../../engine/io/run-directory/run-directory.ts';
import { RUN_MANIFEST } from '../src/model/run-data.ts';

export const LOOPBACK_HOST = '127.0.0.1';

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8', '.json': 'application/json; charset=utf-8', '.csv': 'text/csv; charset=utf-8',
  '.png': 'image/png', '.svg': 'image/svg+xml', '.map': 'application/json', '.wasm': 'application/wasm', '.txt': 'text/plain; charset=utf-8',
};

export interface ViewerServer {
  readonly url: string;
  readonly server: Server;
  readonly address: AddressInfo;
  close(): Promise<void>;
}

/**
 * Map a URL path below a root to a file, or null when it must be refused. `rawPath` is the part after
 * the route prefix, still percent-encoded. Each segment is decoded once; encoded separators or dots
 * that decode to `..`, `/` or `\` are refused rather than interpreted.
 */
export function resolveInside(root: string, rawPath: string): string | null {
  const segments = rawPath.split('/').filter((s) => s !== '');
  const decoded: string[] = [];
  for (const s of segments) {
    let d: string;
    try { d = decodeURIComponent(s); } catch { return null; }
    if (d === '..' || d === '.' || d.includes('/') || d.includes('\\') || d.includes('\0') || d.includes('%')) return null;
    decoded.push(d);
  }
  const rootReal = realpathSync(root);
  const candidate = resolve(rootReal, ...decoded);
  if (!isWithin(rootReal, candidate)) return null;
  let real: string;
  try { real = realpathSync(candidate); } catch { return candidate; /* missing: a 404, still inside */ }
  return isWithin(rootReal, real) ? real : null;
}

function isWithin(root: string, p: string): boolean {
  const rel = relative(root, p);
  return rel === '' || (!rel.startsWith(`..${sep}`) && rel !== '..' && !isAbsolute(rel));
}

/**
 * Check the run directories up front through the engine's one reader: each must be a complete,
 * unmixed run directory (run.json present, every file it lists there unchanged, nothing of another run)
 * holding network.json. A comparison directory (the demo's: a run directory holding the runs before/
 * and after/ and compare.json) stands for its two runs. `compareFile` is the comparison's compare.json:
 * the comparison directory's, or the one in the run directory holding exactly the two given runs.
 */
export function resolveRunDirs(dirs: readonly string[]): { runs: { dir: string; manifest: RunManifest }[]; compareFile: string | null } {
  if (dirs.length === 0) throw new InputError('give at least one run directory (patrolsim view <dir...>)');
  const problems: string[] = [];
  let compareFile: string | null = null;
  const runs: { dir: string; manifest: RunManifest }[] = [];
  const lists = (m: RunManifest, name: string) => m.files.some((f) => f.name === name);
  for (const d of dirs) {
    try {
      const run = readRunDirectory(d);
      if (lists(run.manifest, 'network.json')) { runs.push({ dir: resolve(d), manifest: run.manifest }); continue; }
      if (lists(run.manifest, 'before/run.json') && lists(run.manifest, 'after/run.json')) {
        for (const sub of ['before', 'after']) runs.push({ dir: resolve(d, sub), manifest: readRunDirectory(join(d, sub)).manifest });
        if (lists(run.manifest, 'compare.json')) compareFile = resolve(d, 'compare.json');
        continue;
      }
      problems.push(`${d}/network.json: file not found (a run directory to view needs network.json, or the runs before/ and after/; see docs/run-directory.md)`);
    } catch (err) {
      if (!(err instanceof InputError)) throw err;
      problems.push(err.message);
    }
  }
  if (problems.length) throw new InputError(problems.join('\n'));
  if (!compareFile && dirs.length === 2 && runs.length === 2) {
    const parent = dirname(runs[0].dir);
    if (dirname(runs[1].dir) === parent) {
      try {
        const p = readRunDirectory(parent);
        if (lists(p.manifest, 'compare.json') && lists(p.manifest, `${basename(runs[0].dir)}/run.json`) && lists(p.manifest, `${basename(runs[1].dir)}/run.json`)) compareFile = join(parent, 'compare.json');
      } catch (err) { if (!(err instanceof InputError)) throw err; }
    }
  }
  return { runs, compareFile };
}

/** Check the run directories up front (see resolveRunDirs): the runs to serve with their manifests. */
export function checkRunDirs(dirs: readonly string[]): { dir: string; manifest: RunManifest }[] {
  return resolveRunDirs(dirs).runs;
}

export async function startViewerServer(opts: { dirs: readonly string[]; distDir: string; port?: number }): Promise<ViewerServer> {
  const { runs, compareFile: cmp } = resolveRunDirs(opts.dirs);
  let compareFile = cmp;
  const dirs = runs.map((r) => r.dir);
  const names = uniqueNames(dirs);
  // Only what run.json lists (and run.json itself) is served from a run directory.
  const served = runs.map((r) => new Set([RUN_MANIFEST, ...r.manifest.files.map((f) => f.name).filter((f) => !f.includes('/'))]));
  const handler = (req: IncomingMessage, res: ServerResponse) => {
    const send = (code: number, body: string, type = 'text/plain; charset=utf-8') => {
      res.writeHead(code, { 'content-type': type, 'cache-control': 'no-store', 'x-content-type-options': 'nosniff' });
      res.end(req.method === 'HEAD' ? undefined : body);
    };
    if (req.method !== 'GET' && req.method !== 'HEAD') return send(405, 'method not allowed');
    const rawUrl = req.url ?? '/';
    if (!rawUrl.startsWith('/')) return send(400, 'bad request');
    const path = rawUrl.split('?')[0].split('#')[0];
    if (path === '/api/runs') {
      return send(200, JSON.stringify(dirs.map((_, index) => ({ index, name: names[index], files: [...served[index]].filter((f) => f !== RUN_MANIFEST).sort() }))), MIME['.json']);
    }
    if (path === '/api/compare') {
      if (!compareFile) return send(404, 'no comparison');
      let text: string;
      try { text = readFileSync(compareFile, 'utf8'); } catch { compareFile = null; return send(404, 'no comparison'); }
      return send(200, text, MIME['.json']);
    }
    let file: string | null;
    const m = /^\/runs\/(\d+)(\/.*)?$/.exec(path);
    if (m) {
      const dir = dirs[Number(m[1])];
      if (!dir) return send(404, 'no such run');
      file = resolveInside(dir, m[2] ?? '/');
      if (file !== null && !served[Number(m[1])].has((m[2] ?? '/').replace(/^\//, ''))) return send(404, 'not a file of this run');
    } else {
      file = resolveInside(opts.distDir, path === '/' ? '/index.html' : path);
    }
    if (file === null) return send(403, 'forbidden');
    let body: Buffer;
    try {
      if (!statSync(file).isFile()) return send(404, 'not found');
      body = readFileSync(file);
    } catch { return send(404, 'not found'); }
    res.writeHead(200, { 'content-type': MIME[extname(file).toLowerCase()] ?? 'application/octet-stream', 'content-length': body.length, 'cache-control': 'no-store', 'x-content-type-options': 'nosniff' });
    res.end(req.method === 'HEAD' ? undefined : body);
  };
  const server = createServer(handler);
  await new Promise<void>((ok, fail) => {
    server.once('error', (err: NodeJS.ErrnoException) => fail(err.code === 'EADDRINUSE' ? new InputError(`--port ${opts.port}: port already in use`) : err));
    server.listen(opts.port ?? 0, LOOPBACK_HOST, () => ok());
  });
  const address = server.address() as AddressInfo;
  return {
    url: `http://${LOOPBACK_HOST}:${address.port}/`,
    server, address,
    close: () => new Promise((ok) => { server.closeAllConnections(); server.close(() => ok()); }),
  };
}

/** Directory names for labels; repeated names get their parent prepended. */
function uniqueNames(dirs: readonly string[]): string[] {
  const base = dirs.map((d) => basename(d));
  return base.map((b, i) => (base.indexOf(b) !== base.lastIndexOf(b) ? `${basename(resolve(dirs[i], '..'))}/${b}` : b));
}
