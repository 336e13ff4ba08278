import { createRoadGraphBuilder, type CoordKind, type EdgeInput, type RoadGraph } from '../../graph/road-graph.ts';
import { findColumn, parseCsv, requireColumn } from '../csv.ts';
import { InputError, at, throwProblems } from '../input-error.ts';
import { nodeFileCoordKind } from './coord-kind.ts';
import { rowDirection } from './edge-direction.ts';
import { readNumber } from '../field-values.ts';
import type { NodeCoordinates } from './node-file.ts';

export interface CsvNetworkOptions {
  /** Coordinates are lon/lat degrees or planar metres, overriding the guess (see coord-kind.ts). */
  coordKind?: 'lonlat' | 'planar';
  /** Rows without a `oneway` value are usable both ways. Default false (each row is one directed edge). */
  undirected?: boolean;
  /** Node coordinates (a nodes CSV, GeoJSON or TNTP node file) and that file's name. */
  nodes?: { coordinates: NodeCoordinates; fileName: string };
}

/** Column names accepted for each field, case-insensitive, in order of preference. */
export const EDGE_COLUMNS = Object.freeze({
  from: ['from', 'source', 'u', 'init_node', 'from_node'],
  to: ['to', 'target', 'v', 'term_node', 'to_node'],
  timeS: ['time_s', 'travel_time_s', 'free_flow_time_s'],
  lengthM: ['length_m'],
  speedKph: ['speed_kph', 'maxspeed_kph'],
  oneway: ['oneway'],
  roadClass: ['class', 'highway', 'road_class'],
  id: ['id', 'edge_id'],
  name: ['name', 'street', 'street_name'],
});

/**
 * Parse a CSV edge list: a header with `from,to` and either `time_s`, or `length_m` and `speed_kph`
 * (a row may use either; `time_s` wins when both are given). Optional columns: `oneway` (yes/no,
 * true/false, 1/0, -1), `class`, `name` (street name, for map labels), `id` (default `L<line>`; the reverse direction of a two-way row gets
 * `<id>:r`). Without a nodes file, nodes are the ids the rows use (no coordinates); with one, every id
 * must be in it.
 *
 * @example
 * parseCsvNetwork('from,to,time_s\na,b,30\n', 'roads.csv', { undirected: true }).edgeCount // 2
 */
export function parseCsvNetwork(text: string, fileName: string, options: CsvNetworkOptions = {}): RoadGraph {
  const table = parseCsv(text, fileName);
  const h = table.header;
  const cFrom = requireColumn(table, EDGE_COLUMNS.from, fileName, 'from');
  const cTo = requireColumn(table, EDGE_COLUMNS.to, fileName, 'to');
  const cTime = findColumn(h, EDGE_COLUMNS.timeS);
  const cLength = findColumn(h, EDGE_COLUMNS.lengthM);
  const cSpeed = findColumn(h, EDGE_COLUMNS.speedKph);
  const cOneway = findColumn(h, EDGE_COLUMNS.oneway);
  const cClass = findColumn(h, EDGE_COLUMNS.roadClass);
  const cId = findColumn(h, EDGE_COLUMNS.id);
  const cName = findColumn(h, EDGE_COLUMNS.name);
  if (cTime < 0 && (cLength < 0 || cSpeed < 0)) {
    throw new InputError(at(fileName, table.headerLine, `missing required column: expected "time_s", or "length_m" and "speed_kph", got header ${h.map((c) => `"${c}"`).join(',')}`));
  }
  if (table.rows.length === 0) throw new InputError(at(fileName, undefined, 'expected at least one edge row, got only a header'));

  const problems: string[] = [];
  const known = options.nodes ? new Set(options.nodes.coordinates.ids) : undefined;
  const order: string[] = [];
  const seenNode = new Set<string>();
  const edges: EdgeInput[] = [];
  const ids = new Set<string>();
  const nodesName = options.nodes?.fileName;
  for (const row of table.rows) {
    const v = row.values;
    const line = row.line;
    const from = v[cFrom].trim();
    const to = v[cTo].trim();
    for (const [field, id] of [[h[cFrom], from], [h[cTo], to]] as const) {
      if (id === '') problems.push(at(fileName, line, `${field}: expected a node id, got nothing`));
      else if (known && !known.has(id)) problems.push(at(fileName, line, `${field}: unknown node "${id}" (not in ${nodesName})`));
      else if (!seenNode.has(id)) { seenNode.add(id); order.push(id); }
    }
    const timeRaw = cTime >= 0 ? v[cTime].trim() : '';
    const lengthRaw = cLength >= 0 ? v[cLength].trim() : '';
    const speedRaw = cSpeed >= 0 ? v[cSpeed].trim() : '';
    const lengthM = lengthRaw === '' ? undefined : readNumber(lengthRaw, '>= 0', fileName, line, h[cLength], problems);
    let timeS: number | undefined;
    let speedKph: number | undefined;
    if (timeRaw !== '') {
      timeS = readNumber(timeRaw, '>= 0', fileName, line, h[cTime], problems);
      if (speedRaw !== '') speedKph = readNumber(speedRaw, '> 0', fileName, line, h[cSpeed], problems);
    } else if (lengthRaw !== '' && speedRaw !== '') {
      speedKph = readNumber(speedRaw, '> 0', fileName, line, h[cSpeed], problems);
    } else {
      problems.push(at(fileName, line, `${cTime >= 0 ? h[cTime] : 'time_s'}: expected a travel time in seconds (or length_m and speed_kph), got nothing`));
    }
    const id = cId >= 0 && v[cId].trim() !== '' ? v[cId].trim() : `L${line}`;
    const dir = rowDirection(cOneway >= 0 ? v[cOneway] : undefined, options.undirected ?? false, fileName, line, problems);
    const roadClass = cClass >= 0 && v[cClass].trim() !== '' ? v[cClass].trim() : undefined;
    const name = cName >= 0 ? v[cName].trim() : '';
    const base = { lengthM, timeS, speedKph, roadClass, ...(name ? { name } : {}) };
    const add = (e: EdgeInput) => {
      if (ids.has(e.id!)) { problems.push(at(fileName, line, `${cId >= 0 ? h[cId] : 'id'}: edge id "${e.id}" is used twice`)); return; }
      ids.add(e.id!);
      edges.push(e);
    };
    if (dir === 'forward' || dir === 'both') add({ ...base, id, from, to });
    if (dir === 'backward') add({ ...base, id, from: to, to: from });
    if (dir === 'both') add({ ...base, id: `${id}:r`, from: to, to: from });
  }
  throwProblems(problems);

  const c = options.nodes?.coordinates;
  const kind: CoordKind = c ? options.coordKind ?? nodeFileCoordKind(c.x, c.y, c.namedLonLat) : 'none';
  const builder = createRoadGraphBuilder(kind);
  if (c) c.ids.forEach((id, k) => builder.addNode({ id, x: c.x[k], y: c.y[k] }));
  else for (const id of order) builder.addNode({ id });
  for (const e of edges) builder.addEdge(e);
  return builder.build({ format: 'csv', files: [fileName, ...(nodesName ? [nodesName] : [])] });
}
