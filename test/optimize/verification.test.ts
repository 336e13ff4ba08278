import { describe, expect, it } from 'vitest';
import { createJslpSolver } from '../../engine/optimize/jslp-solver.ts';
import { createMilpBuilder, maxViolation, type MilpSolver } from '../../engine/optimize/milp.ts';
import { optimize } from '../../engine/optimize/optimize.ts';
import { createLocationProblem } from '../../engine/optimize/problem.ts';
import { parseCandidateTable, parseCostTable, parseDemandTable } from '../../engine/optimize/read-problem.ts';

/*
 * Hand instance. Costs d(demand, site):
 *        A    B    C
 *   a   10    -    -       weights a=1 b=2 c=3 d=4; site costs A=1 B=2 C=1; C is an existing post
 *   b   50   20    -
 *   c    -   30    5
 *   d    -    -  100
 */
const hand = () => createLocationProblem({
  demandIds: ['a', 'b', 'c', 'd'], demandWeight: [1, 2, 3, 4], candidateIds: ['A', 'B', 'C'], siteCost: [1, 2, 1], minUnits: [0, 0, 1],
  pairs: { candidate: [0, 0, 1, 1, 2, 2], demand: [0, 1, 1, 2, 2, 3], cost: [10, 50, 20, 30, 5, 100] },
});
const jslp = createJslpSolver();

describe('hand-solvable instance', () => {
  it('LSCP within 100 opens A and C (cost 2); MCLP within 30 with 2 sites opens B and C (weight 5)', () => {
    const l = optimize(hand(), { model: 'lscp', targetS: 100, solver: 'jslp', solvers: { jslp } });
    expect([l.objective, l.selected]).toEqual([2, ['A', 'C']]);
    const m = optimize(hand(), { model: 'mclp', targetS: 30, facilities: 2, solver: 'jslp', solvers: { jslp } });
    expect([m.objective, m.selected]).toEqual([5, ['B', 'C']]);
  });

  it('p-median with 2 sites must keep A (the only site reaching a): 1·10 + 2·50 + 3·5 + 4·100 = 525', () => {
    const r = optimize(hand(), { model: 'pmedian', facilities: 2, solver: 'jslp', solvers: { jslp } });
    expect([r.objective, r.selected]).toEqual([525, ['A', 'C']]);
  });

  it('tiered, 3 units, tiers (30 s, 1) and (60 s, 2): one unit at each site meets 6 + 5 = 11', () => {
    const r = optimize(hand(), { model: 'tiered', facilities: 3, tiers: [{ targetS: 30, units: 1 }, { targetS: 60, units: 2 }], solver: 'jslp', solvers: { jslp } });
    expect(r.objective).toBe(11);
    expect([...r.units]).toEqual([1, 1, 1]);
    expect(r.tierCoveredWeight).toEqual([6, 5]);
  });

  it('LSCP is infeasible when a demand point is beyond every site', () => {
    const r = optimize(hand(), { model: 'lscp', targetS: 50, solvers: { jslp } });
    expect(r.status).toBe('infeasible');
    expect(r.message).toMatch(/first: d/);
  });
});

describe('re-verification', () => {
  it('a solver whose claimed objective does not match its solution is reported as an error', () => {
    const inner = createJslpSolver();
    const liar: MilpSolver = { name: 'liar', solve: (m, o) => ({ ...inner.solve(m, o), objective: 999 }) };
    // The tiered model goes to the solver (MCLP, LSCP and p-median are mostly closed by the site search first).
    const r = optimize(hand(), { model: 'tiered', facilities: 3, tiers: [{ targetS: 30, units: 1 }, { targetS: 60, units: 2 }], solver: 'jslp', solvers: { jslp: liar } });
    expect(r.status).toBe('error');
    expect(r.message).toMatch(/claimed objective 999/);
  });

  it('maxViolation sees a fractional value of an integer column', () => {
    const b = createMilpBuilder('max');
    b.addCol(1, 0, 1, true);
    b.addRow(-Infinity, 1, [0], 1);
    expect(maxViolation(b.build(), [0.5])).toBeCloseTo(0.5);
    expect(maxViolation(b.build(), [1])).toBe(0);
  });
});

describe('CSV inputs', () => {
  it('name the file, line and field of a bad value', () => {
    expect(() => parseDemandTable('id,weight\na,1\nb,x\n', 'd.csv')).toThrow(/d\.csv:3: weight: expected a number >= 0, got "x"/);
    expect(() => parseCandidateTable('id,fixed,forbidden\nA,1,1\n', 'c.csv')).toThrow(/c\.csv:2: forbidden/);
    expect(() => parseCostTable('demand,candidate,cost\na,A,1\nz,A,2\n', 'k.csv', ['a'], ['A'])).toThrow(/k\.csv:3: demand: "z" is not in the demand list/);
    expect(() => parseCostTable('demand,candidate,cost\na,A,1\na,A,2\n', 'k.csv')).toThrow(/k\.csv:3: pair \(a, A\) appears twice/);
  });

  it('read a missing pair or "inf" as unreachable and default weights and costs to 1', () => {
    const t = parseCostTable('demand,candidate,cost\na,A,1\nb,A,inf\n', 'k.csv');
    expect(t.pairs.cost).toEqual([1, Infinity]);
    expect(parseDemandTable('id\na\n', 'd.csv').weight).toEqual([1]);
    const c = parseCandidateTable('id,fixed\nA,true\nB,\n', 'c.csv');
    expect([c.cost, c.minUnits]).toEqual([[1, 1], [1, 0]]);
  });
});
