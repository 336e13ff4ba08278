/**
 * Moves of the replay (trace.json `moves`) by unit: at a replay time, the move a unit is making, if
 * any. A unit is making its latest started move while its state is 6 (moving); the state, not a
 * computed arrival, says when the move is over (arrived, or dispatched on the way).
 */
import type { TraceMove } from './run-data.ts';

export const MOVING_STATE = 6;

export interface MoveIndex {
  /** The move unit `u` is making at tS given its state then, or null. */
  activeMove(u: number, tS: number, state: number): TraceMove | null;
}

export function createMoveIndex(moves: readonly TraceMove[], unitCount: number): MoveIndex {
  const byUnit: TraceMove[][] = Array.from({ length: unitCount }, () => []);
  for (const m of moves) byUnit[m.unit]?.push(m); // moves are in time order, so each list is too
  return {
    activeMove(u, tS, state) {
      if (state !== MOVING_STATE) return null;
      const list = byUnit[u];
      if (!list?.length) return null;
      // Latest move with start <= tS (binary search).
      let lo = 0, hi = list.length - 1, best = -1;
      while (lo <= hi) { const mid = (lo + hi) >> 1; if (list[mid].tS <= tS) { best = mid; lo = mid + 1; } else hi = mid - 1; }
      return best >= 0 ? list[best] : null;
    },
  };
}
