import { parseProjString, type MapProjection } from '../../graph/map-projection.ts';
import { createRoadGraphBuilder, type CoordKind, type RoadGraph } from '../../graph/road-graph.ts';
import { polylineLengthM } from '../../graph/geo.ts';
import { InputError, at, throwProblems } from '../input-error.ts';
import { guessCoordKind } from './coord-kind.ts';
import { readNumber } from '../field-values.ts';
import { parseDecimal } from '../number-text.ts';
import { DRIVABLE_CLASSES, defaultSpeedKph } from './road-classes.ts';
import { streamXml } from './xml-stream.ts';

/** A text file and the name used for it in messages. */
export interface NamedText {
  text: string;
  fileName: string;
}

export interface SumoOptions {
  /** Coordinates are lon/lat degrees or planar metres, overriding the guess (see coord-kind.ts). */
  coordKind?: 'lonlat' | 'planar';
  /** Keep every edge (footways, rail, service...), whatever its type and allow/disallow. Default false. */
  allClasses?: boolean;
  /** A `.typ.xml` type file: default speed and allow/disallow per type, for edges that leave them out. */
  types?: NamedText;
}

interface SumoType { speedMps?: string; allow?: string; disallow?: string }

/**
 * Parse a SUMO plain network: a `.nod.xml` node file and a `.edg.xml` edge file (netconvert
 * `--plain-output-prefix`).
 *
 * - Coordinates are lon/lat when the files say `proj.plain-geo` or the nodes look geographic (see
 *   guessCoordKind); planar metres otherwise, and always planar when a `<location>` names a
 *   projection. A `<location netOffset="x,y" projParameter="+proj=utm ...">` (netconvert writes it
 *   into plain files of projected networks) becomes the graph's map projection: network coordinates
 *   are the projected ones plus netOffset (see engine/graph/map-projection.ts for what is supported;
 *   an unsupported or absent one, `projParameter="!"`, leaves the network without projection).
 * - Each `<edge>` is one direction. Road class = the type after `highway.` (`railway.rail` stays whole;
 *   no type gives `road`).
 * - Default filter (patrol cars): road classes in DRIVABLE_CLASSES, and passenger cars allowed by the
 *   edge's `allow`/`disallow` (or its type's, from the type file). `allClasses` keeps every edge.
 * - lengthM: the edge's `length` attribute, else the length of its `shape` polyline as written (SUMO's
 *   own definition: the shape may stop at the junction border, a few metres short of the node), else the
 *   straight from-to distance; haversine for lon/lat, Euclidean for planar. Shape points other than the
 *   two node positions are kept as the edge's interior shape.
 * - speed: `speed` (m/s) of the edge, else of its type, else the class default; time = length / speed.
 * - Only nodes used by kept edges become graph nodes, in node-file order.
 */
