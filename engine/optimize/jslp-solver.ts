import { lazyPackage } from '../lazy-package.ts';
import { maxViolation, type MilpModel, type MilpResult, type MilpSolveOptions, type MilpSolver } from './milp.ts';

/**
 * javascript-lp-solver 1.0.3 as a {@link MilpSolver}: pure JavaScript, right and fast on small
 * covering models, but known to (a) return a wrong "integral" answer on larger ones, (b) mark a
 * fractional answer feasible when it times out, and (c) overrun its own time-out. So this adapter
 * guards it: the wall clock is measured (an overrun turns 'optimal' into 'time-limit'), integrality
 * and every row are re-checked on the returned point (a violation is an 'error', never an answer),
 * and it reports no bound (NaN): its 'optimal' is its own claim, which the caller re-verifies.
 * It is synchronous and cannot be interrupted; keep it to small models.
 */
const jslp = lazyPackage<{ Solve(model: unknown): unknown }>('javascript-lp-solver');

export function createJslpSolver(): MilpSolver {
  return {
    name: 'jslp',
    solve(model: MilpModel, options: MilpSolveOptions = {}): MilpResult {
      const limitS = options.timeLimitS ?? 60;
      const started = performance.now();
      const name = (c: number) => `x${c}`;
      const variables: Record<string, Record<string, number>> = {};
      const constraints: Record<string, { min?: number; max?: number; equal?: number }> = {};
      const ints: Record<string, 1> = {};
      for (let c = 0; c < model.numCols; c++) {
        const v: Record<string, number> = { obj: model.colCost[c] };
        variables[name(c)] = v;
        if (model.colLower[c] < 0) throw new Error('jslp adapter: negative lower bounds are not supported');
        if (model.colLower[c] > 0) { constraints[`lb${c}`] = { min: model.colLower[c] }; v[`lb${c}`] = 1; }
        if (model.colUpper[c] !== Infinity) { constraints[`ub${c}`] = { max: model.colUpper[c] }; v[`ub${c}`] = 1; }
        if (model.integer[c] && !options.relax) ints[name(c)] = 1;
      }
      for (let r = 0; r < model.numRows; r++) {
        const lo = model.rowLower[r], hi = model.rowUpper[r];
        constraints[`r${r}`] = lo === hi ? { equal: lo } : { ...(lo > -Infinity ? { min: lo } : {}), ...(hi < Infinity ? { max: hi } : {}) };
        for (let k = model.rowStart[r]; k < model.rowStart[r + 1]; k++) variables[name(model.rowIndex[k])][`r${r}`] = model.rowValue[k];
      }
      const result = jslp().Solve({
        optimize: 'obj', opType: model.sense, constraints, variables, ints,
        options: { timeout: Math.max(1, Math.round(limitS * 1000)) },
      }) as { feasible: boolean; result: number; isIntegral?: boolean; [k: string]: unknown };
      const seconds = (performance.now() - started) / 1000;
      if (!result.feasible) {
        return seconds >= limitS
          ? { status: 'time-limit', objective: NaN, bound: NaN, seconds, message: 'jslp stopped at its time-out without a feasible answer' }
          : { status: 'infeasible', objective: NaN, bound: NaN, seconds };
      }
      const x = new Float64Array(model.numCols);
      for (let c = 0; c < model.numCols; c++) {
        const v = result[name(c)];
        x[c] = typeof v === 'number' ? v : 0;
      }
      const integral = options.relax === true || result.isIntegral === true;
      const violation = maxViolation(model, x, !options.relax);
      if (!integral || violation > 1e-6) {
        return {
          status: seconds >= limitS ? 'time-limit' : 'error', objective: NaN, bound: NaN, seconds,
          message: `jslp returned a point that is ${integral ? '' : 'not integral and '}violates the model by ${violation.toExponential(2)} (claimed objective ${result.result})`,
        };
      }
      const overran = seconds >= limitS * 0.98; // stopped by (or past) its time-out: unproven
      return {
        status: overran ? 'time-limit' : 'optimal', x, objective: result.result + (model.objectiveOffset ?? 0), bound: NaN, seconds,
        ...(overran ? { message: `jslp overran its ${limitS} s time-out (${seconds.toFixed(1)} s)` } : {}),
      };
    },
  };
}
