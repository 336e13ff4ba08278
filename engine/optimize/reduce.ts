import { coverageSets, type CoverageSets } from './coverage-sets.ts';
import { createLocationProblem, type LocationProblem } from './problem.ts';

export interface ReductionOptions {
  /** Targets T_1 < T_2 < ... of the model (one per tier; one for LSCP and MCLP). */
  targetsS: readonly number[];
  /** Units per tier (k_t); 1 for LSCP and MCLP. */
  tierUnits: readonly number[];
  /** Site costs matter (LSCP, or a budget): a dominating site must cost no more. */
  useCost: boolean;
  /** Units to deploy (P); a site may absorb a dominated site's units only when it may hold P. */
  units: number;
  /**
   * false for the expected (busy-aware) objective, where a second unit near a demand point still adds:
   * then a dominated site is dropped only when the dominating one may hold all P units. Default true.
   */
  stepValues?: boolean;
}

export interface Reduction {
  readonly problem: LocationProblem;
  /** Reduced demand index per original demand point (-1: dropped, it can never count). */
  readonly demandGroup: Int32Array;
  /** Original candidate index per reduced candidate. */
  readonly candidateOf: Int32Array;
  readonly before: { demand: number; candidates: number; pairs: number };
  readonly after: { demand: number; candidates: number; pairs: number };
}

/**
 * Shrink a covering model (LSCP, MCLP, tiered) without changing its optimum:
 *
 * 1. Demand points with weight 0, or covered by no site in any tier, are dropped (they never count).
 * 2. Demand points with identical coverage sets N_t(i) in every tier merge into one, weight Σ a_i.
 *    The merged point's cost to site j becomes the smallest target T_t with j ∈ N_t(i), which keeps
 *    every coverage set as it was.
 * 3. A site j is dominated by a site j' when M_t(j) ⊆ M_t(j') for every tier t (M_t(j): demand within
 *    T_t of j), j is not an existing post, c_j' <= c_j when costs matter, and either every tier needs
 *    one unit with one unit per site (replace j by j'; if j' is already open, j's coverage adds nothing),
 *    or j' may hold all P units (move j's units to j'; the only rule for the expected objective, whose
 *    value still grows with a second unit). Some optimum then leaves j empty, so j is
 *    dropped. Equal sites keep the lowest index. Forbidden sites (maxUnits 0) are dropped.
 * 4. Steps 2 and 3 repeat (at most 3 rounds) while they change something (dropping sites can make
 *    coverage sets equal).
 *
 * Covered means d_ij <= T_t (arrival time <= target).
 */
export function reduceCoverageProblem(p: LocationProblem, options: ReductionOptions): Reduction {
  const before = { demand: p.demandIds.length, candidates: p.candidateIds.length, pairs: countPairs(p, options.targetsS) };
  const targets = options.targetsS;
  const maxT = Math.max(...targets);
  const singleUnit = options.stepValues !== false && options.tierUnits.every((k) => k === 1) && p.maxUnits.every((u) => u <= 1);
  let current = p;
  let demandGroup = Int32Array.from({ length: p.demandIds.length }, (_, i) => i);
  let candidateOf = Int32Array.from({ length: p.candidateIds.length }, (_, j) => j);
  for (let round = 0; round < 3; round++) {
    const merged = mergeDemand(current, targets, maxT);
    const sets = [...new Set(targets)].sort((a, b) => a - b).map((t) => coverageSets(merged.problem, t));
    const keep = undominated(merged.problem, sets, options, singleUnit);
    const next = keepCandidates(merged.problem, keep);
    demandGroup = demandGroup.map((g) => (g < 0 ? -1 : merged.group[g]));
    candidateOf = Int32Array.from(keep, (j) => candidateOf[j]);
    const unchanged = next.demandIds.length === current.demandIds.length && next.candidateIds.length === current.candidateIds.length;
    current = next;
    if (unchanged) break;
  }
  return {
    problem: current, demandGroup, candidateOf, before,
    after: { demand: current.demandIds.length, candidates: current.candidateIds.length, pairs: countPairs(current, targets) },
  };
}

function countPairs(p: LocationProblem, targets: readonly number[]): number {
  const maxT = Math.max(...targets);
  let n = 0;
  for (let k = 0; k < p.reachCost.length; k++) if (p.reachCost[k] <= maxT) n++;
  return n;
}

