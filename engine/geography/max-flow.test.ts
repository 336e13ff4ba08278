import seedrandom from 'seedrandom';
import { describe, expect, it } from 'vitest';
import { createFlowNetwork, type FlowNetwork } from './max-flow.ts';

interface Arc { u: number; v: number; cap: number; id: number }

/** A random network on n nodes: integer capacities 0..3, now and then infinite. */
function randomNetwork(rng: () => number, n: number, arcCount: number): { net: FlowNetwork; arcs: Arc[] } {
  const net = createFlowNetwork(n);
  const arcs: Arc[] = [];
  for (let k = 0; k < arcCount; k++) {
    const u = Math.floor(rng() * n), v = Math.floor(rng() * n);
    if (u === v) continue;
    const cap = rng() < 0.1 ? Infinity : Math.floor(rng() * 4);
    arcs.push({ u, v, cap, id: net.addArc(u, v, cap) });
  }
  return { net, arcs };
}

/** Least capacity of a cut over every node subset holding s and not t (brute force). */
function bruteMinCut(n: number, arcs: readonly Arc[], s: number, t: number): number {
  let best = Infinity;
  for (let mask = 0; mask < 1 << n; mask++) {
    if (!(mask >> s & 1) || (mask >> t & 1)) continue;
    let c = 0;
    for (const a of arcs) if ((mask >> a.u & 1) && !(mask >> a.v & 1)) c += a.cap;
    best = Math.min(best, c);
  }
  return best;
}

/** Nodes that reach t in the residual network, by a BFS of its own over the arc list. */
function residualReachTo(n: number, arcs: readonly Arc[], net: FlowNetwork, t: number): number[] {
  const seen = new Uint8Array(n);
  seen[t] = 1;
  const queue = [t];
  for (let h = 0; h < queue.length; h++) {
    const x = queue[h];
    for (const a of arcs) {
      const f = net.flow(a.id);
      if (a.v === x && !seen[a.u] && a.cap - f > 0) { seen[a.u] = 1; queue.push(a.u); }
      if (a.u === x && !seen[a.v] && f > 0) { seen[a.v] = 1; queue.push(a.v); }
    }
  }
  return Array.from(seen);
}

/** Nodes reachable from s in the residual network, by a BFS of its own over the arc list. */
function residualReach(n: number, arcs: readonly Arc[], net: FlowNetwork, s: number): number[] {
  const seen = new Uint8Array(n);
  seen[s] = 1;
  const queue = [s];
  for (let h = 0; h < queue.length; h++) {
    const x = queue[h];
    for (const a of arcs) {
      const f = net.flow(a.id);
      if (a.u === x && !seen[a.v] && a.cap - f > 0) { seen[a.v] = 1; queue.push(a.v); }
      if (a.v === x && !seen[a.u] && f > 0) { seen[a.u] = 1; queue.push(a.u); }
    }
  }
  return Array.from(seen);
}

/** The source side and both extreme cuts (s = 0, t = n - 1) equal the residual searches of the test's own. */
function expectSidesAndCuts(n: number, arcs: readonly Arc[], net: FlowNetwork, label: string): void {
  const near = residualReach(n, arcs, net, 0), far = residualReachTo(n, arcs, net, n - 1);
  expect(Array.from(net.sourceSide(0)), label).toEqual(near);
  expect(Array.from(net.cutNearSource(0)), label).toEqual(arcs.filter((a) => a.cap > 0 && near[a.u] && !near[a.v]).map((a) => a.id));
  expect(Array.from(net.cutNearSink(0, n - 1)), label).toEqual(arcs.filter((a) => a.cap > 0 && !far[a.u] && far[a.v]).map((a) => a.id));
}

