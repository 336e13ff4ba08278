import { dirname, isAbsolute, join, resolve } from 'node:path';
import { readInputBytes, readInputText } from '../io/files.ts';
import { InputError, throwProblems } from '../io/input-error.ts';
import { parseJsonText } from '../io/json-text.ts';
import { isProposalJson, readProposal } from '../io/proposal.ts';
import type { PostFile, UnitFile } from '../sim/scenario-file.ts';
import { sha256Hex } from '../io/hash.ts';
import { AS_IN_SCENARIO, type Sweep, type SweepDeployment, type SweepDispatch, type SweepFile, type SweepTiers } from './sweep.ts';
import { validateSweepSchema } from './validate-sweep-schema.ts';

/**
 * Read, validate and resolve a sweep file. Every problem (schema and semantic: unique names, files that
 * exist, deployment files that parse) is collected and thrown together as one InputError, each line
 * `<file>: /json/path: expected ..., got ...`. Paths in the sweep are relative to the sweep file.
 *
 * @example
 * const sweep = loadSweep('scenarios/sweeps/smoke.json');
 * sweep.scenarios.map((s) => s.name); // ['grid']
 */
export function loadSweep(path: string): Sweep {
  const bytes = readInputBytes(path, 'sweep file');
  let text = bytes.toString('utf8');
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  const data = parseJsonText(text, path);
  if (!data || typeof data !== 'object' || Array.isArray(data)) {
    throw new InputError(`${path}: expected a JSON object (a sweep), got ${Array.isArray(data) ? 'an array' : JSON.stringify(data)}`);
  }
  throwProblems(validateSweepSchema(data).map((p) => `${path}: ${p}`));
  return resolveSweep(data as SweepFile, { fileName: path, baseDir: dirname(resolve(path)) });
}

