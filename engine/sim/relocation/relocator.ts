import type { SimulationModel } from '../model.ts';
import type { ReplicationState } from '../replication-state.ts';
import { createComplianceTableRelocator } from './compliance-table.ts';
import { createTierGreedyRelocator } from './tier-greedy.ts';

/**
 * A move-up policy as a strategy object. The engine calls it after every dispatch and every unit
 * freed; it may give idle units new stations (`moveToStation`, a move) within the scenario's limits
 * (at most maxMoves per call, only to posts within maxTravelS, not a unit moved within cooldownS).
 * It never touches a busy or off-shift unit and draws no random numbers: every policy faces the same
 * incidents for a seed.
 */
export interface Relocator {
  readonly policy: string;
  afterEvent(sim: ReplicationState, t: number): void;
}

/** The scenario's move-up policy, or null for `none` (units always go back to their planned place). */
export function createRelocator(model: SimulationModel): Relocator | null {
  const r = model.scenario.relocation;
  switch (r.policy) {
    case 'none': return null;
    case 'compliance-table': return createComplianceTableRelocator(model, r);
    case 'tier-greedy': return createTierGreedyRelocator(model, r);
  }
}
