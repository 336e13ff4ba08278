import { COLUMN_CANDIDATES, parseCsv, requireColumn } from '../csv.ts';
import { InputError, at, throwProblems } from '../input-error.ts';
import { parseJsonText } from '../json-text.ts';
import { readNumber, where } from '../field-values.ts';
import { plainDecimalAt } from '../number-text.ts';

/** Node coordinates read from a node file, in file order. */
export interface NodeCoordinates {
  readonly ids: string[];
  readonly x: number[];
  readonly y: number[];
  /** Where each node was defined (line number, or "feature N"), for messages. */
  readonly where: (number | string)[];
  /** True when the file names its columns lon/lat (or is GeoJSON): coordinates are degrees. */
  readonly namedLonLat: boolean;
}

/**
 * Read a node file by its name: `.csv` (id plus lon,lat or x,y columns), `.geojson`/`.json` (Point
 * features with an `id` property, or a feature id), anything else as a TNTP node file
 * (`node x y ;` after an optional header line, `~` comments).
 */
export function parseNodeFile(text: string, fileName: string): NodeCoordinates {
  const lower = fileName.toLowerCase();
  if (lower.endsWith('.csv')) return parseCsvNodes(text, fileName);
  if (lower.endsWith('.geojson') || lower.endsWith('.json')) return parseGeoJsonNodes(text, fileName);
  return parseTntpNodes(text, fileName);
}

function collector(fileName: string) {
  const out: NodeCoordinates = { ids: [], x: [], y: [], where: [], namedLonLat: false };
  const first = new Map<string, number | string>();
  const problems: string[] = [];
  return {
    out, problems,
    add(id: string, x: number, y: number, loc: number | string) {
      if (id === '') { problems.push(where(fileName, loc, 'id: expected a node id, got nothing')); return; }
      const prev = first.get(id);
      if (prev !== undefined) {
        problems.push(where(fileName, loc, `id: node "${id}" is defined twice (first at ${typeof prev === 'number' ? `line ${prev}` : prev})`));
        return;
      }
      first.set(id, loc);
      out.ids.push(id); out.x.push(x); out.y.push(y); out.where.push(loc);
    },
  };
}

function parseTntpNodes(text: string, fileName: string): NodeCoordinates {
  const c = collector(fileName);
  let sawHeader = false;
  // Fields as offsets into the text (no line or field strings on the hot path); up to 3 are kept.
  const fieldStart = new Int32Array(3), fieldEnd = new Int32Array(3);
  const field = (k: number) => text.slice(fieldStart[k], fieldEnd[k]);
  const coordinate = (k: number, name: string, line: number) => {
    const v = plainDecimalAt(text, fieldStart[k], fieldEnd[k]);
    return Number.isNaN(v) ? readNumber(field(k), 'any', fileName, line, name, c.problems) : v;
  };
  for (let i = 0, pos = 0; pos <= text.length; i++) {
    let end = text.indexOf('\n', pos);
    if (end < 0) end = text.length;
    const lineFrom = pos;
    pos = end + 1;
    const count = splitFields(text, lineFrom, end, fieldStart, fieldEnd);
    if (count === 0) continue;
    const lead = text.charCodeAt(fieldStart[0]);
    if (lead === 126 /* ~ */ || lead === 60 /* < */) continue;
    if (!sawHeader && c.out.ids.length === 0 && !Number.isFinite(Number(field(0)))) { sawHeader = true; continue; }
    if (count < 3) {
      c.problems.push(at(fileName, i + 1, `expected "node x y", got ${JSON.stringify(text.slice(lineFrom, end).trim())}`));
      continue;
    }
    const x = coordinate(1, 'x', i + 1);
    const y = coordinate(2, 'y', i + 1);
    c.add(field(0), x, y, i + 1);
  }
  if (c.out.ids.length === 0 && c.problems.length === 0) throw new InputError(at(fileName, undefined, 'expected node lines "node x y", got an empty file'));
  throwProblems(c.problems);
  return c.out;
}

