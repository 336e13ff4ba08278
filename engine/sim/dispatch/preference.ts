import type { SimulationModel } from '../model.ts';
import type { DispatchPolicy } from '../scenario.ts';
import type { Dispatcher } from './dispatcher.ts';

/**
 * Preference (the hypercube model's fixed preference dispatch): the first available units of the
 * scene node's list, whatever their travel time; units not listed are never sent there.
 */
export function createPreferenceDispatcher(model: SimulationModel, policy: Extract<DispatchPolicy, { policy: 'preference' }>): Dispatcher {
  const positionOf = new Int32Array(model.scenario.units.length).fill(-1);
  return {
    policy: 'preference',
    fastestNeeded: () => 0,
    choose(sim, incident, need, out) {
      const c = sim.candidates;
      const list = policy.lists.get(sim.incidents.node[incident]);
      if (!list) return 0;
      for (let k = 0; k < c.count; k++) positionOf[c.unit[k]] = k;
      let n = 0;
      for (let j = 0; j < list.length && n < need; j++) {
        const u = list[j];
        const k = u >= 0 ? positionOf[u] : -1;
        if (k < 0) continue;
        positionOf[u] = -1; // a unit listed twice is sent once
        out[n++] = k;
      }
      for (let k = 0; k < c.count; k++) positionOf[c.unit[k]] = -1;
      return n;
    },
  };
}
