import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, tempDir } from '../../test/support/run-cli.ts';

// A -10- a -10- b -10- c -30- B     planar metres, 36 km/h (10 m/s): lengths are 10 x the seconds.
const ROADS = 'from,to,length_m,speed_kph\nA,a,100,36\na,b,100,36\nb,c,100,36\nc,B,300,36\n';
const NODES = 'id,x,y\nA,0,0\na,100,0\nb,200,0\nc,300,0\nB,600,0\n';

function setup() {
  return tempDir({ 'roads.csv': ROADS, 'nodes.csv': NODES, 'posts.csv': 'id,node\nwest,A\neast,B\n', 'demand.csv': 'node,weight\na,5\nb,5\nc,5\n' });
}
const net = (dir: string) => ['--network', join(dir, 'roads.csv'), '--nodes', join(dir, 'nodes.csv'), '--coords', 'planar', '--undirected'];

describe('patrolsim jurisdictions', () => {
  it('assigns nodes to the nearest post and reports workloads as JSON', () => {
    const dir = setup();
    const r = runCli(['jurisdictions', ...net(dir), '--posts', join(dir, 'posts.csv'), '--demand', join(dir, 'demand.csv'), '--target', '25', '--json']);
    expect(r.stderr).not.toMatch(/at .*\.ts:/);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    // c is 30 s from both posts: the tie goes to west, listed first.
    expect(out.posts).toEqual([
      { post: 'west', units: 1, nodes: 4, weight: 15, maxTimeS: 30, beyondTarget: 1, beyondTargetWeight: 5 },
      { post: 'east', units: 1, nodes: 1, weight: 0, maxTimeS: 0, beyondTarget: 0, beyondTargetWeight: 0 },
    ]);
    expect(out.balance).toMatchObject({ cv: 1, maxOverMean: 2 });
    expect(out.unassigned).toBe(0);
    expect(out.balanced).toBeUndefined();
  });

  it('balances within the target and reports before, after and the bound', () => {
    const dir = setup();
    const r = runCli(['jurisdictions', ...net(dir), '--posts', join(dir, 'posts.csv'), '--demand', join(dir, 'demand.csv'), '--target', '40', '--balance', '--json']);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.posts.map((p: { weight: number }) => p.weight)).toEqual([15, 0]);
    expect(out.balanced.posts.map((p: { weight: number }) => p.weight)).toEqual([10, 5]);
    expect(out.balanced).toMatchObject({ reassignedNodes: 1, moves: 1 });
    expect(out.balanced.lowerBound).toBeCloseTo(7.5, 9);
    expect(out.balanced.gap).toBeCloseTo(0.25, 9);
  });

  it('writes GeoJSON jurisdictions and a run directory', () => {
    const dir = setup();
    const geo = join(dir, 'j.geojson');
    const run = join(dir, 'run');
    const r = runCli(['jurisdictions', ...net(dir), '--posts', join(dir, 'posts.csv'), '--geojson', geo, '--out', run]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/largest workload 4/);
    const fc = JSON.parse(readFileSync(geo, 'utf8'));
    expect(fc.crs).toMatch(/planar/);
    const west = fc.features.find((f: { properties: { kind: string; post: string } }) => f.properties.kind === 'jurisdiction' && f.properties.post === 'west');
    expect(west.geometry.coordinates).toHaveLength(4);
    const roads = fc.features.find((f: { properties: { kind: string; post: string } }) => f.properties.kind === 'jurisdiction-roads' && f.properties.post === 'west');
    expect(roads.geometry.coordinates).toHaveLength(3);
    expect(readdirSync(run).sort()).toEqual(['jurisdictions.json', 'network.json', 'posts.json', 'run.json']);
    const file = JSON.parse(readFileSync(join(run, 'jurisdictions.json'), 'utf8'));
    expect(file.nearest.owner).toEqual([0, 0, 0, 0, 1]);
    expect(file.balanced).toBeNull();
  });

  it('names a bad posts row and exits 2', () => {
    const dir = tempDir({ 'roads.csv': ROADS, 'posts.csv': 'node\nA\nnowhere\n' });
    const r = runCli(['jurisdictions', '--network', join(dir, 'roads.csv'), '--posts', join(dir, 'posts.csv')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/posts\.csv:3: node: "nowhere" is not a node of the network/);
  });
});
