import { createShortestPathSearch } from '../routing/dijkstra.ts';
import type { RoutingGraph } from '../routing/routing-graph.ts';
import { solveBlockade, type ExitTimes } from './blockade.ts';
import { nearestSources } from '../routing/nearest-sources.ts';
import { assignJurisdictions } from './jurisdictions.ts';
import { createFlowNetwork, type FlowSnapshot } from './max-flow.ts';
import type { UnitSource } from './unit-times.ts';

/**
 * Containment of a suspect who fled from `origin` at time 0, driving at F times the response speed,
 * while police units leave their posts at time D:
 *
 *   s(v) = d(o, v) / F                    earliest the suspect can be at v
 *   c_p(v) = D + d(p, v)                  when a unit of post p can close v
 *   v is closable by p when c_p(v) <= s(v)
 *
 *   minimise    L = max_{v ∈ C} c_{π(v)}(v)
 *   subject to  C ⊆ V separates o from X: every road path from o to a node of X meets C
 *               π : C → units is one-to-one (post p supplies at most u_p nodes)
 *               c_{π(v)}(v) <= s(v) for every v ∈ C
 *
 * d: fastest travel times of response vehicles (zones never passed through, by either side); o: the
 * origin; X: the exit nodes; u_p: units at post p. Closing v at or before s(v) stops the suspect at
 * v: the first node of C on any escape route is closed before the suspect can reach it (s is the
 * unobstructed earliest arrival, so the rule is safe, if conservative). Among assignments reaching L,
 * the total closing time is least for the cut returned.
 *
 * Method, exact when it finishes. The problem is hard (a vertex cut under a matching side
 * constraint), so:
 * - Threshold τ: node v may be cut when some unit closes it by min(τ, s(v)). Nodes the suspect surely
 *   reaches (from o through nodes no unit can close in time) are merged into the source, nodes from
 *   which he surely escapes into the sink.
 * - Oracle(τ): a fewest-node cut (max-flow with node splitting: capacity 1 for nodes that may be cut,
 *   ∞ for the rest) with more nodes than units proves τ infeasible. Otherwise the two extreme minimum
 *   cuts (nearest the origin, nearest the exits) are matched to units (bipartite b-matching). A
 *   minimum cut need not be staffable — several of its nodes may hang on one post — so on a failed
 *   matching a few rounds double the capacity of the nodes in Hall's violating set A (to steer the
 *   cut elsewhere), then a complete search branches: any staffable cut leaves out some node of A, so
 *   each child forbids one node of A from the cut. Every branch node is one max-flow.
 * - Thresholds: binary search over the sorted earliest closing times a(v) = D + min_p d(p, v), then
 *   tightening to the found cut's own latest time until the next lower float is proven infeasible.
 * `maxFlowCalls` caps the work. A staffable cut found is always valid (verified); `proven` says
 * whether the next lower threshold was proven infeasible, and `lowerBound` is the largest threshold
 * proven infeasible, so the optimum lies in (lowerBound, latestS].
 */
export interface ContainmentInput {
  /** Dense node index where the suspect starts. */
  origin: number;
  /** D: seconds from the flight to the units leaving their posts. */
  delayS: number;
  /** F: the suspect drives F times the response speed (1: as fast as the police). */
  suspectSpeedFactor: number;
  sources: readonly UnitSource[];
  /** X: exit nodes (the city edge by default; see cityEdgeNodes). */
  exits: ArrayLike<number>;
}

export interface ClosedNode {
  node: number;
  /** Index into `sources` of the unit's post. */
  source: number;
  /** c_p(v) = D + d(p, v). */
  closingS: number;
  /** s(v): earliest the suspect could be there. */
  suspectS: number;
}

export type NoContainmentReason =
  /** The suspect reaches an exit through nodes no unit can close in time: `escapePath`. */
  | 'escape-path'
  /** Every cut needs more nodes than there are units: `minCutNodes` > units. */
  | 'too-few-units'
  /** Cuts small enough exist, but none can be staffed one unit per node. */
  | 'no-staffable-cut'
  /** The search budget ran out before a staffable cut or a proof that none exists. */
  | 'search-limit';

