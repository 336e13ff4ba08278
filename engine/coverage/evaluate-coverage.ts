import { nearestSources, type WeightedSource } from '../routing/nearest-sources.ts';
import type { RoutingGraph } from '../routing/routing-graph.ts';
import { DEFAULT_TIERS, meetsTier, validateTiers, type Tier } from './tiers.ts';

export interface DemandPoint {
  /** Dense node index. */
  node: number;
  /** Weight >= 0 (incident rate, population, 1 for uniform). */
  weight: number;
  /** Demand class; its tier list comes from `classTiers`, else the default tiers. */
  class?: string;
}

export interface TierOutcome {
  targetS: number;
  units: number;
  /** coveredWeight / totalWeight. */
  coveredShare: number;
  coveredWeight: number;
  totalWeight: number;
  coveredCount: number;
  count: number;
}

export interface ClassOutcome {
  name: string;
  count: number;
  totalWeight: number;
  tiers: TierOutcome[];
}

export interface CoverageResult {
  /** Every demand point against the default tiers. */
  tiers: TierOutcome[];
  /** Per demand class against that class's own tiers (classes in first-seen order; unclassed as "default"). */
  classes: ClassOutcome[];
  /** Units counted per demand point (the largest `units` of any tier). */
  k: number;
  /** Arrival time of the 1st..kth unit per demand point: `arrivalS[i*k + j]` (Infinity beyond the largest target). */
  arrivalS: Float64Array;
  /** The same for every node of the graph, demand or not: `nodeArrivalS[v*k + j]` (for maps). */
  nodeArrivalS: Float64Array;
  /** Work done by the search, for benchmarks. */
  settledLabels: number;
}

export interface CoverageOptions {
  tiers?: readonly Tier[];
  classTiers?: Readonly<Record<string, readonly Tier[]>>;
}

/**
 * Static coverage of a deployment: for each demand point the arrival times of the nearest units
 * (units drive from their posts), and per tier the weighted share of demand that meets it.
 * A demand point meets tier (T, k) when at least k units reach it with travel time <= T seconds.
 *
 * @example
 * const cov = evaluateCoverage(rg, [{ node: 3, units: 2 }], [{ node: 7, weight: 1 }]);
 * cov.tiers[0].coveredShare // share within 60 s by one unit
 */
export function evaluateCoverage(
  graph: RoutingGraph,
  posts: readonly WeightedSource[],
  demand: readonly DemandPoint[],
  options: CoverageOptions = {},
): CoverageResult {
  const tiers = options.tiers ?? DEFAULT_TIERS;
  const classTiers = options.classTiers ?? {};
  const problems = validateTiers(tiers);
  for (const [name, list] of Object.entries(classTiers)) problems.push(...validateTiers(list, `classTiers.${name}`));
  if (problems.length) throw new Error(problems.join('; '));
  let totalWeight = 0;
  demand.forEach((d, i) => {
    if (!(Number.isFinite(d.weight) && d.weight >= 0)) throw new Error(`demand[${i}].weight: expected a number >= 0, got ${d.weight}`);
    totalWeight += d.weight;
  });
  if (demand.length === 0) throw new Error('no demand points to evaluate');

  const tierListOf = (d: DemandPoint) => (d.class !== undefined && classTiers[d.class]) || tiers;
  let k = 1;
  let maxTimeS = 0;
  const allLists = [tiers, ...Object.values(classTiers)];
  for (const list of allLists) for (const t of list) { k = Math.max(k, t.units); maxTimeS = Math.max(maxTimeS, t.targetS); }

  const near = nearestSources(graph, posts, k, { maxTimeS });
  const arrivalS = new Float64Array(demand.length * k);
  demand.forEach((d, i) => arrivalS.set(near.arrivalS.subarray(d.node * k, d.node * k + k), i * k));

  const tally = (points: number[], list: readonly Tier[]): TierOutcome[] => {
    let weight = 0;
    for (const i of points) weight += demand[i].weight;
    return list.map((tier) => {
      let coveredWeight = 0, coveredCount = 0;
      for (const i of points) if (meetsTier(arrivalS, i * k, tier)) { coveredWeight += demand[i].weight; coveredCount++; }
      return {
        targetS: tier.targetS, units: tier.units,
        coveredShare: weight > 0 ? coveredWeight / weight : 0,
        coveredWeight, totalWeight: weight, coveredCount, count: points.length,
      };
    });
  };

  const all = demand.map((_, i) => i);
  const byClass = new Map<string, number[]>();
  demand.forEach((d, i) => {
    const name = d.class ?? 'default';
    const list = byClass.get(name);
    if (list) list.push(i); else byClass.set(name, [i]);
  });
  const classes: ClassOutcome[] = [...byClass].map(([name, points]) => {
    const outcome = tally(points, tierListOf(demand[points[0]]));
    return { name, count: points.length, totalWeight: outcome[0]?.totalWeight ?? 0, tiers: outcome };
  });
  return { tiers: tally(all, tiers), classes, k, arrivalS, nodeArrivalS: near.arrivalS, settledLabels: near.settledLabels };
}
