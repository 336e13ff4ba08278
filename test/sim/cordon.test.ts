import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadScenario } from '../../engine/sim/load-scenario.ts';
import { incidentResponsesS } from '../../engine/sim/metrics.ts';
import { simulationFiles, summaryJson } from '../../engine/sim/outputs.ts';
import { runSimulation } from '../../engine/sim/run-simulation.ts';
import type { ScenarioFile } from '../../engine/sim/scenario-file.ts';
import { validateScenarioSchema } from '../../engine/sim/validate-scenario-schema.ts';
import { incidentRows, writeNetworkScenario } from './helpers.ts';

// Times in seconds, both directions:
//
//   A --10-- x --20-- s --20-- y --10-- B --200-- D
//                     |
//                     20
//                     |
//                     C   (dead end)
//
// The ring of 25 s around s is {s, x, y, C}; roads leave it at x (to A) and y (to B): exits x and y.
// Posts at s, A, B and D; cars at response speed = road speed unless a test says otherwise.
const NET = 'from,to,time_s\nA,x,10\nx,A,10\nx,s,20\ns,x,20\ns,y,20\ny,s,20\ny,B,10\nB,y,10\nB,D,200\nD,B,200\ns,C,20\nC,s,20\n';

const base: Partial<ScenarioFile> = {
  classes: [
    { name: 'robbery', priority: 1, tiers: [{ targetS: 60, units: 1 }], onScene: { kind: 'fixed', valueS: 100 }, cordon: { radiusS: 25, withinS: 15 } },
    { name: 'low', priority: 2, tiers: [{ targetS: 60, units: 1 }], onScene: { kind: 'fixed', valueS: 10 } },
  ],
  posts: [{ id: 'PS', node: 's' }, { id: 'PA', node: 'A' }, { id: 'PB', node: 'B' }, { id: 'PD', node: 'D' }],
  units: [{ id: 'US', type: 'car', post: 'PS' }, { id: 'UA', type: 'car', post: 'PA' }, { id: 'UB', type: 'car', post: 'PB' }],
};

function run(scenario: Partial<ScenarioFile>, rows: [number, string, string, number][], replications = 1) {
  const path = writeNetworkScenario(NET, { ...base, ...scenario, replications }, incidentRows(rows));
  const result = runSimulation(loadScenario(path));
  const rec = result.first;
  const response = (i: number) => incidentResponsesS(rec, i, 1, new Float64Array(1))[0];
  return { result, rec, cordon: rec.cordon!, response, summary: summaryJson(result) };
}

