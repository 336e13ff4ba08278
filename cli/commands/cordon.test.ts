import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, tempDir } from '../../test/support/run-cli.ts';

//            a -10- x1                 two-way roads, times in seconds
//  O -10- j <
//            b -10- x2          P -5- a, P -5- b, Q -5- j
const ROADS = 'from,to,time_s\nO,j,10\nj,a,10\na,x1,10\nj,b,10\nb,x2,10\nP,a,5\nP,b,5\nQ,j,5\n';
// Lon/lat coordinates near Shenzhen, so points snap.
const NODES = 'id,lon,lat\nO,114.000,22.500\nj,114.001,22.500\na,114.002,22.501\nb,114.002,22.499\nx1,114.003,22.501\nx2,114.003,22.499\nP,114.0025,22.500\nQ,114.001,22.501\n';

function setup(extra: Record<string, string> = {}) {
  return tempDir({ 'roads.csv': ROADS, 'nodes.csv': NODES, 'posts.csv': 'id,node,units\nP,P,1\nQ,Q,1\n', 'exits.csv': 'id,node\nnorth,x1\nsouth,x2\n', ...extra });
}
const net = (dir: string) => ['--network', join(dir, 'roads.csv'), '--nodes', join(dir, 'nodes.csv'), '--undirected'];

describe('patrolsim cordon blockade', () => {
  it('closes the exits with the least latest arrival, as JSON', () => {
    const dir = setup();
    const r = runCli(['cordon', 'blockade', ...net(dir), '--posts', join(dir, 'posts.csv'), '--exits', join(dir, 'exits.csv'), '--json']);
    expect(r.stderr).not.toMatch(/at .*\.ts:/);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    // P reaches x1 and x2 in 15; Q reaches both in 25. Least latest: 25 (one each), total 40.
    expect(out).toMatchObject({ latestS: 25, totalS: 40, exits: 2, units: 2 });
    expect(out.assignments.map((a: { exit: string }) => a.exit)).toEqual(['north', 'south']);
  });

  it('exits 2 naming the exit no unit reaches, or too few units', () => {
    const dir = setup({ 'far.csv': 'from,to,time_s\nO,j,10\nP,j,5\nZ,W,3\n', 'far-posts.csv': 'node\nP\n', 'far-exits.csv': 'id,node\ngate,W\nhome,O\n', 'three.csv': 'node\nx1\nx2\nO\n' });
    const a = runCli(['cordon', 'blockade', '--network', join(dir, 'far.csv'), '--undirected', '--posts', join(dir, 'far-posts.csv'), '--exits', join(dir, 'far-exits.csv')]);
    expect(a.code).toBe(2);
    expect(a.stderr).toMatch(/no unit can reach exit gate/);
    const b = runCli(['cordon', 'blockade', ...net(dir), '--posts', join(dir, 'posts.csv'), '--exits', join(dir, 'three.csv')]);
    expect(b.code).toBe(2);
    expect(b.stderr).toMatch(/3 exits to close but only 2 units/);
  });

  it('names exits that only a post with too few units reaches', () => {
    // Q is cut off from x1 and x2 by one-way roads: only P (1 unit) reaches them.
    const dir = setup({ 'oneway.csv': 'from,to,time_s,oneway\nO,j,10,no\nj,a,10,no\na,x1,10,yes\nj,b,10,no\nb,x2,10,yes\nP,a,5,yes\nP,b,5,yes\nQ,j,5,no\nx1,Q,1,yes\n' });
    const r = runCli(['cordon', 'blockade', '--network', join(dir, 'oneway.csv'), '--posts', join(dir, 'posts.csv'), '--exits', join(dir, 'exits.csv')]);
    expect(r.code).toBe(0); // Q reaches them through j.
    const cut = setup({ 'oneway.csv': 'from,to,time_s,oneway\nj,a,10,yes\na,x1,10,yes\nj,b,10,yes\nb,x2,10,yes\nP,a,5,yes\nP,b,5,yes\nQ,O,5,yes\n' });
    const r2 = runCli(['cordon', 'blockade', '--network', join(cut, 'oneway.csv'), '--posts', join(cut, 'posts.csv'), '--exits', join(cut, 'exits.csv')]);
    expect(r2.code).toBe(2);
    expect(r2.stderr).toMatch(/exits north, south \(2\) can only be reached from post P, which holds 1 unit/);
  });

  it('writes GeoJSON with routes and a run directory', () => {
    const dir = setup();
    const geo = join(dir, 'b.geojson');
    const run = join(dir, 'run');
    const r = runCli(['cordon', 'blockade', ...net(dir), '--posts', join(dir, 'posts.csv'), '--exits', join(dir, 'exits.csv'), '--geojson', geo, '--out', run]);
    expect(r.code).toBe(0);
    const fc = JSON.parse(readFileSync(geo, 'utf8'));
    const routes = fc.features.filter((f: { properties: { kind: string } }) => f.properties.kind === 'assignment');
    expect(routes).toHaveLength(2);
    expect(routes.every((f: { geometry: { coordinates: number[][] } }) => f.geometry.coordinates.length >= 3)).toBe(true);
    expect(fc.features.filter((f: { properties: { kind: string } }) => f.properties.kind === 'closed').map((f: { properties: { node: string } }) => f.properties.node).sort()).toEqual(['north', 'south']);
    expect(readdirSync(run).sort()).toEqual(['cordon.json', 'network.json', 'posts.json', 'run.json']);
    const cordon = JSON.parse(readFileSync(join(run, 'cordon.json'), 'utf8'));
    expect(cordon).toMatchObject({ kind: 'blockade', feasible: true, latestS: 25 });
    const network = JSON.parse(readFileSync(join(run, 'network.json'), 'utf8'));
    for (const c of cordon.closed) {
      expect(network.nodes.ids[c.route[c.route.length - 1]]).toBe(network.nodes.ids[c.node]);
      expect(['P', 'Q']).toContain(network.nodes.ids[c.route[0]]);
    }
  });
});

