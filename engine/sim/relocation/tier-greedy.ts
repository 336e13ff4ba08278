import type { SimulationModel } from '../model.ts';
import { unitSlots, type ReplicationState } from '../replication-state.ts';
import type { RelocationLimits, RelocationPolicy } from '../scenario.ts';
import { locateUnit } from '../unit-actions.ts';
import { DemandAtoms } from './demand-atoms.ts';
import { canMove, isIdle, moveUp, postNodeNow } from './moves.ts';
import type { Relocator } from './relocator.ts';
import { binomialTail, tierGreedyTables, type TierGreedyTables } from './tier-greedy-tables.ts';

export { binomialTail, tierGreedyTables, type Coverage, type TierGreedyTables } from './tier-greedy-tables.ts';

type TierGreedyPolicy = Extract<RelocationPolicy, { policy: 'tier-greedy' }>;

/** A tier-greedy relocator that can also say which move it would make next, without making it (tests). */
export interface TierGreedyRelocator extends Relocator {
  /** The (unit, post index) pair the next move round would pick at t, or unit -1; changes nothing but the policy's own counts. */
  chooseMove(sim: ReplicationState, t: number): { unit: number; post: number };
}

/**
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
 * The rise of a pair, ΔE(a → b) (a unit of slot s counted at node a counted at b instead), is what one
 * more unit adds over the demand nodes b reaches, minus what one less loses over those a reaches, with
 * the tiers where both reach a node netting to nothing. The pair chosen is decided on that figure
 * worked out per node, in the order of the coverage lists, exactly as the first implementation did
 * (test/sim/tier-greedy-reference.ts, which the tests hold this one to, move by move) — but only for
 * the few pairs that can be the best. The others are settled on demand atoms (demand-atoms.ts): per
 * tier target, the nodes no site tells apart have equal counts, so the same figure summed per atom is
 * ΔE up to rounding (within `eps`, a generous bound on the rounding of either sum), and a cheaper upper
 * bound (per target, the smaller of the two sites' possible netting) rules out most pairs before
 * that (and a group of units at one station whose best-case pair cannot reach minGain is passed over
 * whole). A pair gets the exact figure when its atom figure, give or take eps, can still beat the best
 * exact rise found (or minGain), unless the first pair with a unit that may drive is clear of minGain
 * and of the next pair by 2 eps (its exact figure is then the best): the pair chosen is the one the
 * exact figures give, ties included.
 *
 * Cost per move round: counts move by atom for the units whose station or availability changed
 * (O(atoms reached) each, with the atom's per-target values); the gain, loss and netting sums of every
 * occupied station and candidate post, O(atoms reached) each; per group of movable units O(levels),
 * and per (station, post) pair of the groups left the bound, O(targets), and for the pairs it leaves
 * the atom figure, O(atoms reached); the exact figure, O(demand nodes reached × tiers), of the pairs
 * that may be the best when the atom figures do not settle it — none in most rounds. Coverage
 * lists (bounded forward searches) are built once per model (tier-greedy-tables.ts) and shared by all
 * replications. Allocates nothing per event once every site has been seen.
 */
export function createTierGreedyRelocator(model: SimulationModel, policy: TierGreedyPolicy): TierGreedyRelocator {
  return new TierGreedyMoveUp(model, policy);
}

/**
 * The policy's state for one replication. A class rather than a closure: every replication makes
 * one, and methods shared by all of them keep the optimised code of the hot loops valid from one
 * replication to the next (closures made anew per replication send V8 back to the interpreter).
 */
