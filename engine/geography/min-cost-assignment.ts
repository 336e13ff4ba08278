import { MinHeap } from '../routing/min-heap.ts';

/**
 * Least-cost assignment of rows to columns with column capacities (a transportation problem with
 * unit row demands), by successive shortest augmenting paths with Johnson potentials:
 *
 *   minimise    Σ_{(r,c) ∈ A} cost_rc x_rc
 *   subject to  Σ_c x_rc = 1          for every row r
 *               Σ_r x_rc <= cap_c     for every column c
 *               x_rc ∈ {0, 1}, only for the listed pairs A
 *
 * Rows r ∈ 0..rows-1, columns c ∈ 0..cols-1, pairs A given as parallel arrays (row, col, cost >= 0).
 * Each augmentation assigns one more row along a cheapest path in the residual network, so after
 * `rows` augmentations the assignment is optimal (costs >= 0 keep the reduced costs >= 0).
 * Returns `col[r]` per row, or undefined when not every row can be assigned.
 *
 * @example
 * minCostAssignment(2, 1, [2], { row: [0, 1], col: [0, 0], cost: [5, 7] }) // { col: [0, 0], total: 12 }
 */
export function minCostAssignment(
  rows: number, cols: number, cap: ArrayLike<number>,
  pairs: { row: ArrayLike<number>; col: ArrayLike<number>; cost: ArrayLike<number> },
): { col: Int32Array; total: number } | undefined {
  const m = pairs.row.length;
  // Residual graph: node 0..rows-1 rows, rows..rows+cols-1 columns, S = rows+cols, T = S+1.
  const n = rows + cols + 2;
  const S = rows + cols, T = S + 1;
  const arcs = 2 * (m + rows + cols);
  const head = new Int32Array(n).fill(-1);
  const next = new Int32Array(arcs);
  const to = new Int32Array(arcs);
  const capa = new Float64Array(arcs);
  const cost = new Float64Array(arcs);
  let k = 0;
  const add = (u: number, v: number, c: number, w: number) => {
    to[k] = v; capa[k] = c; cost[k] = w; next[k] = head[u]; head[u] = k++;
    to[k] = u; capa[k] = 0; cost[k] = -w; next[k] = head[v]; head[v] = k++;
  };
  // Add pairs in reverse so adjacency lists run in input order (deterministic tie-breaking).
  for (let i = m - 1; i >= 0; i--) {
    const r = pairs.row[i], c = pairs.col[i], w = pairs.cost[i];
    if (!(w >= 0 && Number.isFinite(w))) throw new Error(`pair ${i}: cost must be finite and >= 0, got ${w}`);
    if (!(r >= 0 && r < rows && c >= 0 && c < cols)) throw new Error(`pair ${i}: row ${r} or column ${c} out of range`);
    add(r, rows + c, 1, w);
  }
  for (let r = rows - 1; r >= 0; r--) add(S, r, 1, 0);
  for (let c = cols - 1; c >= 0; c--) add(rows + c, T, cap[c], 0);

  const potential = new Float64Array(n);
  const dist = new Float64Array(n);
  const prevArc = new Int32Array(n);
  const done = new Uint8Array(n);
  const heap = new MinHeap(64);
  let total = 0;
  for (let step = 0; step < rows; step++) {
    dist.fill(Infinity); prevArc.fill(-1); done.fill(0); heap.clear();
    dist[S] = 0; heap.push(0, S);
    while (heap.size > 0) {
      const d = heap.peekKey(), u = heap.peekValue();
      heap.pop();
      if (done[u] || d > dist[u]) continue;
      done[u] = 1;
      for (let a = head[u]; a !== -1; a = next[a]) {
        if (capa[a] <= 0) continue;
        const v = to[a];
        // Reduced costs are >= 0 up to rounding; clamp so Dijkstra's order stays valid.
        const rc = Math.max(0, cost[a] + potential[u] - potential[v]);
        if (d + rc < dist[v]) { dist[v] = d + rc; prevArc[v] = a; heap.push(dist[v], v); }
      }
    }
    if (dist[T] === Infinity) return undefined;
    for (let v = 0; v < n; v++) if (dist[v] < Infinity) potential[v] += dist[v];
    for (let v = T; v !== S; v = to[prevArc[v] ^ 1]) { const a = prevArc[v]; capa[a] -= 1; capa[a ^ 1] += 1; }
  }
  const col = new Int32Array(rows).fill(-1);
  for (let r = 0; r < rows; r++) {
    for (let a = head[r]; a !== -1; a = next[a]) {
      if ((a & 1) === 0 && to[a] >= rows && to[a] < S && capa[a] === 0) { col[r] = to[a] - rows; total += cost[a]; break; }
    }
  }
  return { col, total };
}
