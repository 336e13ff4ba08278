import { lazyPackage } from '../lazy-package.ts';
import type { CoverageSets } from './coverage-sets.ts';
import { nextBlock, unitsOnDuty, type PlanAssignment, type PlanProblem } from './plan.ts';
import { createTierState, type TierState } from './tier-state.ts';
import type { TierValue } from './tier-value.ts';
import { EXPECTED_GAIN_TOLERANCE, solveTieredHeuristic } from './tiered-heuristic.ts';

const seedrandom = lazyPackage<typeof import('seedrandom')>('seedrandom');

/** Perturbation rounds of the iterated local search over the whole plan, and the sites a perturbed unit picks from. */
const DEFAULT_PLAN_ROUNDS = 60;
/** A second start (a plan without moves) when the limit costs the blocks' own layouts more than this share. */
const SECOND_START_LOSS = 0.005;
const PERTURB_SITES = 8;

/** Perturbation rounds of the one-block search for blocks after the first (which start from the block before). */
const LATER_BLOCK_ROUNDS = 30;

export interface PlanHeuristicResult {
  plan: PlanAssignment;
  /** The plan objective as the search tracked it (callers re-verify). */
  objective: number;
  /** Σ_b of each block's own heuristic optimum (no moves linking them): where the search started. */
  blockwiseObjective: number;
  /** Improving moves of the linking search; repairs made to meet the move limit. */
  improvements: number;
  repairs: number;
  /** false when the move limit could not be met (the plan then breaks it). */
  feasible: boolean;
  timeLimited: boolean;
  seconds: number;
}

/**
 * Heuristic for the time-of-day plan (plan-model.ts has the formulation), for city-scale models:
 *
 * 1. Each block alone: the one-block tiered heuristic (greedy, local search, iterated local search;
 *    tiered-heuristic.ts) with the block's units, fixed units and caps; a block with the same units on
 *    duty as the block before starts from that block's layout (with 30 rounds instead of 150).
 * 2. Identities: walking the blocks in order, each movable unit keeps its site from the block
 *    before when the block's layout has room for it there; the others take the remaining places.
 * 3. Repair, while some boundary has more moves than the limit: of the units moving there, the change
 *    that loses the least objective while lowering the total excess is made: keep the unit where it
 *    was (in the later block), bring it early (in the earlier block), or swap it with a unit of the
 *    later block standing where it was (no loss, counts unchanged). When no such change is left (full
 *    sites on both sides), it starts again from a plan without moves: each movable unit at one site
 *    for all its blocks, placed greedily by its gain summed over them. When the move limit costs the
 *    improved plan more than 0.5 % of the blocks' own optima, that plan is also a second start: steps
 *    4–5 run from both, in half the time left each, and the better plan is kept.
 * 4. Linking local search on the plan objective Σ_b block objective − c × moves, within the limit,
 *    sweeping until nothing improves: move one unit in one block to the best site for it (or back to
 *    where it stands in the block before or after); move a unit's whole run of blocks at one site
 *    (its whole day when it never moves) to the best site summed over the run; two units exchange
 *    their sites over a stretch of blocks both work when that saves moves (counts unchanged).
 * 5. Iterated local search over the plan (60 rounds): 2–4 random units moved, in a random block or
 *    over their whole run of blocks at one site, to one of the 8 best sites for them, the search of step 4 again, kept only when the plan improves.
 * Deterministic (ties to the lowest index); block heuristics use `seed`.
 */
