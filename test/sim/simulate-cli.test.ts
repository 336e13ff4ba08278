import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { incidentRows, writeLineScenario } from './helpers.ts';

const bin = new URL('../../bin/patrolsim.mjs', import.meta.url).pathname;
const cli = (...args: string[]) => spawnSync(process.execPath, [bin, 'simulate', ...args], { encoding: 'utf8' });

describe('patrolsim simulate', () => {
  it('writes the run directory and prints summary.json with --json', () => {
    const path = writeLineScenario({}, incidentRows([[100, 'b', 'high', 100], [500, 'c', 'low', 50]]));
    const out = mkdtempSync(join(tmpdir(), 'patrolsim-run-'));
    const r = cli(path, '--out', out, '--seed', '5', '--replications', '2', '--json');
    expect(r.status, r.stderr).toBe(0);
    const summary = JSON.parse(r.stdout);
    expect(summary.seed).toBe(5);
    expect(summary.replications).toBe(2);
    expect(summary.scenarioHash).toMatch(/^[0-9a-f]{64}$/);
    expect(summary.classes[0]).toMatchObject({ name: 'high', incidents: 2, tiers: [{ targetS: 60, units: 1, metShare: 1 }, { targetS: 180, units: 2, metShare: 1 }, { targetS: 300, units: 3, metShare: 1 }] });
    expect(summary.units.map((u: { id: string }) => u.id)).toEqual(['U1', 'U2', 'U3']);
    for (const f of ['summary.json', 'incidents.csv', 'units.csv', 'trace.json', 'network.json', 'posts.json']) expect(existsSync(join(out, f)), f).toBe(true);
    const incidents = readFileSync(join(out, 'incidents.csv'), 'utf8').trim().split('\n');
    expect(incidents[0]).toBe('incident,timeS,node,class,priority,inWarmup,lost,queueDelayS,unit1,unit1DispatchS,unit1ArrivalS,unit2,unit2DispatchS,unit2ArrivalS,unit3,unit3DispatchS,unit3ArrivalS,response1S,response2S,response3S,tier1Met,tier2Met,tier3Met');
    expect(incidents[1]).toBe('0,100,b,high,1,0,0,0,U1,100,110,U2,100,150,U3,100,250,10,50,150,1,1,1');
    expect(r.stderr).toMatch(/replication 2\/2 done/);
  });

  it('exits 2 with the file and JSON path on a bad scenario, without a stack trace', () => {
    const path = writeLineScenario({ replications: 0 }, incidentRows([[100, 'b', 'high', 100]]));
    const r = cli(path, '--out', mkdtempSync(join(tmpdir(), 'patrolsim-run-')));
    expect(r.status).toBe(2);
    expect(r.stderr).toContain(`${path}: /replications: expected a number >= 1, got 0`);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it('exits 2 on a bad flag value', () => {
    const path = writeLineScenario({}, incidentRows([[100, 'b', 'high', 100]]));
    const r = cli(path, '--out', '/tmp/x', '--seed', 'abc');
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('--seed: expected an integer >= 0');
  });
});