class TierGreedyMoveUp implements TierGreedyRelocator {
  readonly policy = 'tier-greedy';
  private readonly tables: TierGreedyTables;
  private readonly limits: RelocationLimits;
  private readonly minGain: number;
  private readonly nU: number;
  private readonly nJ: number;
  private readonly nT: number;
  /** Counts 0..nU per tier: M of them. */
  private readonly M: number;
  /**
   * Per tier τ and count m (index τ · M + m): w_τ times the gain of one more unit, F(m+1) − F(m), and
   * the loss of one less, F(m) − F(m−1) (0 at m = 0); F(m) = P(Bin(m, p) >= k_τ).
   */
  private readonly upW: Float64Array;
  private readonly downW: Float64Array;
  /**
   * Every figure compared is a sum of at most (nJ + 8) · (nT + 4) rounded terms whose sizes add up to
   * at most 4 · Σd · Σw: eps bounds how far any two of them can be apart by rounding (generously).
   */
  private readonly eps: number;
  private readonly atoms: DemandAtoms;
  private readonly L: number;
  /** Tiers of level l: levelTier[l] .. levelTier[l + 1) (tiers are sorted by target). */
  private readonly levelTier: Int32Array;
  private readonly posts: Int32Array;
  /** Per travel slot x layout, the sites of the candidate posts (registered on first use). */
  private readonly postSites: (Int32Array | undefined)[];
  /** What each unit is counted as: its site (-1: not counted); the station (-1: not idle), slot and layout that site was found for. */
  private readonly counted: Int32Array;
  private readonly lastStation: Int32Array;
  private readonly lastSlot: Int32Array;
  private lastLayout = -1;
  private readonly changed: Int32Array;
  // Per atom: idle units counted within its level's target, and (weight times, summed over the
  // level's tiers) the gain of one more unit, the loss of one less, and the loss's excess over the
  // gain where positive (what a move between two sites both reaching it can net back, at most).
  private seenVersion = -1;
  private count = new Int32Array(0);
  /** The three values of atom a at 3a, 3a + 1, 3a + 2 (one cache line holds them). */
  private vals = new Float64Array(0);
  private atomLevel = new Uint8Array(0);
  private mark = new Int32Array(0);
  private markKey = 0;
  // Per cell and tier, the suffix sums over tiers >= τ of the gain of one more unit and the loss of
  // one less, accumulated from the last tier down as the reference does per node: for the exact
  // figures only, worked out when first needed in a round (cellStamp).
  private cellAdd = new Float64Array(0);
  private cellRem = new Float64Array(0);
  private cellStamp = new Int32Array(0);
  // Per round (stamp): per site its gain and loss sums and per level its netting sum (at siteStamp ==
  // stamp), its group of movable units (at groupStamp == stamp); per group its site and exact loss.
  private stamp = 0;
  private siteStamp = new Int32Array(0);
  private groupStamp = new Int32Array(0);
  private siteGroup = new Int32Array(0);
  private siteUp = new Float64Array(0);
  private siteDown = new Float64Array(0);
  private siteNet = new Float64Array(0);
  private readonly groupSite: Int32Array;
  private readonly groupExactLoss: Float64Array;
  private readonly unitGroup: Int32Array;
  private readonly candGroup: Int32Array;
  private readonly candPost: Int32Array;
  private readonly candGain: Float64Array;
  private readonly move = { unit: -1, post: -1 };
  /** Per travel slot x layout: the largest gain sum of a candidate post's site in the round at upStamp. */
  private readonly upMax: Float64Array;
  private readonly upStamp: Int32Array;

  constructor(private readonly model: SimulationModel, policy: TierGreedyPolicy) {
    const tables = (this.tables = tierGreedyTables(model, policy));
    const nU = (this.nU = model.scenario.units.length);
    const nJ = (this.nJ = tables.demandNode.length);
    const nT = (this.nT = tables.tierTargetS.length);
    this.limits = policy.limits;
    this.minGain = policy.minGain;
    const p = 1 - policy.busyFraction;
    const M = (this.M = nU + 1);
    this.upW = new Float64Array(nT * M);
    this.downW = new Float64Array(nT * M);
    let weightSum = 0;
    for (let tau = 0; tau < nT; tau++) {
      const f = binomialTail(nU + 1, p, tables.tierUnits[tau]);
      const w = tables.tierWeight[tau];
      weightSum += Math.abs(w);
      for (let m = 0; m < M; m++) {
        this.upW[tau * M + m] = w * (f[m + 1] - f[m]);
        this.downW[tau * M + m] = m > 0 ? w * (f[m] - f[m - 1]) : 0;
      }
    }
    let demandSum = 0;
    for (let j = 0; j < nJ; j++) demandSum += Math.abs(tables.demandWeight[j]);
    this.eps = 16 * (nJ + 8) * (nT + 4) * Number.EPSILON * Math.max(1, 4 * weightSum * demandSum);
    this.atoms = new DemandAtoms(tables.demandWeight, tables.tierTargetS, tables.coverage, model.scenario.graph.nodeCount);
    const L = (this.L = this.atoms.levelCount);
    this.levelTier = new Int32Array(L + 1);
    for (let tau = 0; tau < nT; tau++) this.levelTier[this.atoms.tierLevel[tau] + 1] = tau + 1;
    this.posts = Int32Array.from(policy.posts);
    this.postSites = new Array(model.oracle.maxSlots * model.layouts.length);
    this.counted = new Int32Array(nU).fill(-1);
    this.lastStation = new Int32Array(nU).fill(-1);
    this.lastSlot = new Int32Array(nU).fill(-1);
    this.changed = new Int32Array(nU);
    const nB = this.posts.length;
    this.groupSite = new Int32Array(nU);
    this.groupExactLoss = new Float64Array(nU);
    this.unitGroup = new Int32Array(nU);
    this.candGroup = new Int32Array(nU * nB);
    this.candPost = new Int32Array(nU * nB);
    this.candGain = new Float64Array(nU * nB);
    this.upMax = new Float64Array(model.oracle.maxSlots * model.layouts.length);
    this.upStamp = new Int32Array(model.oracle.maxSlots * model.layouts.length);
  }

