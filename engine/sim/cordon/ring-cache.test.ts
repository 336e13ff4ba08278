import seedrandom from 'seedrandom';
import { describe, expect, it } from 'vitest';
import { createRingCache } from './ring-cache.ts';

/** A stand-in ring: key k has k % 7 + 1 exits, k, k + 1, ... (a fresh array each time it is computed). */
const ringOf = (key: number) => Int32Array.from({ length: (key % 7) + 1 }, (_, i) => key + i);

describe('ring cache', () => {
  it('gives the same exits as computing every ring afresh, under any bound, and never holds more than the bound', () => {
    const rng = seedrandom('ring-cache');
    const keys = Array.from({ length: 3000 }, () => Math.floor(rng() * 200));
    for (const bound of [0, 17, 100, 1000, 1 << 20]) {
      const cache = createRingCache(bound, ringOf);
      for (const k of keys) {
        expect(Array.from(cache.get(k))).toEqual(Array.from(ringOf(k)));
        expect(cache.stats.heldEntries).toBeLessThanOrEqual(bound);
      }
      expect(cache.stats.rings + cache.stats.cacheHits).toBe(keys.length);
    }
  });

  it('drops the least recently used ring first', () => {
    // Each ring of one exit weighs 1 + 16 = 17: a bound of 51 holds three.
    const computed: number[] = [];
    const cache = createRingCache(51, (k) => { computed.push(k); return Int32Array.of(k); });
    for (const k of [0, 7, 14]) cache.get(k); // keys with one exit each
    cache.get(0); // 0 is now the most recently used; 7 the least
    cache.get(21); // drops 7
    expect(cache.stats.dropped).toBe(1);
    cache.get(0); cache.get(14); cache.get(21);
    expect(computed).toEqual([0, 7, 14, 21]);
    cache.get(7); // computed again, dropping 0 (the least recently used now)
    expect(computed).toEqual([0, 7, 14, 21, 7]);
    cache.get(14);
    expect(computed.length).toBe(5);
  });

  it('holds everything when the bound allows, computing each ring once', () => {
    const cache = createRingCache(1 << 20, ringOf);
    for (let round = 0; round < 3; round++) for (let k = 0; k < 50; k++) cache.get(k);
    expect(cache.stats).toMatchObject({ rings: 50, cacheHits: 100, dropped: 0 });
  });
});
