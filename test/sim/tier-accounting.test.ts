import { describe, expect, it } from 'vitest';
import { loadScenario } from '../../engine/sim/load-scenario.ts';
import { incidentResponsesS } from '../../engine/sim/metrics.ts';
import { runSimulation } from '../../engine/sim/run-simulation.ts';
import { incidentRows, writeLineScenario } from './helpers.ts';

//   a --10-- b --50-- c --100-- d      U1 at a, U2 at c, U3 at d (response speed = free flow)

function run(path: string) {
  const result = runSimulation(loadScenario(path));
  const rec = result.first;
  const responses = (i: number, k: number) => Array.from(incidentResponsesS(rec, i, k, new Float64Array(k)));
  const units = (i: number) => Array.from({ length: rec.assignedCount[i] }, (_, j) => result.scenario.units[rec.assignUnit[rec.assignOffset[i] + j]].id);
  const dispatchS = (i: number) => Array.from({ length: rec.assignedCount[i] }, (_, j) => rec.assignDispatchS[rec.assignOffset[i] + j]);
  return { result, rec, responses, units, dispatchS };
}

describe('tier accounting on the line network', () => {
  it('sends the three nearest units and meets 1@60, 2@180, 3@300 with responses 10, 50, 150 s', () => {
    const { result, responses, units } = run(writeLineScenario({}, incidentRows([[100, 'b', 'high', 100]])));
    expect(units(0)).toEqual(['U1', 'U2', 'U3']);
    expect(responses(0, 3)).toEqual([10, 50, 150]);
    expect(result.classes[0].tiers.map((t) => t.metShare)).toEqual([1, 1, 1]);
  });

  it('misses a tier when its k-th unit arrives after the target (3 units within 120 s)', () => {
    const path = writeLineScenario({
      classes: [{ name: 'high', tiers: [{ targetS: 10, units: 1 }, { targetS: 49, units: 2 }, { targetS: 120, units: 3 }], onScene: { kind: 'fixed', valueS: 1 } }],
    }, incidentRows([[100, 'b', 'high', 100]]));
    const { result } = run(path);
    // 10 <= 10 met (covered means arrival <= target), 50 > 49 missed, 150 > 120 missed.
    expect(result.classes[0].tiers.map((t) => t.metShare)).toEqual([1, 0, 0]);
  });

  it('queues calls by priority, then arrival, and serves them as units clear', () => {
    const path = writeLineScenario({
      units: [{ id: 'U1', type: 'car', post: 'PA' }],
      classes: [
        { name: 'high', priority: 1, tiers: [{ targetS: 60, units: 1 }], onScene: { kind: 'fixed', valueS: 1000 } },
        { name: 'low', priority: 2, tiers: [{ targetS: 60, units: 1 }], onScene: { kind: 'fixed', valueS: 1000 } },
      ],
    }, incidentRows([[0, 'b', 'low', 1000], [100, 'b', 'low', 1000], [200, 'b', 'high', 1000]]));
    const { dispatchS, responses } = run(path);
    // U1 reaches b at 10, clears at 1010 (still at b), takes the high-priority call first (waiting since 200).
    expect(dispatchS(2)).toEqual([1010]);
    expect(responses(2, 1)).toEqual([810]);
    // ... clears it at 2010 and then takes the low call waiting since 100.
    expect(dispatchS(1)).toEqual([2010]);
  });

  it('loses a call that finds no unit free when queueing is off', () => {
    const path = writeLineScenario({
      units: [{ id: 'U1', type: 'car', post: 'PA' }],
      dispatch: { policy: 'nearest', queue: false },
    }, incidentRows([[0, 'b', 'low', 1000], [100, 'c', 'low', 1000], [2000, 'c', 'low', 10]]));
    const { rec, result } = run(path);
    expect(Array.from(rec.lost)).toEqual([0, 1, 0]);
    expect(result.classes[1].lostShare.mean).toBeCloseTo(1 / 3, 12);
  });

  it('dispatches a returning unit from where it is on its way home (no U-turn mid-edge)', () => {
    const path = writeLineScenario({
      units: [{ id: 'U1', type: 'car', post: 'PA' }],
    }, incidentRows([[0, 'd', 'low', 100], [380, 'c', 'low', 10]]));
    const { responses } = run(path);
    // U1 reaches d at 160, clears at 260, drives d->c (100 s) then c->b (50 s). At 380 it is 20 s into c->b:
    // 30 s more to b, then 50 s back to c.
    expect(responses(1, 1)).toEqual([80]);
  });

  it('keeps a reserve at a post for lower-priority calls and releases it for urgent ones', () => {
    const path = writeLineScenario({
      units: [{ id: 'R', type: 'car', post: 'PA', count: 2 }],
      classes: [
        { name: 'high', priority: 1, tiers: [{ targetS: 60, units: 1 }], onScene: { kind: 'fixed', valueS: 1000 } },
        { name: 'low', priority: 2, tiers: [{ targetS: 60, units: 1 }], onScene: { kind: 'fixed', valueS: 1000 } },
      ],
      dispatch: { policy: 'reserve', reserve: [{ post: 'PA', units: 1, releasePriority: 1 }] },
    }, incidentRows([[0, 'b', 'low', 1000], [10, 'b', 'low', 1000], [20, 'b', 'high', 1000]]));
    const { units, dispatchS } = run(path);
    expect(units(0)).toEqual(['R-1']);
    // The second low call may not take the last unit at PA: it waits for R-1 (clears at 1010 at b).
    expect(dispatchS(1)).toEqual([1010]);
    expect(units(1)).toEqual(['R-1']);
    // The urgent call may.
    expect(units(2)).toEqual(['R-2']);
  });

  it('follows a fixed preference list even when another unit is nearer', () => {
    const path = writeLineScenario({
      dispatch: { policy: 'preference', lists: { b: ['U3', 'U1'] } },
      classes: [{ name: 'low', tiers: [{ targetS: 60, units: 1 }], onScene: { kind: 'fixed', valueS: 10 } }],
    }, incidentRows([[0, 'b', 'low', 10]]));
    const { units, responses } = run(path);
    expect(units(0)).toEqual(['U3']);
    expect(responses(0, 1)).toEqual([150]);
  });

  it('never counts a unit twice toward one call: a call still owed units is not sent back the unit that cleared it', () => {
    // Two units for a 3-unit call: U1 (10 s away) clears at 120 and must not return as the "third" unit.
    const path = writeLineScenario({
      units: [{ id: 'U1', type: 'car', post: 'PA' }, { id: 'U2', type: 'car', post: 'PC' }],
      horizonS: 10_000,
    }, incidentRows([[100, 'b', 'high', 10]]));
    const { rec, responses } = run(path);
    expect(rec.assignedCount[0]).toBe(2);
    expect(responses(0, 3)).toEqual([10, 50, Infinity]);
  });
});
