import type { RoadGraph } from '../graph/road-graph.ts';
import { VERSION } from '../version.ts';

/** The viewer's compact form of a road graph (see docs/run-directory.md, `network.json`). */
export interface NetworkJson {
  version: string;
  coordKind: RoadGraph['coordKind'];
  attribution: string | null;
  classNames: string[];
  nodes: { ids: string[]; x: (number | null)[]; y: (number | null)[] };
  edges: { from: number[]; to: number[]; cls: number[]; shapes: Record<string, number[]> };
}

/** Attribution owed for a graph's source format, or null. */
export function attributionFor(graph: RoadGraph): string | null {
  if (graph.source.format === 'osm' || graph.source.format === 'sumo') return '(c) OpenStreetMap contributors (ODbL)';
  if (graph.source.format === 'tntp') return 'Transportation Networks for Research (TNTP)';
  return null;
}

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
