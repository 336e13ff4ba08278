import { describe, expect, it } from 'vitest';
import { cordonModel } from '../../engine/sim/cordon/cordon-model.ts';
import { CordonStatus } from '../../engine/sim/cordon/cordon-state.ts';
import { resolveScenarioWithGraph } from '../../engine/sim/load-scenario.ts';
import { prepareModel } from '../../engine/sim/model.ts';
import { createReplication } from '../../engine/sim/replication.ts';
import type { ScenarioFile } from '../../engine/sim/scenario-file.ts';
import { locateUnit } from '../../engine/sim/unit-actions.ts';
import { isAvailable, type UnitState } from '../../engine/sim/unit-state.ts';
import { floydWarshall, randomRoadGraph } from '../support/random-graph.ts';

/** Least latest arrival over every one-unit-per-exit assignment of t[k][e]; Infinity when there is none. */
function bruteLatest(t: number[][], exits: number): number {
  let best = Infinity;
  const used = new Array<boolean>(t.length).fill(false);
  const go = (e: number, latest: number) => {
    if (latest >= best) return;
    if (e === exits) { best = latest; return; }
    for (let k = 0; k < t.length; k++) {
      if (used[k] || t[k][e] === Infinity) continue;
      used[k] = true;
      go(e + 1, Math.max(latest, t[k][e]));
      used[k] = false;
    }
  };
  go(0, 0);
  return best;
}

describe('cordons in whole simulations against brute force at every report', () => {
  it('decides every incident as brute force does from the units free at its report (20 random cities)', () => {
    let met = 0, missed = 0, checked = 0;
    for (let trial = 0; trial < 20; trial++) {
      const graph = randomRoadGraph(`cordon-sim-${trial}`, 14, { extraEdges: 10 });
      const d = floydWarshall(graph);
      const ids = graph.nodeIds;
      const file: ScenarioFile = {
        network: { files: ['random'] }, horizonS: 6 * 3600, seed: trial + 1, replications: 1,
        demand: { kind: 'poisson', incidentsPerDay: 200, classMix: { robbery: 0.5, call: 0.5 } },
        classes: [
          { name: 'robbery', tiers: [{ targetS: 60, units: 1 }], onScene: { kind: 'exponential', meanS: 600 }, cordon: { radiusS: 20 + trial * 3, withinS: 60 } },
          { name: 'call', tiers: [{ targetS: 60, units: 1 }], onScene: { kind: 'exponential', meanS: 300 } },
        ],
        unitTypes: [{ name: 'car', responseSpeedFactor: 1 }],
        posts: [0, 3, 6, 9, 12].map((v) => ({ id: `P${v}`, node: ids[v] })),
        units: [0, 3, 6, 9, 12].map((v) => ({ id: `U${v}`, type: 'car', post: `P${v}`, count: 1 + (v % 2) })),
      };
      const model = prepareModel(resolveScenarioWithGraph(file, graph));
      // Every other city holds one ring at a time (a ring weighs its exits + 16), so rings are
      // dropped and computed again all through the run; the answers must not change.
      const small = trial % 2 === 1;
      if (small) cordonModel(model, 40);
      const rep = createReplication(model, 0);
      const sim = rep.state;
      for (;;) {
        const t = rep.peekTimeS();
        const before = sim.nextIncident;
        // Where every free unit is just before the step (the step may be the report).
        const free = Array.from({ length: sim.unitCount }, (_, u) => u).filter((u) => isAvailable(sim.unitState[u] as UnitState))
          .map((u) => { const loc = locateUnit(sim, u, t); return { u, node: loc.node, offsetS: loc.offsetS }; });
        if (!rep.step()) break;
        if (sim.nextIncident === before) continue;
        const i = before;
        const cls = sim.incidents.cls[i];
        if (cls !== 0) continue;
        const scene = sim.incidents.node[i];
        const { radiusS, withinS } = model.scenario.classes[0].cordon!;
        // The ring by its definition: region within radiusS of the scene, exits = region nodes with a road out of it.
        const inside = (v: number) => d[scene][v] <= radiusS;
        const exits: number[] = [];
        for (let v = 0; v < graph.nodeCount; v++) {
          if (!inside(v)) continue;
          for (let e = graph.outStart[v]; e < graph.outStart[v + 1]; e++) if (!inside(graph.edgeTo[graph.outEdge[e]])) { exits.push(v); break; }
        }
        const rec = sim.cordon!.record;
        expect(rec.exits[i]).toBe(exits.length);
        const sceneUnits = new Set(Array.from({ length: sim.assignedCount[i] }, (_, k) => sim.assignUnit[sim.assignOffset[i] + k]));
        const eligible = free.filter((f) => !sceneUnits.has(f.u));
        checked++;
        if (sim.assignedCount[i] < 1) { expect(rec.status[i]).toBe(CordonStatus.sceneShort); missed++; continue; }
        const latest = bruteLatest(eligible.map((f) => exits.map((x) => f.offsetS + d[f.node][x])), exits.length);
        if (latest <= withinS) {
          expect(rec.status[i], `trial ${trial} incident ${i}`).toBe(CordonStatus.met);
          expect(rec.closedS[i]).toBeCloseTo(latest, 9);
          expect(rec.units[i]).toBe(exits.length);
          met++;
        } else {
          expect(rec.status[i], `trial ${trial} incident ${i}`).toBe(eligible.length < exits.length ? CordonStatus.tooFewUnits : CordonStatus.late);
          missed++;
        }
      }
      if (small) expect(cordonModel(model)!.stats.dropped, `trial ${trial}`).toBeGreaterThan(0);
      else expect(cordonModel(model)!.stats.dropped).toBe(0);
    }
    expect(checked).toBeGreaterThan(200);
    expect(met).toBeGreaterThan(30);
    expect(missed).toBeGreaterThan(30);
  });
});
