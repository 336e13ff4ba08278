import { resolve } from 'node:path';
import { InputError } from '../engine/io/input-error.ts';
import { outputPathProblem, type OutputKind } from '../engine/io/output-path.ts';

/** One output a command will write: the flag that names it, its path (undefined: not asked for), its kind. */
export interface OutputFlag {
  flag: string;
  path: string | undefined;
  kind: OutputKind;
}

/**
 * Check every output path of a command before any work (engine/io/output-path.ts): a path that is a
 * file where a directory is wanted (or the reverse), read-only, under /proc, /sys or /dev, or inside a
 * file, and two outputs on the same path, are one input error (exit 2), a line per problem.
 */
export function checkOutputFlags(outputs: readonly OutputFlag[]): void {
  const problems: string[] = [];
  const seen = new Map<string, string>();
  for (const o of outputs) {
    if (o.path === undefined) continue;
    const p = outputPathProblem(o.path, o.kind);
    if (p) problems.push(`${o.flag} ${o.path}: ${p}`);
    const abs = resolve(o.path);
    const other = seen.get(abs);
    if (other) problems.push(`${o.flag} ${o.path}: the same path as ${other}; give each output its own`);
    seen.set(abs, o.flag);
  }
  if (problems.length) throw new InputError(problems.join('\n'));
}
