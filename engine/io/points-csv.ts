import type { RoadGraph } from '../graph/road-graph.ts';
import type { Snapper } from '../graph/snap.ts';
import { COLUMN_CANDIDATES, findColumn, parseCsv, type CsvTable } from './csv.ts';
import { at, InputError, throwProblems } from './input-error.ts';

/** A post read from a file: where it is (dense node index) and how many units stand there. */
export interface PostRecord {
  id: string;
  node: number;
  units: number;
  type: string;
  /** Straight-line distance from the given lon/lat to the snapped node (0 for node ids). */
  snapDistanceM: number;
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

interface Locator {
  locate(values: string[], line: number, problems: string[]): { node: number; snapDistanceM: number } | 'skip' | undefined;
}

/**
 * Find where each row is: a `node` column (an id in the network), or lat/lon columns (common names,
 * overridable) snapped to the nearest non-zone node. Rows with both coordinates empty return 'skip'.
 */
function makeLocator(table: CsvTable, file: string, graph: RoadGraph, snapper: () => Snapper, columns: ColumnOverrides): Locator {
  const nodeCol = findColumn(table.header, ['node', 'node_id', 'nodeid']);
  const pick = (override: string | undefined, candidates: readonly string[], what: string) => {
    if (override === undefined) return findColumn(table.header, candidates);
    const i = findColumn(table.header, [override]);
    if (i < 0) throw new InputError(at(file, table.headerLine, `${what} column "${override}" (from the flag) is not in the header ${table.header.join(',')}`));
    return i;
  };
  const latCol = pick(columns.lat, COLUMN_CANDIDATES.lat, 'latitude');
  const lonCol = pick(columns.lon, COLUMN_CANDIDATES.lon, 'longitude');
  if (nodeCol < 0 && (latCol < 0 || lonCol < 0)) {
    throw new InputError(at(file, table.headerLine, `expected a "node" column, or latitude and longitude columns (lat/latitude/y and lon/lng/longitude/x), got header ${table.header.join(',')}`));
  }
  if (nodeCol >= 0) {
    return {
      locate(values, line, problems) {
        const id = values[nodeCol];
        const node = graph.indexOf(id);
        if (node < 0) { problems.push(at(file, line, `node: "${id}" is not a node of the network`)); return undefined; }
        return { node, snapDistanceM: 0 };
      },
    };
  }
  const latName = table.header[latCol], lonName = table.header[lonCol];
  const geographic = graph.coordKind === 'lonlat';
  return {
    locate(values, line, problems) {
      const latText = values[latCol], lonText = values[lonCol];
      if (latText === '' && lonText === '') return 'skip';
      const lat = Number(latText), lon = Number(lonText);
      const bad = (name: string, text: string, range: string) => problems.push(at(file, line, `${name}: expected ${range}, got "${text}"`));
      if (latText === '' || !Number.isFinite(lat) || (geographic && Math.abs(lat) > 90)) { bad(latName, latText, geographic ? 'a latitude in -90..90' : 'a number'); return undefined; }
      if (lonText === '' || !Number.isFinite(lon) || (geographic && Math.abs(lon) > 180)) { bad(lonName, lonText, geographic ? 'a longitude in -180..180' : 'a number'); return undefined; }
      const hit = snapper().nearestWithDistance(lon, lat);
      if (hit.node < 0) { problems.push(at(file, line, 'no network node to snap this point to')); return undefined; }
      return { node: hit.node, snapDistanceM: hit.distanceM };
    },
  };
}

function numberField(values: string[], col: number, name: string, file: string, line: number, problems: string[], opts: { integer?: boolean; fallback: number }): number {
  if (col < 0 || values[col] === '') return opts.fallback;
  const v = Number(values[col]);
  if (!Number.isFinite(v) || v < 0 || (opts.integer && !Number.isInteger(v))) {
    problems.push(at(file, line, `${name}: expected ${opts.integer ? 'an integer' : 'a number'} >= 0, got "${values[col]}"`));
    return opts.fallback;
  }
  return v;
}

/**
 * Posts CSV: `node` (a network node id) or lat/lon columns; optional `id`/`name`, `units` (integer >= 0,
 * default 1) and `type` (station, kiosk, mobile, car, foot...).
 */
export function parsePostsCsv(text: string, file: string, graph: RoadGraph, snapper: () => Snapper, columns: ColumnOverrides = {}): PostRecord[] {
  const table = parseCsv(text, file);
  const locator = makeLocator(table, file, graph, snapper, columns);
  const idCol = findColumn(table.header, ['id', 'name', 'post', 'post_id']);
  const unitsCol = findColumn(table.header, ['units', 'unit_count']);
  const typeCol = findColumn(table.header, ['type', 'kind']);
  const problems: string[] = [];
  const posts: PostRecord[] = [];
  const ids = new Map<string, number>();
  for (const { line, values } of table.rows) {
    const where = locator.locate(values, line, problems);
    if (where === 'skip') { problems.push(at(file, line, 'a post needs a node or coordinates, got empty fields')); continue; }
    const units = numberField(values, unitsCol, 'units', file, line, problems, { integer: true, fallback: 1 });
    const id = idCol >= 0 && values[idCol] !== '' ? values[idCol] : `post-${posts.length + 1}`;
    if (ids.has(id)) problems.push(at(file, line, `id: "${id}" already used on line ${ids.get(id)}`));
    ids.set(id, line);
    if (where) posts.push({ id, node: where.node, units, type: typeCol >= 0 && values[typeCol] !== '' ? values[typeCol] : 'post', snapDistanceM: where.snapDistanceM });
  }
  throwProblems(problems);
  if (posts.length === 0) throw new InputError(at(file, undefined, 'expected at least one post, got none'));
  return posts;
}

/**
 * Demand CSV (or a raw incident CSV): `node` or lat/lon columns (names found by common spellings,
 * overridable); optional `weight` (>= 0, default 1 per row) and `class`. Rows whose coordinates are both
 * empty are skipped and counted (real incident exports have them); any other bad value is an error.
 */
export function parseDemandCsv(text: string, file: string, graph: RoadGraph, snapper: () => Snapper, columns: ColumnOverrides = {}): { demand: DemandRecord[]; skipped: number } {
  const table = parseCsv(text, file);
  const locator = makeLocator(table, file, graph, snapper, columns);
  const weightCol = findColumn(table.header, ['weight', 'w', 'rate', 'count']);
  const classCol = findColumn(table.header, ['class', 'demand_class', 'site_class']);
  const nameCol = findColumn(table.header, ['name', 'site', 'label']);
  const kindCol = findColumn(table.header, ['kind', 'site_kind', 'category']);
  const problems: string[] = [];
  const demand: DemandRecord[] = [];
  let skipped = 0;
  for (const { line, values } of table.rows) {
    const where = locator.locate(values, line, problems);
    if (where === 'skip') { skipped++; continue; }
    const weight = numberField(values, weightCol, 'weight', file, line, problems, { fallback: 1 });
    const text = (col: number) => (col >= 0 && values[col] !== '' ? values[col] : undefined);
    if (where) {
      const [cls, name, kind] = [text(classCol), text(nameCol), text(kindCol)];
      demand.push({ node: where.node, weight, snapDistanceM: where.snapDistanceM, ...(cls !== undefined ? { class: cls } : {}), ...(name !== undefined ? { name } : {}), ...(kind !== undefined ? { kind } : {}) });
    }
  }
  throwProblems(problems);
  if (demand.length === 0) throw new InputError(at(file, undefined, `expected at least one demand row with a location, got none${skipped ? ` (${skipped} rows had no coordinates)` : ''}`));
  return { demand, skipped };
}