  afterEvent(sim: ReplicationState, t: number): void {
    for (let round = 0; round < this.limits.maxMoves; round++) {
      const m = this.bestMove(sim, t);
      if (m.unit < 0 || !moveUp(sim, m.unit, m.post, t)) return;
    }
  }

  chooseMove(sim: ReplicationState, t: number): { unit: number; post: number } {
    return { ...this.bestMove(sim, t) };
  }

  /** One move round: the best admissible (unit, post) pair, or unit -1. */
  private bestMove(sim: ReplicationState, t: number): { unit: number; post: number } {
    const slots = unitSlots(sim, t);
    this.refresh(sim, slots);
    const stamp = ++this.stamp;
    const nU = this.nU, limits = this.limits, counted = this.counted, unitGroup = this.unitGroup;
    const groupStamp = this.groupStamp, siteGroup = this.siteGroup, groupSite = this.groupSite;
    // Movable units grouped by site: units of one slot at one station lose and gain alike.
    let groups = 0;
    for (let u = 0; u < nU; u++) {
      unitGroup[u] = -1;
      if (!canMove(sim, u, t, limits)) continue;
      const site = counted[u];
      if (groupStamp[site] !== stamp) {
        groupStamp[site] = stamp;
        siteGroup[site] = groups;
        groupSite[groups] = site; this.groupExactLoss[groups] = NaN;
        this.siteSums(site);
        groups++;
      }
      unitGroup[u] = siteGroup[site];
    }
    const cands = this.candidates(sim, groups);
    if (this.clearWinner(sim, t, slots, cands)) return this.move;
    // The exact figure of every pair that can still be the best, with the reference's tie rules.
    const candGain = this.candGain, eps = this.eps;
    let bestU = -1, bestK = -1, bestGain = this.minGain, bestTravelS = Infinity;
    for (let c = 0; c < cands; c++) {
      if (bestU >= 0 && candGain[c] + eps < bestGain) break;
      const g = this.candGroup[c], k = this.candPost[c];
      const node = postNodeNow(sim, this.posts[k]);
      let gain = NaN;
      for (let u = 0; u < nU; u++) {
        if (unitGroup[u] !== g) continue;
        const loc = locateUnit(sim, u, t);
        const travelS = loc.offsetS + sim.oracle.slotToTarget(slots[u], node).timeS[loc.node];
        if (!(travelS <= limits.maxTravelS)) continue;
        if (Number.isNaN(gain)) {
          if (Number.isNaN(this.groupExactLoss[g])) this.groupExactLoss[g] = this.exactLoss(groupSite[g]);
          gain = this.exactGain(groupSite[g], node, this.groupExactLoss[g]);
        }
        const better = bestU < 0 ? gain > bestGain
          : gain > bestGain || (gain === bestGain && (travelS < bestTravelS || (travelS === bestTravelS && (u < bestU || (u === bestU && k < bestK)))));
        if (better) { bestU = u; bestK = k; bestGain = gain; bestTravelS = travelS; }
      }
    }
    this.move.unit = bestU; this.move.post = bestK < 0 ? -1 : this.posts[bestK];
    return this.move;
  }

