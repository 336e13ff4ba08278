import { describe, expect, it } from 'vitest';
import { stronglyConnectedComponents } from '../../graph/components.ts';
import { createRoadGraphBuilder, totalLengthM } from '../../graph/road-graph.ts';
import { buildRoutingGraph } from '../../routing/routing-graph.ts';
import { createShortestPathSearch } from '../../routing/dijkstra.ts';
import { loadNetwork } from './load-network.ts';
import { parseTntpNetwork, tntpLengthUnit } from './tntp.ts';

const DATA = 'scenarios/data';
const zones = (g: { isZone: Uint8Array }) => g.isZone.reduce((a, b) => a + b, 0);

describe('TNTP import of the bundled networks', () => {
  it('imports Sioux Falls as 24 nodes and 76 links, no zones (FIRST THRU NODE = 1), with lon/lat from the _node.tntp beside it', () => {
    const g = loadNetwork([`${DATA}/tntp-siouxfalls/SiouxFalls_net.tntp`]);
    expect([g.nodeCount, g.edgeCount, zones(g)]).toEqual([24, 76, 0]);
    expect(g.coordKind).toBe('lonlat');
    expect(g.source.files).toContain(`${DATA}/tntp-siouxfalls/SiouxFalls_node.tntp`);
    // Link 1->2 has free_flow_time 6 (minutes by default).
    expect(g.freeFlowTimeS[g.edgeIds.indexOf('1-2')]).toBe(360);
    // The header states no length unit (Sioux Falls lengths are arbitrary), so lengths stay unknown.
    expect(g.lengthM.every(Number.isNaN)).toBe(true);
    expect(g.classNames).toEqual(['tntp-1']);
  });

  it('imports Sydney (33,113 nodes, 75,379 links, 3,264 zones, lengths in km)', () => {
    // Its speed is measured by bench/coverage-vs-networkx.ts, not here.
    const g = loadNetwork([`${DATA}/tntp-sydney/Sydney_net.tntp`]);
    expect([g.nodeCount, g.edgeCount, zones(g)]).toEqual([33113, 75379, 3264]);
    expect(g.isZone[g.indexOf('3264')]).toBe(1);
    expect(g.isZone[g.indexOf('3265')]).toBe(0);
    expect(g.coordKind).toBe('lonlat');
    // First link: 1 -> 6706, length 0.904 km, fftt 2.26 min.
    const e = g.edgeIds.indexOf('1-6706');
    expect(g.lengthM[e]).toBeCloseTo(904, 6);
    expect(g.freeFlowTimeS[e]).toBeCloseTo(135.6, 6);
    expect(g.freeFlowTimeS.every((t) => t > 0)).toBe(true);
    expect(stronglyConnectedComponents(g).sizes[0]).toBe(32956);
  });

  it('imports Anaheim (416 nodes, 914 links, 38 zones) with lengths in feet and nodes from the GeoJSON points file', () => {
    const g = loadNetwork([`${DATA}/tntp-anaheim/Anaheim_net.tntp`], { nodesFile: `${DATA}/tntp-anaheim/anaheim_nodes.geojson` });
    expect([g.nodeCount, g.edgeCount, zones(g)]).toEqual([416, 914, 38]);
    expect(g.coordKind).toBe('lonlat');
    // 5280 ft = 1 mile = 1609.344 m.
    expect(g.lengthM[g.edgeIds.indexOf('1-117')]).toBeCloseTo(1609.344, 6);
    expect(totalLengthM(g)).toBeGreaterThan(0);
    expect(Number.isFinite(g.x[g.indexOf('416')])).toBe(true);
  });
});

