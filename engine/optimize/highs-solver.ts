import type { Highs } from 'highs';
import type { MilpModel, MilpResult, MilpSolveOptions, MilpSolver } from './milp.ts';

let runtime: Promise<Highs> | undefined;

/** The WebAssembly runtime, loaded on first use (importing this module costs nothing). */
async function loadRuntime(): Promise<Highs> {
  const mod = await import('highs');
  // The package ships ESM and CJS builds under CJS typings: take the loader whichever way it arrives.
  const loader = ((mod as unknown as { default?: unknown }).default ?? mod) as () => Promise<Highs>;
  return loader();
}

/**
 * HiGHS (WebAssembly, npm `highs`) as a {@link MilpSolver}: the exact solver for models of any size
 * this project builds. The model is passed as arrays (CSR), not LP text, so large models load fast.
 * `mipGap: 0` (the default) asks for a proof of optimality; the returned bound is HiGHS's
 * `mip_dual_bound`. With `objectiveIntegral` the search stops once incumbent and bound are less
 * than 1 apart, and the bound is rounded to the next integer towards the incumbent (any better
 * point would have an integer objective beyond it). HiGHS returns floats such as
 * 4092.9999999999986: callers round integral objectives. The runtime (about 10 ms to import, the
 * WebAssembly compiled on first call) loads only when a command asks for it.
 *
 * @example
 * const highs = await loadHighsSolver();
 * const r = highs.solve(model, { timeLimitS: 30 });
 * if (r.status !== 'optimal') ...
 */
export async function loadHighsSolver(): Promise<MilpSolver> {
  runtime ??= loadRuntime();
  const highs = await runtime;
  return {
    name: 'highs',
    solve(model: MilpModel, options: MilpSolveOptions = {}): MilpResult {
      const started = performance.now();
      const inf = highs.infinity;
      const clamp = (a: Float64Array) => a.map((v) => (v === Infinity ? inf : v === -Infinity ? -inf : v));
      const relax = options.relax === true;
      const anyInteger = !relax && model.integer.some((v) => v === 1);
      const integral = anyInteger && model.objectiveIntegral === true;
      const m = highs.createModel();
      try {
        m.options.set({
          output_flag: false, time_limit: options.timeLimitS ?? 60, mip_rel_gap: options.mipGap ?? 0, random_seed: 0,
          ...(integral ? { mip_abs_gap: 1 - 1e-6 } : {}),
          ...(options.heuristicEffort !== undefined && anyInteger ? { mip_heuristic_effort: options.heuristicEffort } : {}),
        });
        if (options.lpMethod === 'ipm') m.options.set({ solver: 'ipm', run_crossover: 'off' });
        m.passModel({
          numCols: model.numCols, numRows: model.numRows,
          sense: model.sense === 'max' ? highs.constants.objectiveSense.maximize : highs.constants.objectiveSense.minimize,
          offset: model.objectiveOffset ?? 0,
          colCost: model.colCost, colLower: clamp(model.colLower), colUpper: clamp(model.colUpper),
          rowLower: clamp(model.rowLower), rowUpper: clamp(model.rowUpper),
          matrix: { format: 'csr', numRows: model.numRows, numCols: model.numCols, starts: model.rowStart, indices: model.rowIndex, values: model.rowValue },
          ...(anyInteger ? { integrality: Int32Array.from(model.integer) } : {}),
        });
        if (options.start && anyInteger) m.setSolution({ colValue: options.start });
        m.run();
        const code = m.getModelStatus();
        const S = highs.constants.modelStatus;
        const seconds = (performance.now() - started) / 1000;
        const hasPrimal = Number(m.info.get('primal_solution_status')) === 2;
        const x = hasPrimal ? Float64Array.from(m.getSolution().colValue) : undefined;
        const objective = hasPrimal ? m.getObjectiveValue() : NaN;
        let bound = NaN;
        if (anyInteger) {
          const b = Number(m.info.get('mip_dual_bound'));
          if (Number.isFinite(b)) bound = integral ? roundTowards(b, model.sense) : b;
          if (integral && hasPrimal && Math.abs(bound - Math.round(objective)) < 1e-6 * Math.max(1, Math.abs(objective))) bound = objective;
        } else if (code === S.optimal) bound = objective;
        if (code === S.optimal) return { status: 'optimal', x, objective, bound, seconds };
        if (code === S.infeasible) return { status: 'infeasible', objective: NaN, bound: NaN, seconds };
        if (code === S.timeLimit) return { status: 'time-limit', x, objective, bound, seconds, message: 'HiGHS reached its time limit' };
        return { status: 'error', x, objective, bound, seconds, message: `HiGHS model status ${code}` };
      } finally {
        m.dispose();
      }
    },
  };
}

/** An integer-valued optimum is at least ceil(bound) (min) or at most floor(bound) (max); tolerances kept. */
function roundTowards(bound: number, sense: 'min' | 'max'): number {
  const tol = 1e-6 * Math.max(1, Math.abs(bound));
  return sense === 'min' ? Math.ceil(bound - tol) : Math.floor(bound + tol);
}
