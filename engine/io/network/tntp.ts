import { assembleRoadGraph, type CoordKind, type RoadGraph } from '../../graph/road-graph.ts';
import { InputError, at, throwProblems } from '../input-error.ts';
import { nodeFileCoordKind } from './coord-kind.ts';
import { readNumber } from '../field-values.ts';
import { parseInteger, plainDecimalAt } from '../number-text.ts';
import type { NodeCoordinates } from './node-file.ts';

export type TntpTimeUnit = 'min' | 's' | 'h';

export interface TntpOptions {
  /** Coordinates are lon/lat degrees or planar metres, overriding the guess (see coord-kind.ts). */
  coordKind?: 'lonlat' | 'planar';
  /** Unit of free_flow_time. Default 'min' (the TNTP convention). */
  timeUnit?: TntpTimeUnit;
  /** Node coordinates (from a `_node.tntp`, CSV or GeoJSON node file) and that file's name. */
  nodes?: { coordinates: NodeCoordinates; fileName: string };
}

const SECONDS_PER: Record<TntpTimeUnit, number> = { min: 60, s: 1, h: 3600 };

/** Metres per length unit as TNTP headers write it, e.g. "Length (ft)", "length (km)". */
const METRES_PER: Record<string, number> = {
  m: 1, meter: 1, meters: 1, metre: 1, metres: 1, km: 1000, kilometers: 1000, kilometres: 1000,
  ft: 0.3048, feet: 0.3048, foot: 0.3048, mi: 1609.344, mile: 1609.344, miles: 1609.344,
};

/** The length unit a TNTP header states ("length (km)" in `<ORIGINAL HEADER>` or a `~` comment), or undefined. */
export function tntpLengthUnit(headerText: string): { unit: string; metres: number } | undefined {
  const m = /length\s*\(\s*([a-z]+)\s*\)/i.exec(headerText);
  if (!m) return undefined;
  const unit = m[1].toLowerCase();
  return METRES_PER[unit] === undefined ? undefined : { unit, metres: METRES_PER[unit] };
}

/**
 * Parse a TNTP `_net.tntp` link file (Transportation Networks for Research format).
 *
 * - Metadata: `<NUMBER OF NODES> n`, `<FIRST THRU NODE> k`, `<NUMBER OF LINKS> m`, closed by
 *   `<END OF METADATA>`. Nodes are 1..n; nodes numbered below k are zones (`zone: true`: a path may start
 *   or end there but never pass through).
 * - Records: one directed link per line, `init_node term_node capacity length free_flow_time ...`, ending
 *   with an optional `;`. Lines starting with `~` are comments; a `~` line naming `init_node` gives the
 *   column order (so `link_type` is found wherever it is).
 * - free_flow_time is in `timeUnit` (default minutes) and becomes `freeFlowTimeS`.
 * - length becomes `lengthM` only when the header states its unit (`length (km)`, `Length (ft)`,
 *   `length (miles)`); otherwise lengths are NaN, because TNTP lengths are often arbitrary (Sioux Falls).
 * - Road class: `tntp-<link_type>`, or `tntp` without a link_type column.
 *
 * @example
 * const g = parseTntpNetwork(readFileSync('SiouxFalls_net.tntp', 'utf8'), 'SiouxFalls_net.tntp');
 * g.nodeCount // 24
 */
