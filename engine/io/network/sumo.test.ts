import { describe, expect, it } from 'vitest';
import { stronglyConnectedComponents } from '../../graph/components.ts';
import { totalLengthM } from '../../graph/road-graph.ts';
import { loadNetwork } from './load-network.ts';
import { parseSumoPlain, passengerAllowed } from './sumo.ts';

const FUTIAN = 'scenarios/data/shenzhen-futian-sumo';
const EARTH_RADIUS_M = 6_371_008.8;

describe('SUMO import of Futian (the default demo network)', () => {
  it('keeps the drivable roads: 2,444 edges, 1,315 nodes, largest strongly connected part 1,132 nodes, 351.6 km (as SOURCE.md counts)', () => {
    const g = loadNetwork([`${FUTIAN}/FuTian.edg.xml`, `${FUTIAN}/FuTian.nod.xml`]);
    expect([g.nodeCount, g.edgeCount]).toEqual([1315, 2444]);
    expect(stronglyConnectedComponents(g).sizes[0]).toBe(1132);
    expect(g.coordKind).toBe('lonlat');
    expect(totalLengthM(g) / 1000).toBeCloseTo(351.6, 1);
    expect(g.classNames).not.toContain('service');
    expect(g.classNames).not.toContain('footway');
    // 13.89 m/s residential streets are 50 km/h.
    const e = g.edgeIds.indexOf('-135913032#0');
    expect(g.speedKph[e]).toBeCloseTo(50.004, 3);
    expect(g.freeFlowTimeS[e]).toBeCloseTo(g.lengthM[e] / 13.89, 9);
  });

  it('keeps every edge with allClasses: 3,216 edges on 1,745 nodes, 611.8 km', () => {
    const g = loadNetwork([`${FUTIAN}/FuTian.nod.xml`], { allClasses: true });
    expect([g.nodeCount, g.edgeCount]).toEqual([1745, 3216]);
    expect(totalLengthM(g) / 1000).toBeCloseTo(611.8, 1);
    expect(g.classNames).toEqual(expect.arrayContaining(['railway.rail', 'footway', 'service']));
  });

  it('finds the sibling files from either one of them', () => {
    const a = loadNetwork([`${FUTIAN}/FuTian.nod.xml`]);
    const b = loadNetwork([`${FUTIAN}/FuTian.edg.xml`]);
    expect(a.edgeCount).toBe(b.edgeCount);
    expect(a.source.files).toEqual([`${FUTIAN}/FuTian.nod.xml`, `${FUTIAN}/FuTian.edg.xml`, `${FUTIAN}/FuTian.typ.xml`]);
  });
});

const PLAIN_GEO = '<!-- <proj.plain-geo value="true"/> -->';
const nodes = (body: string) => ({ fileName: 't.nod.xml', text: `<?xml version="1.0"?>\n${PLAIN_GEO}\n<nodes>\n${body}\n</nodes>\n` });
const edges = (body: string) => ({ fileName: 't.edg.xml', text: `<?xml version="1.0"?>\n<edges>\n${body}\n</edges>\n` });

