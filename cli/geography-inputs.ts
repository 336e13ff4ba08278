import { join } from 'node:path';
import type { RoadGraph } from '../engine/graph/road-graph.ts';
import { createSnapper, type Snapper } from '../engine/graph/snap.ts';
import { readInputText, writeFileAtomic } from '../engine/io/files.ts';
import { InputError } from '../engine/io/input-error.ts';
import { networkToJson } from '../engine/io/network-json.ts';
import { parseDemandCsv, parsePlacesCsv, parsePostsCsv, type PlaceRecord, type PostRecord } from '../engine/io/points-csv.ts';
import { postsJsonText } from '../engine/io/run-files.ts';
import { progress } from './args.ts';

/** Inputs shared by the police-geography commands (jurisdictions, cordon), read the way coverage reads them. */
export function geographyReaders(graph: RoadGraph) {
  let snapper: Snapper | undefined;
  const lazySnapper = () => (snapper ??= createSnapper(graph));
  return {
    posts(file: string): PostRecord[] {
      return parsePostsCsv(readInputText(file, 'posts file'), file, graph, lazySnapper);
    },
    places(file: string, what: string): PlaceRecord[] {
      return parsePlacesCsv(readInputText(file, `${what}s file`), file, graph, lazySnapper, what);
    },
    /** Demand weight per node (Σ of the rows at it); without a file, 1 per node. */
    weights(file: string | undefined): Float64Array {
      const w = new Float64Array(graph.nodeCount);
      if (file === undefined) return w.fill(1);
      const { demand } = parseDemandCsv(readInputText(file, 'demand file'), file, graph, lazySnapper);
      for (const d of demand) w[d.node] += d.weight;
      return w;
    },
    /**
     * A node named by a flag: a node id, or "LAT,LON" (planar networks: "Y,X", as the points CSVs'
     * lat/lon columns) snapped to the nearest node like posts.
     */
    node(flag: string, value: string | undefined): number {
      if (value === undefined || value === '') throw new InputError(`--${flag}: expected a node id or "lat,lon"`);
      const v = graph.indexOf(value);
      if (v >= 0) return v;
      const m = /^\s*(-?[\d.]+(?:e-?\d+)?)\s*,\s*(-?[\d.]+(?:e-?\d+)?)\s*$/i.exec(value);
      if (!m) throw new InputError(`--${flag}: "${value}" is neither a node of the network nor "lat,lon"`);
      if (graph.coordKind === 'none') throw new InputError(`--${flag}: the network has no node coordinates, so "${value}" can't be snapped; give a node id`);
      const hit = lazySnapper().nearestWithDistance(Number(m[2]), Number(m[1]));
      if (hit.node < 0) throw new InputError(`--${flag}: no network node to snap "${value}" to`);
      progress(`--${flag} ${value}: snapped to node ${graph.nodeIds[hit.node]} (${hit.distanceM.toFixed(0)} m away)`);
      return hit.node;
    },
  };
}

/** Write network.json, posts.json and one more file into a run directory. */
export function writeGeographyRunDirectory(dir: string, graph: RoadGraph, posts: readonly PostRecord[], name: string, text: string): void {
  writeFileAtomic(join(dir, 'network.json'), JSON.stringify(networkToJson(graph)));
  writeFileAtomic(join(dir, 'posts.json'), postsJsonText(posts));
  writeFileAtomic(join(dir, name), text);
  progress(`wrote ${dir}/{network,posts,${name.replace(/\.json$/, '')}}.json`);
}
