import { createRoadGraphBuilder, type EdgeInput, type RoadGraph } from '../../graph/road-graph.ts';
import { polylineLengthM } from '../../graph/geo.ts';
import { InputError, at, throwProblems } from '../input-error.ts';
import { guessCoordKind } from './coord-kind.ts';
import { rowDirection } from './edge-direction.ts';
import { readNumber, where } from '../field-values.ts';
import { describeJson, parseJson } from './node-file.ts';
import { defaultSpeedKph, parseMaxspeedKph } from './road-classes.ts';
import { reversePoints } from './shape-points.ts';

export interface GeoJsonNetworkOptions {
  /** Coordinates are lon/lat degrees or planar metres, overriding the guess (see coord-kind.ts). */
  coordKind?: 'lonlat' | 'planar';
  /** Features without a `oneway` property are usable both ways. Default false. */
  undirected?: boolean;
}

const FROM_KEYS = ['from', 'u', 'source', 'init_node'];
const TO_KEYS = ['to', 'v', 'target', 'term_node'];

type Props = Record<string, unknown>;
const pick = (p: Props, keys: readonly string[]) => { for (const k of keys) if (p[k] !== undefined && p[k] !== null && p[k] !== '') return p[k]; return undefined; };

/**
 * Parse a GeoJSON FeatureCollection of LineString / MultiLineString road features.
 *
 * Nodes: the line ends, merged when their coordinates are identical (ids `n0`, `n1`... in order of first
 * use); or, when every feature has `from`/`to` properties (also `u`/`v`, `source`/`target`,
 * `init_node`/`term_node`), those ids (the first coordinates seen for an id are its position). Interior
 * points are the edge shape; each part of a MultiLineString is its own edge.
 *
 * Properties: `time_s` (seconds), else `speed_kph`, else `maxspeed` ("50", "30 mph"), else the default
 * speed of `highway`/`class`; `length_m`, else the line's length (haversine for lon/lat); `oneway`
 * (yes/no/true/false/1/0/-1; absent means both ways only with `undirected`); `id` (or the feature id;
 * default `f<index>`).
 */
