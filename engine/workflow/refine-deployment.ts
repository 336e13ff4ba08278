import { coverageSets, type CoverageSets } from '../optimize/coverage-sets.ts';
import { dayIntervals } from '../optimize/day-hours.ts';
import type { LocationProblem } from '../optimize/problem.ts';
import { createTierState } from '../optimize/tier-state.ts';
import { tierValues, type TierValue } from '../optimize/tier-value.ts';
import type { WeightedTier } from '../optimize/tiered.ts';
import { overrideScenario, prepareModel, runReplication, runSimulation } from '../sim/index.ts';
import { createPooledSamples, measureReplication } from '../sim/metrics.ts';
import type { Scenario } from '../sim/scenario.ts';
import { offeredLoadBusy } from './busy.ts';
import { refineBySimulation, type RefineResult, type RefineSpace } from './refine-search.ts';

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
  const cache = new Map<string, number[]>();
  const cls = sc.classes[classIndex];
  return (layout, first, count) => {
    const key = `${layout.join(',')}/${first}/${count}`;
    const hit = cache.get(key);
    if (hit) return hit;
    const s = scenarioWith(sc, siteNodes, layout);
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

export interface DeploymentRefinement {
  refine: RefineResult<Int32Array>;
  /** The class scored (the scenario's most urgent). */
  className: string;
  /** q the move proposals were ranked with (busy-aware model at the scenario's offered load). */
  guideBusy: number;
  /**
   * Simulated tiers of the class, start and final layouts, on replications the search did not choose
   * its moves on (those of `refine.overall` when a move was accepted, else the ones after screening).
   */
  start: SimulatedTiers;
  final: SimulatedTiers;
  /** The replications start and final were simulated on (first, last). */
  tierReplications: readonly [number, number];
}

export interface SimulatedTiers { tiers: { targetS: number; units: number; metShare: number; ci95: readonly [number, number] | null }[] }

/**
 * `optimize --refine-sim`: from the optimizer's deployment, the simulation-scored local search
 * (refine-search.ts) in a scenario, moves proposed by the busy-aware model at the scenario's offered
 * load, scored on its most urgent class (Σ over its tiers of the share of incidents meeting the tier).
 */
export function refineInScenario(sc: Scenario, p: LocationProblem, units: Int32Array, o: { tiers: readonly WeightedTier[]; budgetS?: number; nowS?: () => number; onProgress?: (m: string) => void; maxRounds?: number; candidates?: number }): DeploymentRefinement {
  const classIndex = sc.classes.reduce((best, c, k) => (c.priority < sc.classes[best].priority ? k : best), 0);
  const total = units.reduce((a, b) => a + b, 0);
  const shifted = sc.units.filter((u) => u.shift >= 0).length, patrolling = sc.units.filter((u) => u.patrol.kind !== 'none').length;
  if (shifted || patrolling) {
    o.onProgress?.(`warning: ${sc.name}: ${[shifted ? `${shifted} unit(s) on shifts` : '', patrolling ? `${patrolling} on patrol` : ''].filter(Boolean).join(', ')}; the deployment is simulated as ${total} units at their posts all day (shifts and patrols are not carried over)`);
  }
  // Offered load over the day (an input error above MAX_BUSY: the units could not keep up).
  const guideBusy = offeredLoadBusy(sc, { name: 'the day', hours: dayIntervals(0, 24) }, total);
  const values = tierValues(o.tiers, 'expected', guideBusy, total + Math.max(...o.tiers.map((t) => t.units)));
  const space = deploymentMoves(p, o.tiers, values, o.tiers.map((t) => coverageSets(p, t.targetS)));
  const score = deploymentScorer(sc, p.candidateIds, classIndex, []);
  const refine = refineBySimulation(units, space, score, { replications: sc.replications, budgetS: o.budgetS, nowS: o.nowS, onProgress: o.onProgress, maxRounds: o.maxRounds, candidates: o.candidates });
  // Fresh replications: the screening ones (0 .. R − 1) chose the moves, so figures on them would be biased upwards.
  const firstReplication = refine.overall ? refine.overall.replications[0] : sc.replications;
  const tiersOf = (layout: Int32Array): SimulatedTiers => {
    const sim = runSimulation(scenarioWith(sc, p.candidateIds, layout), { trace: false, firstReplication });
    return { tiers: sim.classes[classIndex].tiers.map((t) => ({ targetS: t.targetS, units: t.units, metShare: t.metShare, ci95: t.ci95 })) };
  };
  return {
    refine, className: sc.classes[classIndex].name, guideBusy, start: tiersOf(units), final: tiersOf(refine.layout),
    tierReplications: [firstReplication, firstReplication + sc.replications - 1],
  };
}

/** The scenario with its posts and units replaced by a deployment (posts `opt-<node id>`, units of its first unit type). */
export function scenarioWith(sc: Scenario, siteNodes: readonly string[], layout: ArrayLike<number>): Scenario {
  const type = sc.file.units[0]?.type ?? 'car';
  const posts: { id: string; node: string; type: string }[] = [];
  const units: { id: string; type: string; post: string; count: number }[] = [];
  for (let j = 0; j < layout.length; j++) {
    const n = layout[j];
    if (n <= 0) continue;
    posts.push({ id: `opt-${siteNodes[j]}`, node: siteNodes[j], type: 'optimized' });
    units.push({ id: `opt-${siteNodes[j]}`, type, post: `opt-${siteNodes[j]}`, count: n });
  }
  return overrideScenario(sc, { posts, units });
}
