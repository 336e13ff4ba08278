import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { sha256Hex } from '../hash.ts';
import { InputError } from '../input-error.ts';
import { readRunDirectory, removeStaleTemps, replaceProblem, writeRunDirectory } from './run-directory.ts';

const root = mkdtempSync(join(tmpdir(), 'patrolsim-rundir-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
let n = 0;
const fresh = () => join(root, `run-${++n}`);
const NET = '{"version":"0"}\n';

describe('writing a run directory', () => {
  it('writes every file and run.json listing each with its size and sha256, and nothing else', () => {
    const dir = fresh();
    const m = writeRunDirectory(dir, { producer: 'test', seed: 7, files: { 'posts.json': '{"posts":[]}\n', 'network.json': NET } });
    expect(readdirSync(dir).sort()).toEqual(['network.json', 'posts.json', 'run.json']);
    expect(m.files).toEqual([
      { name: 'network.json', bytes: NET.length, sha256: sha256Hex(NET) },
      { name: 'posts.json', bytes: 13, sha256: sha256Hex('{"posts":[]}\n') },
    ]);
    expect(JSON.parse(readFileSync(join(dir, 'run.json'), 'utf8'))).toMatchObject({ format: 'patrolsim-run', formatVersion: 1, producer: 'test', seed: 7, scenarioHash: null });
    expect(readdirSync(root).filter((f) => f.startsWith('.'))).toEqual([]);
  });

  it('replaces an older run whole: a file only the old run had is gone', () => {
    const dir = fresh();
    writeRunDirectory(dir, { producer: 'coverage', files: { 'network.json': NET, 'coverage.json': '{}\n' } });
    writeRunDirectory(dir, { producer: 'simulate', files: { 'network.json': NET, 'summary.json': '{}\n' } });
    expect(readdirSync(dir).sort()).toEqual(['network.json', 'run.json', 'summary.json']);
    expect(readRunDirectory(dir).manifest.producer).toBe('simulate');
  });

  it('refuses to replace a file, or a directory holding other things, and leaves them as they were', () => {
    const file = join(root, 'a-file');
    writeFileSync(file, 'keep me');
    expect(() => writeRunDirectory(file, { producer: 'test', files: { 'network.json': NET } })).toThrow(/is a file, not a directory/);
    const mine = fresh();
    mkdirSync(mine);
    writeFileSync(join(mine, 'thesis.tex'), 'keep me');
    expect(() => writeRunDirectory(mine, { producer: 'test', files: { 'network.json': NET } })).toThrow(/holds other things than a run \(thesis\.tex\)/);
    expect(readFileSync(join(mine, 'thesis.tex'), 'utf8')).toBe('keep me');
    expect(readFileSync(file, 'utf8')).toBe('keep me');
  });

  it('may replace a directory of run files written before run.json existed (a legacy run)', () => {
    const dir = fresh();
    mkdirSync(join(dir, 'before'), { recursive: true });
    writeFileSync(join(dir, 'compare.json'), '{}');
    writeFileSync(join(dir, 'before', 'network.json'), '{}');
    expect(replaceProblem(dir)).toBeUndefined();
  });

  it('seals nested runs: the outer run.json lists each inner run.json', () => {
    const dir = fresh();
    writeRunDirectory(dir, { producer: 'demo', files: { 'compare.json': '{}\n' }, runs: { before: { producer: 'demo', files: { 'network.json': NET } } } });
    const outer = readRunDirectory(dir);
    expect(outer.manifest.files.map((f) => f.name)).toEqual(['before/run.json', 'compare.json']);
    writeFileSync(join(dir, 'before', 'network.json'), '{"version":"1"}\n');
    expect(() => readRunDirectory(dir)).toThrow(/before: incomplete or mixed run directory: network\.json: changed/);
  });

  it('removes the temporary directories of dead writers, not of live ones', () => {
    const parent = fresh();
    mkdirSync(parent);
    const dead = '.x.patrolsim-tmp-999999999-0123abcd';
    const live = `.x.patrolsim-old-${process.pid}-0123abcd`;
    mkdirSync(join(parent, dead));
    mkdirSync(join(parent, live));
    expect(removeStaleTemps(parent)).toEqual([dead]);
    expect(existsSync(join(parent, live))).toBe(true);
  });
});

describe('reading a run directory', () => {
  const run = () => {
    const dir = fresh();
    writeRunDirectory(dir, { producer: 'simulate', seed: 1, files: { 'network.json': NET, 'summary.json': '{"seed":1}\n' } });
    return dir;
  };
  const refusal = (dir: string) => {
    try { readRunDirectory(dir); } catch (err) { expect(err).toBeInstanceOf(InputError); return (err as Error).message; }
    throw new Error('expected a refusal');
  };

  it('reads a complete run', () => {
    expect(readRunDirectory(run()).bytes('summary.json').toString()).toBe('{"seed":1}\n');
  });

  it('refuses a directory without run.json (interrupted, or by hand)', () => {
    const dir = run();
    rmSync(join(dir, 'run.json'));
    expect(refusal(dir)).toMatch(/incomplete run directory: no run\.json/);
  });

  it('refuses, in one line, a file copied in from another run', () => {
    const dir = run();
    writeFileSync(join(dir, 'coverage.json'), '{}');
    const msg = refusal(dir);
    expect(msg).toMatch(/incomplete or mixed run directory: coverage\.json: not part of this run/);
    expect(msg).not.toContain('\n');
  });

  it('refuses a listed file that changed or went missing', () => {
    const a = run();
    writeFileSync(join(a, 'summary.json'), '{"seed":2}\n');
    expect(refusal(a)).toMatch(/summary\.json: changed since simulate wrote the directory/);
    const b = run();
    rmSync(join(b, 'summary.json'));
    expect(refusal(b)).toMatch(/summary\.json: missing \(run\.json lists it\)/);
  });

  it('refuses a run.json that lists a path outside the directory', () => {
    const dir = run();
    const m = JSON.parse(readFileSync(join(dir, 'run.json'), 'utf8'));
    m.files.push({ name: '../../etc/passwd', bytes: 1, sha256: '0'.repeat(64) });
    writeFileSync(join(dir, 'run.json'), JSON.stringify(m));
    expect(refusal(dir)).toMatch(/files\[2\]\.name: expected a plain file name/);
  });

  it('ignores files that are not part of the contract (notes beside a run)', () => {
    const dir = run();
    writeFileSync(join(dir, 'notes.txt'), 'my notes');
    expect(() => readRunDirectory(dir)).not.toThrow();
  });
});
