import { dirname, isAbsolute, join, resolve } from 'node:path';
import { readInputText } from '../io/files.ts';
import { InputError } from '../io/input-error.ts';
import { MAX_BUSY } from './tier-value.ts';
import { parseJsonText } from '../io/json-text.ts';

/**
 * The blocks file of `patrolsim optimize --model tiered --blocks FILE`: the day cut into blocks for a
 * time-of-day plan. JSON:
 *
 *   {
 *     "scenario": "../shenzhen-futian/scenario.json",  // optional: network, units, shifts, demand,
 *                                                       // on-scene times and travel model from here
 *     "blocks": [
 *       { "name": "night", "startHour": 21, "endHour": 7 },
 *       { "name": "morning peak", "startHour": 7, "endHour": 10,
 *         "demand": "peak.csv",      // optional: id,weight per demand point for this block
 *         "busy": 0.3,               // optional: q of the block (expected objective)
 *         "forbidden": ["123"],      // optional: sites no unit may use in this block
 *         "units": 12,               // without a scenario: units on duty (fixed ones included)
 *         "speedFactor": 0.8 },      // without a scenario: travel times divided by this
 *       ...
 *     ],
 *     "moves": { "max": 4, "cost": 0.1 },   // per boundary: most units changing place; objective
 *                                            // lost per unit that does (defaults: no limit, 0)
 *     "fixedPostTypes": ["station"],         // with a scenario: units at posts of these types stay
 *                                            // (default ["station"])
 *     "fixedUnits": ["car-3"],               // with a scenario: these units stay at their posts too
 *     "forbidden": ["456"]                   // sites no unit may use in any block
 *   }
 *
 * Blocks must tile the day: sorted by start, each starts where the one before ends (cyclically), 24
 * hours in all; one block is 0–24. Hours are in 0..24, a block wraps past midnight when endHour <
 * startHour. Paths are relative to the blocks file. Every problem is reported with its JSON path.
 */
export interface BlocksFile {
  /** Absolute path of the blocks file. */
  readonly path: string;
  /** Absolute path of the scenario, when the file names one. */
  readonly scenario?: string;
  /** In day order (sorted by startHour), tiling the day. */
  readonly blocks: readonly BlockSpec[];
  readonly maxMoves: number;
  readonly moveCost: number;
  readonly fixedPostTypes: readonly string[];
  readonly fixedUnits: readonly string[];
  readonly forbidden: readonly string[];
}

export interface BlockSpec {
  readonly name: string;
  readonly startHour: number;
  readonly endHour: number;
  /** Hours in the block (endHour − startHour, plus 24 when it wraps; 24 for 0–24). */
  readonly hours: number;
  /** Absolute path of the block's demand CSV. */
  readonly demand?: string;
  readonly busy?: number;
  readonly forbidden: readonly string[];
  readonly units?: number;
  readonly speedFactor: number;
}

const KEYS = new Set(['$schema', 'scenario', 'blocks', 'moves', 'fixedPostTypes', 'fixedUnits', 'forbidden']);
const BLOCK_KEYS = new Set(['name', 'startHour', 'endHour', 'demand', 'busy', 'forbidden', 'units', 'speedFactor']);

/** Read and check a blocks file; throws one InputError listing every problem (file: /json/path: ...). */
export function readBlocksFile(path: string): BlocksFile {
  return parseBlocksFile(readInputText(path, 'blocks file'), path);
}

