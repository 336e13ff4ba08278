import seedrandom from 'seedrandom';
import { beforeAll, describe, expect, it } from 'vitest';
import { coverageSets } from '../../engine/optimize/coverage-sets.ts';
import { loadHighsSolver } from '../../engine/optimize/highs-solver.ts';
import { createJslpSolver } from '../../engine/optimize/jslp-solver.ts';
import { evaluateLscp } from '../../engine/optimize/lscp.ts';
import { lscpRelaxation } from '../../engine/optimize/lscp-bound.ts';
import { mclpRelaxation } from '../../engine/optimize/mclp-bound.ts';
import { coverageReach } from '../../engine/optimize/mclp-heuristic.ts';
import { evaluateMclp } from '../../engine/optimize/mclp.ts';
import type { MilpSolver } from '../../engine/optimize/milp.ts';
import { evaluatePMedian } from '../../engine/optimize/p-median.ts';
import { pMedianRelaxation } from '../../engine/optimize/p-median-bound.ts';
import { createLocationProblem, type LocationProblem } from '../../engine/optimize/problem.ts';
import { siteBranchAndBound, siteStates, type SiteRelaxation, type SiteSearchOptions } from '../../engine/optimize/site-branch-and-bound.ts';
import { searchNote } from '../../engine/optimize/site-search-handover.ts';
import { solveLscp } from '../../engine/optimize/solve-lscp.ts';
import { solveMclp } from '../../engine/optimize/solve-mclp.ts';
import { solvePMedian } from '../../engine/optimize/solve-p-median.ts';

let highs: MilpSolver;
beforeAll(async () => { highs = await loadHighsSolver(); });

/**
 * A random instance: costs 1..100 (or fractional), 80 % of the pairs reachable, weights 1..9 (or
 * fractional), site costs 1..5; site 0 an existing post and the last site forbidden when `fixed`.
 */
function randomProblem(seed: string, ni: number, nj: number, o: { fixed?: boolean; fractional?: boolean } = {}): LocationProblem {
  const rng = seedrandom(seed);
  const num = (lo: number, hi: number) => (o.fractional ? lo + rng() * (hi - lo) : lo + Math.floor(rng() * (hi - lo + 1)));
  const c: number[] = [], d: number[] = [], v: number[] = [];
  for (let j = 0; j < nj; j++) for (let i = 0; i < ni; i++) if (rng() < 0.8) { c.push(j); d.push(i); v.push(num(1, 100)); }
  return createLocationProblem({
    demandIds: Array.from({ length: ni }, (_, i) => `d${i}`), demandWeight: Array.from({ length: ni }, () => num(1, 9)),
    candidateIds: Array.from({ length: nj }, (_, j) => `c${j}`), siteCost: Array.from({ length: nj }, () => num(1, 5)),
    minUnits: Array.from({ length: nj }, (_, j) => (o.fixed && j === 0 ? 1 : 0)),
    maxUnits: Array.from({ length: nj }, (_, j) => (o.fixed && j === nj - 1 ? 0 : 1)),
    pairs: { candidate: c, demand: d, cost: v },
  });
}

/** The least `score` over every subset of the sites within the problem's limits (of size P when given); Infinity when none. */
function bruteForce(p: LocationProblem, score: (x: Int32Array) => number, P?: number): number {
  const nj = p.candidateIds.length;
  let best = Infinity;
  for (let mask = 0; mask < 1 << nj; mask++) {
    const x = Int32Array.from({ length: nj }, (_, j) => (mask >> j) & 1);
    if (P !== undefined && x.reduce((s, b) => s + b, 0) !== P) continue;
    if (x.some((b, j) => b < Math.min(1, p.minUnits[j]) || (b > 0 && p.maxUnits[j] < 1))) continue;
    best = Math.min(best, score(x));
  }
  return best;
}

interface Case { name: string; P?: number; relaxation(p: LocationProblem): SiteRelaxation; score(p: LocationProblem, x: Int32Array): number }
const T = 40;
const CASES: Case[] = [
  { name: 'p-median', P: 3, relaxation: (p) => pMedianRelaxation(p, 3, { integral: p.demandWeight.every(Number.isInteger) && p.reachCost.every(Number.isInteger), searches: 0 }), score: (p, x) => evaluatePMedian(p, x) },
  {
    name: 'LSCP', relaxation: (p) => lscpRelaxation(p, coverageSets(p, T), { integral: p.siteCost.every(Number.isInteger) }),
    score: (p, x) => { const e = evaluateLscp(p, T, x); return e.uncovered.length ? Infinity : e.cost; },
  },
  {
    name: 'MCLP', P: 3, score: (p, x) => -evaluateMclp(p, T, x),
    relaxation: (p) => { const sets = coverageSets(p, T); return mclpRelaxation(p, sets, 3, coverageReach(p, sets), { integral: p.demandWeight.every(Number.isInteger), searches: 0 }); },
  },
];
const SEEDS = Array.from({ length: 20 }, (_, k) => `s${k}`);

