/**
 * Parse and check the files of a run directory (docs/run-directory.md) into typed arrays: the one
 * reader of the run-directory contract, used by the viewer (browser), the report and every command
 * that reads a run directory back. Pure: it takes file texts, so the browser and Node share it. Every
 * problem names the file and the JSON path, and all problems are reported together as one InputError.
 * (Whether the texts are a complete, unmixed run is checked before, against run.json: manifest.ts.)
 */
import { InputError } from '../input-error.ts';
import { VIEWER_FILES, type ViewerFileName } from './file-types.ts';
import { asCompareJson, type CompareJson } from './compare-file.ts';
import {
  parseCordon, parseJurisdictions, parsePlanBlocks, parseTraceMoves, type CordonData, type JurisdictionsData, type PlanData, type TraceMove,
} from './parse-plan-geography.ts';

export type { CordonData, CordonPoint, JurisdictionData, JurisdictionsData, PlanData, PlanLayoutData, TraceMove } from './parse-plan-geography.ts';

/** File texts by name; a missing optional file is undefined. */
export type RunFileTexts = Partial<Record<ViewerFileName, string>>;

/** Node coordinates: lon/lat degrees or planar metres (a network without coordinates cannot be drawn). */
export type RunCoordKind = 'lonlat' | 'planar';

export interface NetworkData {
  coordKind: RunCoordKind;
  attribution: string | null;
  classNames: string[];
  nodeIds: string[];
  /** Source coordinates per node (NaN when unknown). */
  nodeX: Float64Array;
  nodeY: Float64Array;
  edgeFrom: Int32Array;
  edgeTo: Int32Array;
  edgeClass: Uint16Array;
  /** Interior shape points (source coordinates, interleaved) of curved edges. */
  shapes: Map<number, Float64Array>;
  /** Street names (`names` of network.json) and each edge's index into them, -1 when unnamed. */
  streetNames: string[];
  edgeStreet: Int32Array;
}

export interface PostData { id: string; node: number; units: number; type: string; label?: string }

export interface TierRow { targetS: number; units: number; coveredShare: number; coveredCount: number; count: number }

export interface CoverageData {
  tiers: TierRow[];
  k: number;
  demandNode: Int32Array;
  demandWeight: Float64Array;
  /** `arrivalS[i*k + j]`: time of the (j+1)th unit at demand point i; Infinity when none (null in the file). */
  arrivalS: Float64Array;
  /** The same for every network node, `nodeArrivalS[v*k + j]` (absent in files that do not have it). */
  nodeArrivalS?: Float64Array;
}

/** A simulated incident: `cls` is its class name, `met[i]` whether it met tier i of that class. */
export interface TraceIncident { tS: number; x: number; y: number; cls: string; node: number; met: boolean[]; firstArrivalS: number }

/** A class of the trace with its tiers (`met[i]` of its incidents refers to `tiers[i]`). */
export interface TraceClass { name: string; tiers: { targetS: number; units: number }[] }

export interface TraceData {
  horizonS: number;
  warmupS: number;
  /** Waypoints and incidents run from 0 to untilS (horizonS when the file does not say). */
  untilS: number;
  classes: TraceClass[];
  units: { id: string; type: string; post: string }[];
  /** Per unit: waypoint times (s), source coordinates, state codes. */
  tracks: { tS: Float64Array; x: Float64Array; y: Float64Array; state: Uint8Array }[];
  incidents: TraceIncident[];
  /** Moves to a new station started up to untilS, in time order (empty in files without `moves`). */
  moves: TraceMove[];
}

export interface SummaryTier { targetS: number; units: number; metShare: number; ci95?: [number, number] | null }
export interface SummaryData {
  seed?: number | string;
  classes: { name: string; incidents: number; tiers: SummaryTier[] }[];
  units: { id: string; utilisation: number }[];
  raw: Record<string, unknown>;
}

