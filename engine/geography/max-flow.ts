/**
 * A directed flow network on typed arrays, solved by Dinic's algorithm (BFS levels, blocking flows by
 * DFS with current-arc pointers). Arcs are added once; capacities may be changed and flows reset
 * between solves, so a caller that solves the same structure many times (threshold searches) builds
 * it once. The solver keeps the arcs grouped by their tail (compressed rows; within a tail the arcs
 * added, last added first, then the reverse arcs), laid out on the first call after arcs were added;
 * searches try a node's arcs in that order.
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
  /** The current flow, sparse (the arcs added with nonzero flow), to restore later with loadFlow. */
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
  /**
   * After maxFlow: the arcs (as addArc numbered them, ascending) of the minimum cut nearest t, the
   * arcs of positive capacity into the nodes that reach t in the residual network (the sink side)
   * from nodes outside it. Found by whichever of two
   * searches ends first, the sink's side or the other (see cutFromSource): on a network where one side
   * is most of it, a small multiple of the work of the smaller side instead of the sink's side.
   */
  cutNearSink(s: number, t: number): Int32Array;
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
  let dirty = new Int32Array(0), isDirty = new Uint8Array(0), dirtyCount = 0;
  /** Set every flow to 0 (only the slots listed as possibly nonzero). */
  const clearFlow = () => {
    for (let j = 0; j < dirtyCount; j++) { const a = dirty[j]; sFl[a] = 0; isDirty[a] = 0; }
    dirtyCount = 0;
  };
  // cutNearSink's scratch: per node 0 unknown, 1 reaches t, 2 does not, 3 visited by the current search.
  let mark: Uint8Array | undefined;
  let touched = new Int32Array(0);
  let seenT: Uint8Array | undefined; // cutFromSink's scratch

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
    // Counting sort by tail (the head of the reverse arc); within a tail the arcs added (even) before
    // the reverse arcs (odd), each latest first.
    first.fill(0);
    for (let a = 0; a < m; a++) first[to[a ^ 1] + 1]++;
    for (let u = 0; u < nodeCount; u++) first[u + 1] += first[u];
    const cursor = first.slice(0, nodeCount);
    for (let j = 0; j < m; j++) {
      const a = j < m / 2 ? m - 2 - 2 * j : 2 * m - 1 - 2 * j; // m - 2, m - 4, ..., 0, then m - 1, ..., 1
      const k = cursor[to[a ^ 1]]++;
      pos[a] = k; arcOf[k] = a; sTo[k] = to[a]; sCap[k] = cap[a]; sFl[k] = fl[a];
    }
    for (let j = 0; j < m; j++) { sPair[j] = pos[arcOf[j] ^ 1]; sPairCap[j] = sCap[sPair[j]]; }
    laid = m;
    // Slots whose flow may be nonzero (so that saving, loading and resetting a flow touch only those).
    dirty = new Int32Array(m); isDirty = new Uint8Array(m); dirtyCount = 0;
    for (let a = 0; a < m; a++) if (sFl[a] !== 0) { isDirty[a] = 1; dirty[dirtyCount++] = a; }
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
        for (let d = 0; d < depth; d++) {
          const a = sa[d], b = pr[a];
          f[a] += amount; f[b] -= amount;
          if (!isDirty[a]) { isDirty[a] = 1; dirty[dirtyCount++] = a; }
          if (!isDirty[b]) { isDirty[b] = 1; dirty[dirtyCount++] = b; }
        }
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

  // The work each search of cutNearSink would take, as the last one to finish suggests (the other
  // side is the rest of the nodes).
  const cutWork = { fromSource: 0, fromSink: 0 };
  /** The cut nearest t from the sink's side (nodes that reach t: a search back from t), or null past `budget` nodes. */
  const cutFromSink = (t: number, budget: number): number[] | null => {
    if (!seenT) seenT = new Uint8Array(nodeCount);
    const seen = seenT, fs = first, tg = sTo, f = sFl, pc = sPairCap, q = queue;
    let qt = 0;
    seen[t] = 1; q[qt++] = t;
    for (let qh = 0; qh < qt && qt <= budget; qh++) {
      const v = q[qh];
      for (let b = fs[v], end = fs[v + 1]; b < end; b++) {
        const u = tg[b];
        if (!seen[u] && pc[b] + f[b] > 0) { seen[u] = 1; q[qt++] = u; }
      }
    }
    let cut: number[] | null = null;
    if (qt <= budget) {
      cut = [];
      // Arcs u -> v of positive capacity into the side (slot b at v runs v -> u; its pair u -> v).
      for (let k = 0; k < qt; k++) {
        const v = q[k];
        for (let b = fs[v], end = fs[v + 1]; b < end; b++) if (!seen[tg[b]] && pc[b] > 0) cut.push(arcOf[b] ^ 1);
      }
      cutWork.fromSink = qt; cutWork.fromSource = nodeCount - qt;
    }
    for (let k = 0; k < qt; k++) seen[q[k]] = 0;
    return cut;
  };
  /**
   * The cut nearest t from the other side, or null past `budget` nodes: each of its arcs lies on a
   * path of the flow whose part before it never reaches t, so a search from s that crosses residual
   * arcs, and saturated arcs into nodes that cannot reach t, meets every one. Whether a node reaches
   * t is settled by a depth-first search from it, each node visited once (arcs tried in the order laid
   * out: a caller that adds arcs toward t last makes these searches short).
   */
  const cutFromSource = (s: number, t: number, budget: number): number[] | null => {
    if (!mark) { mark = new Uint8Array(nodeCount); touched = new Int32Array(nodeCount); }
    const mk = mark, fs = first, tg = sTo, cp = sCap, f = sFl, pc = sPairCap, sn = stackNode, sa = stackArc, q = queue;
    let count = 0; // nodes marked in this call: touched[0..count)
    mk[t] = 1; touched[count++] = t;
    /** Does `root` reach t in the residual network (null: over budget)? Settles every node the search visits. */
    const settle = (root: number): boolean | null => {
      if (mk[root] !== 0) return mk[root] === 1;
      const from = count;
      mk[root] = 3; touched[count++] = root;
      let depth = 0;
      sn[0] = root; sa[0] = fs[root];
      let found = false;
      while (depth >= 0) {
        const u = sn[depth];
        let a = sa[depth];
        let next = -1;
        for (const end = fs[u + 1]; a < end; a++) {
          if (!(cp[a] - f[a] > 0)) continue;
          const m = mk[tg[a]];
          if (m === 1) { found = true; break; }
          if (m === 0) { next = tg[a]; a++; break; }
        }
        if (found) break;
        sa[depth] = a;
        if (next < 0) { depth--; continue; }
        if (count >= budget) return null;
        mk[next] = 3; touched[count++] = next;
        sn[++depth] = next; sa[depth] = fs[next];
      }
      // The search path reaches t, and so does every visited node that reaches it through visited
      // nodes (backward over residual arcs: slot b runs v -> u, its pair u -> v). Every other
      // visited node had all its arcs explored, into visited nodes or nodes that cannot reach t.
      let qt = 0;
      if (found) for (let d = 0; d <= depth; d++) { mk[sn[d]] = 1; q[qt++] = sn[d]; }
      for (let qh = 0; qh < qt; qh++) {
        const v = q[qh];
        for (let b = fs[v], end = fs[v + 1]; b < end; b++) {
          const u = tg[b];
          if (mk[u] === 3 && pc[b] + f[b] > 0) { mk[u] = 1; q[qt++] = u; }
        }
      }
      for (let j = from; j < count; j++) if (mk[touched[j]] === 3) mk[touched[j]] = 2;
      return found;
    };
    let cut: number[] | null = [];
    const first0 = settle(s);
    if (first0) { for (let j = 0; j < count; j++) mk[touched[j]] = 0; throw new Error('cutNearSink: the flow is not maximum (s reaches t)'); }
    if (first0 === null) cut = null;
    // Nodes known not to reach t, in the order settled (touched[] entries marked 2): each one's
    // saturated arcs lead into the cut (head reaches t) or to more such nodes.
    for (let j = 0; j < count && cut; j++) {
      const u = touched[j];
      if (mk[u] !== 2) continue;
      for (let a = fs[u], end = fs[u + 1]; a < end; a++) {
        if (!(cp[a] > 0) || cp[a] - f[a] > 0) continue;
        const reaches = settle(tg[a]);
        if (reaches === null) { cut = null; break; }
        if (reaches) cut.push(arcOf[a]);
      }
    }
    if (cut) {
      let outside = 0;
      for (let j = 0; j < count; j++) if (mk[touched[j]] === 2) outside++;
      cutWork.fromSource = count; cutWork.fromSink = nodeCount - outside;
    }
    for (let j = 0; j < count; j++) mk[touched[j]] = 0;
    return cut;
  };

  /**
   * Push flow along one path from s to t found by depth-first search over residual arcs: the amount
   * pushed, 0 when no path exists (then `level` marks, >= 0, exactly the nodes reachable from s), or
   * -1 when the search visited `budget` nodes first (nothing changed).
   */
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
    resetFlow() { layout(); reachFrom = -1; clearFlow(); },
    saveFlow() {
      layout();
      // Drop the listed slots whose flow went back to 0; keep the arcs added (a reverse arc's flow is
      // minus its pair's).
      let k = 0, added = 0;
      for (let j = 0; j < dirtyCount; j++) {
        const a = dirty[j];
        if (sFl[a] === 0) { isDirty[a] = 0; continue; }
        dirty[k++] = a;
        if ((arcOf[a] & 1) === 0) added++;
      }
      dirtyCount = k;
      const arc = new Int32Array(added), flow = new Float64Array(added);
      for (let j = 0, i = 0; j < k; j++) { const a = dirty[j]; if ((arcOf[a] & 1) === 0) { arc[i] = arcOf[a]; flow[i++] = sFl[a]; } }
      return { arc, flow };
    },
    loadFlow(snapshot) {
      layout();
      reachFrom = -1;
      clearFlow();
      for (let k = 0; k < snapshot.arc.length; k++) {
        const a = pos[snapshot.arc[k]], b = sPair[a];
        sFl[a] = snapshot.flow[k]; sFl[b] = -snapshot.flow[k];
        isDirty[a] = 1; dirty[dirtyCount++] = a;
        isDirty[b] = 1; dirty[dirtyCount++] = b;
      }
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
    cutNearSink(s, t) {
      layout();
      // Two exact searches, each abandoned past a node budget: the sink's side (a search back from
      // t) or the other side (cutFromSource). The one the last call suggests is smaller goes first;
      // with budgets growing fourfold in turn, the work is a small multiple of the smaller side.
      const sourceFirst = cutWork.fromSource <= cutWork.fromSink;
      for (let budget = Math.max(1, nodeCount >> 6, 2 * Math.min(cutWork.fromSource, cutWork.fromSink)); ; budget *= 4) {
        for (const fromSource of sourceFirst ? [true, false] : [false, true]) {
          const cut = fromSource ? cutFromSource(s, t, budget) : cutFromSink(t, budget);
          if (cut) return Int32Array.from(cut).sort();
        }
        if (budget > nodeCount) throw new Error('internal: cutNearSink exceeded the node count');
      }
    },
  };
}
