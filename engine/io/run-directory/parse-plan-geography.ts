/**
 * Readers of the run-directory files of a force that moves (docs/run-directory.md): the time-of-day
 * plan (`plan-blocks.json`), the moves of the replay (`trace.json` `moves`), jurisdictions
 * (`jurisdictions.json`) and a cordon (`cordon.json`). Part of parse-run.ts's one reader: pure, every
 * problem reported through `err` with its JSON path.
 */

type Obj = Record<string, unknown>;
type At = (path: string, msg: string) => void;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const show = (v: unknown) => { const s = JSON.stringify(v); return s === undefined ? String(v) : s.length > 40 ? `${s.slice(0, 40)}...` : s; };

/** One layout of the plan: the base layout (hours outside every block: startHour null) or a block. */
export interface PlanLayoutData {
  name: string;
  /** [startHour, endHour) of every day, past midnight when endHour < startHour; null for the base layout. */
  startHour: number | null;
  endHour: number | null;
  /** Node of every post (posts.json order) in this layout. */
  postNode: Int32Array;
  /** Post of every unit (trace.json `units` order). */
  unitPost: Int32Array;
  unitPatrol: (string | null)[];
}

export interface PlanData { source: string; units: string[]; planPosts: number[]; layouts: PlanLayoutData[] }

/** A move of the replay: unit index, start (s), kind, destination post and node. */
export interface TraceMove { unit: number; tS: number; kind: 'plan' | 'moveUp'; post: number; node: number }

export interface JurisdictionData {
  /** Post index owning each node, -1 where no unit arrives. */
  owner: Int32Array;
  /** Time from the owning post (s), Infinity where unassigned. */
  timeS: Float64Array;
  /** Per post (posts.json order): nodes owned, workload, farthest time. */
  posts: { post: string; nodes: number; weight: number; maxTimeS: number; beyondTarget: number }[];
  balance: { cv: number; maxOverMean: number };
}

export interface JurisdictionsData { targetS: number; nearest: JurisdictionData; balanced: JurisdictionData | null }

export interface CordonPoint { node: number; post: number; arrivalS: number; suspectS: number | null; route: Int32Array }

export interface CordonData {
  kind: 'blockade' | 'ring' | 'contain';
  feasible: boolean;
  latestS: number | null;
  exits: Int32Array;
  closed: CordonPoint[];
  open: Int32Array;
  region: Int32Array;
  centre: number | null;
  details: Record<string, unknown>;
}

function indexList(v: unknown, path: string, n: number, err: At, what: string): Int32Array | undefined {
  if (!Array.isArray(v)) { err(path, `expected an array of ${what} indices, got ${show(v)}`); return undefined; }
  const bad = v.findIndex((x) => !(Number.isInteger(x) && (x as number) >= 0 && (x as number) < n));
  if (bad >= 0) { err(`${path}[${bad}]`, `expected a ${what} index 0..${n - 1}, got ${show(v[bad])}`); return undefined; }
  return Int32Array.from(v as number[]);
}

const hourOrNull = (v: unknown) => v === null || (typeof v === 'number' && v >= 0 && v <= 24);

