import { describe, expect, it } from 'vitest';
import { loadScenario } from '../../engine/sim/load-scenario.ts';
import { prepareModel } from '../../engine/sim/model.ts';
import { runSimulation } from '../../engine/sim/run-simulation.ts';
import { incidentRows, writeNetworkScenario } from './helpers.ts';

//   a --1000 m at 36 km/h (100 s)-- b --2000 m at 36 km/h (200 s)-- c   (both directions)
const ROADS = 'from,to,length_m,speed_kph\na,b,1000,36\nb,a,1000,36\nb,c,2000,36\nc,b,2000,36\n';
const H = 3600;

function firstResponsesS(path: string): number[] {
  const r = runSimulation(loadScenario(path), { trace: false });
  const rec = r.first;
  return Array.from({ length: rec.incidents.count }, (_, i) => rec.assignArrivalS[rec.assignOffset[i]] - rec.incidents.timeS[i]);
}

describe('travel times in the simulator', () => {
  it('hourly speed factors change response times: half speed at 08:00 doubles the drive', () => {
    const hourly = Array.from({ length: 24 }, (_, h) => (h === 8 ? 0.5 : 1));
    const path = writeNetworkScenario(ROADS, {
      travel: { hourlySpeedFactor: hourly },
      posts: [{ id: 'PA', node: 'a' }],
      units: [{ id: 'U1', type: 'car', post: 'PA' }],
    }, incidentRows([[3 * H, 'b', 'low', 10], [8 * H, 'b', 'low', 10], [8 * H + 1800, 'c', 'low', 10]]));
    // a->b 100 s at 03:00; 200 s at 08:00; a->c 600 s at 08:30 (the unit is back at a by then).
    const got = firstResponsesS(path);
    expect(got[0]).toBeCloseTo(100, 9);
    expect(got[1]).toBeCloseTo(200, 9);
    expect(got[2]).toBeCloseTo(600, 9);
  });

  it("a unit type's maximum response speed caps its edge times: on foot at 6 km/h, 1000 m take 600 s", () => {
    const path = writeNetworkScenario(ROADS, {
      unitTypes: [{ name: 'car', responseSpeedFactor: 1 }, { name: 'foot', responseSpeedFactor: 1, maxResponseSpeedKph: 6 }],
      posts: [{ id: 'PA', node: 'a' }, { id: 'PC', node: 'c' }],
      units: [{ id: 'F', type: 'foot', post: 'PA' }, { id: 'C', type: 'car', post: 'PC' }],
    }, incidentRows([[100, 'b', 'low', 10]]));
    const sc = loadScenario(path);
    const model = prepareModel(sc);
    const foot = sc.unitTypes.findIndex((t) => t.name === 'foot');
    const car = sc.unitTypes.findIndex((t) => t.name === 'car');
    const ab = [...Array(sc.graph.edgeCount).keys()].find((e) => sc.graph.nodeIds[sc.graph.edgeFrom[e]] === 'a' && sc.graph.nodeIds[sc.graph.edgeTo[e]] === 'b')!;
    expect(model.oracle.responseEdgeTimeS(foot, 0)[ab]).toBeCloseTo(600, 9);
    expect(model.oracle.responseEdgeTimeS(car, 0)[ab]).toBeCloseTo(100, 9);
    // The walker at a (600 s away) loses to the car at c (200 s away): the nearest is chosen by capped time.
    const r = runSimulation(sc, { trace: false });
    expect(sc.units[r.first.assignUnit[0]].id).toBe('C');
    expect(r.first.assignArrivalS[0] - 100).toBeCloseTo(200, 9);
  });

  it('the cap binds the walker on its own too: sent alone, it takes 600 s to b', () => {
    const path = writeNetworkScenario(ROADS, {
      unitTypes: [{ name: 'foot', responseSpeedFactor: 1, maxResponseSpeedKph: 6 }],
      posts: [{ id: 'PA', node: 'a' }],
      units: [{ id: 'F', type: 'foot', post: 'PA' }],
    }, incidentRows([[100, 'b', 'low', 10]]));
    expect(firstResponsesS(path)[0]).toBeCloseTo(600, 9);
  });
});
