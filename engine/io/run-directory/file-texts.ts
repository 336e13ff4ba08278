/**
 * The text of the run-directory files that are not the simulator's (engine/sim/outputs.ts writes
 * those): network.json, posts.json, coverage.json, sites.json, jurisdictions.json, cordon.json. Pure: the same input gives the same bytes.
 */
import type { CoverageResult, DemandPoint } from '../../coverage/evaluate-coverage.ts';
import type { RoadGraph } from '../../graph/road-graph.ts';
import { VERSION } from '../../version.ts';
import type { Tier } from '../../coverage/tiers.ts';
import type { CordonFile, CoverageJson, JurisdictionsFile, NetworkJson, PostJson, PostsJson, SitesJson } from './file-types.ts';

/** Attribution owed for a graph's source format, or null. */
export function attributionFor(graph: RoadGraph): string | null {
  if (graph.source.format === 'osm' || graph.source.format === 'sumo') return '(c) OpenStreetMap contributors (ODbL)';
  if (graph.source.format === 'tntp') return 'Transportation Networks for Research (TNTP)';
  return null;
}

/** `network.json` of a graph: coordinates rounded to 7 decimals, null where unknown. */
export function networkToJson(graph: RoadGraph, attribution: string | null = attributionFor(graph)): NetworkJson {
  const round = (v: number) => (Number.isFinite(v) ? Math.round(v * 1e7) / 1e7 : null);
  const shapes: Record<string, number[]> = {};
  graph.edgeShapes.forEach((s, e) => { if (s) shapes[String(e)] = Array.from(s, (v) => round(v) ?? 0); });
  const names: string[] = [];
  const nameIndex = new Map<string, number>();
  const edgeName = graph.edgeNames.map((n) => {
    if (!n) return -1;
    let i = nameIndex.get(n);
    if (i === undefined) { i = names.length; nameIndex.set(n, i); names.push(n); }
    return i;
  });
  return {
    version: VERSION,
    coordKind: graph.coordKind,
    attribution,
    classNames: [...graph.classNames],
    nodes: { ids: [...graph.nodeIds], x: Array.from(graph.x, round), y: Array.from(graph.y, round) },
    edges: { from: Array.from(graph.edgeFrom), to: Array.from(graph.edgeTo), cls: Array.from(graph.edgeClass), shapes, ...(names.length ? { name: edgeName } : {}) },
    ...(names.length ? { names } : {}),
  };
}

export function networkJsonText(graph: RoadGraph, attribution?: string | null): string {
  return `${JSON.stringify(attribution === undefined ? networkToJson(graph) : networkToJson(graph, attribution))}\n`;
}

/** `posts.json`. */
export function postsJsonText(posts: readonly PostJson[]): string {
  const json: PostsJson = {
    version: VERSION,
    posts: posts.map((p) => ({ id: p.id, node: p.node, units: p.units, type: p.type, ...(p.label !== undefined ? { label: p.label } : {}) })),
  };
  return `${JSON.stringify(json, null, 1)}\n`;
}

/** Arrival times as rows of k per point, null where no unit arrives within the largest target. */
export function arrivalRows(arrivalS: Float64Array, k: number): (number | null)[][] {
  const rows: (number | null)[][] = [];
  for (let i = 0; i < arrivalS.length; i += k) rows.push(Array.from(arrivalS.subarray(i, i + k), (t) => (Number.isFinite(t) ? t : null)));
  return rows;
}

/**
 * `coverage.json`: tier outcomes, each demand point's 1st..kth unit arrival, and the same for every
 * node of the network (`nodeArrivalS`, for maps that colour every road); null where no unit arrives
 * within the largest target.
 */
export function coverageJsonText(result: CoverageResult, demand: readonly DemandPoint[]): string {
  const json: CoverageJson = {
    version: VERSION, tiers: result.tiers, classes: result.classes, k: result.k,
    demand: { node: demand.map((d) => d.node), weight: demand.map((d) => d.weight), cls: demand.map((d) => d.class ?? null) },
    arrivalS: arrivalRows(result.arrivalS, result.k),
    nodeArrivalS: arrivalRows(result.nodeArrivalS, result.k),
  };
  return `${JSON.stringify(json)}\n`;
}

/** `jurisdictions.json`. */
export function jurisdictionsJsonText(file: Omit<JurisdictionsFile, 'version'>): string {
  return `${JSON.stringify({ version: VERSION, ...file })}\n`;
}

/** `cordon.json`. */
export function cordonJsonText(file: Omit<CordonFile, 'version'>): string {
  return `${JSON.stringify({ version: VERSION, ...file })}\n`;
}

/** A key site to write: where it is, its circle class and tiers, and its static arrivals. */
export interface SiteEntry {
  name: string;
  /** Dense node index the site snapped to. */
  node: number;
  class: string | null;
  kind: string | null;
  weight: number;
  tiers: readonly Tier[];
  /** 1st..kth unit arrival (k = the most units any of its tiers asks for); Infinity beyond the largest target. */
  arrivalS: readonly number[];
}

/** `sites.json`: `met[i]` says whether tier i is met (arrival of unit `units` <= `targetS`, the one definition of covered). */
export function sitesJsonText(sites: readonly SiteEntry[]): string {
  const json: SitesJson = {
    version: VERSION,
    sites: sites.map((s) => ({
      name: s.name, node: s.node, class: s.class, kind: s.kind, weight: s.weight,
      tiers: s.tiers.map((t) => ({ targetS: t.targetS, units: t.units })),
      arrivalS: s.arrivalS.map((t) => (Number.isFinite(t) ? t : null)),
      met: s.tiers.map((t) => s.arrivalS[t.units - 1] <= t.targetS),
    })),
  };
  return `${JSON.stringify(json, null, 1)}\n`;
}