describe('Lagrangian branch-and-bound over the sites against brute force', () => {
  // Few steps per node and no local search from the relaxed answers, so that the search must
  // branch, fix and find its answers in the tree rather than close at the root.
  const tight: SiteSearchOptions = { rootIterations: 4, nodeIterations: 3 };
  for (const c of CASES) {
    for (const fractional of [false, true]) {
      it(`${c.name}${fractional ? ' (fractional data)' : ''}: from no start, the search proves the brute-force optimum on every seed`, () => {
        let branched = 0;
        for (const seed of SEEDS) {
          const p = randomProblem(`${c.name}${seed}${fractional}`, 14, 12, { fixed: true, fractional });
          const best = bruteForce(p, (x) => c.score(p, x), c.P);
          const r = siteBranchAndBound(c.relaxation(p), { ...tight, state: siteStates(p) });
          if (best === Infinity) { expect(r.status).toBe('infeasible'); continue; }
          expect(r.status).toBe('optimal');
          expect(r.objective).toBeCloseTo(best, 9);
          expect(c.score(p, Int32Array.from(r.open!))).toBeCloseTo(best, 9);
          expect(r.bound).toBeCloseTo(best, 9);
          expect(r.rootBound).toBeLessThanOrEqual(best + 1e-9);
          if (r.nodes > 1) branched++;
        }
        expect(branched).toBeGreaterThan(0); // the tree was searched, not only the root
      });
    }

    it(`${c.name}: the root's fixings keep every deployment that scores below rootUpper (started from a middling one)`, () => {
      let fixings = 0;
      for (const seed of SEEDS) {
        const p = randomProblem(`${c.name}${seed}fix`, 14, 12, { fixed: true });
        const all: { x: Int32Array; score: number }[] = [];
        const nj = p.candidateIds.length;
        for (let mask = 0; mask < 1 << nj; mask++) {
          const x = Int32Array.from({ length: nj }, (_, j) => (mask >> j) & 1);
          if (c.P !== undefined && x.reduce((t, b) => t + b, 0) !== c.P) continue;
          if (x[0] !== 1 || x[nj - 1] !== 0) continue;
          const score = c.score(p, x);
          if (score < Infinity) all.push({ x, score });
        }
        if (!all.length) continue;
        all.sort((a, b) => a.score - b.score);
        const start = all[Math.floor(all.length * 0.05)];
        // No Lagrangian heuristic: UB stays at the start's score, above the optimum.
        const rel: SiteRelaxation = { ...c.relaxation(p), deployment: () => undefined };
        const r = siteBranchAndBound(rel, { rootIterations: 300, state: siteStates(p), maxNodes: 1, incumbent: { open: start.x, objective: start.score } });
        const initial = siteStates(p);
        fixings += r.rootState.filter((v, j) => v >= 0 && initial[j] < 0).length;
        for (const { x, score } of all) {
          if (score >= r.rootUpper - 1e-9 * Math.max(1, Math.abs(r.rootUpper))) break;
          for (let j = 0; j < nj; j++) if (r.rootState[j] >= 0) expect(x[j]).toBe(r.rootState[j]);
        }
      }
      expect(fixings).toBeGreaterThan(0);
    });

    it(`${c.name}: stopped after a few nodes, the bound it reports is at most the optimum, and the limit is named`, () => {
      let limitedByNodes = 0, limitedByTime = 0;
      for (const seed of SEEDS) {
        const p = randomProblem(`${c.name}${seed}stop`, 11, 9, { fixed: true });
        const best = bruteForce(p, (x) => c.score(p, x), c.P);
        if (best === Infinity) continue;
        const r = siteBranchAndBound(c.relaxation(p), { ...tight, state: siteStates(p), maxNodes: 2 });
        expect(r.bound).toBeLessThanOrEqual(best + 1e-9);
        if (r.open) expect(r.objective).toBeGreaterThanOrEqual(best - 1e-9);
        // The limit that stopped it is named, in the result and in the note.
        expect(r.stoppedBy).toBe(r.status === 'limit' ? 'node-limit' : undefined);
        if (r.status === 'limit') { limitedByNodes++; expect(searchNote(r, 11)).toContain('(stopped at its node limit)'); }
        // A clock that moves 1 s per reading against a limit of 1.5 s: stopped by time after the root.
        let clock = 0;
        const timed = siteBranchAndBound(c.relaxation(p), { ...tight, state: siteStates(p), timeLimitS: 1.5, nowS: () => clock++ });
        expect(timed.stoppedBy).toBe(timed.status === 'limit' ? 'time-limit' : undefined);
        if (timed.status === 'limit') { limitedByTime++; expect(searchNote(timed, 11)).toContain('(stopped at its time limit)'); }
      }
      expect(limitedByNodes).toBeGreaterThan(0);
      expect(limitedByTime).toBeGreaterThan(0);
    });
  }
});

