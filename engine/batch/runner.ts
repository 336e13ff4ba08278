import { basename } from 'node:path';
import { pathToFileURL } from 'node:url';
import { RUNS_COMPILED } from '../runs-compiled.ts';
import type { Cell } from './cells.ts';
import type { Sweep } from './sweep.ts';

/**
 * Named metrics of one replication. Names are free text; the CSV orders them by name (code-unit order).
 * A metric that is a proportion in [0, 1] says so by its name (see isShareMetric), so summary.csv
 * gives it the interval for shares.
 */
export type MetricRecord = Readonly<Record<string, number>>;

/**
 * Whether a metric name marks a share (a proportion in [0, 1]): a name part starting `met_` (tier met
 * shares, `<class>.met_60s_1u`), or a part `share` or ending `_share`, or holding `utilisation`.
 */
export function isShareMetric(name: string): boolean {
  return /(^|\.)met_|(^|[._])share($|\.)|utilisation/.test(name);
}

/**
 * What runs one replication of a cell. It must be a pure function of (cell, replication): the cell carries
 * its seed, and nothing else (worker, shard, order, clock) may change the numbers.
 */
export interface BatchRunner {
  /** Replication `replication` (0-based) of `cell`, drawing from streams derived from (cell.seed, replication). */
  run(cell: Cell, replication: number): MetricRecord;
  /** Problems with a cell found without running it (checked for every cell before a batch starts). */
  check?(cell: Cell): string[];
  /** Content hashes of what the runner reads beyond the sweep's own files (e.g. every file a scenario references). */
  inputHashes?(): Readonly<Record<string, string>>;
  /** Lines for people about the inputs ("note: ..." such as rows skipped in a replayed file, "warning: ..."). */
  notes?(): readonly string[];
}

/** Builds a runner for a sweep; called once in the main thread (checks, hashes) and once per worker. */
export type RunnerFactory = (sweep: Sweep) => BatchRunner | Promise<BatchRunner>;

/**
 * A runner named so that a worker thread can load it: a module (file path or file: URL) and the name of
 * its exported RunnerFactory.
 */
export interface RunnerSpec {
  readonly module: string;
  readonly export: string;
}

/** The simulator (engine/sim), the default. */
export const SIM_RUNNER: RunnerSpec = Object.freeze({ module: new URL('./sim-runner.ts', import.meta.url).href, export: 'createSimRunner' });

/** How the runner is recorded in sweep.json and its hash: `<module file name>#<export>` (no machine paths). */
export function runnerId(spec: RunnerSpec): string {
  return `${basename(spec.module.startsWith('file:') ? new URL(spec.module).pathname : spec.module)}#${spec.export}`;
}

/** Parse `path/to/module.ts#exportName` (export defaults to `createRunner`). */
export function parseRunnerSpec(text: string): RunnerSpec {
  const i = text.lastIndexOf('#');
  return i > 0 ? { module: text.slice(0, i), export: text.slice(i + 1) } : { module: text, export: 'createRunner' };
}

export async function loadRunnerFactory(spec: RunnerSpec): Promise<RunnerFactory> {
  const url = runnerModuleUrl(spec);
  // A TypeScript runner under the compiled CLI: load tsx first (the sources' runs have it already).
  if (RUNS_COMPILED && url.endsWith('.ts')) (await import('tsx/esm/api')).register();
  const mod = (await import(url)) as Record<string, unknown>;
  const f = mod[spec.export];
  if (typeof f !== 'function') throw new Error(`runner module ${spec.module} has no exported function "${spec.export}"`);
  return f as RunnerFactory;
}

/**
 * The file: URL a runner module loads from. The simulator is named by its source file
 * (sim-runner.ts, which is what sweep.json records); the compiled build loads its .js copy.
 */
export function runnerModuleUrl(spec: RunnerSpec): string {
  const url = /^[a-z]+:/.test(spec.module) && !/^[A-Za-z]:[\\/]/.test(spec.module) ? spec.module : pathToFileURL(spec.module).href;
  const compiledTree = new URL('../', import.meta.url).href; // dist/engine/ when compiled
  return RUNS_COMPILED && url.endsWith('.ts') && url.startsWith(compiledTree) ? `${url.slice(0, -3)}.js` : url;
}
