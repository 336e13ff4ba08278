import type { CoverageSets } from '../optimize/coverage-sets.ts';
import type { LocationProblem } from '../optimize/problem.ts';
import { createTierState } from '../optimize/tier-state.ts';
import type { TierValue } from '../optimize/tier-value.ts';
import type { WeightedTier } from '../optimize/tiered.ts';
import { overrideScenario, prepareModel, runReplication } from '../sim/index.ts';
import { createPooledSamples, measureReplication } from '../sim/metrics.ts';
import type { Scenario } from '../sim/scenario.ts';
import type { RefineSpace } from './refine-search.ts';

/** A move of one unit from one site to another (candidate indices). */
export interface UnitMove { from: number; to: number }

/**
 * Moves of one unit of a one-layout deployment, proposed by the optimizer's own model: for every site
 * with a movable unit (more than its fixed units), the unit goes to the site where the model gains most
 * (the same gains the heuristic searches with); the moves the model rates best come first. Simulation
 * then judges them.
 */
export function deploymentMoves(p: LocationProblem, tiers: readonly WeightedTier[], values: readonly TierValue[], sets: readonly CoverageSets[]): RefineSpace<Int32Array, UnitMove> {
  const nj = p.candidateIds.length;
  return {
    candidates(layout, count) {
      const st = createTierState(p, tiers, values, sets, 1);
      st.goTo(layout);
      const out: { move: UnitMove; delta: number }[] = [];
      for (let j = 0; j < nj; j++) {
        if (layout[j] <= p.minUnits[j]) continue;
        const before = st.objective;
        st.remove(j);
        const g = st.gain[0];
        let best = -1;
        for (let k = 0; k < nj; k++) if (k !== j && st.units[k] < p.maxUnits[k] && (best < 0 || g[k] > g[best])) best = k;
        if (best >= 0) out.push({ move: { from: j, to: best }, delta: st.objective + g[best] - before });
        st.add(j);
      }
      out.sort((a, b) => b.delta - a.delta || a.move.from - b.move.from);
      return out.slice(0, count).map((x) => x.move);
    },
    apply(layout, m) {
      const next = layout.slice();
      next[m.from]--; next[m.to]++;
      return next;
    },
    describe(m) { return `one unit ${p.candidateIds[m.from]} → ${p.candidateIds[m.to]}`; },
  };
}

/**
 * Score of a deployment in a scenario, per replication: Σ_t w_t × the share of the class's incidents
 * (measured after warm-up) meeting tier t, the deployment replacing the scenario's posts and units
 * (posts `opt-<node id>`, units of the scenario's first unit type; `siteNodes` gives each candidate's
 * node id). Replication r uses streams derived from (scenario seed, r): every layout faces the same
 * incidents. Results are cached per layout and replication set.
 */
export function deploymentScorer(sc: Scenario, siteNodes: readonly string[], classIndex: number, tierWeights: readonly number[]): (layout: Int32Array, first: number, count: number) => number[] {
  const type = sc.file.units[0]?.type ?? 'car';
  const cache = new Map<string, number[]>();
  const cls = sc.classes[classIndex];
  return (layout, first, count) => {
    const key = `${layout.join(',')}/${first}/${count}`;
    const hit = cache.get(key);
    if (hit) return hit;
    const posts: { id: string; node: string; type: string }[] = [];
    const units: { id: string; type: string; post: string; count: number }[] = [];
    layout.forEach((n, j) => {
      if (n <= 0) return;
      posts.push({ id: `opt-${siteNodes[j]}`, node: siteNodes[j], type: 'optimized' });
      units.push({ id: `opt-${siteNodes[j]}`, type, post: `opt-${siteNodes[j]}`, count: n });
    });
    const s = overrideScenario(sc, { posts, units });
    const model = prepareModel(s);
    const pooled = createPooledSamples(s);
    const out: number[] = [];
    for (let r = first; r < first + count; r++) {
      const m = measureReplication(s, runReplication(model, r, { trace: false }), pooled).classes[classIndex];
      out.push(m.incidents ? cls.tiers.reduce((acc, _t, k) => acc + (tierWeights[k] ?? 1) * (m.met[k] / m.incidents), 0) : 0);
    }
    cache.set(key, out);
    return out;
  };
}
