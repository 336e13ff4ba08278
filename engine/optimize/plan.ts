import { coverageSets, type CoverageSets } from './coverage-sets.ts';
import type { LocationProblem } from './problem.ts';
import { evaluateTierValues } from './tier-state.ts';
import { MAX_BUSY, tierValues, type TierObjective, type TierValue } from './tier-value.ts';
import { evaluateTiered, type WeightedTier } from './tiered.ts';

/**
 * A time-of-day plan problem in plain arrays: the blocks of the day, each a {@link LocationProblem}
 * over the same candidate sites (same ids, same order: site j is the same place in every block), and
 * the units with the blocks they are on duty in.
 *
 * Blocks tile the day in order: block b runs [startHour_b, endHour_b) and block b + 1 (cyclically)
 * starts where b ends, so every block boundary is a moment where units may change place, including
 * the one from the last block of the day to the first. One block (0–24) has no boundary.
 *
 * A unit is on duty for whole blocks (`onDuty[b]`). A fixed unit (`fixedSite >= 0`, an existing
 * post's unit) stands at that site in every block it is on duty; a movable one goes where the plan
 * says. A block's own `minUnits` must be 0 (fixed units say what is fixed) and its `maxUnits` caps
 * the units at each site in that block (0: forbidden in that block).
 */
export interface PlanProblem {
  readonly blocks: readonly PlanBlock[];
  readonly units: readonly PlanUnit[];
  readonly tiers: readonly WeightedTier[];
  readonly objective: TierObjective;
  /** Most movable units that may change place at each block boundary (Infinity: no limit). */
  readonly maxMoves: number;
  /** Objective lost per unit that changes place at a boundary (in objective units; 0: free). */
  readonly moveCost: number;
}

export interface PlanBlock {
  readonly name: string;
  readonly startHour: number;
  readonly endHour: number;
  /** Demand weights (e.g. expected incidents in the block) and travel costs of the block. */
  readonly problem: LocationProblem;
  /** q_b: probability that a unit is busy in the block (expected objective; 0 for static). */
  readonly busy: number;
}

export interface PlanUnit {
  readonly id: string;
  /** onDuty[b]: the unit works block b (whole blocks only). */
  readonly onDuty: readonly boolean[];
  /** Site index of a fixed unit; -1 for a movable one. */
  readonly fixedSite: number;
}

/** A plan: site[u][b] = the site of unit u in block b, -1 when off duty. */
export type PlanAssignment = Int32Array[];

export interface PlanEvaluation {
  /** Σ_b block objective − moveCost × Σ moves. */
  objective: number;
  blocks: {
    /** Σ_t w_t Σ_i a_ib v_tb(n_itb): the block's part of the objective. */
    objective: number;
    /** Weight meeting each tier with every unit free. */
    coveredWeight: number[];
    /** Expected weight meeting each tier (expected objective; equals coveredWeight for static). */
    expectedWeight: number[];
    /** Units per site in the block. */
    units: Int32Array;
    /** Movable units changing place at the boundary into the next block (0 with one block). */
    movesOut: number;
  }[];
  moves: number;
  /** Constraint violations (empty for a feasible plan). */
  problems: string[];
}

/** Next block index across the boundary at the end of block b (cyclic), or -1 with one block. */
export function nextBlock(problem: PlanProblem, b: number): number {
  const n = problem.blocks.length;
  return n === 1 ? -1 : (b + 1) % n;
}

/** The tier value tables of each block (its busy probability), covering counts up to the block's units + K. */
export function blockValues(problem: PlanProblem): TierValue[][] {
  const K = Math.max(...problem.tiers.map((t) => t.units));
  return problem.blocks.map((blk, b) => tierValues(problem.tiers, problem.objective, problem.objective === 'expected' ? blk.busy : 0, unitsOnDuty(problem, b) + K));
}

export function blockSets(problem: PlanProblem): CoverageSets[][] {
  return problem.blocks.map((blk) => problem.tiers.map((t) => coverageSets(blk.problem, t.targetS)));
}

export function unitsOnDuty(problem: PlanProblem, b: number): number {
  let n = 0;
  for (const u of problem.units) if (u.onDuty[b]) n++;
  return n;
}