describe('TNTP parsing rules', () => {
  // Zones 1 and 2. The only quick way from 3 to 4 is through zone 1 on 0-minute connectors;
  // the real road 3 -> 5 -> 4 takes 20 minutes.
  //
  //        (zone 1)
  //       0 /    \ 0
  //        3      4 --0-- (zone 2)
  //       10 \    / 10
  //           5
  const ZONE_NET = [
    '<NUMBER OF ZONES> 2', '<NUMBER OF NODES> 5', '<FIRST THRU NODE> 3', '<NUMBER OF LINKS> 7', '<END OF METADATA>',
    '~ init_node term_node capacity length free_flow_time b power speed toll link_type ;',
    '3 1 1000 0 0 0.15 4 0 0 9 ;', '1 4 1000 0 0 0.15 4 0 0 9 ;', '3 5 1000 1 10 0.15 4 0 0 1 ;',
    '5 4 1000 1 10 0.15 4 0 0 1 ;', '4 2 1000 0 0 0.15 4 0 0 9 ;', '2 4 1000 0 0 0.15 4 0 0 9 ;', '4 3 1000 1 5 0.15 4 0 0 1 ;',
  ].join('\n');

  it('marks nodes below FIRST THRU NODE as zones, so routing does not pass through them but may start or end there', () => {
    const g = parseTntpNetwork(ZONE_NET, 'zones_net.tntp');
    expect(Array.from(g.isZone)).toEqual([1, 1, 0, 0, 0]);
    const search = createShortestPathSearch(buildRoutingGraph(g));
    const id = (s: string) => g.indexOf(s);
    search.run([id('3')]);
    expect(search.timeS[id('4')]).toBe(1200); // 3 -> 5 -> 4, not the 0 s hop through zone 1
    expect(search.timeS[id('1')]).toBe(0); // a path may end at a zone
    // Walk the path back: no zone inside it.
    const inner: string[] = [];
    for (let v = id('4'), e = search.predEdge[v]; e >= 0; v = g.edgeFrom[e], e = search.predEdge[v]) inner.push(g.nodeIds[g.edgeFrom[e]]);
    expect(inner).toEqual(['5', '3']);
    search.run([id('1')]);
    expect(search.timeS[id('4')]).toBe(0); // a path may start at a zone
    expect(search.timeS[id('2')]).toBe(0); // 1 -> 4 -> 2: ends at a zone, 4 is not one
  });

  it('reads free_flow_time in the unit asked for', () => {
    const net = '<NUMBER OF NODES> 2\n<END OF METADATA>\n1 2 0 0 1.5 ;\n';
    expect(parseTntpNetwork(net, 'a_net.tntp').freeFlowTimeS[0]).toBe(90);
    expect(parseTntpNetwork(net, 'a_net.tntp', { timeUnit: 's' }).freeFlowTimeS[0]).toBe(1.5);
    expect(parseTntpNetwork(net, 'a_net.tntp', { timeUnit: 'h' }).freeFlowTimeS[0]).toBe(5400);
  });

  it('takes the length unit from the header (km, ft, miles) and leaves lengths unknown otherwise', () => {
    expect(tntpLengthUnit('<ORIGINAL HEADER>~ from to total capacity length (km) fftt (min)')).toEqual({ unit: 'km', metres: 1000 });
    expect(tntpLengthUnit('~ tail head capacity (veh/h) length (miles) fftt(min)')?.metres).toBe(1609.344);
    expect(tntpLengthUnit('~ Init node Term node Capacity Length Free Flow Time')).toBeUndefined();
    const net = '<NUMBER OF NODES> 2\n<ORIGINAL HEADER>~ a b c Length (ft) t\n<END OF METADATA>\n1 2 0 1000 1 ;\n';
    expect(parseTntpNetwork(net, 'a_net.tntp').lengthM[0]).toBeCloseTo(304.8, 9);
  });

  it('reads links without a trailing semicolon and numbers parallel links apart', () => {
    const g = parseTntpNetwork('<NUMBER OF NODES> 2\n<END OF METADATA>\n1 2 0 0 1\n1 2 0 0 2 ;\n', 'a_net.tntp');
    expect(g.edgeIds).toEqual(['1-2', '1-2#2']);
    expect(g.classNames).toEqual(['tntp']);
  });

  it('guesses planar coordinates for large or integer-only node coordinates', () => {
    const nodes = { coordinates: { ids: ['1', '2'], x: [690309, 683649], y: [1976022, 1973025], where: [2, 3], namedLonLat: false }, fileName: 'n.tntp' };
    expect(parseTntpNetwork('<NUMBER OF NODES> 2\n<END OF METADATA>\n1 2 0 0 1 ;\n', 'a_net.tntp', { nodes }).coordKind).toBe('planar');
  });

  it('reads the same graph as the generic builder fed from a plain reading of the lines (random files: zones, link types, repeated links, lengths in km, node files)', () => {
    let seed = 5;
    const rand = () => { seed = (seed * 1103515245 + 12345) % 2147483648; return seed / 2147483648; };
    const pick = <T,>(a: readonly T[]) => a[Math.floor(rand() * a.length)];
    const plain = (g: ReturnType<typeof parseTntpNetwork>) => JSON.stringify({ ...g, edgeIds: g.edgeIds, indexOf: undefined }, (_, v) =>
      ArrayBuffer.isView(v) ? Array.from(v as Float64Array, (x) => (Number.isNaN(x) ? 'NaN' : x)) : v);
    for (let t = 0; t < 200; t++) {
      const n = 2 + Math.floor(rand() * 9), m = 1 + Math.floor(rand() * 20);
      const firstThru = 1 + Math.floor(rand() * 3), km = rand() < 0.5, typed = rand() < 0.5;
      // Sparse: large node numbers and no <NUMBER OF NODES>, so the nodes are the numbers used.
      const sparse = rand() < 0.3, number = (k: number) => (sparse ? k * 10007 : k);
      const links = Array.from({ length: m }, () => ({
        from: number(1 + Math.floor(rand() * n)), to: number(1 + Math.floor(rand() * n)),
        length: pick(['0.904', '12', '.5', '3.', '0']), time: pick(['2.26', '0.07', '1', '0.1234567890123456789', '0']), type: pick(['1', '2', '7']),
      }));
      const text = [...(sparse ? [] : [`<NUMBER OF NODES> ${n}`]), `<FIRST THRU NODE> ${firstThru}`, ...(km ? ['<ORIGINAL HEADER>~ from to capacity length (km) fftt (min)'] : []), '<END OF METADATA>',
        `~ init_node term_node capacity length free_flow_time${typed ? ' link_type' : ''} ;`,
        ...links.map((l) => `\t${l.from}\t${l.to}\t100\t${l.length}\t${l.time}${typed ? `\t${l.type}` : ''}\t;`)].join(pick(['\n', '\r\n']));
      const withNodes = rand() < 0.5;
      const coordinates = { ids: Array.from({ length: n }, (_, k) => String(number(k + 1))), x: Array.from({ length: n }, (_, k) => 151 + k / 100), y: Array.from({ length: n }, (_, k) => -33 - k / 100), where: Array.from({ length: n }, (_, k) => k + 2), namedLonLat: false };
      const got = parseTntpNetwork(text, 'r_net.tntp', withNodes ? { nodes: { coordinates, fileName: 'r_node.tntp' } } : {});

      const b = createRoadGraphBuilder(withNodes ? 'lonlat' : 'none');
      const used = new Set(links.flatMap((l) => [l.from, l.to]));
      for (let k = 1; k <= n; k++) {
        const v = number(k);
        if (sparse && !withNodes && !used.has(v)) continue;
        b.addNode({ id: String(v), x: withNodes ? coordinates.x[k - 1] : NaN, y: withNodes ? coordinates.y[k - 1] : NaN, zone: v < firstThru });
      }
      const seen = new Map<string, number>();
      for (const l of links) {
        const base = `${l.from}-${l.to}`;
        const r = (seen.get(base) ?? 0) + 1;
        seen.set(base, r);
        b.addEdge({ from: String(l.from), to: String(l.to), id: r === 1 ? base : `${base}#${r}`, timeS: Number(l.time) * 60, lengthM: km ? Number(l.length) * 1000 : NaN, roadClass: typed ? `tntp-${l.type}` : 'tntp' });
      }
      const want = b.build({ format: 'tntp', files: ['r_net.tntp', ...(withNodes ? ['r_node.tntp'] : [])] });
      expect(plain(got), text).toBe(plain(want));
      for (const id of [...want.nodeIds, '0', '01', ' 1', '1.0', `${number(n)}0`, '', 'x']) expect(got.indexOf(id), id).toBe(want.indexOf(id));
    }
  });

});