  /**
   * The move when the atom figures settle it without exact figures: the first candidate pair with a
   * unit within maxTravelS is clear of minGain and of the next candidate by more than the rounding
   * of either (2 eps), so its exact figure is above minGain and above every later pair's; the earlier
   * pairs have no unit that may drive. Its units share one figure, so the reference's ties pick the
   * shortest drive, then the lowest unit index. Sets `move` and returns true; false when the exact
   * figures must decide.
   */
  private clearWinner(sim: ReplicationState, t: number, slots: Int32Array, cands: number): boolean {
    const candGain = this.candGain, eps = this.eps, limits = this.limits, unitGroup = this.unitGroup;
    for (let c = 0; c < cands; c++) {
      const g = this.candGroup[c], k = this.candPost[c];
      const node = postNodeNow(sim, this.posts[k]);
      let bestU = -1, bestTravelS = Infinity;
      for (let u = 0; u < this.nU; u++) {
        if (unitGroup[u] !== g) continue;
        const loc = locateUnit(sim, u, t);
        const travelS = loc.offsetS + sim.oracle.slotToTarget(slots[u], node).timeS[loc.node];
        if (travelS <= limits.maxTravelS && travelS < bestTravelS) { bestU = u; bestTravelS = travelS; }
      }
      if (bestU < 0) continue;
      if (!(candGain[c] - eps > this.minGain) || (c + 1 < cands && !(candGain[c + 1] + eps < candGain[c] - eps))) return false;
      this.move.unit = bestU; this.move.post = this.posts[k];
      return true;
    }
    return false;
  }

  /**
   * The (group, post) pairs that may beat minGain, in descending atom figure (candGroup, candPost,
   * candGain): the bound first, then the atom figure, each give or take eps. Returns how many.
   *
   * A group is passed over whole when no pair of it can pass the bound: every pair's bound is at
   * most the largest gain sum of a candidate post, minus the group's loss, plus all its netting (the
   * netting terms are >= 0). Checked with 2 eps, so the few ulps by which the two sums may round
   * apart never pass over a pair the pair's own bound would keep.
   */
  private candidates(sim: ReplicationState, groups: number): number {
    const atoms = this.atoms, L = this.L, eps = this.eps, minGain = this.minGain, nB = this.posts.length;
    const siteUp = this.siteUp, siteDown = this.siteDown, siteNet = this.siteNet, mark = this.mark;
    const candGroup = this.candGroup, candPost = this.candPost, candGain = this.candGain;
    const layouts = this.model.layouts.length;
    let cands = 0;
    for (let g = 0; g < groups; g++) {
      const a = this.groupSite[g], here = atoms.siteNode[a];
      const sitesKey = atoms.siteSlot[a] * layouts + sim.layout;
      const sites = this.postSites[sitesKey]!;
      if (this.upStamp[sitesKey] !== this.stamp) {
        let most = -Infinity;
        for (let k = 0; k < nB; k++) { const b = sites[k]; this.siteSums(b); if (siteUp[b] > most) most = siteUp[b]; }
        this.upMax[sitesKey] = most; this.upStamp[sitesKey] = this.stamp;
      }
      let netA = 0;
      for (let l = 0; l < L; l++) netA += siteNet[a * L + l];
      if (!(this.upMax[sitesKey] - siteDown[a] + netA + 2 * eps > minGain)) continue;
      let key = 0;
      for (let k = 0; k < nB; k++) {
        const b = sites[k];
        if (atoms.siteNode[b] === here) continue;
        this.siteSums(b);
        const from = atoms.overlapLevel(a, b);
        let bound = siteUp[b] - siteDown[a];
        for (let l = from; l < L; l++) { const x = siteNet[a * L + l], y = siteNet[b * L + l]; bound += x < y ? x : y; }
        if (!(bound + eps > minGain)) continue;
        if (key === 0) {
          key = ++this.markKey;
          const list = atoms.siteAtoms[a];
          for (let e = 0; e < list.length; e++) mark[list[e]] = key;
        }
        const gain = this.atomGain(a, b, from, key);
        if (!(gain + eps > minGain)) continue;
        let i = cands++;
        while (i > 0 && candGain[i - 1] < gain) { candGroup[i] = candGroup[i - 1]; candPost[i] = candPost[i - 1]; candGain[i] = candGain[i - 1]; i--; }
        candGroup[i] = g; candPost[i] = k; candGain[i] = gain;
      }
    }
    return cands;
  }

