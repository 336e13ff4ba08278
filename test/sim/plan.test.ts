import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadScenario } from '../../engine/sim/load-scenario.ts';
import { simulationFiles } from '../../engine/sim/outputs.ts';
import { runSimulation } from '../../engine/sim/run-simulation.ts';
import type { PlanFile } from '../../engine/sim/scenario-file.ts';
import { UnitState } from '../../engine/sim/unit-state.ts';
import { incidentRows, writeLineScenario } from './helpers.ts';

//   a --10-- b --50-- c --100-- d      posts PA (a), PC (c), PD (d); staging point S1 at b
const S = UnitState;
const H = 3600;
const bin = new URL('../../bin/patrolsim.mjs', import.meta.url).pathname;

/** A unit's state changes from the trace, [t, state]. */
function changes(waypoints: number[][], u: number): [number, number][] {
  const w = waypoints[u];
  const out: [number, number][] = [];
  for (let k = 0; k < w.length; k += 4) if (out.length === 0 || out[out.length - 1][1] !== w[k + 3]) out.push([w[k], w[k + 3]]);
  return out;
}

const peak: PlanFile = {
  posts: [{ id: 'S1', node: 'b', type: 'staging' }],
  blocks: [{ name: 'peak', startHour: 1, endHour: 2, assign: [{ unit: 'U1', post: 'S1' }] }],
};

function run(plan: PlanFile | undefined, rows: [number, string, string, number][], extra: object = {}) {
  const path = writeLineScenario({
    units: [{ id: 'U1', type: 'car', post: 'PA' }, { id: 'U3', type: 'car', post: 'PD' }],
    trace: { untilS: 100_000 }, ...(plan ? { plan } : {}), ...extra,
  }, incidentRows(rows));
  const r = runSimulation(loadScenario(path));
  const rec = r.first;
  const arrivals = (i: number) => Array.from({ length: rec.assignedCount[i] }, (_, j) => rec.assignArrivalS[rec.assignOffset[i] + j] - rec.incidents.timeS[i]);
  return { r, rec, arrivals, path };
}

describe('time-of-day plans', () => {
  it('moves a free unit to its block place at the boundary and back when the block ends', () => {
    const { r } = run(peak, [[50_000, 'c', 'low', 10]]);
    // 01:00 U1 leaves a for S1 (b, 10 s away), settles at 3610; at 02:00 it drives back to a.
    expect(changes(r.first.trace!.waypoints, 0).slice(0, 5)).toEqual([[0, S.atPost], [H, S.moving], [H + 10, S.atPost], [2 * H, S.moving], [2 * H + 10, S.atPost]]);
    // The 100,000 s horizon holds the block of day 0 and that of day 1 (90,000-93,600 s): four moves.
    expect(r.first.planMoves[0]).toBe(4);
    expect(r.first.planDriveM[0]).toBeNaN(); // the line network has no edge lengths
  });

  it('answers a call from the block place: at b in the block, 0 s instead of 10 s', () => {
    expect(run(peak, [[H + 600, 'b', 'low', 10]]).arrivals(0)).toEqual([0]);
    expect(run(undefined, [[H + 600, 'b', 'low', 10]]).arrivals(0)).toEqual([10]);
  });

  it('is dispatchable on the way: sent while driving to its block place, it goes on from where it is', () => {
    // 4 s into a->b at 01:00:04: 6 s on to b, then 50 s to c.
    expect(run(peak, [[H + 4, 'c', 'low', 10]]).arrivals(0)).toEqual([56]);
  });

  it('sends a busy unit to its new place only when it clears', () => {
    // U1 leaves a at 00:59 for c (60 s), is on scene 01:00-01:01:10 (past the boundary), then heads to S1 (b), not a.
    const { r } = run(peak, [[H - 60, 'c', 'low', 70]]);
    const ch = changes(r.first.trace!.waypoints, 0);
    expect(ch.slice(0, 5)).toEqual([[0, S.atPost], [H - 60, S.dispatched], [H, S.onScene], [H + 70, S.returning], [H + 120, S.atPost]]);
    expect(r.first.planMoves[0]).toBe(3); // no move at 01:00 (it was busy): back at 02:00, then day 1's two
  });

  it('moves a mobile station: the post node changes for the block and its unit follows', () => {
    const plan: PlanFile = { blocks: [{ name: 'market', startHour: 1, endHour: 2, postNodes: { PD: 'c' } }] };
    expect(run(plan, [[H + 600, 'c', 'low', 10]]).arrivals(0)).toEqual([0]); // U3 (of PD) now at c
    expect(run(plan, [[3 * H, 'c', 'low', 10]]).arrivals(0)).toEqual([60]); // after the block U3 is back at d (100 s away): U1 from a (60 s)
  });

  it('composes with shifts: a peak-shift unit exists only in its hours and reports to its block place', () => {
    const plan: PlanFile = { posts: [{ id: 'S1', node: 'b' }], blocks: [{ name: 'peak', startHour: 1, endHour: 3, assign: [{ unit: 'P', post: 'S1' }] }] };
    const { r, arrivals } = run(plan, [[H + 600, 'b', 'low', 10], [5 * H, 'b', 'low', 10]], {
      shifts: [{ name: 'peak', startHour: 1, endHour: 3 }],
      units: [{ id: 'U3', type: 'car', post: 'PD' }, { id: 'P', type: 'car', post: 'PA', shift: 'peak' }],
    });
    // P comes on duty at 01:00 at its base post a and drives to S1 (b), takes the call at b, off at 03:00.
    const ch = changes(r.first.trace!.waypoints, 1);
    expect(ch.slice(0, 4)).toEqual([[0, S.offShift], [H, S.moving], [H + 10, S.atPost], [H + 600, S.dispatched]]);
    expect(ch).toContainEqual([3 * H, S.offShift]);
    expect(arrivals(0)).toEqual([0]);
    expect(r.scenario.units[r.first.assignUnit[r.first.assignOffset[1]]].id).toBe('U3'); // at 05:00 only U3 is on duty
  });

  it('reports tier met shares per block in summary.json', () => {
    const { r } = run(peak, [[H + 600, 'b', 'high', 10], [5 * H, 'd', 'high', 10]]);
    const summary = JSON.parse(simulationFiles(r)['summary.json']);
    expect(summary.plan.byBlock.map((b: { block: string; classes: { incidents: number }[] }) => [b.block, b.classes[0].incidents])).toEqual([['base', 1], ['peak', 1]]);
    // In the peak the call at b gets U1 at once (0 s) and U3 from d (150 s): tiers 1@60 and 2@180 met.
    expect(summary.plan.byBlock[1].classes[0].tiers.map((t: { metShare: number }) => t.metShare)).toEqual([1, 1, 0]);
    expect(summary.plan.posts).toEqual(['S1']);
  });

  it('reads a plan from a file given by the scenario or replacing it with --plan', () => {
    const path = writeLineScenario({ units: [{ id: 'U1', type: 'car', post: 'PA' }, { id: 'U3', type: 'car', post: 'PD' }], plan: 'plan.json' }, incidentRows([[H + 600, 'b', 'low', 10]]));
    writeFileSync(join(dirname(path), 'plan.json'), JSON.stringify(peak));
    const r = runSimulation(loadScenario(path));
    expect(r.first.assignArrivalS[0] - r.first.incidents.timeS[0]).toBe(0);
    const other = join(mkdtempSync(join(tmpdir(), 'patrolsim-plan-')), 'other.json');
    writeFileSync(other, JSON.stringify({ blocks: [{ name: 'none', startHour: 5, endHour: 6 }] }));
    const r2 = runSimulation(loadScenario(path, { plan: other }));
    expect(r2.first.assignArrivalS[0] - r2.first.incidents.timeS[0]).toBe(10);
    expect(r2.scenario.hash).not.toBe(r.scenario.hash);
  });
});

