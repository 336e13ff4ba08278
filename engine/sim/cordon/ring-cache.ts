/**
 * A memo of ring exits by key, holding at most `maxEntries` array entries in all (each ring counts its
 * exits plus a fixed 16 for the entry itself); past the bound the least recently used rings are
 * dropped. A ring not held is computed again, so the answers never depend on the bound.
 *
 * @example
 * const cache = createRingCache(1 << 22, (key) => ringExitsOf(key));
 * cache.get(7) // computed; cache.get(7) again: held
 */
export interface RingCache {
  get(key: number): Int32Array;
  /** rings: computed (misses), cacheHits: answered from the memo, dropped: rings let go, heldEntries: the weight held now. */
  readonly stats: { rings: number; cacheHits: number; dropped: number; heldEntries: number };
}

/** Weight of a ring beside its exits (the Map entry and the array header, roughly). */
const ENTRY_WEIGHT = 16;

export function createRingCache(maxEntries: number, compute: (key: number) => Int32Array): RingCache {
  if (!(maxEntries >= 0)) throw new Error(`maxEntries must be >= 0, got ${maxEntries}`);
  // A Map iterates in insertion order: a hit is moved to the end, so the first key is the least recently used.
  const held = new Map<number, Int32Array>();
  const stats = { rings: 0, cacheHits: 0, dropped: 0, heldEntries: 0 };
  return {
    stats,
    get(key) {
      const hit = held.get(key);
      if (hit) {
        stats.cacheHits++;
        held.delete(key);
        held.set(key, hit);
        return hit;
      }
      const exits = compute(key);
      stats.rings++;
      const weight = exits.length + ENTRY_WEIGHT;
      for (const [oldKey, old] of held) {
        if (stats.heldEntries + weight <= maxEntries) break;
        held.delete(oldKey);
        stats.heldEntries -= old.length + ENTRY_WEIGHT;
        stats.dropped++;
      }
      if (stats.heldEntries + weight <= maxEntries) { held.set(key, exits); stats.heldEntries += weight; }
      return exits;
    },
  };
}
