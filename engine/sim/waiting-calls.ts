/**
 * The calls still owed units, in the order they are served: by priority (lower value first), then by
 * report order. An overloaded run can hold millions of waiting calls, so every operation is amortised
 * O(1) per call: one first-in-first-out bucket per priority, calls appended as they are reported (they
 * arrive in report order), and a call that has all its units left where it is as a tombstone, skipped
 * and dropped when its bucket's head passes it (or when tombstones make up half a bucket).
 *
 * The order of service is exactly that of one list kept sorted by (priority, incident), from which
 * served calls are removed; waiting-calls.test.ts checks it against that list.
 */
export class WaitingCalls {
  /** Bucket of each priority value, ascending. */
  private readonly levels: readonly number[];
  private readonly buckets: number[][];
  private readonly heads: number[];
  private readonly tombstones: number[];
  /** Calls queued and not yet served (tombstones excluded). */
  private live = 0;

  constructor(priorities: ArrayLike<number>) {
    this.levels = [...new Set(Array.from(priorities))].sort((a, b) => a - b);
    this.buckets = this.levels.map(() => []);
    this.heads = this.levels.map(() => 0);
    this.tombstones = this.levels.map(() => 0);
  }

  get length(): number {
    return this.live;
  }

  /** Queue incident i at priority p: after every waiting call of priority <= p reported before it. */
  add(i: number, p: number): void {
    const b = this.levels.indexOf(p);
    if (b < 0) throw new Error(`WaitingCalls: unknown priority ${p}`);
    const bucket = this.buckets[b];
    // Calls are reported in incident order; keep the order also if one ever is not.
    let k = bucket.length;
    while (k > this.heads[b] && bucket[k - 1] > i) k--;
    if (k === bucket.length) bucket.push(i); else bucket.splice(k, 0, i);
    this.live++;
  }

  /** Where a pass over the queue stands: bucket and index of the call last returned by next(). */
  private cursorB = 0;
  private cursorK = -1;

  /**
   * A pass over the waiting calls in order of service, without allocating:
   * `w.start(); for (let i = w.next(); i >= 0; i = w.next()) { ...; if (served) w.removeCurrent(); } w.finish();`
   * (stopping early is fine; finish() tidies what the pass left).
   */
  start(): void {
    this.cursorB = 0;
    this.cursorK = this.heads[0] !== undefined ? this.heads[0] - 1 : -1;
  }

  /** The next waiting call of the pass, or -1 at the end. */
  next(): number {
    while (this.cursorB < this.buckets.length) {
      const bucket = this.buckets[this.cursorB];
      while (++this.cursorK < bucket.length) {
        const i = bucket[this.cursorK];
        if (i >= 0) return i;
      }
      this.cursorB++;
      this.cursorK = this.cursorB < this.buckets.length ? this.heads[this.cursorB] - 1 : -1;
    }
    return -1;
  }

  /** The call last returned by next() has all its units: it leaves the queue. */
  removeCurrent(): void {
    const b = this.cursorB;
    this.buckets[b][this.cursorK] = -1;
    this.live--;
    this.tombstones[b]++;
  }

  /** End a pass. */
  finish(): void {
    const last = Math.min(this.cursorB, this.buckets.length - 1);
    for (let b = 0; b <= last; b++) if (this.tombstones[b] > 0) this.tidy(b);
  }

  /** Advance the head past tombstones; compact a bucket that is half tombstones. */
  private tidy(b: number): void {
    const bucket = this.buckets[b];
    let h = this.heads[b];
    while (h < bucket.length && bucket[h] < 0) { h++; this.tombstones[b]--; }
    if (h === bucket.length) { bucket.length = 0; h = 0; this.tombstones[b] = 0; }
    if (this.tombstones[b] > 0 && 2 * this.tombstones[b] >= bucket.length - h) {
      let w = 0;
      for (let k = h; k < bucket.length; k++) if (bucket[k] >= 0) bucket[w++] = bucket[k];
      bucket.length = w; h = 0; this.tombstones[b] = 0;
    } else if (h > 1024 && 2 * h >= bucket.length) {
      bucket.copyWithin(0, h);
      bucket.length -= h; h = 0;
    }
    this.heads[b] = h;
  }
}