export function parseTntpNetwork(text: string, fileName: string, options: TntpOptions = {}): RoadGraph {
  const timeUnit = options.timeUnit ?? 'min';
  if (SECONDS_PER[timeUnit] === undefined) throw new InputError(`timeUnit: expected min, s or h, got ${JSON.stringify(timeUnit)}`);
  const secondsPer = SECONDS_PER[timeUnit];
  if (text.trim() === '') throw new InputError(at(fileName, undefined, 'expected a TNTP network (metadata and link lines), got an empty file'));
  const problems: string[] = [];
  const meta = new Map<string, { value: string; line: number }>();
  let headerText = '';
  let columns: string[] | undefined;
  // Link lines as offsets into the text (line i is text[lineStart[i] .. lineEnd[i])), no line strings.
  const linkLines: number[] = [], lineStart: number[] = [], lineEnd: number[] = [];
  const lineText = (k: number) => text.slice(lineStart[k], lineEnd[k]);
  for (let i = 0, pos = 0; pos <= text.length; i++) {
    let end = text.indexOf('\n', pos);
    if (end < 0) end = text.length;
    const startAt = pos;
    pos = end + 1;
    const first = firstNonBlank(text, startAt, end);
    if (first < 0) continue;
    const c = text.charCodeAt(first);
    if (c !== 60 /* < */ && c !== 126 /* ~ */) { linkLines.push(i); lineStart.push(startAt); lineEnd.push(end); continue; }
    const raw = text.slice(startAt, end).trim();
    if (c === 60 /* < */) {
      const m = /^<([^>]+)>\s*(.*)$/.exec(raw);
      if (m) {
        const key = m[1].trim().toUpperCase();
        meta.set(key, { value: m[2].trim(), line: i + 1 });
        if (key !== 'END OF METADATA') headerText += `${raw}\n`;
      }
      continue;
    }
    if (c === 126 /* ~ */) {
      headerText += `${raw}\n`;
      const tokens = raw.slice(1).replace(/;/g, ' ').trim().split(/\s+/).map((t) => t.toLowerCase());
      if (!columns && tokens.includes('init_node')) columns = tokens;
      continue;
    }
  }
  const metaInt = (key: string): number | undefined => {
    const m = meta.get(key);
    if (!m) return undefined;
    const v = parseInteger(m.value.replace(/;/g, ''));
    if (!Number.isInteger(v) || v < 0) {
      problems.push(at(fileName, m.line, `<${key}>: expected a whole number >= 0, got ${JSON.stringify(m.value)}`));
      return undefined;
    }
    return v;
  };
  const nodeCountMeta = metaInt('NUMBER OF NODES');
  const firstThruNode = metaInt('FIRST THRU NODE') ?? 1;
  const linkCountMeta = metaInt('NUMBER OF LINKS');
  const col = (name: string, fallback: number) => {
    const i = columns?.indexOf(name) ?? -1;
    return i >= 0 ? i : fallback;
  };
  const cInit = col('init_node', 0);
  const cTerm = col('term_node', 1);
  const cLength = col('length', 3);
  const cTime = col('free_flow_time', 4);
  const cType = columns ? columns.indexOf('link_type') : 9;
  const needed = Math.max(cInit, cTerm, cLength, cTime) + 1;
  const lengthUnit = tntpLengthUnit(headerText);

  if (linkLines.length === 0) problems.push(at(fileName, undefined, 'expected link lines "init_node term_node capacity length free_flow_time ...", found none'));
  if (linkCountMeta !== undefined && linkLines.length > 0 && linkCountMeta !== linkLines.length) {
    problems.push(at(fileName, meta.get('NUMBER OF LINKS')!.line, `<NUMBER OF LINKS>: the header says ${linkCountMeta}, the file has ${linkLines.length} link lines`));
  }

  const linkCount = linkLines.length;
  const linkInit = new Float64Array(linkCount), linkTerm = new Float64Array(linkCount);
  const linkTimeS = new Float64Array(linkCount), linkLengthM = new Float64Array(linkCount);
  const linkType: string[] | undefined = cType >= 0 ? new Array<string>(linkCount) : undefined;
  let kept = 0;
  const readNode = (tok: string, field: string, line: number): number => {
    const v = digitsValue(tok);
    if (!Number.isInteger(v) || v < 1) {
      problems.push(at(fileName, line, `${field}: expected a node number >= 1, got ${JSON.stringify(tok)}`));
      return NaN;
    }
    if (nodeCountMeta !== undefined && v > nodeCountMeta) {
      problems.push(at(fileName, line, `${field}: unknown node ${v}: expected 1..${nodeCountMeta} (<NUMBER OF NODES>)`));
      return NaN;
    }
    return v;
  };
  // Fields are read in place (their offsets), strings cut out only for the slow paths and link types.
  const width = Math.max(needed, cType + 1);
  const wanted = new Uint8Array(width);
  for (const k of [cInit, cTerm, cLength, cTime, cType]) if (k >= 0) wanted[k] = 1;
  const fieldStart = new Int32Array(width), fieldEnd = new Int32Array(width);
  const field = (k: number) => text.slice(fieldStart[k], fieldEnd[k]);
  const nodeField = (k: number, name: string, line: number) => {
    const v = digitsAt(text, fieldStart[k], fieldEnd[k]);
    return v >= 1 && (nodeCountMeta === undefined || v <= nodeCountMeta) ? v : readNode(field(k), name, line);
  };
  const decimal = (k: number, name: string, line: number) => {
    const v = plainDecimalAt(text, fieldStart[k], fieldEnd[k]);
    return v >= 0 ? v : decimalField(field(k), fileName, line, name, problems);
  };
  const metres = lengthUnit ? lengthUnit.metres : NaN;
  for (let k = 0; k < linkCount; k++) {
    const line = linkLines[k] + 1;
    const count = scanFields(text, lineStart[k], lineEnd[k], wanted, fieldStart, fieldEnd);
    if (count < needed) {
      problems.push(at(fileName, line, `expected at least ${needed} fields (init_node term_node capacity length free_flow_time), got ${count}: ${JSON.stringify(lineText(k).trim())}`));
      continue;
    }
    linkInit[kept] = nodeField(cInit, 'init_node', line);
    linkTerm[kept] = nodeField(cTerm, 'term_node', line);
    linkTimeS[kept] = decimal(cTime, 'free_flow_time', line) * secondsPer;
    linkLengthM[kept] = decimal(cLength, 'length', line) * metres;
    if (linkType) linkType[kept] = cType < count ? field(cType) : '';
    kept++;
  }

  // Nodes: 1..NUMBER OF NODES when the header gives it, else every number a link or the node file uses.
  let nodeNumbers: number[];
  if (nodeCountMeta !== undefined) {
    nodeNumbers = Array.from({ length: nodeCountMeta }, (_, k) => k + 1);
  } else {
    const set = new Set<number>();
    for (let k = 0; k < kept; k++) { if (linkInit[k] > 0) set.add(linkInit[k]); if (linkTerm[k] > 0) set.add(linkTerm[k]); }
    for (const id of options.nodes?.coordinates.ids ?? []) { const v = digitsValue(id); if (Number.isInteger(v) && v >= 1) set.add(v); }
    nodeNumbers = [...set].sort((a, b) => a - b);
  }
  const n = nodeNumbers.length;
  const indexOfNumber = numberIndex(nodeNumbers);
  const x = new Float64Array(n).fill(NaN), y = new Float64Array(n).fill(NaN);
  if (options.nodes) {
    const { coordinates: c, fileName: nodesFile } = options.nodes;
    for (let k = 0; k < c.ids.length; k++) {
      const id = c.ids[k];
      const v = digitsValue(id);
      const i = Number.isInteger(v) ? indexOfNumber(v) : -1;
      if (i >= 0) { x[i] = c.x[k]; y[i] = c.y[k]; continue; }
      const loc = c.where[k];
      const prefix = typeof loc === 'number' ? at(nodesFile, loc, 'node') : `${nodesFile}: ${loc}: node`;
      if (!Number.isInteger(v) || v < 1) problems.push(`${prefix}: expected a node number >= 1, got ${JSON.stringify(id)}`);
      else problems.push(`${prefix}: unknown node ${v}: expected 1..${nodeCountMeta} (<NUMBER OF NODES> in ${fileName})`);
    }
  }
  throwProblems(problems);

  const kind: CoordKind = options.nodes ? options.coordKind ?? nodeFileCoordKind(x, y, options.nodes.coordinates.namedLonLat) : 'none';
  const isZone = new Uint8Array(n);
  for (let i = 0; i < n; i++) isZone[i] = nodeNumbers[i] < firstThruNode ? 1 : 0;
  const edgeFrom = new Int32Array(kept), edgeTo = new Int32Array(kept);
  const speedKph = new Float64Array(kept), edgeClass = new Uint16Array(kept);
  const classNames: string[] = [];
  const classOf = new Map<string, number>();
  for (let k = 0; k < kept; k++) {
    edgeFrom[k] = indexOfNumber(linkInit[k]);
    edgeTo[k] = indexOfNumber(linkTerm[k]);
    const t = linkTimeS[k], len = linkLengthM[k];
    speedKph[k] = t > 0 && Number.isFinite(len) ? (len / t) * 3.6 : NaN;
    const type = linkType ? linkType[k] : '';
    let c = classOf.get(type);
    if (c === undefined) {
      if (classNames.length > 0xffff) throw new InputError(at(fileName, linkLines[k] + 1, `link_type: more than ${0xffff + 1} different link types`));
      c = classNames.length; classOf.set(type, c); classNames.push(type === '' ? 'tntp' : `tntp-${type}`);
    }
    edgeClass[k] = c;
  }
  const nodeIds = nodeNumbers.map(String);
  return assembleRoadGraph({
    coordKind: kind, nodeIds, x, y, isZone, edgeFrom, edgeTo,
    lengthM: linkLengthM.subarray(0, kept), freeFlowTimeS: linkTimeS.subarray(0, kept), speedKph, edgeClass, classNames,
    // Link ids "i-j", repeated links (same init and term) "i-j#2", "i-j#3", ...: listed on first use.
    edgeIds: () => {
      const repeats = new Map<number, number>();
      const span = (nodeNumbers[n - 1] ?? 0) + 1;
      const ids = new Array<string>(kept);
      for (let k = 0; k < kept; k++) {
        const key = linkInit[k] * span + linkTerm[k];
        const r = (repeats.get(key) ?? 0) + 1;
        repeats.set(key, r);
        const base = `${nodeIds[edgeFrom[k]]}-${nodeIds[edgeTo[k]]}`;
        ids[k] = r === 1 ? base : `${base}#${r}`;
      }
      return ids;
    },
    // A node id is its number written plainly: read it back and look the number up.
    indexOf: (id) => {
      const i = indexOfNumber(digitsAt(id, 0, id.length));
      return i >= 0 && nodeIds[i] === id ? i : -1;
    },
    source: { format: 'tntp', files: [fileName, ...(options.nodes ? [options.nodes.fileName] : [])] },
  });
}

