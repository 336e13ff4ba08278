/**
 * The text of the run-directory files that are not the simulator's (engine/sim/outputs.ts writes
 * those): network.json, posts.json, coverage.json. Pure: the same input gives the same bytes.
 */
import type { CoverageResult, DemandPoint } from '../../coverage/evaluate-coverage.ts';
import type { RoadGraph } from '../../graph/road-graph.ts';
import { VERSION } from '../../version.ts';
import type { CoverageJson, NetworkJson, PostJson, PostsJson } from './file-types.ts';

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
  return {
    version: VERSION,
    coordKind: graph.coordKind,
    attribution,
    classNames: [...graph.classNames],
    nodes: { ids: [...graph.nodeIds], x: Array.from(graph.x, round), y: Array.from(graph.y, round) },
    edges: { from: Array.from(graph.edgeFrom), to: Array.from(graph.edgeTo), cls: Array.from(graph.edgeClass), shapes },
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

/** `coverage.json`: tier outcomes and each demand point's 1st..kth unit arrival (null: none within the largest target). */
export function coverageJsonText(result: CoverageResult, demand: readonly DemandPoint[]): string {
  const json: CoverageJson = {
    version: VERSION, tiers: result.tiers, classes: result.classes, k: result.k,
    demand: { node: demand.map((d) => d.node), weight: demand.map((d) => d.weight), cls: demand.map((d) => d.class ?? null) },
    arrivalS: arrivalRows(result.arrivalS, result.k),
  };
  return `${JSON.stringify(json)}\n`;
}
