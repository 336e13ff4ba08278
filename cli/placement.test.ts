import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { findColumn, parseCsv } from '../engine/io/csv.ts';
import { runCli, tempDir } from '../test/support/run-cli.ts';

// Real data bundled in scenarios/data (see each SOURCE.md).
const AVONDALE = 'scenarios/data/osm-chicago-avondale/chicago.osm';
const STATIONS = 'scenarios/data/chicago-police-stations/Police_Stations.csv';
const FUTIAN = 'scenarios/data/shenzhen-futian-sumo/FuTian.nod.xml';
const SEATTLE = 'scenarios/data/seattle-spd-911-2016-03-25/Seattle_Police_Department_911_Incident_Response.csv';
const PCL = 'scenarios/data/shenzhen-pcl-nanshan-sumo/pcl.nod.xml';

describe('where posts and demand land, through the CLI', () => {
  it('refuses the 23 Chicago police stations on the 2 km Avondale extract, naming each far row, its distance and nearest node', () => {
    // Before the maximum snap distance, all 23 landed inside the extract (11 on one node) and
    // coverage reported 90.1 % with exit 0.
    const r = runCli(['coverage', '--network', AVONDALE, '--posts', STATIONS]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/Police_Stations\.csv: 21 posts can't be used:/);
    // Headquarters, 3510 S Michigan Ave: 11.4 km south-east of the extract.
    expect(r.stderr).toMatch(/Police_Stations\.csv:2: \(LONGITUDE -87\.623783, LATITUDE 41\.830636\) is 11411 m from the nearest road node \(35034250\), beyond the maximum snap distance of 500 m/);
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(r.stdout).toBe('');
  });

  it('takes --max-snap-m: with 40 km every station is accepted (and the distances are reported)', () => {
    const r = runCli(['coverage', '--network', AVONDALE, '--posts', STATIONS, '--max-snap-m', '40000', '--json']);
    expect(r.code, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.posts.count).toBe(23);
    expect(out.posts.maxSnapDistanceM).toBeGreaterThan(20000);
    expect(out.maxSnapM).toBe(40000);
  });

  it('refuses a post at lat/lon 0,0', () => {
    const dir = tempDir({ 'posts.csv': 'id,lat,lon\nnull-island,0,0\n' });
    const r = runCli(['coverage', '--network', FUTIAN, '--posts', join(dir, 'posts.csv')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/posts\.csv:2: \(lon 0, lat 0\) is \d+ m from the nearest road node \(\d+\), beyond the maximum snap distance of 500 m/);
  });

  it('skips and counts Seattle calls given as demand on Futian, and refuses a file with no call left', () => {
    const r = runCli(['coverage', '--network', FUTIAN, '--posts', 'scenarios/shenzhen-futian/posts.csv', '--demand', SEATTLE]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/expected at least one demand row placed on the network, got none of 706 \(skipped: 706 farther than 500 m from the network\)/);
    // Seattle's rows plus two Futian calls: the two are used, the 706 skipped and counted.
    const dir = tempDir({ 'calls.csv': `Longitude,Latitude\n${seattleLonLat().join('\n')}\n114.0505,22.5375\n114.0595,22.5435\n,\n` });
    const mixed = runCli(['coverage', '--network', FUTIAN, '--posts', 'scenarios/shenzhen-futian/posts.csv', '--demand', join(dir, 'calls.csv'), '--json']);
    expect(mixed.code, mixed.stderr).toBe(0);
    const out = JSON.parse(mixed.stdout);
    expect(out.demand.points).toBe(2);
    expect(out.demand.skippedRows).toBe(707);
    expect(out.demand.skipped).toEqual([{ reason: 'farther than 500 m from the network', rows: 706 }, { reason: 'without coordinates', rows: 1 }]);
    expect(mixed.stderr).toMatch(/calls\.csv: 2 of 709 rows used; skipped 706 farther than 500 m from the network, 1 without coordinates/);
  });

  it('places lon/lat posts on a UTM network through its projection, and refuses them on a planar network without one', () => {
    // 113.9340056683 E, 22.5766877172 N is node 183920405#5-AddedOffRampNode (PROJ, inverse UTM 49N + netOffset).
    const dir = tempDir({
      'posts.csv': 'id,lat,lon\nramp,22.5766877172,113.9340056683\n',
      'roads.csv': 'from,to,time_s\na,b,10\nb,a,10\n',
      'nodes.csv': 'id,x,y\na,5000,4000\nb,5100,4000\n',
    });
    const r = runCli(['coverage', '--network', PCL, '--posts', join(dir, 'posts.csv'), '--json']);
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout).posts.maxSnapDistanceM).toBe(0);
    const planar = runCli(['coverage', '--network', join(dir, 'roads.csv'), '--nodes', join(dir, 'nodes.csv'), '--posts', join(dir, 'posts.csv')]);
    expect(planar.code).toBe(2);
    expect(planar.stderr).toMatch(/posts\.csv:1: columns lon\/lat: lon\/lat points can't be placed on this network: its coordinates are planar metres and it has no map projection/);
  });

  it('lands a site next to a one-way stub on the strongly connected road, as the simulator places it', () => {
    // P -40- a -50- b -100- Q two-way; b -> z one-way (z is outside the largest strongly connected part).
    // A site at z's own position lands on b (the nearest node units can leave again), 111 m away.
    const dir = tempDir({
      'roads.csv': 'from,to,time_s,oneway\nP,a,40,no\na,b,50,no\nb,Q,100,no\nb,z,5,yes\n',
      'nodes.csv': 'id,lon,lat\nP,114.000,22.5\na,114.001,22.5\nb,114.002,22.5\nQ,114.004,22.5\nz,114.002,22.501\n',
      'posts.csv': 'id,node,units\np1,P,2\n',
      'sites.csv': 'name,lon,lat\nat-z,114.002,22.501\n',
    });
    const r = runCli(['coverage', '--network', join(dir, 'roads.csv'), '--nodes', join(dir, 'nodes.csv'), '--posts', join(dir, 'posts.csv'), '--demand', join(dir, 'sites.csv'), '--json', '--per-node']);
    expect(r.code, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.nodes.map((n: { id: string }) => n.id)).toEqual(['b']);
    expect(out.demand.maxSnapDistanceM).toBeCloseTo(111.2, 1);
    // Given by node id, a post in the stub is kept, with a warning naming its row.
    const stubPost = runCli(['coverage', '--network', join(dir, 'roads.csv'), '--nodes', join(dir, 'nodes.csv'), '--posts', join(tempDir({ 'p.csv': 'id,node\nin-stub,z\n' }), 'p.csv')]);
    expect(stubPost.code, stubPost.stderr).toBe(0);
    expect(stubPost.stderr).toMatch(/warning: .*p\.csv:2: post in-stub \(node z\) is outside the largest strongly connected part of the network/);
  });
});

/** The Longitude,Latitude of every Seattle row. */
function seattleLonLat(): string[] {
  const table = parseCsv(readFileSync(SEATTLE, 'utf8'), SEATTLE);
  const lon = findColumn(table.header, ['Longitude']), lat = findColumn(table.header, ['Latitude']);
  return table.rows.map((r) => `${r.values[lon]},${r.values[lat]}`);
}
