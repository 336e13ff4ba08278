import { COLUMN_CANDIDATES, findColumn, type CsvTable } from '../io/csv.ts';
import { InputError, at } from '../io/input-error.ts';
import { parseDecimal } from '../io/number-text.ts';
import { coordsOfColumns } from '../io/points-csv.ts';
import { createSkipTally } from '../io/skipped-rows.ts';
import { SKIP_OUTSIDE_LARGEST, skipFar, type PointPlacer } from '../graph/snap.ts';
import { parseTimestampS } from './parse-timestamp.ts';
import type { ReplayIncidents } from './scenario.ts';
import type { ReplayDemandFile } from './scenario-file.ts';

export const TIME_COLUMNS = ['time', 'timestamp', 'datetime', 'date', 'event clearance date', 'call_time', 'received'];

/**
 * Turn a historical incident table into replay incidents: parse each timestamp (see parseTimestampS),
 * place it on a node by the rule of engine/graph/snap.ts (a node-id column, or lon/lat or x/y columns
 * snapped to the nearest eligible node within the placer's maximum snap distance), map its class,
 * read an optional on-scene time. Rows that can't be used are skipped and counted by reason; incidents
 * come out sorted by time (ties by row order). A file whose coordinates can't be placed on the
 * network at all (lon/lat on a planar network without projection) is an InputError.
 * Time zero is `startTime`, or midnight UTC of the day of the earliest usable row.
 */
export function replayIncidents(
  table: CsvTable,
  fileName: string,
  spec: ReplayDemandFile,
  /** Where points land (its maximum snap distance applies). */
  placer: PointPlacer,
  classIndex: ReadonlyMap<string, number>,
  horizonS: number,
): ReplayIncidents {
  const graph = placer.graph;
  const col = (name: string | undefined, candidates: readonly string[], what: string, required: boolean): number => {
    const i = findColumn(table.header, name !== undefined ? [name] : candidates);
    if (i < 0 && (required || name !== undefined)) {
      throw new InputError(at(fileName, table.headerLine, `missing ${what} column: expected ${(name !== undefined ? [name] : candidates).map((c) => `"${c}"`).join(' or ')}, got header ${table.header.map((h) => `"${h}"`).join(',')}`));
    }
    return i;
  };
  const tCol = col(spec.timeColumn, TIME_COLUMNS, 'time', true);
  const nodeCol = spec.nodeColumn !== undefined ? col(spec.nodeColumn, [], 'node', true) : -1;
  const xCol = nodeCol < 0 ? col(spec.xColumn, COLUMN_CANDIDATES.lon, 'longitude/x', true) : -1;
  const yCol = nodeCol < 0 ? col(spec.yColumn, COLUMN_CANDIDATES.lat, 'latitude/y', true) : -1;
  const cCol = spec.classColumn !== undefined ? col(spec.classColumn, [], 'class', true) : -1;
  const oCol = spec.onSceneColumn !== undefined ? col(spec.onSceneColumn, [], 'on-scene', true) : -1;
  if (cCol < 0 && spec.defaultClass === undefined && classIndex.size !== 1) {
    throw new InputError(`${fileName}: replay needs a classColumn or a defaultClass when the scenario has ${classIndex.size} classes`);
  }
  const scale = spec.onSceneScaleS ?? 1;
  const coords = nodeCol < 0 ? coordsOfColumns(table.header[xCol], table.header[yCol]) : 'network';
  const refusal = nodeCol < 0 ? placer.refusal(coords) : undefined;
  if (refusal) throw new InputError(at(fileName, table.headerLine, `columns ${table.header[xCol]}/${table.header[yCol]}: ${refusal}`));
  const tooFar = skipFar(placer.maxSnapM);
  const tally = createSkipTally();
  const skip = (reason: string) => tally.add(reason);
  const rows: { t: number; node: number; cls: number; onScene: number; order: number }[] = [];
  for (const row of table.rows) {
    const t = parseTimestampS(row.values[tCol]);
    if (!Number.isFinite(t)) { skip(`unparseable time in column "${table.header[tCol]}"`); continue; }
    let node: number;
    if (nodeCol >= 0) {
      node = graph.indexOf(row.values[nodeCol].trim());
      if (node < 0) { skip('node id not in the network'); continue; }
      if (!placer.inLargestComponent(node)) { skip(SKIP_OUTSIDE_LARGEST); continue; }
    } else {
      const x = parseDecimal(row.values[xCol]);
      const y = parseDecimal(row.values[yCol]);
      if (!Number.isFinite(x) || !Number.isFinite(y)) { skip('missing or non-numeric coordinates'); continue; }
      if ((coords === 'lonlat' || graph.coordKind === 'lonlat') && (Math.abs(x) > 180 || Math.abs(y) > 90)) { skip('coordinates out of the lon/lat range'); continue; }
      const s = placer.snap(x, y, coords);
      if (!s.withinLimit) { skip(tooFar); continue; }
      node = s.node;
    }
    let clsName = spec.defaultClass;
    if (cCol >= 0) {
      const raw = row.values[cCol].trim();
      clsName = spec.classMap ? (spec.classMap[raw] ?? spec.defaultClass) : (classIndex.has(raw) ? raw : spec.defaultClass);
    }
    const cls = clsName === undefined ? (classIndex.size === 1 ? 0 : -1) : (classIndex.get(clsName) ?? -1);
    if (cls < 0) { skip('class not mapped to a scenario class'); continue; }
    let onScene = NaN;
    if (oCol >= 0) {
      const v = parseDecimal(row.values[oCol]);
      if (!Number.isFinite(v) || v < 0) { skip('missing or negative on-scene time'); continue; }
      onScene = v * scale;
    }
    rows.push({ t, node, cls, onScene, order: rows.length });
  }
  let startS: number;
  if (spec.startTime !== undefined) {
    startS = parseTimestampS(spec.startTime);
    if (!Number.isFinite(startS)) throw new InputError(`${fileName}: startTime: expected an ISO 8601 time, got "${spec.startTime}"`);
  } else {
    let min = Infinity;
    for (const r of rows) min = Math.min(min, r.t);
    startS = Number.isFinite(min) ? Math.floor(min / 86400) * 86400 : 0;
  }
  const kept = rows.filter((r) => {
    const rel = r.t - startS;
    if (rel < 0 || rel >= horizonS) { skip('outside [startTime, startTime + horizonS)'); return false; }
    return true;
  });
  kept.sort((a, b) => a.t - b.t || a.order - b.order);
  return {
    timeS: Float64Array.from(kept, (r) => r.t - startS),
    node: Int32Array.from(kept, (r) => r.node),
    cls: Int32Array.from(kept, (r) => r.cls),
    onSceneS: Float64Array.from(kept, (r) => r.onScene),
    rowsRead: table.rows.length,
    skipped: tally.list(),
  };
}
