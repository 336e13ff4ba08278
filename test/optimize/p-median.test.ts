import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import seedrandom from 'seedrandom';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadHighsSolver } from '../../engine/optimize/highs-solver.ts';
import { createJslpSolver } from '../../engine/optimize/jslp-solver.ts';
import { maxViolation, milpObjective, type MilpSolver } from '../../engine/optimize/milp.ts';
import { optimize } from '../../engine/optimize/optimize.ts';
import { parsePmed, parsePmedOptima } from '../../engine/optimize/orlib.ts';
import { buildPMedianModel, evaluatePMedian } from '../../engine/optimize/p-median.ts';
import { createLocationProblem, type LocationProblem } from '../../engine/optimize/problem.ts';
import { solvePMedian } from '../../engine/optimize/solve-p-median.ts';

// The p-median pipeline (warm start, Lagrangian fixing, Elloumi's formulation) against truths
// nobody on this project computed (OR-Library's optima) and against brute force.
const data = join(import.meta.dirname, '../../scenarios/data/orlib-pmed');
let highs: MilpSolver;
beforeAll(async () => { highs = await loadHighsSolver(); });

/**
 * A random instance: `ni` demand points, `nj` sites, costs 1..20 (many ties, as on road networks
 * with rounded times) or fractional, some pairs unreachable, weights 1..5 or fractional, maybe a
 * fixed (existing) site and a forbidden one.
 */
function randomProblem(seed: string, ni: number, nj: number, opts: { fractional?: boolean; fixed?: boolean; forbidden?: boolean; sparse?: boolean } = {}): LocationProblem {
  const rng = seedrandom(seed);
  const c: number[] = [], d: number[] = [], v: number[] = [];
  for (let j = 0; j < nj; j++) {
    for (let i = 0; i < ni; i++) {
      if (opts.sparse && rng() < 0.3 && j !== i % nj) continue; // site i mod nj always reaches i
      c.push(j); d.push(i); v.push(opts.fractional ? rng() * 20 : 1 + Math.floor(rng() * 20));
    }
  }
  return createLocationProblem({
    demandIds: Array.from({ length: ni }, (_, i) => `d${i}`),
    demandWeight: Array.from({ length: ni }, () => (opts.fractional ? 0.5 + rng() * 4 : 1 + Math.floor(rng() * 5))),
    candidateIds: Array.from({ length: nj }, (_, j) => `s${j}`),
    minUnits: Array.from({ length: nj }, (_, j) => (opts.fixed && j === 1 ? 1 : 0)),
    maxUnits: Array.from({ length: nj }, (_, j) => (opts.forbidden && j === 0 ? 0 : 1 << 30)),
    pairs: { candidate: c, demand: d, cost: v },
  });
}

/** The least objective over every P-subset of the sites that may open (fixed ones included). */
function bruteForce(p: LocationProblem, P: number): number {
  const nj = p.candidateIds.length;
  let best = Infinity;
  for (let mask = 0; mask < 1 << nj; mask++) {
    let count = 0, ok = true;
    const open = new Int32Array(nj);
    for (let j = 0; j < nj; j++) {
      if ((mask >> j) & 1) { open[j] = 1; count++; if (p.maxUnits[j] < 1) ok = false; } else if (p.minUnits[j] >= 1) ok = false;
    }
    if (ok && count === P) best = Math.min(best, evaluatePMedian(p, open));
  }
  return best;
}

const CASES = [
  { seed: 'a', ni: 14, nj: 9, P: 3, opts: {} },
  { seed: 'b', ni: 14, nj: 9, P: 2, opts: { fixed: true, forbidden: true } },
  { seed: 'c', ni: 12, nj: 10, P: 4, opts: { fractional: true } },
  { seed: 'd', ni: 15, nj: 9, P: 3, opts: { sparse: true, fixed: true } },
  { seed: 'e', ni: 10, nj: 10, P: 5, opts: { sparse: true, forbidden: true, fractional: true } },
  { seed: 'f', ni: 16, nj: 8, P: 1, opts: {} },
] as const;

