import type { SimulationModel } from '../../engine/sim/model.ts';
import { canMove, isIdle, moveUp, postNodeNow } from '../../engine/sim/relocation/moves.ts';
import { binomialTail, tierGreedyTables, type Coverage } from '../../engine/sim/relocation/tier-greedy-tables.ts';
import type { TierGreedyRelocator } from '../../engine/sim/relocation/tier-greedy.ts';
import { unitSlots, type ReplicationState } from '../../engine/sim/replication-state.ts';
import type { RelocationPolicy } from '../../engine/sim/scenario.ts';
import { locateUnit } from '../../engine/sim/unit-actions.ts';

type TierGreedyPolicy = Extract<RelocationPolicy, { policy: 'tier-greedy' }>;

/**
 * The first implementation of tier-greedy move-up, kept as the reference the engine's faster one
 * (engine/sim/relocation/tier-greedy.ts) must agree with move by move. It works on every demand node
 * in every round: the suffix sums of all of them, the bound of every candidate post, the loss of every
 * occupied station. Do not optimise it.
 *
 * Tier-greedy move-up: DMEXCLP (Jagtenberg, van den Berg & van der Mei 2015) extended to k-unit tiers.
 *
 * Objective. Demand nodes j with weights d_j (Σ d_j = 1: the Poisson spatial weights, or the replayed
 * incidents per node); tiers τ = (T_τ, k_τ) of every class, each weighted w_τ = classWeight_c / |tiers of c|
 * (tiers equal across classes merged, weights added; Σ w_τ = 1). A unit counts at its station post
 * (where it stands, or is driving back or moving to), and is available with probability p = 1 − q
 * (q = busyFraction). With n_jτ idle units stationed within T_τ of j (travel time from the post, at the
 * unit type's response speed, in the hour group of the event),
 *
 *   E = Σ_j d_j Σ_τ w_τ P(Bin(n_jτ, p) ≥ k_τ)        (the expected tier-met share, 0..1)
 *
 * For k = 1 the marginal gain of one more unit is p q^n: DMEXCLP's.
 *
 * Move. After every dispatch and every unit freed, up to maxMoves times: among idle on-duty units out of
 * their cooldown and candidate posts b (not at the unit's station node) within maxTravelS of where the
 * unit is, take the (unit, post) pair raising E the most; move it if the rise is above minGain. Ties: the
 * shorter drive, then the lower unit index, then the lower post index. No random numbers are drawn.
 *
 * Cost. Post → demand coverage lists (demand nodes within the largest T of a post node, per travel
 * slot) are built once per model and cached. Per event: counts O(Σ_units |N(post)|); per move round the
 * add-gain bound of every candidate post O(Σ_b |N(b)|) and the removal loss of every candidate unit;
 * the exact gain of a pair, O(|N(a)| + |N(b)|), only for pairs whose upper bound
 * (max of the add gains with and without the unit) can still beat the best found (branch and bound:
 * the pair chosen is the exact best).
 */
