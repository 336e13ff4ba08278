/**
 * The time-of-day plan at a replay time: which layout holds (the engine's own rule for blocks of the
 * day, engine/sim/shift-calendar.ts) and what it changes against the base layout: posts standing
 * elsewhere (mobile stations) and units based at another post (staging points, reinforcement).
 */
import { intervalAt } from '../../../engine/sim/shift-calendar.ts';
import type { PlanData } from './run-data.ts';

/** Index into `plan.layouts` of the layout at tS (0, the base layout, outside every block). */
export function activeLayoutIndex(plan: PlanData, tS: number): number {
  const blocks = plan.layouts.slice(1).map((l) => ({ startHour: l.startHour ?? 0, endHour: l.endHour ?? 0 }));
  return intervalAt(blocks, tS) + 1;
}

/** A change a block makes: post `post` stands at `toNode` instead of `fromNode`, or unit `unit` moves from its base post to `post`. */
export interface PlanShift { kind: 'post' | 'unit'; post: number; unit: number; fromNode: number; toNode: number }

/** What layout `k` changes against the base layout, posts first, then units (each in index order). */
export function planShifts(plan: PlanData, k: number): PlanShift[] {
  const base = plan.layouts[0], l = plan.layouts[k];
  if (!l || k === 0) return [];
  const out: PlanShift[] = [];
  for (let p = 0; p < l.postNode.length; p++) if (l.postNode[p] !== base.postNode[p]) out.push({ kind: 'post', post: p, unit: -1, fromNode: base.postNode[p], toNode: l.postNode[p] });
  for (let u = 0; u < l.unitPost.length; u++) {
    if (l.unitPost[u] === base.unitPost[u]) continue;
    out.push({ kind: 'unit', post: l.unitPost[u], unit: u, fromNode: base.postNode[base.unitPost[u]], toNode: l.postNode[l.unitPost[u]] });
  }
  return out;
}

/** "peak 17-22 h" (or "base layout"), for the time chip and the legend. */
export function layoutLabel(plan: PlanData, k: number): string {
  const l = plan.layouts[k];
  if (!l || l.startHour === null) return 'base layout';
  return `block "${l.name}" ${l.startHour}-${l.endHour} h`;
}
