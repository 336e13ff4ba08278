import { SKIP_NO_COORDINATES, skipFar, type PointCoords, type PointPlacer } from '../graph/snap.ts';
import { COLUMN_CANDIDATES, findColumn, parseCsv, scanCsv, type CsvHeader } from './csv.ts';
import { readNumber } from './field-values.ts';
import { at, InputError, throwProblems } from './input-error.ts';
import { parseDecimal } from './number-text.ts';
import { createSkipTally, type SkippedRows } from './skipped-rows.ts';

/** A post read from a file: where it is (dense node index) and how many units stand there. */
export interface PostRecord {
  id: string;
  node: number;
  units: number;
  type: string;
  /** Straight-line distance from the given coordinates to the snapped node (0 for node ids). */
  snapDistanceM: number;
  /** 1-based line of the row. */
  line: number;
}

export interface DemandRecord {
  node: number;
  weight: number;
  class?: string;
  /** From optional `name` and `kind` columns (key-site files have them; maps label sites with them). */
  name?: string;
  kind?: string;
  snapDistanceM: number;
}

export interface ColumnOverrides {
  lat?: string;
  lon?: string;
}

const LAT_NAMES = ['lat', 'latitude'];
const LON_NAMES = ['lon', 'lng', 'long', 'longitude'];

/**
 * What a pair of coordinate columns holds, by their names: WGS84 lon/lat degrees when either is
 * spelt as latitude or longitude (lat, latitude, lon, lng, long, longitude, any case), else the
 * network's own x/y. On a lon/lat network the two are the same thing.
 */
export function coordsOfColumns(xName: string, yName: string): PointCoords {
  return LON_NAMES.includes(xName.trim().toLowerCase()) || LAT_NAMES.includes(yName.trim().toLowerCase()) ? 'lonlat' : 'network';
}

type Located = { node: number; snapDistanceM: number } | { skip: string } | undefined;

interface Locator {
  /** A place, a skip reason (demand rows only), or undefined after pushing a problem. */
  locate(values: string[], line: number, problems: string[], role: 'post' | 'demand'): Located;
}

/**
 * Find where each row is, by the placement rule of engine/graph/snap.ts: a `node` column (an id in the
 * network), or coordinate columns (common names, overridable) snapped to the nearest eligible node.
 */
function makeLocator(table: CsvHeader, file: string, placer: PointPlacer, columns: ColumnOverrides, idNamesNode = false): Locator {
  const graph = placer.graph;
  let nodeCol = findColumn(table.header, ['node', 'node_id', 'nodeid']);
  const pick = (override: string | undefined, candidates: readonly string[], what: string) => {
    if (override === undefined) return findColumn(table.header, candidates);
    const i = findColumn(table.header, [override]);
    if (i < 0) throw new InputError(at(file, table.headerLine, `${what} column "${override}" (from the flag) is not in the header ${table.header.join(',')}`));
    return i;
  };
  const latCol = pick(columns.lat, COLUMN_CANDIDATES.lat, 'latitude');
  const lonCol = pick(columns.lon, COLUMN_CANDIDATES.lon, 'longitude');
  // Without a node column or coordinates, an `id` column names nodes (the `id,weight` demand tables).
  if (idNamesNode && nodeCol < 0 && (latCol < 0 || lonCol < 0)) nodeCol = findColumn(table.header, ['id']);
  if (nodeCol < 0 && (latCol < 0 || lonCol < 0)) {
    throw new InputError(at(file, table.headerLine, `expected a "node" column, or latitude and longitude columns (lat/latitude/y and lon/lng/longitude/x), got header ${table.header.join(',')}`));
  }
  if (nodeCol >= 0) {
    const name = table.header[nodeCol];
    return {
      locate(values, line, problems) {
        const id = values[nodeCol];
        const node = graph.indexOf(id);
        if (node < 0) { problems.push(at(file, line, `${name}: "${id}" is not a node of the network`)); return undefined; }
        return { node, snapDistanceM: 0 };
      },
    };
  }
  const latName = table.header[latCol], lonName = table.header[lonCol];
  const coords = coordsOfColumns(lonName, latName);
  const refusal = placer.refusal(coords);
  if (refusal) throw new InputError(at(file, table.headerLine, `columns ${lonName}/${latName}: ${refusal}`));
  const degrees = coords === 'lonlat' || graph.coordKind === 'lonlat';
  const maxSnapM = placer.maxSnapM;
  return {
    locate(values, line, problems, role) {
      const latText = values[latCol], lonText = values[lonCol];
      if (latText === '' && lonText === '') return { skip: SKIP_NO_COORDINATES };
      const lat = parseDecimal(latText), lon = parseDecimal(lonText);
      const bad = (name: string, text: string, range: string) => problems.push(at(file, line, `${name}: expected ${range}, got "${text}"`));
      if (!Number.isFinite(lat) || (degrees && Math.abs(lat) > 90)) { bad(latName, latText, degrees ? 'a latitude in -90..90' : 'a number'); return undefined; }
      if (!Number.isFinite(lon) || (degrees && Math.abs(lon) > 180)) { bad(lonName, lonText, degrees ? 'a longitude in -180..180' : 'a number'); return undefined; }
      const hit = placer.snap(lon, lat, coords);
      if (!hit.withinLimit) {
        if (role === 'demand' && hit.node >= 0) return { skip: skipFar(maxSnapM) };
        problems.push(at(file, line, `(${lonName} ${lonText}, ${latName} ${latText}) is ${placer.describeFar(hit)}`));
        return undefined;
      }
      return { node: hit.node, snapDistanceM: hit.distanceM };
    },
  };
}

