#!/usr/bin/env node
// Entry point of the patrolsim CLI. It runs the compiled JavaScript in dist/ (built by `npm ci`
// through the prepare script, or by `npm run build`) when that build matches the TypeScript
// sources, and the sources themselves through tsx otherwise (missing build, or a source edited,
// added or removed since: see build-state.mjs), so an edit is never run stale.
// PATROLSIM_FROM_SOURCE=1 always runs the sources; PATROLSIM_REQUIRE_BUILD=1 (CI) refuses to.
import module from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildState } from './build-state.mjs';

// Node 22.1+ keeps the compiled bytecode of the modules loaded from here on (in the OS temporary
// folder), so later runs skip parsing them; older Nodes have no such cache.
module.enableCompileCache?.();
const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const fromSource = process.env.PATROLSIM_FROM_SOURCE === '1';
const state = fromSource ? { current: false, reason: 'PATROLSIM_FROM_SOURCE=1' } : buildState(root);
let main;
if (state.current) {
  ({ main } = await import('../dist/cli/main.js'));
} else {
  if (!fromSource && process.env.PATROLSIM_REQUIRE_BUILD === '1') {
    process.stderr.write(`patrolsim: ${state.reason}; run \`npm run build\` (PATROLSIM_REQUIRE_BUILD=1 forbids running from the sources)\n`);
    process.exit(1);
  }
  if (!fromSource && process.stderr.isTTY) process.stderr.write(`patrolsim: ${state.reason}; running from the TypeScript sources (slower start; \`npm run build\` compiles them)\n`);
  const { register } = await import('tsx/esm/api');
  register();
  ({ main } = await import('../cli/main.ts'));
}
process.exitCode = await main(process.argv.slice(2));