  /**
   * Bring the counts up to date: for every unit whose availability, station or travel slot changed
   * since the last round (every unit when the layout changed), register the sites it touches (its
   * station, the candidate posts in its slot), then move its count from its old site to its new one.
   */
  private refresh(sim: ReplicationState, slots: Int32Array): void {
    const model = this.model, atoms = this.atoms, layouts = model.layouts.length, places = model.places;
    const lastStation = this.lastStation, lastSlot = this.lastSlot, changed = this.changed;
    const all = sim.layout !== this.lastLayout;
    this.lastLayout = sim.layout;
    let n = 0;
    for (let u = 0; u < this.nU; u++) {
      const station = isIdle(sim, u) ? sim.station[u] : -1, slot = slots[u];
      if (!all && station === lastStation[u] && slot === lastSlot[u]) continue;
      lastStation[u] = station; lastSlot[u] = slot;
      changed[n++] = u;
      if (station < 0) continue;
      atoms.register(slot, places[station].node);
      const key = slot * layouts + sim.layout;
      if (this.postSites[key] === undefined) this.postSites[key] = Int32Array.from(this.posts, (p) => atoms.register(slot, postNodeNow(sim, p)));
    }
    if (n === 0) return;
    atoms.commit();
    if (atoms.version !== this.seenVersion) this.resize();
    if (this.siteStamp.length < atoms.siteCount) {
      const cap = Math.max(atoms.siteCount, 2 * this.siteStamp.length, 16);
      this.siteStamp = new Int32Array(cap); this.groupStamp = new Int32Array(cap); this.siteGroup = new Int32Array(cap);
      this.siteUp = new Float64Array(cap); this.siteDown = new Float64Array(cap); this.siteNet = new Float64Array(cap * this.L);
    }
    const counted = this.counted;
    for (let i = 0; i < n; i++) {
      const u = changed[i], station = lastStation[u];
      const site = station >= 0 ? atoms.find(slots[u], places[station].node) : -1;
      if (site === counted[u]) continue;
      if (counted[u] >= 0) this.apply(counted[u], -1);
      if (site >= 0) this.apply(site, 1);
      counted[u] = site;
    }
  }

  /** After the atoms changed: per-atom and per-cell arrays sized anew, counts rebuilt from the units counted. */
  private resize(): void {
    const atoms = this.atoms, nA = atoms.atomCount;
    this.count = new Int32Array(nA);
    this.vals = new Float64Array(3 * nA);
    this.mark = new Int32Array(nA);
    this.atomLevel = new Uint8Array(nA);
    for (let l = 0; l < this.L; l++) this.atomLevel.fill(l, atoms.levelStart[l], atoms.levelStart[l + 1]);
    this.cellAdd = new Float64Array(atoms.cellCount * this.nT); this.cellRem = new Float64Array(atoms.cellCount * this.nT);
    this.cellStamp = new Int32Array(atoms.cellCount);
    this.seenVersion = atoms.version;
    for (let u = 0; u < this.nU; u++) if (this.counted[u] >= 0) this.apply(this.counted[u], 1);
    for (let a = 0; a < nA; a++) this.values(a);
  }

  private apply(site: number, delta: number): void {
    const list = this.atoms.siteAtoms[site], count = this.count;
    for (let e = 0; e < list.length; e++) { count[list[e]] += delta; this.values(list[e]); }
  }

  /** The per-atom values of atom a at its current count. */
  private values(a: number): void {
    const l = this.atomLevel[a], n = this.count[a], w = this.atoms.weight[a];
    const upW = this.upW, downW = this.downW, M = this.M;
    let up = 0, down = 0, net = 0;
    for (let tau = this.levelTier[l]; tau < this.levelTier[l + 1]; tau++) {
      const u = upW[tau * M + n], v = downW[tau * M + n];
      up += u; down += v; if (v > u) net += v - u;
    }
    const vals = this.vals;
    vals[3 * a] = w * up; vals[3 * a + 1] = w * down; vals[3 * a + 2] = w * net;
  }