export function solvePlanHeuristic(
  problem: PlanProblem, values: readonly TierValue[][], sets: readonly CoverageSets[][],
  options: { timeLimitS?: number; nowS?: () => number; rounds?: number; planRounds?: number; seed?: string } = {},
): PlanHeuristicResult {
  const nowS = options.nowS ?? (() => 0);
  const t0 = nowS();
  const limit = options.timeLimitS ?? Infinity;
  const nb = problem.blocks.length;
  const nj = problem.blocks[0].problem.candidateIds.length;
  const units = problem.units;
  const nu = units.length;
  const K = Math.max(...problem.tiers.map((t) => t.units));
  const c = problem.moveCost;
  const M = problem.maxMoves;
  const fixed = problem.blocks.map((_, b) => {
    const f = new Int32Array(nj);
    for (const u of units) if (u.onDuty[b] && u.fixedSite >= 0) f[u.fixedSite]++;
    return f;
  });
  const caps = problem.blocks.map((blk, b) => Int32Array.from(blk.problem.maxUnits, (m) => Math.min(m, unitsOnDuty(problem, b))));
  let timeLimited = false;

  // 1. Each block alone.
  const layouts: Int32Array[] = [];
  let blockwiseObjective = 0;
  for (let b = 0; b < nb; b++) {
    const blk = problem.blocks[b];
    const P = unitsOnDuty(problem, b);
    const left = limit - (nowS() - t0);
    const share = Number.isFinite(limit) ? Math.max(0, left * 0.5 / (nb - b)) : undefined;
    // Later blocks start from the block before when it has the same units on duty (one descent from a
    // good layout instead of a greedy from nothing), with fewer perturbation rounds.
    const sameUnits = b > 0 && units.every((u) => u.onDuty[b] === u.onDuty[b - 1]);
    const h = solveTieredHeuristic({ ...blk.problem, minUnits: fixed[b], maxUnits: caps[b] }, { tiers: problem.tiers, units: P },
      { timeLimitS: share, nowS, sets: sets[b], rounds: options.rounds ?? (b === 0 ? undefined : LATER_BLOCK_ROUNDS), seed: `${options.seed ?? 'patrolsim-plan'}/${b}`, values: values[b], start: sameUnits ? layouts[b - 1] : undefined });
    if (!h.feasible) throw new Error(`internal: block ${blk.name} has room for its units (validated) but the greedy found none`);
    if (h.timeLimited) timeLimited = true;
    layouts.push(h.units);
    blockwiseObjective += h.objective;
  }

  // 2. Identities.
  const plan: PlanAssignment = units.map(() => new Int32Array(nb).fill(-1));
  for (let b = 0; b < nb; b++) {
    const room = Int32Array.from(layouts[b], (y, j) => y - fixed[b][j]);
    const pv = nb === 1 ? -1 : (b + nb - 1) % nb;
    units.forEach((u, k) => { if (u.onDuty[b] && u.fixedSite >= 0) plan[k][b] = u.fixedSite; });
    if (pv >= 0 && pv < b) {
      units.forEach((u, k) => {
        if (!u.onDuty[b] || u.fixedSite >= 0 || plan[k][pv] < 0) return;
        const j = plan[k][pv];
        if (room[j] > 0) { plan[k][b] = j; room[j]--; }
      });
    }
    let j = 0;
    units.forEach((u, k) => {
      if (!u.onDuty[b] || plan[k][b] >= 0) return;
      while (room[j] <= 0) j++;
      plan[k][b] = j; room[j]--;
    });
  }

  // State: one tier state per block, moves per boundary.
  const states: TierState[] = problem.blocks.map((blk, b) => {
    // Gains guide, the exact objective decides (tier-state.ts): expected values pass on only increment changes >= the tolerance.
    const st = createTierState(blk.problem, problem.tiers, values[b], sets[b], 1, values[b].every((v) => v.step) ? 0 : EXPECTED_GAIN_TOLERANCE);
    st.goTo(layouts[b]);
    return st;
  });
  const prevOf = (b: number) => (nb === 1 ? -1 : (b + nb - 1) % nb);
  const movesOut = new Int32Array(nb);
  const countMoves = () => {
    for (let b = 0; b < nb; b++) {
      const nx = nextBlock(problem, b);
      let m = 0;
      if (nx >= 0) for (let u = 0; u < nu; u++) if (plan[u][b] >= 0 && plan[u][nx] >= 0 && plan[u][b] !== plan[u][nx]) m++;
      movesOut[b] = m;
    }
  };
  countMoves();
  const blockSum = () => states.reduce((s, st) => s + st.objective, 0);
  const totalMoves = () => movesOut.reduce((s, m) => s + m, 0);
  const excess = () => movesOut.reduce((s, m) => s + Math.max(0, m - M), 0);
  const timeLeft = () => { if (nowS() - t0 < limit) return true; timeLimited = true; return false; };

  /** Put unit u at site k in block b (the states and move counts follow). */
  const setSite = (u: number, b: number, k: number) => {
    const j = plan[u][b];
    if (j === k) return;
    states[b].remove(j);
    states[b].add(k);
    const pv = prevOf(b), nx = nextBlock(problem, b);
    if (pv >= 0 && plan[u][pv] >= 0) movesOut[pv] += (plan[u][pv] !== k ? 1 : 0) - (plan[u][pv] !== j ? 1 : 0);
    if (nx >= 0 && plan[u][nx] >= 0) movesOut[b] += (k !== plan[u][nx] ? 1 : 0) - (j !== plan[u][nx] ? 1 : 0);
    plan[u][b] = k;
  };
  const roomAt = (b: number, k: number) => states[b].units[k] < caps[b][k];
  const score = () => blockSum() - c * totalMoves();

  /** Moves of unit u at the boundaries touching blocks b .. b+L−1 (cyclic), and the same with sites from `row`. */
  const stretchBoundaries = (b: number, L: number): number[] => {
    const out = new Set<number>();
    for (let q = -1; q < L; q++) { const x = (b + q + nb) % nb; if (nextBlock(problem, x) >= 0) out.add(x); }
    return [...out];
  };
  const siteIn = (u: number, v: number, b: number, L: number, x: number) => {
    for (let q = 0; q < L; q++) if ((b + q) % nb === x) return plan[v][x];
    return plan[u][x];
  };
  /** Change of total moves, and whether every boundary stays within the limit, if u and v swapped blocks b .. b+L−1. */
  const swapGain = (u: number, v: number, b: number, L: number): { moves: number; fits: boolean } => {
    let delta = 0, fits = true;
    for (const x of stretchBoundaries(b, L)) {
      const nx = nextBlock(problem, x);
      let d = 0;
      for (const [a, o] of [[u, v], [v, u]]) {
        const before = plan[a][x] >= 0 && plan[a][nx] >= 0 && plan[a][x] !== plan[a][nx] ? 1 : 0;
        const sx = siteIn(a, o, b, L, x), snx = siteIn(a, o, b, L, nx);
        const after = sx >= 0 && snx >= 0 && sx !== snx ? 1 : 0;
        d += after - before;
      }
      delta += d;
      if (movesOut[x] + d > M && d > 0) fits = false;
    }
    return { moves: delta, fits };
  };
  const swapStretch = (u: number, v: number, b: number, L: number) => {
    for (let q = 0; q < L; q++) { const x = (b + q) % nb; const t = plan[u][x]; plan[u][x] = plan[v][x]; plan[v][x] = t; }
    countMoves();
  };

  // 3. Repair the move limit.
  let repairs = 0;
  let feasible = true;
  // Every repair lowers the excess, so the loop ends; it is not cut by the clock (the limit is a constraint).
  while (feasible && excess() > 0) {
    const before = excess();
    let best: { apply: () => void; gain: number } | undefined;
    for (let b = 0; b < nb; b++) {
      const nx = nextBlock(problem, b);
      if (nx < 0 || movesOut[b] <= M) continue;
      for (let u = 0; u < nu; u++) {
        const j = plan[u][b], k = plan[u][nx];
        if (j < 0 || k < 0 || j === k) continue;
        const options: [number, number][] = [];
        if (roomAt(nx, j)) options.push([nx, j]);
        if (roomAt(b, k)) options.push([b, k]);
        for (const [blk, site] of options) {
          const s0 = score(), old = plan[u][blk];
          setSite(u, blk, site);
          const gain = score() - s0, ok = excess() < before;
          setSite(u, blk, old);
          if (ok && (!best || gain > best.gain + 1e-12)) best = { gain, apply: () => setSite(u, blk, site) };
        }
        // Swap with a movable unit v standing at j in block nx: u stays, v takes k.
        for (let v = 0; v < nu; v++) {
          if (v === u || units[v].fixedSite >= 0 || plan[v][nx] !== j) continue;
          const s0 = score();
          const swap = () => { plan[v][nx] = k; plan[u][nx] = j; countMoves(); };
          const undo = () => { plan[v][nx] = j; plan[u][nx] = k; countMoves(); };
          swap();
          const gain = score() - s0, ok = excess() < before;
          undo();
          if (ok && (!best || gain > best.gain + 1e-12)) best = { gain, apply: swap };
        }
      }
    }
    if (!best) { feasible = false; break; }
    best.apply();
    repairs++;
  }
  /** A plan without moves: each movable unit at one site for all its blocks, placed greedily by its gain summed over them. */
  const buildWithoutMoves = (): boolean => {
    for (let b = 0; b < nb; b++) states[b].goTo(fixed[b]);
    for (let u = 0; u < nu; u++) if (units[u].fixedSite < 0) plan[u].fill(-1);
    const order = units.map((_, u) => u).filter((u) => units[u].fixedSite < 0)
      .sort((a, b2) => units[b2].onDuty.filter(Boolean).length - units[a].onDuty.filter(Boolean).length || a - b2);
    for (const u of order) {
      const duty = units[u].onDuty.map((d, b) => (d ? b : -1)).filter((b) => b >= 0);
      let bestK = -1, bestSum = -Infinity;
      for (let k = 0; k < nj; k++) {
        if (!duty.every((b) => roomAt(b, k))) continue;
        let sum = 0;
        for (const b of duty) sum += states[b].gain[0][k];
        if (sum > bestSum + 1e-12) { bestSum = sum; bestK = k; }
      }
      if (bestK < 0) return false;
      for (const b of duty) { states[b].add(bestK); plan[u][b] = bestK; }
    }
    countMoves();
    return true;
  };
  /** Set the plan (and the block states and move counts) to `target`. */
  const restore = (target: PlanAssignment) => {
    for (let u = 0; u < nu; u++) plan[u].set(target[u]);
    for (let b = 0; b < nb; b++) {
      const y = new Int32Array(nj);
      for (const row of plan) if (row[b] >= 0) y[row[b]]++;
      states[b].goTo(y);
    }
    countMoves();
  };
  // Repair stuck (full sites on both sides): start again from a plan without moves.
  let fromWithoutMoves = false;
  if (!feasible) { feasible = buildWithoutMoves(); fromWithoutMoves = true; if (feasible) repairs++; }

  // 4. Linking local search.
  let improvements = 0;
  let deadline = Infinity;
  const timeLeftImprove = () => timeLeft() && nowS() < deadline;
  const eps = 1e-9;
  const withinLimit = () => excess() === 0 || !feasible;
  const gain0 = (b: number) => states[b].gain[0];
  const descend = () => {
    let improved = feasible;
    while (improved && timeLeftImprove()) {
      improved = false;
      // One unit, one block.
      for (let u = 0; u < nu && timeLeftImprove(); u++) {
        if (units[u].fixedSite >= 0) continue;
        for (let b = 0; b < nb; b++) {
          const j = plan[u][b];
          if (j < 0) continue;
          const s0 = score();
          states[b].remove(j);
          const g = gain0(b);
          let bestK = -1;
          for (let k = 0; k < nj; k++) if (k !== j && roomAt(b, k) && (bestK < 0 || g[k] > g[bestK])) bestK = k;
          states[b].add(j);
          const tries = new Set<number>();
          if (bestK >= 0) tries.add(bestK);
          const pv = prevOf(b), nx = nextBlock(problem, b);
          if (pv >= 0 && plan[u][pv] >= 0 && plan[u][pv] !== j && roomAt(b, plan[u][pv])) tries.add(plan[u][pv]);
          if (nx >= 0 && plan[u][nx] >= 0 && plan[u][nx] !== j && roomAt(b, plan[u][nx])) tries.add(plan[u][nx]);
          let bestGain = eps, bestSite = -1;
          for (const k of tries) {
            setSite(u, b, k);
            const gain = score() - s0;
            if (withinLimit() && gain > bestGain) { bestGain = gain; bestSite = k; }
            setSite(u, b, j);
          }
          if (bestSite >= 0) { setSite(u, b, bestSite); improvements++; improved = true; }
        }
      }
      // A unit's run of blocks at one site.
      for (let u = 0; u < nu && timeLeftImprove() && nb > 1; u++) {
        if (units[u].fixedSite >= 0) continue;
        for (const run of runsOf(plan[u], nb)) {
          const j = plan[u][run[0]];
          const s0 = score();
          for (const b of run) states[b].remove(j);
          const sum = new Float64Array(nj);
          const ok = new Uint8Array(nj).fill(1);
          for (const b of run) { const g = gain0(b); for (let k = 0; k < nj; k++) { sum[k] += g[k]; if (!roomAt(b, k)) ok[k] = 0; } }
          let bestK = -1;
          for (let k = 0; k < nj; k++) if (k !== j && ok[k] && (bestK < 0 || sum[k] > sum[bestK])) bestK = k;
          for (const b of run) states[b].add(j);
          if (bestK < 0) continue;
          for (const b of run) setSite(u, b, bestK);
          const gain = score() - s0;
          if (withinLimit() && gain > eps) { improvements++; improved = true; } else for (const b of run) setSite(u, b, j);
        }
      }
      // Identity swaps that save moves (counts unchanged): units u and v exchange their sites over a
      // stretch of consecutive blocks (from b, L blocks) in which both work.
      if (c > 0 || Number.isFinite(M)) {
        for (let b = 0; b < nb && timeLeftImprove(); b++) {
          for (let u = 0; u < nu; u++) {
            if (units[u].fixedSite >= 0 || plan[u][b] < 0) continue;
            for (let v = u + 1; v < nu; v++) {
              if (units[v].fixedSite >= 0 || plan[v][b] < 0 || plan[v][b] === plan[u][b]) continue;
              for (let L = 1; L < nb; L++) {
                const last = (b + L - 1) % nb;
                if (plan[u][last] < 0 || plan[v][last] < 0) break;
                const gain = swapGain(u, v, b, L);
                if (gain.moves < 0 && gain.fits) { swapStretch(u, v, b, L); improvements++; improved = true; break; }
              }
            }
          }
        }
      }
    }
  };
  const improve = () => {
    descend();

    // 5. Iterated local search on the plan: move 2–4 random units in random blocks to one of the
    //    PERTURB_SITES best sites for them (within the move limit), descend again, keep the plan if it
    //    beats the best, otherwise return to the best.
    const rounds = options.planRounds ?? DEFAULT_PLAN_ROUNDS;
    const movable = units.map((_, u) => u).filter((u) => units[u].fixedSite < 0 && units[u].onDuty.some(Boolean));
    if (feasible && rounds > 0 && movable.length > 0) {
      const rng = seedrandom()(`${options.seed ?? 'patrolsim-plan'}/links`);
      let best = plan.map((r) => r.slice());
      let bestScore = score();
      for (let round = 0; round < rounds; round++) {
        if (!timeLeftImprove()) break;
        const n = 2 + Math.floor(rng() * 3);
        for (let m = 0; m < n; m++) {
          const u = movable[Math.floor(rng() * movable.length)];
          const duty = units[u].onDuty.map((d, b) => (d ? b : -1)).filter((b) => b >= 0);
          const b = duty[Math.floor(rng() * duty.length)];
          const j = plan[u][b];
          // Half the time the unit's whole run of blocks at j moves (moves at its ends only), else block b alone.
          const blocksMoved = rng() < 0.5 ? runsOf(plan[u], nb).find((r) => r.includes(b))! : [b];
          for (const x of blocksMoved) states[x].remove(j);
          const sum = new Float64Array(nj);
          for (const x of blocksMoved) { const g = gain0(x); for (let k = 0; k < nj; k++) sum[k] += g[k]; }
          const top: number[] = [];
          for (let k = 0; k < nj; k++) {
            if (k === j || !blocksMoved.every((x) => roomAt(x, k))) continue;
            top.push(k);
            top.sort((x, y) => sum[y] - sum[x] || x - y);
            if (top.length > PERTURB_SITES) top.pop();
          }
          for (const x of blocksMoved) states[x].add(j);
          if (!top.length) continue;
          const k = top[Math.floor(rng() * top.length)];
          for (const x of blocksMoved) setSite(u, x, k);
          if (excess() > 0) for (const x of blocksMoved) setSite(u, x, j);
        }
        descend();
        if (score() > bestScore + eps && excess() === 0) { bestScore = score(); best = plan.map((r) => r.slice()); } else restore(best);
      }
      restore(best);
    }
  };
  // With a move limit that costs the blocks' own layouts more than SECOND_START_LOSS of their sum, a
  // second start: a plan without moves, improved the same way; the better plan is kept. Each start
  // gets half the time left.
  const maybeTwo = feasible && !fromWithoutMoves && Number.isFinite(M) && nb > 1;
  if (maybeTwo && Number.isFinite(limit)) deadline = nowS() + Math.max(0, limit - (nowS() - t0)) / 2;
  improve();
  const twoStarts = maybeTwo && blockwiseObjective - score() > SECOND_START_LOSS * Math.abs(blockwiseObjective);
  if (twoStarts) {
    const first = plan.map((r) => r.slice()), firstScore = score();
    deadline = Infinity;
    if (buildWithoutMoves()) {
      improve();
      if (!(score() > firstScore + eps)) restore(first);
    } else restore(first);
  }
  return { plan, objective: score(), blockwiseObjective, improvements, repairs, feasible: excess() === 0, timeLimited, seconds: nowS() - t0 };
}

/** Maximal runs of consecutive duty blocks (cyclic) at the same site; a whole unchanged day is one run. */
function runsOf(row: Int32Array, nb: number): number[][] {
  const on = (b: number) => row[b] >= 0;
  if (!Array.from(row).some((s) => s >= 0)) return [];
  // Start where a run begins: a duty block whose predecessor is off duty or elsewhere.
  let start = -1;
  for (let b = 0; b < nb; b++) {
    const pv = (b + nb - 1) % nb;
    if (on(b) && (!on(pv) || row[pv] !== row[b])) { start = b; break; }
  }
  if (start < 0) return [Array.from({ length: nb }, (_, b) => b)]; // on duty all day at one site
  const runs: number[][] = [];
  let cur: number[] = [];
  for (let q = 0; q < nb; q++) {
    const b = (start + q) % nb;
    const pv = (b + nb - 1) % nb;
    if (!on(b)) { if (cur.length) runs.push(cur); cur = []; continue; }
    if (cur.length && row[pv] !== row[b]) { runs.push(cur); cur = []; }
    cur.push(b);
  }
  if (cur.length) runs.push(cur);
  return runs;
}
