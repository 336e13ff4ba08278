import { VERSION } from '../version.ts';
import {
  createPooledSamples, measureReplication, summarizeClasses, summarizeLayouts, summarizeRelocations, summarizeUnits,
  type ClassSummary, type LayoutSummary, type RelocationSummary, type ReplicationMetrics, type UnitSummary,
} from './metrics.ts';
import type { Scenario } from './scenario.ts';
import { prepareModel, type SimulationModel } from './model.ts';
import { createReplication, runReplication, type ReplicationRecord } from './replication.ts';

export interface SimulationOptions {
  /** Root seed (default the scenario's). */
  seed?: number;
  /** Replications (default the scenario's). */
  replications?: number;
  /** Index of the first replication (default 0): replications first .. first + replications − 1 run, each on its own streams. */
  firstReplication?: number;
  /** Keep the trace of replication 0 (default true). */
  trace?: boolean;
  /** Called after each replication. */
  onProgress?: (done: number, total: number) => void;
  /** Called within a replication every `progressEvents` events, with its simulated time (for long replications). */
  onSimTime?: (replication: number, simTimeS: number) => void;
  /** Events between two onSimTime calls (default PROGRESS_EVENTS). */
  progressEvents?: number;
}

/** How many events between two onSimTime calls. */
export const PROGRESS_EVENTS = 1 << 18;

export interface NodeBreakdown {
  node: string;
  /** Per class: incidents (all replications) and the share meeting each tier. */
  classes: { name: string; incidents: number; metShare: number[] }[];
}

export interface SimulationResult {
  readonly version: string;
  readonly scenario: Scenario;
  readonly seed: number;
  readonly replications: number;
  readonly classes: ClassSummary[];
  readonly units: UnitSummary[];
  /** Move-ups and plan moves. */
  readonly relocations: RelocationSummary;
  /** With a plan: tier met shares per block (base layout first); else null. */
  readonly layouts: LayoutSummary[] | null;
  readonly byNode: NodeBreakdown[];
  readonly byZone: { zone: string; classes: NodeBreakdown['classes'] }[];
  /** Events processed, all replications. */
  readonly events: number;
  /** Incidents drawn, all replications (warm-up included). */
  readonly incidentsDrawn: number;
  /** Replication 0 in full (incidents, assignments, trace), for the output files. */
  readonly first: ReplicationRecord;
  readonly perReplication: readonly ReplicationMetrics[];
}

/**
 * Run all replications of a scenario (pure: no files, no clock). Replication r uses streams derived from
 * (seed, r), so results for a seed never depend on how many replications run or in what order.
 *
 * @example
 * const result = runSimulation(loadScenario('scenarios/validation/mmc-c3.json'), { replications: 10 });
 * result.classes[0].tiers[0].metShare
 */
export function runSimulation(scenario: Scenario, options: SimulationOptions = {}): SimulationResult {
  const sc: Scenario = { ...scenario, seed: options.seed ?? scenario.seed, replications: options.replications ?? scenario.replications };
  if (!Number.isSafeInteger(sc.seed) || sc.seed < 0) throw new Error(`seed must be an integer >= 0, got ${sc.seed}`);
  if (!Number.isInteger(sc.replications) || sc.replications < 1) throw new Error(`replications must be an integer >= 1, got ${sc.replications}`);
  const model = prepareModel(sc);
  const pooled = createPooledSamples(sc);
  const reps: ReplicationMetrics[] = [];
  let first: ReplicationRecord | undefined;
  let events = 0;
  let drawn = 0;
  const r0 = options.firstReplication ?? 0;
  if (!Number.isSafeInteger(r0) || r0 < 0) throw new Error(`firstReplication must be an integer >= 0, got ${r0}`);
  for (let r = r0; r < r0 + sc.replications; r++) {
    const trace = r === r0 && options.trace !== false;
    const rec = options.onSimTime ? runReporting(model, r, trace, options.progressEvents ?? PROGRESS_EVENTS, options.onSimTime) : runReplication(model, r, { trace });
    reps.push(measureReplication(sc, rec, pooled));
    events += rec.events;
    drawn += rec.incidents.count;
    if (r === r0) first = rec;
    options.onProgress?.(r - r0 + 1, sc.replications);
  }
  const breakdown = (counts: { incidents: number[]; met: number[][] }) => sc.classes.map((c, k) => ({
    name: c.name, incidents: counts.incidents[k], metShare: counts.met[k].map((m) => (counts.incidents[k] ? m / counts.incidents[k] : NaN)),
  }));
  const nodes = [...pooled.byNode.keys()].sort((a, b) => a - b);
  const byNode = nodes.map((v) => ({ node: sc.graph.nodeIds[v], classes: breakdown(pooled.byNode.get(v)!) }));
  const byZone = sc.zones.map((z) => {
    const acc = { incidents: sc.classes.map(() => 0), met: sc.classes.map((c) => c.tiers.map(() => 0)) };
    for (const v of new Set(z.nodes)) {
      const n = pooled.byNode.get(v);
      if (!n) continue;
      n.incidents.forEach((x, k) => { acc.incidents[k] += x; n.met[k].forEach((m, j) => { acc.met[k][j] += m; }); });
    }
    return { zone: z.name, classes: breakdown(acc) };
  });
  return {
    version: VERSION, scenario: sc, seed: sc.seed, replications: sc.replications,
    classes: summarizeClasses(sc, reps, pooled), units: summarizeUnits(sc, reps),
    relocations: summarizeRelocations(sc, reps), layouts: summarizeLayouts(sc, reps), byNode, byZone,
    events, incidentsDrawn: drawn, first: first!, perReplication: reps,
  };
}

/** runReplication, stepping in chunks of `every` events and reporting the simulated time between them. */
function runReporting(model: SimulationModel, r: number, trace: boolean, every: number, onSimTime: (replication: number, simTimeS: number) => void): ReplicationRecord {
  const rep = createReplication(model, r, { trace });
  for (;;) {
    let k = 0;
    while (k < every && rep.step()) k++;
    if (k < every) return rep.run();
    onSimTime(r, rep.state.nowS);
  }
}