  /** A site's gain, loss and per-level netting sums over the atoms it reaches (once per round). */
  private siteSums(s: number): void {
    if (this.siteStamp[s] === this.stamp) return;
    this.siteStamp[s] = this.stamp;
    const list = this.atoms.siteAtoms[s], start = this.atoms.siteLevelStart[s], L = this.L;
    const vals = this.vals, siteNet = this.siteNet;
    let up = 0, down = 0;
    for (let l = 0; l < L; l++) {
      let net = 0;
      for (let e = start[l], end = start[l + 1]; e < end; e++) { const a = 3 * list[e]; up += vals[a]; down += vals[a + 1]; net += vals[a + 2]; }
      siteNet[s * L + l] = net;
    }
    this.siteUp[s] = up; this.siteDown[s] = down;
  }

  /** ΔE of moving a unit from site a (its atoms marked with `key`) to site b, summed by atom; they share atoms from level `from` on. */
  private atomGain(a: number, b: number, from: number, key: number): number {
    const list = this.atoms.siteAtoms[b], start = this.atoms.siteLevelStart[b];
    const mark = this.mark, vals = this.vals;
    let g = this.siteUp[b] - this.siteDown[a];
    for (let e = start[from], end = start[this.L]; e < end; e++) {
      const x = list[e];
      if (mark[x] === key) g += vals[3 * x + 1] - vals[3 * x];
    }
    return g;
  }

  /** The suffix sums of cell c at the current counts (its first node's, as the reference reads them per node). */
  private cellSuffix(c: number): void {
    this.cellStamp[c] = this.stamp;
    const nT = this.nT, nJ = this.nJ, M = this.M, j = this.atoms.cellFirst[c], atomOf = this.atoms.atomOf, tierLevel = this.atoms.tierLevel;
    const o = c * nT;
    let add = 0, rem = 0;
    for (let tau = nT - 1; tau >= 0; tau--) {
      const k = tau * M + this.count[atomOf[tierLevel[tau] * nJ + j]];
      add += this.upW[k]; rem += this.downW[k];
      this.cellAdd[o + tau] = add; this.cellRem[o + tau] = rem;
    }
  }

  /** The loss of one unit less at site a, node by node in coverage order (the reference figure, to the bit). */
  private exactLoss(a: number): number {
    const cov = this.atoms.siteCoverage[a], cellOf = this.atoms.cellOf, d = this.tables.demandWeight, nT = this.nT;
    let l = 0;
    for (let e = 0; e < cov.j.length; e++) {
      const j = cov.j[e], c = cellOf[j];
      if (this.cellStamp[c] !== this.stamp) this.cellSuffix(c);
      l += d[j] * this.cellRem[c * nT + cov.from[e]];
    }
    return l;
  }

  /** ΔE of moving a unit of site a (exact loss lossA) to node b, node by node in coverage order (the reference figure, to the bit). */
  private exactGain(a: number, b: number, lossA: number): number {
    const s = this.atoms.siteSlot[a], nT = this.nT, d = this.tables.demandWeight, cellOf = this.atoms.cellOf;
    const fromA = this.tables.coverageFrom(s, this.atoms.siteNode[a]);
    const covB = this.tables.coverage(s, b);
    let g = 0;
    for (let e = 0; e < covB.j.length; e++) {
      const j = covB.j[e], fb = covB.from[e], fa = fromA[j], c = cellOf[j];
      if (this.cellStamp[c] !== this.stamp) this.cellSuffix(c);
      const o = c * nT, dj = d[j];
      if (fa >= nT) { g += dj * this.cellAdd[o + fb]; continue; }
      // j also counts the moved unit from a (tiers >= fa): those tiers gain back what they lose.
      const m = fa > fb ? fa : fb;
      g += dj * this.cellAdd[o + fb] - dj * this.cellAdd[o + m] + dj * this.cellRem[o + m];
    }
    return g - lossA;
  }
}