export interface RunData {
  /** A label for the run (its directory name). */
  name: string;
  network: NetworkData;
  posts: PostData[];
  coverage?: CoverageData;
  trace?: TraceData;
  summary?: SummaryData;
  /** compare.json (the demo's comparison). */
  compare?: CompareJson;
  /** sites.json: key sites with their circle's tiers and static arrivals. */
  sites?: SiteData[];
  /** plan-blocks.json: the time-of-day plan, base layout first. */
  plan?: PlanData;
  /** jurisdictions.json: each node's post (nearest, and balanced when computed). */
  jurisdictions?: JurisdictionsData;
  /** cordon.json: the points closed, with their units' times and routes. */
  cordon?: CordonData;
}

/** A key site: its node, circle class and tiers, the static arrival of its 1st..kth unit, and `met[i]` (recomputed: arrival <= target). */
export interface SiteData { name: string; node: number; cls: string | null; kind: string | null; weight: number; tiers: { targetS: number; units: number }[]; arrivalS: number[]; met: boolean[] }

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const show = (v: unknown) => { const s = JSON.stringify(v); return s === undefined ? String(v) : s.length > 40 ? `${s.slice(0, 40)}...` : s; };

/**
 * Parse a run directory's files. `network.json` is required; every other file is optional.
 * Throws one InputError listing every problem as "<dir>/<file>: <json path>: expected ..., got ...".
 */
export function parseRun(name: string, files: RunFileTexts): RunData {
  const problems: string[] = [];
  const at = (file: string) => (path: string, msg: string) => problems.push(`${name}/${file}: ${path}: ${msg}`);
  const json = (file: ViewerFileName): unknown => {
    const text = files[file];
    if (text === undefined) return undefined;
    try { return JSON.parse(text); } catch (err) { problems.push(`${name}/${file}: not valid JSON (${(err as Error).message})`); return undefined; }
  };
  if (files['network.json'] === undefined) throw new InputError(`${name}/network.json: file not found (a run directory needs network.json)`);
  const netRaw = json('network.json');
  const network = parseNetwork(netRaw, at('network.json'));
  // Check the other files against the node count even when network.json has problems of its own.
  const rawIds = isObj(netRaw) && isObj(netRaw.nodes) && Array.isArray(netRaw.nodes.ids) ? netRaw.nodes.ids.length : 0;
  const nodeCount = network?.nodeIds.length ?? rawIds;
  const postsRaw = json('posts.json');
  const posts = postsRaw === undefined ? [] : parsePosts(postsRaw, nodeCount, at('posts.json'));
  const covRaw = json('coverage.json');
  const coverage = covRaw === undefined ? undefined : parseCoverage(covRaw, nodeCount, at('coverage.json'));
  const traceRaw = json('trace.json');
  const trace = traceRaw === undefined ? undefined : parseTrace(traceRaw, at('trace.json'));
  if (trace && isObj(traceRaw)) trace.moves = parseTraceMoves(traceRaw.moves, trace.units.length, nodeCount, at('trace.json'));
  const sumRaw = json('summary.json');
  const summary = sumRaw === undefined ? undefined : parseSummary(sumRaw, at('summary.json'));
  const cmpRaw = json('compare.json');
  let compare: RunData['compare'];
  if (cmpRaw !== undefined) {
    compare = asCompareJson(cmpRaw) ?? undefined;
    if (!compare) at('compare.json')('$', 'expected an object with "before" and "after" layout figures (staticTiers, simulated, sitesMet)');
  }
  const sitesRaw = json('sites.json');
  const sites = sitesRaw === undefined ? undefined : parseSites(sitesRaw, nodeCount, at('sites.json'));
  const optional = <T>(file: ViewerFileName, parse: (raw: unknown, err: At) => T | undefined): T | undefined => {
    const raw = json(file);
    return raw === undefined ? undefined : parse(raw, at(file));
  };
  const plan = optional('plan-blocks.json', (raw, err) => parsePlanBlocks(raw, nodeCount, posts.length, err));
  const jurisdictions = optional('jurisdictions.json', (raw, err) => parseJurisdictions(raw, nodeCount, posts.length, err));
  const cordon = optional('cordon.json', (raw, err) => parseCordon(raw, nodeCount, posts.length, err));
  if (problems.length > 0 || !network) {
    const shown = problems.slice(0, 20);
    if (problems.length > 20) shown.push(`... and ${problems.length - 20} more problems`);
    throw new InputError(shown.join('\n'));
  }
  return { name, network, posts, coverage, trace, summary, compare, sites, ...(plan ? { plan } : {}), ...(jurisdictions ? { jurisdictions } : {}), ...(cordon ? { cordon } : {}) };
}

