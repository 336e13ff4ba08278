import { lazyPackage } from '../../lazy-package.ts';
import { createRoadGraphBuilder, type RoadGraph } from '../../graph/road-graph.ts';
import { polylineLengthM } from '../../graph/geo.ts';
import { InputError, at, throwProblems } from '../input-error.ts';
import { readNumber } from '../field-values.ts';
import { DRIVABLE_CLASSES, defaultSpeedKph, parseMaxspeedKph } from './road-classes.ts';
import { reversePoints } from './shape-points.ts';
import { streamXml } from './xml-stream.ts';

const bunzip = lazyPackage<(typeof import('seek-bzip'))['default']>('seek-bzip');

export interface OsmOptions {
  /** Keep every way with a highway tag (footways, service, tracks...) and ignore access tags. Default false. */
  allClasses?: boolean;
}

/** highway values that are never roads, even with allClasses. */
const NEVER_ROADS = new Set(['proposed', 'construction', 'abandoned', 'razed', 'disused', 'planned', 'platform', 'no', 'elevator', 'bus_stop', 'rest_area', 'services']);
const NO_ACCESS = new Set(['no', 'private']);
const ACCESS_YES = new Set(['yes', 'designated', 'permissive', 'destination']);

/** Direction of travel a way allows. */
export type OsmDirection = 'both' | 'forward' | 'backward' | 'none';

/**
 * Direction rules: `oneway=yes|true|1` forward; `oneway=-1|reverse` backward; `oneway=no|false|0` both;
 * with no oneway tag, `junction=roundabout|circular` and `highway=motorway` are one way (forward), every
 * other way both. `oneway=reversible|alternating` ways change direction during the day, so a plan cannot
 * count on them: 'none' (left out) unless `allClasses`, where they count as both.
 */
export function osmDirection(tags: ReadonlyMap<string, string>, allClasses = false): OsmDirection {
  const oneway = tags.get('oneway')?.trim().toLowerCase();
  if (oneway === 'yes' || oneway === 'true' || oneway === '1') return 'forward';
  if (oneway === '-1' || oneway === 'reverse') return 'backward';
  if (oneway === 'no' || oneway === 'false' || oneway === '0') return 'both';
  if (oneway === 'reversible' || oneway === 'alternating') return allClasses ? 'both' : 'none';
  const junction = tags.get('junction');
  if (junction === 'roundabout' || junction === 'circular' || tags.get('highway') === 'motorway') return 'forward';
  return 'both';
}

/** Whether a way is kept: a highway class in DRIVABLE_CLASSES (any road with allClasses), not an area, open to cars. */
export function isOsmRoad(tags: ReadonlyMap<string, string>, allClasses = false): boolean {
  const highway = tags.get('highway');
  if (highway === undefined || NEVER_ROADS.has(highway) || tags.get('area') === 'yes') return false;
  if (allClasses) return true;
  if (!DRIVABLE_CLASSES.has(highway)) return false;
  const car = tags.get('motorcar') ?? tags.get('motor_vehicle') ?? tags.get('vehicle');
  if (car !== undefined && NO_ACCESS.has(car)) return false;
  const access = tags.get('access');
  if (access !== undefined && NO_ACCESS.has(access) && !(car !== undefined && ACCESS_YES.has(car))) return false;
  return true;
}

