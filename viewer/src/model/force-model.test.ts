import { describe, expect, it } from 'vitest';
import { activeLayoutIndex, layoutLabel, planShifts } from './plan-layout.ts';
import { createMoveIndex, MOVING_STATE } from './active-moves.ts';
import { colourJurisdictions, linkJurisdiction } from './jurisdiction-colours.ts';
import type { PlanData } from './run-data.ts';

const H = 3600;
// Posts 0, 1 and staging point 2; units 0 (post 0) and 1 (post 1). Block "night" 22-6 moves post 1 to node 9
// and unit 0 to the staging point; block "noon" 12-13 changes nothing.
const plan: PlanData = {
  source: 'inline', units: ['u0', 'u1'], planPosts: [2],
  layouts: [
    { name: 'base', startHour: null, endHour: null, postNode: Int32Array.from([1, 2, 3]), unitPost: Int32Array.from([0, 1]), unitPatrol: [null, null] },
    { name: 'night', startHour: 22, endHour: 6, postNode: Int32Array.from([1, 9, 3]), unitPost: Int32Array.from([2, 1]), unitPatrol: [null, null] },
    { name: 'noon', startHour: 12, endHour: 13, postNode: Int32Array.from([1, 2, 3]), unitPost: Int32Array.from([0, 1]), unitPatrol: [null, null] },
  ],
};

describe('the plan at a replay time', () => {
  it('finds the block by hour of day, wrapping past midnight, on every day', () => {
    expect(activeLayoutIndex(plan, 0)).toBe(1); // 00:00 is in 22-6
    expect(activeLayoutIndex(plan, 6 * H - 1)).toBe(1);
    expect(activeLayoutIndex(plan, 6 * H)).toBe(0); // the block closes at 06:00
    expect(activeLayoutIndex(plan, 12.5 * H)).toBe(2);
    expect(activeLayoutIndex(plan, 86400 + 23 * H)).toBe(1);
    expect(layoutLabel(plan, 1)).toBe('block "night" 22-6 h');
    expect(layoutLabel(plan, 0)).toBe('base layout');
  });

  it('lists what a block changes: a post standing elsewhere, a unit based at another post', () => {
    expect(planShifts(plan, 1)).toEqual([
      { kind: 'post', post: 1, unit: -1, fromNode: 2, toNode: 9 },
      { kind: 'unit', post: 2, unit: 0, fromNode: 1, toNode: 3 },
    ]);
    expect(planShifts(plan, 2)).toEqual([]);
    expect(planShifts(plan, 0)).toEqual([]);
  });
});

describe('moves of the replay', () => {
  const idx = createMoveIndex([
    { unit: 0, tS: 100, kind: 'plan', post: 2, node: 3 },
    { unit: 1, tS: 150, kind: 'moveUp', post: 0, node: 1 },
    { unit: 0, tS: 500, kind: 'moveUp', post: 1, node: 2 },
  ], 2);
  it('gives the latest move started, while the unit is moving', () => {
    expect(idx.activeMove(0, 120, MOVING_STATE)?.node).toBe(3);
    expect(idx.activeMove(0, 600, MOVING_STATE)?.kind).toBe('moveUp');
    expect(idx.activeMove(1, 150, MOVING_STATE)?.post).toBe(0);
  });
  it('gives none before a unit\'s first move or once its state is no longer moving', () => {
    expect(idx.activeMove(0, 99, MOVING_STATE)).toBeNull();
    expect(idx.activeMove(0, 120, 0)).toBeNull(); // arrived (or dispatched on the way)
  });
});

describe('jurisdiction colours', () => {
  // A ring of five jurisdictions 0-1-2-3-4-0 (an odd cycle needs three colours), one node each, and an
  // unassigned node 5 hanging off node 0.
  const owner = Int32Array.from([0, 1, 2, 3, 4, -1]);
  const from = Int32Array.from([0, 1, 2, 3, 4, 0]), to = Int32Array.from([1, 2, 3, 4, 0, 5]);
  it('gives neighbours different colours, using no more than needed', () => {
    const c = colourJurisdictions(owner, from, to, 5, 6);
    for (let e = 0; e < 5; e++) expect(c[owner[from[e]]]).not.toBe(c[owner[to[e]]]);
    expect(new Set(c).size).toBe(3);
  });
  it('reuses the least-used neighbour colour when the palette is too small', () => {
    const c = colourJurisdictions(owner, from, to, 5, 2);
    expect([...c].every((x) => x === 0 || x === 1)).toBe(true);
  });
  it('tells inside, boundary and unassigned links apart', () => {
    expect(linkJurisdiction(owner, 0, 1)).toEqual({ kind: 'boundary' });
    expect(linkJurisdiction(owner, 0, 5)).toEqual({ kind: 'unassigned' });
    expect(linkJurisdiction(Int32Array.from([2, 2]), 0, 1)).toEqual({ kind: 'inside', post: 2 });
  });
});
