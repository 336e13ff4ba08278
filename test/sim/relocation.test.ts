import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createRoadGraphBuilder } from '../../engine/graph/road-graph.ts';
import { parseCsvNetwork } from '../../engine/io/network/csv-network.ts';
import { loadScenario, resolveScenarioWithGraph } from '../../engine/sim/load-scenario.ts';
import { prepareModel } from '../../engine/sim/model.ts';
import { simulationFiles } from '../../engine/sim/outputs.ts';
import { createTierGreedyRelocator } from '../../engine/sim/relocation/tier-greedy.ts';
import { createReplication } from '../../engine/sim/replication.ts';
import { runSimulation } from '../../engine/sim/run-simulation.ts';
import type { RelocationFile, ScenarioFile } from '../../engine/sim/scenario-file.ts';
import { isAvailable, UnitState } from '../../engine/sim/unit-state.ts';
import { floydWarshall } from '../support/random-graph.ts';
import { incidentRows, writeLineScenario, writeNetworkScenario } from './helpers.ts';

const S = UnitState;

/**
 *   x --150-- m --150-- y       posts X (x), M (m), Y (y); U1, U2 at X, U3 at Y
 *
 * Calls come at x and y only (equal weights), class "call": 1 unit within 60 s.
 */
const STAR = 'from,to,time_s\nx,m,150\nm,x,150\nm,y,150\ny,m,150\n';
function star(relocation: RelocationFile | undefined, rows: [number, string, string, number][], extra: Partial<ScenarioFile> = {}) {
  return writeNetworkScenario(STAR, {
    horizonS: 20_000,
    classes: [{ name: 'call', tiers: [{ targetS: 60, units: 1 }], onScene: { kind: 'fixed', valueS: 1000 } }],
    posts: [{ id: 'X', node: 'x' }, { id: 'M', node: 'm' }, { id: 'Y', node: 'y' }],
    units: [{ id: 'U1', type: 'car', post: 'X' }, { id: 'U2', type: 'car', post: 'X' }, { id: 'U3', type: 'car', post: 'Y' }],
    trace: { untilS: 20_000 },
    ...(relocation ? { relocation } : {}),
    ...extra,
  }, incidentRows(rows));
}
function changes(waypoints: number[][], u: number): [number, number][] {
  const w = waypoints[u];
  const out: [number, number][] = [];
  for (let k = 0; k < w.length; k += 4) if (out.length === 0 || out[out.length - 1][1] !== w[k + 3]) out.push([w[k], w[k + 3]]);
  return out;
}
const greedy = (o: Partial<Extract<RelocationFile, { policy: 'tier-greedy' }>> = {}): RelocationFile => ({ policy: 'tier-greedy', busyFraction: 0.3, maxTravelS: 1000, cooldownS: 0, ...o });

describe('tier-greedy move-up', () => {
  it('fills the hole a dispatch leaves: a second unit of X drives to Y when Y\'s unit goes out', () => {
    // Y's unit takes the call at y (0 s); y has no unit left within 60 s, x has two: moving one of X's
    // to Y raises E by 0.5·p − 0.5·p·q > 0. U1 and U2 gain the same and drive the same: U1 (lower index).
    const r = runSimulation(loadScenario(star(greedy(), [[100, 'y', 'call', 1000], [19_000, 'x', 'call', 10]])));
    expect(changes(r.first.trace!.waypoints, 0).slice(0, 3)).toEqual([[0, S.atPost], [100, S.moving], [400, S.atPost]]);
    expect(changes(r.first.trace!.waypoints, 1).slice(0, 1)).toEqual([[0, S.atPost]]);
    expect(r.first.relocationMoves[0]).toBeGreaterThanOrEqual(1);
  });

  it('respects maxTravelS: Y is 300 s from X, so with maxTravelS 299 nobody moves', () => {
    const r = runSimulation(loadScenario(star(greedy({ maxTravelS: 299 }), [[100, 'y', 'call', 1000]])));
    expect(Array.from(r.first.relocationMoves)).toEqual([0, 0, 0]);
    const r2 = runSimulation(loadScenario(star(greedy({ maxTravelS: 300 }), [[100, 'y', 'call', 1000]])));
    expect(r2.first.relocationMoves[0]).toBeGreaterThanOrEqual(1);
  });

  it('respects minGain: a move worth less than it is not made', () => {
    // The gain of the move above is 0.5·0.7 − 0.5·0.7·0.3 = 0.245; tiers are one per class, weight 1.
    const rows: [number, string, string, number][] = [[100, 'y', 'call', 1000], [19_000, 'x', 'call', 10]];
    const none = runSimulation(loadScenario(star(greedy({ minGain: 0.246 }), rows)));
    expect(Array.from(none.first.relocationMoves)).toEqual([0, 0, 0]);
    const one = runSimulation(loadScenario(star(greedy({ minGain: 0.244 }), rows)));
    expect(changes(one.first.trace!.waypoints, 0)[1]).toEqual([100, S.moving]);
  });

});

