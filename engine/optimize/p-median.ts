import { createMilpBuilder, type MilpModel } from './milp.ts';
import type { LocationProblem } from './problem.ts';
import { sortedReach, type SortedReach } from './sorted-reach.ts';

/**
 * p-median problem (Hakimi 1964): open P sites so that the weighted travel cost from each demand
 * point to its nearest open site is least, in the formulation of Elloumi (2010, "A tighter
 * formulation of the p-median problem", J Comb Optim 19:69-83). For demand point i let
 * D_i^1 < D_i^2 < ... < D_i^K be the distinct costs d_ij of the sites that reach it and may open,
 * and z_i^k = 1 when no open site lies within D_i^k of i:
 *
 *   minimise    Σ_i a_i (D_i^1 + Σ_{k=1}^{K-1} (D_i^{k+1} − D_i^k) z_i^k)
 *   subject to  z_i^1 + Σ_{j: d_ij = D_i^1} y_j >= 1                  for every i ∈ I with a_i > 0
 *               z_i^k + Σ_{j: d_ij = D_i^k} y_j >= z_i^{k−1}          k = 2 .. K−1
 *               Σ_{j: d_ij = D_i^K} y_j >= z_i^{K−1}
 *               Σ_{j∈J} y_j = P
 *               y_j = 1 for existing posts (and sites fixed open); y_j = 0 for forbidden sites
 *               (and sites fixed closed); y_j ∈ {0, 1}, z_i^k >= 0
 *
 * I: demand points, a_i >= 0 their weights; J: candidate sites; d_ij: travel cost from site j to
 * demand i (a pair not given is unreachable); P: sites to open; y_j = 1 when site j is open. The
 * objective is Σ_i a_i min_{j open} d_ij at every integral point; its LP relaxation equals that of
 * the classical x_ij formulation (ReVelle & Swain 1970), with one row per distinct cost instead of
 * one per pair. A demand point's levels stop early where an open site is certain: at a level
 * holding a site that must be open, or once the sites within D_i^k number at least
 * (sites that may open) − P + 1. Columns: y_j (j = 0..|J|−1), then the z_i^k demand by demand.
 * Infeasible when some demand point with a_i > 0 is reached by no site that may open.
 */
export interface PMedianModel {
  readonly milp: MilpModel;
  /** Demand points with a_i > 0 that no site that may open reaches (the model is then infeasible). */
  readonly unreachable: readonly number[];
  decode(x: ArrayLike<number>): Int32Array;
  encode(open: ArrayLike<number>): Float64Array;
}

export interface PMedianModelOptions {
  /** Per candidate: 1 fixed open, 0 fixed closed, -1 free (e.g. the site search's root fixings). */
  fixed?: Int8Array;
  reach?: SortedReach;
}

export function buildPMedianModel(p: LocationProblem, facilities: number, options: PMedianModelOptions = {}): PMedianModel {
  const nj = p.candidateIds.length;
  const R = options.reach ?? sortedReach(p);
  const nd = R.demand.length;
  const state = (j: number): number => {
    if (p.maxUnits[j] < 1) return 0;
    if (p.minUnits[j] >= 1) return 1;
    return options.fixed ? options.fixed[j] : -1;
  };
  const st = Int8Array.from({ length: nj }, (_, j) => state(j));
  let mayOpen = 0;
  for (let j = 0; j < nj; j++) if (st[j] !== 0) mayOpen++;
  const sure = mayOpen - facilities + 1; // this many sites within reach: one of them is open
  const b = createMilpBuilder('min');
  for (let j = 0; j < nj; j++) b.addCol(0, st[j] === 1 ? 1 : 0, st[j] === 0 ? 0 : 1, true);
  let offset = 0;
  let integral = true;
  const unreachable: number[] = [];
  // z columns of demand t: zFirst[t] .. zFirst[t+1]), at levels with costs zCost (D_i^k of each z).
  const zFirst = new Int32Array(nd + 1);
  const zLevel: number[] = [];
  const cols: number[] = [], vals: number[] = [];
  for (let t = 0; t < nd; t++) {
    zFirst[t] = b.numCols;
    const a = R.weight[t];
    if (!Number.isInteger(a)) integral = false;
    let q = R.start[t];
    const e = R.start[t + 1];
    while (q < e && st[R.site[q]] === 0) q++;
    if (q === e) { unreachable.push(R.demand[t]); continue; }
    offset += a * R.cost[q];
    let prevZ = -1, within = 0;
    while (q < e) {
      const D = R.cost[q];
      if (!Number.isInteger(D)) integral = false;
      cols.length = 0; vals.length = 0;
      let certain = false;
      for (; q < e && R.cost[q] === D; q++) {
        const j = R.site[q];
        if (st[j] === 0) continue;
        cols.push(j); vals.push(1); within++;
        if (st[j] === 1) certain = true;
      }
      while (q < e && st[R.site[q]] === 0) q++; // the next level that holds a site that may open
      if (cols.length === 0) continue;
      if (prevZ >= 0) { cols.push(prevZ); vals.push(-1); }
      if (certain || within >= sure || q === e) {
        b.addRow(prevZ >= 0 ? 0 : 1, Infinity, cols, vals);
        break;
      }
      const z = b.addCol(a * (R.cost[q] - D), 0, Infinity, false);
      zLevel.push(D);
      cols.push(z); vals.push(1);
      b.addRow(prevZ >= 0 ? 0 : 1, Infinity, cols, vals);
      prevZ = z;
    }
  }
  zFirst[nd] = b.numCols;
  b.addRow(facilities, facilities, Int32Array.from({ length: nj }, (_, j) => j), 1);
  const milp = b.build({ objectiveOffset: offset, objectiveIntegral: integral });
  return {
    milp,
    unreachable,
    decode: (x) => Int32Array.from({ length: nj }, (_, j) => (x[j] > 0.5 ? 1 : 0)),
    encode(open) {
      const x = new Float64Array(milp.numCols);
      for (let j = 0; j < nj; j++) x[j] = open[j] > 0 ? 1 : 0;
      for (let t = 0; t < nd; t++) {
        let near = Infinity;
        for (let q = R.start[t]; q < R.start[t + 1]; q++) if (open[R.site[q]] > 0) { near = R.cost[q]; break; }
        for (let c = zFirst[t]; c < zFirst[t + 1]; c++) x[c] = zLevel[c - nj] < near ? 1 : 0;
      }
      return x;
    },
  };
}

/** Recompute the p-median objective Σ_i a_i min_{j open} d_ij (Infinity when some demand is unreached). */
export function evaluatePMedian(p: LocationProblem, open: ArrayLike<number>): number {
  const best = nearestOpenCost(p, open);
  let s = 0;
  for (let i = 0; i < best.length; i++) if (p.demandWeight[i] > 0) s += p.demandWeight[i] * best[i];
  return s;
}

/** min_{j open} d_ij per demand point (Infinity when none reaches it). */
export function nearestOpenCost(p: LocationProblem, open: ArrayLike<number>): Float64Array {
  const best = new Float64Array(p.demandIds.length).fill(Infinity);
  for (let j = 0; j < p.candidateIds.length; j++) {
    if (!(open[j] > 0)) continue;
    for (let k = p.reachStart[j]; k < p.reachStart[j + 1]; k++) {
      const i = p.reachDemand[k];
      if (p.reachCost[k] < best[i]) best[i] = p.reachCost[k];
    }
  }
  return best;
}
