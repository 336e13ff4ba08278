import seedrandom from 'seedrandom';
import { describe, expect, it } from 'vitest';
import { floydWarshall, graphFrom, randomGraph } from '../../test/support/random-graph.ts';
import { buildRoutingGraph } from '../routing/routing-graph.ts';
import { mostExitsClosedWithin, solveBlockade, type ExitTimes } from './blockade.ts';
import { nearestUnitTimes } from './unit-times.ts';

/** Dense matrix t[s][e] (Infinity: unreachable) as sparse pairs. */
function pairsOf(t: number[][]): ExitTimes {
  const exit: number[] = [], source: number[] = [], timeS: number[] = [];
  t.forEach((row, s) => row.forEach((x, e) => { if (x < Infinity) { exit.push(e); source.push(s); timeS.push(x); } }));
  return { exit, source, timeS };
}

/** Every assignment of exits to sources (or to none, with `allowOpen`), within the units. */
function* assignments(exits: number, units: number[], allowOpen: boolean): Generator<number[]> {
  const choice = new Array<number>(exits).fill(0);
  const options = units.length + (allowOpen ? 1 : 0);
  const total = options ** exits;
  for (let code = 0; code < total; code++) {
    let c = code;
    for (let e = 0; e < exits; e++) { choice[e] = c % options; c = Math.floor(c / options); }
    const used = new Array<number>(units.length).fill(0);
    let ok = true;
    for (const s of choice) if (s < units.length && ++used[s] > units[s]) { ok = false; break; }
    if (ok) yield choice.map((s) => (s < units.length ? s : -1));
  }
}

function bruteBlockade(t: number[][], units: number[], exits: number) {
  let best: { latest: number; total: number } | undefined;
  for (const a of assignments(exits, units, false)) {
    const times = a.map((s, e) => t[s][e]);
    if (times.some((x) => x === Infinity)) continue;
    const latest = Math.max(0, ...times), total = times.reduce((x, y) => x + y, 0);
    if (!best || latest < best.latest || (latest === best.latest && total < best.total)) best = { latest, total };
  }
  return best;
}

function randomInstance(rng: () => number) {
  const exits = 1 + Math.floor(rng() * 5);
  const sources = 1 + Math.floor(rng() * 4);
  const units = Array.from({ length: sources }, () => Math.floor(rng() * 3));
  const t = Array.from({ length: sources }, () => Array.from({ length: exits }, () => (rng() < 0.2 ? Infinity : 1 + Math.floor(rng() * 20))));
  return { exits, units, t };
}