function numberField(values: string[], col: number, name: string, file: string, line: number, problems: string[], opts: { integer?: boolean; fallback: number }): number {
  if (col < 0 || values[col] === '') return opts.fallback;
  const v = readNumber(values[col], opts.integer ? 'integer >= 0' : '>= 0', file, line, name, problems);
  return Number.isNaN(v) ? opts.fallback : v;
}

/**
 * Posts CSV: `node` (a network node id) or coordinate columns (lat/lon degrees, or x/y in the
 * network's coordinates; see coordsOfColumns); optional `id`/`name`, `units` (integer >= 0,
 * default 1) and `type` (station, kiosk, mobile, car, foot...). A post farther than the placer's
 * maximum snap distance from the network is an error naming its line, distance and nearest node.
 */
export function parsePostsCsv(text: string, file: string, placer: PointPlacer, columns: ColumnOverrides = {}): PostRecord[] {
  const table = parseCsv(text, file);
  const locator = makeLocator(table, file, placer, columns);
  const idCol = findColumn(table.header, ['id', 'name', 'post', 'post_id']);
  const unitsCol = findColumn(table.header, ['units', 'unit_count']);
  const typeCol = findColumn(table.header, ['type', 'kind']);
  const problems: string[] = [];
  const posts: PostRecord[] = [];
  const ids = new Map<string, number>();
  table.rows.forEach(({ line, values }, row) => {
    const where = locator.locate(values, line, problems, 'post');
    if (where && 'skip' in where) { problems.push(at(file, line, 'a post needs a node or coordinates, got empty fields')); return; }
    const units = numberField(values, unitsCol, 'units', file, line, problems, { integer: true, fallback: 1 });
    const id = idCol >= 0 && values[idCol] !== '' ? values[idCol] : `post-${row + 1}`;
    if (ids.has(id)) problems.push(at(file, line, `id: "${id}" already used on line ${ids.get(id)}`));
    ids.set(id, line);
    if (where) posts.push({ id, node: where.node, units, type: typeCol >= 0 && values[typeCol] !== '' ? values[typeCol] : 'post', snapDistanceM: where.snapDistanceM, line });
  });
  throwProblems(problems, problems.length > 1 ? `${file}: ${problems.length} posts can't be used:` : undefined);
  if (posts.length === 0) throw new InputError(at(file, undefined, 'expected at least one post, got none'));
  return posts;
}

/**
 * Demand CSV (or a raw incident CSV), the one demand reader of `coverage`, `optimize` on a network and
 * the demo's key sites: `node` (or, without coordinates, `id`) or coordinate columns (names found by
 * common spellings, overridable); optional `weight` (>= 0, default 1 per row) and `class`. Rows with both coordinates
 * empty, or farther than the maximum snap distance from the network, are skipped and counted by
 * reason (real incident exports have them); any other bad value is an error. No usable row at all is
 * an error too.
 */
