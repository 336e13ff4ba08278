/**
 * A batch sweep: scenarios × deployments × parameters × replications (file format: scenarios/sweep.schema.json,
 * docs/batch.md). `SweepFile` is the JSON as written; `Sweep` is it validated and resolved (paths made
 * absolute, defaults filled in, deployment files read). A `Sweep` is plain data: it is posted to worker
 * threads as is.
 */
import type { Tier } from '../coverage/tiers.ts';
import type { DispatchFile, PostFile, UnitFile } from '../sim/scenario-file.ts';

export interface SweepFile {
  $schema?: string;
  name?: string;
  description?: string;
  seed: number;
  replications: number;
  commonRandomNumbers?: boolean;
  overrides?: { horizonS?: number; warmupS?: number };
  scenarios: { name: string; file: string }[];
  deployments?: DeploymentEntry[];
  parameters?: {
    demandMultiplier?: number[];
    unitsPerPost?: (number | null)[];
    unitType?: string;
    dispatch?: ({ name: string } & Partial<DispatchFile>)[];
    tiers?: { name: string; classes?: Record<string, Tier[]> }[];
  };
}

export interface DeploymentEntry {
  name: string;
  /** A JSON file `{posts, units}`, relative to the sweep file. */
  file?: string;
  posts?: PostFile[];
  units?: UnitFile[];
}

/** The axis value that keeps what the scenario file says. */
export const AS_IN_SCENARIO = 'scenario';

export interface SweepScenario {
  readonly name: string;
  /** As written in the sweep (relative to it). */
  readonly file: string;
  /** Absolute path on this machine (never hashed or written out). */
  readonly path: string;
}

export interface SweepDeployment {
  readonly name: string;
  /** Replacement posts / units; undefined keeps the scenario's. */
  readonly posts?: readonly PostFile[];
  readonly units?: readonly UnitFile[];
}

export interface SweepDispatch {
  readonly name: string;
  /** Undefined keeps the scenario's policy. */
  readonly dispatch?: DispatchFile;
}

export interface SweepTiers {
  readonly name: string;
  /** Class name (or "*" for every class not named) → tiers; undefined keeps the scenario's. */
  readonly classes?: Readonly<Record<string, readonly Tier[]>>;
}

export interface Sweep {
  readonly name: string;
  /** The sweep file as given on the command line (messages only). */
  readonly fileName: string;
  readonly seed: number;
  readonly replications: number;
  readonly commonRandomNumbers: boolean;
  readonly overrides: { readonly horizonS?: number; readonly warmupS?: number };
  readonly scenarios: readonly SweepScenario[];
  readonly deployments: readonly SweepDeployment[];
  readonly demandMultipliers: readonly number[];
  /** null = as deployed. */
  readonly unitsPerPost: readonly (number | null)[];
  readonly unitType: string;
  readonly dispatch: readonly SweepDispatch[];
  readonly tiers: readonly SweepTiers[];
  /** The sweep JSON as parsed (recorded in sweep.json). */
  readonly content: unknown;
  /** sha256 of the bytes of every file the sweep names (sweep-relative path → hex), sorted by path. */
  readonly fileHashes: Readonly<Record<string, string>>;
}
