import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../../engine/io/input-error.ts';
import { parseRun, type RunFileTexts } from './run-data.ts';
import { buildRunScene, incidentOutcome } from './run-scene.ts';
import { complianceRows, responseTimeSample } from './compliance.ts';

const fixture = (dir: string, ...files: string[]): RunFileTexts =>
  Object.fromEntries(files.map((f) => [f, readFileSync(join(import.meta.dirname, '../../test/fixtures', dir, f), 'utf8')]));

const network = { version: '0', coordKind: 'planar', attribution: null, classNames: ['a'], nodes: { ids: ['n0', 'n1'], x: [0, 100], y: [0, null] }, edges: { from: [0], to: [1], cls: [0], shapes: { 0: [50, 50] } } };

describe('parseRun', () => {
  it('reads the tiny grid fixture: 12 nodes, 34 edges, 2 posts, coverage k = 3 and 3 unit tracks', () => {
    const run = parseRun('tiny-grid', fixture('tiny-grid', 'network.json', 'posts.json', 'coverage.json', 'trace.json'));
    expect(run.network.nodeIds.length).toBe(12);
    expect(run.network.edgeFrom.length).toBe(34);
    expect(run.posts.map((p) => [p.id, p.units, p.type])).toEqual([['A', 2, 'station'], ['B', 1, 'kiosk']]);
    expect(run.coverage?.k).toBe(3);
    expect(run.trace?.tracks.length).toBe(3);
  });

  it('turns null arrival times into Infinity (unreachable)', () => {
    const cov = { version: '0', tiers: [], k: 2, demand: { node: [0, 1] }, arrivalS: [[0, null], [12.5, 40]] };
    const run = parseRun('r', { 'network.json': JSON.stringify(network), 'coverage.json': JSON.stringify(cov) });
    expect(Array.from(run.coverage!.arrivalS)).toEqual([0, Infinity, 12.5, 40]);
    expect(Array.from(run.coverage!.demandWeight)).toEqual([1, 1]);
  });

  it('accepts a coverage-only directory (no trace, no summary) and a missing node coordinate as NaN', () => {
    const run = parseRun('r', { 'network.json': JSON.stringify(network) });
    expect(run.trace).toBeUndefined();
    expect(run.posts).toEqual([]);
    expect(Number.isNaN(run.network.nodeY[1])).toBe(true);
  });

  it('names the file and JSON path of every problem, all in one InputError', () => {
    const bad = { ...network, edges: { ...network.edges, to: [7] } };
    const posts = { posts: [{ id: 'p', node: 5, units: 1, type: 'station' }] };
    try {
      parseRun('run1', { 'network.json': JSON.stringify(bad), 'posts.json': JSON.stringify(posts) });
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(InputError);
      expect((err as Error).message).toContain('run1/network.json: edges.to[0]: expected an integer in 0..1, got 7');
      expect((err as Error).message).toContain('run1/posts.json: posts[0].node: expected a node index 0..1, got 5');
    }
  });

  it('reports unparsable JSON and a missing network.json as input errors', () => {
    expect(() => parseRun('r', { 'network.json': '{oops' })).toThrow(/r\/network\.json: not valid JSON/);
    expect(() => parseRun('r', {})).toThrow(/r\/network\.json: file not found/);
  });

  it('refuses trace waypoints that go back in time, naming the unit and waypoint', () => {
    const trace = { horizonS: 10, warmupS: 0, units: [{ id: 'u' }], waypoints: [[[5, 0, 0, 0], [4, 0, 0, 1]]] };
    expect(() => parseRun('r', { 'network.json': JSON.stringify(network), 'trace.json': JSON.stringify(trace) }))
      .toThrow('r/trace.json: waypoints[0][1][0]: time 4 s goes back from 5 s');
  });

  it('does not mutate its input texts', () => {
    const texts = fixture('tiny-grid', 'network.json', 'coverage.json');
    const copy = { ...texts };
    parseRun('r', texts);
    expect(texts).toEqual(copy);
  });
});

describe('run scene', () => {
  it('projects the tiny grid so node (0,0) and (300,200) sit at opposite corners around the centre', () => {
    const run = parseRun('tiny-grid', fixture('tiny-grid', 'network.json', 'posts.json'));
    const s = buildRunScene(run);
    expect(s.boundsM).toEqual({ minX: -150, minY: -100, maxX: 150, maxY: 100 });
    expect([s.postXM[0], s.postYM[0]]).toEqual([-150, -100]);
    expect([s.postXM[1], s.postYM[1]]).toEqual([150, 100]);
  });

  it('includes shape points between an edge\'s end nodes', () => {
    const run = parseRun('r', { 'network.json': JSON.stringify({ ...network, nodes: { ...network.nodes, y: [0, 0] } }) });
    const s = buildRunScene(run);
    expect(Array.from(s.edgeXY.subarray(s.edgeStart[0], s.edgeStart[1]))).toEqual([-50, 0, 0, 50, 50, 0]);
  });

  it('classifies incident outcomes', () => {
    expect(incidentOutcome([true, true, true], 30)).toBe(0);
    expect(incidentOutcome([false, true, false], 100)).toBe(1);
    expect(incidentOutcome([false, false, false], 400)).toBe(2);
    expect(incidentOutcome([false, false, false], Infinity)).toBe(3);
  });

  it('reports coverage and simulated compliance rows, and incident response times for the chart', () => {
    const run = parseRun('futian-current', fixture('futian-current', 'network.json', 'posts.json', 'coverage.json', 'summary.json', 'trace.json'));
    const rows = complianceRows(run);
    const cov = JSON.parse(fixture('futian-current', 'coverage.json')['coverage.json']!) as { tiers: { coveredShare: number }[] };
    expect(rows.filter((r) => r.source === 'coverage').map((r) => r.share)).toEqual(cov.tiers.map((t) => t.coveredShare));
    expect(rows.some((r) => r.source === 'simulation')).toBe(true);
    expect(responseTimeSample(run).valuesS.length).toBe(run.trace!.incidents.length);
  });
});
