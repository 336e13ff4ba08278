import { describe, expect, it } from 'vitest';
import { COLUMN_CANDIDATES, csvField, csvLine, findColumn, parseCsv, requireColumn } from './csv.ts';
import { InputError } from './input-error.ts';

describe('parseCsv', () => {
  it('reads a header and rows with their line numbers, skipping blank lines', () => {
    const t = parseCsv('from,to,time_s\n\na,b,12\r\nb,c,7\n', 'roads.csv');
    expect(t.header).toEqual(['from', 'to', 'time_s']);
    expect(t.rows).toEqual([{ line: 3, values: ['a', 'b', '12'] }, { line: 4, values: ['b', 'c', '7'] }]);
  });

  it('keeps commas, doubled quotes and line breaks inside quoted fields (RFC 4180)', () => {
    const t = parseCsv('id,name\n1,"Main St, north"\n2,"the ""old"" road"\n3,"two\nlines"\n4,last\n', 'x.csv');
    expect(t.rows.map((r) => r.values[1])).toEqual(['Main St, north', 'the "old" road', 'two\nlines', 'last']);
    // A row's line is where it starts; the row after a two-line field starts two lines later.
    expect(t.rows.map((r) => r.line)).toEqual([2, 3, 4, 6]);
  });

  it('reads a last line without a newline and a quoted empty field', () => {
    expect(parseCsv('a,b\n"",2', 'x.csv').rows).toEqual([{ line: 2, values: ['', '2'] }]);
  });

  it('names the file and line of a row with the wrong number of fields', () => {
    expect(() => parseCsv('a,b\n1,2\n1,2,3\n', 'x.csv')).toThrow(/^x\.csv:3: expected 2 fields \(as in the header\), got 3$/);
  });

  it('rejects an unterminated quote at the line where it opened', () => {
    expect(() => parseCsv('a,b\n1,"open\n2,3\n', 'x.csv')).toThrow(/x\.csv:2: field 2: a quoted field is never closed/);
  });

  it('rejects an empty file as an input error', () => {
    expect(() => parseCsv(' \n\n', 'empty.csv')).toThrow(InputError);
    expect(() => parseCsv('', 'empty.csv')).toThrow(/empty\.csv: expected a header line, got an empty file/);
  });

  it('rejects a header that names a column twice', () => {
    expect(() => parseCsv('id,ID\n1,2\n', 'x.csv')).toThrow(/x\.csv:1: header: column "ID" appears twice/);
  });
});

describe('findColumn', () => {
  it('finds a column by candidate names, case-insensitively, in the order of the candidates', () => {
    expect(findColumn(['ID', 'Latitude', 'Longitude'], COLUMN_CANDIDATES.lat)).toBe(1);
    expect(findColumn(['x', 'lon'], COLUMN_CANDIDATES.lon)).toBe(1);
    expect(findColumn(['a'], COLUMN_CANDIDATES.lon)).toBe(-1);
  });

  it('requireColumn names the file, the header line and the names it tried', () => {
    const t = parseCsv('\nid,foo\n1,2\n', 'nodes.csv');
    expect(() => requireColumn(t, COLUMN_CANDIDATES.lat, 'nodes.csv', 'lat')).toThrow(/nodes\.csv:2: missing required column lat: expected one of "lat", "latitude", "y", got header "id","foo"/);
  });
});

describe('csvField (the one CSV writer)', () => {
  it('quotes what the reader would split or trim, writes non-finite numbers and null as empty', () => {
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField(' padded')).toBe('" padded"');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
    expect(csvField(Infinity)).toBe('');
    expect(csvField(null)).toBe('');
    expect(csvField(1.5)).toBe('1.5');
  });

  it('round-trips through parseCsv', () => {
    const fields = ['x', ' y ', 'a,"b"', 'c\nd'];
    expect(parseCsv(`h1,h2,h3,h4\n${csvLine(fields)}\n`, 't.csv').rows[0].values).toEqual(fields);
  });
});
