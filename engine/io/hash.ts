import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';

/** Hex sha256 of a string (UTF-8) or bytes: the one content hash of patrolsim (scenarios, sweeps, run directories). */
export function sha256Hex(data: string | Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}

/**
 * JSON with object keys sorted (code-unit order) and undefined fields dropped (undefined array entries
 * become null, as in JSON.stringify), so equal content hashes equal.
 *
 * @example
 * canonicalJson({ b: 1, a: [2, undefined] }) // '{"a":[2,null],"b":1}'
 */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map((v) => (v === undefined ? 'null' : canonicalJson(v))).join(',')}]`;
  if (value && typeof value === 'object') {
    const obj = value as Record<string, unknown>;
    return `{${Object.keys(obj).sort().filter((k) => obj[k] !== undefined)
      .map((k) => `${JSON.stringify(k)}:${canonicalJson(obj[k])}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/**
 * The content hash of a command's inputs: sha256 of the canonical JSON of every input file's sha256 (by
 * content, in the order given: paths never enter, so the same inputs hash the same on every machine)
 * and the settings that change the result.
 */
export function inputContentHash(files: readonly string[], settings: unknown): string {
  return sha256Hex(canonicalJson({ files: files.map((f) => sha256Hex(readFileSync(f))), settings }));
}
