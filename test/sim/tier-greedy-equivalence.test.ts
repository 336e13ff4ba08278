import seedrandom from 'seedrandom';
import { describe, expect, it } from 'vitest';
import { createRoadGraphBuilder } from '../../engine/graph/road-graph.ts';
import { loadScenario, resolveScenarioWithGraph } from '../../engine/sim/load-scenario.ts';
import { prepareModel } from '../../engine/sim/model.ts';
import { moveUp } from '../../engine/sim/relocation/moves.ts';
import type { Relocator } from '../../engine/sim/relocation/relocator.ts';
import { createTierGreedyRelocator } from '../../engine/sim/relocation/tier-greedy.ts';
import { createReplication } from '../../engine/sim/replication.ts';
import type { ReplicationState } from '../../engine/sim/replication-state.ts';
import type { RelocationFile, ScenarioFile } from '../../engine/sim/scenario-file.ts';
import type { Scenario } from '../../engine/sim/scenario.ts';
import { createReferenceTierGreedy } from './tier-greedy-reference.ts';

/**
 * The engine's tier-greedy move-up (demand atoms, bounds, exact figures only where they decide) must
 * pick exactly the moves of the first implementation (tier-greedy-reference.ts), round by round:
 * same unit, same post, or no move, on the same state. Each replication runs with a relocator that
 * asks both, compares, and makes the reference's move.
 */
function compareRounds(sc: Scenario, replication = 0): { rounds: number; moves: number; mismatches: string[] } {
  const policy = sc.relocation;
  if (policy.policy !== 'tier-greedy') throw new Error('tier-greedy scenario expected');
  const model = prepareModel(sc);
  const reference = createReferenceTierGreedy(model, policy);
  const fast = createTierGreedyRelocator(model, policy);
  let rounds = 0, moves = 0;
  const mismatches: string[] = [];
  const checker: Relocator = {
    policy: 'tier-greedy',
    afterEvent(sim: ReplicationState, t: number) {
      for (let round = 0; round < policy.limits.maxMoves; round++) {
        const want = reference.chooseMove(sim, t);
        const got = fast.chooseMove(sim, t);
        rounds++;
        if (got.unit !== want.unit || got.post !== want.post) {
          mismatches.push(`t=${t} round ${round}: reference unit ${want.unit} -> post ${want.post}, engine unit ${got.unit} -> post ${got.post}`);
        }
        if (want.unit < 0 || !moveUp(sim, want.unit, want.post, t)) return;
        moves++;
      }
    },
  };
  const rep = createReplication(model, replication);
  (rep.state as { relocator: Relocator | null }).relocator = checker;
  rep.run();
  return { rounds, moves, mismatches };
}

/**
 * A random city: nodes on a jittered grid joined to their neighbours (both ways, integer times, so
 * equal sums are exact and ties are common), posts on random nodes, cars, motorbikes and foot units
 * (three travel slots), some on a day shift, hourly speed factors (more slots by hour), classes whose
 * tiers share targets, and a plan whose block moves a mobile station and reassigns a unit.
 */
