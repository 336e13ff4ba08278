import seedrandom from 'seedrandom';
import { describe, expect, it } from 'vitest';
import { WaitingCalls } from './waiting-calls.ts';

/** The reference: one list kept sorted by (priority, incident), served calls spliced out. */
class SortedList {
  readonly items: { i: number; p: number }[] = [];
  add(i: number, p: number): void {
    let k = this.items.length;
    while (k > 0 && (this.items[k - 1].p > p || (this.items[k - 1].p === p && this.items[k - 1].i > i))) k--;
    this.items.splice(k, 0, { i, p });
  }
}

describe('WaitingCalls', () => {
  it('serves in the order of one sorted list with served calls removed, on random streams', () => {
    for (let seed = 0; seed < 200; seed++) {
      const rng = seedrandom(`waiting-${seed}`);
      const priorities = [3, 1, 2, 1, 7].slice(0, 1 + Math.floor(rng() * 5));
      const w = new WaitingCalls(priorities);
      const ref = new SortedList();
      let next = 0;
      for (let step = 0; step < 400; step++) {
        if (rng() < 0.55) {
          const p = priorities[Math.floor(rng() * priorities.length)];
          w.add(next, p); ref.add(next, p); next++;
        } else {
          // A pass that stops after `budget` offers and serves each offered call with probability 0.6.
          let budget = Math.floor(rng() * 6);
          const seen: number[] = [], served = new Set<number>();
          w.start();
          for (let i = budget > 0 ? w.next() : -1; i >= 0; i = budget > 0 ? w.next() : -1) {
            seen.push(i); budget--;
            if (rng() < 0.6) { served.add(i); w.removeCurrent(); }
          }
          w.finish();
          expect(seen).toEqual(ref.items.slice(0, seen.length).map((c) => c.i));
          for (let k = ref.items.length - 1; k >= 0; k--) if (served.has(ref.items[k].i)) ref.items.splice(k, 1);
        }
        expect(w.length).toBe(ref.items.length);
      }
      const rest: number[] = [];
      w.start();
      for (let i = w.next(); i >= 0; i = w.next()) rest.push(i);
      w.finish();
      expect(rest).toEqual(ref.items.map((c) => c.i));
    }
  });

  it('a call reported out of order still takes its place within its priority', () => {
    const w = new WaitingCalls([1]);
    w.add(5, 1); w.add(9, 1); w.add(7, 1);
    const order: number[] = [];
    w.start();
    for (let i = w.next(); i >= 0; i = w.next()) order.push(i);
    expect(order).toEqual([5, 7, 9]);
  });
});