describe('move-up and plans together', () => {
  it('a block boundary sends a moved-up unit to the place the block gives it; a unit the block leaves alone stays moved up', () => {
    // U3 (Y) is busy 100..5100 s; tier-greedy sends U1 from X to Y at 100 s. At 01:00 the block puts U1
    // at M: the plan wins, U1 drives Y -> M (150 s). With the block giving U2 M instead, U1 stays at Y.
    const rows: [number, string, string, number][] = [[100, 'y', 'call', 5000], [19_000, 'x', 'call', 10]];
    const blockFor = (unit: string) => ({ blocks: [{ name: 'peak', startHour: 1, endHour: 2, assign: [{ unit, post: 'M' }] }] });
    const planned = runSimulation(loadScenario(star(greedy({ cooldownS: 7200 }), rows, { plan: blockFor('U1') })));
    expect(changes(planned.first.trace!.waypoints, 0).slice(0, 5)).toEqual([[0, S.atPost], [100, S.moving], [400, S.atPost], [3600, S.moving], [3750, S.atPost]]);
    expect(planned.first.planMoves[0]).toBeGreaterThanOrEqual(1);
    const other = runSimulation(loadScenario(star(greedy({ cooldownS: 7200 }), rows, { plan: blockFor('U2') })));
    const u1 = changes(other.first.trace!.waypoints, 0);
    expect(u1.slice(0, 3)).toEqual([[0, S.atPost], [100, S.moving], [400, S.atPost]]);
    expect(u1.some(([t, st]) => t === 3600 && st === S.moving)).toBe(false);
    expect(changes(other.first.trace!.waypoints, 1)).toContainEqual([3600, S.moving]);
  });
});

describe('move-up limits hold on a busy city (Futian, tier-greedy and compliance-table)', () => {
  const futian = 'scenarios/shenzhen-futian/scenario.json';
  for (const relocation of [
    { policy: 'tier-greedy', maxMoves: 2, maxTravelS: 240, cooldownS: 1200 },
    { policy: 'compliance-table', maxMoves: 1, maxTravelS: 300, cooldownS: 600, table: complianceTable() },
  ] as RelocationFile[]) {
    it(`${relocation.policy}: never moves a busy or off-duty unit, at most maxMoves per event, within maxTravelS, not twice within cooldownS`, () => {
      const sc = loadScenario(futian, { replications: 1, horizonS: 3 * 86400, warmupS: 0, relocation });
      const limits = (sc.relocation as Extract<typeof sc.relocation, { limits: unknown }>).limits;
      const rep = createReplication(prepareModel(sc), 0);
      const s = rep.state;
      const before = new Uint8Array(s.unitCount);
      const movesBefore = new Int32Array(s.unitCount);
      const lastMove = new Float64Array(s.unitCount).fill(-Infinity);
      let moves = 0, perEventMax = 0;
      while (true) {
        before.set(s.unitState); movesBefore.set(s.relocationMoves);
        const pending = new Map<number, number>();
        if (!rep.step()) break;
        let thisEvent = 0;
        for (let u = 0; u < s.unitCount; u++) {
          const started = s.relocationMoves[u] - movesBefore[u];
          if (started === 0) continue;
          thisEvent += started;
          // The unit was idle when the event came (or freed by it: cleared units are returning).
          const from = before[u] as UnitState;
          expect(isAvailable(from) || (from === S.onScene && s.unitState[u] !== S.offShift), `unit ${u} moved from state ${from}`).toBe(true);
          expect(s.unitState[u], `unit ${u} is moving`).toBe(S.moving);
          expect(s.nowS - lastMove[u], `unit ${u} moved again within the cooldown`).toBeGreaterThanOrEqual(limits.cooldownS);
          lastMove[u] = s.nowS;
          pending.set(u, s.nowS);
        }
        moves += thisEvent;
        perEventMax = Math.max(perEventMax, thisEvent);
        expect(thisEvent).toBeLessThanOrEqual(limits.maxMoves);
        // Every move started now is a drive within maxTravelS: its arrival event is at most that far away.
        for (const u of pending.keys()) {
          const m = s.motion[u];
          const arrive = m.locate(s.nowS + limits.maxTravelS + 1e-6, s.oracle.slotEdgeTimeS(s.unitSlot[u]), { node: 0, offsetS: 0, edge: -1, frac: 0 });
          expect(arrive.node, `unit ${u} reaches its new station within maxTravelS`).toBe(s.model.places[s.station[u]].node);
        }
      }
      expect(moves).toBeGreaterThan(10);
    });
  }

  function complianceTable(): string[][] {
    const order = ['S-Futian', 'S-Civic', 'S-Xiangmihu', 'S-Lianhua', 'S-Shatou', 'S-Yuanling', 'K-CocoPark', 'K-Gangxia', 'M-Huanggang', 'K-Chegongmiao', 'K-Jingtian', 'M-CivicSquare', 'K-Shixia', 'K-Xiangmei', 'M-Lianhuashan'];
    return Array.from({ length: 22 }, (_, n) => Array.from({ length: n + 1 }, (_, k) => order[k % order.length]));
  }
});

