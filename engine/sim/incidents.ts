import { createSampler } from './distributions.ts';
import type { StreamFactory } from './random-streams.ts';
import type { Scenario } from './scenario.ts';

/** Incidents of one replication, in time order (struct of arrays; index = incident id). */
export interface Incidents {
  readonly count: number;
  readonly timeS: Float64Array;
  readonly node: Int32Array;
  readonly cls: Int32Array;
  readonly onSceneS: Float64Array;
}

/**
 * Draw every incident of a replication before the run, from the incident streams only (`arrivals`,
 * `locations`, `classes`, `onScene`), so every deployment and dispatch policy faces the same incidents
 * for a seed.
 *
 * Arrivals: a non-homogeneous Poisson process whose rate is constant within each hour of the week
 * (`ratePerHour[h mod 168]`). Exact by memorylessness: draw an exponential gap at the current hour's
 * rate; if it crosses the hour boundary, restart from the boundary at the next hour's rate.
 * Location: a node with probability proportional to its weight; class: by the class mix; on-scene time:
 * from the class's distribution. Replay: times, nodes and classes from the file; on-scene times from the
 * file where given, else sampled.
 */
export function generateIncidents(scenario: Scenario, streams: StreamFactory): Incidents {
  const samplers = scenario.classes.map((c) => createSampler(c.onScene));
  const onSceneRng = streams.get('onScene');
  const d = scenario.demand;
  if (d.kind === 'replay') {
    const r = d.incidents;
    const onSceneS = Float64Array.from(r.onSceneS);
    for (let i = 0; i < onSceneS.length; i++) if (Number.isNaN(onSceneS[i])) onSceneS[i] = samplers[r.cls[i]](onSceneRng);
    return { count: r.timeS.length, timeS: Float64Array.from(r.timeS), node: Int32Array.from(r.node), cls: Int32Array.from(r.cls), onSceneS };
  }
  const horizonS = scenario.horizonS;
  const arrivals = streams.get('arrivals');
  const times: number[] = [];
  let t = 0;
  while (t < horizonS) {
    const hour = Math.floor(t / 3600);
    const boundary = (hour + 1) * 3600;
    const ratePerS = d.ratePerHour[hour % 168] / 3600;
    if (!(ratePerS > 0)) { t = boundary; continue; }
    const next = t - Math.log(arrivals.next()) / ratePerS;
    if (next >= boundary) { t = boundary; continue; }
    t = next;
    if (t < horizonS) times.push(t);
  }
  const n = times.length;
  const node = sampleIndices(d.nodeWeight, n, streams.get('locations'));
  const cls = sampleIndices(d.classMix, n, streams.get('classes'));
  const onSceneS = new Float64Array(n);
  for (let i = 0; i < n; i++) onSceneS[i] = samplers[cls[i]](onSceneRng);
  return { count: n, timeS: Float64Array.from(times), node, cls, onSceneS };
}

/** n indices drawn with probability proportional to weights (inverse CDF with binary search). */
export function sampleIndices(weights: ArrayLike<number>, n: number, rng: { next(): number }): Int32Array {
  const m = weights.length;
  const cum = new Float64Array(m);
  let s = 0;
  for (let i = 0; i < m; i++) { s += weights[i] > 0 ? weights[i] : 0; cum[i] = s; }
  const out = new Int32Array(n);
  for (let k = 0; k < n; k++) {
    const target = rng.next() * s;
    let lo = 0, hi = m - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cum[mid] > target) hi = mid; else lo = mid + 1;
    }
    // Never land on a zero-weight entry (possible only through rounding at the boundary).
    while (lo < m - 1 && !(weights[lo] > 0)) lo++;
    out[k] = lo;
  }
  return out;
}
