import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

let cached: string | undefined;

/**
 * The directory of the installed patrolsim package (the folder holding its package.json), found from
 * this module's own location, never from the working directory: bundled data such as the demo's
 * scenario resolves from any cwd, from the sources or from compiled JavaScript alike.
 */
export function packageRoot(): string {
  if (cached) return cached;
  for (let dir = dirname(fileURLToPath(import.meta.url)); ; dir = dirname(dir)) {
    try {
      if ((JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { name?: string }).name === 'patrolsim') return (cached = dir);
    } catch { /* not here */ }
    if (dirname(dir) === dir) throw new Error(`patrolsim's package.json not found above ${fileURLToPath(import.meta.url)}`);
  }
}

/** A path inside the installed package, e.g. `packagePath('scenarios/shenzhen-futian/scenario.json')`. */
export function packagePath(relative: string): string {
  return join(packageRoot(), relative);
}
