import { createShortestPathSearch } from '../routing/dijkstra.ts';
import type { RoutingGraph } from '../routing/routing-graph.ts';
import type { Jurisdictions } from './jurisdictions.ts';
import { createFlowNetwork } from './max-flow.ts';
import type { UnitSource } from './unit-times.ts';

/**
 * Rebalance jurisdictions: lower the largest workload while no node gets slower than allowed and
 * every jurisdiction stays connected through its own nodes.
 *
 *   minimise    max_p W_p,   W_p = Σ_{v : owner(v) = p} w_v
 *   subject to  d(owner(v), v) <= max(T, d*(v))     for every assigned node v
 *               owner(node(p)) = p                   for every post p that owns its node
 *               every v with owner(v) = p is reachable from node(p) along roads whose nodes all
 *               have owner p (zones never passed through)
 *
 * w_v >= 0: demand weight of node v; d(p, v): travel time from post p to v; d*(v) = min_p d(p, v),
 * the time of v's nearest post (the starting assignment); T: the target in seconds; node(p): post
 * p's node. Unassigned nodes (no unit reaches them) stay unassigned.
 *
 * The problem is NP-hard (it contains makespan scheduling on restricted machines), so the method is
 * a local search with a certified bound:
 * - Moves: a node v of post p passes to a post q that owns a node u with a road u → v, together with
 *   every node of p that is reachable from node(p) only through v (the nodes v dominates in p's
 *   jurisdiction). Both jurisdictions stay connected by construction (dominator argument), and the
 *   move is taken only if every moved node is allowed for q and W_q + w(moved) < W_p, so the sorted
 *   workload vector falls lexicographically at each move: the search ends, and the largest workload
 *   never rises above the nearest-post assignment's.
 * - Order: posts by decreasing workload; from the heaviest post that has a move, the move leaving the
 *   smaller of the two new workloads largest (ties by node, then post index).
 * - Bound: `lowerBound` is the optimum of the relaxation that drops connectivity and lets nodes split
 *   (a max-flow min–max: source → node v (w_v) → allowed posts → sink (W), bisected on W), raised to
 *   the heaviest single node. The true optimum lies in [lowerBound, result].
 */
export interface BalancedJurisdictions {
  readonly owner: Int32Array;
  /** d(owner(v), v) per node (Infinity where unassigned). */
  readonly timeS: Float64Array;
  readonly workload: Float64Array;
  readonly moves: number;
  /** A proven lower bound on the least largest workload under the same rules. */
  readonly lowerBound: number;
  /** True when the move cap stopped the search before no move was left. */
  readonly stoppedEarly: boolean;
}

export function balanceJurisdictions(
  graph: RoutingGraph, posts: readonly UnitSource[], weight: ArrayLike<number>, start: Jurisdictions,
  options: { targetS: number; maxMoves?: number },
): BalancedJurisdictions {
  const n = graph.nodeCount;
  const P = posts.length;
  const T = options.targetS;
  if (!(T >= 0)) throw new Error(`targetS must be >= 0, got ${T}`);
  for (let v = 0; v < n; v++) if (!(weight[v] >= 0 && Number.isFinite(weight[v]))) throw new Error(`weight[${v}]: expected a number >= 0, got ${weight[v]}`);
  const owner = Int32Array.from(start.owner);
  const timeS = Float64Array.from(start.timeS);
  const rooted = posts.map((p, i) => owner[p.node] === i);
  const allowed = allowedPairs(graph, posts, start, T, rooted);
  const workload = new Float64Array(P);
  for (let v = 0; v < n; v++) if (owner[v] >= 0) workload[owner[v]] += weight[v];

  const isZone = graph.isZone;
  const expandable = (u: number, p: number) => !isZone[u] || posts[p].node === u;
  const cache = new Map<number, Dominators>();
  const dominatorsOf = (p: number) => {
    let d = cache.get(p);
    if (!d) { d = dominators(graph, owner, p, posts[p].node, expandable, weight); cache.set(p, d); }
    return d;
  };

  const maxMoves = options.maxMoves ?? 20 * n + 100;
  let moves = 0;
  let stoppedEarly = false;
  const order = Array.from({ length: P }, (_, p) => p);
  for (;;) {
    order.sort((a, b) => workload[b] - workload[a] || a - b);
    let applied = false;
    for (const p of order) {
      if (!rooted[p] || workload[p] === 0) continue;
      const dom = dominatorsOf(p);
      let best: { v: number; q: number; score: number } | undefined;
      for (let k = 1; k < dom.nodes.length; k++) {
        const v = dom.nodes[k];
        const wMoved = dom.subtreeWeight[k];
        if (!(wMoved > 0)) continue;
        for (let i = graph.revStart[v]; i < graph.revStart[v + 1]; i++) {
          const u = graph.revTarget[i];
          const q = owner[u];
          if (q < 0 || q === p || !rooted[q] || !expandable(u, q)) continue;
          if (!(workload[q] + wMoved < workload[p])) continue;
          const score = Math.max(workload[q] + wMoved, workload[p] - wMoved);
          if (best && (score > best.score || (score === best.score && (v > best.v || (v === best.v && q >= best.q))))) continue;
          let ok = true;
          for (let j = dom.tin[k]; j < dom.tout[k] && ok; j++) ok = allowed.time(dom.euler[j], q) < Infinity;
          if (ok) best = { v, q, score };
        }
      }
      if (!best) continue;
      const k = dom.indexOf.get(best.v)!;
      for (let j = dom.tin[k]; j < dom.tout[k]; j++) {
        const x = dom.euler[j];
        owner[x] = best.q;
        timeS[x] = allowed.time(x, best.q);
      }
      workload[p] -= dom.subtreeWeight[k];
      workload[best.q] += dom.subtreeWeight[k];
      cache.delete(p); cache.delete(best.q);
      moves++;
      applied = true;
      break;
    }
    if (!applied) break;
    if (moves >= maxMoves) { stoppedEarly = true; break; }
  }
  // Recompute workloads from scratch (no drift from the running sums).
  workload.fill(0);
  for (let v = 0; v < n; v++) if (owner[v] >= 0) workload[owner[v]] += weight[v];
  return { owner, timeS, workload, moves, lowerBound: workloadLowerBound(n, P, weight, owner, allowed, posts, rooted), stoppedEarly };
}

