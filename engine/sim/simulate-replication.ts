import { InputError } from '../io/input-error.ts';
import { createEventQueue, EventKind } from './event-queue.ts';
import { generateIncidents, type Incidents } from './incidents.ts';
import { createStreams } from './random-streams.ts';
import type { Scenario, Shift } from './scenario.ts';
import { createTraceRecorder, type TraceRecorder } from './trace.ts';
import { createTravelOracle, type TargetRow, type TravelOracle } from './travel-oracle.ts';
import { UnitMotion, type Located, type PatrolLoop } from './unit-motion.ts';
import { assertTransition, isAvailable, isBusy, UnitState } from './unit-state.ts';

/** What a replication leaves behind: the incidents, who was sent when, and unit time accounting. */
export interface ReplicationRecord {
  readonly replication: number;
  readonly incidents: Incidents;
  /** Assignments of incident i are slots assignOffset[i] .. assignOffset[i] + assignedCount[i]. */
  readonly assignOffset: Int32Array;
  readonly assignedCount: Int32Array;
  readonly assignUnit: Int32Array;
  readonly assignDispatchS: Float64Array;
  readonly assignArrivalS: Float64Array;
  /** 1 when the call found no unit and queueing is off. */
  readonly lost: Uint8Array;
  /** Per unit, within [warmupS, horizonS): seconds busy (dispatched or on scene) and on duty. */
  readonly unitBusyS: Float64Array;
  readonly unitOnDutyS: Float64Array;
  readonly unitDispatches: Int32Array;
  readonly events: number;
  readonly endS: number;
  readonly trace?: TraceRecorder;
}

/** Everything shared by the replications of one scenario (travel rows are cached across them). */
export interface SimulationModel {
  readonly scenario: Scenario;
  readonly oracle: TravelOracle;
  readonly loops: readonly (PatrolLoop | null)[];
  readonly beats: readonly (Uint8Array | null)[];
}

/** Drain limit: queued calls still unserved this long after the horizon are left unserved. */
export const DRAIN_LIMIT_S = 7 * 86400;

export function prepareModel(scenario: Scenario): SimulationModel {
  const oracle = createTravelOracle(scenario);
  const g = scenario.graph;
  const loopCache = new Map<string, PatrolLoop>();
  const beatCache = new Map<string, Uint8Array>();
  const loops = scenario.units.map((u) => {
    if (u.patrol.kind !== 'route') return null;
    const post = scenario.posts[u.post].node;
    const key = `${u.type}/${post}/${u.patrol.name}`;
    let loop = loopCache.get(key);
    if (!loop) {
      const stops = [post, ...u.patrol.nodes, post];
      const edges: number[] = [];
      for (let k = 0; k + 1 < stops.length; k++) {
        const p = oracle.patrolPath(u.type, stops[k], stops[k + 1]);
        if (!p) throw new InputError(`route "${u.patrol.name}" of unit ${u.id}: node ${g.nodeIds[stops[k + 1]]} can't be reached from ${g.nodeIds[stops[k]]} at patrol speed`);
        edges.push(...p);
      }
      const times = oracle.patrolEdgeTimeS(u.type);
      const cum = new Float64Array(edges.length);
      let t = 0;
      edges.forEach((e, i) => { t += times[e]; cum[i] = t; });
      loop = { edges: Int32Array.from(edges), cumEndS: cum, totalS: t };
      loopCache.set(key, loop);
    }
    return loop;
  });
  const beats = scenario.units.map((u) => {
    if (u.patrol.kind !== 'beat') return null;
    let mask = beatCache.get(u.patrol.name);
    if (!mask) { mask = new Uint8Array(g.nodeCount); for (const v of u.patrol.nodes) mask[v] = 1; beatCache.set(u.patrol.name, mask); }
    return mask;
  });
  return { scenario, oracle, loops, beats };
}

/** Whether a shift is on duty at timeS, and the next time (> timeS) its duty changes (Infinity: never). */
export function shiftOnDuty(shift: Shift | undefined, timeS: number): boolean {
  if (!shift) return true;
  const s = shift.startHour % 24, e = shift.endHour % 24;
  if (s === e) return true;
  const h = (timeS % 86400) / 3600;
  return s < e ? h >= s && h < e : h >= s || h < e;
}

export function nextShiftChangeS(shift: Shift | undefined, timeS: number): number {
  if (!shift) return Infinity;
  const s = shift.startHour % 24, e = shift.endHour % 24;
  if (s === e) return Infinity;
  const day = Math.floor(timeS / 86400);
  let best = Infinity;
  for (let d = day; d <= day + 1; d++) {
    for (const h of [s, e]) { const t = d * 86400 + h * 3600; if (t > timeS && t < best) best = t; }
  }
  return best;
}

