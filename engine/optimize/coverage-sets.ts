import type { LocationProblem } from './problem.ts';

/**
 * Coverage sets within a target T, both ways, as CSR:
 * `N(i) = { j : d_ij <= T }` (candidates covering demand i: `byDemand`) and
 * `M(j) = { i : d_ij <= T }` (demand covered by candidate j: `byCandidate`), each sorted by index.
 * Covered means arrival time <= target, as everywhere in patrolsim.
 */
export interface CoverageSets {
  readonly targetS: number;
  readonly candStart: Int32Array;
  readonly candDemand: Int32Array;
  readonly demStart: Int32Array;
  readonly demCand: Int32Array;
}

export function coverageSets(p: LocationProblem, targetS: number): CoverageSets {
  const ni = p.demandIds.length, nj = p.candidateIds.length;
  const candStart = new Int32Array(nj + 1);
  let m = 0;
  for (let j = 0; j < nj; j++) {
    for (let k = p.reachStart[j]; k < p.reachStart[j + 1]; k++) if (p.reachCost[k] <= targetS) m++;
    candStart[j + 1] = m;
  }
  const candDemand = new Int32Array(m);
  const demStart = new Int32Array(ni + 1);
  m = 0;
  for (let j = 0; j < nj; j++) {
    for (let k = p.reachStart[j]; k < p.reachStart[j + 1]; k++) {
      if (p.reachCost[k] <= targetS) { candDemand[m++] = p.reachDemand[k]; demStart[p.reachDemand[k] + 1]++; }
    }
  }
  for (let i = 0; i < ni; i++) demStart[i + 1] += demStart[i];
  const fill = demStart.slice(0, ni);
  const demCand = new Int32Array(m);
  for (let j = 0; j < nj; j++) for (let k = candStart[j]; k < candStart[j + 1]; k++) demCand[fill[candDemand[k]]++] = j;
  return { targetS, candStart, candDemand, demStart, demCand };
}

/** Demand points (with weight > 0) that no candidate covers within the target. */
export function uncoverable(p: LocationProblem, sets: CoverageSets): number[] {
  const out: number[] = [];
  for (let i = 0; i < p.demandIds.length; i++) {
    if (p.demandWeight[i] > 0 && sets.demStart[i + 1] === sets.demStart[i]) out.push(i);
  }
  return out;
}
