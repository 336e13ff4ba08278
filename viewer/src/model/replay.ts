/**
 * What the replay shows and how it says what it is. The trace is replication 1 of the simulation,
 * recorded from 0 to `untilS`; the headline figures come from summary.json (every replication, warm-up
 * excluded), so the replay's own counts are labelled as a replay.
 */
import type { TraceData, TraceIncident } from './run-data.ts';
import { formatDuration } from './stats.ts';

export interface ReplayOptions {
  /** Show incidents reported during the warm-up (default false: the figures exclude them too). */
  showWarmup: boolean;
  /** Seconds after its report over which an incident fades out; Infinity keeps it. */
  fadeS: number;
}

export const DEFAULT_REPLAY_OPTIONS: ReplayOptions = Object.freeze({ showWarmup: false, fadeS: 3600 });

/** "replay: replication 1, first 48 h (warm-up 24 h)". */
export function replayLabel(trace: TraceData): string {
  const warm = trace.warmupS > 0 ? ` (warm-up ${formatDuration(trace.warmupS)})` : '';
  return `replay: replication 1, first ${formatDuration(trace.untilS)}${warm}`;
}

/** The time the replay opens at: the end of the warm-up when the trace reaches past it, else 0. */
export function replayStartS(trace: TraceData): number {
  return trace.warmupS < trace.untilS ? trace.warmupS : 0;
}

/**
 * Opacity of an incident at time `tS`: 0 before its report (or when it is a hidden warm-up incident),
 * 1 at its report, falling linearly to 0 at `fadeS` after it.
 */
export function incidentOpacity(inc: Pick<TraceIncident, 'tS'>, tS: number, warmupS: number, o: ReplayOptions): number {
  if (tS < inc.tS) return 0;
  if (!o.showWarmup && inc.tS < warmupS) return 0;
  if (!Number.isFinite(o.fadeS)) return 1;
  if (o.fadeS <= 0) return tS === inc.tS ? 1 : 0;
  const u = (tS - inc.tS) / o.fadeS;
  return u >= 1 ? 0 : 1 - u;
}

/** Incidents the replay will show at some time, under the options (for counts next to the slider). */
export function replayIncidentCount(trace: TraceData, o: ReplayOptions): number {
  return trace.incidents.filter((i) => i.tS <= trace.untilS && (o.showWarmup || i.tS >= trace.warmupS)).length;
}