/**
 * Run one replication: incidents drawn up front from the replication's streams, then the event loop.
 * Events are processed in (time, priority, sequence) order; time is float seconds and never decreases.
 * The run goes on past the horizon until every call reported before it has its units on scene (or
 * DRAIN_LIMIT_S passes), so late calls are measured fully.
 */
export function runReplication(model: SimulationModel, replication: number, options: { trace?: boolean } = {}): ReplicationRecord {
  const sc = model.scenario;
  const g = sc.graph;
  const oracle = model.oracle;
  const streams = createStreams(sc.seed, replication);
  const inc = generateIncidents(sc, streams);
  const nI = inc.count;
  const nU = sc.units.length;
  const W = sc.warmupS, H = sc.horizonS;
  const trace = options.trace ? createTraceRecorder(g, nU, sc.traceUntilS) : undefined;
  const units = sc.units;
  const postNode = Int32Array.from(units, (u) => sc.posts[u.post].node);
  const unitType = Int32Array.from(units, (u) => u.type);
  const priority = Int32Array.from(sc.classes, (c) => c.priority);
  const toSend = Int32Array.from(sc.classes, (c) => c.unitsToSend);

  const assignOffset = new Int32Array(nI + 1);
  for (let i = 0; i < nI; i++) assignOffset[i + 1] = assignOffset[i] + toSend[inc.cls[i]];
  const slots = assignOffset[nI];
  const assignUnit = new Int32Array(slots).fill(-1);
  const assignDispatchS = new Float64Array(slots).fill(NaN);
  const assignArrivalS = new Float64Array(slots).fill(Infinity);
  const assignedCount = new Int32Array(nI);
  const lost = new Uint8Array(nI);

  const state = new Uint8Array(nU);
  const token = new Int32Array(nU);
  const motion = units.map(() => new UnitMotion(g, trace !== undefined));
  const unitIncident = new Int32Array(nU).fill(-1);
  const offAfterJob = new Uint8Array(nU);
  const busySince = new Float64Array(nU);
  const dutySince = new Float64Array(nU);
  const unitBusyS = new Float64Array(nU);
  const unitOnDutyS = new Float64Array(nU);
  const unitDispatches = new Int32Array(nU);
  let availableCount = 0;
  let dispatchedCount = 0;
  const waiting: number[] = [];
  const q = createEventQueue(Math.max(64, nU * 4));
  const clip = (a: number, b: number) => Math.max(0, Math.min(b, H) - Math.max(a, W));
  const loc: Located = { node: 0, offsetS: 0, edge: -1, frac: 0 };

  function endMotion(u: number, t: number) {
    const group = oracle.hourGroup(t);
    const resp = oracle.responseEdgeTimeS(unitType[u], group);
    if (trace && motion[u].startS <= trace.untilS) {
      const s = state[u];
      motion[u].replay(Math.min(t, trace.untilS), {
        atNode: (tt, v) => trace.atNode(u, tt, v, s),
        onEdge: (tt, e, f) => trace.onEdge(u, tt, e, f, s),
      }, resp);
    }
    return motion[u].locate(t, resp, loc);
  }
  function setState(u: number, to: UnitState, t: number) {
    const from = state[u] as UnitState;
    assertTransition(from, to, units[u].id);
    if (isBusy(from) && !isBusy(to)) unitBusyS[u] += clip(busySince[u], t);
    if (!isBusy(from) && isBusy(to)) busySince[u] = t;
    if (from === UnitState.offShift) dutySince[u] = t;
    if (to === UnitState.offShift) unitOnDutyS[u] += clip(dutySince[u], t);
    if (isAvailable(from)) availableCount--;
    if (isAvailable(to)) availableCount++;
    if (from === UnitState.dispatched) dispatchedCount--;
    if (to === UnitState.dispatched) dispatchedCount++;
    state[u] = to;
    trace?.stateAt(u, t, to);
  }
  function settleAtPost(u: number, t: number) {
    const spec = units[u];
    const post = postNode[u];
    const loop = model.loops[u];
    const beat = model.beats[u];
    if (loop && loop.totalS > 0) { setState(u, UnitState.patrolling, t); motion[u].patrolLoop(post, t, loop); }
    else if (beat) { setState(u, UnitState.patrolling, t); motion[u].patrolBeat(post, t, beat, streams.get(`patrol/${spec.id}`), oracle.patrolEdgeTimeS(unitType[u])); }
    else { setState(u, UnitState.atPost, t); motion[u].stand(post, t); }
  }

  // Dispatch.
  const candTime = new Float64Array(nU);
  const candNode = new Int32Array(nU);
  const candOffset = new Float64Array(nU);
  const rowOfType: (TargetRow | null)[] = new Array(oracle.typeCount).fill(null);
  const respOfType: (Float64Array | null)[] = new Array(oracle.typeCount).fill(null);
  const order: number[] = [];
  const reserveUnits = new Int32Array(sc.posts.length);
  const reserveRelease = new Int32Array(sc.posts.length);
  if (sc.dispatch.policy === 'reserve') for (const r of sc.dispatch.reserve) { reserveUnits[r.post] = r.units; reserveRelease[r.post] = r.releasePriority; }
  const atPostCount = new Int32Array(sc.posts.length);

  function tryDispatch(i: number, t: number) {
    const c = inc.cls[i];
    let need = toSend[c] - assignedCount[i];
    if (need <= 0 || availableCount === 0) return;
    const target = inc.node[i];
    const group = oracle.hourGroup(t);
    rowOfType.fill(null);
    order.length = 0;
    for (let u = 0; u < nU; u++) {
      if (!isAvailable(state[u] as UnitState)) continue;
      const type = unitType[u];
      let row = rowOfType[type];
      if (row === null) { row = oracle.toTarget(type, group, target); rowOfType[type] = row; respOfType[type] = oracle.responseEdgeTimeS(type, group); }
      motion[u].locate(t, respOfType[type]!, loc);
      const time = loc.offsetS + row.timeS[loc.node];
      if (time === Infinity) continue;
      candTime[u] = time; candNode[u] = loc.node; candOffset[u] = loc.offsetS;
      order.push(u);
    }
    const policy = sc.dispatch;
    if (policy.policy === 'preference') {
      const list = policy.lists.get(target) ?? [];
      const ok = new Set(order);
      order.length = 0;
      for (const u of list) if (ok.has(u)) order.push(u);
    } else {
      order.sort((a, b) => candTime[a] - candTime[b] || a - b);
    }
    if (policy.policy === 'reserve') {
      atPostCount.fill(0);
      for (let u = 0; u < nU; u++) if (state[u] === UnitState.atPost) atPostCount[units[u].post]++;
    }
    for (let k = 0; k < order.length && need > 0; k++) {
      const u = order[k];
      if (policy.policy === 'reserve') {
        const p = units[u].post;
        if (state[u] === UnitState.atPost && reserveUnits[p] > 0 && priority[c] > reserveRelease[p]) {
          if (atPostCount[p] <= reserveUnits[p]) continue;
          atPostCount[p]--;
        }
      }
      assign(u, i, t, rowOfType[unitType[u]]!, group);
      need--;
    }
  }
  const pathBuf: number[] = [];
  function assign(u: number, i: number, t: number, row: TargetRow, group: number) {
    endMotion(u, t);
    setState(u, UnitState.dispatched, t);
    pathBuf.length = 0;
    for (let v = candNode[u], guard = 0; v !== inc.node[i] && guard <= g.nodeCount; guard++) { const e = row.nextEdge[v]; pathBuf.push(e); v = g.edgeTo[e]; }
    motion[u].drive(candNode[u], t, candOffset[u], pathBuf, oracle.responseEdgeTimeS(unitType[u], group));
    const arrival = t + candTime[u];
    token[u]++;
    q.push(arrival, EventKind.unitArrived, u, token[u]);
    unitIncident[u] = i;
    const slot = assignOffset[i] + assignedCount[i]++;
    assignUnit[slot] = u; assignDispatchS[slot] = t; assignArrivalS[slot] = arrival;
    unitDispatches[u]++;
  }
  function serveQueue(t: number) {
    for (let k = 0; k < waiting.length && availableCount > 0;) {
      const i = waiting[k];
      tryDispatch(i, t);
      if (assignedCount[i] >= toSend[inc.cls[i]]) waiting.splice(k, 1); else k++;
    }
  }
  function enqueue(i: number) {
    const p = priority[inc.cls[i]];
    let k = waiting.length;
    while (k > 0 && (priority[inc.cls[waiting[k - 1]]] > p || (priority[inc.cls[waiting[k - 1]]] === p && waiting[k - 1] > i))) k--;
    waiting.splice(k, 0, i);
  }

  // Start: units on duty at their posts, shift changes scheduled.
  for (let u = 0; u < nU; u++) {
    const shift = units[u].shift >= 0 ? sc.shifts[units[u].shift] : undefined;
    state[u] = UnitState.offShift;
    motion[u].stand(postNode[u], 0);
    if (trace) trace.atNode(u, 0, postNode[u], UnitState.offShift);
    if (shiftOnDuty(shift, 0)) {
      trace?.waypoints[u].splice(0); // on duty from the start: the first waypoint is its first state
      if (trace) trace.atNode(u, 0, postNode[u], UnitState.atPost);
      settleAtPost(u, 0);
    }
    const next = nextShiftChangeS(shift, 0);
    if (next < Infinity) q.push(next, shiftOnDuty(shift, 0) ? EventKind.shiftEnded : EventKind.shiftStarted, u);
  }
  let nextIncident = 0;
  if (nI > 0) q.push(inc.timeS[0], EventKind.incidentReported, 0);
  let events = 0;
  let now = 0;
  const drainEndS = H + DRAIN_LIMIT_S;
  while (q.pop()) {
    const t = q.timeS;
    if (t < now) throw new Error(`time ran backwards: ${t} < ${now}`);
    if (t >= H && nextIncident >= nI && waiting.length === 0 && dispatchedCount === 0) break;
    if (t > drainEndS) break;
    now = t;
    events++;
    const u = q.entity;
    switch (q.kind) {
      case EventKind.incidentReported: {
        const i = u;
        nextIncident = i + 1;
        if (nextIncident < nI) q.push(inc.timeS[nextIncident], EventKind.incidentReported, nextIncident);
        tryDispatch(i, t);
        if (assignedCount[i] < toSend[inc.cls[i]]) {
          if (sc.dispatch.queue) enqueue(i);
          else if (assignedCount[i] === 0) lost[i] = 1;
        }
        break;
      }
      case EventKind.unitArrived: {
        if (q.token !== token[u]) break;
        endMotion(u, t);
        setState(u, UnitState.onScene, t);
        const i = unitIncident[u];
        motion[u].stand(inc.node[i], t);
        q.push(t + inc.onSceneS[i], EventKind.unitCleared, u, token[u]);
        break;
      }
      case EventKind.unitCleared: {
        if (q.token !== token[u]) break;
        const here = inc.node[unitIncident[u]];
        unitIncident[u] = -1;
        if (offAfterJob[u]) { offAfterJob[u] = 0; setState(u, UnitState.offShift, t); break; }
        setState(u, UnitState.returning, t);
        const group = oracle.hourGroup(t);
        const row = oracle.toTarget(unitType[u], group, postNode[u]);
        const backS = row.timeS[here];
        if (backS === 0) settleAtPost(u, t);
        else if (backS === Infinity) { setState(u, UnitState.atPost, t); motion[u].stand(here, t); } // stranded: no way back
        else {
          pathBuf.length = 0;
          for (let v = here; v !== postNode[u];) { const e = row.nextEdge[v]; pathBuf.push(e); v = g.edgeTo[e]; }
          motion[u].drive(here, t, 0, pathBuf, oracle.responseEdgeTimeS(unitType[u], group));
          token[u]++;
          q.push(t + backS, EventKind.unitReturned, u, token[u]);
        }
        serveQueue(t);
        break;
      }
      case EventKind.unitReturned: {
        if (q.token !== token[u] || state[u] !== UnitState.returning) break;
        endMotion(u, t);
        settleAtPost(u, t);
        break;
      }
      case EventKind.shiftEnded: {
        const shift = sc.shifts[units[u].shift];
        q.push(nextShiftChangeS(shift, t), EventKind.shiftStarted, u);
        if (isAvailable(state[u] as UnitState)) {
          endMotion(u, t);
          token[u]++;
          setState(u, UnitState.offShift, t);
        } else offAfterJob[u] = 1;
        break;
      }
      case EventKind.shiftStarted: {
        const shift = sc.shifts[units[u].shift];
        q.push(nextShiftChangeS(shift, t), EventKind.shiftEnded, u);
        offAfterJob[u] = 0;
        if (state[u] === UnitState.offShift) {
          motion[u].stand(postNode[u], t);
          if (trace) trace.atNode(u, t, postNode[u], UnitState.offShift);
          settleAtPost(u, t);
          serveQueue(t);
        }
        break;
      }
    }
  }
  const endS = Math.max(now, H);
  for (let u = 0; u < nU; u++) {
    if (isBusy(state[u] as UnitState)) unitBusyS[u] += clip(busySince[u], endS);
    if (state[u] !== UnitState.offShift) unitOnDutyS[u] += clip(dutySince[u], endS);
    if (trace) endMotion(u, Math.min(endS, trace.untilS));
  }
  return { replication, incidents: inc, assignOffset, assignedCount, assignUnit, assignDispatchS, assignArrivalS, lost, unitBusyS, unitOnDutyS, unitDispatches, events, endS, trace };
}
