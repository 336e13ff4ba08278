import { join } from 'node:path';
import seedrandom from 'seedrandom';
import { describe, expect, it } from 'vitest';
import { coverageSets } from '../../engine/optimize/coverage-sets.ts';
import { networkProblem } from '../../engine/optimize/network-problem.ts';
import { tierValues } from '../../engine/optimize/tier-value.ts';
import { buildRoutingGraph } from '../../engine/routing/routing-graph.ts';
import { loadScenario } from '../../engine/sim/index.ts';
import { estimate } from '../../engine/sim/statistics.ts';
import { deploymentMoves, deploymentScorer } from '../../engine/workflow/refine-deployment.ts';
import { pairedGain, refineBySimulation, type RefineSpace } from '../../engine/workflow/refine-search.ts';
import { scenarioEdgeTimesS } from '../../engine/workflow/scenario-plan.ts';
import { tempDir } from '../support/run-cli.ts';

/**
 * A synthetic space: layouts 0..n−1, a move k goes to layout k. Score in replication r:
 * truth[layout] + common_r (shared by every layout: common random numbers) + own noise.
 */
function synthetic(truth: number[], seed: string, noise = 0.05) {
  const space: RefineSpace<number, number> = {
    candidates: (layout, count) => truth.map((_, k) => k).filter((k) => k !== layout).slice(0, count),
    apply: (_layout, move) => move,
    describe: (move) => `to ${move}`,
  };
  const score = (layout: number, first: number, count: number) => Array.from({ length: count }, (_, q) => {
    const r = first + q;
    const common = seedrandom(`${seed}/common/${r}`)();
    return truth[layout] + common + noise * (seedrandom(`${seed}/${layout}/${r}`)() - 0.5);
  });
  return { space, score };
}

describe('refinement by simulation with common random numbers', () => {
  it('never accepts a move whose paired 95% interval, recomputed on the replications it names, reaches zero', () => {
    let accepted = 0;
    for (let s = 0; s < 40; s++) {
      // No move is better than the start: every acceptance would be noise.
      const { space, score } = synthetic(new Array(11).fill(0), `null-${s}`);
      const r = refineBySimulation(0, space, score, { replications: 5, candidates: 10 });
      for (const a of r.accepted) {
        // Confirmed on replications that screening (0..4) never saw.
        expect(a.replications[0]).toBeGreaterThanOrEqual(5);
        const [first, last] = a.replications;
        const before = score(0, first, last - first + 1);
        const after = score(Number(a.move.slice(3)), first, last - first + 1);
        const g = pairedGain(before, after);
        expect(g.ci95![0]).toBeGreaterThan(0);
        expect(a.ci95[0]).toBeGreaterThan(0);
        accepted++;
      }
    }
    // Screening picks the luckiest of ten, but confirmation on fresh replications keeps false
    // acceptances near the one-sided 2.5 % (about 1 in 40 runs; these seeds are fixed).
    expect(accepted).toBeLessThanOrEqual(2); // measured: 0 of 40 (confirming on the screening data instead: 4)
  });

  it('accepts a real improvement, stops when none is left, and reports the overall gain on fresh replications', () => {
    const { space, score } = synthetic([0, 0.01, 0.05, 0.02], 'real');
    const r = refineBySimulation(0, space, score, { replications: 6 });
    expect(r.layout).toBe(2);
    expect(r.accepted.map((a) => a.move)).toEqual(['to 2']);
    expect(r.accepted[0].gain).toBeCloseTo(0.05, 1);
    expect(r.stop).toBe('no-improving-candidate');
    expect(r.overall!.ci95![0]).toBeGreaterThan(0);
    // The overall check uses replications no round used.
    expect(r.overall!.replications[0]).toBeGreaterThan(r.accepted[0].replications[1]);
  });

  it('refines a real deployment in a simulated scenario, deterministically, every accepted move confirmed', () => {
    // A line a - b - ... - h (60 s per edge), calls everywhere; three units start bunched at one end.
    const nodes = 'abcdefgh'.split('');
    const roads = ['from,to,time_s', ...nodes.slice(1).map((v, k) => `${nodes[k]},${v},60`)].join('\n');
    const sc0 = {
      name: 'line', network: { files: ['roads.csv'], undirected: true }, horizonS: 86400 * 3, warmupS: 3600, seed: 3, replications: 4,
      demand: { kind: 'poisson', incidentsPerDay: 60, classMix: { call: 1 } },
      classes: [{ name: 'call', tiers: [{ targetS: 60, units: 1 }], onScene: { kind: 'exponential', meanS: 900 } }],
      posts: [{ id: 'P', node: 'a' }], units: [{ id: 'u', type: 'car', post: 'P', count: 3 }],
    };
    const dir = tempDir({ 'roads.csv': `${roads}\n`, 'scenario.json': JSON.stringify(sc0) });
    const sc = loadScenario(join(dir, 'scenario.json'));
    const all = Int32Array.from(nodes, (_, v) => v);
    const p = networkProblem(buildRoutingGraph(sc.graph, scenarioEdgeTimesS(sc, 0)), { demandNodes: all, candidateNodes: all, nodeIds: sc.graph.nodeIds, maxTimeS: 60 });
    const tiers = [{ targetS: 60, units: 1 }];
    const run = () => {
      const space = deploymentMoves(p, tiers, tierValues(tiers, 'expected', 0.2, 6), [coverageSets(p, 60)]);
      const start = Int32Array.from([3, 0, 0, 0, 0, 0, 0, 0]);
      return refineBySimulation(start, space, deploymentScorer(sc, sc.graph.nodeIds as string[], 0, [1]), { replications: 4, candidates: 3, maxRounds: 4 });
    };
    const r = run();
    expect(r.accepted.length).toBeGreaterThanOrEqual(1);
    for (const a of r.accepted) expect(a.ci95[0]).toBeGreaterThan(0);
    expect(estimate([r.overall!.gain]).mean).toBeGreaterThan(0);
    expect(r.overall!.ci95![0]).toBeGreaterThan(0);
    const again = run();
    expect(Array.from(again.layout)).toEqual(Array.from(r.layout));
    expect(again.accepted).toEqual(r.accepted);
  }, 120_000);
});
