import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadHighsSolver } from '../../engine/optimize/highs-solver.ts';
import { createJslpSolver } from '../../engine/optimize/jslp-solver.ts';
import type { MilpSolver } from '../../engine/optimize/milp.ts';
import { optimize } from '../../engine/optimize/optimize.ts';
import { parsePmed, parsePmedOptima, parseScp } from '../../engine/optimize/orlib.ts';
import { parseSpoptSf } from '../../engine/optimize/spopt-sf.ts';
import { pairCost, totalWeight } from '../../engine/optimize/problem.ts';

// Published optima (OR-Library, spopt's tests): truths nobody on this project computed.
const data = join(import.meta.dirname, '../../scenarios/data');
const read = (p: string) => readFileSync(join(data, p), 'utf8');
let highs: MilpSolver;
beforeAll(async () => { highs = await loadHighsSolver(); });

describe('OR-Library p-median', () => {
  it('pmed1 reaches its published optimum 5819, proven by HiGHS', () => {
    const optima = parsePmedOptima(read('orlib-pmed/pmedopt.txt'));
    const { problem, p } = parsePmed(read('orlib-pmed/pmed1.txt'), 'pmed1.txt');
    const r = optimize(problem, { model: 'pmedian', facilities: p, solver: 'highs', solvers: { highs } });
    expect(r.status).toBe('optimal');
    expect(r.objective).toBe(optima.get('pmed1'));
    expect(r.selected).toHaveLength(5);
  });

  it('a repeated edge keeps its last cost, not the smaller one', () => {
    // Edge 1-2 is listed twice, 5 then 9: the last line wins, so d(1,2) = 9, and d(1,3) = 9 + 1.
    const { problem } = parsePmed('3 3 1\n1 2 5\n1 2 9\n2 3 1\n', 't.txt');
    expect(pairCost(problem, 0, 1)).toBe(9);
    expect(pairCost(problem, 0, 2)).toBe(10);
  });
});

describe('OR-Library set covering as LSCP', () => {
  it('scp41 reaches its published optimum 429 with HiGHS and with jslp', () => {
    const problem = parseScp(read('orlib-scp/scp41.txt'), 'scp41.txt');
    for (const solver of ['highs', 'jslp'] as const) {
      const r = optimize(problem, { model: 'lscp', targetS: 0, solver, solvers: { highs, jslp: createJslpSolver() } });
      expect(r.objective).toBe(429);
      // jslp gives no bound of its own; the Lagrangian bound (428.01, so >= 429 for integer costs) proves it.
      expect(r.status).toBe('optimal');
      expect(r.bound).toBe(429);
    }
  });
});

describe("spopt's San Francisco case", () => {
  const sf = () => parseSpoptSf(read('mclp-spopt-sf/SF_network_distance_candidateStore_16_censusTract_205_new.csv'), 'sf.csv',
    read('mclp-spopt-sf/SF_demand_205_centroid_uniform_weight.csv'), 'sf-demand.csv');

  it('MCLP r = 5000 m, p = 4 covers POP2000 875,247 in 184 of 205 tracts', () => {
    const p = sf();
    const r = optimize(p, { model: 'mclp', targetS: 5000, facilities: 4, solver: 'highs', solvers: { highs } });
    expect(r.status).toBe('optimal');
    expect(r.objective).toBe(875247);
    // Tracts covered: unique over all optima (SOURCE.md).
    const covered = new Set<number>();
    r.units.forEach((u, j) => { if (u) for (let k = p.reachStart[j]; k < p.reachStart[j + 1]; k++) if (p.reachCost[k] <= 5000) covered.add(p.reachDemand[k]); });
    expect(covered.size).toBe(184);
  });

  it('LSCP r = 5000 m needs 8 stores; p-median p = 4 has mean distance 2982.1268579890657', () => {
    const p = sf();
    expect(optimize(p, { model: 'lscp', targetS: 5000, solvers: { highs } }).objective).toBe(8);
    const r = optimize(p, { model: 'pmedian', facilities: 4, solvers: { highs } });
    expect(r.status).toBe('optimal');
    expect(r.objective / totalWeight(p)).toBeCloseTo(2982.1268579890657, 6);
  });
});