export function createReferenceTierGreedy(model: SimulationModel, policy: TierGreedyPolicy): TierGreedyRelocator {
  const tables = tierGreedyTables(model, policy);
  const nU = model.scenario.units.length;
  const nJ = tables.demandNode.length;
  const nT = tables.tierTargetS.length;
  const W = nT + 1;
  const { limits } = policy;
  const p = 1 - policy.busyFraction;
  // Per tier τ and count m (0..nU): w_τ times the gain of one more unit, F(m+1) − F(m), the loss of
  // one less, F(m) − F(m−1) (0 at m = 0), and the larger of the two; F(m) = P(Bin(m, p) >= k_τ).
  const M = nU + 1;
  const upW = new Float64Array(nT * M), downW = new Float64Array(nT * M), maxW = new Float64Array(nT * M);
  for (let tau = 0; tau < nT; tau++) {
    const f = binomialTail(nU + 1, p, tables.tierUnits[tau]);
    const w = tables.tierWeight[tau];
    for (let m = 0; m < M; m++) {
      const up = w * (f[m + 1] - f[m]), down = m > 0 ? w * (f[m] - f[m - 1]) : 0;
      upW[tau * M + m] = up; downW[tau * M + m] = down; maxW[tau * M + m] = up > down ? up : down;
    }
  }
  const byFrom = new Int32Array(nJ * W);
  // Per demand node j and first tier f: d_j times the sums over tiers τ >= f of the gain of one more
  // unit (sAdd), the loss of one less (sRem, which is also the gain of one more after removing one),
  // and the larger of the two (sMax).
  const sAdd = new Float64Array(nJ * W);
  const sRem = new Float64Array(nJ * W);
  const sMax = new Float64Array(nJ * W);
  const countScratch = new Int32Array(nT);
  const posts = Int32Array.from(policy.posts);
  const nB = posts.length;
  const maxSlots = model.oracle.maxSlots;
  const gainMax = new Float64Array(maxSlots * nB);
  const gainStamp = new Int32Array(maxSlots);
  let stamp = 0;
  const loss = new Float64Array(nU);
  const lossOf = new Map<number, number>();
  const gainOf = new Map<number, number>();
  const pairUnit = new Int32Array(nU * nB);
  const pairPost = new Int32Array(nU * nB);
  const pairBound = new Float64Array(nU * nB);

  // What each unit is counted as in byFrom: its travel slot and station node (-1: not counted).
  const countedSlot = new Int32Array(nU).fill(-1);
  const countedNode = new Int32Array(nU).fill(-1);
  function apply(cov: Coverage, delta: number): void {
    const at = cov.at;
    for (let e = 0; e < at.length; e++) byFrom[at[e]] += delta;
  }
  /** Counts of idle units per demand node and first tier met (updated for the units that changed), and the suffix sums. */
  function tally(sim: ReplicationState, slots: Int32Array): void {
    for (let u = 0; u < nU; u++) {
      const node = isIdle(sim, u) ? sim.model.places[sim.station[u]].node : -1;
      const slot = slots[u];
      if (node === countedNode[u] && (node < 0 || slot === countedSlot[u])) continue;
      if (countedNode[u] >= 0) apply(tables.coverage(countedSlot[u], countedNode[u]), -1);
      if (node >= 0) apply(tables.coverage(slot, node), 1);
      countedNode[u] = node; countedSlot[u] = slot;
    }
    for (let j = 0; j < nJ; j++) {
      const o = j * W;
      // Counts per tier: units whose first tier met is at or below it (a prefix sum over byFrom).
      let n = 0;
      for (let tau = 0; tau < nT; tau++) { n += byFrom[o + tau]; countScratch[tau] = n; }
      const d = tables.demandWeight[j];
      let add = 0, rem = 0, mx = 0;
      sAdd[o + nT] = 0; sRem[o + nT] = 0; sMax[o + nT] = 0;
      for (let tau = nT - 1; tau >= 0; tau--) {
        const i = tau * M + countScratch[tau];
        add += upW[i]; rem += downW[i]; mx += maxW[i];
        sAdd[o + tau] = d * add; sRem[o + tau] = d * rem; sMax[o + tau] = d * mx;
      }
    }
  }
  /** Upper bounds of the add gain at every candidate post for travel slot s (once per slot and round). */
  function bounds(sim: ReplicationState, s: number): number {
    const o = s * nB;
    if (gainStamp[s] === stamp) return o;
    for (let k = 0; k < nB; k++) {
      const at = tables.coverage(s, postNodeNow(sim, posts[k])).at;
      let g = 0;
      for (let e = 0; e < at.length; e++) g += sMax[at[e]];
      gainMax[o + k] = g;
    }
    gainStamp[s] = stamp;
    return o;
  }
  /** Exact rise of E when a unit of slot s counted at node a is counted at node b instead. */
  function exactGain(s: number, a: number, b: number, lossU: number): number {
    const fromA = tables.coverageFrom(s, a);
    const covB = tables.coverage(s, b);
    let add = 0;
    for (let e = 0; e < covB.j.length; e++) {
      const j = covB.j[e], fb = covB.from[e], fa = fromA[j];
      if (fa >= nT) { add += sAdd[j * W + fb]; continue; }
      // j also counts the moved unit from a (tiers >= fa): those tiers gain back what they lose.
      const m = fa > fb ? fa : fb;
      add += sAdd[j * W + fb] - sAdd[j * W + m] + sRem[j * W + m];
    }
    return add - lossU;
  }
  /** One move round: the best admissible (unit, post) pair and its gain, or unit -1. */
  function bestMove(sim: ReplicationState, t: number, slots: Int32Array): { unit: number; post: number } {
    stamp++;
    tally(sim, slots);
    // Units of one travel slot stationed at one node lose and gain alike: each figure is worked out once.
    lossOf.clear();
    gainOf.clear();
    const nodes = sim.graph.nodeCount;
    let pairs = 0;
    for (let u = 0; u < nU; u++) {
      if (!canMove(sim, u, t, limits)) continue;
      const s = slots[u];
      const here = sim.model.places[sim.station[u]].node;
      let l = lossOf.get(s * nodes + here);
      if (l === undefined) {
        const at = tables.coverage(s, here).at;
        l = 0;
        for (let e = 0; e < at.length; e++) l += sRem[at[e]];
        lossOf.set(s * nodes + here, l);
      }
      loss[u] = l;
      const o = bounds(sim, s);
      for (let k = 0; k < nB; k++) {
        const bound = gainMax[o + k] - l;
        if (!(bound > policy.minGain) || postNodeNow(sim, posts[k]) === here) continue;
        pairUnit[pairs] = u; pairPost[pairs] = k; pairBound[pairs] = bound; pairs++;
      }
    }
    let bestU = -1, bestK = -1, bestGain = policy.minGain, bestTravelS = Infinity;
    for (;;) {
      // The pair with the highest bound not yet looked at (ties: lower unit, then lower post: list order).
      let q = -1;
      for (let i = 0; i < pairs; i++) if (pairBound[i] > -Infinity && (q < 0 || pairBound[i] > pairBound[q])) q = i;
      if (q < 0) break;
      const bound = pairBound[q];
      if (bound < bestGain || (bound === bestGain && bestU < 0)) break;
      pairBound[q] = -Infinity;
      const u = pairUnit[q], k = pairPost[q];
      const node = postNodeNow(sim, posts[k]);
      const loc = locateUnit(sim, u, t);
      const travelS = loc.offsetS + sim.oracle.slotToTarget(slots[u], node).timeS[loc.node];
      if (!(travelS <= limits.maxTravelS)) continue;
      const a = sim.model.places[sim.station[u]].node;
      const key = (slots[u] * nodes + a) * nB + k;
      let gain = gainOf.get(key);
      if (gain === undefined) { gain = exactGain(slots[u], a, node, loss[u]); gainOf.set(key, gain); }
      const better = bestU < 0 ? gain > bestGain
        : gain > bestGain || (gain === bestGain && (travelS < bestTravelS || (travelS === bestTravelS && (u < bestU || (u === bestU && k < bestK)))));
      if (better) { bestU = u; bestK = k; bestGain = gain; bestTravelS = travelS; }
    }
    return { unit: bestU, post: bestK < 0 ? -1 : posts[bestK] };
  }

  return {
    policy: 'tier-greedy',
    chooseMove: (sim, t) => bestMove(sim, t, unitSlots(sim, t)),
    afterEvent(sim, t) {
      for (let round = 0; round < limits.maxMoves; round++) {
        const slots = unitSlots(sim, t);
        const move = bestMove(sim, t, slots);
        if (move.unit < 0 || !moveUp(sim, move.unit, move.post, t)) return;
      }
    },
  };
}

