/**
 * The proposal file `optimize --out` writes (docs/optimizer.md, "The proposal file") and every other
 * command reads back: `coverage --posts`, `simulate --posts`, `view`, `report`. One writer, one reader.
 *
 * A proposal names its posts by node id and records the network it was planned on (file paths relative
 * to the proposal, the loader options, the travel-time model inline, the hour, the demand file), so a
 * reader can rebuild the same network and travel times without the optimizer's flags.
 */
import { dirname, isAbsolute, join, relative, resolve } from 'node:path';
import type { TravelTimeModel } from '../graph/travel-time-model.ts';
import { validateTravelTimeModel } from '../graph/travel-time-model.ts';
import { validateTiers } from '../coverage/tiers.ts';
import { readInputText, writeOutputFile } from './files.ts';
import { InputError, throwProblems } from './input-error.ts';
import { parseJsonText } from './json-text.ts';
import type { LoadNetworkOptions } from './network/load-network.ts';
import { NETWORK_FORMATS } from './network/load-network.ts';
import { DEFAULT_MAX_SNAP_M } from '../graph/snap.ts';
import { VERSION } from '../version.ts';

/** One post of a proposal: a node id and the units standing there. */
export interface ProposalPost { id: string; node: string; units: number; type: string; label?: string }

/** The network a proposal was planned on, with absolute paths once read. */
export interface ProposalNetwork {
  files: string[];
  options: LoadNetworkOptions;
  travelModel: TravelTimeModel;
  hour: number;
  /** The demand CSV the optimizer used (read as coverage reads demand: node ids or placed coordinates), or null: every node, weight 1. */
  demandFile: string | null;
  /** How its coordinates were placed: the maximum snap distance (m) and column names given, if any. */
  demandRead: { maxSnapM: number; latColumn?: string; lonColumn?: string };
}

export interface Proposal {
  version: string;
  model: string;
  status: string;
  objective: number | null;
  bound: number | null;
  gap: number | null;
  solver: string;
  /** The model's settings; `tiers` for the tiered model (weights included), `targetS` for LSCP/MCLP. */
  parameters: { targetS: number | null; facilities: number | null; tiers: { targetS: number; units: number; weight?: number }[] | null; budget: number | null };
  /** Null when planned on a cost table (then node ids are the table's candidate ids). */
  network: ProposalNetwork | null;
  posts: ProposalPost[];
}

/** The tiers a proposal was planned against: the tiered model's, or (T, 1) for LSCP and MCLP, else none. */
export function proposalTiers(p: Proposal): { targetS: number; units: number }[] {
  if (p.parameters.tiers?.length) return p.parameters.tiers.map((t) => ({ targetS: t.targetS, units: t.units }));
  if (p.parameters.targetS !== null) return [{ targetS: p.parameters.targetS, units: 1 }];
  return [];
}

/**
 * Write a proposal atomically; network and demand paths are stored relative to the proposal's folder.
 * The same proposal gives the same bytes (no timings).
 */
export function writeProposal(path: string, p: Proposal): void {
  const base = dirname(resolve(path));
  const rel = (f: string) => relative(base, resolve(f)).split('\\').join('/');
  const net = p.network && {
    files: p.network.files.map(rel),
    ...Object.fromEntries(Object.entries(p.network.options).filter(([, v]) => v !== undefined).map(([k, v]) => [k, k === 'nodesFile' ? rel(v as string) : v])),
    travelModel: p.network.travelModel, hour: p.network.hour,
    demandFile: p.network.demandFile === null ? null : rel(p.network.demandFile),
    demandRead: p.network.demandRead,
  };
  const json = {
    format: 'patrolsim-proposal', formatVersion: 1, version: p.version,
    model: p.model, status: p.status, objective: p.objective, bound: p.bound, gap: p.gap, solver: p.solver,
    parameters: p.parameters, network: net,
    posts: p.posts.map((q) => ({ id: q.id, node: q.node, units: q.units, type: q.type, ...(q.label !== undefined ? { label: q.label } : {}) })),
  };
  writeOutputFile(path, `${JSON.stringify(json, null, 2)}\n`);
}

/** Whether a parsed JSON file is a proposal (its `format` says so). */
export function isProposalJson(data: unknown): boolean {
  return typeof data === 'object' && data !== null && (data as { format?: unknown }).format === 'patrolsim-proposal';
}