/** Allowed (node, post) pairs with d(p, v) <= max(T, d*(v)), the current owner always included. */
interface AllowedPairs {
  /** d(p, v) if p is allowed for v, else Infinity. */
  time(v: number, p: number): number;
  /** Posts allowed for v, sorted. */
  postsOf(v: number): Int32Array;
}

function allowedPairs(graph: RoutingGraph, posts: readonly UnitSource[], start: Jurisdictions, T: number, rooted: readonly boolean[]): AllowedPairs {
  const n = graph.nodeCount;
  const lists: Map<number, number>[] = Array.from({ length: n }, () => new Map());
  for (let v = 0; v < n; v++) if (start.owner[v] >= 0) lists[v].set(start.owner[v], start.timeS[v]);
  const search = createShortestPathSearch(graph);
  posts.forEach((p, i) => {
    if (!rooted[i]) return;
    search.run([p.node], { maxTimeS: T });
    for (let k = 0; k < search.settledCount; k++) {
      const v = search.settled[k];
      if (start.owner[v] >= 0 && !lists[v].has(i)) lists[v].set(i, search.timeS[v]);
    }
  });
  // Nodes beyond the target may go to any post that reaches them as fast as their nearest one.
  const postsAt = new Map<number, number[]>();
  posts.forEach((p, i) => { if (rooted[i]) { const l = postsAt.get(p.node); if (l) l.push(i); else postsAt.set(p.node, [i]); } });
  for (let v = 0; v < n; v++) {
    if (start.owner[v] < 0 || !(start.timeS[v] > T)) continue;
    search.run([v], { direction: 'reverse', maxTimeS: start.timeS[v] });
    for (let k = 0; k < search.settledCount; k++) {
      const at = postsAt.get(search.settled[k]);
      if (at) for (const i of at) if (!lists[v].has(i)) lists[v].set(i, search.timeS[search.settled[k]]);
    }
  }
  const sorted = lists.map((m) => Int32Array.from([...m.keys()].sort((a, b) => a - b)));
  return {
    time: (v, p) => lists[v].get(p) ?? Infinity,
    postsOf: (v) => sorted[v],
  };
}

interface Dominators {
  /** Nodes of the jurisdiction in DFS preorder of the dominator tree (root first). */
  readonly nodes: Int32Array;
  readonly indexOf: Map<number, number>;
  /** Euler order: the subtree of nodes[k] is euler[tin[k] .. tout[k]). */
  readonly euler: Int32Array;
  readonly tin: Int32Array;
  readonly tout: Int32Array;
  readonly subtreeWeight: Float64Array;
}

/**
 * The dominator tree of post p's jurisdiction from its node (Cooper, Harvey and Kennedy's iterative
 * algorithm on a DFS postorder). v dominates x when every path from the root to x inside the
 * jurisdiction passes through v: the nodes that leave with v.
 */
