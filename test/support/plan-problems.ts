import seedrandom from 'seedrandom';
import type { PlanProblem, PlanUnit } from '../../engine/optimize/plan.ts';
import { createLocationProblem } from '../../engine/optimize/problem.ts';
import type { TierObjective } from '../../engine/optimize/tier-value.ts';
import type { WeightedTier } from '../../engine/optimize/tiered.ts';

/**
 * Points in a 100 × 100 square; per block a speed factor (cost = distance / factor) and its own
 * demand weights 0..5; pairs farther than `radius` (default 70) unreachable; sites capped at 1..3 units,
 * the last one forbidden in the last block; a fixed unit at site 0 when asked; 60 % of the movable units
 * work all day, the others two consecutive blocks (a shift). Busy q_b drawn from 0.1..0.6.
 */
export function randomPlanProblem(seed: string, o: { blocks: number; sites: number; demand: number; units: number; objective: TierObjective; maxMoves: number; moveCost: number; fixed: boolean; tiers: readonly WeightedTier[]; radius?: number; size?: number }): PlanProblem {
  const rng = seedrandom(seed);
  const at = Array.from({ length: o.demand + o.sites }, () => [rng() * 100, rng() * 100]);
  const caps = Array.from({ length: o.sites }, () => 1 + Math.floor(rng() * 3));
  const hours = ({ 1: [[0, 24]], 2: [[6, 18], [18, 6]], 3: [[0, 8], [8, 16], [16, 24]], 4: [[0, 7], [7, 12], [12, 17], [17, 24]] } as Record<number, number[][]>)[o.blocks];
  if (!hours) throw new Error(`randomPlanProblem: 1..4 blocks, got ${o.blocks}`);
  const blocks = hours.map(([startHour, endHour], b) => {
    const factor = 0.7 + rng() * 0.6;
    const c: number[] = [], d: number[] = [], v: number[] = [];
    for (let j = 0; j < o.sites; j++) for (let i = 0; i < o.demand; i++) {
      const dist = Math.hypot(at[o.demand + j][0] - at[i][0], at[o.demand + j][1] - at[i][1]) / factor;
      if (dist < (o.radius ?? 70)) { c.push(j); d.push(i); v.push(Math.round(dist)); }
    }
    const problem = createLocationProblem({
      demandIds: Array.from({ length: o.demand }, (_, i) => `d${i}`), demandWeight: Array.from({ length: o.demand }, () => Math.floor(rng() * 6)),
      candidateIds: Array.from({ length: o.sites }, (_, j) => `s${j}`), maxUnits: caps.map((m, j) => (b === o.blocks - 1 && j === o.sites - 1 ? 0 : m)),
      pairs: { candidate: c, demand: d, cost: v },
    });
    return { name: `b${b}`, startHour, endHour, problem, busy: 0.1 + 0.5 * rng() };
  });
  const units: PlanUnit[] = [];
  if (o.fixed) units.push({ id: 'fixed', onDuty: blocks.map(() => true), fixedSite: 0 });
  for (let u = 0; u < o.units; u++) {
    // Most units work all day; some only a stretch of blocks (a shift).
    const all = rng() < 0.6;
    const first = Math.floor(rng() * o.blocks);
    const onDuty = blocks.map((_, b) => all || b === first || b === (first + 1) % o.blocks);
    units.push({ id: `u${u}`, onDuty, fixedSite: -1 });
  }
  return { blocks, units, tiers: o.tiers, objective: o.objective, maxMoves: o.maxMoves, moveCost: o.moveCost };
}

