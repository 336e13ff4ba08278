import { lazyPackage } from '../lazy-package.ts';

const seedrandom = lazyPackage<typeof import('seedrandom')>('seedrandom');

/** A uniform random source on the open interval (0, 1): never exactly 0 or 1, so `log(u)` is finite. */
export interface RandomStream {
  readonly name: string;
  next(): number;
}

/**
 * Named random streams derived from one root seed. Each stream is an independent Alea generator seeded
 * with `"<rootSeed>/<replication>/<name>"`, so adding a stream (or drawing more from one) shifts no other.
 * The engine owns no generator of its own: every draw comes from a stream made here.
 *
 * Stream names used by the simulator: `arrivals`, `locations`, `classes`, `onScene` (incident sampling)
 * and `patrol/<unitId>` (random-walk choices of one unit).
 *
 * @example
 * const streams = createStreams(42, 0);
 * const u = streams.get('arrivals').next(); // 0 < u < 1
 */
export interface StreamFactory {
  readonly rootSeed: number;
  readonly replication: number;
  get(name: string): RandomStream;
}

export function createStreams(rootSeed: number, replication = 0): StreamFactory {
  if (!Number.isSafeInteger(rootSeed)) throw new Error(`seed must be a safe integer, got ${rootSeed}`);
  if (!Number.isInteger(replication) || replication < 0) throw new Error(`replication must be an integer >= 0, got ${replication}`);
  const cache = new Map<string, RandomStream>();
  return {
    rootSeed,
    replication,
    get(name) {
      let s = cache.get(name);
      if (!s) {
        s = createStream(`${rootSeed}/${replication}/${name}`, name);
        cache.set(name, s);
      }
      return s;
    },
  };
}

/** One stream from an explicit seed string (tests, tools). */
export function createStream(seed: string, name = seed): RandomStream {
  const prng = seedrandom().alea(seed);
  return {
    name,
    next() {
      let u = prng();
      while (u <= 0 || u >= 1) u = prng();
      return u;
    },
  };
}
