import type { SimulationModel } from '../model.ts';
import type { RelocationPolicy } from '../scenario.ts';

type TierGreedyPolicy = Extract<RelocationPolicy, { policy: 'tier-greedy' }>;

/**
 * What tier-greedy move-up precomputes once per model (shared by every replication): the demand
 * nodes and their weights, the distinct tiers, and the post -> demand coverage lists per travel slot.
 */

/** P(Bin(m, p) >= k) for m = 0..maxM (index m). */
export function binomialTail(maxM: number, p: number, k: number): Float64Array {
  const out = new Float64Array(maxM + 1);
  // pmf[m][i] by recurrence over m, kept as one row.
  let pmf = new Float64Array(maxM + 2);
  pmf[0] = 1;
  for (let m = 0; m <= maxM; m++) {
    let tail = 0;
    for (let i = k; i <= m; i++) tail += pmf[i];
    out[m] = k <= 0 ? 1 : Math.min(1, tail);
    const next = new Float64Array(maxM + 2);
    for (let i = 0; i <= m; i++) { next[i] += pmf[i] * (1 - p); next[i + 1] += pmf[i] * p; }
    pmf = next;
  }
  return out;
}

/** Demand nodes within the largest tier target of a post node, with the first tier (by target) each meets. */
export interface Coverage {
  /** Demand indices. */
  readonly j: Int32Array;
  /** For each, the first tier index (tiers sorted by target) whose target its travel time meets. */
  readonly from: Uint8Array;
  /** j · (tiers + 1) + from: the index into per-demand, per-first-tier arrays. */
  readonly at: Int32Array;
}

export interface TierGreedyTables {
  readonly demandNode: Int32Array;
  /** Normalised: sums to 1. */
  readonly demandWeight: Float64Array;
  /** Distinct tiers, sorted by target then units; weights sum to 1. */
  readonly tierTargetS: Float64Array;
  readonly tierUnits: Int32Array;
  readonly tierWeight: Float64Array;
  /** Coverage list of a node for a travel slot (built on first use, then cached for the model). */
  coverage(slot: number, node: number): Coverage;
  /** The same as a dense array over demand nodes: the first tier met, or 255 where not covered. */
  coverageFrom(slot: number, node: number): Uint8Array;
}

/** The demand, tiers and post → demand coverage lists of a model (once per model, shared by replications). */
export function tierGreedyTables(model: SimulationModel, policy: TierGreedyPolicy): TierGreedyTables {
  const key = 'tier-greedy';
  const hit = model.policyCache.get(key) as TierGreedyTables | undefined;
  if (hit) return hit;
  const sc = model.scenario;
  const g = sc.graph;
  const weight = new Float64Array(g.nodeCount);
  if (sc.demand.kind === 'poisson') weight.set(sc.demand.nodeWeight);
  else for (const v of sc.demand.incidents.node) weight[v]++;
  const demandNode: number[] = [];
  let total = 0;
  for (let v = 0; v < g.nodeCount; v++) if (weight[v] > 0) { demandNode.push(v); total += weight[v]; }
  const demandOf = new Int32Array(g.nodeCount).fill(-1);
  demandNode.forEach((v, j) => { demandOf[v] = j; });
  const demandWeight = Float64Array.from(demandNode, (v) => weight[v] / total);
  const tiers = new Map<string, { targetS: number; units: number; weight: number }>();
  sc.classes.forEach((c, ci) => {
    for (const t of c.tiers) {
      const k = `${t.targetS}/${t.units}`;
      const w = policy.classWeight[ci] / c.tiers.length;
      const cur = tiers.get(k);
      if (cur) cur.weight += w; else tiers.set(k, { targetS: t.targetS, units: t.units, weight: w });
    }
  });
  const sorted = [...tiers.values()].filter((t) => t.weight > 0).sort((a, b) => a.targetS - b.targetS || a.units - b.units);
  if (sorted.length > 255) throw new Error(`tier-greedy: at most 255 distinct tiers, got ${sorted.length}`);
  const tierTargetS = Float64Array.from(sorted, (t) => t.targetS);
  const maxT = sorted.length ? tierTargetS[sorted.length - 1] : 0;
  const cache = new Map<number, Coverage>();
  const denseCache = new Map<number, Uint8Array>();
  const tables: TierGreedyTables = {
    demandNode: Int32Array.from(demandNode), demandWeight, tierTargetS,
    tierUnits: Int32Array.from(sorted, (t) => t.units), tierWeight: Float64Array.from(sorted, (t) => t.weight),
    coverage(slot, node) {
      const k = slot * g.nodeCount + node;
      let cov = cache.get(k);
      if (!cov) {
        const reach = model.oracle.slotReachFrom(slot, node, maxT);
        const js: number[] = [], from: number[] = [];
        for (let i = 0; i < reach.count; i++) {
          const v = reach.settled[i];
          const j = demandOf[v];
          if (j < 0) continue;
          const t = reach.timeS[v];
          let f = 0;
          while (tierTargetS[f] < t) f++;
          js.push(j); from.push(f);
        }
        // In demand order, so the sums over a list read the per-demand arrays front to back.
        const order = js.map((_, i) => i).sort((a, b) => js[a] - js[b]);
        cov = { j: Int32Array.from(order, (i) => js[i]), from: Uint8Array.from(order, (i) => from[i]), at: Int32Array.from(order, (i) => js[i] * (sorted.length + 1) + from[i]) };
        cache.set(k, cov);
      }
      return cov;
    },
    coverageFrom(slot, node) {
      const k = slot * g.nodeCount + node;
      let dense = denseCache.get(k);
      if (!dense) {
        const cov = tables.coverage(slot, node);
        dense = new Uint8Array(demandNode.length).fill(255);
        for (let e = 0; e < cov.j.length; e++) dense[cov.j[e]] = cov.from[e];
        denseCache.set(k, dense);
      }
      return dense;
    },
  };
  model.policyCache.set(key, tables);
  return tables;
}
