import { InputError, at } from './input-error.ts';

/** One data row: its 1-based line number in the file (where the row starts) and its fields. */
export interface CsvRow {
  readonly line: number;
  readonly values: string[];
}

export interface CsvTable {
  /** Header fields, trimmed, as written (case kept). */
  readonly header: string[];
  /** 1-based line of the header. */
  readonly headerLine: number;
  /** Data rows; blank lines are skipped. Every row has exactly `header.length` values. */
  readonly rows: CsvRow[];
}

/**
 * Parse comma-separated text per RFC 4180: fields may be quoted with `"`, a quoted field may hold commas,
 * line breaks and doubled quotes (`""`). Lines end with LF or CRLF. The first non-blank line is the
 * header. Unquoted fields are trimmed. A row with the wrong number of fields, an unterminated quote or a
 * file with no header is an InputError naming the file and line (all such problems are listed together).
 *
 * @example
 * const { header, rows } = parseCsv('from,to,time_s\na,b,12\n', 'roads.csv');
 * // header = ['from', 'to', 'time_s'], rows = [{ line: 2, values: ['a', 'b', '12'] }]
 */
export function parseCsv(text: string, fileName: string): CsvTable {
  const records = splitRecords(text, fileName);
  const problems: string[] = [];
  const first = records.findIndex((r) => !isBlank(r.values));
  if (first < 0) throw new InputError(at(fileName, undefined, 'expected a header line, got an empty file'));
  const header = records[first].values.map((h) => h.trim());
  header.forEach((h, i) => {
    if (h === '') problems.push(at(fileName, records[first].line, `header: column ${i + 1} has no name`));
  });
  const seen = new Map<string, number>();
  header.forEach((h, i) => {
    const key = h.toLowerCase();
    if (h !== '' && seen.has(key)) problems.push(at(fileName, records[first].line, `header: column "${h}" appears twice (columns ${seen.get(key)! + 1} and ${i + 1})`));
    seen.set(key, i);
  });
  const rows: CsvRow[] = [];
  for (let r = first + 1; r < records.length; r++) {
    const rec = records[r];
    if (isBlank(rec.values)) continue;
    if (rec.values.length !== header.length) {
      problems.push(at(fileName, rec.line, `expected ${header.length} fields (as in the header), got ${rec.values.length}`));
      continue;
    }
    rows.push(rec);
  }
  if (problems.length) throw new InputError(problems.slice(0, 20).join('\n') + (problems.length > 20 ? `\n... and ${problems.length - 20} more problems` : ''));
  return { header, headerLine: records[first].line, rows };
}

function isBlank(values: string[]): boolean {
  return values.length === 1 && values[0].trim() === '';
}

function splitRecords(text: string, fileName: string): CsvRow[] {
  const records: CsvRow[] = [];
  let values: string[] = [];
  let field = '';
  let quoted = false;
  let inQuotes = false;
  let line = 1;
  let recordLine = 1;
  let quoteLine = 1;
  const n = text.length;
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const endField = () => { values.push(quoted ? field : field.trim()); field = ''; quoted = false; };
  for (; i < n; i++) {
    const c = text[i];
    if (inQuotes) {
      if (c === '"') {
        if (text[i + 1] === '"') { field += '"'; i++; } else inQuotes = false;
      } else {
        if (c === '\n') line++;
        field += c;
      }
      continue;
    }
    if (c === '"') {
      if (field.trim() !== '') {
        throw new InputError(at(fileName, line, `field ${values.length + 1}: a quote may only open a field, got a quote after "${field.trim()}"`));
      }
      field = ''; quoted = true; inQuotes = true; quoteLine = line;
    } else if (c === ',') {
      endField();
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      endField();
      records.push({ line: recordLine, values });
      values = [];
      line++;
      recordLine = line;
    } else {
      if (quoted && c !== ' ' && c !== '\t') {
        throw new InputError(at(fileName, line, `field ${values.length + 1}: expected a comma or line end after a closing quote, got "${c}"`));
      }
      field += c;
    }
  }
  if (inQuotes) throw new InputError(at(fileName, quoteLine, `field ${values.length + 1}: a quoted field is never closed`));
  if (field !== '' || quoted || values.length > 0) { endField(); records.push({ line: recordLine, values }); }
  return records;
}

/** Candidate column names for common fields, lower case, in order of preference. */
export const COLUMN_CANDIDATES = Object.freeze({
  id: ['id', 'node', 'node_id', 'nodeid'],
  lat: ['lat', 'latitude', 'y'],
  lon: ['lon', 'lng', 'long', 'longitude', 'x'],
});

/**
 * Index of the first column whose name matches one of `candidates` (case-insensitive, in the order of
 * `candidates`), or -1.
 *
 * @example
 * findColumn(['ID', 'Latitude', 'Longitude'], COLUMN_CANDIDATES.lat) // 1
 */
export function findColumn(header: readonly string[], candidates: readonly string[]): number {
  const lower = header.map((h) => h.trim().toLowerCase());
  for (const c of candidates) {
    const i = lower.indexOf(c.toLowerCase());
    if (i >= 0) return i;
  }
  return -1;
}

/** Like {@link findColumn} on `table.header`, but a missing column is an InputError naming the file and the names tried. */
export function requireColumn(table: Pick<CsvTable, 'header' | 'headerLine'>, candidates: readonly string[], fileName: string, what = candidates[0]): number {
  const { header } = table;
  const i = findColumn(header, candidates);
  if (i < 0) {
    throw new InputError(at(fileName, table.headerLine, `missing required column ${what}: expected one of ${candidates.map((c) => `"${c}"`).join(', ')}, got header ${header.map((h) => `"${h}"`).join(',')}`));
  }
  return i;
}

/**
 * One CSV field (RFC 4180), the one CSV writer of patrolsim: a number as `String(v)` (empty when not
 * finite), null or undefined empty, a string quoted when it holds a comma, a quote, a line break or a
 * leading or trailing space (which {@link parseCsv} would trim), with quotes doubled.
 *
 * @example
 * csvField('a, b') // '"a, b"'
 * csvField(Infinity) // ''
 */
export function csvField(v: string | number | null | undefined): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'number') return Number.isFinite(v) ? String(v) : '';
  return /[",\r\n]|^\s|\s$/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
}

/** One CSV line (no line end) of fields written by {@link csvField}. */
export function csvLine(values: readonly (string | number | null | undefined)[]): string {
  return values.map(csvField).join(',');
}
