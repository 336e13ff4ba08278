import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../engine/io/input-error.ts';
import { loadScenario } from '../../engine/sim/load-scenario.ts';
import { expectedIncidents, onDutyWithin } from '../../engine/sim/scenario-sense.ts';
import type { ScenarioFile } from '../../engine/sim/scenario-file.ts';
import { incidentRows, writeLineScenario } from './helpers.ts';

const bin = new URL('../../bin/patrolsim.mjs', import.meta.url).pathname;
const simulate = (...args: string[]) => spawnSync(process.execPath, [bin, 'simulate', ...args], { encoding: 'utf8', timeout: 60_000 });
const ROWS = incidentRows([[100, 'b', 'high', 100], [500, 'c', 'low', 50]]);

function problemsOf(scenario: Partial<ScenarioFile>): string {
  try {
    loadScenario(writeLineScenario(scenario, ROWS));
  } catch (err) {
    if (err instanceof InputError) return err.message;
    throw err;
  }
  return '';
}
const warningsOf = (scenario: Partial<ScenarioFile>) => loadScenario(writeLineScenario(scenario, ROWS)).warnings.join('\n');
const poisson = (incidentsPerDay: number): ScenarioFile['demand'] => ({ kind: 'poisson', incidentsPerDay, classMix: { high: 0.5, low: 0.5 } });

describe('scenario values that make no sense', () => {
  it('warns about a shift that is never on duty within the run (4 h horizon, shift 08-16 h)', () => {
    const w = warningsOf({ horizonS: 4 * 3600, shifts: [{ name: 'day', startHour: 8, endHour: 16 }], units: [{ id: 'U1', type: 'car', post: 'PA', shift: 'day' }, { id: 'U2', type: 'car', post: 'PC' }, { id: 'U3', type: 'car', post: 'PD' }] });
    expect(w).toMatch(/\/shifts\/0: shift "day" \(8-16 h\) is never on duty between 0 s and 14400 s \(the measured window\), so its 1 unit\(s\) never work/);
    // The same shift over a whole day is fine.
    expect(warningsOf({ horizonS: 86400, shifts: [{ name: 'day', startHour: 8, endHour: 16 }], units: [{ id: 'U1', type: 'car', post: 'PA', shift: 'day' }, { id: 'U2', type: 'car', post: 'PC' }, { id: 'U3', type: 'car', post: 'PD' }] })).toBe('');
  });

  it('rejects a reserve larger than the units at its post', () => {
    expect(problemsOf({ dispatch: { policy: 'reserve', reserve: [{ post: 'PA', units: 2 }] } })).toMatch(/\/dispatch\/reserve\/0\/units: expected at most 1 \(the units at post "PA"\), got 2/);
    expect(problemsOf({ dispatch: { policy: 'reserve', reserve: [{ post: 'PA', units: 1 }] } })).toBe('');
  });

  it('rejects a preference policy without lists, and warns when demand falls where no list says who goes', () => {
    expect(problemsOf({ dispatch: { policy: 'preference', lists: {} } })).toMatch(/\/dispatch\/lists: expected a preference list for at least one node, got none/);
    // Incidents at b and c; only b has a list: half the replayed calls can never be served.
    expect(warningsOf({ dispatch: { policy: 'preference', lists: { b: ['U1', 'U2'] } } })).toMatch(/\/dispatch\/lists: 50\.0% of the demand falls on nodes without a preference list/);
  });

  it('warns about a tier that needs more units than are ever on duty together', () => {
    const classes: ScenarioFile['classes'] = [
      { name: 'high', tiers: [{ targetS: 60, units: 1 }, { targetS: 600, units: 4 }], onScene: { kind: 'fixed', valueS: 100 } },
      { name: 'low', tiers: [{ targetS: 300, units: 1 }], onScene: { kind: 'fixed', valueS: 100 } },
    ];
    expect(warningsOf({ classes })).toMatch(/\/classes\/0\/tiers\/1\/units: tier 4 unit\(s\) within 600 s of class "high" needs more units than the 3 ever on duty together, so it is never met/);
    // Three units, but a night shift and a day shift never overlap: at most two on duty at once.
    const shifts = [{ name: 'day', startHour: 8, endHour: 20 }, { name: 'night', startHour: 20, endHour: 8 }];
    const units = [{ id: 'U1', type: 'car', post: 'PA', shift: 'day' }, { id: 'U2', type: 'car', post: 'PC', shift: 'night' }, { id: 'U3', type: 'car', post: 'PD' }];
    expect(warningsOf({ shifts, units })).toMatch(/\/classes\/0\/tiers\/2\/units: tier 3 unit\(s\) within 300 s of class "high" needs more units than the 2 ever on duty together/);
  });

  it('rejects a horizon beyond 366 days and more incidents than a replication may hold, before any is drawn', () => {
    expect(problemsOf({ horizonS: 1e15 })).toMatch(/\/horizonS: expected at most 31622400 s \(366 days; run more replications instead of longer ones\), got 1000000000000000/);
    expect(problemsOf({ horizonS: 86400, demand: poisson(1e9) })).toMatch(/\/demand\/incidentsPerDay: the horizon would hold about 1,000,000,000 incidents per replication, more than the 5,000,000/);
    expect(problemsOf({ horizonS: 86400, demand: poisson(1000) })).toBe('');
  });

  it('exits 2 on those through the CLI, quickly and without a crash', () => {
    const path = writeLineScenario({ horizonS: 1e15 }, ROWS);
    const t0 = performance.now();
    const r = simulate(path, '--out', mkdtempSync(join(tmpdir(), 'patrolsim-run-')));
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/\/horizonS: expected at most 31622400 s/);
    expect(performance.now() - t0).toBeLessThan(30_000);
    const busy = writeLineScenario({ horizonS: 86400, demand: poisson(1e9) }, ROWS);
    const r2 = simulate(busy, '--out', mkdtempSync(join(tmpdir(), 'patrolsim-run-')));
    expect(r2.status).toBe(2);
    expect(r2.stderr).toMatch(/\/demand\/incidentsPerDay: the horizon would hold about/);
  });
});

describe('the sense checks\' arithmetic', () => {
  it('counts expected Poisson incidents hour by hour of the week, with a partial last hour', () => {
    const rate = new Float64Array(168).fill(2);
    rate[0] = 10;
    // 169.5 hours: week 1 (10 + 167 x 2), then hour 0 again (10) and half of hour 1 (1).
    expect(expectedIncidents(rate, 169.5 * 3600)).toBeCloseTo(10 + 167 * 2 + 10 + 1, 9);
  });

  it('knows when a daily shift is on duty, past midnight too', () => {
    const night = { name: 'n', startHour: 22, endHour: 6 };
    expect(onDutyWithin(night, 7 * 3600, 21 * 3600)).toBe(false);
    expect(onDutyWithin(night, 7 * 3600, 22.5 * 3600)).toBe(true);
    expect(onDutyWithin(night, 3 * 3600, 4 * 3600)).toBe(true);
    expect(onDutyWithin({ name: 'all', startHour: 5, endHour: 5 }, 0, 1)).toBe(true);
  });
});
