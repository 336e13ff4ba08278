import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Cell } from '../../engine/batch/cells.ts';
import { parseCsv } from '../../engine/io/csv.ts';
import { summaryCsv } from '../../engine/batch/result-tables.ts';
import { isShareMetric } from '../../engine/batch/runner.ts';
import { estimate, estimateShare } from '../../engine/sim/statistics.ts';
import { writeLineScenario } from './helpers.ts';

const bin = new URL('../../bin/patrolsim.mjs', import.meta.url).pathname;

describe('confidence intervals of shares stay inside [0, 1]', () => {
  it('clips the replication t-interval of a share, and leaves the mean and half-width alone', () => {
    // Replication shares 0.8, 1, 1: mean 0.9333, s = 0.1155, t(0.975; 2) = 4.303 -> 0.9333 ± 0.2868.
    const plain = estimate([0.8, 1, 1]);
    expect(plain.ci![1]).toBeGreaterThan(1.2);
    const e = estimateShare([0.8, 1, 1]);
    expect(e.mean).toBeCloseTo(0.93333, 5);
    expect(e.halfWidth).toBeCloseTo(4.3027 * 0.11547 / Math.sqrt(3), 3);
    expect(e.ci![0]).toBeCloseTo(0.6465, 4);
    expect(e.ci![1]).toBe(1);
    // A low share: utilisation 0.01, 0, 0 would give a negative lower end.
    expect(estimate([0.01, 0, 0]).ci![0]).toBeLessThan(0);
    expect(estimateShare([0.01, 0, 0]).ci![0]).toBe(0);
    expect(estimateShare([0.5]).ci).toBeNull();
  });

  it('simulate: three short replications where the plain interval was 64.6%-122.0% now report 64.6%-100%; every share interval is in [0, 1]', () => {
    // Seed 3 of this scenario: the 60 s tier of "high" is met in 80%, 100% and 100% of the replications.
    const path = writeLineScenario({ horizonS: 86400, replications: 3, seed: 3, demand: { kind: 'poisson', incidentsPerDay: 12, classMix: { high: 0.5, low: 0.5 } } }, 'time,node,class,onscene\n');
    const r = spawnSync(process.execPath, [bin, 'simulate', path, '--out', mkdtempSync(join(tmpdir(), 'patrolsim-run-')), '--json'], { encoding: 'utf8', timeout: 60_000 });
    expect(r.status, r.stderr).toBe(0);
    const s = JSON.parse(r.stdout);
    expect(s.classes[0].tiers[0].metShare).toBeCloseTo(0.933333, 6);
    expect(s.classes[0].tiers[0].ci95).toEqual([0.64649, 1]);
    const intervals: [number, number][] = [];
    for (const c of s.classes) {
      for (const t of c.tiers) if (t.ci95) intervals.push(t.ci95);
      for (const k of ['waitShareCi95']) if (c.queue[k]) intervals.push(c.queue[k]);
      if (c.lostShareCi95) intervals.push(c.lostShareCi95);
    }
    for (const u of s.units) for (const k of ['utilisationCi95', 'busyShareCi95']) if (u[k]) intervals.push(u[k]);
    expect(intervals.length).toBeGreaterThan(10);
    for (const [lo, hi] of intervals) {
      expect(lo).toBeGreaterThanOrEqual(0);
      expect(hi).toBeLessThanOrEqual(1);
      expect(lo).toBeLessThanOrEqual(hi);
    }
  });

  it('batch summary.csv clips the intervals of share metrics only', () => {
    const cell: Cell = { index: 0, key: 'k', seed: 1, scenario: 's', deployment: 'd', demandMultiplier: 1, unitsPerPost: null, dispatch: 'nearest', tiers: 'scenario' };
    const reps = [0.8, 1, 1].map((v, r) => ({ 'high.met_60s_1u': v, 'high.wait_share': 1 - v, 'units.utilisation_mean': v / 100 * (r === 0 ? 1 : 0), 'high.response_p50_s': v }));
    const table = parseCsv(summaryCsv([cell], new Map([[0, { index: 0, key: 'k', seed: 1, replications: reps }]])), 'summary.csv');
    const row = (metric: string) => table.rows.find((x) => x.values[7] === metric)!.values.slice(10).map(Number);
    expect(row('high.met_60s_1u')[1]).toBe(1);
    expect(row('high.wait_share')[0]).toBe(0);
    expect(row('units.utilisation_mean')[0]).toBe(0);
    // Not a share: the plain interval, above 1.
    expect(row('high.response_p50_s')[1]).toBeGreaterThan(1.2);
    expect(['a.share', 'x.met_60s_1u', 'units.utilisation_max', 'c.lost_share', 'c.cordon_met_share'].every(isShareMetric)).toBe(true);
    expect(['events', 'c.incidents', 'c.queue_delay_mean_s', 'c.response_p90_s'].some(isShareMetric)).toBe(false);
  });
});
