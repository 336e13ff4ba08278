/**
 * The headline figures of a simulated run, read from summary.json only (every replication, incidents
 * reported in the warm-up excluded), so the panel and the report quote one source. Trace-derived
 * views (the replay, its histogram) say that they are a replay.
 */
import type { SummaryData } from './run-data.ts';

export interface TierFigure { targetS: number; units: number; metShare: number; ci95: [number, number] | null }
export interface ClassFigure {
  name: string;
  /** Incidents scored, all replications together. */
  incidents: number;
  tiers: TierFigure[];
  /** First unit on scene: median and 90th percentile, pooled over replications (seconds; NaN when absent). */
  firstUnitP50S: number;
  firstUnitP90S: number;
}
export interface SummaryFigures {
  scenario: string | null;
  replications: number;
  horizonS: number;
  warmupS: number;
  incidents: number;
  classes: ClassFigure[];
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const num = (v: unknown) => (typeof v === 'number' ? v : NaN);

export function summaryFigures(summary: SummaryData): SummaryFigures {
  const raw = summary.raw;
  const rawClasses = Array.isArray(raw.classes) ? raw.classes.filter(isObj) : [];
  const classes = summary.classes.map((c, i) => {
    const rc = rawClasses[i] ?? {};
    const first = Array.isArray(rc.unitResponseS) ? rc.unitResponseS.filter(isObj).find((u) => u.unit === 1) : undefined;
    return {
      name: c.name, incidents: c.incidents,
      tiers: c.tiers.map((t) => ({ targetS: t.targetS, units: t.units, metShare: t.metShare, ci95: t.ci95 ?? null })),
      firstUnitP50S: num(first?.p50), firstUnitP90S: num(first?.p90),
    };
  });
  return {
    scenario: typeof raw.scenario === 'string' ? raw.scenario : null,
    replications: num(raw.replications), horizonS: num(raw.horizonS), warmupS: num(raw.warmupS),
    incidents: classes.reduce((s, c) => s + (Number.isFinite(c.incidents) ? c.incidents : 0), 0),
    classes,
  };
}