describe('patrolsim cordon ring', () => {
  it('reports the region, exits, blockade and closed shares', () => {
    const dir = setup({ 'posts2.csv': 'id,node,units\nP,P,2\nQ,Q,1\n' });
    const r = runCli(['cordon', 'ring', ...net(dir), '--posts', join(dir, 'posts2.csv'), '--incident', 'j', '--radius-s', '10', '--within', '5,20', '--json']);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    // Within 10 s of j: O, j, a, b, Q. Exits: a (to x1, P), b (to x2, P). O and Q lead nowhere else.
    expect(out.regionNodes).toBe(5);
    expect(out.exits.sort()).toEqual(['a', 'b']);
    expect(out).toMatchObject({ feasible: true, latestS: 5, totalS: 10 });
    expect(out.closedShare.map((c: { share: number }) => c.share)).toEqual([1, 1]);
  });

  it('snaps a lat,lon scene and exits 1 when the exits cannot all be closed', () => {
    const dir = setup({ 'one.csv': 'node\nQ\n' });
    const r = runCli(['cordon', 'ring', ...net(dir), '--posts', join(dir, 'one.csv'), '--incident', '22.5,114.0009', '--radius-s', '10', '--json']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/placed at node j/);
    const out = JSON.parse(r.stdout);
    expect(out.feasible).toBe(false);
    expect(out.reason).toMatch(/2 exits to close but only 1 unit at/);
    expect(out.mostClosedShare.map((c: { exits: number }) => c.exits)).toEqual([1, 1, 1]);
  });
});

describe('patrolsim cordon contain', () => {
  it('closes the junction when a unit beats the suspect to it', () => {
    const dir = setup();
    const r = runCli(['cordon', 'contain', ...net(dir), '--posts', join(dir, 'posts.csv'), '--origin', 'O', '--delay-s', '0', '--exits', join(dir, 'exits.csv'), '--json']);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out).toMatchObject({ feasible: true, latestS: 5, proven: true, closed: [{ node: 'j', post: 'Q', closingS: 5, suspectS: 10 }] });
  });

  it('exits 1 with the reason when no staffable cut exists, and uses the city edge by default', () => {
    const dir = setup();
    const r = runCli(['cordon', 'contain', ...net(dir), '--posts', join(dir, 'posts.csv'), '--origin', 'O', '--delay-s', '6', '--exits', join(dir, 'exits.csv'), '--json']);
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout)).toMatchObject({ feasible: false, reason: 'no-staffable-cut' });
    const edge = runCli(['cordon', 'contain', ...net(dir), '--posts', join(dir, 'posts.csv'), '--origin', 'j', '--delay-s', '0', '--json']);
    const out = JSON.parse(edge.stdout);
    expect(out.exits.source).toBe('city-edge');
    expect(out.exits.count).toBeGreaterThan(0);
  });

  it('rejects a missing mode, a flag of another mode and a bad number, exit 2', () => {
    const dir = setup();
    expect(runCli(['cordon', ...net(dir), '--posts', join(dir, 'posts.csv')]).stderr).toMatch(/expected a mode, one of blockade, ring, contain/);
    const r = runCli(['cordon', 'blockade', ...net(dir), '--posts', join(dir, 'posts.csv'), '--exits', join(dir, 'exits.csv'), '--radius-s', '5']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--radius-s: not a flag of cordon blockade/);
    const d = runCli(['cordon', 'contain', ...net(dir), '--posts', join(dir, 'posts.csv'), '--origin', 'O', '--delay-s', 'soon']);
    expect(d.code).toBe(2);
    expect(d.stderr).toMatch(/--delay-s: expected a number >= 0, got "soon"/);
  });
});
