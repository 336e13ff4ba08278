import { sha256Hex } from '../io/hash.ts';
import type { Sweep } from './sweep.ts';

/**
 * One cell of a sweep: a scenario with one value on every axis. Axis values are referred to by name
 * (numbers by their shortest decimal form), so a cell means the same thing in every process.
 */
export interface Cell {
  /** Position in the sweep's cell order (0-based). */
  readonly index: number;
  /** Canonical description: `scenario=…/deployment=…/demand=…/unitsPerPost=…/dispatch=…/tiers=…`. */
  readonly key: string;
  /** Root seed of the cell's replications (see deriveCellSeed). */
  readonly seed: number;
  readonly scenario: string;
  readonly deployment: string;
  readonly demandMultiplier: number;
  /** null = as deployed. */
  readonly unitsPerPost: number | null;
  readonly dispatch: string;
  readonly tiers: string;
}

/** The value written for `unitsPerPost: null` in keys and CSV files. */
export const AS_DEPLOYED = 'as-deployed';

/**
 * Every cell of a sweep, in the fixed order scenario → deployment → demand multiplier → units per post →
 * dispatch → tiers (the last axis varies fastest), each axis in the order the sweep file lists it.
 *
 * @example
 * expandCells(sweep).map((c) => c.key);
 * // ['scenario=grid/deployment=centre/demand=1/unitsPerPost=as-deployed/dispatch=scenario/tiers=scenario', ...]
 */
export function expandCells(sweep: Sweep): Cell[] {
  const cells: Cell[] = [];
  for (const s of sweep.scenarios) {
    for (const d of sweep.deployments) {
      for (const m of sweep.demandMultipliers) {
        for (const u of sweep.unitsPerPost) {
          for (const p of sweep.dispatch) {
            for (const t of sweep.tiers) {
              const axes = { scenario: s.name, deployment: d.name, demandMultiplier: m, unitsPerPost: u, dispatch: p.name, tiers: t.name };
              cells.push({ index: cells.length, key: cellKey(axes), seed: deriveCellSeed(sweep.seed, seedKey(axes, sweep.commonRandomNumbers)), ...axes });
            }
          }
        }
      }
    }
  }
  return cells;
}

type Axes = Pick<Cell, 'scenario' | 'deployment' | 'demandMultiplier' | 'unitsPerPost' | 'dispatch' | 'tiers'>;

/** The canonical key of a cell: names and shortest-form numbers, never positions. */
export function cellKey(a: Axes): string {
  return [
    `scenario=${a.scenario}`, `deployment=${a.deployment}`, `demand=${String(a.demandMultiplier)}`,
    `unitsPerPost=${a.unitsPerPost === null ? AS_DEPLOYED : String(a.unitsPerPost)}`, `dispatch=${a.dispatch}`, `tiers=${a.tiers}`,
  ].join('/');
}

/**
 * What a cell's seed is derived from: its whole key, or with common random numbers only the axes that
 * change the incidents drawn (scenario and demand multiplier), so deployments and policies are compared
 * on the same incidents.
 */
export function seedKey(a: Axes, commonRandomNumbers: boolean): string {
  return commonRandomNumbers ? `scenario=${a.scenario}/demand=${String(a.demandMultiplier)}` : cellKey(a);
}

/**
 * A cell's root seed: the first 48 bits of sha256(`<sweepSeed>/<seedKey>`) as an integer (a safe integer,
 * so JSON and every language hold it exactly). Replication r of the cell draws from streams derived from
 * (cell seed, r), as `patrolsim simulate --seed <cell seed>` does. Because the key names values, not
 * positions, adding a value to an axis leaves the seeds of all existing cells unchanged.
 */
export function deriveCellSeed(sweepSeed: number, key: string): number {
  return Buffer.from(sha256Hex(`${sweepSeed}/${key}`).slice(0, 12), 'hex').readUIntBE(0, 6);
}
