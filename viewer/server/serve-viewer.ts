/**
 * The viewer's HTTP server: the bundle at `/`, the run list at `/api/runs`, and the run directories'
 * files at `/runs/<index>/<file>`. It listens on 127.0.0.1 only and serves nothing outside the bundle
 * and the directories it was given: a request whose path, once percent-decoded, has a `..` or `.`
 * segment, a backslash, a NUL, or resolves (symlinks included) outside its root gets 403.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { existsSync, readdirSync, readFileSync, realpathSync, statSync } from 'node:fs';
import { basename, dirname, extname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import type { AddressInfo } from 'node:net';
import { InputError } from '../../engine/io/input-error.ts';
import { RUN_FILES } from '../src/model/run-data.ts';

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
 * The run directories to serve, checked up front: each must exist, be a directory and hold
 * network.json. A comparison directory (what the demo writes: `before/`, `after/`, `compare.json`)
 * stands for its two runs. `compareFile` is the comparison's compare.json: the comparison directory's,
 * or the one in the common parent of exactly two given directories.
 */
export function resolveRunDirs(dirs: readonly string[]): { dirs: string[]; compareFile: string | null } {
  if (dirs.length === 0) throw new InputError('give at least one run directory (patrolsim view <dir...>)');
  const problems: string[] = [];
  let compareFile: string | null = null;
  const out: string[] = [];
  for (const d of dirs) {
    const abs = resolve(d);
    if (!existsSync(abs)) { problems.push(`${d}: directory not found`); continue; }
    if (!statSync(abs).isDirectory()) { problems.push(`${d}: expected a run directory, found a file`); continue; }
    if (!existsSync(join(abs, 'network.json')) && existsSync(join(abs, 'before', 'network.json')) && existsSync(join(abs, 'after', 'network.json'))) {
      out.push(join(abs, 'before'), join(abs, 'after'));
      if (existsSync(join(abs, 'compare.json'))) compareFile = join(abs, 'compare.json');
      continue;
    }
    if (!existsSync(join(abs, 'network.json'))) problems.push(`${d}/network.json: file not found (a run directory needs network.json, or before/ and after/ run directories; see docs/run-directory.md)`);
    out.push(abs);
  }
  if (problems.length) throw new InputError(problems.join('\n'));
  if (out.length > 2) throw new InputError(`give one or two run directories (or one comparison directory), got ${out.length} runs`);
  if (!compareFile && dirs.length === 2 && out.length === 2) {
    const parent = dirname(out[0]);
    if (dirname(out[1]) === parent && existsSync(join(parent, 'compare.json'))) compareFile = join(parent, 'compare.json');
  }
  return { dirs: out, compareFile };
}

/** Check the run directories up front (see resolveRunDirs); returns them as absolute paths. */
export function checkRunDirs(dirs: readonly string[]): string[] {
  return resolveRunDirs(dirs).dirs;
}

export async function startViewerServer(opts: { dirs: readonly string[]; distDir: string; port?: number }): Promise<ViewerServer> {
  const { dirs, compareFile } = resolveRunDirs(opts.dirs);
  const names = uniqueNames(dirs);
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
      return send(200, JSON.stringify(dirs.map((d, index) => ({ index, name: names[index], files: ([...RUN_FILES] as string[]).filter((f) => existsSync(join(d, f))).concat(readdirSync(d).filter((f) => f.endsWith('.csv')).sort()) }))), MIME['.json']);
    }
    if (path === '/api/compare') {
      if (!compareFile || !existsSync(compareFile)) return send(404, 'no comparison');
      return send(200, readFileSync(compareFile, 'utf8'), MIME['.json']);
    }
    let file: string | null;
    const m = /^\/runs\/(\d+)(\/.*)?$/.exec(path);
    if (m) {
      const dir = dirs[Number(m[1])];
      if (!dir) return send(404, 'no such run');
      file = resolveInside(dir, m[2] ?? '/');
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
