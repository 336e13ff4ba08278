import { dirname, isAbsolute, join, resolve } from 'node:path';
import type { RoadGraph } from '../graph/road-graph.ts';
import { readInputBytes, readInputText } from '../io/files.ts';
import { InputError, throwProblems } from '../io/input-error.ts';
import { parseJsonText } from '../io/json-text.ts';
import { loadNetwork, type LoadNetworkOptions } from '../io/network/load-network.ts';
import { sha256Hex } from '../io/hash.ts';
import { resolveScenario, type ResolveContext } from './resolve-scenario.ts';
import type { Scenario } from './scenario.ts';
import type { DispatchFile, PlanFile, PostFile, RelocationFile, ScenarioFile, UnitFile } from './scenario-file.ts';
import { validateScenarioSchema } from './validate-scenario-schema.ts';

/** What batch sweeps, the demo and the optimiser vary without editing the file. */
export interface ScenarioOverrides {
  seed?: number;
  replications?: number;
  horizonS?: number;
  warmupS?: number;
  /** Replace the deployment. */
  posts?: PostFile[];
  units?: UnitFile[];
  dispatch?: DispatchFile;
  /** Multiply the Poisson demand rate (on top of the file's own multiplier). */
  demandMultiplier?: number;
  traceUntilS?: number;
  /** Replace the plan: a plan object, or a plan file path (absolute, or relative to the scenario file). */
  plan?: PlanFile | string;
  /**
   * Replace the move-up policy: a relocation object, or a policy name. A name keeps the scenario's own
   * relocation when it is that policy; otherwise it is the policy with its defaults, keeping the
   * scenario's limits (maxMoves, maxTravelS, cooldownS).
   */
  relocation?: RelocationFile | RelocationFile['policy'];
}

const contexts = new WeakMap<Scenario, ResolveContext>();

/**
 * Read a scenario file, load its network and every file it references (paths relative to the scenario
 * file), validate it and resolve it. Bad input throws one InputError listing every problem with its
 * JSON path.
 *
 * @example
 * const sc = loadScenario('scenarios/validation/mmc-c3.json', { replications: 5 });
 */
export function loadScenario(path: string, overrides: ScenarioOverrides = {}): Scenario {
  const text = readInputText(path, 'scenario file');
  const file = parseJsonText(text, path) as ScenarioFile;
  if (!file || typeof file !== 'object' || Array.isArray(file)) throw new InputError(`${path}: expected a JSON object (a scenario), got ${Array.isArray(file) ? 'an array' : typeof file}`);
  const baseDir = dirname(resolve(path));
  const texts = new Map<string, string>();
  const readText = (p: string, what: string) => {
    let t = texts.get(p);
    if (t === undefined) { t = readInputText(p, what); texts.set(p, t); }
    return t;
  };
  const applied = applyOverrides(file, overrides, path);
  // The schema first: a malformed scenario fails before its network is read.
  throwProblems(validateScenarioSchema(applied).map((p) => `${path}: ${p}`), `${path}: the scenario does not match scenarios/scenario.schema.json:`);
  const { graph, hashParts } = loadScenarioNetwork(applied, baseDir, path);
  const ctx: ResolveContext = { graph, fileName: path, baseDir, readText, hashParts };
  const scenario = resolveScenario(applied, ctx);
  contexts.set(scenario, ctx);
  return scenario;
}

/** A scenario with overrides applied, reusing the already-loaded network and files (fast: for sweeps). */
export function overrideScenario(scenario: Scenario, overrides: ScenarioOverrides): Scenario {
  const ctx = contexts.get(scenario);
  if (!ctx) throw new Error('overrideScenario needs a scenario made by loadScenario or resolveScenarioWithGraph');
  const out = resolveScenario(applyOverrides(scenario.file, overrides, ctx.fileName), ctx);
  contexts.set(out, ctx);
  return out;
}