type At = (path: string, msg: string) => void;

function numArray(v: unknown, path: string, err: At, opts: { int?: boolean; nullable?: boolean; min?: number; max?: number } = {}): number[] | undefined {
  if (!Array.isArray(v)) { err(path, `expected an array, got ${show(v)}`); return undefined; }
  let bad = 0;
  const out = v.map((x, i) => {
    if (x === null && opts.nullable) return NaN;
    const ok = typeof x === 'number' && Number.isFinite(x) && (!opts.int || Number.isInteger(x))
      && (opts.min === undefined || x >= opts.min) && (opts.max === undefined || x <= opts.max);
    if (!ok) {
      if (bad++ < 3) {
        const range = opts.max !== undefined ? ` in ${opts.min ?? '-inf'}..${opts.max}` : opts.min !== undefined ? ` >= ${opts.min}` : '';
        err(`${path}[${i}]`, `expected ${opts.int ? 'an integer' : 'a number'}${range}${opts.nullable ? ' or null' : ''}, got ${show(x)}`);
      }
      return NaN;
    }
    return x as number;
  });
  return bad > 0 ? undefined : out;
}

function parseNetwork(raw: unknown, err: At): NetworkData | undefined {
  if (!isObj(raw)) { err('$', 'expected an object'); return undefined; }
  const coordKind = raw.coordKind;
  if (coordKind !== 'lonlat' && coordKind !== 'planar') { err('coordKind', `expected "lonlat" or "planar" (a network without coordinates cannot be drawn), got ${show(coordKind)}`); }
  const attribution = raw.attribution === undefined || raw.attribution === null ? null : typeof raw.attribution === 'string' ? raw.attribution : (err('attribution', `expected a string or null, got ${show(raw.attribution)}`), null);
  const classNames = Array.isArray(raw.classNames) && raw.classNames.every((c) => typeof c === 'string') ? (raw.classNames as string[]) : (err('classNames', 'expected an array of strings'), []);
  const nodes = isObj(raw.nodes) ? raw.nodes : (err('nodes', 'expected an object {ids, x, y}'), {} as Obj);
  const edges = isObj(raw.edges) ? raw.edges : (err('edges', 'expected an object {from, to, cls, shapes}'), {} as Obj);
  const ids = Array.isArray(nodes.ids) ? nodes.ids.map(String) : (err('nodes.ids', 'expected an array'), []);
  const n = ids.length;
  const x = numArray(nodes.x, 'nodes.x', err, { nullable: true });
  const y = numArray(nodes.y, 'nodes.y', err, { nullable: true });
  if (x && x.length !== n) err('nodes.x', `expected ${n} entries (one per node id), got ${x.length}`);
  if (y && y.length !== n) err('nodes.y', `expected ${n} entries (one per node id), got ${y.length}`);
  const from = numArray(edges.from, 'edges.from', err, { int: true, min: 0, max: n - 1 });
  const to = numArray(edges.to, 'edges.to', err, { int: true, min: 0, max: n - 1 });
  const cls = numArray(edges.cls, 'edges.cls', err, { int: true, min: 0, max: Math.max(0, classNames.length - 1) });
  const m = from?.length ?? 0;
  if (to && to.length !== m) err('edges.to', `expected ${m} entries (as edges.from), got ${to.length}`);
  if (cls && cls.length !== m) err('edges.cls', `expected ${m} entries (as edges.from), got ${cls.length}`);
  const shapes = new Map<number, Float64Array>();
  if (edges.shapes !== undefined) {
    if (!isObj(edges.shapes)) err('edges.shapes', 'expected an object keyed by edge index');
    else for (const [k, v] of Object.entries(edges.shapes)) {
      const e = Number(k);
      if (!Number.isInteger(e) || e < 0 || e >= m) { err(`edges.shapes.${k}`, `key is not an edge index 0..${m - 1}`); continue; }
      const pts = numArray(v, `edges.shapes.${k}`, err);
      if (pts && pts.length % 2 !== 0) err(`edges.shapes.${k}`, `expected interleaved x,y pairs (an even count), got ${pts.length} numbers`);
      else if (pts) shapes.set(e, Float64Array.from(pts));
    }
  }
  const streetNames = raw.names === undefined ? [] : Array.isArray(raw.names) && raw.names.every((s) => typeof s === 'string') ? (raw.names as string[]) : (err('names', 'expected an array of street names'), []);
  const streetOf = edges.name === undefined ? undefined : numArray(edges.name, 'edges.name', err, { int: true, min: -1, max: streetNames.length - 1 });
  if (streetOf && streetOf.length !== m) err('edges.name', `expected ${m} entries (as edges.from), got ${streetOf.length}`);
  if (!x || !y || !from || !to || !cls || (coordKind !== 'lonlat' && coordKind !== 'planar')) return undefined;
  return {
    coordKind, attribution, classNames, nodeIds: ids,
    nodeX: Float64Array.from(x), nodeY: Float64Array.from(y),
    edgeFrom: Int32Array.from(from), edgeTo: Int32Array.from(to), edgeClass: Uint16Array.from(cls), shapes,
    streetNames, edgeStreet: streetOf && streetOf.length === m ? Int32Array.from(streetOf) : new Int32Array(m).fill(-1),
  };
}