/** The text of an .osm or .osm.bz2 file (bzip2 is recognised by its "BZh" magic bytes). */
export function decodeOsmBytes(bytes: Uint8Array, fileName: string): string {
  if (bytes.length >= 3 && bytes[0] === 0x42 && bytes[1] === 0x5a && bytes[2] === 0x68) {
    try {
      return Buffer.from(bunzip().decode(bytes)).toString('utf8');
    } catch (err) {
      throw new InputError(at(fileName, undefined, `expected a valid bzip2 file: ${(err as Error).message ?? err}`));
    }
  }
  if (fileName.toLowerCase().endsWith('.bz2')) throw new InputError(at(fileName, undefined, 'expected bzip2 data (starting "BZh"), got something else'));
  const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8');
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

interface Way { id: string; refs: string[]; tags: Map<string, string>; line: number }

/**
 * Parse OpenStreetMap XML (0.6) into a road graph, streaming with saxes.
 *
 * Roads are the ways `isOsmRoad` keeps, directed by `osmDirection`. Graph nodes are way ends and every
 * OSM node used more than once by the kept ways (intersections); each way is split there into edges whose
 * other OSM nodes become the interior shape. Length is the haversine length of the polyline (metres).
 * Speed: `maxspeed` (`maxspeed:forward`/`:backward` per direction) as km/h, "NN mph" or "NN km/h", else
 * DEFAULT_CLASS_SPEED_KPH for the class. Edge ids: `<way id>:<k>` along the way, `<way id>:<k>:r` against.
 * A kept way that refers to a node missing from the file is an error: export with complete ways.
 */
export function parseOsmXml(text: string, fileName: string, options: OsmOptions = {}): RoadGraph {
  const allClasses = options.allClasses ?? false;
  const problems: string[] = [];
  const nodeIndex = new Map<string, number>();
  const lon: number[] = [];
  const lat: number[] = [];
  const ways: Way[] = [];
  let way: Way | undefined;
  let sawRoot = false;
  streamXml(text, fileName, {
    open(name, a, line) {
      if (name === 'osm') sawRoot = true;
      else if (name === 'node') {
        if (!a.id) { problems.push(at(fileName, line, '<node> id: expected a node id, got nothing')); return; }
        if (nodeIndex.has(a.id)) { problems.push(at(fileName, line, `node ${a.id}: defined twice (duplicate node id)`)); return; }
        const x = readNumber(a.lon, 'any', fileName, line, `node ${a.id}: lon`, problems);
        const y = readNumber(a.lat, 'any', fileName, line, `node ${a.id}: lat`, problems);
        nodeIndex.set(a.id, lon.length);
        lon.push(x); lat.push(y);
      } else if (name === 'way') {
        way = { id: a.id ?? '', refs: [], tags: new Map(), line };
        if (!a.id) problems.push(at(fileName, line, '<way> id: expected a way id, got nothing'));
      } else if (name === 'nd' && way) {
        if (a.ref) way.refs.push(a.ref);
        else problems.push(at(fileName, line, `way ${way.id}: <nd> ref: expected a node id, got nothing`));
      } else if (name === 'tag' && way && a.k !== undefined) {
        way.tags.set(a.k, a.v ?? '');
      }
    },
    close(name) {
      if (name !== 'way' || !way) return;
      if (way.id && isOsmRoad(way.tags, allClasses) && osmDirection(way.tags, allClasses) !== 'none') ways.push(way);
      way = undefined;
    },
  });
  if (!sawRoot) problems.push(at(fileName, undefined, 'expected OpenStreetMap XML with an <osm> root element'));

  // Resolve references and count uses: a node used twice (by two ways, or twice by one) is an intersection.
  const refsOf: Int32Array[] = [];
  const uses = new Int32Array(lon.length);
  const isEnd = new Uint8Array(lon.length);
  const missing = new Map<string, number>();
  for (const w of ways) {
    const idx: number[] = [];
    for (const r of w.refs) {
      const i = nodeIndex.get(r);
      if (i === undefined) {
        if (missing.size < 20 && !missing.has(r)) problems.push(at(fileName, w.line, `way ${w.id}: nd ref: unknown node ${r} (not in the file; export with complete ways)`));
        missing.set(r, (missing.get(r) ?? 0) + 1);
        continue;
      }
      if (idx.length === 0 || idx[idx.length - 1] !== i) idx.push(i);
    }
    refsOf.push(Int32Array.from(idx));
    if (idx.length < 2) continue;
    for (const i of idx) uses[i]++;
    isEnd[idx[0]] = 1; isEnd[idx[idx.length - 1]] = 1;
  }
  if (ways.length === 0 && problems.length === 0) {
    problems.push(at(fileName, undefined, `expected ways tagged highway=${allClasses ? '*' : `{${[...DRIVABLE_CLASSES].join(',')}}`}, found none`));
  }
  throwProblems(problems);

  const builder = createRoadGraphBuilder('lonlat');
  const ids: string[] = [];
  for (const [id, i] of nodeIndex) ids[i] = id;
  for (let i = 0; i < lon.length; i++) {
    if (uses[i] >= 2 || (isEnd[i] && uses[i] >= 1)) builder.addNode({ id: ids[i], x: lon[i], y: lat[i] });
  }
  ways.forEach((w, k) => {
    const refs = refsOf[k];
    if (refs.length < 2) return;
    const dir = osmDirection(w.tags, allClasses);
    const cls = w.tags.get('highway')!;
    const fallback = defaultSpeedKph(cls);
    const both = parseMaxspeedKph(w.tags.get('maxspeed'));
    const fwdKph = parseMaxspeedKph(w.tags.get('maxspeed:forward')) ?? both ?? fallback;
    const bwdKph = parseMaxspeedKph(w.tags.get('maxspeed:backward')) ?? both ?? fallback;
    const street = (w.tags.get('name') ?? w.tags.get('ref') ?? '').trim();
    let start = 0;
    let seg = 0;
    for (let j = 1; j < refs.length; j++) {
      const v = refs[j];
      if (!(uses[v] >= 2 || j === refs.length - 1)) continue;
      const xy: number[] = [];
      for (let m = start; m <= j; m++) xy.push(lon[refs[m]], lat[refs[m]]);
      const lengthM = polylineLengthM('lonlat', xy);
      const a = ids[refs[start]];
      const b = ids[v];
      const interior = xy.slice(2, -2);
      if (dir === 'forward' || dir === 'both') builder.addEdge({ id: `${w.id}:${seg}`, from: a, to: b, lengthM, speedKph: fwdKph, roadClass: cls, shape: interior, name: street });
      if (dir === 'backward' || dir === 'both') builder.addEdge({ id: `${w.id}:${seg}:r`, from: b, to: a, lengthM, speedKph: bwdKph, roadClass: cls, shape: reversePoints(interior), name: street });
      start = j;
      seg++;
    }
  });
  return builder.build({ format: 'osm', files: [fileName] });
}
