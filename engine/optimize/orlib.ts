import { InputError } from '../io/input-error.ts';
import { createLocationProblem, problemFromMatrix, type LocationProblem } from './problem.ts';

/** Whitespace-separated integers of a text file, each with its 1-based line number. */
function tokens(text: string): { value: number[]; line: number[] } {
  const value: number[] = [], line: number[] = [];
  const lines = text.split('\n');
  for (let l = 0; l < lines.length; l++) {
    for (const t of lines[l].split(/\s+/)) {
      if (t === '') continue;
      value.push(Number(t)); line.push(l + 1);
    }
  }
  return { value, line };
}

/**
 * Parse an OR-Library p-median file (Beasley 1990): `n m p`, then m lines `i j c`, an undirected
 * edge (1-based) of integer cost. Costs are all-pairs shortest paths (Floyd–Warshall); every vertex
 * is a demand point (weight 1) and a candidate. A repeated vertex pair: the LAST line wins (the
 * OR-Library convention; taking the minimum gives pmed1 = 5718 instead of the optimum 5819).
 */
export function parsePmed(text: string, fileName: string): { problem: LocationProblem; p: number } {
  const { value, line } = tokens(text);
  const bad = (k: number, what: string) => new InputError(`${fileName}:${line[k] ?? '?'}: ${what}, got "${value[k]}"`);
  const [n, m, p] = value;
  if (!(Number.isInteger(n) && n >= 1)) throw bad(0, 'n: expected a vertex count >= 1');
  if (!(Number.isInteger(m) && m >= 0)) throw bad(1, 'm: expected an edge count >= 0');
  if (!(Number.isInteger(p) && p >= 1 && p <= n)) throw bad(2, `p: expected an integer 1..${n}`);
  if (value.length < 3 + 3 * m) throw new InputError(`${fileName}: expected ${m} edge lines, the file ends early`);
  const d = new Float64Array(n * n).fill(Infinity);
  for (let v = 0; v < n; v++) d[v * n + v] = 0;
  for (let e = 0; e < m; e++) {
    const k = 3 + 3 * e;
    const i = value[k] - 1, j = value[k + 1] - 1, c = value[k + 2];
    if (!(Number.isInteger(i) && i >= 0 && i < n)) throw bad(k, `i: expected a vertex 1..${n}`);
    if (!(Number.isInteger(j) && j >= 0 && j < n)) throw bad(k + 1, `j: expected a vertex 1..${n}`);
    if (!(c >= 0)) throw bad(k + 2, 'c: expected a cost >= 0');
    if (i !== j) { d[i * n + j] = c; d[j * n + i] = c; }
  }
  for (let k = 0; k < n; k++) {
    for (let i = 0; i < n; i++) {
      const dik = d[i * n + k];
      if (dik === Infinity) continue;
      for (let j = 0; j < n; j++) {
        const via = dik + d[k * n + j];
        if (via < d[i * n + j]) d[i * n + j] = via;
      }
    }
  }
  const ids = Array.from({ length: n }, (_, v) => String(v + 1));
  return { problem: problemFromMatrix(ids, ids, d), p };
}

/**
 * Parse an OR-Library set-covering file (Beasley 1987): `m n`; n column costs; then per row its
 * count of covering columns and those columns (1-based). As a location problem: rows are demand
 * points, columns candidate sites with cost c_j, and d_ij = 0 where column j covers row i (so any
 * target >= 0 gives the covering sets).
 */
export function parseScp(text: string, fileName: string): LocationProblem {
  const { value, line } = tokens(text);
  const bad = (k: number, what: string) => new InputError(`${fileName}:${line[k] ?? '?'}: ${what}, got "${value[k]}"`);
  const [m, n] = value;
  if (!(Number.isInteger(m) && m >= 1)) throw bad(0, 'm: expected a row count >= 1');
  if (!(Number.isInteger(n) && n >= 1)) throw bad(1, 'n: expected a column count >= 1');
  const cost: number[] = [];
  let k = 2;
  for (let j = 0; j < n; j++, k++) {
    if (!(value[k] >= 0)) throw bad(k, `cost of column ${j + 1}: expected a number >= 0`);
    cost.push(value[k]);
  }
  const cand: number[] = [], dem: number[] = [], zero: number[] = [];
  for (let i = 0; i < m; i++) {
    const count = value[k];
    if (!(Number.isInteger(count) && count >= 0)) throw bad(k, `row ${i + 1}: expected a column count`);
    k++;
    for (let q = 0; q < count; q++, k++) {
      const j = value[k] - 1;
      if (!(Number.isInteger(j) && j >= 0 && j < n)) throw bad(k, `row ${i + 1}: expected a column 1..${n}`);
      cand.push(j); dem.push(i); zero.push(0);
    }
  }
  return createLocationProblem({
    demandIds: Array.from({ length: m }, (_, i) => String(i + 1)),
    candidateIds: Array.from({ length: n }, (_, j) => String(j + 1)),
    siteCost: cost,
    pairs: { candidate: cand, demand: dem, cost: zero },
  });
}

/** Parse `pmedopt.txt`: lines "pmedN value" after a header. */
export function parsePmedOptima(text: string): Map<string, number> {
  const out = new Map<string, number>();
  for (const l of text.split('\n')) {
    const m = /^\s*(pmed\d+)\s+(\d+)\s*$/.exec(l);
    if (m) out.set(m[1], Number(m[2]));
  }
  return out;
}
