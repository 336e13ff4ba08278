import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../engine/io/input-error.ts';
import { loadScenario, overrideScenario } from '../../engine/sim/load-scenario.ts';
import { parseTimestampS } from '../../engine/sim/parse-timestamp.ts';
import { runSimulation } from '../../engine/sim/run-simulation.ts';
import { incidentRows, writeLineScenario } from './helpers.ts';

function errorOf(f: () => unknown): string {
  try { f(); } catch (err) { expect(err).toBeInstanceOf(InputError); return (err as Error).message; }
  throw new Error('expected an InputError');
}

describe('scenario validation', () => {
  it('reports every schema problem with its JSON path and what was expected', () => {
    const path = writeLineScenario({
      horizonS: -5,
      classes: [{ name: 'high', tiers: [{ targetS: 60, units: 1 }, { targetS: 'x' as unknown as number, units: 0 }], onScene: { kind: 'exponential' } as never }],
    }, incidentRows([[1, 'b', 'high', 1]]));
    const msg = errorOf(() => loadScenario(path));
    expect(msg).toContain(`${path}: /horizonS: expected a number > 0, got -5`);
    expect(msg).toContain('/classes/0/tiers/1/targetS: expected number, got "x"');
    expect(msg).toContain('/classes/0/tiers/1/units: expected a number >= 1, got 0');
    expect(msg).toContain('/classes/0/onScene/meanS: required field is missing');
  });

  it('reports meaning problems together: unknown nodes, unit types, posts, class mix not summing to 1', () => {
    const path = writeLineScenario({
      demand: { kind: 'poisson', incidentsPerDay: 10, classMix: { high: 0.5, low: 0.4 } },
      posts: [{ id: 'PA', node: 'zz' }],
      units: [{ id: 'U1', type: 'tank', post: 'PA' }, { id: 'U2', type: 'car', post: 'nowhere' }],
    }, '');
    const msg = errorOf(() => loadScenario(path));
    expect(msg).toContain('/posts/0/node: expected a node id of the network, got "zz"');
    expect(msg).toContain('/units/0/type: expected a unit type (foot, bicycle, motorbike, car), got "tank"');
    expect(msg).toContain('/units/1/post: expected a post id of /posts, got "nowhere"');
    expect(msg).toContain('/demand/classMix: expected shares summing to 1, got 0.9');
  });

  it('names the line and column of a JSON syntax error', () => {
    const path = writeLineScenario({}, incidentRows([[1, 'b', 'high', 1]]));
    writeFileSync(path, '{\n  "horizonS": 10,\n  oops\n}');
    expect(errorOf(() => loadScenario(path))).toMatch(/scenario\.json:3:3: invalid JSON/);
  });

  it('resolves paths relative to the scenario file, not the working directory', () => {
    const path = writeLineScenario({}, incidentRows([[1, 'b', 'high', 1]]));
    expect(loadScenario(path).graph.source.files[0]).toBe(join(dirname(path), 'line.csv'));
  });

  it('replays an incident CSV, counting skipped rows by reason', () => {
    const csv = 'time,node,class,onscene\n'
      + '1970-01-01T00:01:40Z,b,high,100\n'
      + 'not a time,b,high,100\n'
      + '1970-01-01 00:02:00,zz,high,100\n'
      + '01/01/1970 12:03:00 AM,c,burglary,100\n'
      + '1970-01-01T00:04:00Z,c,low,\n'
      + '1970-01-05T00:00:00Z,c,low,1\n';
    const path = writeLineScenario({ horizonS: 86400 }, csv);
    const sc = loadScenario(path);
    if (sc.demand.kind !== 'replay') throw new Error('expected replay');
    expect(Array.from(sc.demand.incidents.timeS)).toEqual([100]);
    expect(sc.demand.incidents.skipped).toEqual([
      { reason: 'class not mapped to a scenario class', rows: 1 },
      { reason: 'missing or negative on-scene time', rows: 1 },
      { reason: 'node id not in the network', rows: 1 },
      { reason: 'outside [startTime, startTime + horizonS)', rows: 1 },
      { reason: 'unparseable time in column "time"', rows: 1 },
    ]);
  });

  it('reads an empirical on-scene distribution from a CSV column, skipping blanks', () => {
    const path = writeLineScenario({
      classes: [{ name: 'high', tiers: [{ targetS: 60, units: 1 }], onScene: { kind: 'empirical', file: 'scene.csv', column: 'time_on_scene', scaleS: 60 } }],
    }, incidentRows([[1, 'b', 'high', 1]]));
    writeFileSync(join(dirname(path), 'scene.csv'), 'id,time_on_scene\n1,12.5\n2,\n3,45\n');
    const sc = loadScenario(path);
    expect(sc.classes[0].onScene).toEqual({ kind: 'empirical', valuesS: [750, 2700] });
    expect(sc.notes.join('\n')).toMatch(/1 of 3 rows/);
  });

  it('parses the timestamp formats of common open-data exports as UTC', () => {
    expect(parseTimestampS('03/25/2016 11:58:30 PM')).toBe(Date.UTC(2016, 2, 25, 23, 58, 30) / 1000);
    expect(parseTimestampS('03/25/2016 12:05:00 AM')).toBe(Date.UTC(2016, 2, 25, 0, 5, 0) / 1000);
    expect(parseTimestampS('2016-03-25T10:00:00+02:00')).toBe(Date.UTC(2016, 2, 25, 8) / 1000);
    expect(parseTimestampS('2016-02-30 10:00')).toBeNaN();
    expect(parseTimestampS('1458950400')).toBe(1458950400);
  });

  it('does not mutate the scenario when overriding the deployment', () => {
    const path = writeLineScenario({ units: [{ id: 'U1', type: 'car', post: 'PA' }] }, incidentRows([[100, 'b', 'high', 100]]));
    const sc = loadScenario(path);
    const before = JSON.stringify(sc.file);
    const more = overrideScenario(sc, { units: [{ id: 'X', type: 'car', post: 'PC', count: 3 }] });
    expect(JSON.stringify(sc.file)).toBe(before);
    expect(more.units.map((u) => u.id)).toEqual(['X-1', 'X-2', 'X-3']);
    expect(more.hash).not.toBe(sc.hash);
  });
});