describe('the cordon standard in the simulator', () => {
  it('is met when the units beyond the scene close both exits in time: UA to x and UB to y in 10 s', () => {
    const { result, cordon, summary } = run({}, [[1000, 's', 'robbery', 100]]);
    expect(cordon.exits[0]).toBe(2);
    expect(cordon.units[0]).toBe(2);
    expect(cordon.closedS[0]).toBe(10);
    expect(result.classes[0].cordon!.metShare.mean).toBe(1);
    expect(summary.classes[0].cordon).toMatchObject({ radiusS: 25, withinS: 15, holdS: null, metShare: 1, meanExits: 2, meanUnitsSent: 2, missed: { tooFewUnits: 0, late: 0, sceneShort: 0 } });
    expect(summary.classes[0].cordon!.closedS.p50).toBe(10);
    expect(summary.classes[1].cordon).toBeUndefined();
    // A cordon job is a dispatch of the unit (US to the scene, UA and UB to the exits).
    expect(summary.units.map((u) => u.dispatchesPerReplication)).toEqual([1, 1, 1]);
  });

  it('is missed (late) when the exits can not all be closed within withinS, and no cordon unit is sent', () => {
    const robbery = { ...base.classes![0], cordon: { radiusS: 25, withinS: 9 } };
    const { result, cordon, rec } = run({ classes: [robbery, base.classes![1]] }, [[1000, 's', 'robbery', 100]]);
    expect(result.classes[0].cordon!.metShare.mean).toBe(0);
    expect(result.classes[0].cordon!.missed.late).toBe(1);
    expect(cordon.units[0]).toBe(0);
    // Only the scene unit worked: UA and UB stayed free.
    expect(Array.from(rec.unitBusyS)).toEqual([100, 0, 0]);
  });

  it('counts units at response speed while the ring stays at road speed: cars twice as fast meet withinS 9', () => {
    const robbery = { ...base.classes![0], cordon: { radiusS: 25, withinS: 9 } };
    const { cordon } = run({ classes: [robbery, base.classes![1]], unitTypes: [{ name: 'car', responseSpeedFactor: 2 }] }, [[1000, 's', 'robbery', 100]]);
    expect(cordon.exits[0]).toBe(2); // the same ring
    expect(cordon.closedS[0]).toBe(5);
  });

  it('misses with 0 free units beyond the scene, and never counts the scene unit toward the cordon', () => {
    // US goes to the scene; UA alone is left for two exits. Were US counted, s -> x and s -> y (20 s) would close them within 30 s.
    const robbery = { ...base.classes![0], cordon: { radiusS: 25, withinS: 30 } };
    const one = run({ classes: [robbery, base.classes![1]], units: [{ id: 'US', type: 'car', post: 'PS' }, { id: 'UA', type: 'car', post: 'PA' }] }, [[1000, 's', 'robbery', 100]]);
    expect(one.cordon.status[0]).toBe(2);
    expect(one.result.classes[0].cordon!.missed.tooFewUnits).toBe(1);
    const none = run({ classes: [robbery, base.classes![1]], units: [{ id: 'US', type: 'car', post: 'PS' }] }, [[1000, 's', 'robbery', 100]]);
    expect(none.result.classes[0].cordon!.metShare.mean).toBe(0);
    expect(none.result.classes[0].cordon!.missed.tooFewUnits).toBe(1);
  });

  it('ties the cordon units up until the scene clears, so a call at A meanwhile waits for a unit', () => {
    // Robbery at s at 1000: US on scene 1000-1100, UA holds x and UB holds y until 1100.
    // A low call at A at 1050 finds no unit free; at 1100 US clears first and drives s -> A (30 s).
    const { rec, response } = run({}, [[1000, 's', 'robbery', 100], [1050, 'A', 'low', 10]]);
    expect(rec.assignDispatchS[rec.assignOffset[1]]).toBe(1100);
    expect(response(1)).toBe(80);
    expect(rec.unitBusyS[1]).toBe(100); // UA: dispatched at 1000, lifted at 1100
    // Without the cordon UA answers at once from A.
    const plain = run({ classes: [{ ...base.classes![0], cordon: undefined }, base.classes![1]] }, [[1000, 's', 'robbery', 100], [1050, 'A', 'low', 10]]);
    expect(plain.response(1)).toBe(0);
  });

  it('lifts the cordon holdS after the report when given: UA is back at A before the call at 1050', () => {
    const robbery = { ...base.classes![0], cordon: { radiusS: 25, withinS: 15, holdS: 20 } };
    const { rec, response } = run({ classes: [robbery, base.classes![1]] }, [[1000, 's', 'robbery', 100], [1050, 'A', 'low', 10]]);
    expect(response(1)).toBe(0);
    expect(rec.unitBusyS[1]).toBe(20 + 10); // cordon: dispatched 1000, at x 1010, lifted 1020; then the low call at A (10 s on scene)
  });

  it('orders no cordon when the scene is short of units (preference dispatch lists one unit of two)', () => {
    const robbery = { ...base.classes![0], unitsToSend: 2, cordon: { radiusS: 25, withinS: 15 } };
    const { result, cordon } = run({
      classes: [robbery, base.classes![1]],
      dispatch: { policy: 'preference', lists: { s: ['US'], A: ['UA'] } },
    }, [[1000, 's', 'robbery', 100]]);
    expect(cordon.status[0]).toBe(4);
    expect(result.classes[0].cordon!.missed.sceneShort).toBe(1);
  });

  it('keeps a reserve out of the cordon for classes it is not released to', () => {
    const { cordon } = run({ dispatch: { policy: 'reserve', reserve: [{ post: 'PA', units: 1 }] } }, [[1000, 's', 'robbery', 100]]);
    expect(cordon.status[0]).toBe(2); // UA kept back: UB alone for two exits
    const released = run({ dispatch: { policy: 'reserve', reserve: [{ post: 'PA', units: 1, releasePriority: 1 }] } }, [[1000, 's', 'robbery', 100]]);
    expect(released.cordon.status[0]).toBe(1);
  });

  it('writes the cordon columns to incidents.csv and repeats byte for byte', () => {
    const rows: [number, string, string, number][] = [[1000, 's', 'robbery', 100], [1050, 'A', 'low', 10]];
    const a = simulationFiles(run({}, rows).result), b = simulationFiles(run({}, rows).result);
    expect(a).toEqual(b);
    const lines = a['incidents.csv'].trim().split('\n');
    expect(lines[0].endsWith('cordonExits,cordonUnits,cordonClosedS,cordonMet,cordonOutcome')).toBe(true);
    expect(lines[1].endsWith(',2,2,10,1,met')).toBe(true);
    expect(lines[2].endsWith(',,,,,')).toBe(true);
  });

  it('gives the met share a clipped interval across replications', () => {
    // Replay: every replication sees the same incidents, so the share is the same point.
    const { summary } = run({}, [[1000, 's', 'robbery', 100], [5000, 's', 'robbery', 100]], 3);
    expect(summary.classes[0].cordon).toMatchObject({ metShare: 1, ci95: [1, 1] });
  });

  it('simulate prints the cordon line per class with a standard and writes it to summary.json', () => {
    const path = writeNetworkScenario(NET, { ...base, replications: 1 }, incidentRows([[1000, 's', 'robbery', 100], [1050, 'A', 'low', 10]]));
    const out = mkdtempSync(join(tmpdir(), 'patrolsim-run-'));
    const r = spawnSync(process.execPath, [new URL('../../bin/patrolsim.mjs', import.meta.url).pathname, 'simulate', path, '--out', out], { encoding: 'utf8', timeout: 60_000 });
    expect(r.status, r.stderr).toBe(0);
    const lines = r.stdout.split('\n').filter((l) => l.includes('cordon'));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^  cordon \(exits of the 25 s ring closed within 15 s\): 100(\.0)?%/);
    const summary = JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8'));
    expect(summary.classes[0].cordon).toMatchObject({ metShare: 1, meanExits: 2 });
  });

  it('rejects a bad cordon with its JSON path', () => {
    const problems = validateScenarioSchema({ ...base, network: { files: ['n.csv'] }, horizonS: 10, demand: { kind: 'poisson', incidentsPerDay: 1, classMix: { robbery: 1 } }, classes: [{ ...base.classes![0], cordon: { radiusS: 0, withinS: -1, extra: 1 } }] });
    expect(problems.join('\n')).toMatch(/\/classes\/0\/cordon\/radiusS/);
    expect(problems.join('\n')).toMatch(/\/classes\/0\/cordon\/withinS/);
    expect(problems.join('\n')).toMatch(/\/classes\/0\/cordon/);
  });
});
