import { findColumn, parseCsv, requireColumn, scanCsv, type CsvTable } from '../io/csv.ts';
import { readNumber } from '../io/field-values.ts';
import { at, InputError, throwProblems } from '../io/input-error.ts';
import { NO_UNIT_CAP } from './problem.ts';

/** Demand points read from CSV `id,weight` (weight defaults to 1). */
export interface DemandTable { ids: string[]; weight: number[] }

/** Candidate sites read from CSV `id` with optional `cost`, `fixed`, `max_units`, `forbidden`. */
export interface CandidateTable { ids: string[]; cost: number[]; minUnits: number[]; maxUnits: number[] }

function uniqueIds(table: CsvTable, col: number, file: string, problems: string[]): string[] {
  const seen = new Map<string, number>();
  return table.rows.map((r) => {
    const id = r.values[col];
    if (id === '') problems.push(at(file, r.line, 'id: expected a non-empty id'));
    const first = seen.get(id);
    if (first !== undefined) problems.push(at(file, r.line, `id: "${id}" already appears on line ${first}`));
    else seen.set(id, r.line);
    return id;
  });
}

/** Parse a demand CSV: `id` (required) and `weight` (optional, a number >= 0, default 1). */
export function parseDemandTable(text: string, file: string): DemandTable {
  const table = parseCsv(text, file);
  const problems: string[] = [];
  const idCol = requireColumn(table, ['id', 'demand', 'node'], file, 'id');
  const wCol = findColumn(table.header, ['weight', 'demand_weight', 'rate']);
  const ids = uniqueIds(table, idCol, file, problems);
  const weight = table.rows.map((r) => (wCol < 0 ? 1 : readNumber(r.values[wCol], '>= 0', file, r.line, 'weight', problems)));
  throwProblems(problems);
  return { ids, weight };
}

/**
 * Parse a candidates CSV: `id` (required); optional `cost` (opening cost >= 0, default 1),
 * `fixed` (units that must stay there: 0/1 or a count, `true`/`false`; existing posts have >= 1),
 * `max_units` (most units the site may hold), `forbidden` (1/true: the site may hold none).
 */
export function parseCandidateTable(text: string, file: string): CandidateTable {
  const table = parseCsv(text, file);
  const problems: string[] = [];
  const idCol = requireColumn(table, ['id', 'candidate', 'site', 'node'], file, 'id');
  const cCol = findColumn(table.header, ['cost', 'site_cost']);
  const fCol = findColumn(table.header, ['fixed', 'existing', 'min_units']);
  const mCol = findColumn(table.header, ['max_units', 'capacity']);
  const xCol = findColumn(table.header, ['forbidden']);
  const ids = uniqueIds(table, idCol, file, problems);
  const flagOrCount = (raw: string, line: number, field: string): number => {
    const s = raw.trim().toLowerCase();
    if (s === 'true' || s === 'yes') return 1;
    if (s === 'false' || s === 'no' || s === '') return 0;
    const v = readNumber(raw, 'integer >= 0', file, line, field, problems, 'true/false or an integer >= 0');
    if (v > NO_UNIT_CAP) { problems.push(at(file, line, `${field}: expected at most ${NO_UNIT_CAP}, got "${raw}"`)); return NaN; }
    return v;
  };
  const cost: number[] = [], minUnits: number[] = [], maxUnits: number[] = [];
  for (const r of table.rows) {
    cost.push(cCol < 0 || r.values[cCol] === '' ? 1 : readNumber(r.values[cCol], '>= 0', file, r.line, 'cost', problems));
    const fixed = fCol < 0 ? 0 : flagOrCount(r.values[fCol], r.line, 'fixed');
    const forbidden = xCol < 0 ? 0 : flagOrCount(r.values[xCol], r.line, 'forbidden');
    const max = mCol < 0 || r.values[mCol] === '' ? NO_UNIT_CAP : readNumber(r.values[mCol], 'integer >= 0', file, r.line, 'max_units', problems);
    if (forbidden && fixed) problems.push(at(file, r.line, 'forbidden: a fixed (existing) site cannot be forbidden'));
    if (fixed > max) problems.push(at(file, r.line, `fixed: ${fixed} units exceed max_units ${max}`));
    minUnits.push(fixed); maxUnits.push(forbidden ? 0 : max);
  }
  throwProblems(problems);
  return { ids, cost, minUnits, maxUnits };
}

/**
 * Parse a costs CSV `demand,candidate,cost`: the travel cost from candidate to demand (a number
 * >= 0; `inf` or an empty cost, like a missing pair, means unreachable). Ids must be in the given
 * lists when those are given; otherwise the lists are the ids in order of first appearance.
 * A repeated pair is an error.
 */
export function parseCostTable(text: string, file: string, demandIds?: readonly string[], candidateIds?: readonly string[]) {
  const problems: string[] = [];
  const index = (ids: readonly string[] | undefined) => {
    const m = new Map<string, number>();
    ids?.forEach((id, k) => m.set(id, k));
    return m;
  };
  const dIndex = index(demandIds), cIndex = index(candidateIds);
  const dList = demandIds ? [...demandIds] : [], cList = candidateIds ? [...candidateIds] : [];
  const lookup = (id: string, m: Map<string, number>, list: string[], fixedList: boolean, line: number, field: string) => {
    let k = m.get(id);
    if (k === undefined) {
      if (fixedList) { problems.push(at(file, line, `${field}: "${id}" is not in the ${field} list`)); return -1; }
      k = list.length; list.push(id); m.set(id, k);
    }
    return k;
  };
  const demand: number[] = [], candidate: number[] = [], cost: number[] = [];
  // Pairs seen, keyed d * 2^26 + c (exact below 2^53: up to 2^26 candidates and 2^27 demand points).
  const seen = new Set<number>();
  scanCsv(text, file, (table) => {
    const dCol = requireColumn(table, ['demand', 'demand_id', 'client'], file, 'demand');
    const cCol = requireColumn(table, ['candidate', 'candidate_id', 'site', 'facility'], file, 'candidate');
    const vCol = requireColumn(table, ['cost', 'time_s', 'distance'], file, 'cost');
    return (values, line) => {
      const d = lookup(values[dCol], dIndex, dList, demandIds !== undefined, line, 'demand');
      const c = lookup(values[cCol], cIndex, cList, candidateIds !== undefined, line, 'candidate');
      const raw = values[vCol].trim().toLowerCase();
      const v = raw === '' || raw === 'inf' || raw === 'infinity' ? Infinity
        : readNumber(values[vCol], '>= 0', file, line, 'cost', problems, 'a number >= 0 (or inf)');
      if (d < 0 || c < 0) return;
      if (c >= 67108864) throw new InputError(`${file}: more than 2^26 candidates`);
      const key = d * 67108864 + c;
      if (seen.has(key)) problems.push(at(file, line, `pair (${values[dCol]}, ${values[cCol]}) appears twice`));
      seen.add(key);
      demand.push(d); candidate.push(c); cost.push(v);
    };
  });
  throwProblems(problems);
  return { demandIds: dList, candidateIds: cList, pairs: { demand, candidate, cost } };
}