describe('compliance table', () => {
  it('fills the posts of the row for the units available with the nearest unit not already filling one', () => {
    // With 2 units available the row is [X, Y]: when U3 (at Y) goes out, U1 fills X and U2 drives to Y.
    const table = [['M'], ['X', 'Y'], ['X', 'X', 'Y']];
    const r = runSimulation(loadScenario(star({ policy: 'compliance-table', table, maxTravelS: 1000, cooldownS: 0 }, [[100, 'y', 'call', 1000]])));
    expect(changes(r.first.trace!.waypoints, 1).slice(0, 3)).toEqual([[0, S.atPost], [100, S.moving], [400, S.atPost]]);
    expect(r.first.relocationMoves[0]).toBe(0);
  });

  it('rejects a row with the wrong number of posts and an unknown post, with their JSON paths', () => {
    const path = star({ policy: 'compliance-table', table: [['X'], ['X']], maxMoves: 1 }, [[100, 'y', 'call', 10]]);
    expect(() => loadScenario(path)).toThrow(/\/relocation\/table\/1: expected 2 post ids \(the posts to fill with 2 units available\), got 1/);
    const path2 = star({ policy: 'compliance-table', table: [['Q']] }, [[100, 'y', 'call', 10]]);
    expect(() => loadScenario(path2)).toThrow(/\/relocation\/table\/0\/0: expected a post id of \/posts or of the plan's posts, got "Q"/);
  });
});

describe('relocation input and determinism', () => {
  it('`relocation: none` gives byte-identical files to a scenario without the field', () => {
    const rows: [number, string, string, number][] = [[100, 'y', 'call', 1000], [300, 'x', 'call', 50], [2000, 'm', 'call', 10]];
    const without = simulationFiles(runSimulation(loadScenario(star(undefined, rows))));
    const none = simulationFiles(runSimulation(loadScenario(star({ policy: 'none' }, rows))));
    const overridden = simulationFiles(runSimulation(loadScenario(star(greedy(), rows), { relocation: 'none' })));
    expect(none).toEqual(without);
    expect(overridden['incidents.csv']).toEqual(without['incidents.csv']);
    expect(JSON.parse(overridden['summary.json']).relocation).toEqual({ policy: 'none' });
  });

  it('every policy faces the same incidents for a seed (incident streams untouched by move-up)', () => {
    const base = { replications: 2, horizonS: 2 * 86400, warmupS: 0 };
    const a = runSimulation(loadScenario('scenarios/shenzhen-futian/scenario.json', { ...base, relocation: 'none' }), { trace: false });
    const b = runSimulation(loadScenario('scenarios/shenzhen-futian/scenario.json', { ...base, relocation: 'tier-greedy' }), { trace: false });
    for (const key of ['timeS', 'node', 'cls', 'onSceneS'] as const) expect(Array.from(b.first.incidents[key])).toEqual(Array.from(a.first.incidents[key]));
    expect(b.relocations.moves.mean).toBeGreaterThan(0);
  });

  it('rejects maxMoves < 0 and unknown classes and posts with their JSON paths (exit 2 in the CLI)', () => {
    const bad = star({ policy: 'tier-greedy', maxMoves: -1, posts: ['X', 'NOPE'], classWeights: { calls: 1 } } as RelocationFile, [[100, 'y', 'call', 10]]);
    expect(() => loadScenario(bad)).toThrow(/\/relocation\/maxMoves: expected a number >= 0, got -1/);
    const bad2 = star({ policy: 'tier-greedy', posts: ['X', 'NOPE'], classWeights: { calls: 1 } } as RelocationFile, [[100, 'y', 'call', 10]]);
    let msg = '';
    try { loadScenario(bad2); } catch (err) { msg = (err as Error).message; }
    expect(msg).toContain('/relocation/posts/1: expected a post id of /posts or of the plan\'s posts, got "NOPE"');
    expect(msg).toContain('/relocation/classWeights/calls: expected a class name of /classes');
  });
});

describe('simulate --relocation', () => {
  const bin = new URL('../../bin/patrolsim.mjs', import.meta.url).pathname;
  const cli = (...args: string[]) => spawnSync(process.execPath, [bin, 'simulate', ...args, '--out', mkdtempSync(join(tmpdir(), 'patrolsim-run-'))], { encoding: 'utf8' });

  it('runs the named policy and reports its moves', () => {
    const r = cli(star(undefined, [[100, 'y', 'call', 1000], [19_000, 'x', 'call', 10]], { relocation: { policy: 'tier-greedy', maxTravelS: 1000 } as RelocationFile }), '--relocation', 'tier-greedy', '--json');
    expect(r.status, r.stderr).toBe(0);
    const summary = JSON.parse(r.stdout);
    expect(summary.relocation).toMatchObject({ policy: 'tier-greedy', maxTravelS: 1000 });
    expect(summary.relocations.moves.mean).toBeGreaterThan(0);
  });

  it('exits 2 on an unknown policy, on maxMoves < 0 (with its JSON path) and on compliance-table without a table', () => {
    const path = star(undefined, [[100, 'y', 'call', 10]]);
    const r = cli(path, '--relocation', 'sideways');
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('--relocation: expected one of none, compliance-table, tier-greedy, got "sideways"');
    const bad = cli(star({ policy: 'tier-greedy', maxMoves: -1 }, [[100, 'y', 'call', 10]]));
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/\/relocation\/maxMoves: expected a number >= 0, got -1/);
    expect(bad.stderr).not.toMatch(/\n\s+at /);
    const noTable = cli(path, '--relocation', 'compliance-table');
    expect(noTable.status).toBe(2);
    expect(noTable.stderr).toContain('/relocation/table: required field is missing');
  });
});

