import type { ShortestPathSearch } from '../routing/dijkstra.ts';

/**
 * Landmark lower bounds on shortest travel times (the ALT bounds of Goldberg & Harrelson 2005): with
 * exact times to and from a few landmark nodes L,
 *
 *   t(v, x) >= t(L, x) - t(L, v)   and   t(v, x) >= t(v, L) - t(x, L)
 *
 * (triangle inequality on shortest paths), so max over L of both is a lower bound needing no search.
 * Landmarks are picked farthest-first (each maximises its round-trip time to the nearest landmark
 * already picked). Terms whose subtracted time is infinite are skipped, so the bound holds on any
 * network; an unreachable target reads as Infinity.
 *
 * Used to skip reading the exact travel time of units that cannot be among the nearest.
 */
export interface LandmarkBound {
  readonly count: number;
  /** t(L_k, v) at v · count + k, and t(v, L_k). */
  readonly fromLandmark: Float64Array;
  readonly toLandmark: Float64Array;
  /** A lower bound on t(v, x), 0 at least. */
  lowerS(v: number, x: number): number;
}

export function createLandmarkBound(search: ShortestPathSearch, nodeCount: number, count = 4): LandmarkBound {
  const n = nodeCount;
  const K = Math.max(0, Math.min(count, n));
  const from = new Float64Array(n * K), to = new Float64Array(n * K);
  const closest = new Float64Array(n).fill(Infinity);
  const roundTrip = (source: number, out: (v: number, fwd: number, rev: number) => void) => {
    search.run([source]);
    const fwd = Float64Array.from(search.timeS);
    search.run([source], { direction: 'reverse' });
    for (let v = 0; v < n; v++) out(v, fwd[v], search.timeS[v]);
  };
  // Start from the node farthest (round trip) from node 0: the rim of the network.
  let pick = 0, farS = -1;
  roundTrip(0, (v, f, r) => { const s = f + r; if (Number.isFinite(s) && s > farS) { farS = s; pick = v; } });
  for (let k = 0; k < K; k++) {
    roundTrip(pick, (v, f, r) => {
      from[v * K + k] = f; to[v * K + k] = r;
      const s = f + r;
      if (s < closest[v]) closest[v] = s;
    });
    let next = -1;
    for (let v = 0; v < n; v++) if (Number.isFinite(closest[v]) && (next < 0 || closest[v] > closest[next])) next = v;
    pick = next < 0 ? 0 : next;
  }
  return {
    count: K,
    fromLandmark: from,
    toLandmark: to,
    lowerS(v, x) {
      let lb = 0;
      const ov = v * K, ox = x * K;
      for (let k = 0; k < K; k++) {
        const lv = from[ov + k], lx = from[ox + k];
        if (lv !== Infinity) { const d = lx - lv; if (d > lb) lb = d; }
        const vl = to[ov + k], xl = to[ox + k];
        if (xl !== Infinity) { const d = vl - xl; if (d > lb) lb = d; }
      }
      return lb;
    },
  };
}
