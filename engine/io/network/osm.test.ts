import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { stronglyConnectedComponents } from '../../graph/components.ts';
import { createRoadGraphBuilder, type RoadGraph } from '../../graph/road-graph.ts';
import { DEFAULT_CLASS_SPEED_KPH } from '../../graph/travel-time-model.ts';
import { loadNetwork } from './load-network.ts';
import { decodeOsmBytes, parseOsmXml } from './osm.ts';
import { DRIVABLE_CLASSES, parseMaxspeedKph } from './road-classes.ts';

const osm = (nodes: [number, number, number][], ways: string) => [
  '<?xml version="1.0" encoding="UTF-8"?>', '<osm version="0.6">',
  ...nodes.map(([id, lon, lat]) => `  <node id="${id}" lat="${lat}" lon="${lon}"/>`),
  ways, '</osm>',
].join('\n');
const way = (id: number, refs: number[], tags: Record<string, string>) =>
  `  <way id="${id}">${refs.map((r) => `<nd ref="${r}"/>`).join('')}${Object.entries(tags).map(([k, v]) => `<tag k="${k}" v="${v}"/>`).join('')}</way>`;
/** "from>to" for every edge, by node id, sorted. */
const arcs = (g: RoadGraph) => Array.from(g.edgeFrom, (f, e) => `${g.nodeIds[f]}>${g.nodeIds[g.edgeTo[e]]}`).sort();

describe('OSM oneway, class and speed rules', () => {
  // A chain 1-2-3-4-5-6-7-8 of separate ways, each testing one rule.
  const nodes: [number, number, number][] = [1, 2, 3, 4, 5, 6, 7, 8].map((i) => [i, -122.3 + i * 0.001, 37.8]);
  const text = osm(nodes, [
    way(101, [1, 2], { highway: 'residential', oneway: 'yes' }),
    way(102, [2, 3], { highway: 'residential', oneway: '-1' }),
    way(103, [3, 4], { highway: 'primary', junction: 'roundabout' }),
    way(104, [4, 5], { highway: 'motorway' }),
    way(105, [5, 6], { highway: 'motorway', oneway: 'no' }),
    way(106, [6, 7], { highway: 'residential', maxspeed: '30 mph' }),
    way(107, [7, 8], { highway: 'footway' }),
    way(108, [7, 8], { highway: 'secondary', oneway: 'reversible' }),
  ].join('\n'));
  const g = parseOsmXml(text, 'rules.osm');

  it('follows oneway=yes, oneway=-1, roundabouts and motorways (one way), and oneway=no on a motorway (two way)', () => {
    expect(arcs(g)).toEqual(['1>2', '3>2', '3>4', '4>5', '5>6', '6>5', '6>7', '7>6']);
  });

  it('reads maxspeed in mph, and uses the class default without a maxspeed', () => {
    const e = g.edgeIds.indexOf('106:0');
    expect(g.speedKph[e]).toBeCloseTo(30 * 1.609344, 9);
    expect(g.speedKph[g.edgeIds.indexOf('104:0')]).toBe(DEFAULT_CLASS_SPEED_KPH.motorway);
    expect(g.freeFlowTimeS[e]).toBeCloseTo(g.lengthM[e] / (30 * 1.609344 / 3.6), 9);
  });

  it('leaves out footways and reversible ways, but keeps them (reversible as two-way) with allClasses', () => {
    expect(g.classNames).not.toContain('footway');
    const all = parseOsmXml(text, 'rules.osm', { allClasses: true });
    expect(arcs(all).filter((a) => a === '7>8' || a === '8>7')).toEqual(['7>8', '7>8', '8>7', '8>7']);
  });

  it('parses maxspeed values: plain km/h, "km/h", "mph", lists; gives up on words', () => {
    expect(parseMaxspeedKph('50')).toBe(50);
    expect(parseMaxspeedKph('50 km/h')).toBe(50);
    expect(parseMaxspeedKph('25mph')).toBeCloseTo(40.2336, 9);
    expect(parseMaxspeedKph('60;40')).toBe(60);
    expect(parseMaxspeedKph('signals')).toBeUndefined();
    expect(parseMaxspeedKph('RU:urban')).toBeUndefined();
  });
});

describe('OSM way splitting', () => {
  //   10 ---- 11 ---- 12 ---- 13        way 201 (residential) 10..13
  //            |
  //           14                         way 202 (residential) 11-14
  // 12 is used only by way 201: it stays inside the edge 11->13 as a shape point.
  const text = osm([[10, -122.300, 37.8], [11, -122.299, 37.8], [12, -122.298, 37.8], [13, -122.297, 37.8], [14, -122.299, 37.799]], [
    way(201, [10, 11, 12, 13], { highway: 'residential' }),
    way(202, [11, 14], { highway: 'residential' }),
  ].join('\n'));

  it('makes graph nodes only at way ends and nodes shared by ways, keeping the rest as shape', () => {
    const g = parseOsmXml(text, 'split.osm');
    expect([...g.nodeIds].sort()).toEqual(['10', '11', '13', '14']);
    expect(arcs(g)).toEqual(['10>11', '11>10', '11>13', '11>14', '13>11', '14>11']);
    const fwd = g.edgeIds.indexOf('201:1');
    expect(Array.from(g.edgeShapes[fwd]!)).toEqual([-122.298, 37.8]);
    expect(Array.from(g.edgeShapes[g.edgeIds.indexOf('201:1:r')]!)).toEqual([-122.298, 37.8]);
    // Two 0.001-degree steps of longitude at 37.8 N: about 2 * 87.9 m.
    expect(g.lengthM[fwd]).toBeCloseTo(2 * 6_371_008.8 * Math.cos(37.8 * Math.PI / 180) * 0.001 * Math.PI / 180, 2);
  });
});