/** Dense index of a node number among the sorted `numbers` (-1 if absent): a table when the numbers are dense enough, else a map. */
function numberIndex(numbers: readonly number[]): (v: number) => number {
  const n = numbers.length;
  const top = numbers[n - 1] ?? 0;
  if (top <= 4 * n + 1024) {
    const table = new Int32Array(top + 1).fill(-1);
    for (let i = 0; i < n; i++) table[numbers[i]] = i;
    return (v) => (v >= 0 && v <= top ? table[v] : -1);
  }
  const map = new Map<number, number>();
  for (let i = 0; i < n; i++) map.set(numbers[i], i);
  return (v) => map.get(v) ?? -1;
}

/** Index of the first character of text[start .. end) that is not a space, tab or CR, or -1. */
function firstNonBlank(text: string, start: number, end: number): number {
  for (let k = start; k < end; k++) {
    const c = text.charCodeAt(k);
    if (c !== 32 && c !== 9 && c !== 13) return k;
  }
  return -1;
}

/**
 * Find the fields of the record text[start .. end), split at spaces, tabs and semicolons (hot loop:
 * no regular expressions, no strings): the offsets of each field marked in `wanted` go into
 * fieldStart/fieldEnd. Returns the number of fields.
 */
function scanFields(text: string, start: number, end: number, wanted: Uint8Array, fieldStart: Int32Array, fieldEnd: Int32Array): number {
  let from = -1, count = 0;
  for (let k = start; k <= end; k++) {
    const c = k < end ? text.charCodeAt(k) : 32;
    if (c === 32 || c === 9 || c === 13 || c === 59) {
      if (from >= 0) {
        if (count < wanted.length && wanted[count] === 1) { fieldStart[count] = from; fieldEnd[count] = k; }
        count++; from = -1;
      }
    } else if (from < 0) from = k;
  }
  return count;
}

/** The value of text[start .. end) when it is 1-15 decimal digits, else NaN (read the slow way). */
function digitsAt(text: string, start: number, end: number): number {
  if (end <= start || end - start > 15) return NaN;
  let v = 0;
  for (let k = start; k < end; k++) {
    const d = text.charCodeAt(k) - 48;
    if (d < 0 || d > 9) return NaN;
    v = v * 10 + d;
  }
  return v;
}

/** The value of a token of 1-15 decimal digits (exactly what Number() gives), else parseInteger's reading. */
function digitsValue(tok: string): number {
  const v = digitsAt(tok, 0, tok.length);
  return Number.isNaN(v) ? parseInteger(tok) : v;
}

/** A field >= 0 in decimal notation (readNumber's rule), with a fast path for plain digits and a point. */
function decimalField(tok: string, file: string, line: number, field: string, problems: string[]): number {
  let plain = tok.length > 0, point = false;
  for (let k = 0; k < tok.length && plain; k++) {
    const c = tok.charCodeAt(k);
    if (c === 46 && !point) point = true; else if (c < 48 || c > 57) plain = false;
  }
  if (plain && tok !== '.') return Number(tok);
  return readNumber(tok, '>= 0', file, line, field, problems);
}