function randomCity(seed: number, relocation: Partial<Extract<RelocationFile, { policy: 'tier-greedy' }>>): Scenario {
  const rng = seedrandom(`tier-greedy-city-${seed}`);
  const side = 6 + Math.floor(rng() * 3);
  const b = createRoadGraphBuilder('planar');
  const id = (x: number, y: number) => `n${x}_${y}`;
  for (let x = 0; x < side; x++) for (let y = 0; y < side; y++) b.addNode({ id: id(x, y), x: x * 300 + rng() * 50, y: y * 300 + rng() * 50 });
  const road = (a: string, c: string) => {
    const t = 15 + Math.floor(rng() * 45);
    b.addEdge({ from: a, to: c, timeS: t, lengthM: t * 12 });
    b.addEdge({ from: c, to: a, timeS: t, lengthM: t * 12 });
  };
  for (let x = 0; x < side; x++) {
    for (let y = 0; y < side; y++) {
      if (x + 1 < side && rng() < 0.9) road(id(x, y), id(x + 1, y));
      if (y + 1 < side && rng() < 0.9) road(id(x, y), id(x, y + 1));
      if (x + 1 < side && y + 1 < side && rng() < 0.2) road(id(x, y), id(x + 1, y + 1));
    }
  }
  for (let x = 0; x + 1 < side; x++) road(id(x, 0), id(x + 1, 0)); // one connected spine
  for (let y = 0; y + 1 < side; y++) road(id(0, y), id(0, y + 1));
  const graph = b.build({ format: 'test', files: [] });
  const nodes = [...Array(graph.nodeCount).keys()].map((v) => graph.nodeIds[v]);
  const pick = () => nodes[Math.floor(rng() * nodes.length)];
  const weights: Record<string, number> = {};
  for (const v of nodes) if (rng() < 0.8) weights[v] = Math.floor(1 + rng() * 5); // integer weights: equal demand, exact ties
  const postCount = 6 + Math.floor(rng() * 4);
  const posts = Array.from({ length: postCount }, (_, k) => ({ id: `P${k}`, node: pick() }));
  const types = ['car', 'motorbike', 'foot'];
  const units = Array.from({ length: 8 + Math.floor(rng() * 6) }, (_, k) => ({
    id: `U${k}`, type: types[k % 3 === 2 && rng() < 0.5 ? 2 : k % 2], post: `P${Math.floor(rng() * postCount)}`,
    ...(rng() < 0.25 ? { shift: 'day' } : {}),
  }));
  const file: ScenarioFile = {
    network: { files: ['random'] }, horizonS: 2 * 86400, warmupS: 0, seed, replications: 1,
    travel: { hourlySpeedFactor: Array.from({ length: 24 }, (_, h) => (h >= 7 && h < 10 ? 0.8 : h >= 17 && h < 20 ? 0.7 : 1)) },
    demand: { kind: 'poisson', incidentsPerDay: 60 + Math.floor(rng() * 60), spatial: { kind: 'nodes', weights }, classMix: { serious: 0.3, urgent: 0.3, routine: 0.4 } },
    classes: [
      { name: 'serious', priority: 1, tiers: [{ targetS: 60, units: 1 }, { targetS: 120, units: 2 }, { targetS: 180, units: 3 }], onScene: { kind: 'exponential', meanS: 1800 } },
      { name: 'urgent', priority: 2, tiers: [{ targetS: 120, units: 1 }, { targetS: 180, units: 2 }], onScene: { kind: 'exponential', meanS: 1500 } },
      { name: 'routine', priority: 3, tiers: [{ targetS: 180, units: 1 }], onScene: { kind: 'exponential', meanS: 1200 } },
    ],
    unitTypes: [{ name: 'foot', responseSpeedFactor: 0.5 }],
    posts, units,
    shifts: [{ name: 'day', startHour: 7, endHour: 19 }],
    plan: {
      posts: [{ id: 'S0', node: pick() }],
      blocks: [{ name: 'peak', startHour: 17, endHour: 21, postNodes: { P0: pick() }, assign: [{ unit: 'U1', post: 'S0' }] }],
    },
    relocation: { policy: 'tier-greedy', maxTravelS: 400, cooldownS: 600, ...relocation },
    dispatch: { policy: 'nearest', queue: true },
  };
  return resolveScenarioWithGraph(file, graph);
}

/**
 * A ring town: 24 nodes in a ring, 30 s apart both ways, equal demand everywhere, posts every fourth
 * node, two cars at P0 and two at P3. The town is its own mirror image across the P0-P3 axis, so two
 * moves often raise coverage by exactly the same figure (P0 -> P1 and P0 -> P5, say) and the tie
 * rules decide: the shorter drive (a unit coming back from a call is off the axis), then the lower
 * unit, then the lower post.
 */
