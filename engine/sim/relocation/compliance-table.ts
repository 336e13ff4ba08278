import type { SimulationModel } from '../model.ts';
import type { RelocationPolicy } from '../scenario.ts';
import { travelToS } from '../unit-actions.ts';
import { canMove, isIdle, moveUp, postNodeNow, stationPost } from './moves.ts';
import type { Relocator } from './relocator.ts';

/**
 * Compliance table: with n units available, row n of the table lists the posts to fill (repeats mean
 * several units). Units already stationed at a listed post fill its slots (lowest unit index first);
 * each slot still empty, in the row's order, gets the nearest unit not filling a slot (travel time from
 * where it is; ties by unit index) that may move, up to maxMoves moves. Units beyond the row keep their
 * stations. With more units available than the table has rows, the last row applies.
 */
export function createComplianceTableRelocator(model: SimulationModel, policy: Extract<RelocationPolicy, { policy: 'compliance-table' }>): Relocator {
  const nU = model.scenario.units.length;
  const matched = new Uint8Array(nU);
  const maxSlots = Math.max(...policy.table.map((r) => r.length));
  const filled = new Uint8Array(maxSlots);
  const { limits } = policy;
  return {
    policy: 'compliance-table',
    afterEvent(sim, t) {
      const n = sim.availableCount;
      if (n === 0 || limits.maxMoves === 0) return;
      const row = policy.table[Math.min(n, policy.table.length) - 1];
      matched.fill(0);
      filled.fill(0);
      for (let j = 0; j < row.length; j++) {
        for (let u = 0; u < nU; u++) {
          if (!matched[u] && isIdle(sim, u) && stationPost(sim, u) === row[j]) { matched[u] = 1; filled[j] = 1; break; }
        }
      }
      let moves = 0;
      for (let j = 0; j < row.length && moves < limits.maxMoves; j++) {
        if (filled[j]) continue;
        const node = postNodeNow(sim, row[j]);
        let best = -1, bestS = Infinity;
        for (let u = 0; u < nU; u++) {
          if (matched[u] || !canMove(sim, u, t, limits)) continue;
          const s = travelToS(sim, u, node, t);
          if (s <= limits.maxTravelS && s < bestS) { best = u; bestS = s; }
        }
        if (best < 0) continue;
        if (moveUp(sim, best, row[j], t)) { matched[best] = 1; filled[j] = 1; moves++; }
      }
    },
  };
}