describe('blockade (bottleneck assignment, then least total)', () => {
  it('closes two exits by hand: the latest arrival first, the total second', () => {
    //            exit 0   exit 1
    // post A:      10       12      (1 unit)
    // post B:      11       30      (1 unit)
    // Least total would be A->0, B->1 (40, latest 30); the least latest is A->1, B->0 (latest 12, total 23).
    const r = solveBlockade(2, [1, 1], pairsOf([[10, 12], [11, 30]]));
    expect(r).toMatchObject({ feasible: true, latestS: 12, totalS: 23 });
    if (r.feasible) expect(Array.from(r.source)).toEqual([1, 0]);
  });

  it('lets a post with two units close two exits', () => {
    const r = solveBlockade(2, [2, 1], pairsOf([[5, 6], [1, 100]]));
    // Both by post 0: latest 6, total 11; post 1 on exit 0: latest 6 (exit 1 by post 0), total 7.
    expect(r).toMatchObject({ feasible: true, latestS: 6, totalS: 7 });
  });

  it('matches brute force over all assignments on random instances', () => {
    const rng = seedrandom('blockade-brute');
    let feasible = 0;
    for (let trial = 0; trial < 400; trial++) {
      const { exits, units, t } = randomInstance(rng);
      const want = bruteBlockade(t, units, exits);
      const got = solveBlockade(exits, units, pairsOf(t));
      expect(got.feasible).toBe(want !== undefined);
      if (!got.feasible || !want) continue;
      feasible++;
      expect(got.latestS).toBe(want.latest);
      expect(got.totalS).toBe(want.total);
      // The assignment it returns is valid and scores what it claims.
      const used = units.map(() => 0);
      got.source.forEach((s, e) => { used[s]++; expect(got.arrivalS[e]).toBe(t[s][e]); });
      used.forEach((u, s) => expect(u).toBeLessThanOrEqual(units[s]));
    }
    expect(feasible).toBeGreaterThan(100);
  });

  it('names the exits that fail Hall\'s condition, and they truly fail it', () => {
    const rng = seedrandom('blockade-hall');
    let seen = 0;
    for (let trial = 0; trial < 400; trial++) {
      const { exits, units, t } = randomInstance(rng);
      // Sparser tables make Hall violations common.
      t.forEach((row) => row.forEach((_, e) => { if (rng() < 0.4) row[e] = Infinity; }));
      const got = solveBlockade(exits, units, pairsOf(t));
      if (got.feasible || got.reason !== 'hall') continue;
      seen++;
      const neighbours = new Set<number>();
      for (const e of got.exits) t.forEach((row, s) => { if (row[e] < Infinity && units[s] > 0) neighbours.add(s); });
      for (const s of neighbours) expect(got.sources).toContain(s);
      expect(got.units).toBe([...neighbours].reduce((a, s) => a + units[s], 0));
      expect(got.exits.length).toBeGreaterThan(got.units);
    }
    expect(seen).toBeGreaterThan(5);
  });

  it('reports unreachable exits and too few units before anything else', () => {
    expect(solveBlockade(3, [1, 1], pairsOf([[1, Infinity, 2], [3, Infinity, 4]]))).toMatchObject({ feasible: false, reason: 'unreachable', exits: [1] });
    expect(solveBlockade(3, [1, 1], pairsOf([[1, 1, 2], [3, 1, 4]]))).toMatchObject({ feasible: false, reason: 'too-few-units', units: 2 });
    // A post with no units reaches nothing.
    expect(solveBlockade(1, [0, 1], pairsOf([[1], [Infinity]]))).toMatchObject({ feasible: false, reason: 'unreachable' });
  });

  it('counts the most exits closable within a time like brute force', () => {
    const rng = seedrandom('blockade-most');
    for (let trial = 0; trial < 200; trial++) {
      const { exits, units, t } = randomInstance(rng);
      const taus = [0, 5, 10, 15, Infinity];
      const want = taus.map((tau) => {
        let best = 0;
        for (const a of assignments(exits, units, true)) best = Math.max(best, a.filter((s, e) => s >= 0 && t[s][e] < Infinity && t[s][e] <= tau).length);
        return best;
      });
      expect(mostExitsClosedWithin(exits, units, pairsOf(t), taus)).toEqual(want);
    }
  });

  it('gives the same blockade from the nearest-unit pairs as from the full Floyd–Warshall table', () => {
    for (let trial = 0; trial < 20; trial++) {
      const rng = seedrandom(`blockade-net-${trial}`);
      const g = randomGraph(`blockade-g-${trial}`, 30, 110, trial % 3 ? 0 : 3);
      const fw = floydWarshall(g);
      const sources = Array.from({ length: 6 }, () => ({ node: Math.floor(rng() * 30), units: Math.floor(rng() * 3) }));
      const exits = [...new Set(Array.from({ length: 4 }, () => Math.floor(rng() * 30)))];
      const full = pairsOf(sources.map((s) => exits.map((x) => fw[s.node][x])));
      const pruned = nearestUnitTimes(buildRoutingGraph(g), sources, exits, exits.length);
      const units = sources.map((s) => s.units);
      const a = solveBlockade(exits.length, units, full);
      const b = solveBlockade(exits.length, units, pruned);
      expect(b.feasible).toBe(a.feasible);
      if (a.feasible && b.feasible) expect([b.latestS, b.totalS]).toEqual([a.latestS, a.totalS]);
      expect(mostExitsClosedWithin(exits.length, units, pruned, [20, 40, 80])).toEqual(mostExitsClosedWithin(exits.length, units, full, [20, 40, 80]));
    }
  });

  it('reads travel times on the network from posts to exits, one-way streets respected', () => {
    // P -> x (10), x -> P (50): the unit drives P to x.
    const g = graphFrom(['P>x:10', 'x>P:50']);
    const t = nearestUnitTimes(buildRoutingGraph(g), [{ node: g.indexOf('P'), units: 1 }], [g.indexOf('x')], 1);
    expect(Array.from(t.timeS)).toEqual([10]);
  });
});
