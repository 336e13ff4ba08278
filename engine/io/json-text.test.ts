import { describe, expect, it } from 'vitest';
import { parseJsonText } from './json-text.ts';

const messageOf = (f: () => unknown) => { try { f(); } catch (e) { return (e as Error).message; } return ''; };

describe('reading JSON input files', () => {
  it('names the line and column of a syntax error', () => {
    expect(messageOf(() => parseJsonText('{\n  "a": 1\n  "b": 2\n}', 'f.json'))).toMatch(/^f\.json:3:3: invalid JSON: Expected ',' or '}'/);
    // V8 gives no position for some errors (an unexpected token): then only the file is named.
    expect(messageOf(() => parseJsonText('{"b": x}', 'f.json'))).toMatch(/^f\.json: invalid JSON: Unexpected token/);
  });

  it('places a truncated file at its end', () => {
    expect(messageOf(() => parseJsonText('{\n  "a": [1,\n', 'f.json'))).toMatch(/^f\.json:2:11: invalid JSON/);
  });

  it('says an empty file is empty', () => {
    expect(messageOf(() => parseJsonText(' \n', 'f.json'))).toBe('f.json: expected JSON, got an empty file');
  });
});