describe('p-median against brute force on small random instances', () => {
  it.each(CASES)('HiGHS proves the brute-force optimum (seed $seed, P = $P)', ({ seed, ni, nj, P, opts }) => {
    const p = randomProblem(seed, ni, nj, opts);
    const best = bruteForce(p, P);
    const r = optimize(p, { model: 'pmedian', facilities: P, solver: 'highs', solvers: { highs } });
    expect(r.status).toBe('optimal');
    expect(r.objective).toBeCloseTo(best, 9);
    expect(r.bound).toBeLessThanOrEqual(best + 1e-9);
  });

  it.each(CASES)('jslp on the same reduced model reaches it too (seed $seed)', ({ seed, ni, nj, P, opts }) => {
    const p = randomProblem(seed, ni, nj, opts);
    const r = optimize(p, { model: 'pmedian', facilities: P, solver: 'jslp', solvers: { jslp: createJslpSolver() } });
    expect(r.objective).toBeCloseTo(bruteForce(p, P), 9);
  });
});

describe("Elloumi's formulation", () => {
  it('scores every deployment at its p-median objective, and the deployment satisfies every row', () => {
    const p = randomProblem('g', 12, 9, { sparse: true, fixed: true, forbidden: true, fractional: true });
    const m = buildPMedianModel(p, 4);
    const rng = seedrandom('open sets');
    for (let trial = 0; trial < 40; trial++) {
      const open = new Int32Array(9);
      open[1] = 1; // the fixed site
      while (open.reduce((s, x) => s + x, 0) < 4) { const j = 2 + Math.floor(rng() * 7); open[j] = 1; }
      const objective = evaluatePMedian(p, open);
      if (objective === Infinity) continue;
      const x = m.encode(open);
      expect(maxViolation(m.milp, x)).toBeLessThanOrEqual(1e-9);
      expect(milpObjective(m.milp, x)).toBeCloseTo(objective, 9);
    }
  });

  it('is integral-valued exactly when weights and costs are integers', () => {
    expect(buildPMedianModel(randomProblem('h', 6, 5), 2).milp.objectiveIntegral).toBe(true);
    expect(buildPMedianModel(randomProblem('h', 6, 5, { fractional: true }), 2).milp.objectiveIntegral).toBe(false);
  });

  it('has one row per distinct cost, not one per pair', () => {
    // Demand 0 sees sites at costs 1, 1, 2, 2, 2: two levels, so one z column and two rows.
    const p = createLocationProblem({
      demandIds: ['a'], candidateIds: ['1', '2', '3', '4', '5'],
      pairs: { candidate: [0, 1, 2, 3, 4], demand: [0, 0, 0, 0, 0], cost: [1, 1, 2, 2, 2] },
    });
    const m = buildPMedianModel(p, 1);
    expect(m.milp.numCols).toBe(5 + 1);
    expect(m.milp.numRows).toBe(2 + 1); // two levels and Σ y = P
  });

  it('names a demand point no site that may open reaches, instead of solving', () => {
    const p = createLocationProblem({
      demandIds: ['a', 'b'], candidateIds: ['1', '2'], maxUnits: [1, 0],
      pairs: { candidate: [0, 1], demand: [0, 1], cost: [3, 4] },
    });
    const r = solvePMedian(p, 1, highs);
    expect(r.status).toBe('infeasible');
    expect(r.message).toMatch(/1 demand points are reached by no site that may open \(first: b\)/);
  });
});

describe('p-median without an answer', () => {
  it('is infeasible, saying so, when no P sites reach every demand point (and brute force agrees)', () => {
    // Site j reaches only demand j: two demand points need two sites, P = 1 cannot serve both.
    const p = createLocationProblem({ demandIds: ['a', 'b'], candidateIds: ['1', '2'], pairs: { candidate: [0, 1], demand: [0, 1], cost: [0, 0] } });
    expect(bruteForce(p, 1)).toBe(Infinity);
    const r = optimize(p, { model: 'pmedian', facilities: 1, solvers: { highs } });
    expect(r.status).toBe('infeasible');
    expect(r.message).toMatch(/no 1 sites reach every demand point/);
  });
});

describe('OR-Library p-median (published optima, pmedopt.txt)', () => {
  const optima = parsePmedOptima(readFileSync(join(data, 'pmedopt.txt'), 'utf8'));
  it.each([1, 2, 3, 4, 5, 6, 7, 8, 9, 10])('pmed%i reaches its published optimum, proven (bound = objective)', (n) => {
    const { problem, p } = parsePmed(readFileSync(join(data, `pmed${n}.txt`), 'utf8'), `pmed${n}.txt`);
    const r = optimize(problem, { model: 'pmedian', facilities: p, solvers: { highs }, timeLimitS: 120 });
    expect(r.status).toBe('optimal');
    expect(r.objective).toBe(optima.get(`pmed${n}`));
    expect(r.bound).toBe(r.objective);
    expect(r.selected).toHaveLength(p);
  }, 180_000);
});