export interface Containment {
  readonly feasible: boolean;
  /** L: the latest closing time of the cut (null when infeasible or when nothing needs closing). */
  readonly latestS: number | null;
  readonly totalS: number | null;
  /** The cut, sorted by node. */
  readonly closed: readonly ClosedNode[];
  /** True when L is proven least (always on a finished search). */
  readonly proven: boolean;
  /** A threshold proven infeasible (L* > lowerBound); −Infinity when none was tested. */
  readonly lowerBound: number;
  readonly reason?: NoContainmentReason;
  readonly escapePath?: readonly number[];
  readonly minCutNodes?: number;
  readonly units: number;
  /** Exits the suspect can reach at all. */
  readonly reachableExits: number;
  /** Nodes the suspect can reach before being stopped (the origin's side of the cut), sorted. */
  readonly suspectRegion: Int32Array;
  /** s(v) per node (Infinity where the suspect cannot go). */
  readonly suspectTimeS: Float64Array;
  readonly maxFlowCalls: number;
}

interface OracleAnswer { status: 'feasible' | 'infeasible' | 'unknown'; cut?: number[]; pairs?: ExitTimes; latestS?: number }

/** Rounds of Hall-violation reweighting before the complete branching. */
const REWEIGHT_ROUNDS = 3;
/** Units counted per node for the diversity weights of the steering rounds. */
const DIVERSITY_K = 4;
export function planContainment(graph: RoutingGraph, input: ContainmentInput, options: { maxFlowCalls?: number } = {}): Containment {
  const n = graph.nodeCount;
  const { origin, delayS: D, suspectSpeedFactor: F, sources } = input;
  if (!(Number.isInteger(origin) && origin >= 0 && origin < n)) throw new Error(`origin ${origin} out of range`);
  if (!(D >= 0 && Number.isFinite(D))) throw new Error(`delayS must be a finite number >= 0, got ${D}`);
  if (!(F > 0 && Number.isFinite(F))) throw new Error(`suspectSpeedFactor must be a finite number > 0, got ${F}`);
  const units = sources.map((s) => s.units);
  const totalUnits = units.reduce((a, b) => a + b, 0);
  const budget = options.maxFlowCalls ?? 200;

  // s(v), then a(v) = D + min_p d(p, v).
  const search = createShortestPathSearch(graph);
  search.run([origin]);
  const suspectTimeS = new Float64Array(n);
  for (let v = 0; v < n; v++) suspectTimeS[v] = search.timeS[v] / F;
  const active = sources.map((s, i) => i).filter((i) => units[i] > 0);
  // The first unit at each node and its post (the same sums decide closability and the pairs below).
  const first = assignJurisdictions(graph, sources);
  const earliest = new Float64Array(n);
  for (let v = 0; v < n; v++) earliest[v] = D + first.timeS[v];
  const near = nearestSources(graph, sources, DIVERSITY_K);

  // Relevant nodes: the suspect reaches them and an exit is reachable from them.
  const isExit = new Uint8Array(n);
  for (let i = 0; i < input.exits.length; i++) isExit[input.exits[i]] = 1;
  const expandable = (u: number) => !graph.isZone[u] || u === origin;
  const towardExit = new Uint8Array(n);
  {
    const queue: number[] = [];
    for (let v = 0; v < n; v++) if (isExit[v] && suspectTimeS[v] < Infinity) { towardExit[v] = 1; queue.push(v); }
    for (let h = 0; h < queue.length; h++) {
      const w = queue[h];
      for (let i = graph.revStart[w]; i < graph.revStart[w + 1]; i++) {
        const u = graph.revTarget[i];
        if (!towardExit[u] && suspectTimeS[u] < Infinity && expandable(u)) { towardExit[u] = 1; queue.push(u); }
      }
    }
  }
  let reachableExits = 0;
  for (let v = 0; v < n; v++) if (isExit[v] && suspectTimeS[v] < Infinity) reachableExits++;
  const base = { units: totalUnits, reachableExits, suspectTimeS, lowerBound: -Infinity };
  if (!towardExit[origin]) {
    return { ...base, feasible: true, latestS: null, totalS: null, closed: [], proven: true, suspectRegion: regionFrom(graph, origin, new Uint8Array(n), suspectTimeS, expandable), maxFlowCalls: 0 };
  }
  const closable = (v: number) => earliest[v] <= suspectTimeS[v];
  // Nodes the suspect surely reaches (from the origin through nodes no unit can close in time) act as
  // the source; nodes from which he surely escapes (to an exit through such nodes) act as the sink.
  const surelyReached = new Uint8Array(n), surelyOut = new Uint8Array(n);
  if (!closable(origin)) {
    const queue = [origin];
    surelyReached[origin] = 1;
    for (let h = 0; h < queue.length; h++) {
      const u = queue[h];
      if (!expandable(u)) continue;
      for (let i = graph.fwdStart[u]; i < graph.fwdStart[u + 1]; i++) {
        const w = graph.fwdTarget[i];
        if (!surelyReached[w] && towardExit[w] && !closable(w)) { surelyReached[w] = 1; queue.push(w); }
      }
    }
  }
  {
    const queue: number[] = [];
    for (let v = 0; v < n; v++) if (isExit[v] && towardExit[v] && !closable(v)) { surelyOut[v] = 1; queue.push(v); }
    for (let h = 0; h < queue.length; h++) {
      const w = queue[h];
      for (let i = graph.revStart[w]; i < graph.revStart[w + 1]; i++) {
        const u = graph.revTarget[i];
        if (!surelyOut[u] && towardExit[u] && expandable(u) && !closable(u)) { surelyOut[u] = 1; queue.push(u); }
      }
    }
  }
  let escapes = false;
  for (let v = 0; v < n && !escapes; v++) if (surelyReached[v] && surelyOut[v]) escapes = true;
  const relevant: number[] = [];
  const local = new Int32Array(n).fill(-1);
  for (let v = 0; v < n; v++) if (towardExit[v] && !surelyReached[v] && !surelyOut[v]) { local[v] = relevant.length; relevant.push(v); }

  // Flow network: v_in = 2i, v_out = 2i + 1 for the undecided nodes, then the source and the sink.
  const R = relevant.length;
  const sink = 2 * R + 1;
  const src = surelyReached[origin] ? 2 * R : 2 * local[origin];
  const tail = (u: number) => (surelyReached[u] ? 2 * R : local[u] >= 0 ? 2 * local[u] + 1 : -1);
  const headOf = (w: number) => (surelyOut[w] ? sink : local[w] >= 0 ? 2 * local[w] : -1);
  const roadTail: number[] = [], roadHead: number[] = [];
  for (let u = 0; u < n; u++) {
    if (!towardExit[u] || surelyOut[u] || !expandable(u)) continue;
    const a = tail(u);
    for (let k = graph.fwdStart[u]; k < graph.fwdStart[u + 1]; k++) {
      const w = graph.fwdTarget[k];
      if (!towardExit[w] || surelyReached[w] || w === u) continue;
      const b = headOf(w);
      if (a >= 0 && b >= 0) { roadTail.push(a); roadHead.push(b); }
    }
  }
  relevant.forEach((v, i) => { if (isExit[v]) { roadTail.push(2 * i + 1); roadHead.push(sink); } });
  const net = createFlowNetwork(2 * R + 2, R + roadTail.length);
  const splitArc = new Int32Array(R);
  relevant.forEach((v, i) => { splitArc[i] = net.addArc(2 * i, 2 * i + 1, Infinity); });
  roadTail.forEach((u, k) => net.addArc(u, roadHead[k], Infinity));

  // Usable (post, time) pairs per node: D + d(p, v) <= s(v): the first unit's post with its time from
  // the forward search, the others by one bounded reverse search, cached.
  // An entry holds either the nearest posts with `units` units between them, or (completeToS) every
  // usable pair closing by that time.
  const pairCache = new Map<number, { list: { source: number; closingS: number }[]; units: number; completeToS: number }>();
  // The posts with units at each node: postAt[v] the first (-1: none), nextPost[i] the next one at its node.
  const postAt = new Int32Array(n).fill(-1), nextPost = new Int32Array(sources.length).fill(-1);
  for (let k = active.length - 1; k >= 0; k--) { const i = active[k]; nextPost[i] = postAt[sources[i].node]; postAt[sources[i].node] = i; }
  /**
   * The pairs of node v a cut of `need` nodes at threshold tau can use. Each node needs only its
   * nearest posts holding `need` units (a node served from farther can switch to a free unit among
   * them: the argument of nearestUnitTimes), and only pairs closing by min(tau, s(v)), so the reverse
   * search stops at whichever comes first (its bound a hair above, so that no pair with
   * D + d <= tau is lost to rounding); the list grows if a larger cut or threshold asks again.
   */
  const usablePairs = (v: number, need: number, tau: number) => {
    const cached = pairCache.get(v);
    const byS = Math.min(tau, suspectTimeS[v]);
    if (cached && (cached.units >= need || cached.completeToS >= byS)) return cached.list;
    const list: { source: number; closingS: number }[] = [];
    let found = 0, completeToS = Infinity;
    if (closable(v)) {
      const want = Math.max(need, 2 * (cached?.units ?? 0));
      list.push({ source: first.owner[v], closingS: earliest[v] });
      found = units[first.owner[v]];
      completeToS = -Infinity;
      if (found < want) {
        let count = found;
        const owner = first.owner[v];
        const stopWhen = (w: number) => {
          for (let s = postAt[w]; s >= 0; s = nextPost[s]) if (s !== owner) count += units[s];
          return count >= want;
        };
        const maxTimeS = byS - D + 1e-9 * Math.max(1, Math.abs(byS));
        search.run([v], { direction: 'reverse', maxTimeS, stopWhen });
        if (count < want) completeToS = byS;
        for (let k = 0; k < search.settledCount; k++) {
          const w = search.settled[k];
          if (postAt[w] < 0) continue;
          const c = D + search.timeS[w];
          if (c <= suspectTimeS[v]) for (let s = postAt[w]; s >= 0; s = nextPost[s]) if (s !== owner) { list.push({ source: s, closingS: c }); found += units[s]; }
        }
      }
    }
    pairCache.set(v, { list, units: found, completeToS });
    return list;
  };

  let flowCalls = 0;
  let lastInfinite = false;
  /**
   * Minimum cuts at threshold tau: node capacity `weight(v)` (default 1) for nodes that may be cut
   * (closable by tau, not forbidden), ∞ for the rest. Returns the cut value and the two extreme
   * minimum cuts (nearest the origin, nearest the exits); value > limit: no cut that small.
   */
  // Capacities: the threshold's (1 where a node may be cut, ∞ elsewhere) cached per threshold, times
  // the steering weights, ∞ for forbidden nodes; only changed arcs are touched. When the network
  // holds the plain capacities of the same threshold (`plainAt`) with the forbidden set `plainOff`,
  // only the nodes forbidden or allowed since are compared.
  const capNow = new Float64Array(R).fill(Infinity);
  const capWant = new Float64Array(R);
  let capTau = NaN;
  const capBase = new Float64Array(R);
  let plainAt = NaN;
  let plainOff: ReadonlySet<number> = new Set();
  const changed: number[] = [];
  // Flows saved at the plain capacities of a threshold τ' (no weights, nothing forbidden): such a
  // flow is valid at every τ <= τ' (every capacity there is at least as large), so a probe whose
  // current flow no longer fits starts from the saved flow of the least τ' >= τ, not from zero.
  const saved: { tau: number; flow: FlowSnapshot }[] = [];
  /**
   * `start`: a checkpoint of the network's flow record to start from (a branch starts from its
   * parent's flow; often the flow the network still holds, its parent being the last solved).
   */
  const minCuts = (tau: number, forbidden: ReadonlySet<number>, weight?: (v: number) => number, limit = totalUnits + 1, start?: number): { value: number; cuts: Iterable<number[]> } => {
    if (start !== undefined) {
      if (start !== net.checkpoint()) net.rollback(start);
      lastInfinite = false;
    }
    if (tau !== capTau) {
      for (let i = 0; i < R; i++) { const v = relevant[i]; capBase[i] = closable(v) && earliest[v] <= tau ? 1 : Infinity; }
      capTau = tau;
    }
    changed.length = 0;
    if (!weight && plainAt === tau) {
      for (const v of plainOff) if (!forbidden.has(v) && local[v] >= 0) { capWant[local[v]] = capBase[local[v]]; changed.push(local[v]); }
      for (const v of forbidden) if (!plainOff.has(v) && local[v] >= 0) { capWant[local[v]] = Infinity; changed.push(local[v]); }
    } else {
      if (weight) for (let i = 0; i < R; i++) capWant[i] = capBase[i] === 1 ? weight(relevant[i]) : Infinity;
      else capWant.set(capBase);
      for (const v of forbidden) if (local[v] >= 0) capWant[local[v]] = Infinity;
      for (let i = 0; i < R; i++) if (capWant[i] !== capNow[i]) changed.push(i);
    }
    plainAt = weight ? NaN : tau;
    plainOff = forbidden;
    // Warm start: the current flow stays valid when no capacity falls below it (forbidding nodes or
    // lowering the threshold only raises capacities), so only the extra augmentations are computed.
    let valid = !lastInfinite;
    for (const i of changed) {
      const c = capWant[i];
      if (c === capNow[i]) continue;
      if (net.flow(splitArc[i]) > c) valid = false;
      net.setCapacity(splitArc[i], c);
      capNow[i] = c;
    }
    if (!valid) {
      let from: { tau: number; flow: FlowSnapshot } | undefined;
      for (const f of saved) if (f.tau >= tau && (!from || f.tau < from.tau)) from = f;
      if (from) net.loadFlow(from.flow); else net.resetFlow();
    }
    flowCalls++;
    const value = net.maxFlow(src, sink, limit);
    lastInfinite = value === Infinity;
    if (!lastInfinite && !weight && forbidden.size === 0 && !saved.some((f) => f.tau === tau)) saved.push({ tau, flow: net.saveFlow() });
    if (value >= limit) return { value, cuts: [] };
    // The cuts' arcs are split arcs (every other arc has infinite capacity), added first, so arc 2i
    // is node i's, in the order of `relevant`. The cut nearest the exits only when the one nearest
    // the origin is not taken: read before the flow changes.
    const a: number[] = [];
    for (const arc of net.cutNearSource(src)) a.push(relevant[arc >> 1]);
    function* cuts(): Generator<number[]> {
      yield a;
      const b: number[] = [];
      for (const arc of net.cutNearSink(src, sink)) b.push(relevant[arc >> 1]);
      if (a.join() !== b.join()) yield b;
    }
    return { value, cuts: cuts() };
  };
  const matchCut = (cut: number[], tau: number) => {
    const exit: number[] = [], source: number[] = [], timeS: number[] = [];
    cut.forEach((v, k) => { for (const p of usablePairs(v, cut.length, tau)) if (p.closingS <= tau) { exit.push(k); source.push(p.source); timeS.push(p.closingS); } });
    const pairs = { exit, source, timeS };
    return { pairs, result: solveBlockade(cut.length, units, pairs) };
  };
  /**
   * Is there a staffable cut at threshold tau? First the fewest-node cut (more nodes than units: no),
   * then a few rounds that double the capacity of the nodes of each Hall violation (a cheap way to
   * steer the cut onto nodes different posts can close), then the complete branching over forbidden
   * sets, all within the budget.
   */
  const dead = createDeadBranches();
  const oracle = (tau: number): OracleAnswer => {
    net.dropCheckpoints(); // the record of flow changes serves one complete search (below) at a time
    if (escapes) return { status: 'infeasible' };
    if (flowCalls >= budget) return { status: 'unknown' };
    const tryCuts = (cuts: Iterable<number[]>) => {
      let violation: number[] | undefined;
      for (const cut of cuts) {
        if (cut.length > totalUnits) continue;
        const { pairs, result } = matchCut(cut, tau);
        if (result.feasible) return { found: { status: 'feasible' as const, cut, pairs, latestS: result.latestS } };
        if (result.reason !== 'hall') throw new Error(`internal: a cut node has no usable unit (${result.reason})`);
        violation ??= result.exits.map((k) => cut[k]);
      }
      return { violation };
    };
    const first = minCuts(tau, new Set());
    if (first.value > totalUnits) return { status: 'infeasible' };
    let attempt = tryCuts(first.cuts);
    if (attempt.found) return attempt.found;
    // Steer the cut onto nodes many units can close (capacity K + 1 − units able, of the K nearest),
    // doubling the capacity of each Hall violation's nodes after each failed round.
    const doubled = new Map<number, number>();
    const weight = (v: number) => {
      let able = 0;
      const limitS = Math.min(tau, suspectTimeS[v]);
      for (let j = 0; j < DIVERSITY_K; j++) if (D + near.arrivalS[v * DIVERSITY_K + j] <= limitS) able++;
      return (DIVERSITY_K + 1 - Math.max(1, able)) * (doubled.get(v) ?? 1);
    };
    for (let round = 0; round <= REWEIGHT_ROUNDS && attempt.violation && flowCalls < budget; round++) {
      if (round > 0) for (const v of attempt.violation) doubled.set(v, (doubled.get(v) ?? 1) * 2);
      const { value, cuts } = minCuts(tau, new Set(), weight, Infinity);
      if (value === Infinity) break;
      attempt = tryCuts(cuts);
      if (attempt.found) return attempt.found;
    }
    // Complete search: any staffable cut leaves out some node of each Hall violation.
    // Each child starts from its parent's flow (forbidding a node only raises a capacity).
    // A node whose every cut has more nodes than there are units is dead, and so is every node that
    // forbids a superset at a threshold no higher (its capacities are no smaller): skipped unsolved.
    // A child gets its parent's flow back by undoing the changes recorded since the parent's checkpoint.
    const stack: { forbidden: number[]; start?: number }[] = [{ forbidden: [] }];
    const seen = new Set<string>(['']);
    while (stack.length) {
      const { forbidden, start } = stack.pop()!;
      const set = new Set(forbidden);
      if (dead.covers(tau, set)) continue;
      if (flowCalls >= budget) return { status: 'unknown' };
      const { value, cuts } = minCuts(tau, set, undefined, totalUnits + 1, start);
      if (value > totalUnits) { dead.add(tau, forbidden); continue; }
      const { found, violation } = tryCuts(cuts);
      if (found) return found;
      const point = net.checkpoint();
      for (const v of [...violation!].reverse()) {
        const next = [...forbidden, v].sort((x, y) => x - y);
        const key = next.join(',');
        if (!seen.has(key)) { seen.add(key); stack.push({ forbidden: next, start: point }); }
      }
    }
    return { status: 'infeasible' };
  };

  const unknownResult = (lowerBound: number) => ({
    ...base, lowerBound, feasible: false, latestS: null, totalS: null, closed: [], proven: false, reason: 'search-limit' as const,
    suspectRegion: regionFrom(graph, origin, new Uint8Array(n), suspectTimeS, expandable), maxFlowCalls: flowCalls,
  });

  // Feasible at all?
  const top = oracle(Infinity);
  if (top.status !== 'feasible') {
    if (top.status === 'unknown') return unknownResult(-Infinity);
    const region = regionFrom(graph, origin, new Uint8Array(n), suspectTimeS, expandable);
    const escape = escapePath(graph, origin, isExit, (v) => towardExit[v] === 1 && !closable(v), expandable);
    const fail = { ...base, feasible: false, latestS: null, totalS: null, closed: [], proven: true, suspectRegion: region, maxFlowCalls: flowCalls };
    if (escape) return { ...fail, reason: 'escape-path', escapePath: escape };
    const { value } = minCuts(Infinity, new Set(), undefined, Infinity);
    if (value > totalUnits) return { ...fail, reason: 'too-few-units', minCutNodes: value };
    return { ...fail, reason: 'no-staffable-cut' };
  }
  let best = top;
  let hi = top.latestS!;
  let lo = -Infinity; // the largest threshold proven infeasible
  // Binary search over the sorted earliest closing times a(v) of closable nodes up to hi.
  const levels = [...new Set(relevant.filter((v) => closable(v) && earliest[v] <= hi).map((v) => earliest[v]))].sort((x, y) => x - y);
  let a = -1, b = levels.length - 1;
  // First the relaxation without units per post: below the least level whose fewest-node cut fits
  // the units, every threshold is proven infeasible (cheap: one max-flow per probe).
  for (let ra = -1, rb = b; ;) {
    if (rb - ra <= 1 || flowCalls >= budget) { a = ra; if (ra >= 0) lo = levels[ra]; break; }
    const mid = (ra + rb) >> 1;
    if (minCuts(levels[mid], new Set()).value <= totalUnits) rb = mid; else ra = mid;
  }
  while (b - a > 1) {
    const mid = (a + b) >> 1;
    const r = oracle(levels[mid]);
    if (r.status === 'feasible') {
      best = r; hi = r.latestS!; b = mid;
      while (b > 0 && levels[b - 1] >= hi) b--;
    } else {
      if (r.status === 'infeasible') lo = Math.max(lo, levels[mid]);
      a = mid;
    }
  }
  // Tighten: test the float just below hi (feasible: hi drops to that cut's own latest time) until it
  // is proven infeasible; after a few steps alternate with bisection.
  for (let step = 0; ; step++) {
    const down = nextDown(hi);
    if (lo >= down) break;
    let tau = step >= 4 && step % 2 === 0 && lo > -Infinity ? lo + (hi - lo) / 2 : down;
    if (!(tau > lo && tau < hi)) tau = down;
    const r = oracle(tau);
    if (r.status === 'feasible') { best = r; hi = r.latestS!; } else if (r.status === 'infeasible') lo = tau; else break;
  }
  const cut = best.cut!;
  const assignment = solveBlockade(cut.length, units, best.pairs!);
  if (!assignment.feasible) throw new Error('internal: the cut found is no longer staffable');
  const closed = cut.map((node, k) => ({ node, source: assignment.source[k], closingS: assignment.arrivalS[k], suspectS: suspectTimeS[node] }))
    .sort((x, y) => x.node - y.node);
  const isCut = new Uint8Array(n);
  for (const c of closed) isCut[c.node] = 1;
  verifyCut(graph, origin, isCut, isExit, expandable);
  return {
    ...base, lowerBound: lo, feasible: true, latestS: assignment.latestS, totalS: assignment.totalS, closed,
    proven: lo >= nextDown(hi),
    suspectRegion: regionFrom(graph, origin, isCut, suspectTimeS, expandable), maxFlowCalls: flowCalls,
  };
}

