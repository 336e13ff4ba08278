import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { networkInterfaces, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveInside, resolveRunDirs, startViewerServer, type ViewerServer } from './serve-viewer.ts';
import { InputError } from '../../engine/io/input-error.ts';
import { writeRunDirectory } from '../../engine/io/run-directory/run-directory.ts';

const SECRET = 'TOP-SECRET-OUTSIDE-THE-RUN';

/** GET a path exactly as written (no client-side normalisation of `..` or percent escapes). */
function rawGet(port: number, path: string, host = '127.0.0.1'): Promise<{ status: number; body: string }> {
  return new Promise((ok, fail) => {
    const req = request({ host, port, path, method: 'GET', timeout: 3000 }, (res) => {
      let body = '';
      res.on('data', (c) => { body += c; });
      res.on('end', () => ok({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', fail);
    req.on('timeout', () => { req.destroy(new Error('timeout')); });
    req.end();
  });
}

let root: string, srv: ViewerServer;
beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'patrolsim-serve-'));
  // root/secret.txt is outside both the bundle (root/dist) and the run (root/runs/a).
  writeFileSync(join(root, 'secret.txt'), SECRET);
  mkdirSync(join(root, 'dist'));
  writeFileSync(join(root, 'dist', 'index.html'), '<!doctype html><p>viewer</p>');
  const network = readFileSync(join(import.meta.dirname, '../test/fixtures/tiny-grid/network.json'), 'utf8');
  writeRunDirectory(join(root, 'runs', 'a'), { producer: 'test', files: { 'network.json': network } });
  writeRunDirectory(join(root, 'runs', 'no-network'), { producer: 'test', files: { 'posts.json': '{"version":"0","posts":[]}\n' } });
  symlinkSync(join(root, 'secret.txt'), join(root, 'runs', 'a', 'link.json'));
  srv = await startViewerServer({ dirs: [join(root, 'runs', 'a')], distDir: join(root, 'dist') });
});
afterAll(async () => { await srv?.close(); rmSync(root, { recursive: true, force: true }); });

describe('viewer server', () => {
  it('listens on the loopback address only', () => {
    expect(srv.address.address).toBe('127.0.0.1');
    expect(srv.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
  });

  it('is not reachable on the machine\'s other addresses', async () => {
    const other = Object.values(networkInterfaces()).flat().find((a) => a && a.family === 'IPv4' && !a.internal);
    if (!other) return; // no non-loopback interface on this machine: nothing more to check
    await expect(rawGet(srv.address.port, '/', other.address)).rejects.toThrow(/ECONNREFUSED|EHOSTUNREACH|timeout/);
  });

  it('serves the bundle, the run list and the run files', async () => {
    expect((await rawGet(srv.address.port, '/')).body).toContain('viewer');
    const list = JSON.parse((await rawGet(srv.address.port, '/api/runs')).body) as { name: string; files: string[] }[];
    expect(list).toEqual([{ index: 0, name: 'a', files: ['network.json'] }]);
    const net = await rawGet(srv.address.port, '/runs/0/network.json');
    expect(net.status).toBe(200);
    expect(JSON.parse(net.body).nodes.ids.length).toBe(12);
  });

  const attacks = [
    '/runs/0/../../secret.txt',
    '/runs/0/..%2f..%2fsecret.txt',
    '/runs/0/%2e%2e/%2e%2e/secret.txt',
    '/runs/0/%2E%2E%2F%2E%2E%2Fsecret.txt',
    '/runs/0/%252e%252e/%252e%252e/secret.txt',
    '/runs/0/..%5c..%5csecret.txt',
    '/runs/0/network.json%00/../../../secret.txt',
    '/..%2fsecret.txt',
    '/%2e%2e/secret.txt',
    '/runs/0/link.json',
    '/runs/0/%2fetc%2fpasswd',
    '/runs/0/%ZZ',
  ];
  it.each(attacks)('refuses %s', async (path) => {
    const res = await rawGet(srv.address.port, path);
    expect(res.status === 403 || res.status === 400 || res.status === 404).toBe(true);
    expect(res.body).not.toContain(SECRET);
    expect(res.body).not.toContain('root:');
  });

  it('answers 403 (not 404) to an encoded ".." so refusals are visible', async () => {
    expect((await rawGet(srv.address.port, '/runs/0/..%2f..%2fsecret.txt')).status).toBe(403);
    expect((await rawGet(srv.address.port, '/runs/0/link.json')).status).toBe(403);
  });

  it('resolves plain names inside the root and refuses everything else', () => {
    const run = join(root, 'runs', 'a');
    expect(resolveInside(run, '/network.json')).toMatch(/network\.json$/);
    expect(resolveInside(run, '/a%2fb')).toBeNull();
    expect(resolveInside(run, '/..')).toBeNull();
  });

  it('refuses to start on a missing directory, one that is not a complete run, or one without network.json, naming it', async () => {
    await expect(startViewerServer({ dirs: [join(root, 'nope')], distDir: join(root, 'dist') })).rejects.toThrow(InputError);
    await expect(startViewerServer({ dirs: [join(root, 'dist')], distDir: join(root, 'dist') })).rejects.toThrow(/dist: incomplete run directory: no run\.json/);
    await expect(startViewerServer({ dirs: [join(root, 'runs', 'no-network')], distDir: join(root, 'dist') })).rejects.toThrow(/no-network\/network\.json: file not found/);
  });

  it('serves only the files run.json lists, and run.json', async () => {
    writeFileSync(join(root, 'runs', 'a', 'notes.txt'), 'not part of the run');
    expect((await rawGet(srv.address.port, '/runs/0/notes.txt')).status).toBe(404);
    expect(JSON.parse((await rawGet(srv.address.port, '/runs/0/run.json')).body).producer).toBe('test');
  });
});

describe('viewer server: a comparison run directory', () => {
  const net = () => readFileSync(join(import.meta.dirname, '../test/fixtures/tiny-grid/network.json'), 'utf8');
  const cmp = '{"version":"0","before":{"label":"x"},"after":{"label":"y"}}\n';

  it('opens the demo\'s directory (runs before/ and after/, compare.json) as its two runs and serves compare.json', async () => {
    const dir = join(root, 'cmp');
    writeRunDirectory(dir, { producer: 'test', files: { 'compare.json': cmp }, runs: { before: { producer: 'test', files: { 'network.json': net() } }, after: { producer: 'test', files: { 'network.json': net() } } } });
    const s = await startViewerServer({ dirs: [dir], distDir: join(root, 'dist') });
    try {
      const list = JSON.parse((await rawGet(s.address.port, '/api/runs')).body) as { name: string }[];
      expect(list.map((r) => r.name)).toEqual(['before', 'after']);
      const c = await rawGet(s.address.port, '/api/compare');
      expect(c.status).toBe(200);
      expect(JSON.parse(c.body).after.label).toBe('y');
    } finally { await s.close(); }
    // Given the two runs themselves, compare.json of the run directory holding both is found too.
    const both = resolveRunDirs([join(dir, 'before'), join(dir, 'after')]);
    expect(both.compareFile).toBe(join(dir, 'compare.json'));
  });

  it('has no comparison for unrelated runs (404)', async () => {
    expect((await rawGet(srv.address.port, '/api/compare')).status).toBe(404);
    expect(resolveRunDirs([join(root, 'runs', 'a')]).compareFile).toBeNull();
  });
});
