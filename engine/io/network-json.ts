import type { RoadGraph } from '../graph/road-graph.ts';
import { VERSION } from '../version.ts';

/** The viewer's compact form of a road graph (see docs/run-directory.md, `network.json`). */
export interface NetworkJson {
  version: string;
  coordKind: RoadGraph['coordKind'];
  attribution: string | null;
  classNames: string[];
  nodes: { ids: string[]; x: (number | null)[]; y: (number | null)[] };
  edges: { from: number[]; to: number[]; cls: number[]; shapes: Record<string, number[]>; name?: number[] };
  /** Street names, in order of first use; `edges.name[e]` indexes it, -1 for an unnamed edge. Absent when no edge has a name. */
  names?: string[];
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
