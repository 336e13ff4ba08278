import type { CoverageResult, DemandPoint } from '../coverage/evaluate-coverage.ts';
import type { Tier } from '../coverage/tiers.ts';
import { VERSION } from '../version.ts';

/** One post as `posts.json` holds it (see docs/run-directory.md). */
export interface PostEntry {
  id: string;
  /** Dense node index. */
  node: number;
  units: number;
  type: string;
  label?: string;
}

/** `posts.json` of a run directory. */
export function postsJsonText(posts: readonly PostEntry[]): string {
  return `${JSON.stringify({
    version: VERSION,
    posts: posts.map((p) => ({ id: p.id, node: p.node, units: p.units, type: p.type, ...(p.label !== undefined ? { label: p.label } : {}) })),
  }, null, 1)}\n`;
}

/** Arrival times as rows of k per point, null where no unit arrives within the largest target. */
export function arrivalRows(arrivalS: Float64Array, k: number): (number | null)[][] {
  const rows: (number | null)[][] = [];
  for (let i = 0; i < arrivalS.length; i += k) rows.push(Array.from(arrivalS.subarray(i, i + k), (t) => (Number.isFinite(t) ? t : null)));
  return rows;
}

/**
 * `coverage.json` of a run directory: tier outcomes, each demand point's 1st..kth unit arrival, and the
 * same for every node of the network (`nodeArrivalS`, for maps that colour every road); null where no
 * unit arrives within the largest target.
 */
export function coverageJsonText(result: CoverageResult, demand: readonly DemandPoint[]): string {
  const arrivalS = arrivalRows(result.arrivalS, result.k);
  return `${JSON.stringify({
    version: VERSION, tiers: result.tiers, classes: result.classes, k: result.k,
    demand: { node: demand.map((d) => d.node), weight: demand.map((d) => d.weight), cls: demand.map((d) => d.class ?? null) },
    arrivalS,
    nodeArrivalS: arrivalRows(result.nodeArrivalS, result.k),
  })}\n`;
}

/** One key site of `sites.json`: where it is, its circle class and tiers, and how the layout serves it. */
export interface SiteEntry {
  name: string;
  /** Dense node index the site snapped to. */
  node: number;
  class: string | null;
  kind: string | null;
  weight: number;
  tiers: readonly Tier[];
  /** 1st..kth unit arrival at the site (k = the most units any of its tiers asks for); null beyond the largest target. */
  arrivalS: readonly number[];
}

/**
 * `sites.json` of a run directory: key sites (stations, hubs, schools, malls) with their response
 * circle (class and tiers) and static arrival times; `met[i]` says whether tier i is met (arrival of
 * unit `units` <= `targetS`, the one definition of covered).
 */
export function sitesJsonText(sites: readonly SiteEntry[]): string {
  return `${JSON.stringify({
    version: VERSION,
    sites: sites.map((s) => ({
      name: s.name, node: s.node, class: s.class, kind: s.kind, weight: s.weight,
      tiers: s.tiers.map((t) => ({ targetS: t.targetS, units: t.units })),
      arrivalS: s.arrivalS.map((t) => (Number.isFinite(t) ? t : null)),
      met: s.tiers.map((t) => s.arrivalS[t.units - 1] <= t.targetS),
    })),
  }, null, 1)}\n`;
}
