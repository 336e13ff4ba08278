import { at } from './input-error.ts';
import { parseDecimal, parseInteger } from './number-text.ts';

/** What a numeric field must satisfy. */
export type NumberRule = 'any' | '>= 0' | '> 0' | 'integer >= 0';

/**
 * Parse a numeric field: the one field reader of patrolsim's input files (networks, node files, posts,
 * demand, candidates, costs), in decimal notation (number-text.ts; a JSON number is taken as it is). On a bad value, push "file:line: field: expected a number <rule>, got "raw""
 * onto `problems` and return NaN. `line` may also be a location string such as "feature 3"; `expected`
 * replaces the expectation in the message (e.g. "true/false or an integer >= 0").
 *
 * @example
 * readNumber('12.5', '>= 0', 'posts.csv', 4, 'units', problems) // 12.5
 */
export function readNumber(raw: string | number | undefined | null, rule: NumberRule, file: string, line: number | string | undefined, field: string, problems: string[], expected?: string): number {
  const text = raw === undefined || raw === null ? '' : String(raw).trim();
  const v = typeof raw === 'number' ? raw : rule === 'integer >= 0' ? parseInteger(text) : parseDecimal(text);
  const ok = Number.isFinite(v) && (rule === 'any' || (rule === '> 0' ? v > 0 : v >= 0)) && (rule !== 'integer >= 0' || Number.isInteger(v));
  if (!ok) {
    const want = expected ?? (rule === 'any' ? 'a number' : rule === 'integer >= 0' ? 'an integer >= 0' : `a number ${rule}`);
    const got = text === '' ? 'nothing' : JSON.stringify(text);
    problems.push(where(file, line, `${field}: expected ${want}, got ${got}`));
    return NaN;
  }
  return v;
}

/** "file:line: msg", "file: feature 3: msg" or "file: msg". */
export function where(file: string, line: number | string | undefined, message: string): string {
  if (typeof line === 'string') return `${file}: ${line}: ${message}`;
  return at(file, line, message);
}

/** A yes/no field: true for yes/true/1, false for no/false/0, undefined when blank; else a problem. */
export function readFlag(raw: string | number | boolean | undefined | null, file: string, line: number | string | undefined, field: string, problems: string[]): boolean | undefined {
  if (raw === undefined || raw === null) return undefined;
  if (typeof raw === 'boolean') return raw;
  const v = String(raw).trim().toLowerCase();
  if (v === '') return undefined;
  if (v === 'yes' || v === 'true' || v === '1') return true;
  if (v === 'no' || v === 'false' || v === '0') return false;
  problems.push(where(file, line, `${field}: expected yes/no, true/false or 1/0, got ${JSON.stringify(String(raw))}`));
  return undefined;
}
