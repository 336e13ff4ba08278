/**
 * The closed list of event kinds (JEMSS-style domain words). The value is also the event's priority:
 * at equal times a lower value runs first, then the earlier-scheduled event (sequence), so equal-time
 * events run first-in-first-out and every run repeats exactly.
 *
 * Order at one instant: a plan block boundary (new stations), shift changes, then units freeing up
 * (cleared, returned, reaching a new station), then arrivals at scenes, then new incidents — so a unit
 * that frees up at the very instant a call comes in can take it. A new kind takes the place its meaning
 * asks for; the relative order of the others never changes.
 */
export const EventKind = Object.freeze({
  layoutChanged: 0,
  shiftStarted: 1,
  shiftEnded: 2,
  unitCleared: 3,
  /** A cordon unit leaves its exit (units freeing up). */
  cordonLifted: 4,
  unitReturned: 5,
  unitRepositioned: 6,
  unitArrived: 7,
  /** A cordon unit reaches its exit (arrivals). */
  cordonArrived: 8,
  incidentReported: 9,
});
export type EventKind = (typeof EventKind)[keyof typeof EventKind];

export const EVENT_KIND_NAMES: readonly string[] = Object.freeze(
  Object.entries(EventKind).sort((a, b) => a[1] - b[1]).map(([k]) => k),
);

/**
 * A priority queue of events ordered by (timeS, priority, sequence) on typed arrays. Each event carries
 * its kind, an entity index (unit or incident) and a token (used to drop events made stale, e.g. a unit
 * redirected before it got home). Time is float seconds since the start of the run.
 *
 * @example
 * const q = createEventQueue();
 * q.push(10, EventKind.incidentReported, 0);
 * q.pop(); q.timeS; q.kind; q.entity
 */
export interface EventQueue {
  readonly size: number;
  /** Events pushed so far (the next sequence number). */
  readonly pushed: number;
  push(timeS: number, kind: EventKind, entity: number, token?: number): void;
  /** Remove the first event; its fields are then in timeS, kind, entity, token. Returns false when empty. */
  pop(): boolean;
  peekTimeS(): number;
  timeS: number;
  kind: EventKind;
  entity: number;
  token: number;
  clear(): void;
}

export function createEventQueue(capacity = 1024): EventQueue {
  let time = new Float64Array(capacity);
  let seq = new Float64Array(capacity);
  let prio = new Uint8Array(capacity);
  let ent = new Int32Array(capacity);
  let tok = new Int32Array(capacity);
  let size = 0;
  let nextSeq = 0;

  /** (ti, pi, si) orders before the event at slot j. */
  function less(ti: number, pi: number, si: number, j: number): boolean {
    const tj = time[j];
    if (ti !== tj) return ti < tj;
    const pj = prio[j];
    if (pi !== pj) return pi < pj;
    return si < seq[j];
  }
  /** The event at slot i orders before (t, p, s). */
  function slotLess(i: number, t: number, p: number, s: number): boolean {
    const ti = time[i];
    if (ti !== t) return ti < t;
    if (prio[i] !== p) return prio[i] < p;
    return seq[i] < s;
  }
  function grow() {
    const cap = time.length * 2;
    const t = new Float64Array(cap); t.set(time); time = t;
    const s = new Float64Array(cap); s.set(seq); seq = s;
    const p = new Uint8Array(cap); p.set(prio); prio = p;
    const e = new Int32Array(cap); e.set(ent); ent = e;
    const k = new Int32Array(cap); k.set(tok); tok = k;
  }

  const q: EventQueue = {
    get size() { return size; },
    get pushed() { return nextSeq; },
    timeS: 0, kind: 0, entity: -1, token: 0,
    push(timeS, kind, entity, token = 0) {
      if (!(timeS >= 0)) throw new Error(`event time must be a number >= 0, got ${timeS}`);
      if (size === time.length) grow();
      const s = nextSeq++;
      let i = size++;
      while (i > 0) {
        const parent = (i - 1) >> 1;
        if (!less(timeS, kind, s, parent)) break;
        time[i] = time[parent]; seq[i] = seq[parent]; prio[i] = prio[parent]; ent[i] = ent[parent]; tok[i] = tok[parent];
        i = parent;
      }
      time[i] = timeS; seq[i] = s; prio[i] = kind; ent[i] = entity; tok[i] = token;
    },
    pop() {
      if (size === 0) return false;
      q.timeS = time[0]; q.kind = prio[0] as EventKind; q.entity = ent[0]; q.token = tok[0];
      const n = --size;
      if (n === 0) return true;
      const t = time[n], s = seq[n], p = prio[n], e = ent[n], k = tok[n];
      let i = 0;
      for (;;) {
        let c = 2 * i + 1;
        if (c >= n) break;
        const r = c + 1;
        if (r < n && less(time[r], prio[r], seq[r], c)) c = r;
        if (!slotLess(c, t, p, s)) break;
        time[i] = time[c]; seq[i] = seq[c]; prio[i] = prio[c]; ent[i] = ent[c]; tok[i] = tok[c];
        i = c;
      }
      time[i] = t; seq[i] = s; prio[i] = p; ent[i] = e; tok[i] = k;
      return true;
    },
    peekTimeS() { return size > 0 ? time[0] : Infinity; },
    clear() { size = 0; nextSeq = 0; q.timeS = 0; },
  };
  return q;
}
