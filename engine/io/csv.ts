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
  const rows: CsvRow[] = [];
  const { header, headerLine } = scanCsv(text, fileName, () => (values, line) => { rows.push({ line, values }); });
  return { header, headerLine, rows };
}

/**
 * {@link parseCsv} without keeping the rows: `onHeader` gets the header (and may throw, e.g. for a
 * missing column) and returns the function called with each data row's fields and line, in file
 * order. For large tables (a cost table of a million pairs), which then need no row objects.
 * Problems of the file's structure (the same as parseCsv's) are thrown together after the scan.
 */
export function scanCsv(text: string, fileName: string, onHeader: (header: CsvHeader) => (values: string[], line: number) => void): CsvHeader {
  const problems: string[] = [];
  let header: CsvHeader | undefined;
  let visit: ((values: string[], line: number) => void) | undefined;
  splitRecords(text, fileName, (values, line) => {
    if (isBlank(values)) return;
    if (!header) {
      header = { header: values.map((h) => h.trim()), headerLine: line };
      const names = header.header;
      names.forEach((h, i) => {
        if (h === '') problems.push(at(fileName, line, `header: column ${i + 1} has no name`));
      });
      const seen = new Map<string, number>();
      names.forEach((h, i) => {
        const key = h.toLowerCase();
        if (h !== '' && seen.has(key)) problems.push(at(fileName, line, `header: column "${h}" appears twice (columns ${seen.get(key)! + 1} and ${i + 1})`));
        seen.set(key, i);
      });
      if (!problems.length) visit = onHeader(header);
      return;
    }
    if (values.length !== header.header.length) {
      problems.push(at(fileName, line, `expected ${header.header.length} fields (as in the header), got ${values.length}`));
      return;
    }
    if (!problems.length) visit!(values, line);
  });
  if (!header) throw new InputError(at(fileName, undefined, 'expected a header line, got an empty file'));
  if (problems.length) throw new InputError(problems.slice(0, 20).join('\n') + (problems.length > 20 ? `\n... and ${problems.length - 20} more problems` : ''));
  return header;
}

/** A CSV file's header: its trimmed fields and its 1-based line. */
export interface CsvHeader {
  readonly header: string[];
  readonly headerLine: number;
}

function isBlank(values: string[]): boolean {
  return values.length === 1 && values[0].trim() === '';
}

function splitRecords(text: string, fileName: string, onRecord: (values: string[], line: number) => void): void {
  const n = text.length;
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let line = 1;
  // Next quote and carriage return at or after i (n: none), found again only once passed.
  let quote = -1, cr = -1;
  while (i < n) {
    // Fast path: a line with no quote and no lone carriage return is its fields split at commas.
    let end = text.indexOf('\n', i);
    if (end < 0) end = n;
    const stop = end > i && text.charCodeAt(end - 1) === 13 ? end - 1 : end;
    if (quote < i) { quote = text.indexOf('"', i); if (quote < 0) quote = n; }
    if (cr < i) { cr = text.indexOf('\r', i); if (cr < 0) cr = n; }
    if (quote >= end && cr >= stop) {
      const values = text.slice(i, stop).split(',');
      for (let k = 0; k < values.length; k++) values[k] = values[k].trim();
      onRecord(values, line);
      line++;
      i = end + 1;
      continue;
    }
    const r = splitQuotedRecord(text, i, line, fileName);
    onRecord(r.values, line);
    line = r.line;
    i = r.next;
  }
}

/**
 * One record from `start` by the full RFC 4180 rules (quoted fields may hold commas, quotes and line
 * breaks); returns its fields, the offset after its line end and the line number after it.
 */
function splitQuotedRecord(text: string, start: number, firstLine: number, fileName: string): { values: string[]; next: number; line: number } {
  const values: string[] = [];
  let field = '';
  let quoted = false;
  let inQuotes = false;
  let line = firstLine;
  let quoteLine = firstLine;
  const n = text.length;
  const endField = () => { values.push(quoted ? field : field.trim()); field = ''; quoted = false; };
  for (let i = start; i < n; i++) {
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
      return { values, next: i + 1, line: line + 1 };
    } else {
      if (quoted && c !== ' ' && c !== '\t') {
        throw new InputError(at(fileName, line, `field ${values.length + 1}: expected a comma or line end after a closing quote, got "${c}"`));
      }
      field += c;
    }
  }
  if (inQuotes) throw new InputError(at(fileName, quoteLine, `field ${values.length + 1}: a quoted field is never closed`));
  endField();
  return { values, next: n, line: line + 1 };
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
