import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../../../test/support/run-cli.ts';
import { InputError } from '../input-error.ts';
import { parseCsvNetwork } from './csv-network.ts';
import { parseGeoJsonNetwork } from './geojson-network.ts';
import { loadNetwork } from './load-network.ts';
import { parseOsmXml } from './osm.ts';
import { parseSumoPlain } from './sumo.ts';
import { parseTntpNetwork } from './tntp.ts';

/** The InputError message `fn` throws (fails the test when it throws nothing or something else). */
function messageOf(fn: () => unknown): string {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(InputError);
    return (err as Error).message;
  }
  throw new Error('expected an InputError, got none');
}

const TNTP_HEAD = '<NUMBER OF NODES> 3\n<FIRST THRU NODE> 1\n<END OF METADATA>\n~ init_node term_node capacity length free_flow_time ;\n';

describe('bad network input gives an InputError naming file, line and field', () => {
  it('a non-numeric value: file, line, field, expectation and the value found', () => {
    const rows = Array.from({ length: 11 }, (_, i) => `a${i},b${i},100,50`);
    const text = ['from,to,length_m,speed_kph', ...rows, 'c,d,100,fast'].join('\n');
    expect(messageOf(() => parseCsvNetwork(text, 'roads.csv'))).toBe('roads.csv:13: speed_kph: expected a number > 0, got "fast"');
  });

  it('a negative travel time (TNTP free_flow_time and CSV time_s)', () => {
    expect(messageOf(() => parseTntpNetwork(`${TNTP_HEAD}1 2 0 0 -1 ;\n`, 'x_net.tntp'))).toBe('x_net.tntp:5: free_flow_time: expected a number >= 0, got "-1"');
    expect(messageOf(() => parseCsvNetwork('from,to,time_s\na,b,-3\n', 'r.csv'))).toBe('r.csv:2: time_s: expected a number >= 0, got "-3"');
  });

  it('a link to an unknown node (TNTP beyond NUMBER OF NODES, CSV not in the nodes file, SUMO not in the .nod.xml)', () => {
    expect(messageOf(() => parseTntpNetwork(`${TNTP_HEAD}1 7 0 0 1 ;\n`, 'x_net.tntp'))).toBe('x_net.tntp:5: term_node: unknown node 7: expected 1..3 (<NUMBER OF NODES>)');
    const nodes = { coordinates: { ids: ['a', 'b'], x: [0, 1], y: [0, 1], where: [2, 3], namedLonLat: false }, fileName: 'nodes.csv' };
    expect(messageOf(() => parseCsvNetwork('from,to,time_s\na,zz,1\n', 'r.csv', { nodes }))).toBe('r.csv:2: to: unknown node "zz" (not in nodes.csv)');
    expect(messageOf(() => parseSumoPlain(
      { fileName: 'n.nod.xml', text: '<nodes>\n<node id="a" x="0" y="0"/>\n</nodes>' },
      { fileName: 'e.edg.xml', text: '<edges>\n<edge id="e1" from="a" to="b"/>\n</edges>' },
    ))).toBe('e.edg.xml:2: edge "e1": to: unknown node "b" (not in n.nod.xml)');
  });

  it('a duplicate node id (nodes CSV and SUMO node file)', () => {
    const dir = tempDir({ 'e.csv': 'from,to,time_s\na,b,1\n', 'n.csv': 'id,lon,lat\na,114.1,22.5\nb,114.2,22.5\na,114.3,22.5\n' });
    expect(messageOf(() => loadNetwork([join(dir, 'e.csv')], { nodesFile: join(dir, 'n.csv') })))
      .toBe(`${join(dir, 'n.csv')}:4: id: node "a" is defined twice (first at line 2)`);
    expect(messageOf(() => parseSumoPlain(
      { fileName: 'n.nod.xml', text: '<nodes>\n<node id="a" x="0" y="0"/>\n<node id="a" x="1" y="0"/>\n</nodes>' },
      { fileName: 'e.edg.xml', text: '<edges><edge id="e" from="a" to="a"/></edges>' },
    ))).toBe('n.nod.xml:3: node "a": defined twice (duplicate node id)');
  });

  it('an empty file, for each format', () => {
    expect(messageOf(() => parseTntpNetwork('\n \n', 'e_net.tntp'))).toMatch(/^e_net\.tntp: expected a TNTP network .*got an empty file$/);
    expect(messageOf(() => parseCsvNetwork('', 'e.csv'))).toBe('e.csv: expected a header line, got an empty file');
    expect(messageOf(() => parseOsmXml('', 'e.osm'))).toBe('e.osm: expected an XML document, got an empty file');
    expect(messageOf(() => parseGeoJsonNetwork('', 'e.geojson'))).toBe('e.geojson: expected JSON, got an empty file');
    expect(messageOf(() => parseCsvNetwork('from,to,time_s\n', 'h.csv'))).toBe('h.csv: expected at least one edge row, got only a header');
  });

  it('a missing required column', () => {
    expect(messageOf(() => parseCsvNetwork('from,to,length_m\na,b,5\n', 'r.csv')))
      .toBe('r.csv:1: missing required column: expected "time_s", or "length_m" and "speed_kph", got header "from","to","length_m"');
    expect(messageOf(() => parseCsvNetwork('source_id,to,time_s\na,b,5\n', 'r.csv'))).toMatch(/^r\.csv:1: missing required column from: expected one of "from", "source"/);
  });

  it('an unknown format, naming the files and the formats it knows', () => {
    expect(messageOf(() => loadNetwork(['roads.txt']))).toMatch(/cannot tell the network format from the file names roads\.txt \(unknown\): expected _net\.tntp, \.nod\.xml\/\.edg\.xml, .*tntp\|sumo\|osm\|geojson\|csv/);
    expect(messageOf(() => loadNetwork(['a.csv'], { format: 'shapefile' as never }))).toBe('format: expected one of tntp, sumo, osm, geojson, csv, got "shapefile"');
  });

  it('a file that does not exist', () => {
    expect(messageOf(() => loadNetwork(['no/such/roads_net.tntp']))).toBe('no/such/roads_net.tntp: TNTP network file not found');
    expect(messageOf(() => loadNetwork(['no/such/x.nod.xml']))).toBe('no/such/x.nod.xml: SUMO node file (.nod.xml) not found');
  });

  it('several problems at once, all listed together', () => {
    const msg = messageOf(() => parseCsvNetwork('from,to,time_s,oneway\na,b,x,1\n,c,1,1\nc,d,2,maybe\n', 'r.csv'));
    expect(msg.split('\n')).toEqual([
      'r.csv:2: time_s: expected a number >= 0, got "x"',
      'r.csv:3: from: expected a node id, got nothing',
      'r.csv:4: oneway: expected yes/no, true/false, 1/0 or -1, got "maybe"',
    ]);
  });

  it('malformed XML, naming the line', () => {
    expect(messageOf(() => parseOsmXml('<osm>\n<node id="1" lat="1" lon="2">\n</osm>', 'broken.osm'))).toMatch(/^broken\.osm:3: expected well-formed XML: /);
  });

  it('a GeoJSON feature with the wrong geometry, naming the feature index and field', () => {
    const text = JSON.stringify({ type: 'FeatureCollection', features: [
      { type: 'Feature', properties: { time_s: 1 }, geometry: { type: 'LineString', coordinates: [[0, 0], [1, 1]] } },
      { type: 'Feature', properties: {}, geometry: { type: 'Point', coordinates: [0, 0] } },
    ] });
    expect(messageOf(() => parseGeoJsonNetwork(text, 'r.geojson'))).toBe('r.geojson: feature 1: geometry: expected a LineString or MultiLineString, got Point');
    expect(messageOf(() => parseGeoJsonNetwork('{"type":"Feature"}', 'r.geojson'))).toBe('r.geojson: expected a GeoJSON FeatureCollection of LineString features, got type "Feature"');
  });

  it('a TNTP node number or header count in hexadecimal is not read as a number', () => {
    expect(messageOf(() => parseTntpNetwork(`${TNTP_HEAD}0x2 3 0 0 1 ;\n`, 'x_net.tntp'))).toBe('x_net.tntp:5: init_node: expected a node number >= 1, got "0x2"');
    expect(messageOf(() => parseTntpNetwork(`<NUMBER OF NODES> 0x3\n<END OF METADATA>\n~ init_node term_node capacity length free_flow_time ;\n1 2 0 0 1 ;\n`, 'h_net.tntp')))
      .toMatch(/^h_net\.tntp:1: <NUMBER OF NODES>: expected a whole number >= 0, got "0x3"/);
  });

  it('a TNTP link count that disagrees with the header (a truncated file)', () => {
    expect(messageOf(() => parseTntpNetwork(`<NUMBER OF LINKS> 2\n${TNTP_HEAD}1 2 0 0 1 ;\n`, 't_net.tntp')))
      .toBe('t_net.tntp:1: <NUMBER OF LINKS>: the header says 2, the file has 1 link lines');
  });
});
