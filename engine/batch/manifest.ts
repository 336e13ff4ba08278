import { VERSION } from '../version.ts';
import type { Cell } from './cells.ts';
import { canonicalJson, sha256Hex } from '../io/hash.ts';
import type { Sweep } from './sweep.ts';

/**
 * sweep.json: the sweep with its input hashes, identical in every output directory of the sweep (any
 * worker count, any shard, merged). `sweepHash` identifies the experiment: sha256 of the canonical sweep
 * JSON, the hashes of the files it names, the runner's input hashes (for the simulator: each scenario's
 * content hash, which covers its network and every file it references) and the runner's name.
 */
export interface SweepManifest {
  readonly version: string;
  readonly name: string;
  readonly sweepHash: string;
  readonly seed: number;
  readonly replications: number;
  readonly commonRandomNumbers: boolean;
  readonly runner: string;
  readonly inputHashes: { readonly files: Readonly<Record<string, string>>; readonly runner: Readonly<Record<string, string>> };
  readonly sweep: unknown;
  readonly cells: readonly Cell[];
}

export function buildManifest(sweep: Sweep, cells: readonly Cell[], runner: string, runnerHashes: Readonly<Record<string, string>>): SweepManifest {
  const sortedRunnerHashes: Record<string, string> = {};
  for (const k of Object.keys(runnerHashes).sort()) sortedRunnerHashes[k] = runnerHashes[k];
  const inputHashes = { files: sweep.fileHashes, runner: sortedRunnerHashes };
  const sweepHash = sha256Hex(canonicalJson({ sweep: sweep.content, inputHashes, runner }));
  return {
    version: VERSION,
    name: sweep.name,
    sweepHash,
    seed: sweep.seed,
    replications: sweep.replications,
    commonRandomNumbers: sweep.commonRandomNumbers,
    runner,
    inputHashes,
    sweep: JSON.parse(canonicalJson(sweep.content)),
    cells: cells.map((c) => ({ ...c })),
  };
}

export function manifestText(m: SweepManifest): string {
  return `${JSON.stringify(m, null, 2)}\n`;
}
