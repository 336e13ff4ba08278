import { isAbsolute, join } from 'node:path';
import { InputError } from '../io/input-error.ts';
import { parseJsonText } from '../io/json-text.ts';
import type { DeploymentPlan, Patrol, Placement, PlanBlock, Post, UnitSpec } from './scenario.ts';
import type { NodeRef, PatrolFile, PlanFile, PostFile } from './scenario-file.ts';
import { dayIntervalsOverlap } from './shift-calendar.ts';
import { validatePlanSchema } from './validate-scenario-schema.ts';

/** What plan resolution needs from the scenario being resolved (resolve-scenario.ts hands it over). */
export interface PlanContext {
  /** The scenario file name and folder (a plan path is relative to it). */
  readonly fileName: string;
  readonly baseDir: string;
  readonly posts: readonly Post[];
  readonly units: readonly UnitSpec[];
  readonly routes: { readonly index: ReadonlyMap<string, number>; readonly lists: readonly { name: string; nodes: readonly number[] }[] };
  readonly beats: { readonly index: ReadonlyMap<string, number>; readonly lists: readonly { name: string; nodes: readonly number[] }[] };
  readonly nodeIds: readonly string[];
  /** Resolve a node id (problems reported through `report` with the JSON path). */
  node(ref: NodeRef, path: string, report: (path: string, msg: string) => void): number;
  /** Snap x/y to the network (the scenario's one snapping rule). */
  snap(x: number, y: number, path: string, report: (path: string, msg: string) => void): number;
  /** Read a referenced file (hashed with the scenario); throws InputError. */
  readText(path: string, what: string): string;
  /** Record one problem line (already prefixed with its file). */
  problem(line: string): void;
}

/**
 * Resolve a scenario's `plan` (inline, or a plan file path relative to the scenario file) into posts
 * and blocks by index. Problems are reported with the file holding them and the JSON path:
 * `scenario.json: /plan/blocks/1/...` for an inline plan, `plan.json: /blocks/1/...` for a file.
 * Returns null when there is no plan, or when the plan has problems (they are reported).
 */
