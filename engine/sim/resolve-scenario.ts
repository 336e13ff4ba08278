import { isAbsolute, join } from 'node:path';
import type { RoadGraph } from '../graph/road-graph.ts';
import { createPointPlacer, DEFAULT_MAX_SNAP_M, type PointPlacer } from '../graph/snap.ts';
import { findColumn, parseCsv, COLUMN_CANDIDATES } from '../io/csv.ts';
import { canonicalJson, sha256Hex } from '../io/hash.ts';
import { InputError, throwProblems } from '../io/input-error.ts';
import { parseDecimal } from '../io/number-text.ts';
import { coordsOfColumns } from '../io/points-csv.ts';
import { describeRowUse } from '../io/skipped-rows.ts';
import type { DurationSpec } from './distributions.ts';
import { replayIncidents } from './replay-incidents.ts';
import { resolvePlan } from './resolve-plan.ts';
import { resolveRelocation } from './resolve-relocation.ts';
import {
  BUILTIN_UNIT_TYPES, type Demand, type DispatchPolicy, type IncidentClass, type Patrol, type Post, type Scenario,
  type UnitSpec, type UnitType,
} from './scenario.ts';
import type { DurationFile, NodeRef, ScenarioFile } from './scenario-file.ts';
import { hotspotWeights, learnedWeights, uniformWeights } from './spatial-weights.ts';
import { scenarioSense } from './scenario-sense.ts';
import { validateScenarioSchema } from './validate-scenario-schema.ts';

export interface ResolveContext {
  /** The network the scenario's `network` field refers to, already loaded. */
  graph: RoadGraph;
  /** Name shown in messages (the scenario file path). */
  fileName: string;
  /** Folder that relative paths in the scenario are resolved against. */
  baseDir: string;
  /** Read a referenced text file (absolute path); throw InputError when missing. */
  readText(path: string, what: string): string;
  /** Extra content folded into the scenario hash (e.g. the network files' bytes hashed). */
  hashParts?: readonly string[];
}

/**
 * Validate a parsed scenario file (schema, then meaning) and resolve it against a loaded network.
 * Every problem is collected and thrown together as one InputError: `<file>: /json/path: expected ...`.
 * Pure apart from `ctx.readText`.
 */