/**
 * Branches of the complete search proven dead: forbidding `forbidden` at threshold `tau`, every cut
 * has more nodes than there are units. A branch forbidding a superset at a threshold no higher is
 * dead too (its capacities are no smaller, so its cuts are no smaller): `covers` says so.
 */
export function createDeadBranches() {
  const dead: { tau: number; forbidden: readonly number[] }[] = [];
  return {
    add(tau: number, forbidden: readonly number[]): void { dead.push({ tau, forbidden }); },
    covers(tau: number, forbidden: ReadonlySet<number>): boolean {
      return dead.some((d) => d.tau >= tau && d.forbidden.every((v) => forbidden.has(v)));
    },
  };
}

/** Nodes the suspect reaches from the origin without passing a closed node (closed nodes included), sorted. */
function regionFrom(graph: RoutingGraph, origin: number, isCut: Uint8Array, suspectTimeS: Float64Array, expandable: (u: number) => boolean): Int32Array {
  const seen = new Uint8Array(graph.nodeCount);
  const queue = [origin];
  seen[origin] = 1;
  for (let h = 0; h < queue.length; h++) {
    const u = queue[h];
    if (isCut[u] || !expandable(u)) continue;
    for (let i = graph.fwdStart[u]; i < graph.fwdStart[u + 1]; i++) {
      const w = graph.fwdTarget[i];
      if (!seen[w] && suspectTimeS[w] < Infinity) { seen[w] = 1; queue.push(w); }
    }
  }
  return Int32Array.from(queue).sort();
}

