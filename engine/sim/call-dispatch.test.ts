import { describe, expect, it } from 'vitest';
import { collectCandidates } from './call-dispatch.ts';
import { loadScenario } from './load-scenario.ts';
import { prepareModel } from './model.ts';
import { createReplication } from './replication.ts';

describe('candidate pruning for nearest dispatch', () => {
  it('chooses exactly the units a full scan chooses, at every event of two Futian days', () => {
    const sc = loadScenario('scenarios/shenzhen-futian/scenario.json', { replications: 1, horizonS: 2 * 86400, warmupS: 0 });
    const rep = createReplication(prepareModel(sc), 0);
    const s = rep.state;
    const chosen = new Int32Array(s.unitCount);
    const pick = (need: number, fastest: number) => {
      collectCandidates(s, probe, s.nowS, fastest);
      const n = s.dispatcher.choose(s, probe, need, chosen);
      return Array.from(chosen.subarray(0, n), (k) => [s.candidates.unit[k], s.candidates.timeS[k]]);
    };
    let probe = 0;
    let compared = 0, pruned = 0;
    while (rep.step()) {
      // A call not reported yet (no unit sent to it), at the node of a later incident.
      probe = Math.min(s.incidents.count - 1, s.nextIncident + (s.events % 7));
      if (s.assignedCount[probe] > 0) continue;
      for (const need of [1, 2, 3]) {
        const full = pick(need, 0);
        const fullCount = s.candidates.count;
        const fast = pick(need, need);
        if (s.candidates.count < fullCount) pruned++;
        expect(fast, `event ${s.events}, need ${need}`).toEqual(full);
        compared++;
      }
    }
    expect(compared).toBeGreaterThan(1000);
    expect(pruned).toBeGreaterThan(compared / 10); // the bound does leave units out
  });
});