function ringTown(seed: number): Scenario {
  const n = 24;
  const b = createRoadGraphBuilder('planar');
  for (let k = 0; k < n; k++) b.addNode({ id: `r${k}`, x: 1000 * Math.cos((2 * Math.PI * k) / n), y: 1000 * Math.sin((2 * Math.PI * k) / n) });
  for (let k = 0; k < n; k++) {
    b.addEdge({ from: `r${k}`, to: `r${(k + 1) % n}`, timeS: 30, lengthM: 300 });
    b.addEdge({ from: `r${(k + 1) % n}`, to: `r${k}`, timeS: 30, lengthM: 300 });
  }
  const graph = b.build({ format: 'test', files: [] });
  const weights: Record<string, number> = {};
  for (let k = 0; k < n; k++) weights[`r${k}`] = 1;
  const file: ScenarioFile = {
    network: { files: ['ring'] }, horizonS: 2 * 86400, warmupS: 0, seed, replications: 1,
    demand: { kind: 'poisson', incidentsPerDay: 80, spatial: { kind: 'nodes', weights }, classMix: { serious: 0.5, routine: 0.5 } },
    classes: [
      { name: 'serious', priority: 1, tiers: [{ targetS: 60, units: 1 }, { targetS: 120, units: 2 }], onScene: { kind: 'exponential', meanS: 1800 } },
      { name: 'routine', priority: 2, tiers: [{ targetS: 90, units: 1 }], onScene: { kind: 'exponential', meanS: 1200 } },
    ],
    posts: Array.from({ length: 6 }, (_, k) => ({ id: `P${k}`, node: `r${4 * k}` })),
    units: [{ id: 'A', type: 'car', post: 'P0', count: 2 }, { id: 'B', type: 'car', post: 'P3', count: 2 }],
    relocation: { policy: 'tier-greedy', maxTravelS: 400, cooldownS: 0, minGain: 0 },
    dispatch: { policy: 'nearest', queue: true },
  };
  return resolveScenarioWithGraph(file, graph);
}

describe('tier-greedy move-up: the engine picks the reference implementation\'s moves, round by round', () => {
  const futian = 'scenarios/shenzhen-futian/scenario.json';
  it('on Futian (2 days, defaults)', () => {
    const r = compareRounds(loadScenario(futian, { replications: 1, horizonS: 2 * 86400, warmupS: 0, relocation: 'tier-greedy' }));
    expect(r.mismatches).toEqual([]);
    expect(r.rounds).toBeGreaterThan(500);
    expect(r.moves).toBeGreaterThan(30);
  });

  it('on Futian with the evening-peak plan, two moves per event, no cooldown and minGain 0 (moves worth a rounding error included)', () => {
    const relocation: RelocationFile = { policy: 'tier-greedy', maxMoves: 2, cooldownS: 0, minGain: 0, maxTravelS: 300 };
    const sc = loadScenario(futian, { replications: 1, horizonS: 86400 + 6 * 3600, warmupS: 0, relocation, plan: 'peak-plan.json' });
    const r = compareRounds(sc);
    expect(r.mismatches).toEqual([]);
    expect(r.moves).toBeGreaterThan(100);
  });

  for (const seed of [1, 2, 3, 4, 5, 6]) {
    it(`on random city ${seed} (three travel slots, hourly speeds, shifts, a mobile station; minGain ${seed % 2 ? 0 : 0.001}, maxMoves ${1 + (seed % 3)})`, () => {
      const sc = randomCity(seed, { minGain: seed % 2 ? 0 : 0.001, maxMoves: 1 + (seed % 3), busyFraction: 0.2 + 0.1 * seed, ...(seed === 6 ? { cooldownS: 0 } : {}) });
      const r = compareRounds(sc);
      expect(r.mismatches).toEqual([]);
      expect(r.rounds).toBeGreaterThan(100);
      expect(r.moves).toBeGreaterThan(5);
    });
  }

  for (const seed of [1, 2, 3]) {
    it(`on the ring town ${seed} (mirror-image moves tie exactly: the tie rules decide)`, () => {
      const r = compareRounds(ringTown(seed));
      expect(r.mismatches).toEqual([]);
      expect(r.moves).toBeGreaterThan(20);
    });
  }
});