/** Resolve an in-memory scenario file against an in-memory graph (tests, generated scenarios). */
export function resolveScenarioWithGraph(file: ScenarioFile, graph: RoadGraph, options: { fileName?: string; baseDir?: string; overrides?: ScenarioOverrides } = {}): Scenario {
  const fileName = options.fileName ?? '<scenario>';
  const ctx: ResolveContext = { graph, fileName, baseDir: options.baseDir ?? '.', readText: (p, what) => readInputText(p, what) };
  const out = resolveScenario(applyOverrides(file, options.overrides ?? {}, fileName), ctx);
  contexts.set(out, ctx);
  return out;
}

/** A copy of the file with overrides applied (the input is not mutated). */
export function applyOverrides(file: ScenarioFile, o: ScenarioOverrides, fileName: string): ScenarioFile {
  const out: ScenarioFile = structuredClone(file);
  if (o.seed !== undefined) out.seed = o.seed;
  if (o.replications !== undefined) out.replications = o.replications;
  if (o.horizonS !== undefined) out.horizonS = o.horizonS;
  if (o.warmupS !== undefined) out.warmupS = o.warmupS;
  if (o.posts !== undefined) out.posts = structuredClone(o.posts);
  if (o.units !== undefined) out.units = structuredClone(o.units);
  if (o.dispatch !== undefined) out.dispatch = structuredClone(o.dispatch);
  if (o.traceUntilS !== undefined) out.trace = { ...(out.trace ?? {}), untilS: o.traceUntilS };
  if (o.plan !== undefined) out.plan = structuredClone(o.plan);
  if (typeof o.relocation === 'string') {
    const current = out.relocation;
    if ((current?.policy ?? 'none') !== o.relocation) {
      const limits = current && current.policy !== 'none' ? { maxMoves: current.maxMoves, maxTravelS: current.maxTravelS, cooldownS: current.cooldownS } : {};
      for (const k of Object.keys(limits) as (keyof typeof limits)[]) if (limits[k] === undefined) delete limits[k];
      out.relocation = (o.relocation === 'none' ? { policy: 'none' } : { policy: o.relocation, ...limits }) as RelocationFile;
    }
  } else if (o.relocation !== undefined) out.relocation = structuredClone(o.relocation);
  if (o.demandMultiplier !== undefined) {
    if (out.demand?.kind !== 'poisson') throw new InputError(`${fileName}: /demand: a demand multiplier needs Poisson demand, got ${JSON.stringify(out.demand?.kind)}`);
    if (!(o.demandMultiplier >= 0)) throw new InputError(`demand multiplier: expected a number >= 0, got ${o.demandMultiplier}`);
    out.demand.multiplier = (out.demand.multiplier ?? 1) * o.demandMultiplier;
  }
  return out;
}

function loadScenarioNetwork(file: ScenarioFile, baseDir: string, path: string): { graph: RoadGraph; hashParts: string[] } {
  const net = file.network;
  if (!net || !Array.isArray(net.files) || net.files.length === 0 || !net.files.every((f) => typeof f === 'string')) {
    throw new InputError(`${path}: /network/files: expected a list of network file paths (relative to the scenario file), got ${JSON.stringify(net?.files)}`);
  }
  const abs = (p: string) => (isAbsolute(p) ? p : join(baseDir, p));
  const files = net.files.map(abs);
  const options: LoadNetworkOptions = {
    format: net.format as LoadNetworkOptions['format'],
    nodesFile: net.nodesFile !== undefined ? abs(net.nodesFile) : undefined,
    undirected: net.undirected,
    timeUnit: net.timeUnit as LoadNetworkOptions['timeUnit'],
    allClasses: net.allClasses,
  };
  let graph: RoadGraph;
  try {
    graph = loadNetwork(files, options);
  } catch (err) {
    if (err instanceof InputError) throw new InputError(`${path}: /network: ${err.message}`);
    throw err;
  }
  // Content only (not paths), so the hash is the same on every machine.
  const hashParts = graph.source.files.map((f) => sha256Hex(readInputBytes(f, 'network file').toString('base64'))).sort();
  return { graph, hashParts };
}

