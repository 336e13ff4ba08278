import { readInputText } from '../io/files.ts';
import { InputError, throwProblems } from '../io/input-error.ts';
import type { BlocksFile } from './blocks-file.ts';
import type { PlanProblem, PlanUnit } from './plan.ts';
import { createLocationProblem, type LocationProblem } from './problem.ts';
import { parseDemandTable } from './read-problem.ts';
import type { TierObjective } from './tier-value.ts';
import type { WeightedTier } from './tiered.ts';

/**
 * A time-of-day plan problem without a scenario: one location problem (from --network or --costs,
 * with --demand and --candidates) cut into the blocks of a blocks file.
 *
 * - Units: block b has `units` units on duty (fixed ones included). The candidates' fixed units
 *   (`fixed-<site>-<k>`) work every block at their site; the movable ones are `unit-1`, `unit-2`, ...,
 *   and unit-k works every block with at least k movable units.
 * - Demand of block b: its demand CSV (ids = demand ids, weight as given), else the base weight ×
 *   hours of the block / 24 (the day's weight spread evenly over the day).
 * - Costs of block b: the base costs divided by the block's `speedFactor`.
 * - Busy q_b: the block's `busy`, else `busy` (required for the expected objective).
 */
export function planProblemFromBase(base: LocationProblem, spec: BlocksFile, o: { tiers: readonly WeightedTier[]; objective: TierObjective; busy?: number }): PlanProblem {
  const problems: string[] = [];
  const nj = base.candidateIds.length;
  const siteIndex = new Map(base.candidateIds.map((id, j) => [id, j]));
  const demandIndex = new Map(base.demandIds.map((id, i) => [id, i]));
  const units: PlanUnit[] = [];
  const nb = spec.blocks.length;
  let fixedCount = 0;
  for (let j = 0; j < nj; j++) {
    for (let k = 0; k < base.minUnits[j]; k++) { units.push({ id: `fixed-${base.candidateIds[j]}-${k + 1}`, onDuty: new Array(nb).fill(true), fixedSite: j }); fixedCount++; }
  }
  const movable = spec.blocks.map((blk, b) => {
    const m = (blk.units ?? 0) - fixedCount;
    if (m < 0) problems.push(`${spec.path}: /blocks/${b}/units: ${blk.units} units on duty, fewer than the ${fixedCount} fixed at existing posts`);
    return Math.max(0, m);
  });
  for (let k = 1; k <= Math.max(0, ...movable); k++) units.push({ id: `unit-${k}`, onDuty: movable.map((m) => m >= k), fixedSite: -1 });
  const site = (id: string, where: string) => {
    const j = siteIndex.get(id);
    if (j === undefined) problems.push(`${spec.path}: ${where}: "${id}" is not a candidate site`);
    return j ?? -1;
  };
  const forbiddenAll = spec.forbidden.map((id) => site(id, '/forbidden'));
  const blocks = spec.blocks.map((blk, b) => {
    let weight = Float64Array.from(base.demandWeight, (a) => (a * blk.hours) / 24);
    if (blk.demand) {
      weight = new Float64Array(base.demandIds.length);
      try {
        const t = parseDemandTable(readInputText(blk.demand, 'block demand file'), blk.demand);
        t.ids.forEach((id, k) => {
          const i = demandIndex.get(id);
          if (i === undefined) problems.push(`${blk.demand}: demand id "${id}" is not a demand point of the model`);
          else weight[i] = t.weight[k];
        });
      } catch (err) {
        if (err instanceof InputError) problems.push(err.message); else throw err;
      }
    }
    const maxUnits = Int32Array.from(base.maxUnits);
    for (const j of [...forbiddenAll, ...blk.forbidden.map((id) => site(id, `/blocks/${b}/forbidden`))]) if (j >= 0) maxUnits[j] = 0;
    const cost = Float64Array.from(base.reachCost, (c) => c / blk.speedFactor);
    const candidate = new Int32Array(base.reachCost.length);
    for (let j = 0; j < nj; j++) candidate.fill(j, base.reachStart[j], base.reachStart[j + 1]);
    const problem = createLocationProblem({
      demandIds: base.demandIds, demandWeight: weight, candidateIds: base.candidateIds, siteCost: base.siteCost, maxUnits,
      pairs: { candidate, demand: base.reachDemand, cost },
    });
    const busy = o.objective === 'expected' ? blk.busy ?? o.busy : 0;
    if (busy === undefined) problems.push(`${spec.path}: /blocks/${b}/busy: the expected objective needs each block's busy probability (or --busy Q); without a scenario there is no offered load to compute it from`);
    return { name: blk.name, startHour: blk.startHour, endHour: blk.endHour, problem, busy: busy ?? 0 };
  });
  throwProblems(problems);
  return { blocks, units, tiers: o.tiers, objective: o.objective, maxMoves: spec.maxMoves, moveCost: spec.moveCost };
}
