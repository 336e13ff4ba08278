import { createRoadGraphBuilder, type CoordKind, type RoadGraph } from '../../graph/road-graph.ts';
import { InputError, at, throwProblems } from '../input-error.ts';
import { nodeFileCoordKind } from './coord-kind.ts';
import { readNumber } from '../field-values.ts';
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
  const linkLines: number[] = [];
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const first = firstNonBlank(lines[i]);
    if (first < 0) continue;
    const c = lines[i].charCodeAt(first);
    if (c === 60 /* < */) {
      const raw = lines[i].trim();
      const m = /^<([^>]+)>\s*(.*)$/.exec(raw);
      if (m) {
        const key = m[1].trim().toUpperCase();
        meta.set(key, { value: m[2].trim(), line: i + 1 });
        if (key !== 'END OF METADATA') headerText += `${raw}\n`;
      }
      continue;
    }
    if (c === 126 /* ~ */) {
      const raw = lines[i].trim();
      headerText += `${raw}\n`;
      const tokens = raw.slice(1).replace(/;/g, ' ').trim().split(/\s+/).map((t) => t.toLowerCase());
      if (!columns && tokens.includes('init_node')) columns = tokens;
      continue;
    }
    linkLines.push(i);
  }
  const metaInt = (key: string): number | undefined => {
    const m = meta.get(key);
    if (!m) return undefined;
    const v = Number(m.value.replace(/;/g, '').trim());
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

  interface Link { init: number; term: number; lengthM: number; timeS: number; type: string; line: number }
  const links: Link[] = [];
  const readNode = (tok: string, field: string, line: number): number => {
    const v = Number(tok);
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
  const tokens: string[] = [];
  for (const i of linkLines) {
    const line = i + 1;
    tokenize(lines[i], tokens);
    if (tokens.length < needed) {
      problems.push(at(fileName, line, `expected at least ${needed} fields (init_node term_node capacity length free_flow_time), got ${tokens.length}: ${JSON.stringify(lines[i].trim())}`));
      continue;
    }
    const init = readNode(tokens[cInit], 'init_node', line);
    const term = readNode(tokens[cTerm], 'term_node', line);
    const time = readNumber(tokens[cTime], '>= 0', fileName, line, 'free_flow_time', problems);
    const length = readNumber(tokens[cLength], '>= 0', fileName, line, 'length', problems);
    const type = cType >= 0 && cType < tokens.length ? tokens[cType] : '';
    links.push({ init, term, timeS: time * secondsPer, lengthM: lengthUnit ? length * lengthUnit.metres : NaN, type, line });
  }

  // Nodes: 1..NUMBER OF NODES when the header gives it, else every number a link or the node file uses.
  let nodeNumbers: number[];
  if (nodeCountMeta !== undefined) {
    nodeNumbers = Array.from({ length: nodeCountMeta }, (_, k) => k + 1);
  } else {
    const set = new Set<number>();
    for (const l of links) { if (l.init > 0) set.add(l.init); if (l.term > 0) set.add(l.term); }
    for (const id of options.nodes?.coordinates.ids ?? []) { const v = Number(id); if (Number.isInteger(v) && v >= 1) set.add(v); }
    nodeNumbers = [...set].sort((a, b) => a - b);
  }
  const known = new Set(nodeNumbers);
  const xs = new Map<number, [number, number]>();
  if (options.nodes) {
    const { coordinates: c, fileName: nodesFile } = options.nodes;
    c.ids.forEach((id, k) => {
      const v = Number(id);
      const loc = c.where[k];
      const prefix = typeof loc === 'number' ? at(nodesFile, loc, 'node') : `${nodesFile}: ${loc}: node`;
      if (!Number.isInteger(v) || v < 1) problems.push(`${prefix}: expected a node number >= 1, got ${JSON.stringify(id)}`);
      else if (!known.has(v)) problems.push(`${prefix}: unknown node ${v}: expected 1..${nodeCountMeta} (<NUMBER OF NODES> in ${fileName})`);
      else xs.set(v, [c.x[k], c.y[k]]);
    });
  }
  throwProblems(problems);

  const px = nodeNumbers.map((v) => xs.get(v)?.[0] ?? NaN);
  const py = nodeNumbers.map((v) => xs.get(v)?.[1] ?? NaN);
  const kind: CoordKind = options.nodes ? options.coordKind ?? nodeFileCoordKind(px, py, options.nodes.coordinates.namedLonLat) : 'none';
  const builder = createRoadGraphBuilder(kind);
  nodeNumbers.forEach((v, k) => builder.addNode({ id: String(v), x: px[k], y: py[k], zone: v < firstThruNode }));
  const ids = new Map<string, number>();
  for (const l of links) {
    const base = `${l.init}-${l.term}`;
    const n = (ids.get(base) ?? 0) + 1;
    ids.set(base, n);
    builder.addEdge({
      from: String(l.init), to: String(l.term), id: n === 1 ? base : `${base}#${n}`,
      timeS: l.timeS, lengthM: l.lengthM, roadClass: l.type === '' ? 'tntp' : `tntp-${l.type}`,
    });
  }
  return builder.build({ format: 'tntp', files: [fileName, ...(options.nodes ? [options.nodes.fileName] : [])] });
}

/** Index of the first character that is not a space, tab or CR, or -1. */
function firstNonBlank(line: string): number {
  for (let k = 0; k < line.length; k++) {
    const c = line.charCodeAt(k);
    if (c !== 32 && c !== 9 && c !== 13) return k;
  }
  return -1;
}

/** Split a record into `out` at spaces, tabs and semicolons (hot loop: no regular expressions). */
function tokenize(line: string, out: string[]): void {
  out.length = 0;
  let start = -1;
  for (let k = 0; k <= line.length; k++) {
    const c = k < line.length ? line.charCodeAt(k) : 32;
    const sep = c === 32 || c === 9 || c === 13 || c === 59;
    if (sep) {
      if (start >= 0) { out.push(line.slice(start, k)); start = -1; }
    } else if (start < 0) start = k;
  }
}
