import type { CliCommand } from '../command.ts';
import { parseCommandArgs } from '../args.ts';
import { InputError } from '../../engine/io/input-error.ts';
import { loadNetwork } from '../../engine/io/network/load-network.ts';
import { LOADER_FLAGS, loadOptionsFromFlags } from '../network-flags.ts';
import { summarizeNetwork, type NetworkSummary } from '../../engine/io/network/network-summary.ts';
import { COMMAND_SUMMARIES } from '../command-list.ts';

const HELP = `patrolsim network <files...> [options]

Import a road network and describe it: nodes, edges, zones, road classes, strongly connected
components, bounding box and total length. Use it to check a network before planning on it.

Files (the format is guessed from the names):
  TNTP     X_net.tntp [X_node.tntp]        free_flow_time in minutes; a _node.tntp beside the
                                           net file is used automatically; nodes below
                                           FIRST THRU NODE are zones (never passed through)
  SUMO     X.nod.xml X.edg.xml [X.typ.xml]  plain XML from netconvert (one file is enough: the
                                           others are found by prefix); speed m/s
  OSM      X.osm | X.osm.bz2               OpenStreetMap XML; drivable highway classes
  GeoJSON  X.geojson | X.json              LineString features (time_s, speed_kph or maxspeed,
                                           highway, oneway, from/to optional)
  CSV      X.csv                           edge list: from,to and time_s, or length_m and speed_kph;
                                           optional oneway, class, id

Options:
  --format F         tntp|sumo|osm|geojson|csv (default: guessed from the file names)
  --nodes FILE       node coordinates: TNTP _node.tntp, CSV (id + lon,lat or x,y) or GeoJSON Points
  --undirected       CSV/GeoJSON: rows without a oneway value are two-way roads
  --time-unit U      TNTP free_flow_time unit: min (default), s or h
  --all-classes      SUMO/OSM: keep non-drivable roads too (service, footway, cycleway, rail...)
  --coords K         lonlat|planar: node coordinates are degrees or metres (default: guessed; local
                     grids near (0, 0) or integer coordinates read as planar)
  --json             print one JSON object:
                     {"nodes","edges","zones","components","largestComponent","nodesOutsideLargest",
                      "bbox":{"minX","minY","maxX","maxY"},"coordKind","projection","totalLengthM","classes":{...}}
  -h, --help         show this help

Units: time in seconds, length in metres (km in the text report), speed in km/h; coordinates in
lon/lat degrees or planar metres ("coordKind"). Exit status 2 on bad input, with the file, line and
field named.

Example:
  patrolsim network scenarios/data/shenzhen-futian-sumo/FuTian.nod.xml scenarios/data/shenzhen-futian-sumo/FuTian.edg.xml`;

export const command: CliCommand = {
  name: 'network',
  summary: COMMAND_SUMMARIES.network,
  help: HELP,
  async run(args) {
    const { values, positionals } = parseCommandArgs('network', args, { ...LOADER_FLAGS, json: { type: 'boolean' } });
    if (positionals.length === 0) throw new InputError('expected at least one network file (see patrolsim network --help)');
    const options = loadOptionsFromFlags(values);
    const graph = loadNetwork(positionals, options);
    const summary = summarizeNetwork(graph);
    if (values.json) {
      const { edgesWithoutLength: _omit, ...json } = summary;
      process.stdout.write(`${JSON.stringify(json)}\n`);
    } else {
      process.stdout.write(`${formatSummary(summary, graph.source.format, graph.source.files)}\n`);
    }
    return 0;
  },
};

const int = (n: number) => n.toLocaleString('en-US');
const coord = (v: number) => String(Math.round(v * 1e6) / 1e6);

/** The human-readable report. */
export function formatSummary(s: NetworkSummary, format: string, files: readonly string[]): string {
  const length = s.totalLengthM === null
    ? 'unknown (the source gives no lengths in a known unit)'
    : `${(s.totalLengthM / 1000).toFixed(1)} km${s.edgesWithoutLength > 0 ? ` (${int(s.edgesWithoutLength)} edges without a length)` : ''}`;
  const bbox = s.bbox
    ? `x ${coord(s.bbox.minX)} .. ${coord(s.bbox.maxX)}, y ${coord(s.bbox.minY)} .. ${coord(s.bbox.maxY)} (${s.coordKind === 'lonlat' ? 'lon/lat degrees' : s.projection ? `planar metres; projection ${s.projection}` : 'planar; no map projection, so lon/lat points are refused'})`
    : 'none (no node coordinates)';
  const width = Math.max(8, ...Object.keys(s.classes).map((c) => c.length));
  return [
    `network:      ${files.join(' ')} (${format})`,
    `nodes:        ${int(s.nodes)}`,
    `edges:        ${int(s.edges)} (directed)`,
    `zones:        ${int(s.zones)}`,
    `components:   ${int(s.components)} strongly connected; largest ${int(s.largestComponent)} nodes, ${int(s.nodesOutsideLargest)} nodes outside it`,
    `bounding box: ${bbox}`,
    `total length: ${length}`,
    'road classes (edges):',
    ...Object.entries(s.classes).map(([c, n]) => `  ${c.padEnd(width)}  ${int(n).padStart(7)}`),
  ].join('\n');
}