function parsePosts(raw: unknown, nodeCount: number, err: At): PostData[] {
  const list = isObj(raw) ? raw.posts : undefined;
  if (!Array.isArray(list)) { err('posts', 'expected an array of posts'); return []; }
  const out: PostData[] = [];
  list.forEach((p, i) => {
    if (!isObj(p)) { err(`posts[${i}]`, 'expected an object {id, node, units, type}'); return; }
    const node = p.node;
    if (!(Number.isInteger(node) && (node as number) >= 0 && (node as number) < nodeCount)) { err(`posts[${i}].node`, `expected a node index 0..${nodeCount - 1}, got ${show(node)}`); return; }
    const units = p.units === undefined ? 1 : p.units;
    if (!(Number.isInteger(units) && (units as number) >= 0)) { err(`posts[${i}].units`, `expected an integer >= 0, got ${show(units)}`); return; }
    out.push({ id: String(p.id ?? i), node: node as number, units: units as number, type: typeof p.type === 'string' ? p.type : 'post', label: typeof p.label === 'string' ? p.label : undefined });
  });
  return out;
}

function parseCoverage(raw: unknown, nodeCount: number, err: At): CoverageData | undefined {
  if (!isObj(raw)) { err('$', 'expected an object'); return undefined; }
  const tiers: TierRow[] = [];
  if (!Array.isArray(raw.tiers)) err('tiers', 'expected an array');
  else raw.tiers.forEach((t, i) => {
    if (!isObj(t) || typeof t.targetS !== 'number' || !Number.isInteger(t.units) || typeof t.coveredShare !== 'number') { err(`tiers[${i}]`, `expected {targetS, units, coveredShare, ...}, got ${show(t)}`); return; }
    tiers.push({ targetS: t.targetS, units: t.units as number, coveredShare: t.coveredShare, coveredCount: Number(t.coveredCount ?? NaN), count: Number(t.count ?? NaN) });
  });
  const k = raw.k;
  if (!(Number.isInteger(k) && (k as number) >= 1)) { err('k', `expected an integer >= 1, got ${show(k)}`); return undefined; }
  const demand = isObj(raw.demand) ? raw.demand : (err('demand', 'expected an object {node, weight, cls}'), {} as Obj);
  const node = numArray(demand.node, 'demand.node', err, { int: true, min: 0, max: nodeCount - 1 });
  const weight = demand.weight === undefined ? node?.map(() => 1) : numArray(demand.weight, 'demand.weight', err, { min: 0 });
  if (!node || !weight) return undefined;
  if (weight.length !== node.length) err('demand.weight', `expected ${node.length} entries (as demand.node), got ${weight.length}`);
  if (!Array.isArray(raw.arrivalS)) { err('arrivalS', 'expected an array (one [t1..tk] per demand point)'); return undefined; }
  if (raw.arrivalS.length !== node.length) err('arrivalS', `expected ${node.length} entries (one per demand point), got ${raw.arrivalS.length}`);
  const kk = k as number;
  const arrivalS = new Float64Array(node.length * kk).fill(Infinity);
  let bad = 0;
  raw.arrivalS.forEach((row, i) => {
    if (i >= node.length) return;
    if (!Array.isArray(row) || row.length !== kk) { if (bad++ < 3) err(`arrivalS[${i}]`, `expected ${kk} times (null for unreachable), got ${show(row)}`); return; }
    row.forEach((t, j) => {
      if (t === null) return;
      if (typeof t !== 'number' || !(t >= 0)) { if (bad++ < 3) err(`arrivalS[${i}][${j}]`, `expected seconds >= 0 or null, got ${show(t)}`); return; }
      arrivalS[i * kk + j] = t;
    });
  });
  let nodeArrivalS: Float64Array | undefined;
  if (raw.nodeArrivalS !== undefined) {
    if (!Array.isArray(raw.nodeArrivalS) || raw.nodeArrivalS.length !== nodeCount) err('nodeArrivalS', `expected ${nodeCount} rows (one per network node), got ${show(Array.isArray(raw.nodeArrivalS) ? raw.nodeArrivalS.length : raw.nodeArrivalS)}`);
    else {
      const out = new Float64Array(nodeCount * kk).fill(Infinity);
      raw.nodeArrivalS.forEach((row, v) => {
        if (!Array.isArray(row) || row.length !== kk) { if (bad++ < 3) err(`nodeArrivalS[${v}]`, `expected ${kk} times (null beyond the largest target), got ${show(row)}`); return; }
        row.forEach((t, j) => { if (typeof t === 'number' && t >= 0) out[v * kk + j] = t; else if (t !== null && bad++ < 3) err(`nodeArrivalS[${v}][${j}]`, `expected seconds >= 0 or null, got ${show(t)}`); });
      });
      nodeArrivalS = out;
    }
  }
  return { tiers, k: kk, demandNode: Int32Array.from(node), demandWeight: Float64Array.from(weight), arrivalS, ...(nodeArrivalS ? { nodeArrivalS } : {}) };
}

