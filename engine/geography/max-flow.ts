/**
 * A directed flow network on typed arrays, solved with Boykov and Kolmogorov's search trees: one
 * grown from s over residual arcs and one grown back from t meet on an augmenting path; after each
 * augmentation the nodes cut off from their tree by a saturated arc leave it, with the part of the
 * tree below them, and are grown back from their neighbours (see settleOrphans). The trees are kept
 * between solves: a capacity that rises only wakes the nodes at its ends, one that falls only cuts
 * off the node its arc fed, and a flow loaded or rolled back does the same for each arc whose flow
 * changed, so a caller that solves the same structure many times (threshold searches, branching)
 * pays for the part of the network that changed, not for the whole of it. A solve with no trees to
 * go on from (the first, after a reset, or for another s or t) runs Dinic's phases first, which push
 * many paths per search where a tree's repair after each augmentation grows with the part of the
 * tree behind the path, and then grows the trees. Arcs are added once; capacities may be changed
 * and flows reset between solves. The solver keeps the arcs grouped by their tail (compressed rows; within a tail the arcs
 * added, last added first, then the reverse arcs), laid out on the first call after arcs were added;
 * searches try a node's arcs in that order.
 *
 * When a solve ends, the source tree is exactly the nodes reachable from s in the residual network
 * and the sink tree exactly the nodes that reach t (every node of a tree was scanned whole after it
 * last changed), so both extreme minimum cuts are read from the trees.
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
   * Record every flow change from now on (if not recording yet) and return the record's length: a
   * point rollback can return the flow to. Cheaper than saveFlow when the flow changes little.
   */
  checkpoint(): number;
  /** Undo the flow changes recorded after `point` (a checkpoint of the current record). */
  rollback(point: number): void;
  /** Stop recording and drop the record. */
  dropCheckpoints(): void;
  /**
   * Push flow from s to t until none more fits, or until the flow reaches `limit` (then it may stop
   * early, returning a value >= limit). Starts from the current flow; returns the total flow value.
   * A path of infinite capacity returns Infinity (the flows are then meaningless until resetFlow).
   */
  maxFlow(s: number, t: number, limit?: number): number;
  /** After maxFlow: 1 for nodes reachable from s in the residual network (the source side of a minimum cut). */
  sourceSide(s: number): Uint8Array;
  /**
   * After maxFlow: the arcs (as addArc numbered them, ascending) of the minimum cut nearest s, the
   * arcs of positive capacity from the source side to the nodes outside it.
   */
  cutNearSource(s: number): Int32Array;
  /**
   * After maxFlow: the arcs (as addArc numbered them, ascending) of the minimum cut nearest t, the
   * arcs of positive capacity into the nodes that reach t in the residual network (the sink side)
   * from nodes outside it.
   */
  cutNearSink(s: number, t: number): Int32Array;
}

export interface FlowSnapshot { readonly arc: Int32Array; readonly flow: Float64Array }

const FREE = 0, IN_S = 1, IN_T = 2;
/** Parent markers: the root of a tree, and a node cut off from its tree, about to leave it. */
const ROOT = -1, ORPHAN = -2;