export function parseBlocksFile(text: string, path: string): BlocksFile {
  const json = parseJsonText(text, path) as Record<string, unknown>;
  const problems: string[] = [];
  const bad = (where: string, expect: string, got: unknown) => problems.push(`${path}: ${where}: expected ${expect}, got ${JSON.stringify(got)}`);
  if (!json || typeof json !== 'object' || Array.isArray(json)) throw new InputError(`${path}: expected a JSON object (a blocks file)`);
  const base = dirname(resolve(path));
  const abs = (p: string) => (isAbsolute(p) ? p : join(base, p));
  for (const k of Object.keys(json)) if (!KEYS.has(k)) problems.push(`${path}: /${k}: unknown field (expected one of ${[...KEYS].filter((x) => x !== '$schema').join(', ')})`);
  const strings = (v: unknown, where: string): string[] => {
    if (v === undefined) return [];
    if (!Array.isArray(v) || !v.every((s) => typeof s === 'string' || typeof s === 'number')) { bad(where, 'a list of ids', v); return []; }
    return v.map(String);
  };
  let scenario: string | undefined;
  if (json.scenario !== undefined) {
    if (typeof json.scenario !== 'string' || json.scenario === '') bad('/scenario', 'a path to a scenario file', json.scenario);
    else scenario = abs(json.scenario);
  }
  const blocks: BlockSpec[] = [];
  if (!Array.isArray(json.blocks) || json.blocks.length === 0) bad('/blocks', 'a non-empty list of blocks', json.blocks);
  else {
    json.blocks.forEach((raw: unknown, b: number) => {
      const where = `/blocks/${b}`;
      if (!raw || typeof raw !== 'object' || Array.isArray(raw)) { bad(where, 'an object', raw); return; }
      const o = raw as Record<string, unknown>;
      for (const k of Object.keys(o)) if (!BLOCK_KEYS.has(k)) problems.push(`${path}: ${where}/${k}: unknown field (expected one of ${[...BLOCK_KEYS].join(', ')})`);
      const hour = (k: 'startHour' | 'endHour') => {
        const v = o[k];
        if (typeof v !== 'number' || !(v >= 0 && v <= 24)) { bad(`${where}/${k}`, 'an hour 0..24', v); return NaN; }
        return v;
      };
      const startHour = hour('startHour'), endHour = hour('endHour');
      if (startHour === endHour) problems.push(`${path}: ${where}: startHour equals endHour (${startHour}); a block needs at least some hours`);
      const name = o.name === undefined ? `block ${b + 1}` : o.name;
      if (typeof name !== 'string' || name === '') bad(`${where}/name`, 'a non-empty name', o.name);
      if (o.demand !== undefined && (typeof o.demand !== 'string' || o.demand === '')) bad(`${where}/demand`, 'a path to a CSV id,weight', o.demand);
      if (o.busy !== undefined && !(typeof o.busy === 'number' && o.busy >= 0 && o.busy <= MAX_BUSY)) bad(`${where}/busy`, `a probability in [0, ${MAX_BUSY}]`, o.busy);
      if (o.units !== undefined && !(typeof o.units === 'number' && Number.isInteger(o.units) && o.units >= 0)) bad(`${where}/units`, 'an integer >= 0', o.units);
      if (o.speedFactor !== undefined && !(typeof o.speedFactor === 'number' && o.speedFactor > 0 && Number.isFinite(o.speedFactor))) bad(`${where}/speedFactor`, 'a number > 0', o.speedFactor);
      const hours = endHour > startHour ? endHour - startHour : endHour + 24 - startHour;
      blocks.push({
        name: String(name), startHour, endHour, hours,
        demand: typeof o.demand === 'string' ? abs(o.demand) : undefined,
        busy: typeof o.busy === 'number' ? o.busy : undefined,
        forbidden: strings(o.forbidden, `${where}/forbidden`),
        units: typeof o.units === 'number' ? o.units : undefined,
        speedFactor: typeof o.speedFactor === 'number' ? o.speedFactor : 1,
      });
    });
  }
  const names = new Map<string, number>();
  blocks.forEach((blk, b) => {
    const first = names.get(blk.name);
    if (first !== undefined) problems.push(`${path}: /blocks/${b}/name: "${blk.name}" is also the name of /blocks/${first}`);
    else names.set(blk.name, b);
  });
  let maxMoves = Infinity, moveCost = 0;
  if (json.moves !== undefined) {
    const m = json.moves as Record<string, unknown>;
    if (!m || typeof m !== 'object' || Array.isArray(m)) bad('/moves', 'an object {"max", "cost"}', json.moves);
    else {
      for (const k of Object.keys(m)) if (k !== 'max' && k !== 'cost') problems.push(`${path}: /moves/${k}: unknown field (expected max, cost)`);
      if (m.max !== undefined) {
        if (typeof m.max === 'number' && Number.isInteger(m.max) && m.max >= 0) maxMoves = m.max;
        else bad('/moves/max', 'an integer >= 0 (units that may change place at each block boundary)', m.max);
      }
      if (m.cost !== undefined) {
        if (typeof m.cost === 'number' && m.cost >= 0 && Number.isFinite(m.cost)) moveCost = m.cost;
        else bad('/moves/cost', 'a number >= 0 (objective lost per unit that changes place)', m.cost);
      }
    }
  }
  const fixedPostTypes = json.fixedPostTypes === undefined ? ['station'] : strings(json.fixedPostTypes, '/fixedPostTypes');
  const fixedUnits = strings(json.fixedUnits, '/fixedUnits');
  const forbidden = strings(json.forbidden, '/forbidden');
  if (scenario === undefined) {
    if (json.fixedPostTypes !== undefined) problems.push(`${path}: /fixedPostTypes: needs /scenario (posts and their types come from a scenario)`);
    if (json.fixedUnits !== undefined) problems.push(`${path}: /fixedUnits: needs /scenario (units come from a scenario)`);
    blocks.forEach((blk, b) => { if (blk.units === undefined) problems.push(`${path}: /blocks/${b}/units: expected the units on duty in the block (there is no /scenario to take them from)`); });
  } else {
    blocks.forEach((blk, b) => {
      if (blk.units !== undefined) problems.push(`${path}: /blocks/${b}/units: with /scenario the units on duty come from its units and shifts`);
      if (blk.speedFactor !== 1) problems.push(`${path}: /blocks/${b}/speedFactor: with /scenario travel times come from its hourly speed factors`);
    });
  }
  if (!problems.length) problems.push(...tilingProblems(blocks, path));
  if (problems.length) throw new InputError(problems.join('\n'));
  const order = blocks.map((_, b) => b).sort((a, b) => blocks[a].startHour - blocks[b].startHour || a - b);
  return { path: resolve(path), scenario, blocks: order.map((b) => blocks[b]), maxMoves, moveCost, fixedPostTypes: scenario ? fixedPostTypes : [], fixedUnits, forbidden };
}