/** A path from the origin to an exit through nodes `open` accepts (BFS), or undefined. */
function escapePath(graph: RoutingGraph, origin: number, isExit: Uint8Array, open: (v: number) => boolean, expandable: (u: number) => boolean): number[] | undefined {
  if (!open(origin)) return undefined;
  const parent = new Int32Array(graph.nodeCount).fill(-2);
  parent[origin] = -1;
  const queue = [origin];
  for (let h = 0; h < queue.length; h++) {
    const u = queue[h];
    if (isExit[u]) {
      const path: number[] = [];
      for (let v = u; v !== -1; v = parent[v]) path.push(v);
      return path.reverse();
    }
    if (!expandable(u)) continue;
    for (let i = graph.fwdStart[u]; i < graph.fwdStart[u + 1]; i++) {
      const w = graph.fwdTarget[i];
      if (parent[w] === -2 && open(w)) { parent[w] = u; queue.push(w); }
    }
  }
  return undefined;
}

/** Assert the cut separates the origin from every exit (an internal check on the flow answer). */
function verifyCut(graph: RoutingGraph, origin: number, isCut: Uint8Array, isExit: Uint8Array, expandable: (u: number) => boolean): void {
  const path = escapePath(graph, origin, isExit, (v) => !isCut[v], expandable);
  if (path) throw new Error(`internal: the cut leaves the escape route ${path.join(' > ')}`);
}

/** The largest float below x (x finite). */
export function nextDown(x: number): number {
  if (x === -Infinity || Number.isNaN(x)) return x;
  if (x === 0) return -Number.MIN_VALUE;
  const buf = new Float64Array([x]);
  const bits = new BigInt64Array(buf.buffer);
  bits[0] += x > 0 ? -1n : 1n;
  return buf[0];
}
