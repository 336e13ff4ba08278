import { describe, expect, it } from 'vitest';
import { loadScenario } from '../../engine/sim/load-scenario.ts';
import { runSimulation } from '../../engine/sim/run-simulation.ts';
import { canTransition, UnitState } from '../../engine/sim/unit-state.ts';
import { incidentRows, writeLineScenario } from './helpers.ts';

const S = UnitState;

/** The sequence of states a unit's trace goes through, with the times of each change. */
function stateChanges(waypoints: number[][], u: number): [number, number][] {
  const out: [number, number][] = [];
  for (const [t, , , s] of points(waypoints, u)) if (out.length === 0 || out[out.length - 1][1] !== s) out.push([t, s]);
  return out;
}

/** The recorder's flat [t, x, y, state, ...] list of a unit as 4-tuples. */
function points(waypoints: number[][], u: number): number[][] {
  const w = waypoints[u];
  const out: number[][] = [];
  for (let k = 0; k < w.length; k += 4) out.push(w.slice(k, k + 4));
  return out;
}

describe('unit state machine', () => {
  it('allows exactly the documented transitions', () => {
    const allowed: [number, number][] = [];
    for (let a = 0; a < 7; a++) for (let b = 0; b < 7; b++) if (canTransition(a as UnitState, b as UnitState)) allowed.push([a, b]);
    expect(allowed).toEqual([
      [S.atPost, S.patrolling], [S.atPost, S.dispatched], [S.atPost, S.offShift], [S.atPost, S.moving],
      [S.patrolling, S.dispatched], [S.patrolling, S.offShift], [S.patrolling, S.moving],
      [S.dispatched, S.onScene],
      [S.onScene, S.returning], [S.onScene, S.offShift],
      [S.returning, S.atPost], [S.returning, S.patrolling], [S.returning, S.dispatched], [S.returning, S.offShift], [S.returning, S.moving],
      [S.offShift, S.atPost], [S.offShift, S.patrolling], [S.offShift, S.moving],
      [S.moving, S.atPost], [S.moving, S.patrolling], [S.moving, S.dispatched], [S.moving, S.offShift], [S.moving, S.moving],
    ]);
  });

  it('goes at post -> dispatched -> on scene -> returning -> at post with the travel and on-scene times', () => {
    const path = writeLineScenario({ units: [{ id: 'U1', type: 'car', post: 'PA' }], trace: { untilS: 10_000 } }, incidentRows([[100, 'c', 'low', 500]]));
    const r = runSimulation(loadScenario(path));
    // a->c is 60 s: arrive 160, clear 660, back at a at 720.
    expect(stateChanges(r.first.trace!.waypoints, 0)).toEqual([[0, S.atPost], [100, S.dispatched], [160, S.onScene], [660, S.returning], [720, S.atPost]]);
  });

  it('passes every node on the way in the trace (a, b, c), moving linearly between them', () => {
    const path = writeLineScenario({ units: [{ id: 'U1', type: 'car', post: 'PA' }], trace: { untilS: 10_000 } }, incidentRows([[100, 'c', 'low', 500]]));
    const r = runSimulation(loadScenario(path));
    const times = points(r.first.trace!.waypoints, 0).filter((w) => w[3] === S.dispatched).map((w) => w[0]);
    expect(times).toEqual([100, 110, 160]); // leaves a at 100, passes b at 110, reaches c at 160
  });

  it('goes off shift at the shift end, but only after finishing the incident it is on', () => {
    const path = writeLineScenario({
      units: [{ id: 'U1', type: 'car', post: 'PA', shift: 'early' }],
      shifts: [{ name: 'early', startHour: 0, endHour: 1 }],
      trace: { untilS: 100_000 },
    }, incidentRows([[3000, 'b', 'low', 1000], [3700, 'b', 'low', 10]]));
    const r = runSimulation(loadScenario(path));
    const changes = stateChanges(r.first.trace!.waypoints, 0);
    // Dispatched at 3000, on scene 3010..4010; the shift ends at 3600 while busy, so off shift at 4010.
    expect(changes.slice(0, 4)).toEqual([[0, S.atPost], [3000, S.dispatched], [3010, S.onScene], [4010, S.offShift]]);
    // Back on duty at its post at 24:00.
    expect(changes[4]).toEqual([86400, S.atPost]);
    // The call at 3700 waits for the next shift: dispatched at 86400.
    expect(r.first.assignDispatchS[r.first.assignOffset[1]]).toBe(86400);
    // Busy: 1010 s on the first call (3000..4010, overrunning the shift) + 20 s on the second.
    expect(r.first.unitBusyS[0]).toBeCloseTo(1010 + 20, 6);
  });

  it('patrols a route loop and is dispatched from its position on the loop', () => {
    const path = writeLineScenario({
      routes: [{ name: 'r', nodes: ['c'] }],
      units: [{ id: 'U1', type: 'car', post: 'PA', patrol: { kind: 'route', route: 'r' } }],
      unitTypes: [{ name: 'car', responseSpeedFactor: 1, patrolSpeedFactor: 0.5 }],
      trace: { untilS: 10_000 },
    }, incidentRows([[150, 'a', 'low', 10]]));
    const r = runSimulation(loadScenario(path));
    // Patrol times double: a->b 20, b->c 100, c->b 100, b->a 20 (loop 240 s). At 150 the unit is 30 s into
    // c->b (of 100 patrol s): 70% left = 35 s at response speed to b, then 10 s to a.
    const rec = r.first;
    expect(rec.assignArrivalS[0] - 150).toBeCloseTo(45, 9);
    expect(stateChanges(rec.trace!.waypoints, 0).slice(0, 3)).toEqual([[0, S.atPost], [0, S.patrolling], [150, S.dispatched]]);
  });
});