export function parseGeoJsonNetwork(text: string, fileName: string, options: GeoJsonNetworkOptions = {}): RoadGraph {
  const doc = parseJson(text, fileName) as { type?: unknown; features?: unknown };
  if (!doc || typeof doc !== 'object' || doc.type !== 'FeatureCollection' || !Array.isArray(doc.features)) {
    throw new InputError(at(fileName, undefined, `expected a GeoJSON FeatureCollection of LineString features, got ${describeJson(doc)}`));
  }
  const features = doc.features as unknown[];
  if (features.length === 0) throw new InputError(at(fileName, undefined, 'expected at least one LineString feature, got an empty FeatureCollection'));
  const problems: string[] = [];
  const withIds = features.filter((f) => pick(((f as { properties?: Props })?.properties ?? {}), FROM_KEYS) !== undefined).length;
  const useIds = withIds > 0;
  if (useIds && withIds < features.length) {
    problems.push(at(fileName, undefined, `from/to: expected on every feature or on none, got them on ${withIds} of ${features.length} features`));
  }
  interface Part { feature: number; part: number; multi: boolean; coords: number[]; props: Props; from?: string; to?: string }
  const parts: Part[] = [];
  features.forEach((raw, i) => {
    const loc = `feature ${i}`;
    const f = raw as { type?: unknown; geometry?: { type?: unknown; coordinates?: unknown }; properties?: Props | null; id?: unknown };
    const props: Props = { ...(f?.properties ?? {}) };
    if (props.id === undefined && f?.id !== undefined) props.id = f.id;
    const g = f?.geometry;
    const lines = g?.type === 'LineString' ? [g.coordinates] : g?.type === 'MultiLineString' && Array.isArray(g.coordinates) ? g.coordinates : undefined;
    if (!lines) { problems.push(where(fileName, loc, `geometry: expected a LineString or MultiLineString, got ${g ? String(g.type) : 'nothing'}`)); return; }
    if (useIds && lines.length !== 1) { problems.push(where(fileName, loc, 'geometry: with from/to ids, expected a LineString (one line)')); return; }
    lines.forEach((line: unknown, p: number) => {
      const field = g!.type === 'LineString' ? 'coordinates' : `coordinates[${p}]`;
      if (!Array.isArray(line) || line.length < 2) { problems.push(where(fileName, loc, `${field}: expected at least 2 positions, got ${Array.isArray(line) ? line.length : describeJson(line)}`)); return; }
      const coords: number[] = [];
      for (let k = 0; k < line.length; k++) {
        const pos = line[k];
        if (!Array.isArray(pos) || typeof pos[0] !== 'number' || typeof pos[1] !== 'number' || !Number.isFinite(pos[0]) || !Number.isFinite(pos[1])) {
          problems.push(where(fileName, loc, `${field}[${k}]: expected a position [x, y], got ${JSON.stringify(pos)}`));
          return;
        }
        coords.push(pos[0], pos[1]);
      }
      const from = useIds ? pick(props, FROM_KEYS) : undefined;
      const to = useIds ? pick(props, TO_KEYS) : undefined;
      if (useIds && to === undefined) { problems.push(where(fileName, loc, 'to: expected a node id, got nothing')); return; }
      parts.push({ feature: i, part: p, multi: g!.type === 'MultiLineString', coords, props, from: from === undefined ? undefined : String(from), to: to === undefined ? undefined : String(to) });
    });
  });
  throwProblems(problems);

  const ends: number[] = [];
  for (const p of parts) ends.push(p.coords[0], p.coords[1], p.coords[p.coords.length - 2], p.coords[p.coords.length - 1]);
  const kind = options.coordKind ?? guessCoordKind(ends.filter((_, k) => k % 2 === 0), ends.filter((_, k) => k % 2 === 1));
  const builder = createRoadGraphBuilder(kind);
  const byKey = new Map<string, string>();
  const node = (id: string | undefined, x: number, y: number): string => {
    const key = id ?? `${x},${y}`;
    let nid = byKey.get(key);
    if (nid === undefined) {
      nid = id ?? `n${byKey.size}`;
      byKey.set(key, nid);
      builder.addNode({ id: nid, x, y });
    }
    return nid;
  };
  const edges: EdgeInput[] = [];
  const ids = new Set<string>();
  for (const p of parts) {
    const loc = `feature ${p.feature}`;
    const c = p.coords;
    const from = node(p.from, c[0], c[1]);
    const to = node(p.to, c[c.length - 2], c[c.length - 1]);
    const props = p.props;
    const cls = pick(props, ['highway', 'class', 'road_class']);
    const roadClass = cls === undefined ? undefined : String(cls);
    const lengthM = props.length_m !== undefined ? readNumber(props.length_m as number, '>= 0', fileName, loc, 'length_m', problems) : polylineLengthM(kind, c);
    let timeS: number | undefined;
    let speedKph: number | undefined;
    if (props.time_s !== undefined && props.time_s !== null) timeS = readNumber(props.time_s as number, '>= 0', fileName, loc, 'time_s', problems);
    if (props.speed_kph !== undefined && props.speed_kph !== null) speedKph = readNumber(props.speed_kph as number, '> 0', fileName, loc, 'speed_kph', problems);
    else if (props.maxspeed !== undefined && props.maxspeed !== null) {
      speedKph = parseMaxspeedKph(props.maxspeed as string | number);
      if (speedKph === undefined && timeS === undefined) problems.push(where(fileName, loc, `maxspeed: expected a speed such as 50, "50 km/h" or "30 mph", got ${JSON.stringify(props.maxspeed)}`));
    }
    if (timeS === undefined && speedKph === undefined) {
      if (roadClass !== undefined) speedKph = defaultSpeedKph(roadClass);
      else { problems.push(where(fileName, loc, 'time_s: expected time_s, speed_kph, maxspeed or a highway class to derive a travel time, got none of them')); continue; }
    }
    if (!Number.isFinite(lengthM) && timeS === undefined) continue;
    const baseId = props.id !== undefined && props.id !== null ? String(props.id) : `f${p.feature}`;
    const id = p.multi ? `${baseId}.${p.part}` : baseId;
    const dir = rowDirection(props.oneway, options.undirected ?? false, fileName, loc, problems);
    const shape = c.slice(2, -2);
    const base = { lengthM, timeS, speedKph, roadClass };
    const add = (e: EdgeInput) => {
      if (ids.has(e.id!)) { problems.push(where(fileName, loc, `id: edge id "${e.id}" is used twice`)); return; }
      ids.add(e.id!); edges.push(e);
    };
    if (dir === 'forward' || dir === 'both') add({ ...base, id, from, to, shape });
    if (dir === 'backward') add({ ...base, id, from: to, to: from, shape: reversePoints(shape) });
    if (dir === 'both') add({ ...base, id: `${id}:r`, from: to, to: from, shape: reversePoints(shape) });
  }
  throwProblems(problems);
  for (const e of edges) builder.addEdge(e);
  return builder.build({ format: 'geojson', files: [fileName] });
}
