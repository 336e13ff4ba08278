import type { SimulationModel } from '../model.ts';
import type { Candidates } from '../replication-state.ts';
import type { Dispatcher } from './dispatcher.ts';

/**
 * Nearest: the `need` fastest candidates, ties by unit order. A selection, not a sort: `need` passes
 * over the candidates (need is the units still owed to the call, a handful).
 */
export function createNearestDispatcher(model: SimulationModel): Dispatcher {
  const taken = new Uint8Array(model.scenario.units.length);
  return {
    policy: 'nearest',
    fastestNeeded: (need) => need,
    choose(sim, _incident, need, out) {
      const c = sim.candidates;
      taken.fill(0, 0, c.count);
      let n = 0;
      while (n < need) {
        const k = nextFastest(c, taken);
        if (k < 0) break;
        taken[k] = 1;
        out[n++] = k;
      }
      return n;
    },
  };
}

/** The candidate position with the smallest travel time not yet taken (ties: the lower unit index), or -1. */
export function nextFastest(c: Candidates, taken: Uint8Array): number {
  const timeS = c.timeS, unit = c.unit;
  let best = -1;
  let bestS = Infinity;
  for (let k = 0; k < c.count; k++) {
    if (taken[k]) continue;
    const s = timeS[k];
    if (best < 0 || s < bestS || (s === bestS && unit[k] < unit[best])) { best = k; bestS = s; }
  }
  return best;
}