function parseSites(raw: unknown, nodeCount: number, err: At): SiteData[] {
  const list = isObj(raw) ? raw.sites : undefined;
  if (!Array.isArray(list)) { err('sites', 'expected an array of sites'); return []; }
  const out: SiteData[] = [];
  list.forEach((s, i) => {
    if (!isObj(s) || !(Number.isInteger(s.node) && (s.node as number) >= 0 && (s.node as number) < nodeCount)) { err(`sites[${i}].node`, `expected a node index 0..${nodeCount - 1}, got ${show(isObj(s) ? s.node : s)}`); return; }
    const tiers = Array.isArray(s.tiers) ? s.tiers.filter(isObj).map((t) => ({ targetS: Number(t.targetS), units: Number(t.units) })) : [];
    if (!Array.isArray(s.tiers) || tiers.length !== s.tiers.length || !tiers.every((t) => t.targetS >= 0 && Number.isInteger(t.units) && t.units >= 1)) { err(`sites[${i}].tiers`, `expected [{targetS >= 0, units >= 1}], got ${show(s.tiers)}`); return; }
    const arrivalS = Array.isArray(s.arrivalS) ? s.arrivalS.map((t) => (typeof t === 'number' ? t : Infinity)) : [];
    out.push({
      name: String(s.name ?? `site ${i + 1}`), node: s.node as number, cls: typeof s.class === 'string' ? s.class : null, kind: typeof s.kind === 'string' ? s.kind : null,
      weight: Number(s.weight ?? 1), tiers, arrivalS,
      // Recomputed, not trusted: covered means arrival <= target.
      met: tiers.map((t) => (arrivalS[t.units - 1] ?? Infinity) <= t.targetS),
    });
  });
  return out;
}

