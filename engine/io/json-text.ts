import { at, InputError } from './input-error.ts';

/**
 * JSON.parse for input files: an empty file or a syntax error is an InputError naming the file and,
 * where JSON.parse says where, the line and column (`file:3:7: invalid JSON: ...`).
 */
export function parseJsonText(text: string, fileName: string): unknown {
  if (text.trim() === '') throw new InputError(at(fileName, undefined, 'expected JSON, got an empty file'));
  try {
    return JSON.parse(text);
  } catch (err) {
    const msg = (err as Error).message;
    const m = /position (\d+)/.exec(msg);
    // A truncated file has no position in the message: the problem is at its end.
    const pos = m ? Number(m[1]) : /end of JSON input/.test(msg) ? text.trimEnd().length : -1;
    if (pos >= 0) {
      const before = text.slice(0, pos);
      const line = before.split('\n').length;
      const col = pos - before.lastIndexOf('\n');
      throw new InputError(`${fileName}:${line}:${col}: invalid JSON: ${msg.replace(/ in JSON at position \d+.*$/, '')}`);
    }
    throw new InputError(`${fileName}: invalid JSON: ${msg}`);
  }
}
