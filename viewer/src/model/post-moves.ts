/**
 * How a layout's posts changed from A (before) to B (after): posts at the same node are kept; the rest
 * of A's posts are matched to the rest of B's by a minimum-total-distance assignment (Hungarian
 * method; above MAX_EXACT posts on a side, greedily by nearest pair), and each matched pair is a
 * move, drawn as an arrow. What is left over is a closed post (in
 * A only) or a new one (in B only).
 */
export interface PostMove { from: number; to: number; distanceM: number }

export interface PostChanges {
  /** Pairs (index in A, index in B) at the same node. */
  kept: [number, number][];
  moves: PostMove[];
  /** Indices in A with no counterpart in B. */
  closed: number[];
  /** Indices in B with no counterpart in A. */
  opened: number[];
}

export function diffPosts(
  a: { node: number; x: number; y: number }[],
  b: { node: number; x: number; y: number }[],
): PostChanges {
  const kept: [number, number][] = [];
  const usedB = new Set<number>();
  const restA: number[] = [];
  const byNodeB = new Map<number, number[]>();
  b.forEach((p, j) => { const l = byNodeB.get(p.node) ?? []; l.push(j); byNodeB.set(p.node, l); });
  a.forEach((p, i) => {
    const j = (byNodeB.get(p.node) ?? []).find((c) => !usedB.has(c));
    if (j === undefined) restA.push(i); else { usedB.add(j); kept.push([i, j]); }
  });
  const restB = b.map((_, j) => j).filter((j) => !usedB.has(j));
  const dist = (i: number, j: number) => Math.hypot(a[i].x - b[j].x, a[i].y - b[j].y);
  const assignment = Math.max(restA.length, restB.length) <= MAX_EXACT
    ? minCostAssignment(restA.length, restB.length, (r, c) => dist(restA[r], restB[c]))
    : greedyAssignment(restA.length, restB.length, (r, c) => dist(restA[r], restB[c]));
  const moves: PostMove[] = [];
  const closed: number[] = [], matchedB = new Set<number>();
  assignment.forEach((c, r) => {
    if (c < 0) { closed.push(restA[r]); return; }
    matchedB.add(c);
    moves.push({ from: restA[r], to: restB[c], distanceM: dist(restA[r], restB[c]) });
  });
  const opened = restB.filter((_, c) => !matchedB.has(c));
  return { kept, moves, closed, opened };
}

/** Above this many unmatched posts on a side the O(n^3) assignment gives way to a greedy one. */
export const MAX_EXACT = 400;

/** Pairs taken by increasing cost, each row and column once (per row: its column or -1). */
export function greedyAssignment(rows: number, cols: number, cost: (r: number, c: number) => number): number[] {
  const pairs: [number, number, number][] = [];
  for (let r = 0; r < rows; r++) for (let c = 0; c < cols; c++) pairs.push([cost(r, c), r, c]);
  pairs.sort((a, b) => a[0] - b[0] || a[1] - b[1] || a[2] - b[2]);
  const out = new Array<number>(rows).fill(-1), used = new Uint8Array(cols);
  for (const [, r, c] of pairs) if (out[r] < 0 && !used[c]) { out[r] = c; used[c] = 1; }
  return out;
}

/**
 * Minimum-cost assignment of rows to columns (rectangular allowed): returns, per row, its column or -1
 * when there are more rows than columns. Hungarian method with potentials, O(n^3) for n = max(rows, cols).
 */
export function minCostAssignment(rows: number, cols: number, cost: (r: number, c: number) => number): number[] {
  const n = Math.max(rows, cols);
  if (n === 0) return [];
  // The cost matrix once (padding costs nothing): the O(n^3) loop then reads a typed array.
  const m = new Float64Array(n * n);
  for (let r = 0; r < rows; r++) for (let k = 0; k < cols; k++) m[r * n + k] = cost(r, k);
  const u = new Float64Array(n + 1), v = new Float64Array(n + 1);
  const p = new Int32Array(n + 1), way = new Int32Array(n + 1);
  for (let i = 1; i <= n; i++) {
    p[0] = i;
    let j0 = 0;
    const minv = new Float64Array(n + 1).fill(Infinity);
    const used = new Uint8Array(n + 1);
    do {
      used[j0] = 1;
      const i0 = p[j0];
      let delta = Infinity, j1 = 0;
      for (let j = 1; j <= n; j++) {
        if (used[j]) continue;
        const cur = m[(i0 - 1) * n + j - 1] - u[i0] - v[j];
        if (cur < minv[j]) { minv[j] = cur; way[j] = j0; }
        if (minv[j] < delta) { delta = minv[j]; j1 = j; }
      }
      for (let j = 0; j <= n; j++) {
        if (used[j]) { u[p[j]] += delta; v[j] -= delta; } else minv[j] -= delta;
      }
      j0 = j1;
    } while (p[j0] !== 0);
    do { const j1 = way[j0]; p[j0] = p[j1]; j0 = j1; } while (j0);
  }
  const out = new Array<number>(rows).fill(-1);
  for (let j = 1; j <= n; j++) if (p[j] - 1 < rows && j - 1 < cols) out[p[j] - 1] = j - 1;
  return out;
}
