import { stronglyConnectedComponents } from '../graph/components.ts';
import { createPointPlacer, DEFAULT_MAX_SNAP_M } from '../graph/snap.ts';
import { edgeTravelTimesS } from '../graph/travel-time-model.ts';
import { evaluateCoverage, type CoverageResult, type DemandPoint } from '../coverage/evaluate-coverage.ts';
import type { Tier } from '../coverage/tiers.ts';
import { readInputText } from '../io/files.ts';
import { InputError } from '../io/input-error.ts';
import { parseDemandCsv } from '../io/points-csv.ts';
import { describeRowUse } from '../io/skipped-rows.ts';
import { buildRoutingGraph } from '../routing/routing-graph.ts';
import type { Scenario } from '../sim/scenario.ts';
import { unitsPerPost } from '../sim/units-per-post.ts';
import type { PlanningNetwork } from './network-deployment.ts';
import type { SiteEntry } from '../io/run-directory/file-texts.ts';

/**
 * The static view of a scenario: its network with response travel times of the unit types it deploys
 * (per edge the slowest of them, at hour `hour`; engine/graph/travel-time-model.ts), and its demand
 * points (the Poisson model's node weights, which live in the largest strongly connected part).
 */
export interface ScenarioStatics extends PlanningNetwork {
  readonly demand: DemandPoint[];
  /** Component of each node; 0 is the largest strongly connected part. */
  readonly componentOf: Int32Array;
}

export function scenarioStatics(sc: Scenario, hour = 0): ScenarioStatics {
  if (sc.demand.kind !== 'poisson') throw new InputError(`${sc.name}: demand: static evaluation needs a Poisson demand model (its node weights are the demand), got "${sc.demand.kind}"`);
  const graph = sc.graph;
  const typesUsed = [...new Set(sc.units.map((u) => u.type))].sort((a, b) => a - b).map((t) => sc.unitTypes[t]);
  if (typesUsed.length === 0) throw new InputError(`${sc.name}: units: the scenario deploys no unit`);
  const routing = buildRoutingGraph(graph, edgeTravelTimesS(graph, sc.travel, hour, typesUsed));
  const demand: DemandPoint[] = [];
  const w = sc.demand.nodeWeight;
  for (let v = 0; v < graph.nodeCount; v++) if (w[v] > 0) demand.push({ node: v, weight: w[v] });
  return { graph, routing, demand, componentOf: stronglyConnectedComponents(graph).componentOf };
}

/** A key site: a demand point with the class whose circle it must sit in. */
export interface KeySite { node: number; weight: number; class?: string; name?: string; kind?: string }

/**
 * Key sites from a CSV (name, lon/lat or node, class, weight), placed by the rule of
 * engine/graph/snap.ts (nearest road node of the largest strongly connected part within `maxSnapM`);
 * rows skipped are described in `notes`.
 */
export function readKeySites(path: string, statics: ScenarioStatics, maxSnapM = DEFAULT_MAX_SNAP_M, notes: string[] = []): KeySite[] {
  const parsed = parseDemandCsv(readInputText(path, 'sites file'), path, createPointPlacer(statics.graph, { maxSnapM }));
  if (parsed.skipped.length) notes.push(`note: sites: ${describeRowUse(path, parsed.rows, parsed.skipped)}`);
  return parsed.demand.map((d) => ({ node: d.node, weight: d.weight, ...(d.class !== undefined ? { class: d.class } : {}), ...(d.name !== undefined ? { name: d.name } : {}), ...(d.kind !== undefined ? { kind: d.kind } : {}) }));
}

/** Static figures of a layout: demand-weighted tier coverage, and key sites meeting every tier of their class. */
export interface LayoutStatics {
  coverage: CoverageResult;
  /** Per site class (sorted): sites meeting every tier of the class (its own tiers, else the standard's). */
  sitesMet: { class: string; met: number; count: number }[];
  /** Per key site (in input order): whether it meets every tier of its class. */
  siteMeets: boolean[];
  /** Every key site with its tiers and arrivals (sites.json). */
  sites: SiteEntry[];
}

/** The posts of a scenario with their unit counts, for the coverage engine. */
export function scenarioPosts(sc: Scenario): { node: number; units: number }[] {
  const count = unitsPerPost(sc);
  return sc.posts.map((p, i) => ({ node: p.node, units: count[i] }));
}

/**
 * Static figures of a scenario's layout: coverage of its demand against `tiers`, and each key site
 * against its class's tiers (`classTiers[class]`, else `tiers`). Covered: arrival time <= target.
 */
export function evaluateLayout(statics: ScenarioStatics, sc: Scenario, tiers: readonly Tier[], sites: readonly KeySite[], classTiers: Readonly<Record<string, readonly Tier[]>>): LayoutStatics {
  return evaluatePosts(statics, scenarioPosts(sc), tiers, sites, classTiers);
}

/** {@link evaluateLayout} for posts given as nodes with unit counts (a block of a time-of-day plan). */
export function evaluatePosts(statics: ScenarioStatics, posts: readonly { node: number; units: number }[], tiers: readonly Tier[], sites: readonly KeySite[], classTiers: Readonly<Record<string, readonly Tier[]>>): LayoutStatics {
  const coverage = evaluateCoverage(statics.routing, posts, statics.demand, { tiers });
  let sitesMet: LayoutStatics['sitesMet'] = [];
  const siteMeets: boolean[] = [];
  const siteEntries: SiteEntry[] = [];
  if (sites.length) {
    const cov = evaluateCoverage(statics.routing, posts, sites.map((s) => ({ node: s.node, weight: 1, ...(s.class ? { class: s.class } : {}) })), { tiers, classTiers });
    sites.forEach((s, i) => {
      const list = (s.class && classTiers[s.class]) || tiers;
      const ok = list.every((t) => cov.arrivalS[i * cov.k + t.units - 1] <= t.targetS);
      siteMeets.push(ok);
      const k = Math.max(...list.map((t) => t.units));
      siteEntries.push({ name: s.name ?? `site ${i + 1}`, node: s.node, class: s.class ?? null, kind: s.kind ?? null, weight: s.weight, tiers: list, arrivalS: Array.from(cov.arrivalS.subarray(i * cov.k, i * cov.k + k)) });
    });
    sitesMet = sitesMetByClass(sites, siteMeets);
  }
  return { coverage, sitesMet, siteMeets, sites: siteEntries };
}

/** Per site class (sorted; "default" for sites without one): how many of its sites meet it, of how many. */
export function sitesMetByClass(sites: readonly KeySite[], siteMeets: readonly boolean[]): LayoutStatics['sitesMet'] {
  const byClass = new Map<string, { met: number; count: number }>();
  sites.forEach((s, i) => {
    const key = s.class ?? 'default';
    const e = byClass.get(key) ?? { met: 0, count: 0 };
    e.count++; if (siteMeets[i]) e.met++;
    byClass.set(key, e);
  });
  return [...byClass].sort(([a], [c]) => (a < c ? -1 : a > c ? 1 : 0)).map(([cls, e]) => ({ class: cls, ...e }));
}
