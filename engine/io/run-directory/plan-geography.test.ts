import { describe, expect, it } from 'vitest';
import { loadScenario } from '../../sim/load-scenario.ts';
import { simulationFiles } from '../../sim/outputs.ts';
import { runSimulation } from '../../sim/run-simulation.ts';
import type { PlanFile } from '../../sim/scenario-file.ts';
import { LINE_NETWORK_CSV, incidentRows, writeNetworkScenario } from '../../../test/sim/helpers.ts';
import { parseRun, type RunFileTexts } from './parse-run.ts';
import { InputError } from '../input-error.ts';

//   a --10-- b --50-- c --100-- d      posts PA (a), PC (c), PD (d); the plan adds staging point S1 at b
const H = 3600;
const plan: PlanFile = {
  posts: [{ id: 'S1', node: 'b', type: 'staging' }],
  blocks: [{ name: 'peak', startHour: 1, endHour: 2, assign: [{ unit: 'U1', post: 'S1' }], postNodes: { PD: 'c' } }],
};

function runWith(p: PlanFile | undefined) {
  // The line drawn along x (planar metres), so the trace has coordinates.
  const path = writeNetworkScenario(LINE_NETWORK_CSV, {
    network: { files: ['network.csv'], nodesFile: 'nodes.csv' },
    units: [{ id: 'U1', type: 'car', post: 'PA' }, { id: 'U3', type: 'car', post: 'PD' }], trace: { untilS: 3 * H }, ...(p ? { plan: p } : {}),
  }, incidentRows([[50_000, 'c', 'low', 10]]), { 'nodes.csv': 'id,x,y\na,0,0\nb,100,0\nc,600,0\nd,1600,0\n' });
  const files = simulationFiles(runSimulation(loadScenario(path)));
  return { files, run: parseRun('line', files as unknown as RunFileTexts) };
}

describe('the plan and the moves in a simulation run directory', () => {
  it('writes plan-blocks.json: the base layout, then each block with its post nodes and unit posts', () => {
    const { run } = runWith(plan);
    const ids = run.network.nodeIds;
    const postIds = run.posts.map((p) => p.id);
    expect(postIds).toEqual(['PA', 'PC', 'PD', 'S1']);
    const [base, peak] = run.plan!.layouts;
    expect(run.plan!.planPosts).toEqual([3]);
    expect([base.name, base.startHour, peak.name, peak.startHour, peak.endHour]).toEqual(['base', null, 'peak', 1, 2]);
    expect(Array.from(base.postNode, (v) => ids[v])).toEqual(['a', 'c', 'd', 'b']);
    expect(Array.from(peak.postNode, (v) => ids[v])).toEqual(['a', 'c', 'c', 'b']); // the mobile station PD stands at c
    expect(Array.from(base.unitPost, (p) => postIds[p])).toEqual(['PA', 'PD']);
    expect(Array.from(peak.unitPost, (p) => postIds[p])).toEqual(['S1', 'PD']);
  });

  it('records every move of the replay with its start, kind and destination, in time order', () => {
    const { run } = runWith(plan);
    const ids = run.network.nodeIds;
    const moves = run.trace!.moves.map((m) => [m.unit, m.tS, m.kind, run.posts[m.post].id, ids[m.node]]);
    // 01:00 U1 to S1 (b), U3 follows PD to c; 02:00 both drive back.
    expect(moves).toEqual([[0, H, 'plan', 'S1', 'b'], [1, H, 'plan', 'PD', 'c'], [0, 2 * H, 'plan', 'PA', 'a'], [1, 2 * H, 'plan', 'PD', 'd']]);
    // The unit's track ends each move at the destination node: U1 is at b (x of node b) 10 s after 01:00.
    const tr = run.trace!.tracks[0];
    const k = Array.from(tr.tS).findIndex((t, i) => t === H + 10 && tr.state[i] === 0);
    expect(tr.x[k]).toBe(run.network.nodeX[ids.indexOf('b')]);
  });

  it('reads a class with no incident in the window (metShare null) as n/a, not as a bad file', () => {
    const { run } = runWith(plan);
    const high = run.summary!.classes.find((c) => c.name === 'high')!;
    expect(high.incidents).toBe(0);
    expect(high.tiers.map((t) => t.metShare)).toEqual([NaN, NaN, NaN]);
  });

  it('writes no plan-blocks.json and no moves without a plan', () => {
    const { files, run } = runWith(undefined);
    expect('plan-blocks.json' in files).toBe(false);
    expect(run.plan).toBeUndefined();
    expect(run.trace!.moves).toEqual([]);
  });

  it('names the file and the JSON path of a bad plan layout, a bad move, a bad owner and a bad cordon point', () => {
    const { files } = runWith(plan);
    const pb = JSON.parse(files['plan-blocks.json']!);
    pb.layouts[1].postNode[2] = 99;
    const tr = JSON.parse(files['trace.json']);
    tr.moves[1].t = 0;
    const n = JSON.parse(files['network.json']).nodes.ids.length;
    const jur = { version: 'x', targetS: 60, nearest: { posts: [], balance: {}, owner: Array(n).fill(7), timeS: Array(n).fill(0) }, balanced: null };
    const cordon = { version: 'x', kind: 'ring', feasible: true, exits: [0], closed: [{ node: 0, post: 9, arrivalS: 5, route: [0] }], open: [], region: [], centre: 1, details: {} };
    const bad: RunFileTexts = { ...files, 'plan-blocks.json': JSON.stringify(pb), 'trace.json': JSON.stringify(tr), 'jurisdictions.json': JSON.stringify(jur), 'cordon.json': JSON.stringify(cordon) };
    const err = (() => { try { parseRun('line', bad); } catch (e) { return e as Error; } return null; })();
    expect(err).toBeInstanceOf(InputError);
    expect(err!.message).toContain('line/plan-blocks.json: layouts[1].postNode[2]: expected a node index 0..3, got 99');
    expect(err!.message).toContain('line/trace.json: moves[1].t: time 0 s goes back from 3600 s');
    expect(err!.message).toContain('line/jurisdictions.json: nearest.owner[0]: expected a post index -1..3, got 7');
    expect(err!.message).toContain('line/cordon.json: closed[0].post: expected a post index 0..3, got 9');
  });
});

describe('compare.json in a run directory', () => {
  it('is read by the one compare.json reader: layout figures kept, a file without them refused by name', () => {
    const { files } = runWith(undefined);
    const layout = { posts: 2, units: 2, staticTiers: [{ targetS: 60, units: 1, coveredShare: 0.5 }], sitesMet: [], simulated: [], meanUtilisation: 0.2 };
    const good = parseRun('line', { ...files, 'compare.json': JSON.stringify({ version: 'x', before: layout, after: { ...layout, posts: 3 } }) } as RunFileTexts);
    expect(good.compare?.after.posts).toBe(3);
    expect(good.compare?.before.staticTiers[0].coveredShare).toBe(0.5);
    const err = (() => { try { parseRun('line', { ...files, 'compare.json': '{"before":{},"after":{}}' } as RunFileTexts); } catch (e) { return e as Error; } return null; })();
    expect(err).toBeInstanceOf(InputError);
    expect(err!.message).toContain('line/compare.json: $: expected an object with "before" and "after" layout figures');
  });
});