export function parsePlanBlocks(raw: unknown, nodeCount: number, postCount: number, err: At): PlanData | undefined {
  if (!isObj(raw)) { err('$', 'expected an object {source, units, planPosts, layouts}'); return undefined; }
  const units = Array.isArray(raw.units) ? raw.units.map(String) : (err('units', 'expected an array of unit ids'), []);
  const planPosts = indexList(raw.planPosts ?? [], 'planPosts', postCount, err, 'post');
  if (!Array.isArray(raw.layouts) || raw.layouts.length === 0) { err('layouts', 'expected an array: the base layout, then each block'); return undefined; }
  const layouts: PlanLayoutData[] = [];
  raw.layouts.forEach((l, i) => {
    const at = `layouts[${i}]`;
    if (!isObj(l) || typeof l.name !== 'string') { err(at, `expected {name, startHour, endHour, postNode, unitPost, unitPatrol}, got ${show(l)}`); return; }
    if (!hourOrNull(l.startHour) || !hourOrNull(l.endHour) || (l.startHour === null) !== (l.endHour === null)) { err(`${at}.startHour`, `expected hours 0..24 (both null for the base layout), got ${show([l.startHour, l.endHour])}`); return; }
    const postNode = indexList(l.postNode, `${at}.postNode`, nodeCount, err, 'node');
    const unitPost = indexList(l.unitPost, `${at}.unitPost`, postCount, err, 'post');
    if (postNode && postNode.length !== postCount) err(`${at}.postNode`, `expected ${postCount} nodes (one per post of posts.json), got ${postNode.length}`);
    if (unitPost && unitPost.length !== units.length) err(`${at}.unitPost`, `expected ${units.length} posts (one per unit), got ${unitPost.length}`);
    const patrol = Array.isArray(l.unitPatrol) ? l.unitPatrol.map((p) => (typeof p === 'string' ? p : null)) : units.map(() => null);
    if (!postNode || !unitPost) return;
    layouts.push({ name: l.name, startHour: l.startHour as number | null, endHour: l.endHour as number | null, postNode, unitPost, unitPatrol: patrol });
  });
  if (layouts[0] && layouts[0].startHour !== null) err('layouts[0]', 'expected the base layout first (startHour and endHour null)');
  if (!planPosts) return undefined;
  return { source: String(raw.source ?? ''), units, planPosts: [...planPosts], layouts };
}

export function parseTraceMoves(raw: unknown, unitCount: number, nodeCount: number, err: At): TraceMove[] {
  if (raw === undefined) return [];
  if (!Array.isArray(raw)) { err('moves', 'expected an array of {unit, t, kind, post, node}'); return []; }
  const out: TraceMove[] = [];
  let bad = 0;
  raw.forEach((m, i) => {
    const ok = isObj(m) && Number.isInteger(m.unit) && (m.unit as number) >= 0 && (m.unit as number) < unitCount && typeof m.t === 'number' && m.t >= 0
      && (m.kind === 'plan' || m.kind === 'moveUp') && Number.isInteger(m.post) && (m.post as number) >= 0
      && Number.isInteger(m.node) && (m.node as number) >= 0 && (m.node as number) < nodeCount;
    if (!ok) { if (bad++ < 3) err(`moves[${i}]`, `expected {unit 0..${unitCount - 1}, t >= 0, kind "plan" or "moveUp", post, node 0..${nodeCount - 1}}, got ${show(m)}`); return; }
    if (out.length && (m.t as number) < out[out.length - 1].tS) { if (bad++ < 3) err(`moves[${i}].t`, `time ${m.t} s goes back from ${out[out.length - 1].tS} s (moves are in time order)`); return; }
    out.push({ unit: m.unit as number, tS: m.t as number, kind: m.kind as TraceMove['kind'], post: m.post as number, node: m.node as number });
  });
  return out;
}

function parseAssignment(raw: unknown, path: string, nodeCount: number, postCount: number, err: At): JurisdictionData | undefined {
  if (!isObj(raw)) { err(path, `expected {posts, balance, owner, timeS}, got ${show(raw)}`); return undefined; }
  const owner = raw.owner, timeS = raw.timeS;
  if (!Array.isArray(owner) || owner.length !== nodeCount) { err(`${path}.owner`, `expected ${nodeCount} post indices (one per node, -1 unassigned), got ${show(Array.isArray(owner) ? owner.length : owner)}`); return undefined; }
  const badOwner = owner.findIndex((o) => !(Number.isInteger(o) && (o as number) >= -1 && (o as number) < postCount));
  if (badOwner >= 0) { err(`${path}.owner[${badOwner}]`, `expected a post index -1..${postCount - 1}, got ${show(owner[badOwner])}`); return undefined; }
  if (!Array.isArray(timeS) || timeS.length !== nodeCount) { err(`${path}.timeS`, `expected ${nodeCount} times (null where unassigned)`); return undefined; }
  const posts = Array.isArray(raw.posts) ? raw.posts.filter(isObj).map((p) => ({ post: String(p.post), nodes: Number(p.nodes), weight: Number(p.weight), maxTimeS: Number(p.maxTimeS), beyondTarget: Number(p.beyondTarget) })) : [];
  const b = isObj(raw.balance) ? raw.balance : {};
  return {
    owner: Int32Array.from(owner as number[]), timeS: Float64Array.from(timeS, (t) => (typeof t === 'number' ? t : Infinity)),
    posts, balance: { cv: Number(b.cv), maxOverMean: Number(b.maxOverMean) },
  };
}

