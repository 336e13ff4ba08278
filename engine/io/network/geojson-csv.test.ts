import { describe, expect, it } from 'vitest';
import type { RoadGraph } from '../../graph/road-graph.ts';
import { tempDir } from '../../../test/support/run-cli.ts';
import { parseCsvNetwork } from './csv-network.ts';
import { parseGeoJsonNetwork } from './geojson-network.ts';
import { loadNetwork } from './load-network.ts';
import { join } from 'node:path';

const arcs = (g: RoadGraph) => Array.from(g.edgeFrom, (f, e) => `${g.nodeIds[f]}>${g.nodeIds[g.edgeTo[e]]}`);
const fc = (features: unknown[]) => JSON.stringify({ type: 'FeatureCollection', features });
const line = (coordinates: number[][], properties: Record<string, unknown>) => ({ type: 'Feature', properties, geometry: { type: 'LineString', coordinates } });

describe('GeoJSON networks', () => {
  it('merges line ends with identical coordinates into nodes and keeps interior points as shape', () => {
    const g = parseGeoJsonNetwork(fc([
      line([[0, 0], [3, 0], [3, 4]], { time_s: 10 }),
      line([[3, 4], [0, 0]], { speed_kph: 36 }),
    ]), 'roads.geojson');
    expect(g.nodeIds).toEqual(['n0', 'n1']);
    expect(arcs(g)).toEqual(['n0>n1', 'n1>n0']);
    expect(g.coordKind).toBe('planar'); // integer-only coordinates
    expect(g.lengthM[0]).toBe(7);
    expect(g.freeFlowTimeS[0]).toBe(10);
    expect(Array.from(g.edgeShapes[0]!)).toEqual([3, 0]);
    expect(g.freeFlowTimeS[1]).toBeCloseTo(0.5, 12); // 5 m at 10 m/s
  });

  it('follows oneway (true, "no", -1) and undirected, and takes speed from maxspeed or the highway class', () => {
    const features = [
      line([[114.05, 22.53], [114.06, 22.53]], { oneway: true, maxspeed: '30 mph' }),
      line([[114.06, 22.53], [114.07, 22.53]], { oneway: 'no', highway: 'residential' }),
      line([[114.07, 22.53], [114.08, 22.53]], { oneway: -1, speed_kph: 50 }),
      line([[114.08, 22.53], [114.09, 22.53]], { time_s: 5 }),
    ];
    const g = parseGeoJsonNetwork(fc(features), 'r.geojson');
    expect(g.coordKind).toBe('lonlat');
    expect(arcs(g)).toEqual(['n0>n1', 'n1>n2', 'n2>n1', 'n3>n2', 'n3>n4']);
    expect(g.speedKph[0]).toBeCloseTo(48.28032, 9);
    expect(g.speedKph[1]).toBe(30);
    const u = parseGeoJsonNetwork(fc(features), 'r.geojson', { undirected: true });
    expect(arcs(u)).toEqual(['n0>n1', 'n1>n2', 'n2>n1', 'n3>n2', 'n3>n4', 'n4>n3']);
  });

  it('uses from/to ids when every feature has them, and splits MultiLineStrings into one edge per part', () => {
    const g = parseGeoJsonNetwork(fc([line([[0.5, 0], [1.5, 0]], { from: 'A', to: 'B', time_s: 1, id: 'ab' })]), 'ids.geojson');
    expect(g.nodeIds).toEqual(['A', 'B']);
    expect(g.edgeIds).toEqual(['ab']);
    const m = parseGeoJsonNetwork(fc([{ type: 'Feature', properties: { time_s: 2 }, geometry: { type: 'MultiLineString', coordinates: [[[0, 0], [1, 0]], [[1, 0], [2, 0]]] } }]), 'm.geojson');
    expect(m.edgeIds).toEqual(['f0.0', 'f0.1']);
    expect(arcs(m)).toEqual(['n0>n1', 'n1>n2']);
  });
});

describe('CSV edge lists', () => {
  it('reads time_s rows as directed edges, with nodes in order of first use and no coordinates', () => {
    const g = parseCsvNetwork('from,to,time_s\na,b,12\nb,c,7.5\n', 'roads.csv');
    expect(g.nodeIds).toEqual(['a', 'b', 'c']);
    expect(arcs(g)).toEqual(['a>b', 'b>c']);
    expect(Array.from(g.freeFlowTimeS)).toEqual([12, 7.5]);
    expect(g.coordKind).toBe('none');
    expect(g.edgeIds).toEqual(['L2', 'L3']);
  });

  it('derives the time from length_m and speed_kph, and reads class and id', () => {
    const g = parseCsvNetwork('id,from,to,length_m,speed_kph,class\nx1,a,b,1000,36,primary\n', 'roads.csv');
    expect(g.freeFlowTimeS[0]).toBe(100);
    expect(g.lengthM[0]).toBe(1000);
    expect(g.classNames).toEqual(['primary']);
    expect(g.edgeIds).toEqual(['x1']);
  });

  it('makes every row two-way with undirected, except rows whose oneway says otherwise', () => {
    const text = 'from,to,time_s,oneway\na,b,1,\nb,c,2,yes\nc,d,3,no\nd,e,4,-1\n';
    expect(arcs(parseCsvNetwork(text, 'r.csv'))).toEqual(['a>b', 'b>c', 'c>d', 'd>c', 'e>d']);
    expect(arcs(parseCsvNetwork(text, 'r.csv', { undirected: true }))).toEqual(['a>b', 'b>a', 'b>c', 'c>d', 'd>c', 'e>d']);
  });

  it('takes node coordinates from a nodes CSV (lon/lat columns) through loadNetwork', () => {
    const dir = tempDir({
      'edges.csv': 'from,to,time_s\n1,2,60\n',
      'nodes.csv': 'id,latitude,longitude\n1,22.53,114.05\n2,22.54,114.05\n3,22.55,114.05\n',
    });
    const g = loadNetwork([join(dir, 'edges.csv')], { nodesFile: join(dir, 'nodes.csv'), undirected: true });
    expect(g.coordKind).toBe('lonlat');
    expect(g.nodeIds).toEqual(['1', '2', '3']); // every node of the file, used or not
    expect([g.x[1], g.y[1]]).toEqual([114.05, 22.54]);
    expect(g.edgeCount).toBe(2);
  });

  it('treats x,y node columns with large values as planar metres', () => {
    const dir = tempDir({ 'e.csv': 'from,to,time_s\np,q,1\n', 'n.csv': 'id,x,y\np,500000,4000000\nq,500100,4000000\n' });
    expect(loadNetwork([join(dir, 'e.csv')], { nodesFile: join(dir, 'n.csv') }).coordKind).toBe('planar');
  });
});