/** Check a plan problem; returns problems as strings. */
export function validatePlanProblem(problem: PlanProblem): string[] {
  const out: string[] = [];
  const nb = problem.blocks.length;
  if (nb === 0) return ['blocks: expected at least one block'];
  const nj = problem.blocks[0].problem.candidateIds.length;
  problem.blocks.forEach((blk, b) => {
    const ids = blk.problem.candidateIds;
    if (ids.length !== nj || ids.some((id, j) => id !== problem.blocks[0].problem.candidateIds[j])) out.push(`blocks[${b}]: candidate sites differ from block 0's (every block must list the same sites in the same order)`);
    if (blk.problem.minUnits.some((m) => m !== 0)) out.push(`blocks[${b}]: minUnits must be 0 (fixed units say what is fixed)`);
    if (!(blk.busy >= 0 && blk.busy <= MAX_BUSY)) out.push(`blocks[${b}].busy: expected a probability in [0, ${MAX_BUSY}], got ${blk.busy}`);
  });
  if (!(problem.maxMoves >= 0)) out.push(`maxMoves: expected a number >= 0, got ${problem.maxMoves}`);
  if (!(problem.moveCost >= 0 && Number.isFinite(problem.moveCost))) out.push(`moveCost: expected a number >= 0, got ${problem.moveCost}`);
  problem.units.forEach((u, k) => {
    if (u.onDuty.length !== nb) out.push(`units[${k}] (${u.id}): onDuty has ${u.onDuty.length} entries, there are ${nb} blocks`);
    if (u.fixedSite >= nj) out.push(`units[${k}] (${u.id}): fixed site ${u.fixedSite} is not a candidate index`);
    if (u.fixedSite >= 0) {
      problem.blocks.forEach((blk, b) => {
        if (u.onDuty[b] && blk.problem.maxUnits[u.fixedSite] === 0) out.push(`unit ${u.id} is fixed at ${blk.problem.candidateIds[u.fixedSite]}, which is forbidden in block ${blk.name}`);
      });
    }
  });
  problem.blocks.forEach((blk, b) => {
    const fixed = new Int32Array(nj);
    for (const u of problem.units) if (u.onDuty[b] && u.fixedSite >= 0) fixed[u.fixedSite]++;
    let room = 0;
    for (let j = 0; j < nj; j++) {
      if (fixed[j] > blk.problem.maxUnits[j]) out.push(`block ${blk.name}: site ${blk.problem.candidateIds[j]} holds ${fixed[j]} fixed units, more than its cap ${blk.problem.maxUnits[j]}`);
      room += Math.min(blk.problem.maxUnits[j], 1 << 20);
    }
    const n = unitsOnDuty(problem, b);
    if (room < n) out.push(`block ${blk.name}: the sites hold at most ${room} units, fewer than the ${n} on duty`);
  });
  return out;
}

/**
 * Recompute a plan's objective and check it from the data (the independent check of every answer):
 * block objectives by evaluateTierValues / evaluateTiered, moves by comparing each movable unit's site
 * on both sides of every boundary, and every constraint (duty, fixed sites, caps, the move limit).
 */
export function evaluatePlan(problem: PlanProblem, plan: PlanAssignment, values = blockValues(problem)): PlanEvaluation {
  const problems: string[] = [];
  const nb = problem.blocks.length;
  const nj = problem.blocks[0].problem.candidateIds.length;
  const blocks: PlanEvaluation['blocks'] = [];
  let moves = 0;
  let objective = 0;
  problem.units.forEach((u, k) => {
    for (let b = 0; b < nb; b++) {
      const s = plan[k][b];
      if (u.onDuty[b] !== (s >= 0)) problems.push(`unit ${u.id}: ${u.onDuty[b] ? 'on duty but has no site' : 'off duty but has a site'} in block ${problem.blocks[b].name}`);
      if (s >= nj) problems.push(`unit ${u.id}: site ${s} is not a candidate index`);
      if (u.fixedSite >= 0 && s >= 0 && s !== u.fixedSite) problems.push(`unit ${u.id} is fixed at ${problem.blocks[b].problem.candidateIds[u.fixedSite]} but stands elsewhere in block ${problem.blocks[b].name}`);
    }
  });
  for (let b = 0; b < nb; b++) {
    const blk = problem.blocks[b];
    const units = new Int32Array(nj);
    for (const row of plan) if (row[b] >= 0 && row[b] < nj) units[row[b]]++;
    for (let j = 0; j < nj; j++) if (units[j] > blk.problem.maxUnits[j]) problems.push(`block ${blk.name}: ${units[j]} units at ${blk.problem.candidateIds[j]}, over its cap ${blk.problem.maxUnits[j]}`);
    const st = evaluateTiered(blk.problem, problem.tiers, units);
    const ex = problem.objective === 'expected' ? evaluateTierValues(blk.problem, problem.tiers, values[b], units) : { objective: st.objective, perTier: st.coveredWeight };
    const nx = nextBlock(problem, b);
    let movesOut = 0;
    if (nx >= 0) {
      for (const row of plan) if (row[b] >= 0 && row[nx] >= 0 && row[b] !== row[nx]) movesOut++;
    }
    if (movesOut > problem.maxMoves) problems.push(`${movesOut} units change place between blocks ${blk.name} and ${problem.blocks[nx].name}, over the limit ${problem.maxMoves}`);
    moves += movesOut;
    objective += ex.objective;
    blocks.push({ objective: ex.objective, coveredWeight: st.coveredWeight, expectedWeight: ex.perTier, units, movesOut });
  }
  objective -= problem.moveCost * moves;
  return { objective, blocks, moves, problems };
}
