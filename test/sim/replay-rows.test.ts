import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { incidentRows, writeLineScenario } from './helpers.ts';

const bin = new URL('../../bin/patrolsim.mjs', import.meta.url).pathname;
const simulate = (...args: string[]) => spawnSync(process.execPath, [bin, 'simulate', ...args], { encoding: 'utf8', timeout: 60_000 });
const out = () => mkdtempSync(join(tmpdir(), 'patrolsim-run-'));

describe('a replay that drops rows says so, and never prints NaN', () => {
  it('prints the skipped rows by reason on stderr when 97 of 100 dates are unreadable', () => {
    const good = [[100, 'b', 'high', 100], [500, 'c', 'low', 50], [900, 'd', 'high', 10]] as [number, string, string, number][];
    const bad = Array.from({ length: 97 }, () => 'soon,b,high,10').join('\n');
    const path = writeLineScenario({}, `${incidentRows(good)}${bad}\n`);
    const r = simulate(path, '--out', out(), '--json');
    expect(r.status, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/note: .*incidents\.csv: 3 of 100 rows used; skipped 97 unparseable time in column "time"/);
    expect(JSON.parse(r.stdout).replay).toEqual({ rowsRead: 100, incidents: 3, skipped: [{ reason: 'unparseable time in column "time"', rows: 97 }] });
  });

  it('exits 2 when no row is usable, naming the reasons', () => {
    const path = writeLineScenario({}, 'time,node,class,onscene\nsoon,b,high,10\nlater,c,low,5\n');
    const r = simulate(path, '--out', out());
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/\/demand\/file: no usable incident row: .*incidents\.csv: 0 of 2 rows used; skipped 2 unparseable time in column "time"/);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it('refuses Seattle calls replayed on Futian: every one is farther than 500 m from the network', () => {
    const dir = mkdtempSync(join(tmpdir(), 'patrolsim-sim-'));
    const data = resolve('scenarios/data');
    const scenario = {
      network: { files: [join(data, 'shenzhen-futian-sumo/FuTian.nod.xml')] },
      horizonS: 86400,
      demand: { kind: 'replay', file: join(data, 'seattle-spd-911-2016-03-25/Seattle_Police_Department_911_Incident_Response.csv'), timeColumn: 'Event Clearance Date' },
      classes: [{ name: 'all', tiers: [{ targetS: 300, units: 1 }], onScene: { kind: 'fixed', valueS: 600 } }],
      posts: [{ id: 'P', x: 114.0505, y: 22.5375 }],
      units: [{ id: 'U', type: 'car', post: 'P' }],
    };
    writeFileSync(join(dir, 'scenario.json'), JSON.stringify(scenario));
    const r = simulate(join(dir, 'scenario.json'), '--out', out());
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/no usable incident row: .*Seattle_Police_Department_911_Incident_Response\.csv: 0 of 706 rows used; skipped 706 farther than 500 m from the network/);
  });

  it('refuses a scenario post given by x/y far from the network, naming its JSON path, distance and nearest node', () => {
    const dir = mkdtempSync(join(tmpdir(), 'patrolsim-sim-'));
    const scenario = {
      network: { files: [resolve('scenarios/data/shenzhen-futian-sumo/FuTian.nod.xml')] },
      horizonS: 86400,
      demand: { kind: 'poisson', incidentsPerDay: 10, classMix: { all: 1 } },
      classes: [{ name: 'all', tiers: [{ targetS: 300, units: 1 }], onScene: { kind: 'fixed', valueS: 600 } }],
      posts: [{ id: 'P', x: 0, y: 0 }],
      units: [{ id: 'U', type: 'car', post: 'P' }],
    };
    writeFileSync(join(dir, 'scenario.json'), JSON.stringify(scenario));
    const r = simulate(join(dir, 'scenario.json'), '--out', out());
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/\/posts\/0: \(0, 0\) is \d+ m from the nearest road node \(\d+\), beyond the maximum snap distance of 500 m \(maxSnapM\)/);
    // The scenario's maxSnapM is the limit.
    writeFileSync(join(dir, 'scenario.json'), JSON.stringify({ ...scenario, posts: [{ id: 'P', x: 114.03, y: 22.537 }], maxSnapM: 600 }));
    expect(simulate(join(dir, 'scenario.json'), '--out', out()).stderr).toMatch(/is 614 m from the nearest road node \(2529328480\), beyond the maximum snap distance of 600 m/);
    writeFileSync(join(dir, 'scenario.json'), JSON.stringify({ ...scenario, posts: [{ id: 'P', x: 114.03, y: 22.537 }], maxSnapM: 700 }));
    expect(simulate(join(dir, 'scenario.json'), '--out', out()).status).toBe(0);
  });

  it('says "no incidents" in words for a class with none, and prints no NaN anywhere', () => {
    // Only "high" calls; the warm-up also swallows the first of them.
    const path = writeLineScenario({ warmupS: 200 }, incidentRows([[100, 'b', 'high', 100], [500, 'c', 'high', 50]]));
    const r = simulate(path, '--out', out(), '--replications', '2');
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^low: no incidents reported in the measured window/m);
    expect(r.stdout).toMatch(/^high: 2 incidents/m);
    expect(`${r.stdout}${r.stderr}`).not.toMatch(/NaN/);
  });
});