/** `arcHint`: how many arcs will be added, if known (room for them is made at once). */
export function createFlowNetwork(nodeCount: number, arcHint = 32): FlowNetwork {
  // Arcs as added: arc 2k the k-th arc, 2k + 1 its reverse (its tail is the head of its pair).
  const room = 2 * Math.max(32, Math.ceil(arcHint));
  let to = new Int32Array(room);
  let cap = new Float64Array(room);
  let fl = new Float64Array(room);
  let m = 0;
  // The solver's layout: the arcs of node u in slots first[u]..first[u + 1] - 1 (last added first);
  // slot k holds arc arcOf[k] (pos is the inverse), its tail and head nodes, capacity, flow, and the
  // slot of its reverse arc, and that reverse arc's capacity (so that a search toward the sink reads
  // the residual u -> v of slot v -> u as pairCap + flow, in sequence). Capacities and flows live
  // here once laid out.
  let laid = 0; // arcs laid out (m when current)
  const first = new Int32Array(nodeCount + 1);
  let pos = new Int32Array(0), arcOf = new Int32Array(0), sTo = new Int32Array(0), sFrom = new Int32Array(0), sPair = new Int32Array(0);
  let sCap = new Float64Array(0), sFl = new Float64Array(0), sPairCap = new Float64Array(0);
  let dirty = new Int32Array(0), isDirty = new Uint8Array(0), dirtyCount = 0;
  let oldSlot = new Int32Array(0), oldFlow = new Float64Array(0), changedMark = new Uint8Array(0); // replaceFlow's scratch
  // The record of flow changes since checkpointing began: slot (of an added arc), and its flow before the change.
  let recording = false, logLength = 0;
  let logSlot = new Int32Array(0), logFlow = new Float64Array(0);
  const record = (a: number) => {
    if (logLength === logSlot.length) {
      const size = Math.max(1024, 2 * logLength);
      const s2 = new Int32Array(size); s2.set(logSlot); logSlot = s2;
      const f2 = new Float64Array(size); f2.set(logFlow); logFlow = f2;
    }
    logSlot[logLength] = a; logFlow[logLength++] = sFl[a];
  };
  /** Set every flow to 0 (only the slots listed as possibly nonzero). */
  const clearFlow = () => {
    for (let j = 0; j < dirtyCount; j++) {
      const a = dirty[j];
      if (recording && sFl[a] !== 0 && (arcOf[a] & 1) === 0) record(a);
      sFl[a] = 0; isDirty[a] = 0;
    }
    dirtyCount = 0;
  };

  // The search trees. tree[v]: FREE, IN_S or IN_T; parent[v]: the slot of the tree arc into v (S:
  // parent -> v, T: v -> parent), ROOT or ORPHAN. Active nodes (to be scanned whole) wait in a
  // ring; orphans in a queue.
  const tree = new Uint8Array(nodeCount);
  const parent = new Int32Array(nodeCount);
  const queued = new Uint8Array(nodeCount);
  const ring = new Int32Array(nodeCount);
  let ringHead = 0, ringSize = 0;
  const orphans = new Int32Array(nodeCount);
  let orphanHead = 0, orphanTail = 0;
  // The trees belong to (treeS, treeT) and the current flow; -1: to be grown afresh. `settled`:
  // no node is waiting to be scanned or to leave its tree (the trees are the two residual reach sets).
  let treeS = -1, treeT = -1, settled = false;
  let seen: Uint8Array | undefined; // scratch of the fallback searches
  const queue = new Int32Array(nodeCount);

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
    pos = new Int32Array(m); arcOf = new Int32Array(m); sTo = new Int32Array(m); sFrom = new Int32Array(m); sPair = new Int32Array(m);
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
      pos[a] = k; arcOf[k] = a; sTo[k] = to[a]; sFrom[k] = to[a ^ 1]; sCap[k] = cap[a]; sFl[k] = fl[a];
    }
    for (let j = 0; j < m; j++) { sPair[j] = pos[arcOf[j] ^ 1]; sPairCap[j] = sCap[sPair[j]]; }
    laid = m;
    treeS = -1;
    // Slots whose flow may be nonzero (so that saving, loading and resetting a flow touch only those).
    dirty = new Int32Array(m); isDirty = new Uint8Array(m); dirtyCount = 0;
    for (let a = 0; a < m; a++) if (sFl[a] !== 0) { isDirty[a] = 1; dirty[dirtyCount++] = a; }
    oldSlot = new Int32Array(m); oldFlow = new Float64Array(m); changedMark = new Uint8Array(m);
  };

  const activate = (v: number) => {
    if (queued[v]) return;
    queued[v] = 1;
    let k = ringHead + ringSize++;
    if (k >= nodeCount) k -= nodeCount;
    ring[k] = v;
  };
  /** Cut v off its tree (it leaves the tree when the orphans are settled). */
  const orphan = (v: number) => {
    parent[v] = ORPHAN;
    orphans[orphanTail++] = v;
    if (orphanTail === nodeCount) orphanTail = 0;
  };
  /** Start both trees afresh: s and t alone, both active. */
  const plant = (s: number, t: number) => {
    tree.fill(FREE); queued.fill(0);
    ringHead = 0; ringSize = 0; orphanHead = orphanTail = 0;
    tree[s] = IN_S; parent[s] = ROOT;
    tree[t] = IN_T; parent[t] = ROOT;
    activate(s); activate(t);
    treeS = s; treeT = t; settled = false;
  };
  /**
   * The residual capacity of slot k (u -> v) went from `before` to `after` outside a solve: a new
   * residual arc wakes the tree nodes at its ends (the trees may grow across it), a lost one cuts
   * off the node its tree arc fed.
   */
  const residualChanged = (k: number, before: number, after: number) => {
    const u = sFrom[k], v = sTo[k];
    if (!(before > 0) && after > 0) {
      if (tree[u] === IN_S) activate(u);
      if (tree[v] === IN_T) activate(v);
    } else if (before > 0 && !(after > 0)) {
      if (tree[v] === IN_S && parent[v] === k) orphan(v);
      if (tree[u] === IN_T && parent[u] === k) orphan(u);
    }
  };
  /** Replace the flow by `arcs`/`flows` (slots of added arcs), telling the trees of each residual change. */
  const replaceFlow = (slots: ArrayLike<number>, flows: ArrayLike<number>) => {
    // The old flow of every slot that carries one (added arcs only: a reverse arc's is minus its pair's).
    let n0 = 0;
    for (let j = 0; j < dirtyCount; j++) {
      const a = dirty[j];
      if (sFl[a] !== 0 && (arcOf[a] & 1) === 0) { oldSlot[n0] = a; oldFlow[n0++] = sFl[a]; changedMark[a] = 1; }
    }
    clearFlow();
    for (let k = 0; k < slots.length; k++) if (flows[k] !== 0) push(slots[k], flows[k]);
    // Every slot whose flow changed is among the old ones or the new ones.
    for (let k = 0; k < slots.length; k++) if (!changedMark[slots[k]]) { changedMark[slots[k]] = 1; oldSlot[n0] = slots[k]; oldFlow[n0++] = 0; }
    flowsChanged(n0);
  };
  /**
   * Tell the trees of the residual changes of the slots oldSlot[0..count) (added arcs, each listed
   * once, changedMark set), whose flows were oldFlow[...] (then clear the marks).
   */
  const flowsChanged = (count: number) => {
    if (treeS >= 0) settled = false;
    for (let j = 0; j < count; j++) {
      const a = oldSlot[j], was = oldFlow[j], now = sFl[a];
      changedMark[a] = 0;
      if (now === was || treeS < 0) continue;
      const b = sPair[a];
      residualChanged(a, sCap[a] - was, sCap[a] - now);
      residualChanged(b, sCap[b] + was, sCap[b] + now);
    }
  };
  /** Add `amount` of flow on slot a (and take it off its reverse). */
  const push = (a: number, amount: number) => {
    if (recording) record((arcOf[a] & 1) === 0 ? a : sPair[a]);
    const b = sPair[a];
    sFl[a] += amount; sFl[b] -= amount;
    if (!isDirty[a]) { isDirty[a] = 1; dirty[dirtyCount++] = a; }
    if (!isDirty[b]) { isDirty[b] = 1; dirty[dirtyCount++] = b; }
  };
  /**
   * Augment along s ~> p -> q ~> t (slot mid runs p -> q, p in S, q in T), at most `want`; tree arcs
   * that saturate orphan the node below them. Returns the amount (Infinity: an infinite path).
   */
  const augment = (mid: number, want: number): number => {
    const cp = sCap, f = sFl;
    let amount = Math.min(want, cp[mid] - f[mid]);
    for (let x = sFrom[mid]; parent[x] !== ROOT; x = sFrom[parent[x]]) { const a = parent[x], r = cp[a] - f[a]; if (r < amount) amount = r; }
    for (let x = sTo[mid]; parent[x] !== ROOT; x = sTo[parent[x]]) { const a = parent[x], r = cp[a] - f[a]; if (r < amount) amount = r; }
    if (amount === Infinity) return amount;
    push(mid, amount);
    for (let x = sFrom[mid]; parent[x] !== ROOT;) {
      const a = parent[x], up = sFrom[a];
      push(a, amount);
      if (!(cp[a] - f[a] > 0)) orphan(x);
      x = up;
    }
    for (let x = sTo[mid]; parent[x] !== ROOT;) {
      const a = parent[x], up = sTo[a];
      push(a, amount);
      if (!(cp[a] - f[a] > 0)) orphan(x);
      x = up;
    }
    return amount;
  };
  /**
   * Settle the orphans: each leaves its tree, its children become orphans, and the neighbours in the
   * tree that could reach it (S) or that it could reach (T) wake up to grow it back. (Boykov and
   * Kolmogorov first look for a new parent in the tree; on node-split road networks that nearly
   * always fails, a split node's one way on being its own saturated arc, and the search for one, up
   * long tree paths, cost more than growing the freed nodes back.)
   */
  const settleOrphans = () => {
    const fs = first, tg = sTo, cp = sCap, f = sFl, pc = sPairCap, pr = sPair;
    while (orphanHead !== orphanTail) {
      const v = orphans[orphanHead++];
      if (orphanHead === nodeCount) orphanHead = 0;
      const side = tree[v];
      tree[v] = FREE;
      for (let a = fs[v], end = fs[v + 1]; a < end; a++) {
        const u = tg[a];
        if (tree[u] !== side) continue;
        if (side === IN_S ? pc[a] + f[a] > 0 : cp[a] - f[a] > 0) activate(u);
        if (parent[u] === (side === IN_S ? a : pr[a])) orphan(u);
      }
    }
  };
  // Dinic's phases, for a solve with no trees to go on from: BFS levels from s, then blocking flows
  // by depth-first search with current-arc pointers (many paths per search of the network, where a
  // tree's repair after each augmentation grows with the part of the tree behind the path).
  const level = new Int32Array(nodeCount);
  const iter = new Int32Array(nodeCount);
  const stackNode = new Int32Array(nodeCount + 1);
  const stackArc = new Int32Array(nodeCount + 1);
  /** BFS levels from s over arcs with residual capacity; stops once the level of t is complete. */
  const levels = (s: number, t: number): boolean => {
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
  /** One augmenting path along the levels from s to t; returns the amount pushed (0: blocked). */
  const levelPath = (s: number, t: number, want: number): number => {
    const lv = level, it = iter, fs = first, tg = sTo, cp = sCap, f = sFl, sn = stackNode, sa = stackArc;
    let depth = 0;
    sn[0] = s;
    for (;;) {
      const u = sn[depth];
      if (u === t) {
        let amount = want;
        for (let d = 0; d < depth; d++) { const a = sa[d]; const r = cp[a] - f[a]; if (r < amount) amount = r; }
        if (amount === Infinity) return amount;
        for (let d = 0; d < depth; d++) push(sa[d], amount);
        return amount;
      }
      const want1 = lv[u] + 1;
      let a = it[u];
      const end = fs[u + 1];
      while (a < end && !(cp[a] - f[a] > 0 && lv[tg[a]] === want1)) a++;
      it[u] = a;
      if (a < end) { sa[depth] = a; sn[++depth] = tg[a]; continue; }
      // Dead end: retreat and skip the arc that led here.
      lv[u] = -1;
      if (depth === 0) return 0;
      depth--;
      it[sn[depth]]++;
    }
  };
  /** Dinic's phases from the current flow until no path is left or the flow reaches `limit`; the total (Infinity: an infinite path). */
  const dinic = (s: number, t: number, limit: number, total: number): number => {
    while (total < limit && levels(s, t)) {
      iter.set(first.subarray(0, nodeCount));
      for (;;) {
        const pushed = levelPath(s, t, limit - total);
        if (pushed === 0) break;
        if (pushed === Infinity) return Infinity;
        total += pushed;
        if (total >= limit) break;
      }
    }
    return total;
  };

  /**
   * Grow the trees and augment until no active node is left, or the flow reaches `limit`.
   * Returns the flow pushed (Infinity: an infinite path).
   */
  const solve = (limit: number, total: number): number => {
    const fs = first, tg = sTo, cp = sCap, f = sFl, pc = sPairCap, pr = sPair;
    settleOrphans();
    while (ringSize > 0) {
      if (total >= limit) return total;
      const v = ring[ringHead];
      const side = tree[v];
      let mid = -1;
      if (side === IN_S) {
        for (let a = fs[v], end = fs[v + 1]; a < end; a++) {
          if (!(cp[a] - f[a] > 0)) continue;
          const w = tg[a];
          if (tree[w] === FREE) { tree[w] = IN_S; parent[w] = a; activate(w); }
          else if (tree[w] === IN_T) { mid = a; break; }
        }
      } else if (side === IN_T) {
        for (let b = fs[v], end = fs[v + 1]; b < end; b++) {
          if (!(pc[b] + f[b] > 0)) continue;
          const u = tg[b];
          if (tree[u] === FREE) { tree[u] = IN_T; parent[u] = pr[b]; activate(u); }
          else if (tree[u] === IN_S) { mid = pr[b]; break; }
        }
      }
      if (mid < 0) {
        // Scanned whole (or no longer in a tree): leave the ring.
        queued[v] = 0;
        if (++ringHead === nodeCount) ringHead = 0;
        ringSize--;
        continue;
      }
      // v stays active: its scan goes on after the augmentation.
      const pushed = augment(mid, limit - total);
      if (pushed === Infinity) return Infinity;
      total += pushed;
      settleOrphans();
    }
    return total;
  };

  /** Nodes that reach t in the residual network (a search back from t), as 0/1 in `seen`, listed in queue[0..count). */
  const reachTo = (t: number): number => {
    if (!seen) seen = new Uint8Array(nodeCount);
    const fs = first, tg = sTo, f = sFl, pc = sPairCap, q = queue, sn = seen;
    sn.fill(0);
    let qt = 0;
    sn[t] = 1; q[qt++] = t;
    for (let qh = 0; qh < qt; qh++) {
      const v = q[qh];
      for (let b = fs[v], end = fs[v + 1]; b < end; b++) {
        const u = tg[b];
        if (!sn[u] && pc[b] + f[b] > 0) { sn[u] = 1; q[qt++] = u; }
      }
    }
    return qt;
  };

  /**
   * The arcs leaving the side of s (nodes with (side[v] === mark) === inside) under a maximum flow,
   * as added, ascending. Each is saturated, and the flow reaches it from s within the side (a node
   * of a residual side gets its flow from that side: an arc into it from outside that carried flow
   * would let it reach back out, or, for the sink's side, be reached from it), so a search from s
   * along the arcs carrying flow, not leaving the side, meets every one.
   */
  const flowCut = (s: number, side: Uint8Array, mark: number, inside: boolean): Int32Array => {
    if (!seen) seen = new Uint8Array(nodeCount);
    const sn = seen, fs = first, tg = sTo, f = sFl, cp = sCap, q = queue;
    const cut: number[] = [];
    let qt = 0;
    sn.fill(0);
    sn[s] = 1; q[qt++] = s;
    for (let qh = 0; qh < qt; qh++) {
      const u = q[qh];
      for (let a = fs[u], end = fs[u + 1]; a < end; a++) {
        if (!(f[a] > 0)) continue;
        const v = tg[a];
        if ((side[v] === mark) !== inside) { if (cp[a] > 0) cut.push(arcOf[a]); } else if (!sn[v]) { sn[v] = 1; q[qt++] = v; }
      }
    }
    return Int32Array.from(cut).sort();
  };

  return {
    nodeCount,
    get arcCount() { return m; },
    addArc(u, v, capacity) {
      if (!(u >= 0 && u < nodeCount && v >= 0 && v < nodeCount)) throw new Error(`arc ${u}->${v}: node out of range 0..${nodeCount - 1}`);
      if (!(capacity >= 0)) throw new Error(`arc ${u}->${v}: capacity must be >= 0, got ${capacity}`);
      while (m + 2 > to.length) grow();
      to[m] = v; cap[m] = capacity; fl[m] = 0; m++;
      to[m] = u; cap[m] = 0; fl[m] = 0; m++;
      return m - 2;
    },
    setCapacity(arc, capacity) {
      if (!(capacity >= 0)) throw new Error(`capacity must be >= 0, got ${capacity}`);
      layout();
      const k = pos[arc];
      const before = sCap[k] - sFl[k];
      sCap[k] = capacity;
      sPairCap[sPair[k]] = capacity;
      // (A capacity below the flow reads as no residual; the caller loads or resets a flow that fits.)
      if (treeS >= 0 && before !== capacity - sFl[k]) { settled = false; residualChanged(k, before, capacity - sFl[k]); }
    },
    capacity: (arc) => { layout(); return sCap[pos[arc]]; },
    flow: (arc) => { layout(); return sFl[pos[arc]]; },
    resetFlow() { layout(); treeS = -1; clearFlow(); },
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
      const slots = new Int32Array(snapshot.arc.length);
      for (let k = 0; k < slots.length; k++) slots[k] = pos[snapshot.arc[k]];
      replaceFlow(slots, snapshot.flow);
    },
    checkpoint() {
      layout();
      recording = true;
      return logLength;
    },
    rollback(point) {
      if (!(recording && point >= 0 && point <= logLength)) throw new Error(`rollback: ${point} is not a checkpoint of the current record`);
      // The slots changed since, with their flows now; then each back to its flow at the point.
      let count = 0;
      for (let k = logLength - 1; k >= point; k--) {
        const a = logSlot[k];
        if (!changedMark[a]) { changedMark[a] = 1; oldSlot[count] = a; oldFlow[count++] = sFl[a]; }
      }
      for (let k = logLength - 1; k >= point; k--) {
        const a = logSlot[k], b = sPair[a];
        sFl[a] = logFlow[k]; sFl[b] = -logFlow[k];
        if (!isDirty[a]) { isDirty[a] = 1; dirty[dirtyCount++] = a; }
        if (!isDirty[b]) { isDirty[b] = 1; dirty[dirtyCount++] = b; }
      }
      logLength = point;
      flowsChanged(count);
    },
    dropCheckpoints() { recording = false; logLength = 0; },
    maxFlow(s, t, limit = Infinity) {
      if (s === t) throw new Error('source and sink are the same node');
      layout();
      // Flow already pushed (from an earlier call with the same source) counts.
      let total = 0;
      for (let a = first[s]; a < first[s + 1]; a++) total += sFl[a];
      if (treeS !== s || treeT !== t) {
        // No trees to go on from: Dinic's phases push the bulk of the flow, then the trees grow
        // (finding what is left, if the limit stopped the phases).
        total = dinic(s, t, limit, total);
        if (total === Infinity) return total;
        plant(s, t);
      }
      const value = solve(limit, total);
      if (value === Infinity) { treeS = -1; return value; }
      settled = ringSize === 0 && orphanHead === orphanTail;
      return value;
    },
    sourceSide(s) {
      layout();
      const side = new Uint8Array(nodeCount);
      if (settled && treeS === s) {
        for (let v = 0; v < nodeCount; v++) side[v] = tree[v] === IN_S ? 1 : 0;
        return side;
      }
      let qh = 0, qt = 0;
      side[s] = 1; queue[qt++] = s;
      while (qh < qt) {
        const u = queue[qh++];
        for (let a = first[u]; a < first[u + 1]; a++) {
          const v = sTo[a];
          if (!side[v] && sCap[a] - sFl[a] > 0) { side[v] = 1; queue[qt++] = v; }
        }
      }
      return side;
    },
    cutNearSource(s) {
      layout();
      if (settled && treeS === s) return flowCut(s, tree, IN_S, true);
      return flowCut(s, this.sourceSide(s), 1, true);
    },
    cutNearSink(s, t) {
      layout();
      if (settled && treeS === s && treeT === t) return flowCut(s, tree, IN_T, false);
      reachTo(t);
      return flowCut(s, seen!.slice(), 1, false);
    },
  };
}
