import type { RoadGraph } from '../engine/graph/road-graph.ts';
import type { PointPlacer } from '../engine/graph/snap.ts';
import { readInputText } from '../engine/io/files.ts';
import { inputContentHash } from '../engine/io/hash.ts';
import { InputError } from '../engine/io/input-error.ts';
import { parseDemandCsv, parsePlacesCsv, parsePostsCsv, type PlaceRecord, type PostRecord } from '../engine/io/points-csv.ts';
import { networkJsonText, postsJsonText } from '../engine/io/run-directory/file-texts.ts';
import { writeRunDirectory } from '../engine/io/run-directory/run-directory.ts';
import { describeRowUse } from '../engine/io/skipped-rows.ts';
import { progress } from './args.ts';

/** Inputs shared by the police-geography commands (jurisdictions, cordon), read by the placement rule as coverage reads them. */
export function geographyReaders(graph: RoadGraph, placer: PointPlacer) {
  return {
    posts(file: string): PostRecord[] {
      const posts = parsePostsCsv(readInputText(file, 'posts file'), file, placer);
      for (const p of posts) if (!placer.inLargestComponent(p.node)) progress(`warning: ${file}:${p.line}: post ${p.id} (node ${graph.nodeIds[p.node]}) is outside the largest strongly connected part of the network; its units can't reach all of it`);
      return posts;
    },
    places(file: string, what: string): PlaceRecord[] {
      return parsePlacesCsv(readInputText(file, `${what}s file`), file, placer, what);
    },
    /** Demand weight per node (Σ of the rows placed at it); without a file, 1 per node. */
    weights(file: string | undefined): Float64Array {
      const w = new Float64Array(graph.nodeCount);
      if (file === undefined) return w.fill(1);
      const read = parseDemandCsv(readInputText(file, 'demand file'), file, placer);
      if (read.skipped.length) progress(`demand: ${describeRowUse(file, read.rows, read.skipped)}`);
      for (const d of read.demand) w[d.node] += d.weight;
      return w;
    },
    /**
     * A node named by a flag: a node id, or "lat,lon" in WGS84 degrees placed by the placement rule
     * (on a planar network only when it has a map projection).
     */
    node(flag: string, value: string | undefined): number {
      if (value === undefined || value === '') throw new InputError(`--${flag}: expected a node id or "lat,lon"`);
      const v = graph.indexOf(value);
      if (v >= 0) return v;
      const m = /^\s*(-?\d+(?:\.\d+)?)\s*,\s*(-?\d+(?:\.\d+)?)\s*$/.exec(value);
      if (!m) throw new InputError(`--${flag}: "${value}" is neither a node of the network nor "lat,lon"`);
      const lat = Number(m[1]), lon = Number(m[2]);
      if (Math.abs(lat) > 90 || Math.abs(lon) > 180) throw new InputError(`--${flag}: "${value}" is not "lat,lon" in degrees`);
      const refusal = placer.refusal('lonlat');
      if (refusal) throw new InputError(`--${flag}: ${refusal}`);
      const hit = placer.snap(lon, lat, 'lonlat');
      if (!hit.withinLimit) throw new InputError(`--${flag}: ${value} is ${placer.describeFar(hit)}`);
      progress(`--${flag} ${value}: placed at node ${graph.nodeIds[hit.node]} (${hit.distanceM.toFixed(0)} m away)`);
      return hit.node;
    },
  };
}

/** Write a run directory whole: network.json, posts.json and the command's own file (run.json last). */
export function writeGeographyRunDirectory(dir: string, producer: string, graph: RoadGraph, posts: readonly PostRecord[], name: string, text: string, inputs: { files: readonly (string | undefined)[]; settings: unknown }): void {
  const files = [...graph.source.files, ...inputs.files.filter((f): f is string => f !== undefined)];
  writeRunDirectory(dir, {
    producer, inputHash: inputContentHash(files, inputs.settings),
    files: { 'network.json': networkJsonText(graph), 'posts.json': postsJsonText(posts), [name]: text },
  });
  progress(`wrote ${dir} (network.json, posts.json, ${name}, run.json)`);
}
