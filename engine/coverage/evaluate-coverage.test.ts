import { describe, expect, it } from 'vitest';
import seedrandom from 'seedrandom';
import { floydWarshall, graphFrom, randomGraph } from '../../test/support/random-graph.ts';
import { buildRoutingGraph } from '../routing/routing-graph.ts';
import { evaluateCoverage, type DemandPoint } from './evaluate-coverage.ts';
import type { Tier } from './tiers.ts';

describe('static coverage', () => {
  //  P(2 units) -40- a -50- b -100- Q(1 unit)      (all two-way)
  //  times from P: a 40, b 90, Q 190;  from Q: b 100, a 150, P 190
  const g = graphFrom(['P-a:40', 'a-b:50', 'b-Q:100']);
  const rg = buildRoutingGraph(g);
  const ix = (id: string) => g.indexOf(id);
  const posts = [{ node: ix('P'), units: 2 }, { node: ix('Q'), units: 1 }];
  const demand: DemandPoint[] = ['P', 'a', 'b', 'Q'].map((id, i) => ({ node: ix(id), weight: i + 1 }));

  it('computes the 1/3/5-minute tiers by hand on a line', () => {
    const cov = evaluateCoverage(rg, posts, demand);
    // 60 s / 1 unit: P (w1), a (w2), Q (w4) -> 7 of 10.
    expect(cov.tiers[0]).toMatchObject({ targetS: 60, units: 1, coveredWeight: 7, totalWeight: 10, coveredCount: 3, count: 4 });
    expect(cov.tiers[0].coveredShare).toBeCloseTo(0.7, 12);
    // 180 s / 2 units: P (0,0), a (40,40), b (90,90) -> 6; Q has one own unit (0) and P's at 190.
    expect(cov.tiers[1]).toMatchObject({ coveredWeight: 6, coveredCount: 3 });
    // 300 s / 3 units: P 0,0,190; a 40,40,150; b 90,90,100; Q 0,190,190 -> all 10.
    expect(cov.tiers[2]).toMatchObject({ coveredWeight: 10, coveredCount: 4 });
    expect(Array.from(cov.arrivalS.subarray(3, 6))).toEqual([40, 40, 150]);
  });

  it('counts a demand point exactly at the target as covered (arrival <= target)', () => {
    const cov = evaluateCoverage(rg, posts, [{ node: ix('a'), weight: 1 }], { tiers: [{ targetS: 40, units: 2 }] });
    expect(cov.tiers[0].coveredCount).toBe(1);
    const miss = evaluateCoverage(rg, posts, [{ node: ix('a'), weight: 1 }], { tiers: [{ targetS: 39.999, units: 1 }] });
    expect(miss.tiers[0].coveredCount).toBe(0);
  });

  it('gives each demand class its own tier list', () => {
    const classed: DemandPoint[] = [
      { node: ix('b'), weight: 1, class: 'site' },
      { node: ix('a'), weight: 1, class: 'street' },
    ];
    const cov = evaluateCoverage(rg, posts, classed, { classTiers: { site: [{ targetS: 60, units: 1 }], street: [{ targetS: 300, units: 3 }] } });
    expect(cov.classes.map((c) => [c.name, c.tiers.map((t) => t.coveredCount)])).toEqual([['site', [0]], ['street', [1]]]);
  });

  it('matches brute force from Floyd–Warshall on random graphs and tier lists', () => {
    for (let trial = 0; trial < 10; trial++) {
      const rng = seedrandom(`cov-${trial}`);
      const graph = randomGraph(`cov-g-${trial}`, 40, 150, trial % 2 ? 4 : 0);
      const truth = floydWarshall(graph);
      const posts2 = Array.from({ length: 5 }, () => ({ node: Math.floor(rng() * 40), units: 1 + Math.floor(rng() * 2) }));
      const dem = Array.from({ length: 40 }, (_, v) => ({ node: v, weight: Math.floor(rng() * 5) }));
      const tiers: Tier[] = [{ targetS: 20 + Math.floor(rng() * 30), units: 1 }, { targetS: 60, units: 2 }, { targetS: 90, units: 3 }];
      const cov = evaluateCoverage(buildRoutingGraph(graph), posts2, dem, { tiers });
      tiers.forEach((tier, ti) => {
        let w = 0, c = 0, total = 0;
        for (const d of dem) {
          total += d.weight;
          const n = posts2.reduce((sum, p) => sum + (truth[p.node][d.node] <= tier.targetS ? p.units : 0), 0);
          if (n >= tier.units) { w += d.weight; c++; }
        }
        expect(cov.tiers[ti].coveredWeight).toBe(w);
        expect(cov.tiers[ti].coveredCount).toBe(c);
        expect(cov.tiers[ti].coveredShare).toBeCloseTo(total ? w / total : 0, 12);
      });
    }
  });

  it('never loses coverage when a unit is added, and coverage grows with the target', () => {
    const rng = seedrandom('monotone');
    const graph = randomGraph('monotone-g', 60, 240, 5);
    const rgm = buildRoutingGraph(graph);
    const dem = Array.from({ length: 60 }, (_, v) => ({ node: v, weight: 1 + Math.floor(rng() * 3) }));
    const tiers: Tier[] = [60, 120, 180, 240, 300].map((targetS) => ({ targetS, units: 2 }));
    let postsM: { node: number; units: number }[] = [{ node: 5, units: 1 }];
    let previous = evaluateCoverage(rgm, postsM, dem, { tiers });
    for (let step = 0; step < 10; step++) {
      postsM = rng() < 0.5 ? [...postsM, { node: Math.floor(rng() * 60), units: 1 }] : postsM.map((p, i) => (i === 0 ? { ...p, units: p.units + 1 } : p));
      const next = evaluateCoverage(rgm, postsM, dem, { tiers });
      next.tiers.forEach((t, i) => {
        expect(t.coveredWeight).toBeGreaterThanOrEqual(previous.tiers[i].coveredWeight);
        if (i > 0) expect(t.coveredWeight).toBeGreaterThanOrEqual(next.tiers[i - 1].coveredWeight);
      });
      previous = next;
    }
  });

  it('does not mutate its inputs', () => {
    const p = structuredClone(posts);
    const d = structuredClone(demand);
    evaluateCoverage(rg, p, d);
    expect(p).toEqual(posts);
    expect(d).toEqual(demand);
  });

  it('rejects negative weights and bad tiers with the field named', () => {
    expect(() => evaluateCoverage(rg, posts, [{ node: 0, weight: -1 }])).toThrow(/demand\[0\]\.weight/);
    expect(() => evaluateCoverage(rg, posts, demand, { tiers: [{ targetS: 60, units: 0 }] })).toThrow(/tiers\[0\]\.units/);
  });
});
