import { parseCsv, requireColumn } from '../io/csv.ts';
import { at, throwProblems } from '../io/input-error.ts';
import { createLocationProblem, type LocationProblem } from './problem.ts';

/**
 * spopt's San Francisco test case (scenarios/data/mclp-spopt-sf, BSD-3-Clause) as a location
 * problem: demand = 205 census tracts weighted by POP2000 (sorted by NAME, as spopt does), candidates
 * = 16 stores sorted by name (lexicographically, as spopt's pivot table), d_ij = network distance in
 * metres from store j to tract i.
 */
export function parseSpoptSf(distanceCsv: string, distanceFile: string, demandCsv: string, demandFile: string): LocationProblem {
  // spopt's CSV (a pandas export) starts with an unnamed index column: name it.
  const dem = parseCsv(demandCsv.replace(/^""/, '"row"'), demandFile);
  const nameCol = requireColumn(dem, ['NAME'], demandFile);
  const popCol = requireColumn(dem, ['POP2000'], demandFile);
  const problems: string[] = [];
  const tracts = dem.rows.map((r) => ({ name: r.values[nameCol], pop: Number(r.values[popCol]), line: r.line }));
  for (const t of tracts) if (!(t.pop >= 0)) problems.push(at(demandFile, t.line, `POP2000: expected a number >= 0, got "${t.pop}"`));
  tracts.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const dist = parseCsv(distanceCsv, distanceFile);
  const dCol = requireColumn(dist, ['distance'], distanceFile);
  const sCol = requireColumn(dist, ['name'], distanceFile);
  const tCol = requireColumn(dist, ['DestinationName'], distanceFile);
  const stores = [...new Set(dist.rows.map((r) => r.values[sCol]))].sort();
  const storeIndex = new Map(stores.map((s, j) => [s, j]));
  const tractIndex = new Map(tracts.map((t, i) => [t.name, i]));
  const cand: number[] = [], demand: number[] = [], cost: number[] = [];
  for (const r of dist.rows) {
    const i = tractIndex.get(r.values[tCol]);
    const d = Number(r.values[dCol]);
    if (i === undefined) { problems.push(at(distanceFile, r.line, `DestinationName: "${r.values[tCol]}" is not a tract of ${demandFile}`)); continue; }
    if (!(d >= 0)) { problems.push(at(distanceFile, r.line, `distance: expected a number >= 0, got "${r.values[dCol]}"`)); continue; }
    cand.push(storeIndex.get(r.values[sCol])!); demand.push(i); cost.push(d);
  }
  throwProblems(problems);
  return createLocationProblem({
    demandIds: tracts.map((t) => t.name), demandWeight: tracts.map((t) => t.pop), candidateIds: stores,
    pairs: { candidate: cand, demand, cost },
  });
}
