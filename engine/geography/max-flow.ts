/**
 * A directed flow network on typed arrays, solved by Dinic's algorithm (BFS levels, blocking flows by
 * DFS with current-arc pointers). Arcs are added once; capacities may be changed and flows reset
 * between solves, so a caller that solves the same structure many times (threshold searches) builds
 * it once. The solver keeps the arcs grouped by their tail (compressed rows; within a tail the last
 * added first), laid out on the first call after arcs were added.
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
  // Arcs as added: arc 2k the k-th arc, 2k + 1 its reverse (its tail is the head of its pair).
  let to = new Int32Array(64);
  let cap = new Float64Array(64);
  let fl = new Float64Array(64);
  let m = 0;
  // The solver's layout: the arcs of node u in slots first[u]..first[u + 1] - 1 (last added first);
  // slot k holds arc arcOf[k] (pos is the inverse), its head node, capacity, flow, and the slot of
  // its reverse arc, and that reverse arc's capacity (so that a search toward the sink reads the
  // residual u -> v of slot v -> u as pairCap + flow, in sequence). Capacities and flows live here
  // once laid out.
  let laid = 0; // arcs laid out (m when current)
  const first = new Int32Array(nodeCount + 1);
  let pos = new Int32Array(0), arcOf = new Int32Array(0), sTo = new Int32Array(0), sPair = new Int32Array(0);
  let sCap = new Float64Array(0), sFl = new Float64Array(0), sPairCap = new Float64Array(0);
  const level = new Int32Array(nodeCount);
  const iter = new Int32Array(nodeCount);
  const queue = new Int32Array(nodeCount);
  // Iterative DFS stacks.
  const stackNode = new Int32Array(nodeCount + 1);
  const stackArc = new Int32Array(nodeCount + 1);
  // After a maxFlow whose last BFS found no path, `level` marks (>= 0) exactly the nodes reachable
  // from that source in the residual network; any change to capacities or flows voids it.
  let reachFrom = -1;
  let nonzero = new Int32Array(0); // saveFlow's scratch

  const grow = () => {
    const size = to.length * 2;
    const t2 = new Int32Array(size); t2.set(to); to = t2;
    const c2 = new Float64Array(size); c2.set(cap); cap = c2;
    const f2 = new Float64Array(size); f2.set(fl); fl = f2;
  };
  /** Lay the arcs out by tail (after arcs were added), keeping capacities and flows. */
  const layout = () => {
    if (laid === m) return;
    for (let k = 0; k < laid; k++) { cap[arcOf[k]] = sCap[k]; fl[arcOf[k]] = sFl[k]; }
    pos = new Int32Array(m); arcOf = new Int32Array(m); sTo = new Int32Array(m); sPair = new Int32Array(m);
    sCap = new Float64Array(m); sFl = new Float64Array(m); sPairCap = new Float64Array(m);
    // Counting sort by tail (the head of the reverse arc), latest arc first within a tail.
    first.fill(0);
    for (let a = 0; a < m; a++) first[to[a ^ 1] + 1]++;
    for (let u = 0; u < nodeCount; u++) first[u + 1] += first[u];
    const cursor = first.slice(0, nodeCount);
    for (let a = m - 1; a >= 0; a--) {
      const k = cursor[to[a ^ 1]]++;
      pos[a] = k; arcOf[k] = a; sTo[k] = to[a]; sCap[k] = cap[a]; sFl[k] = fl[a];
    }
    for (let j = 0; j < m; j++) { sPair[j] = pos[arcOf[j] ^ 1]; sPairCap[j] = sCap[sPair[j]]; }
    laid = m;
  };
  /** BFS levels from s over arcs with residual capacity; stops once the level of t is complete. */
  const bfs = (s: number, t: number): boolean => {
    const lv = level, fs = first, tg = sTo, cp = sCap, f = sFl, q = queue;
    lv.fill(-1);
    let qh = 0, qt = 0;
    lv[s] = 0; q[qt++] = s;
    while (qh < qt) {
      const u = q[qh++];
      if (lv[t] >= 0 && lv[u] >= lv[t]) break;
      const next1 = lv[u] + 1;
      for (let a = fs[u], end = fs[u + 1]; a < end; a++) {
        const v = tg[a];
        if (lv[v] < 0 && cp[a] - f[a] > 0) { lv[v] = next1; q[qt++] = v; }
      }
    }
    return lv[t] >= 0;
  };

  /** One augmenting path along the level graph from s to t (iterative DFS); returns the amount pushed (0: blocked). */
  const augment = (s: number, t: number, want: number): number => {
    const lv = level, it = iter, fs = first, tg = sTo, cp = sCap, f = sFl, pr = sPair, sn = stackNode, sa = stackArc;
    let depth = 0;
    sn[0] = s;
    for (;;) {
      const u = sn[depth];
      if (u === t) {
        let amount = want;
        for (let d = 0; d < depth; d++) { const a = sa[d]; const r = cp[a] - f[a]; if (r < amount) amount = r; }
        for (let d = 0; d < depth; d++) { const a = sa[d]; f[a] += amount; f[pr[a]] -= amount; }
        return amount;
      }
      const want1 = lv[u] + 1;
      let a = it[u];
      const end = fs[u + 1];
      while (a < end && !(cp[a] - f[a] > 0 && lv[tg[a]] === want1)) a++;
      it[u] = a;
      if (a < end) {
        sa[depth] = a;
        sn[++depth] = tg[a];
        continue;
      }
      // Dead end: retreat and skip the arc that led here.
      lv[u] = -1;
      if (depth === 0) return 0;
      depth--;
      it[sn[depth]]++;
    }
  };

  return {
    nodeCount,
    get arcCount() { return m; },
    addArc(u, v, capacity) {
      if (!(u >= 0 && u < nodeCount && v >= 0 && v < nodeCount)) throw new Error(`arc ${u}->${v}: node out of range 0..${nodeCount - 1}`);
      if (!(capacity >= 0)) throw new Error(`arc ${u}->${v}: capacity must be >= 0, got ${capacity}`);
      reachFrom = -1;
      while (m + 2 > to.length) grow();
      to[m] = v; cap[m] = capacity; fl[m] = 0; m++;
      to[m] = u; cap[m] = 0; fl[m] = 0; m++;
      return m - 2;
    },
    setCapacity(arc, capacity) {
      if (!(capacity >= 0)) throw new Error(`capacity must be >= 0, got ${capacity}`);
      layout();
      const k = pos[arc];
      if (sCap[k] !== capacity) reachFrom = -1;
      sCap[k] = capacity;
      sPairCap[sPair[k]] = capacity;
    },
    capacity: (arc) => { layout(); return sCap[pos[arc]]; },
    flow: (arc) => { layout(); return sFl[pos[arc]]; },
    resetFlow() { layout(); reachFrom = -1; sFl.fill(0); },
    saveFlow() {
      layout();
      if (nonzero.length < m) nonzero = new Int32Array(m);
      let k = 0;
      for (let a = 0; a < m; a++) if (sFl[a] !== 0) nonzero[k++] = a;
      const arc = new Int32Array(k), flow = new Float64Array(k);
      for (let j = 0; j < k; j++) { const a = nonzero[j]; arc[j] = arcOf[a]; flow[j] = sFl[a]; }
      return { arc, flow };
    },
    loadFlow(snapshot) {
      layout();
      reachFrom = -1;
      sFl.fill(0);
      for (let k = 0; k < snapshot.arc.length; k++) sFl[pos[snapshot.arc[k]]] = snapshot.flow[k];
    },
    maxFlow(s, t, limit = Infinity) {
      if (s === t) throw new Error('source and sink are the same node');
      layout();
      // Flow already pushed (from an earlier call with the same source) counts.
      let total = 0;
      for (let a = first[s]; a < first[s + 1]; a++) total += sFl[a];
      reachFrom = -1;
      while (total < limit) {
        if (!bfs(s, t)) { reachFrom = s; break; }
        iter.set(first.subarray(0, nodeCount));
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
      layout();
      const seen = new Uint8Array(nodeCount);
      if (reachFrom === s) {
        for (let v = 0; v < nodeCount; v++) seen[v] = level[v] >= 0 ? 1 : 0;
        return seen;
      }
      let qh = 0, qt = 0;
      seen[s] = 1; queue[qt++] = s;
      while (qh < qt) {
        const u = queue[qh++];
        for (let a = first[u]; a < first[u + 1]; a++) {
          const v = sTo[a];
          if (!seen[v] && sCap[a] - sFl[a] > 0) { seen[v] = 1; queue[qt++] = v; }
        }
      }
      return seen;
    },
    sinkSide(t) {
      layout();
      const seen = new Uint8Array(nodeCount);
      let qh = 0, qt = 0;
      seen[t] = 1; queue[qt++] = t;
      while (qh < qt) {
        const v = queue[qh++];
        // Slot b runs v -> u; its pair runs u -> v.
        for (let b = first[v]; b < first[v + 1]; b++) {
          // Residual of the pair: its capacity minus its flow, which is minus this slot's flow.
          const u = sTo[b];
          if (!seen[u] && sPairCap[b] + sFl[b] > 0) { seen[u] = 1; queue[qt++] = u; }
        }
      }
      return seen;
    },
  };
}