describe('SUMO parsing rules', () => {
  it('measures an edge along its shape by haversine and keeps the interior shape points', () => {
    // A -> C -> B due north along the meridian 114.05 E: 0.02 degrees of latitude = R * 0.02 * pi / 180.
    const g = parseSumoPlain(
      nodes('<node id="A" x="114.05" y="22.53"/><node id="B" x="114.05" y="22.55"/>'),
      edges('<edge id="e" from="A" to="B" type="highway.residential" speed="10" shape="114.05,22.53 114.05,22.54 114.05,22.55"/>'),
    );
    const expectedM = EARTH_RADIUS_M * 0.02 * Math.PI / 180; // 2223.90 m
    expect(g.lengthM[0]).toBeCloseTo(expectedM, 6);
    expect(g.lengthM[0]).toBeCloseTo(2223.90, 2);
    expect(g.freeFlowTimeS[0]).toBeCloseTo(expectedM / 10, 6);
    expect(g.speedKph[0]).toBeCloseTo(36, 9);
    expect(Array.from(g.edgeShapes[0]!)).toEqual([114.05, 22.54]);
    expect(g.classNames).toEqual(['residential']);
  });

  it('measures planar networks by Euclidean distance, and a shapeless edge from node to node', () => {
    const g = parseSumoPlain(
      { fileName: 'p.nod.xml', text: '<nodes><node id="a" x="1000" y="2000"/><node id="b" x="1003" y="2004"/><node id="c" x="1000" y="2010"/></nodes>' },
      { fileName: 'p.edg.xml', text: '<edges><edge id="ab" from="a" to="b" speed="1"/><edge id="bc" from="b" to="c" speed="1" shape="1003,2004 1003,2010 1000,2010"/></edges>' },
    );
    expect(g.coordKind).toBe('planar');
    expect(g.lengthM[0]).toBe(5);
    expect(g.lengthM[1]).toBe(9);
    expect(g.classNames).toEqual(['road']);
  });

  it('leaves out non-drivable classes and edges closed to passenger cars, unless allClasses', () => {
    const n = nodes('<node id="A" x="114.05" y="22.53"/><node id="B" x="114.06" y="22.53"/><node id="C" x="114.07" y="22.53"/>');
    const e = edges([
      '<edge id="res" from="A" to="B" type="highway.residential" speed="13.89"/>',
      '<edge id="foot" from="B" to="C" type="highway.footway" speed="2.78"/>',
      '<edge id="rail" from="B" to="C" type="railway.rail" speed="30"/>',
      '<edge id="svc" from="B" to="C" type="highway.service" speed="5.56"/>',
      '<edge id="busOnly" from="B" to="C" type="highway.tertiary" speed="10" allow="bus"/>',
      '<edge id="noCars" from="B" to="A" type="highway.primary" speed="10" disallow="passenger truck"/>',
      '<edge id="carsOk" from="B" to="A" type="highway.primary" speed="10" disallow="tram rail ship"/>',
    ].join('\n'));
    const g = parseSumoPlain(n, e);
    expect(g.edgeIds).toEqual(['res', 'carsOk']);
    expect(g.nodeIds).toEqual(['A', 'B']); // C is used by no kept edge
    const all = parseSumoPlain(n, e, { allClasses: true });
    expect(all.edgeCount).toBe(7);
    expect(all.classNames).toEqual(['residential', 'footway', 'railway.rail', 'service', 'tertiary', 'primary']);
  });

  it('takes speed and allow/disallow from the type file when an edge leaves them out', () => {
    const types = { fileName: 't.typ.xml', text: '<types><type id="highway.residential" speed="5" disallow="tram"/><type id="highway.tertiary" speed="8" allow="pedestrian"/></types>' };
    const g = parseSumoPlain(
      nodes('<node id="A" x="114.05" y="22.53"/><node id="B" x="114.06" y="22.53"/>'),
      edges('<edge id="r" from="A" to="B" type="highway.residential"/><edge id="t" from="B" to="A" type="highway.tertiary"/>'),
      { types },
    );
    expect(g.edgeIds).toEqual(['r']);
    expect(g.speedKph[0]).toBeCloseTo(18, 9);
  });

  it('reads allow and disallow lists as SUMO does', () => {
    expect(passengerAllowed(undefined, undefined)).toBe(true);
    expect(passengerAllowed('all', undefined)).toBe(true);
    expect(passengerAllowed('delivery bicycle pedestrian', undefined)).toBe(false);
    expect(passengerAllowed(undefined, 'tram rail passenger')).toBe(false);
    expect(passengerAllowed(undefined, 'all')).toBe(false);
  });
});

describe('SUMO import of a projected network (Nanshan PCL, UTM zone 49N with a netOffset)', () => {
  const PCL = 'scenarios/data/shenzhen-pcl-nanshan-sumo';

  it('reads planar metres and the <location> projection: every node maps back inside the lon/lat bounds of the source data', () => {
    const g = loadNetwork([`${PCL}/pcl.nod.xml`]);
    expect(g.coordKind).toBe('planar');
    expect(g.projection?.description).toBe('UTM zone 49N (WGS84) with offset (-796231.36, -2495307.88)');
    // origBoundary of the <location>: the lon/lat box of the OpenStreetMap input.
    for (let v = 0; v < g.nodeCount; v++) {
      const [lon, lat] = g.projection!.toLonLat(g.x[v], g.y[v]);
      expect(lon).toBeGreaterThanOrEqual(113.880279); expect(lon).toBeLessThanOrEqual(113.979658);
      expect(lat).toBeGreaterThanOrEqual(22.538435); expect(lat).toBeLessThanOrEqual(22.607982);
    }
    // PROJ: inverse UTM 49N of (4801.54 + 796231.36, 4023.61 + 2495307.88) = 113.9274252060 E, 22.5741320245 N.
    const [lon, lat] = g.projection!.toLonLat(4801.54, 4023.61);
    expect(lon).toBeCloseTo(113.9274252060, 9);
    expect(lat).toBeCloseTo(22.5741320245, 9);
  });

  it('has no projection without a <location>, or with projParameter "!"', () => {
    const nodes = '<nodes><location netOffset="0,0" projParameter="!"/><node id="a" x="0.5" y="0"/><node id="b" x="100.5" y="0"/></nodes>';
    const edges = '<edges><edge id="e" from="a" to="b" speed="10"/></edges>';
    const g = parseSumoPlain({ text: nodes, fileName: 'n.nod.xml' }, { text: edges, fileName: 'e.edg.xml' });
    expect(g.projection).toBeUndefined();
  });
});
