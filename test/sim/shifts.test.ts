import { describe, expect, it } from 'vitest';
import { loadScenario } from '../../engine/sim/load-scenario.ts';
import { runSimulation } from '../../engine/sim/run-simulation.ts';
import { incidentRows, writeLineScenario } from './helpers.ts';

//   a --10-- b --50-- c --100-- d      N (night shift 22-06) at a, D (always on) at d
const H = 3600;

describe('shifts in the simulator', () => {
  it('an overnight 22-06 unit answers calls at 23:00 and 05:00 but is off duty at 12:00', () => {
    const path = writeLineScenario({
      horizonS: 3 * 86400,
      shifts: [{ name: 'night', startHour: 22, endHour: 6 }],
      posts: [{ id: 'PA', node: 'a' }, { id: 'PD', node: 'd' }],
      units: [{ id: 'N', type: 'car', post: 'PA', shift: 'night' }, { id: 'D', type: 'car', post: 'PD' }],
    }, incidentRows([[23 * H, 'b', 'low', 10], [86400 + 5 * H, 'b', 'low', 10], [86400 + 12 * H, 'b', 'low', 10], [2 * 86400 + 1 * H, 'b', 'low', 10]]));
    const r = runSimulation(loadScenario(path), { trace: false });
    const rec = r.first;
    const sent = Array.from({ length: rec.incidents.count }, (_, i) => r.scenario.units[rec.assignUnit[rec.assignOffset[i]]].id);
    expect(sent).toEqual(['N', 'N', 'D', 'N']);
    // On duty 8 h a night over three days (00:00-06:00 on day 0 counts too).
    expect(rec.unitOnDutyS[0]).toBeCloseTo(3 * 8 * H, 6);
  });
});
