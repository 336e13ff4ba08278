import { describe, expect, it } from 'vitest';
import { createEventQueue, EventKind, EVENT_KIND_NAMES } from './event-queue.ts';
import { createStream } from './random-streams.ts';

describe('event queue order (time, priority, sequence)', () => {
  it('pops by time first', () => {
    const q = createEventQueue();
    q.push(5, EventKind.incidentReported, 1);
    q.push(1, EventKind.incidentReported, 2);
    q.push(3, EventKind.incidentReported, 3);
    const got: number[] = [];
    while (q.pop()) got.push(q.entity);
    expect(got).toEqual([2, 3, 1]);
  });

  it('at equal times, lower priority (kind) first: a unit clearing runs before a new incident', () => {
    const q = createEventQueue();
    q.push(10, EventKind.incidentReported, 1);
    q.push(10, EventKind.unitCleared, 2);
    q.pop();
    expect(q.kind).toBe(EventKind.unitCleared);
  });

  it('at equal time and priority, first scheduled first (FIFO)', () => {
    const q = createEventQueue(2);
    for (let i = 0; i < 50; i++) q.push(7, EventKind.unitArrived, i);
    const got: number[] = [];
    while (q.pop()) got.push(q.entity);
    expect(got).toEqual([...Array(50).keys()]);
  });

  it('matches a stable sort by (time, priority, sequence) on random interleaved pushes and pops', () => {
    const rng = createStream('heap');
    const q = createEventQueue(4);
    const ref: { t: number; p: number; s: number }[] = [];
    let seq = 0;
    const popped: number[] = [];
    const expected: number[] = [];
    for (let step = 0; step < 5000; step++) {
      if (rng.next() < 0.6 || ref.length === 0) {
        const t = Math.floor(rng.next() * 20); // many ties on purpose
        const p = Math.floor(rng.next() * 6) as EventKind;
        q.push(t, p, seq);
        ref.push({ t, p, s: seq++ });
      } else {
        ref.sort((a, b) => a.t - b.t || a.p - b.p || a.s - b.s);
        expected.push(ref.shift()!.s);
        q.pop();
        popped.push(q.entity);
      }
    }
    expect(popped).toEqual(expected);
  });

  it('refuses a NaN or negative time', () => {
    const q = createEventQueue();
    expect(() => q.push(NaN, EventKind.unitCleared, 0)).toThrow(/time/);
    expect(() => q.push(-1, EventKind.unitCleared, 0)).toThrow(/time/);
  });

  it('names every kind, in priority order', () => {
    expect(EVENT_KIND_NAMES).toEqual(['layoutChanged', 'shiftStarted', 'shiftEnded', 'unitCleared', 'cordonLifted', 'unitReturned', 'unitRepositioned', 'unitArrived', 'cordonArrived', 'incidentReported']);
  });
});
