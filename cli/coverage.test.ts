import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, tempDir } from '../test/support/run-cli.ts';

// P(2 units) -40- a -50- b -100- Q, two-way roads, as in the engine's hand-checked coverage test.
const ROADS = 'from,to,time_s\nP,a,40\na,b,50\nb,Q,100\n';
const NODES = 'id,lon,lat\nP,114.000,22.5\na,114.001,22.5\nb,114.002,22.5\nQ,114.004,22.5\n';

function setup(extra: Record<string, string> = {}) {
  return tempDir({ 'roads.csv': ROADS, 'nodes.csv': NODES, 'posts.csv': 'id,node,units\np1,P,2\np2,Q,1\n', ...extra });
}

describe('patrolsim coverage', () => {
  it('reports the hand-computed tier shares as JSON', () => {
    const dir = setup({ 'demand.csv': 'node,weight\nP,1\na,2\nb,3\nQ,4\n' });
    const r = runCli(['coverage', '--network', join(dir, 'roads.csv'), '--undirected', '--posts', join(dir, 'posts.csv'), '--demand', join(dir, 'demand.csv'), '--json']);
    expect(r.stderr).not.toMatch(/at .*\.ts:/);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.tiers.map((t: { targetS: number; units: number; coveredWeight: number; totalWeight: number }) => [t.targetS, t.units, t.coveredWeight, t.totalWeight]))
      .toEqual([[60, 1, 7, 10], [180, 2, 6, 10], [300, 3, 10, 10]]);
    expect(out.tiers[0].coveredShare).toBeCloseTo(0.7, 12);
  });

  it('snaps lat/lon posts and demand to the nearest node and honours custom tiers', () => {
    const dir = setup({
      'posts-ll.csv': 'name,latitude,longitude,units\nA,22.50001,114.0000,2\nB,22.5,114.0039,1\n',
      'incidents.csv': 'Latitude,Longitude,Type\n22.5,114.0011,theft\n,,missing\n22.5,114.0021,theft\n',
    });
    const r = runCli(['coverage', '--network', join(dir, 'roads.csv'), '--nodes', join(dir, 'nodes.csv'), '--undirected',
      '--posts', join(dir, 'posts-ll.csv'), '--demand', join(dir, 'incidents.csv'), '--targets', '50,100', '--units', '2,3', '--json', '--per-node']);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.demand.skippedRows).toBe(1);
    expect(out.nodes.map((n: { id: string }) => n.id)).toEqual(['a', 'b']);
    // a: units at 40, 40, 150 -> meets 2 within 50; b: 90, 90, 100 -> meets 3 within 100.
    expect(out.tiers.map((t: { coveredCount: number }) => t.coveredCount)).toEqual([1, 1]);
  });

  it('writes GeoJSON and a run directory for the viewer', () => {
    const dir = setup();
    const geo = join(dir, 'out', 'cov.geojson');
    const run = join(dir, 'run');
    const r = runCli(['coverage', '--network', join(dir, 'roads.csv'), '--nodes', join(dir, 'nodes.csv'), '--undirected', '--posts', join(dir, 'posts.csv'), '--geojson', geo, '--out', run]);
    expect(r.code).toBe(0);
    const fc = JSON.parse(readFileSync(geo, 'utf8'));
    const nodeA = fc.features.find((f: { properties: { kind: string; id: string } }) => f.properties.kind === 'node' && f.properties.id === 'a');
    expect(nodeA.properties.arrivalS).toEqual([40, 40, 150]);
    expect(nodeA.properties.tier).toBe('60s/1');
    expect(fc.features.filter((f: { properties: { kind: string } }) => f.properties.kind === 'edge')).toHaveLength(6);
    expect(readdirSync(run).sort()).toEqual(['coverage.json', 'network.json', 'posts.json', 'run.json']);
    expect(r.stdout).toMatch(/1 unit <= 60 s/);
  });

  it('names the file, line and field of a bad posts row, exits 2, writes nothing', () => {
    const dir = setup({ 'bad-posts.csv': 'id,node,units\np1,P,2\np2,Nowhere,1\np3,a,two\n' });
    const geo = join(dir, 'never.geojson');
    const r = runCli(['coverage', '--network', join(dir, 'roads.csv'), '--undirected', '--posts', join(dir, 'bad-posts.csv'), '--geojson', geo]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/bad-posts\.csv:3: node: "Nowhere" is not a node/);
    expect(r.stderr).toMatch(/bad-posts\.csv:4: units: expected an integer >= 0, got "two"/);
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(existsSync(geo)).toBe(false);
  });

  it('rejects mismatched --targets and --units lists', () => {
    const dir = setup();
    const r = runCli(['coverage', '--network', join(dir, 'roads.csv'), '--posts', join(dir, 'posts.csv'), '--targets', '60,180', '--units', '1']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--targets has 2 values but --units has 1/);
  });

  it('rejects a negative demand weight and a missing location column', () => {
    const dir = setup({ 'd1.csv': 'node,weight\na,-3\n', 'd2.csv': 'place,weight\na,1\n' });
    const r1 = runCli(['coverage', '--network', join(dir, 'roads.csv'), '--posts', join(dir, 'posts.csv'), '--demand', join(dir, 'd1.csv')]);
    expect(r1.code).toBe(2);
    expect(r1.stderr).toMatch(/d1\.csv:2: weight: expected a number >= 0, got "-3"/);
    const r2 = runCli(['coverage', '--network', join(dir, 'roads.csv'), '--posts', join(dir, 'posts.csv'), '--demand', join(dir, 'd2.csv')]);
    expect(r2.code).toBe(2);
    expect(r2.stderr).toMatch(/d2\.csv:1: expected a "node" column, or latitude and longitude columns/);
  });

  it('rejects an unknown flag and a missing posts file by name', () => {
    const dir = setup();
    expect(runCli(['coverage', '--network', join(dir, 'roads.csv'), '--posts', join(dir, 'posts.csv'), '--bogus']).stderr).toMatch(/--bogus/);
    const r = runCli(['coverage', '--network', join(dir, 'roads.csv'), '--posts', join(dir, 'nope.csv')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/nope\.csv: posts file not found/);
  });

  it('applies the response speed factor and reports demand outside the largest component', () => {
    // A one-way stub b -> z: z is reachable but not strongly connected with the rest.
    const dir = setup({ 'stub.csv': 'from,to,time_s,oneway\nP,a,40,no\na,b,50,no\nb,Q,100,no\nb,z,5,yes\n', 'demand.csv': 'node,weight\na,1\nz,3\n' });
    const r = runCli(['coverage', '--network', join(dir, 'stub.csv'), '--posts', join(dir, 'posts.csv'),
      '--demand', join(dir, 'demand.csv'), '--response-factor', '2', '--targets', '20', '--json', '--per-node']);
    expect(r.code, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout);
    // Twice as fast: a at 20 s from P (40 s at free flow).
    expect(out.nodes[0].arrivalS[0]).toBe(20);
    expect(out.demand.weightOutsideLargestComponent).toBe(3);
    expect(out.demand.shareOutsideLargestComponent).toBeCloseTo(0.75, 12);
  });

  it('scores key sites against their own circle with --class-tiers, and names a bad tier file field', () => {
    const dir = setup({
      'sites.csv': 'node,class\nb,circle-1min\na,circle-5min\n',
      'tiers.json': '{"circle-1min":[{"targetS":60,"units":1}],"circle-5min":[{"targetS":300,"units":3}]}',
      'bad-tiers.json': '{"circle-1min":[{"targetS":60,"units":0}]}',
    });
    const base = ['coverage', '--network', join(dir, 'roads.csv'), '--undirected', '--posts', join(dir, 'posts.csv'), '--demand', join(dir, 'sites.csv')];
    const r = runCli([...base, '--class-tiers', join(dir, 'tiers.json'), '--json']);
    expect(r.code, r.stderr).toBe(0);
    const byClass = Object.fromEntries(JSON.parse(r.stdout).classes.map((c: { name: string; tiers: { coveredCount: number }[] }) => [c.name, c.tiers.map((t) => t.coveredCount)]));
    // b: first unit at 90 s (misses 60 s); a: units at 40, 40, 150 s (3 within 300 s).
    expect(byClass).toEqual({ 'circle-1min': [0], 'circle-5min': [1] });
    const bad = runCli([...base, '--class-tiers', join(dir, 'bad-tiers.json')]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/bad-tiers\.json: circle-1min\[0\]\.units: expected an integer 1\.\.1000, got 0/);
  });

  it('prints help', () => {
    const r = runCli(['coverage', '--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/--targets LIST/);
  });
});