function dominators(graph: RoutingGraph, owner: Int32Array, p: number, root: number, expandable: (u: number, p: number) => boolean, weight: ArrayLike<number>): Dominators {
  // DFS postorder from the root through the jurisdiction.
  const local = new Map<number, number>();
  const post: number[] = [];
  const stackNode: number[] = [root], stackEdge: number[] = [graph.fwdStart[root]];
  local.set(root, -1);
  while (stackNode.length) {
    const u = stackNode[stackNode.length - 1];
    const top = stackEdge.length - 1;
    let pushed = false;
    if (expandable(u, p)) {
      while (stackEdge[top] < graph.fwdStart[u + 1]) {
        const w = graph.fwdTarget[stackEdge[top]++];
        if (owner[w] !== p || local.has(w)) continue;
        local.set(w, -1);
        stackNode.push(w); stackEdge.push(graph.fwdStart[w]);
        pushed = true;
        break;
      }
    }
    if (!pushed) { stackNode.pop(); stackEdge.pop(); local.set(u, post.length); post.push(u); }
  }
  const m = post.length;
  const idom = new Int32Array(m).fill(-1); // by postorder number
  const rootNo = m - 1;
  idom[rootNo] = rootNo;
  const intersect = (a: number, b: number) => {
    while (a !== b) {
      while (a < b) a = idom[a];
      while (b < a) b = idom[b];
    }
    return a;
  };
  for (let changed = true; changed;) {
    changed = false;
    for (let k = m - 2; k >= 0; k--) {
      const v = post[k];
      let cand = -1;
      for (let i = graph.revStart[v]; i < graph.revStart[v + 1]; i++) {
        const u = graph.revTarget[i];
        const ku = local.get(u);
        if (ku === undefined || owner[u] !== p || !expandable(u, p) || idom[ku] < 0) continue;
        cand = cand < 0 ? ku : intersect(ku, cand);
      }
      if (cand !== idom[k]) { idom[k] = cand; changed = true; }
    }
  }
  // Children lists, preorder, Euler intervals and subtree weights.
  const children: number[][] = Array.from({ length: m }, () => []);
  for (let k = m - 2; k >= 0; k--) children[idom[k]].push(k);
  const nodes = new Int32Array(m);
  const tin = new Int32Array(m), tout = new Int32Array(m);
  const subtreeWeight = new Float64Array(m);
  const pre = new Int32Array(m); // postorder number -> preorder index
  let count = 0;
  const stack: number[] = [rootNo];
  const seq: number[] = [];
  while (stack.length) {
    const k = stack.pop()!;
    if (k < 0) { seq.push(~k); continue; }
    pre[k] = count; nodes[count] = post[k]; tin[count] = count; count++;
    stack.push(~k);
    for (let c = children[k].length - 1; c >= 0; c--) stack.push(children[k][c]);
  }
  // Leaving order gives subtree ends and weights (children before parents).
  for (const k of seq) {
    const i = pre[k];
    let end = i + 1, w = weight[post[k]];
    for (const c of children[k]) { end = Math.max(end, tout[pre[c]]); w += subtreeWeight[pre[c]]; }
    tout[i] = end; subtreeWeight[i] = w;
  }
  const indexOf = new Map<number, number>();
  for (let i = 0; i < m; i++) indexOf.set(nodes[i], i);
  return { nodes, indexOf, euler: nodes, tin, tout, subtreeWeight };
}

/**
 * The least largest workload when nodes may split between their allowed posts and connectivity is
 * dropped (a max-flow feasibility test bisected on W), raised to the heaviest single node: a lower
 * bound on the balanced optimum. Posts' own nodes stay with them.
 */
function workloadLowerBound(n: number, P: number, weight: ArrayLike<number>, owner: Int32Array, allowed: AllowedPairs, posts: readonly UnitSource[], rooted: readonly boolean[]): number {
  const nodes: number[] = [];
  let total = 0, heaviest = 0;
  for (let v = 0; v < n; v++) {
    if (owner[v] < 0 || !(weight[v] > 0)) continue;
    nodes.push(v); total += weight[v]; heaviest = Math.max(heaviest, weight[v]);
  }
  if (total === 0) return 0;
  const S = nodes.length + P, T = S + 1;
  const net = createFlowNetwork(T + 1);
  const rootOf = new Map<number, number>();
  posts.forEach((p, k) => { if (rooted[k]) rootOf.set(p.node, k); });
  nodes.forEach((v, i) => {
    net.addArc(S, i, weight[v]);
    const r = rootOf.get(v);
    const list = r !== undefined ? [r] : Array.from(allowed.postsOf(v));
    for (const p of list) net.addArc(i, nodes.length + p, Infinity);
  });
  const sinkArc = Array.from({ length: P }, (_, p) => net.addArc(nodes.length + p, T, 0));
  const feasible = (W: number) => {
    for (let p = 0; p < P; p++) net.setCapacity(sinkArc[p], rooted[p] ? W : 0);
    net.resetFlow();
    return net.maxFlow(S, T) >= total * (1 - 1e-12);
  };
  let lo = 0, hi = total;
  if (!feasible(hi)) return heaviest; // cannot happen: every node may stay with its owner
  for (let it = 0; it < 100 && hi - lo > 1e-12 * hi; it++) {
    const mid = (lo + hi) / 2;
    if (feasible(mid)) hi = mid; else lo = mid;
  }
  return Math.max(lo, heaviest);
}
