/**
 * Replay of unit movements from `trace.json` waypoints, and the playback clock.
 * Simulation time is float seconds from the start of the run. Between two waypoints a unit moves
 * linearly (the contract in docs/run-directory.md); before its first waypoint it sits at the first,
 * after its last it stays at the last.
 */

/** One unit's track: parallel arrays sorted by time (equal times allowed: a jump, the later wins). */
export interface UnitTrack {
  readonly tS: Float64Array;
  readonly x: Float64Array;
  readonly y: Float64Array;
  readonly state: Uint8Array;
}

export interface TrackSample { x: number; y: number; state: number }

/** Index of the last waypoint with `tS <= t`, or -1 when t is before the first. */
export function waypointIndexAt(track: UnitTrack, tS: number): number {
  let lo = 0, hi = track.tS.length - 1, ans = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (track.tS[mid] <= tS) { ans = mid; lo = mid + 1; } else hi = mid - 1;
  }
  return ans;
}

/**
 * Position and state at time `tS`, written into `out` (no allocation in the frame loop).
 * The state is that of the waypoint the unit last passed (the state it is in while moving on).
 *
 * @example
 * sampleTrack(track, 15, out) // halfway between waypoints at 10 s and 20 s
 */
export function sampleTrack(track: UnitTrack, tS: number, out: TrackSample): TrackSample {
  const n = track.tS.length;
  if (n === 0) { out.x = NaN; out.y = NaN; out.state = 0; return out; }
  const i = waypointIndexAt(track, tS);
  if (i < 0) { out.x = track.x[0]; out.y = track.y[0]; out.state = track.state[0]; return out; }
  if (i >= n - 1) { out.x = track.x[n - 1]; out.y = track.y[n - 1]; out.state = track.state[n - 1]; return out; }
  const t0 = track.tS[i], t1 = track.tS[i + 1];
  const u = t1 > t0 ? (tS - t0) / (t1 - t0) : 1;
  out.x = track.x[i] + (track.x[i + 1] - track.x[i]) * u;
  out.y = track.y[i] + (track.y[i + 1] - track.y[i]) * u;
  out.state = track.state[i];
  return out;
}

/** Unit state codes of trace.json. */
export const UNIT_STATES = Object.freeze(['at post', 'patrolling', 'dispatched', 'on scene', 'returning', 'off shift', 'moving'] as const);

export function unitStateName(code: number): string {
  return UNIT_STATES[code] ?? `state ${code}`;
}

/** Playback clock: `advance(wallS)` moves simulation time by wall seconds x speed while playing. */
export interface Playback {
  readonly startS: number;
  readonly endS: number;
  readonly timeS: number;
  readonly playing: boolean;
  /** Simulation seconds per wall-clock second. */
  readonly speed: number;
  play(): void;
  pause(): void;
  setSpeed(speed: number): void;
  /** Jump to a time (clamped to [startS, endS]). */
  seek(tS: number): void;
  /** Advance by a wall-clock interval; stops at the end. Returns the new time. */
  advance(wallS: number): number;
}

export function createPlayback(startS: number, endS: number, speed = 60): Playback {
  if (!(endS >= startS)) throw new Error(`playback end ${endS} s is before start ${startS} s`);
  let timeS = startS, playing = false, rate = speed;
  const clamp = (t: number) => Math.min(endS, Math.max(startS, t));
  return {
    startS, endS,
    get timeS() { return timeS; },
    get playing() { return playing; },
    get speed() { return rate; },
    play() { if (timeS >= endS) timeS = startS; playing = true; },
    pause() { playing = false; },
    setSpeed(s) { if (!(s > 0) || !Number.isFinite(s)) throw new Error(`speed must be a positive number, got ${s}`); rate = s; },
    seek(t) { if (Number.isFinite(t)) timeS = clamp(t); },
    advance(wallS) {
      if (!playing || !(wallS > 0)) return timeS;
      timeS = clamp(timeS + wallS * rate);
      if (timeS >= endS) playing = false;
      return timeS;
    },
  };
}

/** "hh:mm:ss", with a "day N " prefix from the second day on. Negative times get a minus sign. */
export function formatClock(tS: number): string {
  if (!Number.isFinite(tS)) return '--:--:--';
  const sign = tS < 0 ? '-' : '';
  let s = Math.floor(Math.abs(tS));
  const day = Math.floor(s / 86400); s -= day * 86400;
  const hh = Math.floor(s / 3600), mm = Math.floor((s % 3600) / 60), ss = s % 60;
  const p = (v: number) => String(v).padStart(2, '0');
  return `${sign}${day > 0 ? `day ${day + 1} ` : ''}${p(hh)}:${p(mm)}:${p(ss)}`;
}