describe('max-flow (Boykov–Kolmogorov)', () => {
  it('equals the brute-force minimum cut, and its two sides are the residual reach from s and to t, on 400 random networks', () => {
    const rng = seedrandom('max-flow');
    let finite = 0;
    for (let trial = 0; trial < 400; trial++) {
      const n = 3 + Math.floor(rng() * 6);
      const { net, arcs } = randomNetwork(rng, n, 3 * n);
      const value = net.maxFlow(0, n - 1);
      const want = bruteMinCut(n, arcs, 0, n - 1);
      expect(value, `trial ${trial}`).toBe(want);
      if (value === Infinity) continue;
      finite++;
      expect(Array.from(net.sourceSide(0)), `trial ${trial}`).toEqual(residualReach(n, arcs, net, 0));
      // After capacities change (no new solve) the source side follows the new residual network.
      for (const arc of arcs) if (rng() < 0.3 && arc.cap !== Infinity) { arc.cap += 1; net.setCapacity(arc.id, arc.cap); }
      expect(Array.from(net.sourceSide(0)), `trial ${trial}`).toEqual(residualReach(n, arcs, net, 0));
    }
    expect(finite).toBeGreaterThan(300);
  });

  it('finds the minimum cut nearest t as the arcs into the sink side, also after capacities rise', () => {
    const rng = seedrandom('max-flow-far-cut');
    let nonEmpty = 0;
    for (let trial = 0; trial < 600; trial++) {
      const n = 3 + Math.floor(rng() * 10);
      const { net, arcs } = randomNetwork(rng, n, 3 * n);
      if (net.maxFlow(0, n - 1) === Infinity) continue;
      for (let round = 0; round < 3; round++) {
        const far = residualReachTo(n, arcs, net, n - 1);
        const want = arcs.filter((a) => a.cap > 0 && !far[a.u] && far[a.v]).map((a) => a.id);
        expect(Array.from(net.cutNearSink(0, n - 1)), `trial ${trial}`).toEqual(want);
        if (want.length) nonEmpty++;
        // Raise some capacities and solve on from the same flow (the cut moves).
        for (const arc of arcs) if (rng() < 0.2 && arc.cap !== Infinity) { arc.cap += 1; net.setCapacity(arc.id, arc.cap); }
        if (net.maxFlow(0, n - 1) === Infinity) break;
      }
    }
    expect(nonEmpty).toBeGreaterThan(800);
  });

  it('keeps the source side right after capacities change without a new solve', () => {
    // 0 -> 1 -> 2, capacity 1 each: the solve saturates 0 -> 1, so the source side is {0}; raising 0 -> 1 to 2 adds node 1.
    const net = createFlowNetwork(3);
    const a = net.addArc(0, 1, 1);
    net.addArc(1, 2, 1);
    expect(net.maxFlow(0, 2)).toBe(1);
    expect(Array.from(net.sourceSide(0))).toEqual([1, 0, 0]);
    net.setCapacity(a, 2);
    expect(Array.from(net.sourceSide(0))).toEqual([1, 1, 0]);
  });

  it('continues from a saved flow after capacities rise to the same value as a solve from zero', () => {
    const rng = seedrandom('max-flow-warm');
    for (let trial = 0; trial < 200; trial++) {
      const n = 3 + Math.floor(rng() * 6);
      const { net, arcs } = randomNetwork(rng, n, 3 * n);
      if (net.maxFlow(0, n - 1) === Infinity) continue;
      const snapshot = net.saveFlow();
      for (const arc of arcs) if (rng() < 0.3) { arc.cap += 1 + Math.floor(rng() * 2); net.setCapacity(arc.id, arc.cap); }
      net.resetFlow();
      net.loadFlow(snapshot);
      expect(net.maxFlow(0, n - 1), `trial ${trial}`).toBe(bruteMinCut(n, arcs, 0, n - 1));
    }
  });

  it('keeps its search trees right through capacity changes, loaded and reset flows and solves stopped by a limit, on 300 random networks (against brute force and residual searches of its own)', () => {
    const rng = seedrandom('max-flow-dynamic');
    let checks = 0, infinite = 0, limited = 0;
    for (let trial = 0; trial < 300; trial++) {
      const n = 3 + Math.floor(rng() * 7);
      const { net, arcs } = randomNetwork(rng, n, 3 * n);
      const snapshots: { flow: ReturnType<FlowNetwork['saveFlow']>; caps: number[] }[] = [];
      for (let round = 0; round < 12; round++) {
        const want = bruteMinCut(n, arcs, 0, n - 1);
        // Now and then a solve stopped by a limit first: it reaches the limit (or the maximum), and
        // the next solve goes on from there.
        if (rng() < 0.25) {
          const limit = Math.floor(rng() * 4);
          const early = net.maxFlow(0, n - 1, limit);
          expect(early, `trial ${trial} round ${round}: limit ${limit}`).toBeGreaterThanOrEqual(Math.min(limit, want));
          if (early !== Infinity) expect(early).toBeLessThanOrEqual(want);
          limited++;
        }
        const value = net.maxFlow(0, n - 1);
        expect(value, `trial ${trial} round ${round}`).toBe(want);
        if (value === Infinity) { infinite++; net.resetFlow(); }
        else {
          // A valid flow: within capacities, conserved, of the value returned.
          const excess = new Array(n).fill(0);
          for (const a of arcs) {
            const f = net.flow(a.id);
            expect(f >= 0 && f <= a.cap, `trial ${trial} round ${round}: flow ${f} on an arc of capacity ${a.cap}`).toBe(true);
            excess[a.u] -= f; excess[a.v] += f;
          }
          for (let v = 1; v < n - 1; v++) expect(excess[v], `trial ${trial} round ${round}: node ${v}`).toBe(0);
          expect(excess[n - 1]).toBe(value);
          expectSidesAndCuts(n, arcs, net, `trial ${trial} round ${round}`);
          checks++;
          if (rng() < 0.4) snapshots.push({ flow: net.saveFlow(), caps: arcs.map((a) => a.cap) });
        }
        // Change a few capacities: up, down (below the flow too), to and from Infinity.
        for (const arc of arcs) {
          if (rng() >= 0.25) continue;
          const r = rng();
          arc.cap = r < 0.15 ? Infinity : r < 0.3 && arc.cap === Infinity ? Math.floor(rng() * 4) : Math.max(0, (arc.cap === Infinity ? 3 : arc.cap) + Math.floor(rng() * 5) - 2);
          net.setCapacity(arc.id, arc.cap);
        }
        // A flow that no longer fits is replaced: by a saved one that fits (no capacity below its own) or by zero.
        const fits = arcs.every((a) => net.flow(a.id) <= a.cap);
        const usable = snapshots.filter((sn) => arcs.every((a, k) => a.cap >= sn.caps[k]));
        if (usable.length && (!fits || rng() < 0.3)) net.loadFlow(usable[Math.floor(rng() * usable.length)].flow);
        else if (!fits || rng() < 0.1) net.resetFlow();
      }
    }
    expect(checks).toBeGreaterThan(2000);
    expect(infinite).toBeGreaterThan(50);
    expect(limited).toBeGreaterThan(500);
  });

  it('rolls the flow back to a checkpoint exactly, and solves on from there as from a fresh flow (300 random networks)', () => {
    const rng = seedrandom('max-flow-rollback');
    let rollbacks = 0;
    for (let trial = 0; trial < 300; trial++) {
      const n = 3 + Math.floor(rng() * 7);
      const { net, arcs } = randomNetwork(rng, n, 3 * n);
      if (net.maxFlow(0, n - 1) === Infinity) continue;
      // Checkpoints along a branch where capacities only rise (as a search forbidding nodes does).
      const points: { point: number; flows: number[]; caps: number[] }[] = [];
      for (let depth = 0; depth < 6; depth++) {
        points.push({ point: net.checkpoint(), flows: arcs.map((a) => net.flow(a.id)), caps: arcs.map((a) => a.cap) });
        for (const arc of arcs) if (rng() < 0.2 && arc.cap !== Infinity) { arc.cap += 1 + Math.floor(rng() * 2); net.setCapacity(arc.id, arc.cap); }
        if (rng() < 0.2) net.loadFlow(net.saveFlow()); // a recorded load changes nothing
        if (net.maxFlow(0, n - 1) === Infinity) break;
      }
      // Back to a random checkpoint, at capacities no lower than its own: the same flow, arc by arc.
      const back = points[Math.floor(rng() * points.length)];
      net.rollback(back.point);
      rollbacks++;
      expect(arcs.map((a) => net.flow(a.id)), `trial ${trial}`).toEqual(back.flows);
      const value = net.maxFlow(0, n - 1);
      expect(value, `trial ${trial}`).toBe(bruteMinCut(n, arcs, 0, n - 1));
      if (value === Infinity) continue;
      expectSidesAndCuts(n, arcs, net, `trial ${trial}`);
      net.dropCheckpoints();
      expect(() => net.rollback(0)).toThrow(/not a checkpoint/);
    }
    expect(rollbacks).toBeGreaterThan(200);
  });
});