/** Read and check a proposal; every bad field is named with its JSON path. Paths come back absolute. */
export function readProposal(path: string): Proposal {
  const data = parseJsonText(readInputText(path, 'proposal file'), path) as Record<string, unknown>;
  if (!isProposalJson(data)) throw new InputError(`${path}: not a patrolsim proposal (expected "format": "patrolsim-proposal", as optimize --out writes)`);
  const problems: string[] = [];
  const bad = (p: string, msg: string) => problems.push(`${path}: ${p}: ${msg}`);
  if (data.formatVersion !== 1) bad('/formatVersion', `expected 1, got ${JSON.stringify(data.formatVersion)}`);
  const posts: ProposalPost[] = [];
  if (!Array.isArray(data.posts) || data.posts.length === 0) bad('/posts', 'expected a non-empty list of posts');
  else {
    const ids = new Set<string>();
    data.posts.forEach((raw, i) => {
      const q = raw as Record<string, unknown>;
      if (typeof q !== 'object' || q === null) { bad(`/posts/${i}`, 'expected {id, node, units}'); return; }
      if (typeof q.id !== 'string' || q.id === '') { bad(`/posts/${i}/id`, `expected a non-empty string, got ${JSON.stringify(q.id)}`); return; }
      if (ids.has(q.id)) bad(`/posts/${i}/id`, `"${q.id}" is used twice`);
      ids.add(q.id);
      const node = q.node ?? q.id;
      if (typeof node !== 'string' && typeof node !== 'number') { bad(`/posts/${i}/node`, `expected a node id, got ${JSON.stringify(q.node)}`); return; }
      if (!(Number.isInteger(q.units) && (q.units as number) >= 1)) { bad(`/posts/${i}/units`, `expected an integer >= 1, got ${JSON.stringify(q.units)}`); return; }
      posts.push({ id: q.id, node: String(node), units: q.units as number, type: typeof q.type === 'string' ? q.type : 'proposed', ...(typeof q.label === 'string' ? { label: q.label } : {}) });
    });
  }
  const params = (typeof data.parameters === 'object' && data.parameters !== null ? data.parameters : {}) as Proposal['parameters'];
  if (params.tiers) problems.push(...validateTiers(params.tiers, '/parameters/tiers').map((p) => `${path}: ${p}`));
  let network: ProposalNetwork | null = null;
  if (data.network !== null && data.network !== undefined) {
    const n = data.network as Record<string, unknown>;
    const base = dirname(resolve(path));
    const abs = (f: string) => (isAbsolute(f) ? f : join(base, f));
    if (!Array.isArray(n.files) || n.files.length === 0 || !n.files.every((f) => typeof f === 'string')) bad('/network/files', 'expected a list of network file paths (relative to the proposal)');
    if (n.format !== undefined && !NETWORK_FORMATS.includes(n.format as never)) bad('/network/format', `expected one of ${NETWORK_FORMATS.join(', ')}`);
    const model = (n.travelModel ?? {}) as TravelTimeModel;
    problems.push(...validateTravelTimeModel(model).map((p) => `${path}: /network/travelModel/${p}`));
    const hour = n.hour ?? 0;
    if (!(Number.isInteger(hour) && (hour as number) >= 0 && (hour as number) <= 23)) bad('/network/hour', `expected an hour 0..23, got ${JSON.stringify(hour)}`);
    network = {
      files: Array.isArray(n.files) ? (n.files as string[]).map(abs) : [],
      options: {
        format: n.format as LoadNetworkOptions['format'], nodesFile: typeof n.nodesFile === 'string' ? abs(n.nodesFile) : undefined,
        undirected: n.undirected === true ? true : undefined, timeUnit: n.timeUnit as LoadNetworkOptions['timeUnit'],
        allClasses: n.allClasses === true ? true : undefined, coordKind: n.coordKind as LoadNetworkOptions['coordKind'],
      },
      travelModel: model, hour: hour as number,
      demandFile: typeof n.demandFile === 'string' ? abs(n.demandFile) : null,
      demandRead: { maxSnapM: DEFAULT_MAX_SNAP_M, ...(typeof n.demandRead === 'object' && n.demandRead !== null ? n.demandRead as object : {}) },
    };
    const snap = network.demandRead.maxSnapM;
    if (!(typeof snap === 'number' && snap >= 0)) bad('/network/demandRead/maxSnapM', `expected metres >= 0, got ${JSON.stringify(snap)}`);
  }
  throwProblems(problems);
  const num = (v: unknown) => (typeof v === 'number' ? v : null);
  return {
    version: String(data.version), model: String(data.model), status: String(data.status),
    objective: num(data.objective), bound: num(data.bound), gap: num(data.gap), solver: String(data.solver),
    parameters: { targetS: num(params.targetS), facilities: num(params.facilities), tiers: params.tiers ?? null, budget: num(params.budget) },
    network, posts,
  };
}

/** A new proposal record (the version stamped). */
export function proposal(fields: Omit<Proposal, 'version'>): Proposal {
  return { version: VERSION, ...fields };
}
