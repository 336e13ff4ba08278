import { existsSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import type { RoadGraph } from '../../graph/road-graph.ts';
import { readInputBytes, readInputText } from '../files.ts';
import { InputError } from '../input-error.ts';
import { parseCsvNetwork } from './csv-network.ts';
import { parseGeoJsonNetwork } from './geojson-network.ts';
import { parseNodeFile } from './node-file.ts';
import { decodeOsmBytes, parseOsmXml } from './osm.ts';
import { parseSumoPlain } from './sumo.ts';
import { parseTntpNetwork } from './tntp.ts';

export type NetworkFormat = 'tntp' | 'sumo' | 'osm' | 'geojson' | 'csv';

export interface LoadNetworkOptions {
  /** Guessed from the file names when absent (_net.tntp, .nod.xml/.edg.xml, .osm/.osm.bz2, .geojson/.json, .csv). */
  format?: NetworkFormat;
  /** TNTP _node.tntp or CSV nodes file (id + lon,lat or x,y); a GeoJSON file of Points works too. */
  nodesFile?: string;
  /** CSV/GeoJSON: every row without a oneway value is usable both ways. */
  undirected?: boolean;
  /** TNTP free_flow_time unit, default 'min'. */
  timeUnit?: 'min' | 's' | 'h';
  /** SUMO/OSM: include non-drivable classes (footway, rail...). */
  allClasses?: boolean;
  /** Coordinates are lon/lat degrees or planar metres, when the guess is wrong (e.g. local km grids near 0,0 read as degrees). OSM is always lon/lat. */
  coordKind?: 'lonlat' | 'planar';
}

export const NETWORK_FORMATS: readonly NetworkFormat[] = Object.freeze(['tntp', 'sumo', 'osm', 'geojson', 'csv']);

/** The format a file name suggests, or undefined. */
export function formatOfFileName(file: string): NetworkFormat | undefined {
  const f = basename(file).toLowerCase();
  if (f.endsWith('.tntp')) return 'tntp';
  if (f.endsWith('.nod.xml') || f.endsWith('.edg.xml') || f.endsWith('.typ.xml')) return 'sumo';
  if (f.endsWith('.osm') || f.endsWith('.osm.bz2') || f.endsWith('.osm.xml')) return 'osm';
  if (f.endsWith('.geojson') || f.endsWith('.json')) return 'geojson';
  if (f.endsWith('.csv')) return 'csv';
  return undefined;
}

/**
 * Read a road network from files and import it as a {@link RoadGraph}. Throws InputError on bad input
 * (the message names the file, line or element, field, what was expected and what was found).
 *
 * - tntp: the `_net.tntp` (a `_node.tntp` may be listed too); without `nodesFile`, a `_node.tntp` beside
 *   the net file is used when it exists.
 * - sumo: the `.nod.xml` and `.edg.xml` in any order, or one of them (the other is found by prefix); a
 *   `.typ.xml` beside them (or listed) supplies type defaults.
 * - osm: one `.osm`, `.osm.xml` or `.osm.bz2` file.
 * - geojson: one FeatureCollection of LineStrings.
 * - csv: one edge list; node coordinates from `nodesFile`.
 *
 * @example
 * const g = loadNetwork(['scenarios/data/tntp-siouxfalls/SiouxFalls_net.tntp']); // 24 nodes, 76 edges
 */
export function loadNetwork(files: string[], options: LoadNetworkOptions = {}): RoadGraph {
  if (files.length === 0) throw new InputError('network: expected at least one network file, got none');
  const format = options.format ?? guessFormat(files);
  if (!NETWORK_FORMATS.includes(format)) throw new InputError(`format: expected one of ${NETWORK_FORMATS.join(', ')}, got ${JSON.stringify(format)}`);
  if (options.timeUnit !== undefined && !['min', 's', 'h'].includes(options.timeUnit)) {
    throw new InputError(`timeUnit: expected min, s or h, got ${JSON.stringify(options.timeUnit)}`);
  }
  switch (format) {
    case 'tntp': return loadTntp(files, options);
    case 'sumo': return loadSumo(files, options);
    case 'osm': {
      const file = single(files, 'osm', 'one .osm or .osm.bz2 file');
      if (options.coordKind === 'planar') throw new InputError(`${file}: OpenStreetMap coordinates are always lon/lat; drop the planar coordinate option`);
      return parseOsmXml(decodeOsmBytes(readInputBytes(file, 'OSM file'), file), file, { allClasses: options.allClasses });
    }
    case 'geojson': {
      const file = single(files, 'geojson', 'one GeoJSON file');
      return parseGeoJsonNetwork(readInputText(file, 'GeoJSON file'), file, { undirected: options.undirected, coordKind: options.coordKind });
    }
    case 'csv': {
      const file = single(files, 'csv', 'one edge CSV (give node coordinates with the nodes file option, --nodes)');
      return parseCsvNetwork(readInputText(file, 'edge CSV'), file, { undirected: options.undirected, nodes: readNodes(options.nodesFile), coordKind: options.coordKind });
    }
  }
}

function guessFormat(files: string[]): NetworkFormat {
  const formats = new Set(files.map(formatOfFileName));
  if (formats.size === 1 && !formats.has(undefined)) return [...formats][0]!;
  const described = files.map((f) => `${f} (${formatOfFileName(f) ?? 'unknown'})`).join(', ');
  throw new InputError(`format: cannot tell the network format from the file names ${described}: expected _net.tntp, .nod.xml/.edg.xml, .osm/.osm.bz2, .geojson/.json or .csv, all of one format (or give the format: ${NETWORK_FORMATS.join('|')})`);
}

function single(files: string[], format: string, expected: string): string {
  if (files.length !== 1) throw new InputError(`${format}: expected ${expected}, got ${files.length} files: ${files.join(', ')}`);
  return files[0];
}

function readNodes(nodesFile: string | undefined) {
  if (nodesFile === undefined) return undefined;
  return { coordinates: parseNodeFile(readInputText(nodesFile, 'node file'), nodesFile), fileName: nodesFile };
}

function loadTntp(files: string[], options: LoadNetworkOptions): RoadGraph {
  const isNode = (f: string) => /_nodes?(_[^/\\]*)?\.tntp$/i.test(basename(f)) && !/_net/i.test(basename(f));
  const nets = files.filter((f) => !isNode(f));
  const listedNodes = files.filter(isNode);
  if (nets.length !== 1) throw new InputError(`tntp: expected one _net.tntp link file${listedNodes.length ? ' (besides the node file)' : ''}, got ${nets.length}: ${files.join(', ')}`);
  if (listedNodes.length > 1 || (listedNodes.length === 1 && options.nodesFile !== undefined)) {
    throw new InputError(`tntp: expected at most one node file, got ${[...listedNodes, ...(options.nodesFile ? [options.nodesFile] : [])].join(', ')}`);
  }
  const net = nets[0];
  let nodesFile = options.nodesFile ?? listedNodes[0];
  if (nodesFile === undefined && /_net\.tntp$/i.test(net)) {
    const sibling = net.replace(/_net\.tntp$/i, (m) => (m[1] === 'n' ? '_node.tntp' : '_NODE.tntp'));
    if (existsSync(sibling)) nodesFile = sibling;
  }
  return parseTntpNetwork(readInputText(net, 'TNTP network file'), net, { timeUnit: options.timeUnit, nodes: readNodes(nodesFile), coordKind: options.coordKind });
}

function loadSumo(files: string[], options: LoadNetworkOptions): RoadGraph {
  const pickOne = (suffix: string) => {
    const found = files.filter((f) => f.toLowerCase().endsWith(suffix));
    if (found.length > 1) throw new InputError(`sumo: expected one ${suffix} file, got ${found.join(', ')}`);
    return found[0];
  };
  const other = files.filter((f) => !/\.(nod|edg|typ)\.xml$/i.test(f));
  if (other.length) throw new InputError(`sumo: expected .nod.xml, .edg.xml (and optionally .typ.xml) files, got ${other.join(', ')}`);
  let nod = pickOne('.nod.xml');
  let edg = pickOne('.edg.xml');
  let typ = pickOne('.typ.xml');
  const anyFile = nod ?? edg ?? typ!;
  const prefix = join(dirname(anyFile), basename(anyFile).replace(/\.(nod|edg|typ)\.xml$/i, ''));
  nod ??= `${prefix}.nod.xml`;
  edg ??= `${prefix}.edg.xml`;
  if (typ === undefined && existsSync(`${prefix}.typ.xml`)) typ = `${prefix}.typ.xml`;
  const read = (f: string, what: string) => ({ text: readInputText(f, what), fileName: f });
  return parseSumoPlain(read(nod, 'SUMO node file (.nod.xml)'), read(edg, 'SUMO edge file (.edg.xml)'), {
    allClasses: options.allClasses,
    coordKind: options.coordKind,
    types: typ === undefined ? undefined : read(typ, 'SUMO type file (.typ.xml)'),
  });
}