describe('tier-greedy picks the exact best move (brute force over every unit and post)', () => {
  /** A ring of 10 nodes with chords, both directions, integer times (exact sums). */
  function ringCity(seed: number) {
    const b = createRoadGraphBuilder('planar');
    let r = seed;
    const rnd = () => { r = (r * 1103515245 + 12345) % 2147483648; return r / 2147483648; };
    const n = 10;
    for (let i = 0; i < n; i++) b.addNode({ id: `n${i}`, x: Math.cos(i) * 1000, y: Math.sin(i) * 1000 });
    const add = (i: number, j: number) => { const t = 20 + Math.floor(rnd() * 70); b.addEdge({ from: `n${i}`, to: `n${j}`, timeS: t, lengthM: t * 10 }); b.addEdge({ from: `n${j}`, to: `n${i}`, timeS: t, lengthM: t * 10 }); };
    for (let i = 0; i < n; i++) add(i, (i + 1) % n);
    for (let k = 0; k < 4; k++) add(Math.floor(rnd() * n), Math.floor(rnd() * n));
    const weights: Record<string, number> = {};
    for (let i = 0; i < n; i++) weights[`n${i}`] = 0.2 + rnd();
    return { graph: b.build({ format: 'test', files: [] }), weights, rnd };
  }
  const binom = (m: number, p: number, k: number) => {
    let tail = 0;
    for (let i = k; i <= m; i++) { let c = 1; for (let j = 0; j < i; j++) c = (c * (m - j)) / (j + 1); tail += c * p ** i * (1 - p) ** (m - i); }
    return tail;
  };

  for (const seed of [1, 2, 3, 4, 5]) {
    it(`seed ${seed}: the move made is the best of all (unit, post) pairs by the DMEXCLP tier objective`, () => {
      const { graph, weights, rnd } = ringCity(seed);
      const postNodes = [0, 2, 4, 6, 8, 9].map((i) => `n${i}`);
      const classes = [
        { name: 'serious', tiers: [{ targetS: 60, units: 1 }, { targetS: 150, units: 2 }], onScene: { kind: 'fixed' as const, valueS: 3000 } },
        { name: 'routine', tiers: [{ targetS: 120, units: 1 }], onScene: { kind: 'fixed' as const, valueS: 3000 } },
      ];
      const file: ScenarioFile = {
        network: { files: ['ring'] }, horizonS: 86400, seed, replications: 1,
        demand: { kind: 'poisson', incidentsPerDay: 30, spatial: { kind: 'nodes', weights }, classMix: { serious: 0.4, routine: 0.6 } },
        classes, unitTypes: [{ name: 'car', responseSpeedFactor: 1 }],
        posts: postNodes.map((v, k) => ({ id: `P${k}`, node: v })),
        units: [0, 0, 1, 3, 5, 5].map((p, k) => ({ id: `U${k}`, type: 'car', post: `P${p}` })),
        relocation: { policy: 'tier-greedy', busyFraction: 0.35, maxMoves: 0, maxTravelS: 1e9, cooldownS: 0, minGain: 0 },
      };
      const sc = resolveScenarioWithGraph(file, graph);
      const model = prepareModel(sc);
      const policy = { ...(sc.relocation as Extract<typeof sc.relocation, { policy: 'tier-greedy' }>) };
      const oneMove = createTierGreedyRelocator(model, { ...policy, limits: { ...policy.limits, maxMoves: 1 } });
      const d = floydWarshall(graph);
      const p = 1 - policy.busyFraction;
      const demand = Object.keys(weights).map((id) => ({ v: graph.indexOf(id), w: weights[id] }));
      const total = demand.reduce((a, x) => a + x.w, 0);
      const tiers = [
        ...classes[0].tiers.map((t) => ({ ...t, w: 0.4 / 2 })),
        ...classes[1].tiers.map((t) => ({ ...t, w: 0.6 })),
      ];
      const objective = (nodes: number[]) => demand.reduce((e, { v, w }) => e + (w / total) * tiers.reduce((s, t) => s + t.w * binom(nodes.filter((a) => d[a][v] <= t.targetS).length, p, t.units), 0), 0);
      const rep = createReplication(model, 0);
      const s = rep.state;
      let checked = 0;
      while (rep.step() && checked < 12) {
        if (rnd() < 0.5) continue;
        // Brute force on the state as it is: every idle unit counted at its station's node.
        const idle = [...Array(s.unitCount).keys()].filter((u) => isAvailable(s.unitState[u] as UnitState));
        if (idle.length === 0) continue;
        const nodeOf = (u: number) => s.model.places[s.station[u]].node;
        const base = objective(idle.map(nodeOf));
        let best = 0;
        for (const u of idle) {
          for (const b of policy.posts) {
            const bn = s.model.layouts[s.layout].postNode[b];
            if (bn === nodeOf(u)) continue;
            best = Math.max(best, objective(idle.map((x) => (x === u ? bn : nodeOf(x)))) - base);
          }
        }
        const stationsBefore = Int32Array.from(s.station);
        oneMove.afterEvent(s, s.nowS);
        const moved = [...Array(s.unitCount).keys()].filter((u) => s.station[u] !== stationsBefore[u]);
        if (best <= 1e-12) { expect(moved).toEqual([]); continue; }
        expect(moved.length).toBe(1);
        const after = objective(idle.map(nodeOf));
        expect(after - base).toBeCloseTo(best, 12);
        checked++;
      }
      expect(checked).toBeGreaterThan(3);
    });
  }
});
