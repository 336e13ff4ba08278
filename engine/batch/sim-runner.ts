/**
 * The default batch runner: one replication of the simulator (engine/sim) for a cell.
 *
 * A cell's scenario is the scenario file (with the sweep's `overrides`), then: the deployment's posts and
 * units; `unitsPerPost` n (every post gets n units, see applyUnitsPerPost); the dispatch policy; the tier
 * set; the demand multiplier (times the file's own); and seed = the cell seed. Replication r runs the
 * simulator's replication r (streams derived from (cell seed, r)), so a cell's numbers equal
 * `runSimulation(cellScenario, { seed: cell.seed })` replication by replication.
 *
 * Metrics of one replication (incidents reported in [warmupS, horizonS); definitions in engine/sim/metrics.ts):
 *   <class>.incidents                 incidents measured
 *   <class>.met_<T>s_<k>u             share of them where at least k units arrived within T seconds (per tier)
 *   <class>.response_p50_s, _p90_s    first-unit response time percentiles (Infinity when never served)
 *   <class>.wait_share                share of served calls that waited for a unit
 *   <class>.queue_delay_mean_s        mean delay from report to first dispatch
 *   <class>.lost_share                share lost (no unit free, queueing off)
 *   <class>.cordon_met_share          share meeting the class's cordon standard (only with one)
 *   units.count, units.utilisation_mean, units.utilisation_max   busy / on-duty time of the units
 *   events                            events processed (a cost measure)
 */
import { dirname } from 'node:path';
import type { Tier } from '../coverage/tiers.ts';
import { InputError } from '../io/input-error.ts';
import { loadScenario, resolveScenarioWithGraph } from '../sim/load-scenario.ts';
import { createPooledSamples, measureReplication, summarizeClasses, summarizeUnits } from '../sim/metrics.ts';
import type { Scenario } from '../sim/scenario.ts';
import type { PostFile, ScenarioFile, UnitFile } from '../sim/scenario-file.ts';
import { prepareModel, type SimulationModel } from '../sim/model.ts';
import { runReplication } from '../sim/replication.ts';
import type { Cell } from './cells.ts';
import type { BatchRunner, MetricRecord } from './runner.ts';
import type { Sweep } from './sweep.ts';

export function createSimRunner(sweep: Sweep): BatchRunner {
  const base = new Map<string, Scenario>();
  const baseScenario = (name: string): Scenario => {
    let sc = base.get(name);
    if (!sc) {
      const s = sweep.scenarios.find((x) => x.name === name)!;
      sc = loadScenario(s.path, { horizonS: sweep.overrides.horizonS, warmupS: sweep.overrides.warmupS });
      base.set(name, sc);
    }
    return sc;
  };
  // The model of the last cell run: workers get replications of one cell in a row.
  let cached: { index: number; model: SimulationModel } | undefined;

  const cellScenario = (cell: Cell): Scenario => {
    const b = baseScenario(cell.scenario);
    const path = sweep.scenarios.find((x) => x.name === cell.scenario)!.path;
    const dep = sweep.deployments.find((d) => d.name === cell.deployment)!;
    const disp = sweep.dispatch.find((d) => d.name === cell.dispatch)!;
    const tiers = sweep.tiers.find((t) => t.name === cell.tiers)!;
    const posts = (dep.posts ?? b.file.posts) as PostFile[];
    let units = (dep.units ?? b.file.units) as UnitFile[];
    if (cell.unitsPerPost !== null) units = applyUnitsPerPost(posts, units, cell.unitsPerPost, sweep.unitType);
    const file = tiers.classes ? applyTiers(b.file, tiers.classes, sweep.fileName, cell.tiers) : b.file;
    return resolveScenarioWithGraph(file, b.graph, {
      fileName: `${path} (cell overrides)`, baseDir: dirname(path),
      overrides: {
        seed: cell.seed, replications: sweep.replications, posts, units, dispatch: disp.dispatch,
        demandMultiplier: cell.demandMultiplier === 1 ? undefined : cell.demandMultiplier,
      },
    });
  };

  return {
    run(cell, replication) {
      if (cached?.index !== cell.index) cached = { index: cell.index, model: prepareModel(cellScenario(cell)) };
      return replicationMetrics(cached.model, replication);
    },
    check(cell) {
      try {
        cellScenario(cell);
        return [];
      } catch (err) {
        if (err instanceof InputError) return err.message.split('\n');
        throw err;
      }
    },
    notes() {
      return sweep.scenarios.flatMap((s) => {
        const sc = baseScenario(s.name);
        return [...sc.notes.map((n) => `note: scenario ${s.name}: ${n}`), ...sc.warnings.map((w) => `warning: scenario ${s.name}: ${w}`)];
      });
    },
    inputHashes() {
      const out: Record<string, string> = {};
      for (const s of sweep.scenarios) out[`scenario:${s.name}`] = baseScenario(s.name).hash;
      return out;
    },
  };
}

