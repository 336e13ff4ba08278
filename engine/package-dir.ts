import { fileURLToPath } from 'node:url';

/**
 * The package's root folder (package.json, scenarios/, viewer/), found from this module's own
 * place: engine/package-dir.ts in the sources, dist/engine/package-dir.js in the compiled build.
 */
export const PACKAGE_DIR = fileURLToPath(new URL(import.meta.url.endsWith('.ts') ? '..' : '../..', import.meta.url));

/** Whether this code runs from the compiled build (dist/) rather than the TypeScript sources. */
export const RUNS_COMPILED = !import.meta.url.endsWith('.ts');
