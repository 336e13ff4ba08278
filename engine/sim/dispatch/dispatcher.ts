import type { SimulationModel } from '../model.ts';
import type { ReplicationState } from '../replication-state.ts';
import { createNearestDispatcher } from './nearest.ts';
import { createPreferenceDispatcher } from './preference.ts';
import { createReserveDispatcher } from './reserve.ts';

/**
 * A dispatch policy as a strategy object. At a call the engine fills `sim.candidates` (every available
 * unit that can reach the scene, in unit order, with its travel time); the dispatcher picks which to
 * send and in what order. It draws no random numbers and changes no state.
 */
export interface Dispatcher {
  readonly policy: string;
  /**
   * How many of the fastest candidates `choose` can pick from when `need` units are owed (0: it may
   * pick any). The engine may then leave out units that cannot be among that many fastest.
   */
  fastestNeeded(need: number): number;
  /**
   * Choose up to `need` candidates for incident i: write their positions in `sim.candidates` into
   * `out`, first to send first, and return how many.
   */
  choose(sim: ReplicationState, incident: number, need: number, out: Int32Array): number;
}

/** The scenario's dispatch policy as a dispatcher (one per replication: it keeps scratch buffers). */
export function createDispatcher(model: SimulationModel): Dispatcher {
  const d = model.scenario.dispatch;
  switch (d.policy) {
    case 'nearest': return createNearestDispatcher(model);
    case 'reserve': return createReserveDispatcher(model, d);
    case 'preference': return createPreferenceDispatcher(model, d);
  }
}