/**
 * Units per post: for each post, the units listed at it are replaced by `n` units like the first of them
 * (same type, shift and patrol; ids `<id>-1..n`); a post with no units gets `n` units of `unitType`
 * (ids `<post>-unit-1..n`). Units at posts not in the list are dropped.
 */
export function applyUnitsPerPost(posts: readonly PostFile[], units: readonly UnitFile[], n: number, unitType: string): UnitFile[] {
  return posts.map((p) => {
    const first = units.find((u) => u.post === p.id);
    return first ? { ...structuredClone(first), count: n } : { id: `${p.id}-unit`, type: unitType, post: p.id, count: n };
  });
}

/** The scenario file with the tiers of the named classes ("*": every class not named) replaced. */
export function applyTiers(file: ScenarioFile, classes: Readonly<Record<string, readonly Tier[]>>, sweepFile: string, setName: string): ScenarioFile {
  const names = new Set(file.classes.map((c) => c.name));
  const unknown = Object.keys(classes).filter((k) => k !== '*' && !names.has(k));
  if (unknown.length) {
    throw new InputError(`${sweepFile}: /parameters/tiers (${setName}): class ${unknown.map((u) => JSON.stringify(u)).join(', ')} is not in the scenario (classes: ${[...names].join(', ')})`);
  }
  return {
    ...file,
    classes: file.classes.map((c) => {
      const t = classes[c.name] ?? classes['*'];
      return t ? { ...c, tiers: t.map((x) => ({ ...x })) } : c;
    }),
  };
}

function replicationMetrics(model: SimulationModel, replication: number): MetricRecord {
  const sc = model.scenario;
  const rec = runReplication(model, replication, { trace: false });
  const pooled = createPooledSamples(sc);
  const rm = measureReplication(sc, rec, pooled);
  const out: Record<string, number> = {};
  for (const c of summarizeClasses(sc, [rm], pooled)) {
    out[`${c.name}.incidents`] = c.incidents;
    for (const t of c.tiers) {
      let name = `${c.name}.met_${t.targetS}s_${t.units}u`;
      for (let k = 2; name in out; k++) name = `${c.name}.met_${t.targetS}s_${t.units}u_${k}`;
      out[name] = t.metShare;
    }
    out[`${c.name}.response_p50_s`] = c.unitResponseS[0].p50;
    out[`${c.name}.response_p90_s`] = c.unitResponseS[0].p90;
    out[`${c.name}.wait_share`] = c.waitShare.mean;
    out[`${c.name}.queue_delay_mean_s`] = c.meanQueueDelayS.mean;
    out[`${c.name}.lost_share`] = c.lostShare.mean;
    if (c.cordon) out[`${c.name}.cordon_met_share`] = c.cordon.metShare.mean;
  }
  const util = summarizeUnits(sc, [rm]).map((u) => u.utilisation.mean).filter((v) => Number.isFinite(v));
  out['units.count'] = sc.units.length;
  out['units.utilisation_mean'] = util.length ? util.reduce((a, b) => a + b, 0) / util.length : NaN;
  out['units.utilisation_max'] = util.length ? Math.max(...util) : NaN;
  out.events = rec.events;
  return out;
}
