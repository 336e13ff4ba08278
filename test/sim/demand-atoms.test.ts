import seedrandom from 'seedrandom';
import { describe, expect, it } from 'vitest';
import { loadScenario } from '../../engine/sim/load-scenario.ts';
import { prepareModel } from '../../engine/sim/model.ts';
import { DemandAtoms } from '../../engine/sim/relocation/demand-atoms.ts';
import { tierGreedyTables } from '../../engine/sim/relocation/tier-greedy-tables.ts';

/**
 * Demand atoms checked against their definition, by brute force over every demand node and site:
 * two demand nodes share a level-ℓ atom exactly when every site reaches both or neither within the
 * level's target; a site's atom list at level ℓ is the atoms of the nodes it reaches within it; atom
 * weights are the sums of their nodes' weights; cells are the atoms of all levels crossed.
 */
describe('demand atoms group the demand nodes no site tells apart', () => {
  const sc = loadScenario('scenarios/shenzhen-futian/scenario.json', { replications: 1, relocation: 'tier-greedy' });
  const model = prepareModel(sc);
  if (sc.relocation.policy !== 'tier-greedy') throw new Error('tier-greedy expected');
  const tables = tierGreedyTables(model, sc.relocation);
  const nJ = tables.demandNode.length;
  const nT = tables.tierTargetS.length;
  const oracle = model.oracle;
  // Sites: every post node in every travel slot of the unit types, then a few random nodes, registered in two batches.
  const slots = [...new Set(Array.from(model.unitType, (type) => oracle.slot(type, 0)))];
  const rng = seedrandom('demand-atoms');
  const first: [number, number][] = [];
  for (const s of slots) for (const v of model.layouts[0].postNode) first.push([s, v]);
  const second: [number, number][] = Array.from({ length: 12 }, () => [slots[Math.floor(rng() * slots.length)], Math.floor(rng() * sc.graph.nodeCount)]);

  const atoms = new DemandAtoms(tables.demandWeight, tables.tierTargetS, tables.coverage, sc.graph.nodeCount);
  for (const [s, v] of first) atoms.register(s, v);
  atoms.commit();
  const versionAfterFirst = atoms.version;
  for (const [s, v] of second) atoms.register(s, v);
  atoms.commit();

  /** Per site, the level each demand node is first reached at (levelCount: not reached). */
  const levels = atoms.levelCount;
  const reach = Array.from({ length: atoms.siteCount }, (_, site) => {
    const lev = new Uint8Array(nJ).fill(levels);
    const cov = tables.coverage(atoms.siteSlot[site], atoms.siteNode[site]);
    for (let e = 0; e < cov.j.length; e++) lev[cov.j[e]] = atoms.tierLevel[cov.from[e]];
    return lev;
  });
  /** The signature of node j at level l: which sites reach it within the level's target. */
  const signature = (j: number, l: number) => reach.map((lev) => (lev[j] <= l ? '1' : '0')).join('');

  it('has one level per distinct tier target', () => {
    expect(levels).toBe(new Set(tables.tierTargetS).size);
    expect(atoms.tierLevel.length).toBe(nT);
  });

  it('registers each (slot, node) once and finds it again', () => {
    expect(atoms.siteCount).toBe(new Set([...first, ...second].map(([s, v]) => `${s}/${v}`)).size);
    for (const [s, v] of [...first, ...second]) expect(atoms.siteNode[atoms.find(s, v)]).toBe(v);
    const registered = new Set([...first, ...second].filter(([s]) => s === slots[0]).map(([, v]) => v));
    const other = [...Array(sc.graph.nodeCount).keys()].find((v) => !registered.has(v))!;
    expect(atoms.find(slots[0], other)).toBe(-1);
    expect(versionAfterFirst).toBeGreaterThan(0);
  });

  it('puts two nodes in one atom exactly when every site reaches both or neither (brute force, every level)', () => {
    for (let l = 0; l < levels; l++) {
      const atomOfSignature = new Map<string, number>();
      const signatureOfAtom = new Map<number, string>();
      for (let j = 0; j < nJ; j++) {
        const sig = signature(j, l), a = atoms.atomOf[l * nJ + j];
        expect(a).toBeGreaterThanOrEqual(atoms.levelStart[l]);
        expect(a).toBeLessThan(atoms.levelStart[l + 1]);
        if (!atomOfSignature.has(sig)) atomOfSignature.set(sig, a);
        if (!signatureOfAtom.has(a)) signatureOfAtom.set(a, sig);
        expect(atomOfSignature.get(sig)).toBe(a); // same sites: same atom
        expect(signatureOfAtom.get(a)).toBe(sig); // same atom: same sites
      }
      expect(atoms.levelStart[l + 1] - atoms.levelStart[l]).toBe(atomOfSignature.size);
    }
  });

  it('lists, for each site and level, the atoms of the nodes it reaches within the level\'s target', () => {
    for (let site = 0; site < atoms.siteCount; site++) {
      const list = atoms.siteAtoms[site], start = atoms.siteLevelStart[site];
      for (let l = 0; l < levels; l++) {
        const want = new Set<number>();
        for (let j = 0; j < nJ; j++) if (reach[site][j] <= l) want.add(atoms.atomOf[l * nJ + j]);
        expect(new Set(list.subarray(start[l], start[l + 1]))).toEqual(want);
        expect(start[l + 1] - start[l]).toBe(want.size); // no atom twice
      }
    }
  });

  it('weighs each atom by the sum of its nodes\' demand weights (each level sums to 1)', () => {
    for (let l = 0; l < levels; l++) {
      const sum = new Map<number, number>();
      for (let j = 0; j < nJ; j++) { const a = atoms.atomOf[l * nJ + j]; sum.set(a, (sum.get(a) ?? 0) + tables.demandWeight[j]); }
      let total = 0;
      for (let a = atoms.levelStart[l]; a < atoms.levelStart[l + 1]; a++) { expect(atoms.weight[a]).toBeCloseTo(sum.get(a)!, 12); total += atoms.weight[a]; }
      expect(total).toBeCloseTo(1, 12);
    }
  });

  it('puts two nodes in one cell exactly when they share an atom at every level', () => {
    const key = (j: number) => Array.from({ length: levels }, (_, l) => atoms.atomOf[l * nJ + j]).join('/');
    const cellOfKey = new Map<string, number>();
    for (let j = 0; j < nJ; j++) {
      const k = key(j);
      if (!cellOfKey.has(k)) cellOfKey.set(k, atoms.cellOf[j]);
      expect(cellOfKey.get(k)).toBe(atoms.cellOf[j]);
      expect(key(atoms.cellFirst[atoms.cellOf[j]])).toBe(k);
      expect(atoms.cellFirst[atoms.cellOf[j]]).toBeLessThanOrEqual(j);
    }
    expect(atoms.cellCount).toBe(cellOfKey.size);
  });

  it('finds the first level at which two sites reach a common node', () => {
    for (let a = 0; a < atoms.siteCount; a += 3) {
      for (let b = 0; b < atoms.siteCount; b += 2) {
        let want = levels;
        for (let j = 0; j < nJ; j++) want = Math.min(want, Math.max(reach[a][j], reach[b][j]));
        expect(atoms.overlapLevel(a, b)).toBe(want);
      }
    }
  });
});
