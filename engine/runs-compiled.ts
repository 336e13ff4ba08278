/**
 * Whether this code runs from the compiled build (dist/, plain JavaScript built by bin/build.mjs)
 * rather than from the TypeScript sources: modules loaded by URL (batch workers, runner modules)
 * then have a .js name.
 */
export const RUNS_COMPILED = !import.meta.url.endsWith('.ts');