export function parseSumoPlain(nodes: NamedText, edges: NamedText, options: SumoOptions = {}): RoadGraph {
  const problems: string[] = [];
  const types = options.types ? parseTypes(options.types, problems) : new Map<string, SumoType>();

  const nodeIds: string[] = [];
  const nodeIndex = new Map<string, number>();
  const nx: number[] = [];
  const ny: number[] = [];
  let plainGeo = false;
  let sawNodesRoot = false;
  let location: { projection?: MapProjection; named: boolean } | undefined;
  const readLocation = (a: Record<string, string>, file: string, line: number) => {
    if (location) return;
    const proj = (a.projParameter ?? '!').trim();
    if (proj === '!' || proj === '') { location = { named: false }; return; }
    const parts = (a.netOffset ?? '0,0').split(',');
    const offset = { x: readNumber(parts[0], 'any', file, line, 'location netOffset x', problems), y: readNumber(parts[1], 'any', file, line, 'location netOffset y', problems) };
    const p = parseProjString(proj, offset);
    location = { named: true, ...(typeof p === 'string' ? {} : { projection: p }) };
  };
  const nf = nodes.fileName;
  streamXml(nodes.text, nf, {
    comment(c) { if (/proj\.plain-geo\s+value="true"/.test(c)) plainGeo = true; },
    open(name, a, line) {
      if (name === 'nodes') sawNodesRoot = true;
      if (name === 'location') readLocation(a, nf, line);
      if (name !== 'node') return;
      if (!a.id) { problems.push(at(nf, line, '<node> id: expected a node id, got nothing')); return; }
      if (nodeIndex.has(a.id)) { problems.push(at(nf, line, `node "${a.id}": defined twice (duplicate node id)`)); return; }
      const x = readNumber(a.x, 'any', nf, line, `node "${a.id}": x`, problems);
      const y = readNumber(a.y, 'any', nf, line, `node "${a.id}": y`, problems);
      nodeIndex.set(a.id, nodeIds.length);
      nodeIds.push(a.id); nx.push(x); ny.push(y);
    },
  });
  if (!sawNodesRoot) problems.push(at(nf, undefined, 'expected a SUMO node file with a <nodes> root element (a .nod.xml)'));
  else if (nodeIds.length === 0) problems.push(at(nf, undefined, 'expected at least one <node>, found none'));

  interface Edge { id: string; from: number; to: number; cls: string; lengthM: number; speedKph: number; shape: number[]; name: string; line: number }
  const kept: Edge[] = [];
  const edgeSeen = new Set<string>();
  let sawEdgesRoot = false;
  let edgeCount = 0;
  const ef = edges.fileName;
  let kind: CoordKind | undefined;
  const coordKind = () => (kind ??= options.coordKind ?? (plainGeo ? 'lonlat' : location?.named ? 'planar' : guessCoordKind(nx, ny)));
  streamXml(edges.text, ef, {
    comment(c) { if (/proj\.plain-geo\s+value="true"/.test(c)) plainGeo = true; },
    open(name, a, line) {
      if (name === 'edges') sawEdgesRoot = true;
      if (name === 'location') readLocation(a, ef, line);
      if (name !== 'edge') return;
      edgeCount++;
      if (!a.id) { problems.push(at(ef, line, '<edge> id: expected an edge id, got nothing')); return; }
      const what = `edge "${a.id}"`;
      if (edgeSeen.has(a.id)) { problems.push(at(ef, line, `${what}: id used twice (duplicate edge id)`)); return; }
      edgeSeen.add(a.id);
      const from = endpoint(a.from, 'from');
      const to = endpoint(a.to, 'to');
      const type = a.type ?? '';
      const cls = type.startsWith('highway.') ? type.slice('highway.'.length) : type === '' ? 'road' : type;
      const t = types.get(type);
      const hasAccess = a.allow !== undefined || a.disallow !== undefined;
      const allow = hasAccess ? a.allow : t?.allow;
      const disallow = hasAccess ? a.disallow : t?.disallow;
      const keep = options.allClasses || ((type === '' || type.startsWith('highway.')) && DRIVABLE_CLASSES.has(cls) && passengerAllowed(allow, disallow));
      if (!keep || from < 0 || to < 0) return;
      const speedRaw = a.speed ?? t?.speedMps;
      const speedKph = speedRaw === undefined ? defaultSpeedKph(cls) : readNumber(speedRaw, '> 0', ef, line, `${what}: speed (m/s)`, problems) * 3.6;
      const shapeXy = a.shape === undefined ? [] : parseShape(a.shape, line, what);
      const full = [nx[from], ny[from], ...shapeXy, nx[to], ny[to]];
      // Shapes usually start and end at the node positions; drop those duplicates from the interior.
      let s = 2;
      let e = full.length - 2;
      if (e - s >= 2 && full[s] === full[0] && full[s + 1] === full[1]) s += 2;
      if (e - s >= 2 && full[e - 2] === full[e] && full[e - 1] === full[e + 1]) e -= 2;
      const lengthM = a.length !== undefined
        ? readNumber(a.length, '>= 0', ef, line, `${what}: length`, problems)
        : polylineLengthM(coordKind(), shapeXy.length >= 4 ? shapeXy : [nx[from], ny[from], nx[to], ny[to]]);
      // SUMO writes name="?" (or nothing) for an unnamed street.
      const street = a.name !== undefined && a.name !== '?' ? a.name.trim() : '';
      kept.push({ id: a.id, from, to, cls, lengthM, speedKph, shape: full.slice(s, e), name: street, line });

      function endpoint(id: string | undefined, field: 'from' | 'to'): number {
        if (!id) { problems.push(at(ef, line, `${what}: ${field}: expected a node id, got nothing`)); return -1; }
        const i = nodeIndex.get(id);
        if (i === undefined) { problems.push(at(ef, line, `${what}: ${field}: unknown node "${id}" (not in ${nf})`)); return -1; }
        return i;
      }
    },
  });
  if (!sawEdgesRoot) problems.push(at(ef, undefined, 'expected a SUMO edge file with an <edges> root element (a .edg.xml)'));
  else if (edgeCount === 0) problems.push(at(ef, undefined, 'expected at least one <edge>, found none'));
  throwProblems(problems);

  const used = new Uint8Array(nodeIds.length);
  for (const e of kept) { used[e.from] = 1; used[e.to] = 1; }
  const builder = createRoadGraphBuilder(coordKind());
  for (let i = 0; i < nodeIds.length; i++) if (used[i]) builder.addNode({ id: nodeIds[i], x: nx[i], y: ny[i] });
  for (const e of kept) {
    builder.addEdge({ id: e.id, from: nodeIds[e.from], to: nodeIds[e.to], lengthM: e.lengthM, speedKph: e.speedKph, roadClass: e.cls, shape: e.shape, name: e.name });
  }
  return builder.build({ format: 'sumo', files: [nf, ef, ...(options.types ? [options.types.fileName] : [])] }, { projection: location?.projection });

  function parseShape(shape: string, line: number, what: string): number[] {
    const out: number[] = [];
    for (const p of shape.trim().split(/\s+/)) {
      const parts = p.split(',');
      const x = parseDecimal(parts[0]);
      const y = parseDecimal(parts[1] ?? '');
      if (parts.length < 2 || parts.length > 3 || !Number.isFinite(x) || !Number.isFinite(y)) {
        problems.push(at(ef, line, `${what}: shape: expected positions "x,y x,y ...", got ${JSON.stringify(p)}`));
        return [];
      }
      out.push(x, y);
    }
    return out;
  }
}

/** Whether SUMO `allow`/`disallow` lists (space-separated vehicle classes) let a passenger car through. */
export function passengerAllowed(allow: string | undefined, disallow: string | undefined): boolean {
  if (allow !== undefined) {
    const a = allow.trim().split(/\s+/);
    return a.includes('passenger') || a.includes('all');
  }
  if (disallow !== undefined) {
    const d = disallow.trim().split(/\s+/);
    return !(d.includes('passenger') || d.includes('all'));
  }
  return true;
}

function parseTypes(types: NamedText, problems: string[]): Map<string, SumoType> {
  const out = new Map<string, SumoType>();
  let sawRoot = false;
  streamXml(types.text, types.fileName, {
    open(name, a, line) {
      if (name === 'types') sawRoot = true;
      if (name !== 'type') return;
      if (!a.id) { problems.push(at(types.fileName, line, '<type> id: expected a type id, got nothing')); return; }
      out.set(a.id, { speedMps: a.speed, allow: a.allow, disallow: a.disallow });
    },
  });
  if (!sawRoot) throw new InputError(at(types.fileName, undefined, 'expected a SUMO type file with a <types> root element (a .typ.xml)'));
  return out;
}
