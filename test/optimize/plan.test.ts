import { beforeAll, describe, expect, it } from 'vitest';
import { loadHighsSolver } from '../../engine/optimize/highs-solver.ts';
import type { MilpSolver } from '../../engine/optimize/milp.ts';
import { optimize } from '../../engine/optimize/optimize.ts';
import { blockValues, evaluatePlan, type PlanProblem } from '../../engine/optimize/plan.ts';
import { createLocationProblem, pairCost, type LocationProblem } from '../../engine/optimize/problem.ts';
import { randomPlanProblem } from '../support/plan-problems.ts';
import { solvePlan } from '../../engine/optimize/solve-plan.ts';
import type { WeightedTier } from '../../engine/optimize/tiered.ts';

let highs: MilpSolver;
beforeAll(async () => { highs = await loadHighsSolver(); });

const TIERS: WeightedTier[] = [{ targetS: 25, units: 1, weight: 2 }, { targetS: 50, units: 2 }];

/** The best plan by enumerating every site for every movable unit in every block it works. */
function bruteForce(pp: PlanProblem): { objective: number; feasible: boolean } {
  const nb = pp.blocks.length, nj = pp.blocks[0].problem.candidateIds.length;
  const values = blockValues(pp);
  // Block objective of a unit-count layout, memoised, computed straight from the costs.
  const memo = pp.blocks.map(() => new Map<string, number>());
  const blockObjective = (b: number, y: Int32Array): number => {
    const key = y.join(',');
    const hit = memo[b].get(key);
    if (hit !== undefined) return hit;
    const p: LocationProblem = pp.blocks[b].problem;
    let s = 0;
    pp.tiers.forEach((t, ti) => {
      for (let i = 0; i < p.demandIds.length; i++) {
        let n = 0;
        for (let j = 0; j < nj; j++) if (pairCost(p, i, j) <= t.targetS) n += y[j];
        s += (t.weight ?? 1) * p.demandWeight[i] * values[b][ti].value[Math.min(n, values[b][ti].value.length - 1)];
      }
    });
    memo[b].set(key, s);
    return s;
  };
  const slots: [number, number][] = [];
  pp.units.forEach((u, k) => { if (u.fixedSite < 0) for (let b = 0; b < nb; b++) if (u.onDuty[b]) slots.push([k, b]); });
  const plan = pp.units.map((u) => Int32Array.from(u.onDuty, (d) => (d ? Math.max(u.fixedSite, 0) : -1)));
  let best = -Infinity;
  const rec = (q: number) => {
    if (q === slots.length) {
      let total = 0, ok = true;
      for (let b = 0; b < nb; b++) {
        const y = new Int32Array(nj);
        for (const row of plan) if (row[b] >= 0) y[row[b]]++;
        for (let j = 0; j < nj; j++) if (y[j] > pp.blocks[b].problem.maxUnits[j]) ok = false;
        if (!ok) return;
        total += blockObjective(b, y);
        if (nb > 1) {
          const nx = (b + 1) % nb;
          let m = 0;
          for (const row of plan) if (row[b] >= 0 && row[nx] >= 0 && row[b] !== row[nx]) m++;
          if (m > pp.maxMoves) return;
          total -= pp.moveCost * m;
        }
      }
      best = Math.max(best, total);
      return;
    }
    const [k, b] = slots[q];
    for (let j = 0; j < nj; j++) { plan[k][b] = j; rec(q + 1); }
  };
  rec(0);
  return { objective: best, feasible: best > -Infinity };
}

// `binds`: the move limit costs objective here (brute force without it finds more), so the limit's
// rows are really tested.
const CASES = [
  { seed: 'q4', blocks: 3, units: 3, objective: 'static', maxMoves: 0, moveCost: 0, fixed: false, binds: true },
  { seed: 'p3', blocks: 3, units: 3, objective: 'static', maxMoves: 1, moveCost: 0, fixed: false, binds: true },
  { seed: 'q8', blocks: 2, units: 3, objective: 'static', maxMoves: 1, moveCost: 0, fixed: false, binds: true },
  { seed: 'q9', blocks: 3, units: 3, objective: 'static', maxMoves: 1, moveCost: 0.2, fixed: false, binds: true },
  { seed: 'q7', blocks: 3, units: 3, objective: 'expected', maxMoves: 0, moveCost: 0, fixed: false, binds: true },
  { seed: 'p1', blocks: 3, units: 3, objective: 'static', maxMoves: 1, moveCost: 0, fixed: true, binds: false },
  { seed: 'p2', blocks: 3, units: 3, objective: 'expected', maxMoves: 1, moveCost: 0.3, fixed: false, binds: false },
  { seed: 'p4', blocks: 3, units: 2, objective: 'expected', maxMoves: Infinity, moveCost: 0.5, fixed: true, binds: false },
  { seed: 'p5', blocks: 2, units: 4, objective: 'expected', maxMoves: 2, moveCost: 0.1, fixed: false, binds: false },
  { seed: 'p7', blocks: 3, units: 3, objective: 'expected', maxMoves: 2, moveCost: 1, fixed: true, binds: false },
] as const;