/** Blocks must cover every hour of the day exactly once. */
function tilingProblems(blocks: readonly BlockSpec[], path: string): string[] {
  const total = blocks.reduce((s, b) => s + b.hours, 0);
  const order = blocks.map((_, b) => b).sort((a, b) => blocks[a].startHour - blocks[b].startHour || a - b);
  const out: string[] = [];
  for (let q = 0; q < order.length; q++) {
    const a = blocks[order[q]], nx = blocks[order[(q + 1) % order.length]];
    const end = a.endHour % 24, start = nx.startHour % 24;
    if (order.length > 1 && end !== start) {
      out.push(`${path}: /blocks/${order[q]}: block "${a.name}" ends at ${a.endHour} but the next block ("${nx.name}") starts at ${nx.startHour}; blocks must tile the day (add a block for the hours between, or move a boundary)`);
    }
  }
  if (!out.length && Math.abs(total - 24) > 1e-9) out.push(`${path}: /blocks: the blocks cover ${total} hours; they must tile the day (24 hours, each hour in one block)`);
  if (blocks.length === 1 && !(blocks[0].startHour === 0 && blocks[0].endHour === 24)) out.push(`${path}: /blocks/0: a single block must run 0–24, got ${blocks[0].startHour}–${blocks[0].endHour}`);
  return out;
}