/** Check the semantics of a schema-valid sweep and resolve it (reads the files it names). */
export function resolveSweep(file: SweepFile, ctx: { fileName: string; baseDir: string }): Sweep {
  const problems: string[] = [];
  const fileHashes: Record<string, string> = {};
  const at = (p: string, msg: string) => problems.push(`${ctx.fileName}: ${p}: ${msg}`);
  const abs = (p: string) => (isAbsolute(p) ? p : join(ctx.baseDir, p));
  const readBytes = (rel: string, jsonPath: string, what: string): Buffer | undefined => {
    try {
      const b = readInputBytes(abs(rel), what);
      fileHashes[rel] = sha256Hex(b);
      return b;
    } catch (err) {
      if (!(err instanceof InputError)) throw err;
      at(jsonPath, err.message);
      return undefined;
    }
  };
  const uniqueNames = (items: readonly { name: string }[], jsonPath: string) => {
    const seen = new Map<string, number>();
    items.forEach((it, i) => {
      const j = seen.get(it.name);
      if (j !== undefined) at(`${jsonPath}/${i}/name`, `name "${it.name}" is already used by ${jsonPath}/${j}`);
      else seen.set(it.name, i);
    });
  };
  const uniqueValues = <T>(values: readonly T[], jsonPath: string) => {
    values.forEach((v, i) => {
      const j = values.indexOf(v);
      if (j < i) at(`${jsonPath}/${i}`, `value ${JSON.stringify(v)} is already listed at ${jsonPath}/${j}`);
    });
  };

  const scenarios = file.scenarios.map((s, i) => {
    readBytes(s.file, `/scenarios/${i}/file`, 'scenario file');
    return { name: s.name, file: s.file, path: abs(s.file) };
  });
  uniqueNames(file.scenarios, '/scenarios');

  const deployments: SweepDeployment[] = (file.deployments ?? [{ name: AS_IN_SCENARIO }]).map((d, i) => {
    const where = `/deployments/${i}`;
    if (d.file === undefined) return { name: d.name, posts: d.posts, units: d.units };
    if (d.posts !== undefined || d.units !== undefined) at(where, 'give either "file" or "posts"/"units", not both');
    const b = readBytes(d.file, `${where}/file`, 'deployment file');
    if (!b) return { name: d.name };
    let parsed: unknown;
    try {
      parsed = parseJsonText(b.toString('utf8').replace(/^\uFEFF/, ''), abs(d.file));
    } catch (err) {
      if (!(err instanceof InputError)) throw err;
      at(`${where}/file`, err.message);
      return { name: d.name };
    }
    if (isProposalJson(parsed)) {
      // A proposal (optimize --out): its posts by node id, each with its units of the sweep's unit type.
      try {
        const p = readProposal(abs(d.file));
        return {
          name: d.name,
          posts: p.posts.map((q) => ({ id: q.id, node: q.node, type: q.type, ...(q.label !== undefined ? { label: q.label } : {}) })),
          units: p.posts.map((q) => ({ id: q.id, type: file.parameters?.unitType ?? 'car', post: q.id, count: q.units })),
        };
      } catch (err) {
        if (!(err instanceof InputError)) throw err;
        at(`${where}/file`, err.message);
        return { name: d.name };
      }
    }
    const o = parsed as { posts?: unknown; units?: unknown };
    if (!o || typeof o !== 'object' || Array.isArray(o) || (!Array.isArray(o.posts) && !Array.isArray(o.units))) {
      at(`${where}/file`, `${d.file}: expected a JSON object with "posts" and/or "units" arrays`);
      return { name: d.name };
    }
    return { name: d.name, posts: o.posts as PostFile[] | undefined, units: o.units as UnitFile[] | undefined };
  });
  if (file.deployments) uniqueNames(file.deployments, '/deployments');

  const params = file.parameters ?? {};
  const demandMultipliers = params.demandMultiplier ?? [1];
  uniqueValues(demandMultipliers, '/parameters/demandMultiplier');
  const unitsPerPost = params.unitsPerPost ?? [null];
  uniqueValues(unitsPerPost, '/parameters/unitsPerPost');

  const dispatch: SweepDispatch[] = (params.dispatch ?? [{ name: AS_IN_SCENARIO }]).map((d, i) => {
    const { name, ...rest } = d;
    if (Object.keys(rest).length === 0) return { name };
    if (rest.policy === undefined) { at(`/parameters/dispatch/${i}/policy`, 'required field is missing (an entry with only a name keeps the scenario\'s policy)'); return { name }; }
    if (rest.policy !== 'reserve' && 'reserve' in rest) at(`/parameters/dispatch/${i}/reserve`, `only for policy "reserve", got policy ${JSON.stringify(rest.policy)}`);
    if (rest.policy !== 'preference' && 'lists' in rest) at(`/parameters/dispatch/${i}/lists`, `only for policy "preference", got policy ${JSON.stringify(rest.policy)}`);
    if (rest.policy === 'reserve' && !('reserve' in rest)) at(`/parameters/dispatch/${i}/reserve`, 'required field is missing for policy "reserve"');
    if (rest.policy === 'preference' && !('lists' in rest)) at(`/parameters/dispatch/${i}/lists`, 'required field is missing for policy "preference"');
    return { name, dispatch: rest as SweepDispatch['dispatch'] };
  });
  if (params.dispatch) uniqueNames(params.dispatch, '/parameters/dispatch');

  const tiers: SweepTiers[] = (params.tiers ?? [{ name: AS_IN_SCENARIO }]).map((t) => ({ name: t.name, classes: t.classes }));
  if (params.tiers) uniqueNames(params.tiers, '/parameters/tiers');

  const horizonS = file.overrides?.horizonS;
  const warmupS = file.overrides?.warmupS;
  if (horizonS !== undefined && warmupS !== undefined && warmupS >= horizonS) {
    at('/overrides/warmupS', `expected less than horizonS (${horizonS}), got ${warmupS}`);
  }

  throwProblems(problems);
  const sortedHashes: Record<string, string> = {};
  for (const k of Object.keys(fileHashes).sort()) sortedHashes[k] = fileHashes[k];
  return {
    name: file.name ?? 'sweep',
    fileName: ctx.fileName,
    seed: file.seed,
    replications: file.replications,
    commonRandomNumbers: file.commonRandomNumbers ?? false,
    overrides: { horizonS, warmupS },
    scenarios,
    deployments,
    demandMultipliers,
    unitsPerPost,
    unitType: params.unitType ?? 'car',
    dispatch,
    tiers,
    content: file,
    fileHashes: sortedHashes,
  };
}