export function parseDemandCsv(text: string, file: string, placer: PointPlacer, columns: ColumnOverrides = {}): { demand: DemandRecord[]; rows: number; skipped: SkippedRows } {
  const problems: string[] = [];
  const demand: DemandRecord[] = [];
  const skipped = createSkipTally();
  let rows = 0;
  // Rows are read as they are split (no table of row objects: demand files run to a million rows).
  scanCsv(text, file, (table) => {
    const locator = makeLocator(table, file, placer, columns, true);
    const weightCol = findColumn(table.header, ['weight', 'w', 'rate', 'count']);
    const classCol = findColumn(table.header, ['class', 'demand_class', 'site_class']);
    const nameCol = findColumn(table.header, ['name', 'site', 'label']);
    const kindCol = findColumn(table.header, ['kind', 'site_kind', 'category']);
    return (values, line) => {
      rows++;
      const where = locator.locate(values, line, problems, 'demand');
      if (where && 'skip' in where) { skipped.add(where.skip); return; }
      const weight = numberField(values, weightCol, 'weight', file, line, problems, { fallback: 1 });
      if (!where) return;
      const record: DemandRecord = { node: where.node, weight, snapDistanceM: where.snapDistanceM };
      if (classCol >= 0 && values[classCol] !== '') record.class = values[classCol];
      if (nameCol >= 0 && values[nameCol] !== '') record.name = values[nameCol];
      if (kindCol >= 0 && values[kindCol] !== '') record.kind = values[kindCol];
      demand.push(record);
    };
  });
  throwProblems(problems);
  const list = skipped.list();
  if (demand.length === 0) throw new InputError(at(file, undefined, `expected at least one demand row placed on the network, got none of ${rows}${list.length ? ` (skipped: ${skipped.describe()})` : ''}`));
  return { demand, rows, skipped: list };
}

/** Demand records summed per node, nodes in order of first appearance (rows on one node add up). */
export function demandByNode(demand: readonly DemandRecord[]): { nodes: number[]; weight: number[] } {
  const byNode = new Map<number, number>();
  for (const d of demand) byNode.set(d.node, (byNode.get(d.node) ?? 0) + d.weight);
  return { nodes: [...byNode.keys()], weight: [...byNode.values()] };
}

/** A place read from a file (an exit to close): where it is and its label. */
export interface PlaceRecord {
  id: string;
  node: number;
  snapDistanceM: number;
}

/**
 * Places CSV (exits, accesses): `node` (a network node id) or coordinate columns placed like posts
 * (beyond the maximum snap distance: an error naming the row); optional `id`/`name` (default: the
 * node id). Two rows at the same node are an error naming both lines (each exit needs its own unit).
 */
export function parsePlacesCsv(text: string, file: string, placer: PointPlacer, what = 'exit', columns: ColumnOverrides = {}): PlaceRecord[] {
  const table = parseCsv(text, file);
  const locator = makeLocator(table, file, placer, columns);
  const idCol = findColumn(table.header, ['id', 'name', what]);
  const problems: string[] = [];
  const places: PlaceRecord[] = [];
  const lineOfNode = new Map<number, number>();
  for (const { line, values } of table.rows) {
    const where = locator.locate(values, line, problems, 'post');
    if (where && 'skip' in where) { problems.push(at(file, line, `an ${what} needs a node or coordinates, got empty fields`)); continue; }
    if (!where) continue;
    const first = lineOfNode.get(where.node);
    if (first !== undefined) { problems.push(at(file, line, `node "${placer.graph.nodeIds[where.node]}" is already an ${what} on line ${first}`)); continue; }
    lineOfNode.set(where.node, line);
    places.push({ id: idCol >= 0 && values[idCol] !== '' ? values[idCol] : placer.graph.nodeIds[where.node], node: where.node, snapDistanceM: where.snapDistanceM });
  }
  throwProblems(problems);
  if (places.length === 0) throw new InputError(at(file, undefined, `expected at least one ${what}, got none`));
  return places;
}