export function parseJurisdictions(raw: unknown, nodeCount: number, postCount: number, err: At): JurisdictionsData | undefined {
  if (!isObj(raw)) { err('$', 'expected an object {targetS, nearest, balanced}'); return undefined; }
  if (typeof raw.targetS !== 'number' || !(raw.targetS >= 0)) err('targetS', `expected seconds >= 0, got ${show(raw.targetS)}`);
  const nearest = parseAssignment(raw.nearest, 'nearest', nodeCount, postCount, err);
  const balanced = raw.balanced === null || raw.balanced === undefined ? null : parseAssignment(raw.balanced, 'balanced', nodeCount, postCount, err) ?? null;
  if (!nearest || typeof raw.targetS !== 'number') return undefined;
  return { targetS: raw.targetS, nearest, balanced };
}

export function parseCordon(raw: unknown, nodeCount: number, postCount: number, err: At): CordonData | undefined {
  if (!isObj(raw)) { err('$', 'expected an object {kind, feasible, exits, closed, open, region, centre}'); return undefined; }
  const kind = raw.kind;
  if (kind !== 'blockade' && kind !== 'ring' && kind !== 'contain') { err('kind', `expected "blockade", "ring" or "contain", got ${show(kind)}`); return undefined; }
  const exits = indexList(raw.exits, 'exits', nodeCount, err, 'node');
  const open = indexList(raw.open ?? [], 'open', nodeCount, err, 'node');
  const region = indexList(raw.region ?? [], 'region', nodeCount, err, 'node');
  const centre = raw.centre === null || raw.centre === undefined ? null : Number.isInteger(raw.centre) && (raw.centre as number) >= 0 && (raw.centre as number) < nodeCount ? (raw.centre as number) : (err('centre', `expected a node index 0..${nodeCount - 1} or null, got ${show(raw.centre)}`), null);
  const closed: CordonPoint[] = [];
  if (!Array.isArray(raw.closed)) err('closed', 'expected an array of {node, post, arrivalS, route}');
  else raw.closed.forEach((c, i) => {
    const at = `closed[${i}]`;
    if (!isObj(c) || !Number.isInteger(c.node) || (c.node as number) < 0 || (c.node as number) >= nodeCount) { err(`${at}.node`, `expected a node index 0..${nodeCount - 1}, got ${show(isObj(c) ? c.node : c)}`); return; }
    if (!Number.isInteger(c.post) || (c.post as number) < 0 || (c.post as number) >= postCount) { err(`${at}.post`, `expected a post index 0..${postCount - 1}, got ${show(c.post)}`); return; }
    if (typeof c.arrivalS !== 'number' || !(c.arrivalS >= 0)) { err(`${at}.arrivalS`, `expected seconds >= 0, got ${show(c.arrivalS)}`); return; }
    const route = indexList(c.route ?? [], `${at}.route`, nodeCount, err, 'node');
    if (!route) return;
    closed.push({ node: c.node as number, post: c.post as number, arrivalS: c.arrivalS, suspectS: typeof c.suspectS === 'number' ? c.suspectS : null, route });
  });
  if (!exits || !open || !region) return undefined;
  return {
    kind, feasible: raw.feasible === true, latestS: typeof raw.latestS === 'number' ? raw.latestS : null,
    exits, closed, open, region, centre, details: isObj(raw.details) ? raw.details : {},
  };
}