describe('OSM import of the bundled extracts', () => {
  it('reads West Oakland straight from .osm.bz2: 29 nodes, 58 edges, largest strongly connected part 23 nodes / 52 edges', () => {
    const g = loadNetwork(['scenarios/data/osm-west-oakland-osmnx-test/West-Oakland.osm.bz2']);
    expect([g.nodeCount, g.edgeCount]).toEqual([29, 58]);
    const scc = largestComponentCounts(g);
    expect(scc).toEqual({ nodes: 23, edges: 52, classes: { residential: 34, secondary: 4, unclassified: 14 } });
    // osmnx reports 28 nodes / 62 edges (residential 42, unclassified 14, secondary 4) for this file.
    // The road network is the same; the difference is where edges are cut. We cut only where drivable
    // roads meet, while that count also cuts where footways and service roads join a street (those
    // junctions become degree-2 nodes splitting one edge in two, in both directions). Cutting there too
    // (next test) gives 29 / 63, within one node and one edge of osmnx; the rest comes from osmnx's own
    // simplification rules. Travel times between intersections are identical either way.
  });

  it('matches the osmnx counts closely when edges are also cut where non-drivable ways join (West Oakland 29/63, Chicago 589/1,524)', () => {
    const cutEverywhere = (file: string) => {
      const all = loadNetwork([file], { allClasses: true });
      return largestComponentCounts(keepClasses(all, DRIVABLE_CLASSES));
    };
    const oak = cutEverywhere('scenarios/data/osm-west-oakland-osmnx-test/West-Oakland.osm.bz2');
    expect([oak.nodes, oak.edges]).toEqual([29, 63]); // osmnx: 28 / 62
    const chi = cutEverywhere('scenarios/data/osm-chicago-avondale/chicago.osm');
    expect([chi.nodes, chi.edges]).toEqual([589, 1524]); // osmnx: 586 / 1,518
    expect(chi.classes).toMatchObject({ secondary: 294, primary: 68 }); // osmnx: the same
  });

  it('reads Chicago Avondale: 388 nodes, 1,118 edges; largest part 360 nodes / 1,085 edges without the motorway', () => {
    const g = loadNetwork(['scenarios/data/osm-chicago-avondale/chicago.osm']);
    expect([g.nodeCount, g.edgeCount]).toEqual([388, 1118]);
    const scc = largestComponentCounts(g);
    expect([scc.nodes, scc.edges]).toEqual([360, 1085]);
    // The I-90/94 carriageways leave the box at both ends, so they are not strongly connected to the
    // streets (osmnx's count has no motorway edges either). No maxspeed tags: class default speeds.
    expect(scc.classes.motorway).toBeUndefined();
    const residential = Array.from(g.edgeClass).indexOf(g.classNames.indexOf('residential'));
    expect(g.speedKph[residential]).toBe(DEFAULT_CLASS_SPEED_KPH.residential);
  });

  it('decodes bzip2 by its magic bytes and rejects a .bz2 that is not bzip2', () => {
    const bytes = readFileSync('scenarios/data/osm-west-oakland-osmnx-test/West-Oakland.osm.bz2');
    expect(decodeOsmBytes(bytes, 'x.osm.bz2').startsWith('<?xml')).toBe(true);
    expect(() => decodeOsmBytes(Buffer.from('<osm/>'), 'bad.osm.bz2')).toThrow(/bad\.osm\.bz2: expected bzip2 data/);
  });
});

function largestComponentCounts(g: RoadGraph) {
  const { componentOf, sizes } = stronglyConnectedComponents(g);
  const classes: Record<string, number> = {};
  let edges = 0;
  for (let e = 0; e < g.edgeCount; e++) {
    if (componentOf[g.edgeFrom[e]] !== 0 || componentOf[g.edgeTo[e]] !== 0) continue;
    edges++;
    const c = g.classNames[g.edgeClass[e]];
    classes[c] = (classes[c] ?? 0) + 1;
  }
  return { nodes: sizes[0], edges, classes: Object.fromEntries(Object.entries(classes).sort()) };
}

/** The subgraph of edges in the given classes (and the nodes they use). */
function keepClasses(g: RoadGraph, classes: ReadonlySet<string>): RoadGraph {
  const b = createRoadGraphBuilder(g.coordKind);
  const kept = [...Array(g.edgeCount).keys()].filter((e) => classes.has(g.classNames[g.edgeClass[e]]));
  const used = new Set(kept.flatMap((e) => [g.edgeFrom[e], g.edgeTo[e]]));
  for (let v = 0; v < g.nodeCount; v++) if (used.has(v)) b.addNode({ id: g.nodeIds[v], x: g.x[v], y: g.y[v] });
  for (const e of kept) b.addEdge({ id: g.edgeIds[e], from: g.nodeIds[g.edgeFrom[e]], to: g.nodeIds[g.edgeTo[e]], timeS: g.freeFlowTimeS[e], roadClass: g.classNames[g.edgeClass[e]] });
  return b.build({ format: 'osm', files: [] });
}
