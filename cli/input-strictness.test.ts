import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, tempDir } from '../test/support/run-cli.ts';
import { commandNames } from './main.ts';

// P -40- a -50- b -100- Q (two-way), lon/lat nodes.
const ROADS = 'from,to,time_s\nP,a,40\na,b,50\nb,Q,100\n';
const NODES = 'id,lon,lat\nP,114.000,22.5\na,114.001,22.5\nb,114.002,22.5\nQ,114.004,22.5\n';

describe('flags and fields are read strictly, and errors say what was expected', () => {
  it('optimize --demand takes the raw incident export that coverage takes (one demand reader)', () => {
    const dir = tempDir({
      'roads.csv': ROADS, 'nodes.csv': NODES,
      // Two calls near a, one near Q, one without coordinates, one 100 km away.
      'incidents.csv': 'Latitude,Longitude,Primary Type\n22.5,114.0011,THEFT\n22.5,114.0009,BATTERY\n22.5,114.004,THEFT\n,,THEFT\n23.4,114.0,THEFT\n',
    });
    const net = ['--network', join(dir, 'roads.csv'), '--nodes', join(dir, 'nodes.csv'), '--undirected'];
    const r = runCli(['optimize', '--model', 'mclp', ...net, '--target', '0', '--facilities', '1', '--demand', join(dir, 'incidents.csv'), '--json']);
    expect(r.code, r.stderr).toBe(0);
    // Rows on the same node add up: a weighs 2, Q 1, so a single site at a covers the most within 0 s.
    const s = JSON.parse(r.stdout);
    expect(s.selected).toEqual(['a']);
    expect(s.objective).toBe(2);
    expect(r.stderr).toMatch(/incidents\.csv: 3 of 5 rows used; skipped 1 farther than 500 m from the network, 1 without coordinates/);
    const cov = runCli(['coverage', ...net, '--posts', join(tempDir({ 'p.csv': 'node\na\n' }), 'p.csv'), '--demand', join(dir, 'incidents.csv'), '--targets', '0', '--json']);
    expect(JSON.parse(cov.stdout).tiers[0].coveredWeight).toBe(2);
  });

  it('--facilities beyond what the model can open exits 2 naming the flag (p-median used to end "infeasible", exit 1)', () => {
    const dir = tempDir({ 'roads.csv': ROADS });
    const net = ['--network', join(dir, 'roads.csv'), '--undirected'];
    const pm = runCli(['optimize', '--model', 'pmedian', ...net, '--facilities', '5']);
    expect(pm.code).toBe(2);
    expect(pm.stderr).toMatch(/patrolsim optimize: --facilities: expected at most 4 \(the candidate sites that may be opened\), got 5/);
    const huge = runCli(['optimize', '--model', 'tiered', ...net, '--facilities', '1000000000']);
    expect(huge.code).toBe(2);
    expect(huge.stderr).toMatch(/--facilities: expected an integer 1\.\.100000, got "1000000000"/);
    expect(runCli(['optimize', '--model', 'tiered', ...net, '--facilities', '1e9']).stderr).toMatch(/--facilities: expected an integer 1\.\.100000, got "1e9"/);
  });

  it('a negative number after a flag gets the flag\'s range, not parseArgs\' "ambiguous"', () => {
    const dir = tempDir({ 'roads.csv': ROADS, 'p.csv': 'node\na\n' });
    const r = runCli(['simulate', 'scenario.json', '--out', dir, '--seed', '-1']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--seed: expected an integer >= 0, got "-1"/);
    expect(r.stderr).not.toMatch(/ambiguous/);
    const h = runCli(['coverage', '--network', join(dir, 'roads.csv'), '--posts', join(dir, 'p.csv'), '--hour', '-3']);
    expect(h.stderr).toMatch(/--hour: expected an integer 0\.\.23, got "-3"/);
  });

  it('says "> 0" for a positive number, never "5e-324"', () => {
    const dir = tempDir({ 'roads.csv': ROADS, 'p.csv': 'node\na\n' });
    const r = runCli(['coverage', '--network', join(dir, 'roads.csv'), '--posts', join(dir, 'p.csv'), '--response-factor', '0']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--response-factor: expected a number > 0, got "0"/);
  });

  it('reads no hexadecimal time: 0x10 in a flag or a CSV time field is an error', () => {
    const dir = tempDir({ 'roads.csv': 'from,to,time_s\nP,a,0x10\n', 'p.csv': 'node\nP\n' });
    const csv = runCli(['coverage', '--network', join(dir, 'roads.csv'), '--posts', join(dir, 'p.csv')]);
    expect(csv.code).toBe(2);
    expect(csv.stderr).toMatch(/roads\.csv:2: time_s: expected a number >= 0, got "0x10"/);
    const flag = runCli(['demo', '--time-limit', '0x10']);
    expect(flag.code).toBe(2);
    expect(flag.stderr).toMatch(/--time-limit: expected a number >= 1, got "0x10"/);
    const units = runCli(['coverage', '--network', join(tempDir({ 'r.csv': ROADS }), 'r.csv'), '--posts', join(tempDir({ 'p.csv': 'node,units\nP,1e3\n' }), 'p.csv')]);
    expect(units.stderr).toMatch(/p\.csv:2: units: expected an integer >= 0, got "1e3"/);
  });

  it('no command doubles its "patrolsim <command>:" prefix', () => {
    for (const name of commandNames()) {
      const r = runCli([name, '--bogus-flag-x']);
      expect(r.code, name).toBe(2);
      expect(r.stderr, name).not.toMatch(new RegExp(`patrolsim ${name}: patrolsim`));
    }
    const r = runCli(['simulate']);
    expect(r.stderr).toMatch(/^patrolsim simulate: expected one scenario file, got 0/);
  });
});
