import { createHash } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { deriveCellSeed, expandCells } from '../../engine/batch/cells.ts';
import { loadSweep } from '../../engine/batch/load-sweep.ts';
import { formatNumber, parseNumber } from '../../engine/batch/number-format.ts';
import { InputError } from '../../engine/io/input-error.ts';
import { hashSweep, writeSweep } from './fixtures/sweeps.ts';

function problemsOf(sweep: Record<string, unknown>): string {
  const { path } = writeSweep(sweep);
  try {
    loadSweep(path);
  } catch (err) {
    expect(err).toBeInstanceOf(InputError);
    return (err as Error).message;
  }
  throw new Error('expected the sweep to be rejected');
}

describe('loading a sweep', () => {
  it('loads the shipped smoke sweep: 32 cells', () => {
    const sweep = loadSweep('scenarios/sweeps/smoke.json');
    expect(expandCells(sweep)).toHaveLength(32);
    expect(Object.keys(sweep.fileHashes)).toEqual(['smoke-corners.json', 'smoke-grid.json']);
  });

  it('reports every schema problem with the file name and JSON path, together', () => {
    const msg = problemsOf(hashSweep({ replications: 0, seed: -1, colour: 'red', scenarios: [{ name: 'bad name', file: 'a.json' }] }));
    expect(msg).toMatch(/sweep\.json: \/replications: expected a number >= 1, got 0/);
    expect(msg).toMatch(/sweep\.json: \/seed: expected a number >= 0, got -1/);
    expect(msg).toMatch(/sweep\.json: \/colour: unknown field/);
    expect(msg).toMatch(/sweep\.json: \/scenarios\/0\/name: expected a name of letters, digits/);
  });

  it('reports duplicate names, duplicate values and missing files with their JSON paths', () => {
    const msg = problemsOf(hashSweep({
      scenarios: [{ name: 'a', file: 'a.json' }, { name: 'a', file: 'missing.json' }],
      deployments: [{ name: 'd', file: 'nope.json' }],
      parameters: { demandMultiplier: [1, 2, 1], dispatch: [{ name: 'x', queue: true }] },
    }));
    expect(msg).toMatch(/\/scenarios\/1\/name: name "a" is already used by \/scenarios\/0/);
    expect(msg).toMatch(/\/scenarios\/1\/file: .*missing\.json: scenario file not found/);
    expect(msg).toMatch(/\/deployments\/0\/file: .*nope\.json: deployment file not found/);
    expect(msg).toMatch(/\/parameters\/demandMultiplier\/2: value 1 is already listed at \/parameters\/demandMultiplier\/0/);
    expect(msg).toMatch(/\/parameters\/dispatch\/0\/policy: required field is missing/);
  });

  it('points at the line and column of a JSON syntax error', () => {
    const { path } = writeSweep({});
    writeFileSync(path, '{\n  "seed": 1,\n  oops\n}');
    expect(() => loadSweep(path)).toThrow(/sweep\.json:3:\d+: invalid JSON/);
  });
});

describe('cells and seeds', () => {
  it('expands axes in a fixed order, the last axis fastest', () => {
    const cells = expandCells(loadSweep(writeSweep(hashSweep()).path));
    expect(cells).toHaveLength(3 * 2 * 2 * 2);
    expect(cells.slice(0, 3).map((c) => c.key)).toEqual([
      'scenario=a/deployment=d1/demand=1/unitsPerPost=as-deployed/dispatch=scenario/tiers=scenario',
      'scenario=a/deployment=d1/demand=1/unitsPerPost=as-deployed/dispatch=nq/tiers=scenario',
      'scenario=a/deployment=d1/demand=1.5/unitsPerPost=as-deployed/dispatch=scenario/tiers=scenario',
    ]);
    expect(cells.map((c) => c.index)).toEqual(cells.map((_, i) => i));
  });

  it('keeps the seed of every existing cell when a value is inserted into an axis', () => {
    const before = expandCells(loadSweep(writeSweep(hashSweep()).path));
    const after = expandCells(loadSweep(writeSweep(hashSweep({ parameters: { demandMultiplier: [1, 1.25, 1.5], dispatch: [{ name: 'scenario' }, { name: 'nq', policy: 'nearest', queue: false }] } })).path));
    const seedByKey = new Map(after.map((c) => [c.key, c.seed]));
    for (const c of before) expect(seedByKey.get(c.key)).toBe(c.seed);
    expect(new Set(after.map((c) => c.seed)).size).toBe(after.length);
  });

  it('gives cells that differ only in deployment or policy the same seed with common random numbers', () => {
    const plain = expandCells(loadSweep(writeSweep(hashSweep()).path));
    const crn = expandCells(loadSweep(writeSweep(hashSweep({ commonRandomNumbers: true })).path));
    expect(new Set(plain.map((c) => c.seed)).size).toBe(24);
    // 3 scenarios × 2 demand levels
    expect(new Set(crn.map((c) => c.seed)).size).toBe(6);
    expect(crn[0].seed).toBe(crn[1].seed); // dispatch differs
    expect(crn[0].seed).not.toBe(crn[2].seed); // demand differs
  });

  it('derives seeds by a fixed rule: the first 48 bits of sha256("<sweep seed>/<key>")', () => {
    // Pinned: changing this rule reseeds every sweep ever run.
    expect(deriveCellSeed(7, 'scenario=x')).toBe(createHash('sha256').update('7/scenario=x').digest().readUIntBE(0, 6));
    expect(Number.isSafeInteger(deriveCellSeed(2 ** 53 - 1, 'k'))).toBe(true);
  });
});

describe('number format', () => {
  it('round-trips doubles exactly, and Infinity and NaN by name', () => {
    const xs = [0, 1, -1.5, 0.1 + 0.2, 1 / 3, 1e-300, 1.7976931348623157e308, 5e-324, Infinity, -Infinity, 123456789.123456789];
    for (const x of xs) expect(parseNumber(formatNumber(x))).toBe(x);
    expect(Number.isNaN(parseNumber(formatNumber(NaN)))).toBe(true);
    expect(formatNumber(-0)).toBe('0');
  });
});