export function resolvePlan(plan: PlanFile | string | undefined, ctx: PlanContext): DeploymentPlan | null {
  if (plan === undefined) return null;
  let where = ctx.fileName;
  let root = '/plan';
  let data: unknown = plan;
  if (typeof plan === 'string') {
    const abs = isAbsolute(plan) ? plan : join(ctx.baseDir, plan);
    try {
      data = parseJsonText(ctx.readText(abs, 'plan file'), abs);
    } catch (err) {
      if (!(err instanceof InputError)) throw err;
      ctx.problem(`${ctx.fileName}: /plan: ${err.message}`);
      return null;
    }
    where = abs;
    root = '';
    const schema = validatePlanSchema(data);
    if (schema.length) { for (const p of schema) ctx.problem(`${where}: ${p}`); return null; }
  }
  const before = { count: 0 };
  const bad = (path: string, msg: string) => { before.count++; ctx.problem(`${where}: ${root}${path}: ${msg}`); };
  const file = data as PlanFile;

  // Posts of the plan, after the scenario's.
  const postIndex = new Map(ctx.posts.map((p, i) => [p.id, i]));
  const posts: Post[] = [];
  (file.posts ?? []).forEach((p: PostFile, i) => {
    const path = `/posts/${i}`;
    if (postIndex.has(p.id)) {
      const k = postIndex.get(p.id)!;
      bad(`${path}/id`, k < ctx.posts.length ? `post id "${p.id}" is already a post of the scenario (/posts/${k})` : `post id "${p.id}" is used twice (also at /posts/${k - ctx.posts.length})`);
      return;
    }
    const v = placeNode(p, path);
    postIndex.set(p.id, ctx.posts.length + posts.length);
    posts.push({ id: p.id, node: v, type: p.type ?? 'staging', ...(p.label !== undefined ? { label: p.label } : {}) });
  });
  function placeNode(p: { node?: NodeRef; x?: number; y?: number }, path: string): number {
    const hasXy = p.x !== undefined || p.y !== undefined;
    if (p.node !== undefined && hasXy) { bad(path, 'expected either node or x/y, got both'); return -1; }
    if (p.node !== undefined) return ctx.node(p.node, `${path}/node`, rebase);
    if (p.x !== undefined && p.y !== undefined) return ctx.snap(p.x, p.y, path, rebase);
    bad(path, 'expected a node id, or both x and y (lon/lat for geographic networks)');
    return -1;
  }
  function rebase(path: string, msg: string) { bad(path, msg); }

  const allPosts = [...ctx.posts, ...posts];
  const baseNode = Int32Array.from(allPosts, (p) => p.node);
  const unitIndex = new Map(ctx.units.map((u, i) => [u.id, i]));
  const blocks: PlanBlock[] = [];
  file.blocks.forEach((b, k) => {
    const path = `/blocks/${k}`;
    if (b.startHour === b.endHour) bad(`${path}/endHour`, `expected an hour other than startHour (${b.startHour}); a whole-day block is 0 to 24`);
    for (let j = 0; j < k; j++) {
      const other = file.blocks[j];
      if (other.startHour !== other.endHour && b.startHour !== b.endHour && dayIntervalsOverlap(other, b)) {
        bad(path, `block "${b.name}" (${b.startHour}-${b.endHour}) overlaps block "${other.name}" (${other.startHour}-${other.endHour}) at ${root}/blocks/${j}`);
      }
    }
    const postNode = Int32Array.from(baseNode);
    for (const [id, ref] of Object.entries(b.postNodes ?? {})) {
      const p = postIndex.get(id);
      const at = `${path}/postNodes/${id}`;
      if (p === undefined) { bad(at, `expected a post id of the scenario's /posts or the plan's posts, got "${id}"`); continue; }
      const v = typeof ref === 'object' ? ctx.snap(ref.x, ref.y, at, rebase) : ctx.node(ref, at, rebase);
      if (v >= 0) postNode[p] = v;
    }
    const placement: Placement[] = ctx.units.map((u) => ({ post: u.post, patrol: u.patrol }));
    const listed = new Uint8Array(ctx.units.length);
    const placementPath: string[] = ctx.units.map(() => '');
    (b.assign ?? []).forEach((a, j) => {
      const at = `${path}/assign/${j}`;
      const u = unitIndex.get(a.unit);
      const p = postIndex.get(a.post);
      if (u === undefined) bad(`${at}/unit`, `expected a unit id (resolved ids: a "count: n" entry "car" gives "car-1".."car-n"), got "${a.unit}"`);
      if (p === undefined) bad(`${at}/post`, `expected a post id of the scenario's /posts or the plan's posts, got "${a.post}"`);
      if (u === undefined || p === undefined) return;
      if (listed[u]) { bad(`${at}/unit`, `unit "${a.unit}" is assigned twice in block "${b.name}"`); return; }
      const patrol = a.patrol === undefined ? (p === ctx.units[u].post ? ctx.units[u].patrol : { kind: 'none' as const }) : resolvePatrol(a.patrol, `${at}/patrol`);
      listed[u] = 1;
      placement[u] = { post: p, patrol };
      placementPath[u] = a.patrol === undefined ? `${at}/post` : `${at}/patrol`;
    });
    placement.forEach((pl, u) => {
      if (pl.patrol.kind !== 'beat' || postNode[pl.post] < 0) return;
      if (!pl.patrol.nodes.includes(postNode[pl.post])) {
        bad(placementPath[u] || `${path}/postNodes/${allPosts[pl.post].id}`, `unit ${ctx.units[u].id}: beat "${pl.patrol.name}" must contain the node of post ${allPosts[pl.post].id} in block "${b.name}" ("${ctx.nodeIds[postNode[pl.post]]}")`);
      }
    });
    blocks.push({ name: b.name, startHour: b.startHour, endHour: b.endHour, postNode, placement, listed });
  });
  function resolvePatrol(p: PatrolFile, path: string): Patrol {
    if (p.kind === 'route') {
      const r = ctx.routes.index.get(p.route);
      if (r === undefined) { bad(`${path}/route`, `expected a route name of /routes, got "${p.route}"`); return { kind: 'none' }; }
      return { kind: 'route', name: p.route, nodes: ctx.routes.lists[r].nodes };
    }
    if (p.kind === 'beat') {
      const r = ctx.beats.index.get(p.beat);
      if (r === undefined) { bad(`${path}/beat`, `expected a beat name of /beats, got "${p.beat}"`); return { kind: 'none' }; }
      return { kind: 'beat', name: p.beat, nodes: ctx.beats.lists[r].nodes };
    }
    return { kind: 'none' };
  }
  if (before.count > 0) return null;
  return { posts, blocks, source: typeof plan === 'string' ? plan : 'inline' };
}