/**
 * The fields of the TNTP line text[start .. end): split at whitespace (a byte-order mark and
 * no-break space included) and semicolons (no regular expressions: a hot loop). The offsets of the
 * first fieldStart.length fields go into fieldStart/fieldEnd; returns the number of fields.
 */
function splitFields(text: string, start: number, end: number, fieldStart: Int32Array, fieldEnd: Int32Array): number {
  let from = -1, count = 0;
  for (let k = start; k <= end; k++) {
    const ch = k < end ? text.charCodeAt(k) : 32;
    if (ch === 32 || ch === 9 || ch === 13 || ch === 59 || ch === 10 || ch === 11 || ch === 12 || ch === 0xa0 || ch === 0xfeff) {
      if (from >= 0) {
        if (count < fieldStart.length) { fieldStart[count] = from; fieldEnd[count] = k; }
        count++; from = -1;
      }
    } else if (from < 0) from = k;
  }
  return count;
}

function parseCsvNodes(text: string, fileName: string): NodeCoordinates {
  const table = parseCsv(text, fileName);
  const idCol = requireColumn(table, COLUMN_CANDIDATES.id, fileName, 'id');
  const lonCol = requireColumn(table, COLUMN_CANDIDATES.lon, fileName, 'lon (or x)');
  const latCol = requireColumn(table, COLUMN_CANDIDATES.lat, fileName, 'lat (or y)');
  const c = collector(fileName);
  for (const row of table.rows) {
    const x = readNumber(row.values[lonCol], 'any', fileName, row.line, table.header[lonCol], c.problems);
    const y = readNumber(row.values[latCol], 'any', fileName, row.line, table.header[latCol], c.problems);
    c.add(row.values[idCol].trim(), x, y, row.line);
  }
  if (table.rows.length === 0) c.problems.push(at(fileName, undefined, 'expected at least one node row, got only a header'));
  throwProblems(c.problems);
  const named = table.header[lonCol].trim().toLowerCase() !== 'x';
  return { ...c.out, namedLonLat: named };
}

function parseGeoJsonNodes(text: string, fileName: string): NodeCoordinates {
  const doc = parseJson(text, fileName) as { type?: unknown; features?: unknown };
  if (!doc || doc.type !== 'FeatureCollection' || !Array.isArray(doc.features)) {
    throw new InputError(at(fileName, undefined, `expected a GeoJSON FeatureCollection of Point features, got ${describeJson(doc)}`));
  }
  const c = collector(fileName);
  doc.features.forEach((f: any, i: number) => {
    const loc = `feature ${i}`;
    const coords = f?.geometry?.coordinates;
    if (f?.geometry?.type !== 'Point' || !Array.isArray(coords)) {
      c.problems.push(where(fileName, loc, `geometry: expected a Point, got ${f?.geometry?.type ?? 'nothing'}`));
      return;
    }
    const id = f.properties?.id ?? f.properties?.node ?? f.id;
    const x = readNumber(coords[0], 'any', fileName, loc, 'coordinates[0]', c.problems);
    const y = readNumber(coords[1], 'any', fileName, loc, 'coordinates[1]', c.problems);
    c.add(id === undefined || id === null ? '' : String(id), x, y, loc);
  });
  if (doc.features.length === 0) c.problems.push(at(fileName, undefined, 'expected at least one Point feature, got none'));
  throwProblems(c.problems);
  return { ...c.out, namedLonLat: true };
}

/** JSON.parse with the failure turned into an InputError naming the file (and line, where known). */
export const parseJson = parseJsonText;

/** A short description of a JSON value for messages. */
export function describeJson(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'an array';
  if (typeof v === 'object') return (v as { type?: unknown }).type !== undefined ? `type ${JSON.stringify((v as { type: unknown }).type)}` : 'an object without "type"';
  return typeof v;
}