function parseTrace(raw: unknown, err: At): TraceData | undefined {
  if (!isObj(raw)) { err('$', 'expected an object'); return undefined; }
  const horizonS = raw.horizonS;
  if (typeof horizonS !== 'number' || !(horizonS >= 0)) err('horizonS', `expected seconds >= 0, got ${show(horizonS)}`);
  const warmupS = raw.warmupS === undefined ? 0 : raw.warmupS;
  if (typeof warmupS !== 'number' || !(warmupS >= 0)) err('warmupS', `expected seconds >= 0, got ${show(warmupS)}`);
  if (!Array.isArray(raw.units)) { err('units', 'expected an array'); return undefined; }
  if (!Array.isArray(raw.waypoints)) { err('waypoints', 'expected an array (one list per unit)'); return undefined; }
  if (raw.waypoints.length !== raw.units.length) err('waypoints', `expected ${raw.units.length} lists (one per unit), got ${raw.waypoints.length}`);
  const classes: TraceClass[] = [];
  if (!Array.isArray(raw.classes)) err('classes', 'expected an array of {name, tiers}');
  else raw.classes.forEach((c, i) => {
    if (!isObj(c) || typeof c.name !== 'string' || !Array.isArray(c.tiers)) { err(`classes[${i}]`, `expected {name, priority, tiers: [{targetS, units}]}, got ${show(c)}`); return; }
    const tiers = c.tiers.filter((t, j): t is { targetS: number; units: number } => {
      const ok = isObj(t) && typeof t.targetS === 'number' && t.targetS >= 0 && Number.isInteger(t.units) && (t.units as number) >= 1;
      if (!ok) err(`classes[${i}].tiers[${j}]`, `expected {targetS >= 0, units >= 1}, got ${show(t)}`);
      return ok;
    }).map((t) => ({ targetS: t.targetS, units: t.units }));
    classes.push({ name: c.name, tiers });
  });
  const classIndex = new Map(classes.map((c, i) => [c.name, i]));
  const units = raw.units.map((u, i) => isObj(u) ? { id: String(u.id ?? i), type: String(u.type ?? 'car'), post: String(u.post ?? '') } : (err(`units[${i}]`, 'expected an object {id, type, post}'), { id: String(i), type: 'car', post: '' }));
  let bad = 0;
  const tracks = raw.waypoints.map((list, u) => {
    const tr = { tS: new Float64Array(0), x: new Float64Array(0), y: new Float64Array(0), state: new Uint8Array(0) };
    if (!Array.isArray(list)) { if (bad++ < 5) err(`waypoints[${u}]`, 'expected an array of [t, x, y, state]'); return tr; }
    const n = list.length;
    tr.tS = new Float64Array(n); tr.x = new Float64Array(n); tr.y = new Float64Array(n); tr.state = new Uint8Array(n);
    for (let i = 0; i < n; i++) {
      const w = list[i];
      if (!Array.isArray(w) || w.length < 4 || !w.slice(0, 4).every((v) => typeof v === 'number' && Number.isFinite(v))) {
        if (bad++ < 5) err(`waypoints[${u}][${i}]`, `expected [t, x, y, state] numbers, got ${show(w)}`); continue;
      }
      if (i > 0 && w[0] < tr.tS[i - 1]) { if (bad++ < 5) err(`waypoints[${u}][${i}][0]`, `time ${w[0]} s goes back from ${tr.tS[i - 1]} s`); }
      tr.tS[i] = w[0]; tr.x[i] = w[1]; tr.y[i] = w[2]; tr.state[i] = w[3];
    }
    return tr;
  });
  const incidents: TraceIncident[] = [];
  if (raw.incidents !== undefined && !Array.isArray(raw.incidents)) err('incidents', 'expected an array');
  else (raw.incidents as unknown[] | undefined ?? []).forEach((inc, i) => {
    if (!isObj(inc) || typeof inc.t !== 'number' || typeof inc.x !== 'number' || typeof inc.y !== 'number') { if (bad++ < 5) err(`incidents[${i}]`, `expected {t, x, y, cls, node, met, firstArrivalS}, got ${show(inc)}`); return; }
    const fa = inc.firstArrivalS;
    const c = typeof inc.cls === 'string' ? classIndex.get(inc.cls) : undefined;
    if (c === undefined) { if (bad++ < 5) err(`incidents[${i}].cls`, `expected a class name of classes (${[...classIndex.keys()].join(', ')}), got ${show(inc.cls)}`); return; }
    const met = Array.isArray(inc.met) && inc.met.every((m) => typeof m === 'boolean') ? inc.met as boolean[] : undefined;
    if (!met || met.length !== classes[c].tiers.length) { if (bad++ < 5) err(`incidents[${i}].met`, `expected ${classes[c].tiers.length} booleans (one per tier of class ${classes[c].name}), got ${show(inc.met)}`); return; }
    if (!(fa === null || (typeof fa === 'number' && fa >= 0))) { if (bad++ < 5) err(`incidents[${i}].firstArrivalS`, `expected seconds >= 0 or null, got ${show(fa)}`); return; }
    incidents.push({
      tS: inc.t, x: inc.x, y: inc.y, cls: inc.cls as string, node: Number(inc.node ?? -1),
      met: [...met],
      firstArrivalS: typeof fa === 'number' ? fa : Infinity,
    });
  });
  if (typeof horizonS !== 'number' || typeof warmupS !== 'number') return undefined;
  const untilS = typeof raw.untilS === 'number' && raw.untilS >= 0 ? Math.min(raw.untilS, horizonS) : horizonS;
  return { horizonS, warmupS, untilS, classes, units, tracks, incidents, moves: [] };
}

