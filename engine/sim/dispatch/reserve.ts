import type { SimulationModel } from '../model.ts';
import type { DispatchPolicy } from '../scenario.ts';
import { UnitState } from '../unit-state.ts';
import type { Dispatcher } from './dispatcher.ts';
import { nextFastest } from './nearest.ts';

/**
 * Reserve: nearest first, but the last `units` units standing at a reserve post are not sent to calls
 * whose class priority number is above the post's `releasePriority`. A unit counts for the post it is
 * stationed at (its planned post, or where a move-up sent it).
 */
export function createReserveDispatcher(model: SimulationModel, policy: Extract<DispatchPolicy, { policy: 'reserve' }>): Dispatcher {
  const nP = model.posts.length;
  const reserveUnits = new Int32Array(nP);
  const reserveRelease = new Int32Array(nP);
  for (const r of policy.reserve) { reserveUnits[r.post] = r.units; reserveRelease[r.post] = r.releasePriority; }
  const atPostCount = new Int32Array(nP);
  const taken = new Uint8Array(model.scenario.units.length);
  return {
    policy: 'reserve',
    fastestNeeded: () => 0,
    choose(sim, incident, need, out) {
      const c = sim.candidates;
      const priority = model.classPriority[sim.incidents.cls[incident]];
      atPostCount.fill(0);
      for (let u = 0; u < sim.unitCount; u++) if (sim.unitState[u] === UnitState.atPost) atPostCount[model.places[sim.station[u]].post]++;
      taken.fill(0, 0, c.count);
      let n = 0;
      while (n < need) {
        const k = nextFastest(c, taken);
        if (k < 0) break;
        taken[k] = 1;
        const u = c.unit[k];
        const p = model.places[sim.station[u]].post;
        if (sim.unitState[u] === UnitState.atPost && reserveUnits[p] > 0 && priority > reserveRelease[p]) {
          if (atPostCount[p] <= reserveUnits[p]) continue;
          atPostCount[p]--;
        }
        out[n++] = k;
      }
      return n;
    },
  };
}
