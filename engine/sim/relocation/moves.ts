import type { ReplicationState } from '../replication-state.ts';
import { MoveKind } from '../replication-state.ts';
import type { RelocationLimits } from '../scenario.ts';
import { moveToStation } from '../unit-actions.ts';
import { UnitState } from '../unit-state.ts';

/** What every move-up policy shares: which units may move, where a post is now, and the move itself. */

/** Unit u is idle (at post, patrolling, returning or already moving), on duty, and not moved within the cooldown. */
export function canMove(sim: ReplicationState, u: number, t: number, limits: RelocationLimits): boolean {
  const s = sim.unitState[u];
  if (s !== UnitState.atPost && s !== UnitState.patrolling && s !== UnitState.returning && s !== UnitState.moving) return false;
  return t - sim.lastMoveS[u] >= limits.cooldownS;
}

/** Unit u is counted as available (idle and on duty), whatever its cooldown. */
export function isIdle(sim: ReplicationState, u: number): boolean {
  const s = sim.unitState[u];
  return s === UnitState.atPost || s === UnitState.patrolling || s === UnitState.returning || s === UnitState.moving;
}

/** The post unit u is stationed at (its planned post, or where a move-up sent it). */
export function stationPost(sim: ReplicationState, u: number): number {
  return sim.model.places[sim.station[u]].post;
}

/** The node of post p in the layout in force. */
export function postNodeNow(sim: ReplicationState, p: number): number {
  return sim.model.layouts[sim.layout].postNode[p];
}

/**
 * Send idle unit u to post p as a move-up: to its planned place (with its patrol) when p is its planned
 * post, else to stand at p. Returns false (nothing changed) when p can't be reached.
 */
export function moveUp(sim: ReplicationState, u: number, p: number, t: number): boolean {
  const layout = sim.model.layouts[sim.layout];
  const planned = layout.unitPlace[u];
  const place = sim.model.places[planned].post === p ? planned : layout.barePlace[p];
  if (moveToStation(sim, u, place, t, MoveKind.relocation) === Infinity) return false;
  sim.lastMoveS[u] = t;
  return true;
}