/** Merge demand points with equal coverage signatures; costs become the tier target bucket. */
function mergeDemand(p: LocationProblem, targets: readonly number[], maxT: number): { problem: LocationProblem; group: Int32Array } {
  const sorted = [...targets].sort((a, b) => a - b);
  const bucket = (d: number) => { for (const t of sorted) if (d <= t) return t; return Infinity; };
  const ni = p.demandIds.length, nj = p.candidateIds.length;
  // Signature of i: its (candidate, bucket) list, candidates ascending (the transpose is built in j order).
  const start = new Int32Array(ni + 1);
  for (let k = 0; k < p.reachDemand.length; k++) if (p.reachCost[k] <= maxT) start[p.reachDemand[k] + 1]++;
  for (let i = 0; i < ni; i++) start[i + 1] += start[i];
  const fill = start.slice(0, ni);
  const sigCand = new Int32Array(start[ni]);
  const sigCost = new Float64Array(start[ni]);
  for (let j = 0; j < nj; j++) {
    for (let k = p.reachStart[j]; k < p.reachStart[j + 1]; k++) {
      if (p.reachCost[k] > maxT) continue;
      const q = fill[p.reachDemand[k]]++;
      sigCand[q] = j; sigCost[q] = bucket(p.reachCost[k]);
    }
  }
  const group = new Int32Array(ni).fill(-1);
  const reps: number[] = [];
  const weight: number[] = [];
  const byHash = new Map<string, number[]>();
  const same = (a: number, b: number) => {
    const la = start[a + 1] - start[a];
    if (la !== start[b + 1] - start[b]) return false;
    for (let q = 0; q < la; q++) if (sigCand[start[a] + q] !== sigCand[start[b] + q] || sigCost[start[a] + q] !== sigCost[start[b] + q]) return false;
    return true;
  };
  for (let i = 0; i < ni; i++) {
    if (!(p.demandWeight[i] > 0) || start[i + 1] === start[i]) continue;
    let h1 = 0x811c9dc5 | 0, h2 = 7;
    for (let q = start[i]; q < start[i + 1]; q++) {
      const v = sigCand[q] * 8 + sorted.indexOf(sigCost[q]);
      h1 = Math.imul(h1 ^ v, 16777619);
      h2 = (Math.imul(h2, 31) + v) | 0;
    }
    const key = `${h1}:${h2}:${start[i + 1] - start[i]}`;
    const list = byHash.get(key);
    let g = -1;
    if (list) for (const r of list) if (same(reps[r], i)) { g = r; break; }
    if (g < 0) {
      g = reps.length; reps.push(i); weight.push(0);
      if (list) list.push(g); else byHash.set(key, [g]);
    }
    group[i] = g;
    weight[g] += p.demandWeight[i];
  }
  const cand: number[] = [], dem: number[] = [], cost: number[] = [];
  reps.forEach((i, g) => {
    for (let q = start[i]; q < start[i + 1]; q++) { cand.push(sigCand[q]); dem.push(g); cost.push(sigCost[q]); }
  });
  const problem = createLocationProblem({
    demandIds: reps.map((i) => p.demandIds[i]), demandWeight: weight,
    candidateIds: p.candidateIds, siteCost: p.siteCost, minUnits: p.minUnits, maxUnits: p.maxUnits,
    pairs: { candidate: cand, demand: dem, cost },
  });
  return { problem, group };
}

/** Indices of the candidates that no other candidate dominates (ascending). */
function undominated(p: LocationProblem, sets: readonly CoverageSets[], o: ReductionOptions, singleUnit: boolean): number[] {
  const nj = p.candidateIds.length;
  const canAbsorb = (j2: number) => p.maxUnits[j2] >= 1 && (singleUnit || p.maxUnits[j2] >= o.units);
  const size = (s: CoverageSets, j: number) => s.candStart[j + 1] - s.candStart[j];
  const subset = (s: CoverageSets, a: number, b: number) => {
    let qb = s.candStart[b];
    const eb = s.candStart[b + 1];
    for (let qa = s.candStart[a]; qa < s.candStart[a + 1]; qa++) {
      const d = s.candDemand[qa];
      while (qb < eb && s.candDemand[qb] < d) qb++;
      if (qb === eb || s.candDemand[qb] !== d) return false;
    }
    return true;
  };
  const dominates = (j2: number, j: number) => {
    if (j2 === j || !canAbsorb(j2)) return false;
    for (const s of sets) if (size(s, j2) < size(s, j)) return false; // a superset is no smaller
    if (o.useCost && p.siteCost[j2] > p.siteCost[j]) return false;
    let equal = !o.useCost || p.siteCost[j2] === p.siteCost[j];
    for (let t = 0; t < sets.length; t++) {
      const s = sets[t]; // smallest target first: the cheapest test rejects most pairs
      if (!subset(s, j, j2)) return false;
      if (size(s, j) !== size(s, j2)) equal = false;
    }
    return !equal || j2 < j;
  };
  const dropped = new Uint8Array(nj);
  for (let j = 0; j < nj; j++) {
    if (p.maxUnits[j] === 0) { dropped[j] = 1; continue; }
    if (p.minUnits[j] >= 1) continue;
    // Any dominator covers j's scarcest demand point in the tier where j covers anything.
    let bestI = -1, bestT = -1, bestLen = Infinity;
    sets.forEach((s, t) => {
      for (let q = s.candStart[j]; q < s.candStart[j + 1]; q++) {
        const i = s.candDemand[q];
        const len = s.demStart[i + 1] - s.demStart[i];
        if (len < bestLen) { bestLen = len; bestI = i; bestT = t; }
      }
    });
    if (bestI < 0) {
      for (let j2 = 0; j2 < nj; j2++) if (dominates(j2, j)) { dropped[j] = 1; break; }
      continue;
    }
    const s = sets[bestT];
    for (let q = s.demStart[bestI]; q < s.demStart[bestI + 1]; q++) {
      if (dominates(s.demCand[q], j)) { dropped[j] = 1; break; }
    }
  }
  const keep: number[] = [];
  for (let j = 0; j < nj; j++) if (!dropped[j]) keep.push(j);
  // MCLP-style replacement needs enough sites left to open P of them.
  if (singleUnit && keep.length < o.units) return Array.from({ length: nj }, (_, j) => j).filter((j) => p.maxUnits[j] > 0);
  return keep;
}

function keepCandidates(p: LocationProblem, keep: readonly number[]): LocationProblem {
  const cand: number[] = [], dem: number[] = [], cost: number[] = [];
  keep.forEach((j, jj) => {
    for (let k = p.reachStart[j]; k < p.reachStart[j + 1]; k++) { cand.push(jj); dem.push(p.reachDemand[k]); cost.push(p.reachCost[k]); }
  });
  return createLocationProblem({
    demandIds: p.demandIds, demandWeight: p.demandWeight,
    candidateIds: keep.map((j) => p.candidateIds[j]),
    siteCost: keep.map((j) => p.siteCost[j]), minUnits: keep.map((j) => p.minUnits[j]), maxUnits: keep.map((j) => p.maxUnits[j]),
    pairs: { candidate: cand, demand: dem, cost },
  });
}
