/**
 * A directed flow network on typed arrays, solved by Dinic's algorithm (BFS levels, blocking flows by
 * DFS with current-arc pointers). Arcs are added once; capacities may be changed and flows reset
 * between solves, so a caller that solves the same structure many times (threshold searches) builds
 * it once.
 *
 * Capacities are numbers >= 0 (Infinity allowed). With integer capacities every flow is integral.
 * Arc 2k is the k-th arc added, arc 2k+1 its reverse (capacity 0).
 *
 * @example
 * const net = createFlowNetwork(4);
 * net.addArc(0, 1, 2); net.addArc(1, 3, 1); net.addArc(0, 2, 1); net.addArc(2, 3, 5);
 * net.maxFlow(0, 3) // 2
 */
export interface FlowNetwork {
  readonly nodeCount: number;
  readonly arcCount: number;
  /** Add an arc u -> v with a capacity; returns its index (even). */
  addArc(u: number, v: number, capacity: number): number;
  setCapacity(arc: number, capacity: number): void;
  capacity(arc: number): number;
  /** Flow on an arc added by addArc. */
  flow(arc: number): number;
  /** Set every flow to 0. */
  resetFlow(): void;
  /** The current flow, sparse (arcs with nonzero flow), to restore later with loadFlow. */
  saveFlow(): FlowSnapshot;
  /** Restore a saved flow (valid while no capacity has fallen below it). */
  loadFlow(snapshot: FlowSnapshot): void;
  /**
   * Push flow from s to t until none more fits, or until the flow reaches `limit` (then it may stop
   * early, returning a value >= limit). Starts from the current flow; returns the total flow value.
   * A path of infinite capacity returns Infinity (the flows are then meaningless until resetFlow).
   */
  maxFlow(s: number, t: number, limit?: number): number;
  /** After maxFlow: 1 for nodes reachable from s in the residual network (the source side of a minimum cut). */
  sourceSide(s: number): Uint8Array;
  /** After maxFlow: 1 for nodes that reach t in the residual network (the sink side of another minimum cut). */
  sinkSide(t: number): Uint8Array;
}

export interface FlowSnapshot { readonly arc: Int32Array; readonly flow: Float64Array }

