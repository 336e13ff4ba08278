/** Tier compliance and response-time samples of a run, for the side panel and the report. */
import type { RunData } from './run-data.ts';
import { tierLabel, type ComplianceRow } from './stats.ts';
import { arrivalsOfKth } from './run-scene.ts';

/**
 * Rows: static coverage per tier (coverage.json, share of demand weight), then simulated compliance
 * per class and tier (summary.json; else counted from trace.json incidents' `met` flags against their
 * class's tiers, as trace.json lists them). Covered means arrival time <= target.
 */
export function complianceRows(run: RunData): ComplianceRow[] {
  const rows: ComplianceRow[] = [];
  for (const t of run.coverage?.tiers ?? []) {
    rows.push({ label: `coverage: ${tierLabel(t.targetS, t.units)}`, targetS: t.targetS, units: t.units, share: t.coveredShare, count: t.count, source: 'coverage' });
  }
  if (run.summary && run.summary.classes.length) {
    for (const c of run.summary.classes) for (const t of c.tiers) {
      rows.push({ label: `${c.name}: ${tierLabel(t.targetS, t.units)}`, targetS: t.targetS, units: t.units, share: t.metShare, count: c.incidents, source: 'simulation' });
    }
  } else if (run.trace && run.trace.incidents.length) {
    // No summary: count the trace's incidents per class against that class's own tiers.
    for (const c of run.trace.classes) {
      const incs = run.trace.incidents.filter((i) => i.cls === c.name);
      if (!incs.length) continue;
      c.tiers.forEach((t, j) => {
        rows.push({ label: `${c.name} (trace): ${tierLabel(t.targetS, t.units)}`, targetS: t.targetS, units: t.units, share: incs.filter((i) => i.met[j]).length / incs.length, count: incs.length, source: 'simulation' });
      });
    }
  }
  return rows;
}

/**
 * Response times to chart: first-arrival times of simulated incidents when there are any (seconds,
 * Infinity when no unit arrived), else the 1st-unit arrival time at each coverage demand point.
 */
export function responseTimeSample(run: RunData): { valuesS: Float64Array; what: string } {
  const incs = run.trace?.incidents ?? [];
  if (incs.length) return { valuesS: Float64Array.from(incs, (i) => i.firstArrivalS), what: 'first unit on scene, per simulated incident' };
  if (run.coverage) return { valuesS: arrivalsOfKth(run, 1), what: 'time for the first unit to reach each demand point (static coverage)' };
  return { valuesS: new Float64Array(0), what: 'no response times in this run' };
}
