/**
 * The unit state machine. Codes match docs/run-directory.md (`trace.json` waypoint states).
 *
 *   offShift ──shiftStarted──▶ atPost | patrolling
 *   atPost, patrolling, returning ──dispatch──▶ dispatched ──unitArrived──▶ onScene
 *   onScene ──unitCleared──▶ returning (or offShift when the shift ended meanwhile)
 *   returning ──unitReturned──▶ atPost | patrolling
 *   atPost, patrolling, returning ──shiftEnded──▶ offShift
 *   atPost ──patrol starts at the post──▶ patrolling
 *   atPost, patrolling, returning, moving ──new station (plan block, move-up)──▶ moving
 *   moving ──unitRepositioned──▶ atPost | patrolling;  moving ──dispatch──▶ dispatched;  moving ──shiftEnded──▶ offShift
 *
 * Available for dispatch: atPost, patrolling, returning, moving. Busy: dispatched, onScene.
 */
export const UnitState = Object.freeze({
  atPost: 0,
  patrolling: 1,
  dispatched: 2,
  onScene: 3,
  returning: 4,
  offShift: 5,
  /** Driving to a new station (a plan block change or a move-up); dispatchable on the way. */
  moving: 6,
});
export type UnitState = (typeof UnitState)[keyof typeof UnitState];

export const UNIT_STATE_NAMES: readonly string[] = Object.freeze(['atPost', 'patrolling', 'dispatched', 'onScene', 'returning', 'offShift', 'moving']);

const S = UnitState;
const ALLOWED: readonly (readonly UnitState[])[] = [
  /* atPost */ [S.patrolling, S.dispatched, S.offShift, S.moving],
  /* patrolling */ [S.dispatched, S.offShift, S.moving],
  /* dispatched */ [S.onScene],
  /* onScene */ [S.returning, S.offShift],
  /* returning */ [S.atPost, S.patrolling, S.dispatched, S.offShift, S.moving],
  /* offShift */ [S.atPost, S.patrolling, S.moving],
  /* moving */ [S.atPost, S.patrolling, S.dispatched, S.offShift, S.moving],
];

/** ALLOWED as a bit mask per state (bit `to` set when from -> to is allowed), for the hot path. */
const ALLOWED_MASK = Int32Array.from(ALLOWED, (tos) => tos.reduce((m: number, t) => m | (1 << t), 0));

export function canTransition(from: UnitState, to: UnitState): boolean {
  return (ALLOWED_MASK[from] & (1 << to)) !== 0;
}

/** Throw (an engine bug, not an input error) when a transition is not in the machine. */
export function assertTransition(from: UnitState, to: UnitState, unitId: string): void {
  if ((ALLOWED_MASK[from] & (1 << to)) === 0) throw new Error(`unit ${unitId}: illegal state change ${UNIT_STATE_NAMES[from]} -> ${UNIT_STATE_NAMES[to]}`);
}

export function isAvailable(state: UnitState): boolean {
  return state === S.atPost || state === S.patrolling || state === S.returning || state === S.moving;
}

export function isBusy(state: UnitState): boolean {
  return state === S.dispatched || state === S.onScene;
}