describe('plan errors (JSON path, exit 2)', () => {
  const problems = (plan: unknown) => {
    const path = writeLineScenario({ units: [{ id: 'U1', type: 'car', post: 'PA', count: 2 }], plan: plan as PlanFile }, incidentRows([[100, 'b', 'low', 10]]));
    try { loadScenario(path); return ''; } catch (err) { return (err as Error).message; }
  };

  it('names an unknown post in a block, an unknown unit, and a post id clashing with the scenario', () => {
    const msg = problems({
      posts: [{ id: 'PA', node: 'b' }],
      blocks: [{ name: 'x', startHour: 1, endHour: 2, postNodes: { NOPE: 'c' }, assign: [{ unit: 'U1', post: 'ZZ' }, { unit: 'U1-1', post: 'PC' }] }],
    });
    expect(msg).toContain('/plan/posts/0/id: post id "PA" is already a post of the scenario (/posts/0)');
    expect(msg).toContain('/plan/blocks/0/postNodes/NOPE: expected a post id');
    expect(msg).toContain('/plan/blocks/0/assign/0/unit: expected a unit id');
    expect(msg).toContain('/plan/blocks/0/assign/0/post: expected a post id of the scenario\'s /posts or the plan\'s posts, got "ZZ"');
    expect(msg).not.toContain('assign/1');
  });

  it('rejects overlapping blocks at the later one, and a block that starts when it ends', () => {
    const msg = problems({ blocks: [{ name: 'night', startHour: 22, endHour: 6 }, { name: 'early', startHour: 5, endHour: 8 }, { name: 'empty', startHour: 9, endHour: 9 }] });
    expect(msg).toContain('/plan/blocks/1: block "early" (5-8) overlaps block "night" (22-6) at /plan/blocks/0');
    expect(msg).toContain('/plan/blocks/2/endHour: expected an hour other than startHour (9)');
  });

  it('rejects hours outside 0..24 by the schema', () => {
    expect(problems({ blocks: [{ name: 'x', startHour: 25, endHour: 2 }] })).toContain('/plan/blocks/0/startHour: expected a number <= 24, got 25');
  });

  it('exits 2 with the plan file and its JSON path for simulate --plan', () => {
    const path = writeLineScenario({}, incidentRows([[100, 'b', 'low', 10]]));
    const planPath = join(dirname(path), 'bad-plan.json');
    writeFileSync(planPath, JSON.stringify({ blocks: [{ name: 'a', startHour: 7, endHour: 10 }, { name: 'b', startHour: 9, endHour: 11, assign: [{ unit: 'U9', post: 'PA' }] }] }));
    const r = spawnSync(process.execPath, [bin, 'simulate', path, '--out', mkdtempSync(join(tmpdir(), 'patrolsim-run-')), '--plan', planPath], { encoding: 'utf8' });
    expect(r.status).toBe(2);
    expect(r.stderr).toContain(`${planPath}: /blocks/1: block "b" (9-11) overlaps block "a" (7-10) at /blocks/0`);
    expect(r.stderr).toContain(`${planPath}: /blocks/1/assign/0/unit: expected a unit id`);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });
});
