/**
 * A mixed-integer linear programme in plain arrays, the form every model builder emits and every
 * solver adapter reads:
 *
 *   min or max  offset + Σ_c cost_c x_c
 *   subject to  rowLower_r <= Σ_c A_rc x_c <= rowUpper_r   for every row r
 *               colLower_c <= x_c <= colUpper_c, x_c integer where integer_c = 1
 *
 * Rows are stored CSR (`rowStart`, `rowIndex`, `rowValue`); ±Infinity marks a missing bound.
 */
export interface MilpModel {
  readonly sense: 'min' | 'max';
  readonly numCols: number;
  readonly numRows: number;
  readonly colCost: Float64Array;
  readonly colLower: Float64Array;
  readonly colUpper: Float64Array;
  readonly integer: Uint8Array;
  readonly rowStart: Int32Array;
  readonly rowIndex: Int32Array;
  readonly rowValue: Float64Array;
  readonly rowLower: Float64Array;
  readonly rowUpper: Float64Array;
  /** Constant added to the objective (default 0); solvers report objectives and bounds with it. */
  readonly objectiveOffset?: number;
  /**
   * Every integral feasible point has an integer objective (integer costs on integer columns, or a
   * model whose builder knows it): a solver may then stop once bound and incumbent are less than 1
   * apart, and round its bound to the next integer towards the incumbent.
   */
  readonly objectiveIntegral?: boolean;
}

export type MilpStatus = 'optimal' | 'time-limit' | 'infeasible' | 'error';

/** What a solver returns; `x` is present when it holds a feasible (integral) incumbent. */
export interface MilpResult {
  readonly status: MilpStatus;
  readonly x?: Float64Array;
  /** Objective the solver claims for `x` (NaN without one). */
  readonly objective: number;
  /** Proven bound on the optimum (lower for min, upper for max); NaN when the solver gives none. */
  readonly bound: number;
  readonly seconds: number;
  readonly message?: string;
}

export interface MilpSolveOptions {
  /** Wall-clock limit in seconds. Default 60. */
  timeLimitS?: number;
  /** Relative gap at which the search may stop; 0 (default) asks for a proof of optimality. */
  mipGap?: number;
  /** A feasible start (column values), when the solver accepts one. */
  start?: Float64Array;
  /** Solve the LP relaxation only (integrality dropped). */
  relax?: boolean;
  /** LP algorithm where the solver offers a choice (HiGHS: simplex or interior point). */
  lpMethod?: 'simplex' | 'ipm';
  /**
   * Share of the search spent on primal heuristics, 0..1, where the solver has the setting (HiGHS's
   * default 0.05). 0 suits a model given a start that is likely optimal: only the bound is left to prove.
   */
  heuristicEffort?: number;
}

/** A solver passed to the models: a name and a solve function; its status must be checked. */
export interface MilpSolver {
  readonly name: string;
  solve(model: MilpModel, options?: MilpSolveOptions): MilpResult;
}

/** Incremental builder for {@link MilpModel} (columns first or interleaved; rows reference columns). */
export function createMilpBuilder(sense: 'min' | 'max') {
  const cost: number[] = [], lower: number[] = [], upper: number[] = [], integer: number[] = [];
  const rowStart: number[] = [0];
  let rowIndex = new Int32Array(1024), rowValue = new Float64Array(1024);
  let nnz = 0;
  const rowLower: number[] = [], rowUpper: number[] = [];
  const grow = (need: number) => {
    if (need <= rowIndex.length) return;
    let cap = rowIndex.length * 2;
    while (cap < need) cap *= 2;
    const ri = new Int32Array(cap); ri.set(rowIndex.subarray(0, nnz)); rowIndex = ri;
    const rv = new Float64Array(cap); rv.set(rowValue.subarray(0, nnz)); rowValue = rv;
  };
  return {
    addCol(c: number, lo: number, hi: number, isInteger: boolean): number {
      cost.push(c); lower.push(lo); upper.push(hi); integer.push(isInteger ? 1 : 0);
      return cost.length - 1;
    },
    /** Add a row; `index` must not repeat a column. */
    addRow(lo: number, hi: number, index: ArrayLike<number>, value: ArrayLike<number> | number): number {
      grow(nnz + index.length);
      for (let k = 0; k < index.length; k++) {
        rowIndex[nnz] = index[k];
        rowValue[nnz] = typeof value === 'number' ? value : value[k];
        nnz++;
      }
      rowStart.push(nnz); rowLower.push(lo); rowUpper.push(hi);
      return rowLower.length - 1;
    },
    get numCols() { return cost.length; },
    build(extra: { objectiveOffset?: number; objectiveIntegral?: boolean } = {}): MilpModel {
      return {
        ...extra, sense, numCols: cost.length, numRows: rowLower.length,
        colCost: Float64Array.from(cost), colLower: Float64Array.from(lower), colUpper: Float64Array.from(upper),
        integer: Uint8Array.from(integer),
        rowStart: Int32Array.from(rowStart), rowIndex: rowIndex.slice(0, nnz), rowValue: rowValue.slice(0, nnz),
        rowLower: Float64Array.from(rowLower), rowUpper: Float64Array.from(rowUpper),
      };
    },
  };
}

/** Largest violation of bounds, rows and integrality by x (0 for a feasible point). */
export function maxViolation(model: MilpModel, x: ArrayLike<number>, checkIntegrality = true): number {
  let worst = 0;
  for (let c = 0; c < model.numCols; c++) {
    worst = Math.max(worst, model.colLower[c] - x[c], x[c] - model.colUpper[c]);
    if (checkIntegrality && model.integer[c]) worst = Math.max(worst, Math.abs(x[c] - Math.round(x[c])));
  }
  for (let r = 0; r < model.numRows; r++) {
    let s = 0;
    for (let k = model.rowStart[r]; k < model.rowStart[r + 1]; k++) s += model.rowValue[k] * x[model.rowIndex[k]];
    worst = Math.max(worst, model.rowLower[r] - s, s - model.rowUpper[r]);
  }
  return worst;
}

/** Objective value offset + Σ cost_c x_c. */
export function milpObjective(model: MilpModel, x: ArrayLike<number>): number {
  let s = model.objectiveOffset ?? 0;
  for (let c = 0; c < model.numCols; c++) s += model.colCost[c] * x[c];
  return s;
}