function parseSummary(raw: unknown, err: At): SummaryData | undefined {
  if (!isObj(raw)) { err('$', 'expected an object'); return undefined; }
  const classes: SummaryData['classes'] = [];
  if (raw.classes !== undefined && !Array.isArray(raw.classes)) err('classes', 'expected an array');
  else (raw.classes as unknown[] | undefined ?? []).forEach((c, i) => {
    if (!isObj(c) || !Array.isArray(c.tiers)) { err(`classes[${i}]`, 'expected {name, incidents, tiers: [...]}'); return; }
    const tiers: SummaryTier[] = [];
    c.tiers.forEach((t, j) => {
      // metShare is null for a class with no incident in the window (docs/run-directory.md): NaN here.
      if (!isObj(t) || typeof t.targetS !== 'number' || (typeof t.metShare !== 'number' && t.metShare !== null)) { err(`classes[${i}].tiers[${j}]`, `expected {targetS, units, metShare (a share or null)}, got ${show(t)}`); return; }
      const ci = Array.isArray(t.ci95) && t.ci95.length === 2 ? [Number(t.ci95[0]), Number(t.ci95[1])] as [number, number] : null;
      tiers.push({ targetS: t.targetS, units: Number(t.units ?? 1), metShare: t.metShare ?? NaN, ci95: ci });
    });
    classes.push({ name: String(c.name ?? i), incidents: Number(c.incidents ?? NaN), tiers });
  });
  const units = Array.isArray(raw.units) ? raw.units.filter(isObj).map((u) => ({ id: String(u.id), utilisation: Number(u.utilisation) })) : [];
  const seed = typeof raw.seed === 'number' || typeof raw.seed === 'string' ? raw.seed : undefined;
  return { seed, classes, units, raw };
}