describe('time-of-day plans against brute force over every plan', () => {
  it.each(CASES)('$seed: $blocks blocks, $units movable units, $objective, at most $maxMoves moves per boundary, cost $moveCost', (c) => {
    const pp = randomPlanProblem(c.seed, { ...c, sites: 4, demand: 10, tiers: TIERS });
    const truth = bruteForce(pp);
    expect(truth.feasible).toBe(true);
    if (c.binds) expect(bruteForce({ ...pp, maxMoves: Infinity, moveCost: 0 }).objective).toBeGreaterThan(truth.objective + 1e-9);
    const r = solvePlan(pp, { solver: 'highs', solvers: { highs } });
    expect(r.status).toBe('optimal');
    expect(r.objective).toBeCloseTo(truth.objective, 7);
    // The plan it returns really scores that, and keeps the limit.
    const e = evaluatePlan(pp, r.plan);
    expect(e.problems).toEqual([]);
    expect(e.objective).toBeCloseTo(truth.objective, 7);
    const h = solvePlan(pp, { solver: 'heuristic', solvers: {} });
    expect(h.status).toBe('feasible');
    expect(h.objective).toBeLessThanOrEqual(truth.objective + 1e-9);
    expect(h.bound).toBeGreaterThanOrEqual(truth.objective - 1e-9);
    expect(evaluatePlan(pp, h.plan).problems).toEqual([]);
  }, 60_000);

  it('counts moves unit by unit around the day: two units over sites A→B→C→A need four moves, not three', () => {
    // Three blocks; the layout that serves each block's lone demand point best is {A, B}, {B, C},
    // {C, A}. Stays between consecutive layouts would promise 1 move per boundary, but no two units
    // can each repeat one day and do that: the best with at most 1 move per boundary loses a point.
    const site = { A: 0, B: 1, C: 2 };
    const make = (weights: number[]) => createLocationProblem({
      demandIds: ['a', 'b', 'c'], demandWeight: weights, candidateIds: ['A', 'B', 'C'], maxUnits: [1, 1, 1],
      pairs: { candidate: [site.A, site.B, site.C], demand: [0, 1, 2], cost: [0, 0, 0] },
    });
    const blocks = [[1, 1, 0], [0, 1, 1], [1, 0, 1]].map((w, b) => ({ name: `b${b}`, startHour: 8 * b, endHour: 8 * b + 8, problem: make(w), busy: 0 }));
    const units = ['u1', 'u2'].map((id) => ({ id, onDuty: [true, true, true], fixedSite: -1 }));
    const pp: PlanProblem = { blocks, units, tiers: [{ targetS: 0, units: 1 }], objective: 'static', maxMoves: 1, moveCost: 0 };
    expect(bruteForce(pp).objective).toBe(5);
    const r = solvePlan(pp, { solver: 'highs', solvers: { highs } });
    expect(r.objective).toBe(5);
    expect(solvePlan({ ...pp, maxMoves: 2 }, { solver: 'highs', solvers: { highs } }).objective).toBe(6);
  });

  it('with one block is the one-block tiered model', () => {
    const pp = randomPlanProblem('one', { blocks: 2, sites: 6, demand: 15, units: 4, objective: 'static', maxMoves: 0, moveCost: 0, fixed: true, tiers: TIERS });
    const blk = { ...pp.blocks[0], startHour: 0, endHour: 24 };
    const one: PlanProblem = { ...pp, blocks: [blk], units: pp.units.map((u) => ({ ...u, onDuty: [true] })) };
    const r = solvePlan(one, { solver: 'highs', solvers: { highs } });
    const minUnits = new Int32Array(6); minUnits[0] = 1;
    const today = optimize({ ...blk.problem, minUnits }, { model: 'tiered', tiers: TIERS, facilities: 5, solvers: { highs } });
    expect(r.status).toBe('optimal');
    expect(r.objective).toBeCloseTo(today.objective, 9);
  });
});
