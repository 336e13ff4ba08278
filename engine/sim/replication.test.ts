import { describe, expect, it } from 'vitest';
import { parseCsvNetwork } from '../io/network/csv-network.ts';
import { resolveScenarioWithGraph } from './load-scenario.ts';
import { prepareModel } from './model.ts';
import { createReplication, runReplication } from './replication.ts';
import { PROGRESS_EVENTS, runSimulation } from './run-simulation.ts';
import { generateIncidents } from './incidents.ts';
import { createStreams } from './random-streams.ts';
import type { ScenarioFile } from './scenario-file.ts';
import { UnitState } from './unit-state.ts';

const g = parseCsvNetwork('from,to,time_s\na,b,60\nb,a,60\nb,c,60\nc,b,60\n', 'line.csv');
const file: ScenarioFile = {
  network: { files: ['line.csv'] }, horizonS: 2 * 86400, seed: 3, replications: 1,
  demand: { kind: 'poisson', incidentsPerDay: 40, classMix: { call: 1 } },
  classes: [{ name: 'call', tiers: [{ targetS: 60, units: 1 }], onScene: { kind: 'exponential', meanS: 900 } }],
  posts: [{ id: 'PA', node: 'a' }, { id: 'PC', node: 'c' }],
  units: [{ id: 'U', type: 'car', post: 'PA', count: 2 }, { id: 'V', type: 'car', post: 'PC' }],
};
const model = prepareModel(resolveScenarioWithGraph(file, g));

describe('a replication stepped one event at a time', () => {
  it('advances one event per step, in nondecreasing time, to the same end as run()', () => {
    const rep = createReplication(model, 0);
    let last = 0;
    let steps = 0;
    while (rep.step()) {
      expect(rep.state.nowS).toBeGreaterThanOrEqual(last);
      last = rep.state.nowS;
      steps++;
      expect(rep.state.events).toBe(steps);
    }
    expect(rep.step()).toBe(false);
    const stepped = rep.run();
    const whole = runReplication(model, 0);
    expect(stepped.events).toBe(whole.events);
    expect(Array.from(stepped.assignArrivalS)).toEqual(Array.from(whole.assignArrivalS));
    expect(Array.from(stepped.unitBusyS)).toEqual(Array.from(whole.unitBusyS));
  });

  it('can be stopped at the first dispatch and inspected: one unit busy, the rest available', () => {
    const rep = createReplication(model, 0);
    const first = rep.state.incidents.timeS[0];
    while (rep.state.nextIncident === 0) rep.step(); // the step that handled the first call
    const s = rep.state;
    expect(s.nowS).toBe(first);
    const dispatched = Array.from(s.unitState).filter((x) => x === UnitState.dispatched).length;
    expect(dispatched).toBe(1);
    expect(s.availableCount).toBe(2);
    expect(s.assignedCount[0]).toBe(1);
  });

  it('runs on incidents handed in (common random numbers) exactly as on the ones it draws', () => {
    const incidents = generateIncidents(model.scenario, createStreams(model.scenario.seed, 4));
    const given = runReplication(model, 4, { incidents });
    const drawn = runReplication(model, 4);
    expect(Array.from(given.assignUnit)).toEqual(Array.from(drawn.assignUnit));
    expect(Array.from(given.assignArrivalS)).toEqual(Array.from(drawn.assignArrivalS));
  });
});

describe('progress within a long replication', () => {
  it('reports the simulated time every progressEvents events, rising, and changes no figure', () => {
    expect(PROGRESS_EVENTS).toBeGreaterThan(1000);
    const long = resolveScenarioWithGraph({ ...file, horizonS: 20 * 86400, replications: 2 } as ScenarioFile, g);
    const seen: [number, number][] = [];
    const every = 97;
    const reported = runSimulation(long, { trace: false, progressEvents: every, onSimTime: (r, t) => seen.push([r, t]) });
    const plain = runSimulation(long, { trace: false });
    expect(reported.events).toBe(plain.events);
    expect(JSON.stringify(reported.classes)).toBe(JSON.stringify(plain.classes));
    // One report per whole `every` events of each replication.
    const eventsOf = [0, 1].map((r) => runReplication(prepareModel(long), r).events);
    for (const r of [0, 1]) {
      const times = seen.filter(([q]) => q === r).map(([, t]) => t);
      expect(times.length).toBeGreaterThan(5);
      expect(times.length).toBe(Math.floor(eventsOf[r] / every));
      for (let k = 1; k < times.length; k++) expect(times[k]).toBeGreaterThan(times[k - 1]);
      expect(times.at(-1)!).toBeLessThanOrEqual(long.horizonS + 86400);
    }
  });
});