describe('the search handed over to an exact solver', () => {
  it('p-median, LSCP and MCLP stopped after one node still reach the brute-force optimum with HiGHS and jslp, proven', () => {
    for (const seed of SEEDS.slice(0, 6)) {
      const p = randomProblem(`hand${seed}`, 11, 9, { fixed: true });
      for (const solver of [highs, createJslpSolver()]) {
        // jslp gives no bound: its answers are checked, its proofs are not asked for.
        const proves = solver === highs;
        const med = solvePMedian(p, 3, solver, { maxNodes: 1 });
        const bestMed = bruteForce(p, (x) => evaluatePMedian(p, x), 3);
        if (bestMed < Infinity) {
          expect(evaluatePMedian(p, med.open!)).toBeCloseTo(bestMed, 9);
          expect(med.bound).toBeLessThanOrEqual(bestMed + 1e-9);
          if (proves) { expect(med.status).toBe('optimal'); expect(med.bound).toBeCloseTo(bestMed, 9); }
        }
        const bestCover = bruteForce(p, (x) => { const e = evaluateLscp(p, T, x); return e.uncovered.length ? Infinity : e.cost; });
        if (bestCover < Infinity) {
          const cover = solveLscp(p, T, coverageSets(p, T), solver, { maxNodes: 1 });
          expect(evaluateLscp(p, T, cover.open!).cost).toBe(bestCover);
          expect(cover.bound).toBeLessThanOrEqual(bestCover);
          if (proves) { expect(cover.status).toBe('optimal'); expect(cover.bound).toBe(bestCover); }
        }
        const mclp = solveMclp(p, T, 3, solver, { maxNodes: 1, rounds: 0 });
        const bestMclp = -bruteForce(p, (x) => -evaluateMclp(p, T, x), 3);
        expect(evaluateMclp(p, T, mclp.open!)).toBe(bestMclp);
        expect(mclp.bound).toBeGreaterThanOrEqual(bestMclp);
        if (proves) { expect(mclp.status).toBe('optimal'); expect(mclp.bound).toBe(bestMclp); }
      }
    }
  });

  it('a search stopped after some nodes fixes the root again against the better answer found since, keeping every better deployment', () => {
    let refixed = 0;
    for (const seed of [...SEEDS, ...SEEDS.map((x) => `${x}+`)]) {
      const p = randomProblem(`refix${seed}`, 14, 12, { fixed: true });
      const sets = coverageSets(p, T);
      // No local search from the relaxed answers: the root's best deployment is seldom the optimum.
      for (const [rel, score] of [
        [mclpRelaxation(p, sets, 3, coverageReach(p, sets), { integral: true, searches: 0 }), (x: Int32Array) => -evaluateMclp(p, T, x)],
        [pMedianRelaxation(p, 3, { integral: true, searches: 0 }), (x: Int32Array) => evaluatePMedian(p, x)],
      ] as const) {
        const best = bruteForce(p, score, 3);
        const r = siteBranchAndBound(rel, { rootIterations: 30, nodeIterations: 3, state: siteStates(p), maxNodes: 8 });
        if (r.status !== 'limit' || !(r.rootUpper > best)) continue;
        // Every deployment scoring better than rootUpper keeps the root's fixings: so does the optimum.
        const kept = bruteForce({ ...p, minUnits: p.minUnits.map((m, j) => (r.rootState[j] === 1 ? 1 : m)), maxUnits: p.maxUnits.map((m, j) => (r.rootState[j] === 0 ? 0 : m)) }, score, 3);
        expect(kept).toBeCloseTo(best, 9);
        if (r.rootState.some((v, j) => v >= 0 && siteStates(p)[j] < 0)) refixed++;
      }
    }
    expect(refixed).toBeGreaterThan(0); // some fixings were made and checked
  });
});