export function createFlowNetwork(nodeCount: number): FlowNetwork {
  let head = new Int32Array(nodeCount).fill(-1);
  let to = new Int32Array(64);
  let next = new Int32Array(64);
  let cap = new Float64Array(64);
  let fl = new Float64Array(64);
  let m = 0;
  const level = new Int32Array(nodeCount);
  const iter = new Int32Array(nodeCount);
  const queue = new Int32Array(nodeCount);
  // Iterative DFS stacks.
  const stackNode = new Int32Array(nodeCount + 1);
  const stackArc = new Int32Array(nodeCount + 1);

  const grow = () => {
    const size = to.length * 2;
    const t2 = new Int32Array(size); t2.set(to); to = t2;
    const n2 = new Int32Array(size); n2.set(next); next = n2;
    const c2 = new Float64Array(size); c2.set(cap); cap = c2;
    const f2 = new Float64Array(size); f2.set(fl); fl = f2;
  };
  /** BFS levels from s over arcs with residual capacity; stops once the level of t is complete. */
  const bfs = (s: number, t: number): boolean => {
    const lv = level, hd = head, nx = next, tg = to, cp = cap, f = fl, q = queue;
    lv.fill(-1);
    let qh = 0, qt = 0;
    lv[s] = 0; q[qt++] = s;
    while (qh < qt) {
      const u = q[qh++];
      if (lv[t] >= 0 && lv[u] >= lv[t]) break;
      const next1 = lv[u] + 1;
      for (let a = hd[u]; a !== -1; a = nx[a]) {
        const v = tg[a];
        if (lv[v] < 0 && cp[a] - f[a] > 0) { lv[v] = next1; q[qt++] = v; }
      }
    }
    return lv[t] >= 0;
  };

  /** One augmenting path along the level graph from s to t (iterative DFS); returns the amount pushed (0: blocked). */
  const augment = (s: number, t: number, want: number): number => {
    const lv = level, it = iter, nx = next, tg = to, cp = cap, f = fl, sn = stackNode, sa = stackArc;
    let depth = 0;
    sn[0] = s;
    for (;;) {
      const u = sn[depth];
      if (u === t) {
        let amount = want;
        for (let d = 0; d < depth; d++) { const a = sa[d]; const r = cp[a] - f[a]; if (r < amount) amount = r; }
        for (let d = 0; d < depth; d++) { const a = sa[d]; f[a] += amount; f[a ^ 1] -= amount; }
        return amount;
      }
      const want1 = lv[u] + 1;
      let a = it[u];
      while (a !== -1 && !(cp[a] - f[a] > 0 && lv[tg[a]] === want1)) a = nx[a];
      it[u] = a;
      if (a !== -1) {
        sa[depth] = a;
        sn[++depth] = tg[a];
        continue;
      }
      // Dead end: retreat and skip the arc that led here.
      lv[u] = -1;
      if (depth === 0) return 0;
      depth--;
      const p = sn[depth];
      it[p] = nx[it[p]];
    }
  };

  return {
    nodeCount,
    get arcCount() { return m; },
    addArc(u, v, capacity) {
      if (!(u >= 0 && u < nodeCount && v >= 0 && v < nodeCount)) throw new Error(`arc ${u}->${v}: node out of range 0..${nodeCount - 1}`);
      if (!(capacity >= 0)) throw new Error(`arc ${u}->${v}: capacity must be >= 0, got ${capacity}`);
      while (m + 2 > to.length) grow();
      to[m] = v; cap[m] = capacity; fl[m] = 0; next[m] = head[u]; head[u] = m; m++;
      to[m] = u; cap[m] = 0; fl[m] = 0; next[m] = head[v]; head[v] = m; m++;
      return m - 2;
    },
    setCapacity(arc, capacity) {
      if (!(capacity >= 0)) throw new Error(`capacity must be >= 0, got ${capacity}`);
      cap[arc] = capacity;
    },
    capacity: (arc) => cap[arc],
    flow: (arc) => fl[arc],
    resetFlow() { fl.fill(0, 0, m); },
    saveFlow() {
      let k = 0;
      for (let a = 0; a < m; a++) if (fl[a] !== 0) k++;
      const arc = new Int32Array(k), flow = new Float64Array(k);
      k = 0;
      for (let a = 0; a < m; a++) if (fl[a] !== 0) { arc[k] = a; flow[k] = fl[a]; k++; }
      return { arc, flow };
    },
    loadFlow(snapshot) {
      fl.fill(0, 0, m);
      for (let k = 0; k < snapshot.arc.length; k++) fl[snapshot.arc[k]] = snapshot.flow[k];
    },
    maxFlow(s, t, limit = Infinity) {
      if (s === t) throw new Error('source and sink are the same node');
      // Flow already pushed (from an earlier call with the same source) counts.
      let total = 0;
      for (let a = head[s]; a !== -1; a = next[a]) total += fl[a];
      while (total < limit && bfs(s, t)) {
        iter.set(head);
        for (;;) {
          const pushed = augment(s, t, limit === Infinity ? Infinity : limit - total);
          if (pushed === 0) break;
          if (pushed === Infinity) return Infinity;
          total += pushed;
          if (total >= limit) break;
        }
      }
      return total;
    },
    sourceSide(s) {
      const seen = new Uint8Array(nodeCount);
      let qh = 0, qt = 0;
      seen[s] = 1; queue[qt++] = s;
      while (qh < qt) {
        const u = queue[qh++];
        for (let a = head[u]; a !== -1; a = next[a]) {
          const v = to[a];
          if (!seen[v] && cap[a] - fl[a] > 0) { seen[v] = 1; queue[qt++] = v; }
        }
      }
      return seen;
    },
    sinkSide(t) {
      const seen = new Uint8Array(nodeCount);
      let qh = 0, qt = 0;
      seen[t] = 1; queue[qt++] = t;
      while (qh < qt) {
        const v = queue[qh++];
        // Arc b runs v -> u; its pair b ^ 1 runs u -> v.
        for (let b = head[v]; b !== -1; b = next[b]) {
          const u = to[b], a = b ^ 1;
          if (!seen[u] && cap[a] - fl[a] > 0) { seen[u] = 1; queue[qt++] = u; }
        }
      }
      return seen;
    },
  };
}
