import type { LocationProblem } from './problem.ts';

/**
 * For every demand point with weight a_i > 0 (renumbered densely as t = 0, 1, ...), the sites that
 * reach it and may open (maxUnits >= 1), nearest first: sites `site[start[t] .. start[t+1])` at
 * costs `cost[...]`, sorted by (cost, site index). The shared input of the p-median heuristic,
 * bound and model.
 */
export interface SortedReach {
  readonly start: Int32Array;
  readonly site: Int32Array;
  readonly cost: Float64Array;
  /** Demand index i of each t, and its weight a_i. */
  readonly demand: Int32Array;
  readonly weight: Float64Array;
  /** d_ij for demand t and site j (Infinity when j does not reach it or may not open). */
  costOf(t: number, j: number): number;
}

export function sortedReach(p: LocationProblem): SortedReach {
  const ni = p.demandIds.length, nj = p.candidateIds.length;
  const dense = new Int32Array(ni).fill(-1);
  const demandList: number[] = [];
  for (let i = 0; i < ni; i++) if (p.demandWeight[i] > 0) { dense[i] = demandList.length; demandList.push(i); }
  const nd = demandList.length;
  const start = new Int32Array(nd + 1);
  for (let j = 0; j < nj; j++) {
    if (p.maxUnits[j] < 1) continue;
    for (let k = p.reachStart[j]; k < p.reachStart[j + 1]; k++) { const t = dense[p.reachDemand[k]]; if (t >= 0) start[t + 1]++; }
  }
  for (let t = 0; t < nd; t++) start[t + 1] += start[t];
  const fill = start.slice(0, nd);
  const site = new Int32Array(start[nd]), cost = new Float64Array(start[nd]);
  for (let j = 0; j < nj; j++) {
    if (p.maxUnits[j] < 1) continue;
    for (let k = p.reachStart[j]; k < p.reachStart[j + 1]; k++) {
      const t = dense[p.reachDemand[k]];
      if (t < 0) continue;
      const q = fill[t]++;
      site[q] = j; cost[q] = p.reachCost[k];
    }
  }
  // Sites arrive in index order, so a stable sort by cost gives (cost, site) order.
  let order = new Int32Array(0), ss = new Int32Array(0), cc = new Float64Array(0);
  for (let t = 0; t < nd; t++) {
    const s = start[t], n = start[t + 1] - s;
    let sorted = true;
    for (let q = s + 1; q < s + n && sorted; q++) if (cost[q] < cost[q - 1]) sorted = false;
    if (sorted) continue;
    if (order.length < n) { order = new Int32Array(n); ss = new Int32Array(n); cc = new Float64Array(n); }
    const o = order.subarray(0, n);
    for (let q = 0; q < n; q++) o[q] = s + q;
    o.sort((a, b) => cost[a] - cost[b] || a - b);
    for (let q = 0; q < n; q++) { ss[q] = site[o[q]]; cc[q] = cost[o[q]]; }
    site.set(ss.subarray(0, n), s); cost.set(cc.subarray(0, n), s);
  }
  const demand = Int32Array.from(demandList);
  return {
    start, site, cost, demand, weight: Float64Array.from(demandList, (i) => p.demandWeight[i]),
    costOf(t, j) {
      if (p.maxUnits[j] < 1) return Infinity;
      const i = demand[t];
      let lo = p.reachStart[j], hi = p.reachStart[j + 1] - 1;
      while (lo <= hi) {
        const mid = (lo + hi) >> 1, d = p.reachDemand[mid];
        if (d === i) return p.reachCost[mid];
        if (d < i) lo = mid + 1; else hi = mid - 1;
      }
      return Infinity;
    },
  };
}
