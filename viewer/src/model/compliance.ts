/** Tier compliance and response-time samples of a run, for the side panel and the report. */
import type { RunData } from './run-data.ts';
import { tierLabel, type ComplianceRow } from './stats.ts';
import { arrivalsOfKth } from './run-scene.ts';
import { DEFAULT_REPLAY_OPTIONS, replayLabel, type ReplayOptions } from './replay.ts';

/**
 * Rows: static coverage per tier (coverage.json, share of demand weight), then simulated compliance
 * per class and tier (summary.json: every replication, warm-up excluded, with its 95 % interval);
 * without summary.json, counted from trace.json's incidents against their class's tiers (labelled as
 * the trace: one replication's first hours). Covered means arrival time <= target.
 */
export function complianceRows(run: RunData): ComplianceRow[] {
  const rows: ComplianceRow[] = [];
  for (const t of run.coverage?.tiers ?? []) {
    rows.push({ label: `coverage: ${tierLabel(t.targetS, t.units)}`, targetS: t.targetS, units: t.units, share: t.coveredShare, count: t.count, source: 'coverage' });
  }
  if (run.summary && run.summary.classes.length) {
    for (const c of run.summary.classes) for (const t of c.tiers) {
      rows.push({ label: `${c.name}: ${tierLabel(t.targetS, t.units)}`, targetS: t.targetS, units: t.units, share: t.metShare, count: c.incidents, source: 'simulation', ci95: t.ci95 ?? null });
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
 * Response times to chart, and what they are: the replay's incidents (first unit on scene; Infinity when
 * none arrived), warm-up excluded unless shown, when there is a replay; else the first-unit arrival at
 * each coverage demand point (static, one value per point, unweighted).
 */
export function responseTimeSample(run: RunData, o: ReplayOptions = DEFAULT_REPLAY_OPTIONS): { valuesS: Float64Array; what: string } {
  const tr = run.trace;
  const incs = (tr?.incidents ?? []).filter((i) => i.tS <= (tr?.untilS ?? Infinity) && (o.showWarmup || i.tS >= (tr?.warmupS ?? 0)));
  if (tr && incs.length) {
    return { valuesS: Float64Array.from(incs, (i) => i.firstArrivalS), what: `${replayLabel(tr)}${o.showWarmup ? ', warm-up included' : ', warm-up excluded'}: first unit on scene, ${incs.length} incidents` };
  }
  if (run.coverage) return { valuesS: arrivalsOfKth(run, 1), what: `static coverage: time for the first unit to reach each demand point (${run.coverage.demandNode.length} points, unweighted)` };
  return { valuesS: new Float64Array(0), what: 'no response times in this run' };
}