describe('incidents drawn up front', () => {
  const poissonScenario = (units: unknown[]) => writeLineScenario({
    horizonS: 7 * 86400,
    demand: { kind: 'poisson', incidentsPerDay: 200, hourlyProfile: [...Array(24).keys()].map((h) => (h < 12 ? 1 : 3)), classMix: { high: 0.25, low: 0.75 } },
    units: units as never,
  }, '');

  it('are the same whatever the deployment, for a seed', () => {
    const a = runSimulation(loadScenario(poissonScenario([{ id: 'U1', type: 'car', post: 'PA' }])), { trace: false }).first.incidents;
    const b = runSimulation(loadScenario(poissonScenario([{ id: 'V', type: 'foot', post: 'PD', count: 4 }])), { trace: false }).first.incidents;
    expect(Array.from(b.timeS)).toEqual(Array.from(a.timeS));
    expect(Array.from(b.node)).toEqual(Array.from(a.node));
    expect(Array.from(b.onSceneS)).toEqual(Array.from(a.onSceneS));
  });

  it('follow the hourly profile: afternoon hours get about 3 times the morning rate', () => {
    const r = runSimulation(loadScenario(poissonScenario([{ id: 'U1', type: 'car', post: 'PA' }])), { trace: false });
    // Expected: 7 days x 200/day = 1400, 1/4 in hours 0..11 (350), 3/4 in 12..23 (1050); Poisson counts,
    // so sd = √mean: within 4 sd.
    let am = 0, pm = 0;
    for (const t of r.first.incidents.timeS) ((t % 86400) < 43200 ? am++ : pm++);
    expect(Math.abs(am - 350)).toBeLessThan(4 * Math.sqrt(350));
    expect(Math.abs(pm - 1050)).toBeLessThan(4 * Math.sqrt(1050));
  });
});

describe('determinism', () => {
  it('gives byte-identical output files for the same scenario and seed, and different ones for another seed', async () => {
    const { simulationFiles } = await import('../../engine/sim/outputs.ts');
    const path = writeLineScenario({
      horizonS: 2 * 86400, replications: 3,
      demand: { kind: 'poisson', incidentsPerDay: 100, classMix: { high: 0.3, low: 0.7 } },
      beats: [{ name: 'all', nodes: ['a', 'b', 'c', 'd'] }],
      units: [{ id: 'U1', type: 'car', post: 'PA', patrol: { kind: 'beat', beat: 'all' } }, { id: 'U2', type: 'car', post: 'PC' }, { id: 'U3', type: 'foot', post: 'PD' }],
    }, '');
    const a = simulationFiles(runSimulation(loadScenario(path)));
    const b = simulationFiles(runSimulation(loadScenario(path)));
    expect(b).toEqual(a);
    const c = simulationFiles(runSimulation(loadScenario(path), { seed: 99 }));
    expect(c['incidents.csv']).not.toEqual(a['incidents.csv']);
    expect(JSON.parse(a['summary.json']).seed).toBe(1);
    expect(readFileSync(path, 'utf8')).toContain('"horizonS": 172800');
  });
});
