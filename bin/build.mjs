#!/usr/bin/env node
// Compile the CLI and the engine (TypeScript) into dist/ as plain JavaScript, with a stamp that
// lets bin/patrolsim.mjs tell a current build from a stale one (see build-state.mjs).
//
//   node bin/build.mjs             build (npm ci runs this through the prepare script)
//   node bin/build.mjs --if-stale  build only when dist/ is missing or stale (npm test runs this)
//   node bin/build.mjs --check     exit 1, naming the first difference, unless dist/ is current
//
// TypeScript compiles with tsconfig.build.json: types are not checked here (`npm run typecheck`
// does that), relative imports of .ts files are rewritten to .js, and the tree is mirrored
// (engine/x.ts -> dist/engine/x.js). The new tree is written beside dist/ and renamed into place,
// so a CLI starting during a build sees the old build or the new one, never half of one.
import { copyFileSync, existsSync, mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildState, STAMP_FILE, stampEntries } from './build-state.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const say = (msg) => process.stderr.write(`build: ${msg}\n`);

if (args.includes('--check')) {
  const state = buildState(root);
  say(state.reason);
  process.exit(state.current ? 0 : 1);
}
if (args.includes('--if-stale')) {
  const state = buildState(root);
  if (state.current) process.exit(0);
  say(`${state.reason}: rebuilding`);
}

let ts;
try {
  ts = (await import('typescript')).default;
} catch {
  say('TypeScript is not installed (npm ci --omit=dev?): patrolsim will run from its TypeScript sources through tsx, which starts slower');
  process.exit(0);
}

const started = performance.now();
const configPath = join(root, 'tsconfig.build.json');
const parsed = ts.getParsedCommandLineOfConfigFile(configPath, {}, {
  ...ts.sys,
  onUnRecoverableConfigFileDiagnostic: (d) => { throw new Error(ts.flattenDiagnosticMessageText(d.messageText, '\n')); },
});
if (parsed.errors.length) fail(parsed.errors);

const tmp = join(root, `dist.${process.pid}.tmp`);
rmSync(tmp, { recursive: true, force: true });
const program = ts.createProgram({ rootNames: parsed.fileNames, options: { ...parsed.options, outDir: tmp } });
const toPosix = (p) => relative(root, p).split(sep).join('/');
const sources = program.getSourceFiles()
  .filter((f) => !program.isSourceFileDefaultLibrary(f) && !f.fileName.includes('/node_modules/'))
  .map((f) => toPosix(f.fileName));
const outside = sources.filter((f) => f.startsWith('..'));
if (outside.length) throw new Error(`build: sources outside the package: ${outside.join(', ')}`);
// Plain-JavaScript helpers the compiled code loads by URL (copied as they are).
const copied = ['engine/batch/worker-bootstrap.mjs'];
const stamp = stampEntries(root, [...sources, ...copied], ['package.json', 'tsconfig.json', 'tsconfig.build.json']);

const emitted = program.emit();
const diagnostics = [...program.getSyntacticDiagnostics(), ...emitted.diagnostics];
if (diagnostics.some((d) => d.category === ts.DiagnosticCategory.Error)) {
  rmSync(tmp, { recursive: true, force: true });
  fail(diagnostics);
}
for (const f of copied) {
  mkdirSync(dirname(join(tmp, f)), { recursive: true });
  copyFileSync(join(root, f), join(tmp, f));
}
writeFileSync(join(tmp, STAMP_FILE), `${JSON.stringify({ ...stamp, typescript: ts.version }, null, 1)}\n`);

const dist = join(root, 'dist');
const old = join(root, `dist.${process.pid}.old.tmp`);
if (existsSync(dist)) renameSync(dist, old);
renameSync(tmp, dist);
rmSync(old, { recursive: true, force: true });
say(`compiled ${sources.length} files into dist/ in ${((performance.now() - started) / 1000).toFixed(1)} s`);

function fail(diags) {
  const host = { getCanonicalFileName: (f) => f, getCurrentDirectory: () => root, getNewLine: () => '\n' };
  process.stderr.write(ts.formatDiagnostics(diags, host));
  process.exit(1);
}