export function resolveScenario(file: ScenarioFile, ctx: ResolveContext): Scenario {
  const schemaProblems = validateScenarioSchema(file);
  throwProblems(schemaProblems.map((p) => `${ctx.fileName}: ${p}`), `${ctx.fileName}: the scenario does not match scenarios/scenario.schema.json:`);
  const g = ctx.graph;
  // Where points land: engine/graph/snap.ts (incidents, snapped posts and hotspots live in the largest
  // strongly connected part: a unit sent into a one-way stub could never drive back out).
  const maxSnapM = file.maxSnapM ?? DEFAULT_MAX_SNAP_M;
  const placer = createPointPlacer(g, { maxSnapM });
  const placerFor = (m: number | undefined): PointPlacer => (m === undefined || m === maxSnapM ? placer : createPointPlacer(g, { maxSnapM: m }));
  const inLargest = placer.inLargestComponent;
  const problems: string[] = [];
  const bad = (path: string, msg: string) => problems.push(`${ctx.fileName}: ${path}: ${msg}`);
  const hashed: string[] = [];
  const read = (rel: string, what: string) => {
    const abs = isAbsolute(rel) ? rel : join(ctx.baseDir, rel);
    const text = ctx.readText(abs, what);
    hashed.push(`${rel}\n${sha256Hex(text)}`);
    return { text, abs };
  };
  const node = (ref: NodeRef, path: string, report: (path: string, msg: string) => void = bad): number => {
    const v = g.indexOf(String(ref));
    if (v < 0) { report(path, `expected a node id of the network, got ${JSON.stringify(ref)}`); return -1; }
    if (g.isZone[v]) { report(path, `node ${JSON.stringify(ref)} is a zone centroid; posts, routes and incidents need a road node`); return -1; }
    return v;
  };
  const unique = <T extends { name?: string; id?: string }>(items: readonly T[] | undefined, path: string, key: 'name' | 'id') => {
    const index = new Map<string, number>();
    (items ?? []).forEach((it, i) => {
      const k = it[key] as string;
      if (index.has(k)) bad(`${path}/${i}/${key}`, `"${k}" is used twice (also at ${path}/${index.get(k)})`);
      else index.set(k, i);
    });
    return index;
  };
  const snap = (x: number, y: number, path: string, report: (path: string, msg: string) => void = bad): number => {
    const refusal = placer.refusal('network');
    if (refusal) { report(path, refusal); return -1; }
    const hit = placer.snap(x, y, 'network');
    if (!hit.withinLimit) { report(path, `(${x}, ${y}) is ${placer.describeFar(hit)} (maxSnapM)`); return -1; }
    return hit.node;
  };

  const warmupS = file.warmupS ?? 0;
  if (warmupS >= file.horizonS) bad('/warmupS', `expected less than horizonS (${file.horizonS}), got ${warmupS}`);

  const notes: string[] = [];
  const warnings: string[] = [];

  // Classes.
  const classIndex = unique(file.classes, '/classes', 'name');
  const classes: IncidentClass[] = file.classes.map((c, i) => {
    const maxTier = Math.max(...c.tiers.map((t) => t.units));
    const unitsToSend = c.unitsToSend ?? maxTier;
    if (unitsToSend < maxTier) bad(`/classes/${i}/unitsToSend`, `expected at least ${maxTier} (the largest tier's units), got ${unitsToSend}`);
    const cordon = c.cordon ? { radiusS: c.cordon.radiusS, withinS: c.cordon.withinS, holdS: c.cordon.holdS ?? null } : null;
    if (cordon && cordon.holdS !== null && cordon.holdS < cordon.withinS) {
      warnings.push(`/classes/${i}/cordon/holdS: ${cordon.holdS} s is below withinS (${cordon.withinS} s): cordon units may be released before the last exit is closed`);
    }
    return { name: c.name, priority: c.priority ?? 1, tiers: c.tiers.map((t) => ({ targetS: t.targetS, units: t.units })), unitsToSend, onScene: duration(c.onScene, `/classes/${i}/onScene`), cordon };
  });
  function duration(d: DurationFile, path: string): DurationSpec {
    if (d.kind !== 'empirical') return d;
    let text: string, abs: string;
    try { ({ text, abs } = read(d.file, 'on-scene CSV')); } catch (err) { if (err instanceof InputError) { bad(`${path}/file`, err.message); return { kind: 'fixed', valueS: 0 }; } throw err; }
    const table = parseCsv(text, abs);
    const ci = findColumn(table.header, [d.column]);
    if (ci < 0) { bad(`${path}/column`, `expected a column of ${abs}, got "${d.column}" (header: ${table.header.join(',')})`); return { kind: 'fixed', valueS: 0 }; }
    const values: number[] = [];
    let skipped = 0;
    for (const r of table.rows) {
      const v = parseDecimal(r.values[ci]);
      if (!Number.isFinite(v) || v < 0) skipped++; else values.push(v * (d.scaleS ?? 1));
    }
    if (values.length === 0) bad(`${path}/column`, `column "${d.column}" of ${abs} has no number >= 0`);
    if (skipped) notes.push(`${abs}: ${skipped} of ${table.rows.length} rows of column "${d.column}" skipped (empty, non-numeric or negative)`);
    return { kind: 'empirical', valuesS: values };
  }

  // Unit types (built-ins, replaced by name).
  unique(file.unitTypes, '/unitTypes', 'name');
  const unitTypes: UnitType[] = BUILTIN_UNIT_TYPES.map((t) => ({ ...t }));
  for (const t of file.unitTypes ?? []) {
    const u: UnitType = {
      name: t.name, responseSpeedFactor: t.responseSpeedFactor ?? 1, maxResponseSpeedKph: t.maxResponseSpeedKph ?? Infinity,
      patrolSpeedKph: t.patrolSpeedKph ?? NaN, patrolSpeedFactor: t.patrolSpeedFactor ?? 0.5,
    };
    const k = unitTypes.findIndex((b) => b.name === t.name);
    if (k >= 0) unitTypes[k] = u; else unitTypes.push(u);
  }
  const typeIndex = new Map(unitTypes.map((t, i) => [t.name, i]));

  // Shifts, posts, routes, beats, zones.
  const shiftIndex = unique(file.shifts, '/shifts', 'name');
  const shifts = (file.shifts ?? []).map((s) => ({ name: s.name, startHour: s.startHour, endHour: s.endHour }));
  const postIndex = unique(file.posts, '/posts', 'id');
  const posts: Post[] = file.posts.map((p, i) => {
    let v = -1;
    const hasXy = p.x !== undefined || p.y !== undefined;
    if (p.node !== undefined && hasXy) bad(`/posts/${i}`, 'expected either node or x/y, got both');
    else if (p.node !== undefined) {
      v = node(p.node, `/posts/${i}/node`);
      if (v >= 0 && !inLargest(v)) notes.push(`/posts/${i}: post ${p.id} sits outside the largest strongly connected part of the network; its units cannot reach all of it`);
    }
    else if (p.x !== undefined && p.y !== undefined) v = snap(p.x, p.y, `/posts/${i}`);
    else bad(`/posts/${i}`, 'expected a node id, or both x and y (lon/lat for geographic networks)');
    return { id: p.id, node: v, type: p.type ?? 'post', ...(p.label !== undefined ? { label: p.label } : {}) };
  });
  const nodeLists = (key: 'routes' | 'beats' | 'zones') => {
    const index = unique(file[key], `/${key}`, 'name');
    const lists = (file[key] ?? []).map((r, i) => ({ name: r.name, nodes: r.nodes.map((n, j) => node(n, `/${key}/${i}/nodes/${j}`)) }));
    return { index, lists };
  };
  const routes = nodeLists('routes');
  const beats = nodeLists('beats');
  const zones = nodeLists('zones');

  // Units.
  const units: UnitSpec[] = [];
  const unitIds = new Map<string, string>();
  file.units.forEach((u, i) => {
    const path = `/units/${i}`;
    const type = typeIndex.get(u.type) ?? -1;
    if (type < 0) bad(`${path}/type`, `expected a unit type (${[...typeIndex.keys()].join(', ')}), got "${u.type}"`);
    const post = postIndex.get(u.post) ?? -1;
    if (post < 0) bad(`${path}/post`, `expected a post id of /posts, got "${u.post}"`);
    const shift = u.shift === undefined ? -1 : (shiftIndex.get(u.shift) ?? -2);
    if (shift === -2) bad(`${path}/shift`, `expected a shift name of /shifts, got "${u.shift}"`);
    let patrol: Patrol = { kind: 'none' };
    if (u.patrol?.kind === 'route') {
      const r = routes.index.get(u.patrol.route);
      if (r === undefined) bad(`${path}/patrol/route`, `expected a route name of /routes, got "${u.patrol.route}"`);
      else patrol = { kind: 'route', name: u.patrol.route, nodes: routes.lists[r].nodes };
    } else if (u.patrol?.kind === 'beat') {
      const b = beats.index.get(u.patrol.beat);
      if (b === undefined) bad(`${path}/patrol/beat`, `expected a beat name of /beats, got "${u.patrol.beat}"`);
      else {
        patrol = { kind: 'beat', name: u.patrol.beat, nodes: beats.lists[b].nodes };
        if (post >= 0 && posts[post].node >= 0 && !beats.lists[b].nodes.includes(posts[post].node)) {
          bad(`${path}/patrol/beat`, `beat "${u.patrol.beat}" must contain the unit's post node "${g.nodeIds[posts[post].node]}"`);
        }
      }
    }
    const count = u.count ?? 1;
    for (let k = 1; k <= count; k++) {
      const id = u.count === undefined ? u.id : `${u.id}-${k}`;
      if (unitIds.has(id)) bad(`${path}/id`, `unit id "${id}" is used twice (also at ${unitIds.get(id)})`);
      unitIds.set(id, path);
      units.push({ id, type: Math.max(0, type), post: Math.max(0, post), shift: Math.max(-1, shift), patrol });
    }
  });
  const unitIndex = new Map(units.map((u, i) => [u.id, i]));

  // Demand.
  let demand: Demand;
  const d = file.demand;
  if (d.kind === 'poisson') {
    const hourly = normalise(d.hourlyProfile ?? new Array(24).fill(1), '/demand/hourlyProfile');
    const weekly = normalise(d.weeklyProfile ?? new Array(7).fill(1), '/demand/weeklyProfile');
    const base = (d.incidentsPerDay / 24) * (d.multiplier ?? 1);
    const ratePerHour = new Float64Array(168);
    for (let h = 0; h < 168; h++) ratePerHour[h] = base * hourly[h % 24] * weekly[Math.floor(h / 24)];
    const classMix = new Float64Array(classes.length);
    let sum = 0;
    for (const [name, share] of Object.entries(d.classMix)) {
      const c = classIndex.get(name);
      if (c === undefined) bad(`/demand/classMix/${name}`, `expected a class name of /classes (${[...classIndex.keys()].join(', ')}), got "${name}"`);
      else { classMix[c] = share; sum += share; }
    }
    if (Math.abs(sum - 1) > 1e-6) bad('/demand/classMix', `expected shares summing to 1, got ${sum}`);
    let nodeWeight = uniformWeights(g);
    const sp = d.spatial ?? { kind: 'uniform' as const };
    if (sp.kind === 'nodes') {
      nodeWeight = new Float64Array(g.nodeCount);
      for (const [id, w] of Object.entries(sp.weights)) {
        const v = node(id, `/demand/spatial/weights/${id}`);
        if (v >= 0) nodeWeight[v] = w;
      }
    } else if (sp.kind === 'hotspots') {
      const points = sp.points.map((p, i) => {
        const path = `/demand/spatial/points/${i}`;
        if (p.node !== undefined) { const v = node(p.node, `${path}/node`); return { x: v >= 0 ? g.x[v] : NaN, y: v >= 0 ? g.y[v] : NaN, radiusM: p.radiusM, weight: p.weight }; }
        if (p.x === undefined || p.y === undefined) bad(path, 'expected a node id, or both x and y');
        else if (!placer.refusal('network')) {
          // A centre far beyond its radius from every road adds (almost) nothing: say so.
          const hit = placer.snap(p.x, p.y, 'network');
          if (hit.distanceM > 3 * p.radiusM) warnings.push(`${path}: the hotspot at (${p.x}, ${p.y}) is ${Math.round(hit.distanceM)} m from the nearest road node, more than 3 radii (${p.radiusM} m): it adds almost no demand`);
        }
        return { x: p.x ?? NaN, y: p.y ?? NaN, radiusM: p.radiusM, weight: p.weight };
      });
      if (g.coordKind === 'none') bad('/demand/spatial', 'hotspots need a network with node coordinates');
      else nodeWeight = hotspotWeights(g, points, sp.baseline ?? 0);
    } else if (sp.kind === 'csv') {
      try {
        const { text, abs } = read(sp.file, 'historical incident CSV');
        const table = parseCsv(text, abs);
        const xi = findColumn(table.header, sp.xColumn ? [sp.xColumn] : COLUMN_CANDIDATES.lon);
        const yi = findColumn(table.header, sp.yColumn ? [sp.yColumn] : COLUMN_CANDIDATES.lat);
        const coords = xi >= 0 && yi >= 0 ? coordsOfColumns(table.header[xi], table.header[yi]) : 'network';
        const spPlacer = placerFor(sp.maxSnapM);
        if (xi < 0 || yi < 0) bad('/demand/spatial', `${abs}: expected longitude/x and latitude/y columns, got header ${table.header.join(',')}`);
        else if (spPlacer.refusal(coords)) bad('/demand/spatial', `${abs}: columns ${table.header[xi]}/${table.header[yi]}: ${spPlacer.refusal(coords)}`);
        else {
          const xs: number[] = [], ys: number[] = [];
          let unusable = 0;
          for (const r of table.rows) {
            const x = parseDecimal(r.values[xi]), y = parseDecimal(r.values[yi]);
            if (!Number.isFinite(x) || !Number.isFinite(y)) unusable++;
            else { xs.push(x); ys.push(y); }
          }
          const learned = learnedWeights(spPlacer, xs, ys, coords);
          nodeWeight = learned.weights;
          const skipped = [
            ...(unusable ? [{ reason: 'without coordinates', rows: unusable }] : []),
            ...(learned.tooFar ? [{ reason: `farther than ${spPlacer.maxSnapM} m from the network`, rows: learned.tooFar }] : []),
          ];
          const use = describeRowUse(abs, table.rows.length, skipped);
          if (learned.used === 0) bad('/demand/spatial/file', `no row placed on the network (${use})`);
          else notes.push(`${use} (spatial weights)`);
        }
      } catch (err) { if (err instanceof InputError) bad('/demand/spatial/file', err.message); else throw err; }
    }
    let wsum = 0, outside = 0;
    for (let v = 0; v < g.nodeCount; v++) {
      if (!g.isZone[v] && inLargest(v)) wsum += nodeWeight[v];
      else { if (!g.isZone[v]) outside += nodeWeight[v]; nodeWeight[v] = 0; }
    }
    if (outside > 0) notes.push(`demand: ${(100 * outside / (outside + wsum)).toFixed(1)}% of the spatial weight sat outside the largest strongly connected part of the network and was dropped (units could not reach or leave it)`);
    if (!(wsum > 0)) bad('/demand/spatial', 'expected some node with a positive weight, got all zero');
    demand = { kind: 'poisson', ratePerHour, nodeWeight, classMix };
  } else {
    let incidents;
    try {
      const { text, abs } = read(d.file, 'incident CSV');
      if (d.classMap) for (const [k, v] of Object.entries(d.classMap)) if (!classIndex.has(v)) bad(`/demand/classMap/${k}`, `expected a class name of /classes, got "${v}"`);
      if (d.defaultClass !== undefined && !classIndex.has(d.defaultClass)) bad('/demand/defaultClass', `expected a class name of /classes, got "${d.defaultClass}"`);
      incidents = replayIncidents(parseCsv(text, abs), abs, d, placerFor(d.maxSnapM), classIndex, file.horizonS);
      const use = describeRowUse(abs, incidents.rowsRead, incidents.skipped);
      if (incidents.timeS.length === 0) bad('/demand/file', `no usable incident row: ${use}`);
      else if (incidents.skipped.length) notes.push(use);
    } catch (err) {
      if (!(err instanceof InputError)) throw err;
      bad('/demand/file', err.message);
    }
    demand = { kind: 'replay', incidents: incidents ?? { timeS: new Float64Array(), node: new Int32Array(), cls: new Int32Array(), onSceneS: new Float64Array(), rowsRead: 0, skipped: [] } };
  }
  function normalise(p: readonly number[], path: string): number[] {
    const mean = p.reduce((a, b) => a + b, 0) / p.length;
    if (!(mean > 0)) { bad(path, 'expected some positive weight, got all zero'); return p.map(() => 0); }
    return p.map((v) => v / mean);
  }

  // Dispatch.
  const df = file.dispatch ?? { policy: 'nearest' as const };
  const queue = df.queue ?? true;
  let dispatch: DispatchPolicy;
  if (df.policy === 'reserve') {
    dispatch = {
      policy: 'reserve', queue,
      reserve: df.reserve.map((r, i) => {
        const p = postIndex.get(r.post);
        if (p === undefined) bad(`/dispatch/reserve/${i}/post`, `expected a post id of /posts, got "${r.post}"`);
        return { post: p ?? -1, units: r.units, releasePriority: r.releasePriority ?? 0 };
      }),
    };
  } else if (df.policy === 'preference') {
    const lists = new Map<number, number[]>();
    for (const [id, list] of Object.entries(df.lists)) {
      const v = node(id, `/dispatch/lists/${id}`);
      const us = list.map((uid, j) => {
        const u = unitIndex.get(uid);
        if (u === undefined) bad(`/dispatch/lists/${id}/${j}`, `expected a unit id, got "${uid}"`);
        return u ?? -1;
      });
      if (v >= 0) lists.set(v, us);
    }
    dispatch = { policy: 'preference', queue, lists };
  } else dispatch = { policy: 'nearest', queue };

  // Time-of-day plan and move-up policy (resolve-plan.ts, resolve-relocation.ts).
  const plan = resolvePlan(file.plan, {
    fileName: ctx.fileName, baseDir: ctx.baseDir, posts, units, routes, beats, nodeIds: g.nodeIds, node, snap,
    readText: (abs, what) => { const text = ctx.readText(abs, what); hashed.push(`plan\n${sha256Hex(text)}`); return text; },
    problem: (line) => problems.push(line),
  });
  const relocation = resolveRelocation(file.relocation, {
    fileName: ctx.fileName, posts: [...posts, ...(plan?.posts ?? [])], units, shifts, classes, demand, horizonS: file.horizonS,
    problem: (line) => problems.push(line), note: (text) => notes.push(text),
  });

  if (problems.length === 0) {
    const replayCount = demand.kind === 'replay' ? new Float64Array(g.nodeCount) : undefined;
    if (demand.kind === 'replay') for (const v of demand.incidents.node) replayCount![v]++;
    const sense = scenarioSense({
      horizonS: file.horizonS, warmupS, classes, units, shifts, postIds: posts.map((p) => p.id), dispatch,
      ratePerHour: demand.kind === 'poisson' ? demand.ratePerHour : undefined,
      nodeDemand: demand.kind === 'poisson' ? demand.nodeWeight : replayCount,
    });
    sense.problems.forEach((p) => problems.push(`${ctx.fileName}: ${p}`));
    warnings.push(...sense.warnings);
  }
  throwProblems(problems, `${ctx.fileName}: ${problems.length} problem${problems.length === 1 ? '' : 's'} in the scenario:`);
  const hash = sha256Hex([canonicalJson(hashedFile(file)), ...(ctx.hashParts ?? []), ...hashed].join('\n'));
  return {
    name: file.name ?? 'scenario', file, hash, graph: g, travel: { classSpeedKph: file.travel?.classSpeedKph, hourlySpeedFactor: file.travel?.hourlySpeedFactor },
    horizonS: file.horizonS, warmupS, seed: file.seed ?? 1, replications: file.replications ?? 1, demand, classes, unitTypes, posts, units, shifts,
    dispatch, plan, relocation, zones: zones.lists, traceUntilS: Math.min(file.horizonS, file.trace?.untilS ?? 86400), notes, warnings,
  };
}

/**
 * The scenario as hashed: a plan file is hashed by its content (not its path, which differs between
 * machines), and `relocation: {policy: "none"}` (the default) hashes as if absent.
 */
function hashedFile(file: ScenarioFile): ScenarioFile {
  const out = { ...file };
  if (typeof out.plan === 'string') out.plan = 'file';
  if (out.relocation?.policy === 'none' && Object.keys(out.relocation).length === 1) delete out.relocation;
  return out;
}
