import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, tempDir } from '../../test/support/run-cli.ts';

const FUTIAN = 'scenarios/data/shenzhen-futian-sumo';

describe('patrolsim network', () => {
  it('prints one JSON object with counts, components, bbox, length and classes for Futian', () => {
    const r = runCli(['network', `${FUTIAN}/FuTian.nod.xml`, `${FUTIAN}/FuTian.edg.xml`, '--json']);
    expect(r.code).toBe(0);
    const s = JSON.parse(r.stdout);
    expect(Object.keys(s)).toEqual(['nodes', 'edges', 'zones', 'components', 'largestComponent', 'nodesOutsideLargest', 'bbox', 'coordKind', 'projection', 'totalLengthM', 'classes']);
    expect(s).toMatchObject({ nodes: 1315, edges: 2444, zones: 0, largestComponent: 1132, nodesOutsideLargest: 183, coordKind: 'lonlat', projection: null });
    expect(s.totalLengthM / 1000).toBeCloseTo(351.6, 1);
    expect(s.bbox.minX).toBeGreaterThan(114);
    expect(s.bbox.maxY).toBeLessThan(22.6);
    expect(s.classes.residential).toBe(719);
    expect(Object.values(s.classes).reduce((a: number, b) => a + (b as number), 0)).toBe(2444);
  });

  it('prints a readable report for Anaheim: zones, no coordinates without a node file, lengths converted from feet', () => {
    const r = runCli(['network', 'scenarios/data/tntp-anaheim/Anaheim_net.tntp', '--time-unit', 'min']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/nodes: +416\n/);
    expect(r.stdout).toMatch(/edges: +914 \(directed\)/);
    expect(r.stdout).toMatch(/zones: +38\n/);
    expect(r.stdout).toMatch(/bounding box: none \(no node coordinates\)/);
    expect(r.stdout).toMatch(/total length: 749\.8 km/); // lengths in feet, converted
    expect(r.stdout).toMatch(/tntp-1 +914/);
  });

  it('exits 2 with the file, line and field on a bad file, and no stack trace', () => {
    const dir = tempDir({ 'roads.csv': 'from,to,time_s\na,b,ten\n' });
    const r = runCli(['network', join(dir, 'roads.csv'), '--undirected']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`patrolsim network: ${join(dir, 'roads.csv')}:2: time_s: expected a number >= 0, got "ten"`);
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(r.stdout).toBe('');
  });

  it('exits 2 on a bad flag value and on a missing file argument', () => {
    const a = runCli(['network', `${FUTIAN}/FuTian.nod.xml`, '--format', 'shp']);
    expect(a.code).toBe(2);
    expect(a.stderr).toMatch(/--format: expected one of tntp, sumo, osm, geojson, csv, got "shp"/);
    const b = runCli(['network']);
    expect(b.code).toBe(2);
    expect(b.stderr).toMatch(/expected at least one network file/);
  });

  it('describes every flag in --help', () => {
    const r = runCli(['network', '--help']);
    expect(r.code).toBe(0);
    for (const flag of ['--format', '--nodes', '--undirected', '--time-unit', '--all-classes', '--json']) expect(r.stdout).toContain(flag);
  });
});
