import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadRunDirectory, readRunDirectory } from '../engine/io/run-directory/run-directory.ts';
import { runCli, tempDir } from '../test/support/run-cli.ts';

describe('patrolsim demo (the main job) on a shortened horizon, run from outside the repository', () => {
  // The default scenario resolves from the package, not from the working directory.
  const cwd = tempDir();
  const out = join(cwd, 'demo');
  const r = runCli(['demo', '--replications', '2', '--horizon-days', '1', '--time-limit', '20', '--out', 'demo', '--json'], { cwd });

  it('finishes with exit 0 and writes the four runs, the plan, the comparison and the report', () => {
    expect(r.stderr).toMatch(/\[7\/7\]/);
    expect(r.code).toBe(0);
    for (const f of ['before/summary.json', 'before/trace.json', 'before/network.json', 'before/coverage.json', 'after/summary.json', 'after/posts.json',
      'plan/summary.json', 'plan/incidents.csv', 'plan-move-up/summary.json', 'plan.json', 'compare.json', 'report.html']) {
      expect(existsSync(join(out, f)), f).toBe(true);
    }
  });

  it('prints compare.json itself with --json (the same bytes as the file)', () => {
    expect(r.stdout).toBe(readFileSync(join(out, 'compare.json'), 'utf8'));
  });

  it('writes complete run directories the viewer and the report read back', () => {
    expect(readRunDirectory(out).manifest.files.map((f) => f.name)).toEqual(['after/run.json', 'before/run.json', 'compare.json', 'plan-move-up/run.json', 'plan.json', 'plan/run.json', 'report.html']);
    expect(loadRunDirectory(join(out, 'plan-move-up')).trace?.classes.map((c) => c.name)).toEqual(['serious', 'urgent', 'routine']);
    const after = loadRunDirectory(join(out, 'after'));
    expect(after.coverage?.tiers.map((t) => t.targetS)).toEqual([60, 180, 300]);
    expect(after.trace?.classes.map((c) => c.name)).toEqual(['serious', 'urgent', 'routine']);
  });

  it('keeps the number of units and never scores the proposal below the current layout on paper', () => {
    const cmp = JSON.parse(readFileSync(join(out, 'compare.json'), 'utf8'));
    expect(cmp.after.units).toBe(cmp.before.units);
    const total = (f: { staticTiers: { coveredShare: number }[] }) => f.staticTiers.reduce((s, t) => s + t.coveredShare, 0);
    expect(total(cmp.after)).toBeGreaterThanOrEqual(total(cmp.before) - 1e-12);
    expect(cmp.optimizer.gap).toBeLessThanOrEqual(0.01);
    expect(JSON.parse(r.stdout).before.label).toBe('current layout');
  });

  it('puts the four-column table into the briefing report', () => {
    const html = readFileSync(join(out, 'report.html'), 'utf8');
    expect(html).toMatch(/<h2>Before and after<\/h2>/);
    expect(html).toMatch(/simulated serious: 1 unit\(s\) &#60;= 60 s/);
    expect(html).toMatch(/<th>time-of-day plan<\/th><th>plan with move-up<\/th>/);
    expect(html).toMatch(/gain over the proposal, serious 1 unit\(s\) &#60;= 60 s/);
  });

  it('gives the plan and the plan with move-up the shape of the proposal, with the same unit-hours', () => {
    const cmp = JSON.parse(readFileSync(join(out, 'compare.json'), 'utf8'));
    // The shape of a JSON value: its keys and the types of its leaves (an array by its first element).
    const shape = (v: unknown): unknown => (Array.isArray(v) ? [v.length ? shape(v[0]) : null]
      : v && typeof v === 'object' ? Object.fromEntries(Object.keys(v).sort().map((k) => [k, shape((v as Record<string, unknown>)[k])])) : v === null ? 'number' : typeof v);
    for (const k of ['plan', 'planMoveUp']) {
      expect(shape(cmp[k])).toEqual(shape(cmp.after));
      expect(cmp[k].units).toBe(cmp.after.units);
      expect(cmp[k].simulated.map((c: { class: string; tiers: unknown[] }) => [c.class, c.tiers.length])).toEqual(cmp.after.simulated.map((c: { class: string; tiers: unknown[] }) => [c.class, c.tiers.length]));
    }
    expect([cmp.plan.label, cmp.planMoveUp.label]).toEqual(['time-of-day plan', 'plan with move-up']);
    // By hand from the scenario: every unit's shift hours (24 without a shift), times its count.
    const sc = JSON.parse(readFileSync('scenarios/shenzhen-futian/scenario.json', 'utf8')) as { units: { count?: number; shift?: string }[]; shifts?: { name: string; startHour: number; endHour: number }[] };
    const hours = sc.units.reduce((s, u) => {
      const sh = sc.shifts?.find((x) => x.name === u.shift);
      return s + (u.count ?? 1) * (sh ? (sh.endHour - sh.startHour + 24) % 24 || 24 : 24);
    }, 0);
    expect(cmp.unitHours).toEqual({ before: hours, after: hours, plan: hours, planMoveUp: hours });
  });

  it('counts simulated moves per day of the measured window, from each run\'s own relocations', () => {
    const cmp = JSON.parse(readFileSync(join(out, 'compare.json'), 'utf8'));
    // One day with a quarter of it as warm-up: 0.75 measured days per replication.
    for (const [k, run] of [['plan', 'plan'], ['planMoveUp', 'plan-move-up']] as const) {
      const rel = JSON.parse(readFileSync(join(out, run, 'summary.json'), 'utf8')).relocations;
      expect(cmp.movesPerDay[k].planMoves).toBeCloseTo(rel.planMoves.mean / 0.75, 2);
      expect(cmp.movesPerDay[k].moveUps).toBeCloseTo(rel.moves.mean / 0.75, 2);
    }
    expect(cmp.movesPerDay.plan.moveUps).toBe(0);
    expect(cmp.movesPerDay.planMoveUp.moveUps).toBeGreaterThan(0);
  });

  it('pairs the plan columns with the proposal replication by replication (same incidents), with Student-t intervals', () => {
    const cmp = JSON.parse(readFileSync(join(out, 'compare.json'), 'utf8'));
    // Replication 0's serious 1 unit <= 60 s share, from a run's incidents.csv (after the warm-up, before the horizon).
    const share0 = (run: string) => {
      const [head, ...rows] = readFileSync(join(out, run, 'incidents.csv'), 'utf8').trim().split('\n').map((l) => l.split(','));
      const col = (n: string) => head.indexOf(n);
      const mine = rows.filter((x) => x[col('class')] === 'serious' && x[col('inWarmup')] === '0' && Number(x[col('timeS')]) < 86400);
      return mine.filter((x) => x[col('tier1Met')] === '1').length / mine.length;
    };
    for (const [k, run] of [['plan', 'plan'], ['planMoveUp', 'plan-move-up']] as const) {
      cmp.after.simulated.forEach((c: { class: string; tiers: { targetS: number; units: number; metShare: number }[] }, ci: number) => c.tiers.forEach((t, ti) => {
        const d = cmp.differences[k].find((x: { class: string; targetS: number; units: number }) => x.class === c.class && x.targetS === t.targetS && x.units === t.units);
        expect(d.replications).toBe(2);
        // Same incidents in both, so the mean of the differences is the difference of the mean shares.
        expect(d.difference).toBeCloseTo(cmp[k].simulated[ci].tiers[ti].metShare - t.metShare, 12);
      }));
      const d = cmp.differences[k].find((x: { class: string; targetS: number; units: number }) => x.class === 'serious' && x.targetS === 60 && x.units === 1);
      // Two replications: d0 by hand from replication 0, d1 = 2 × mean − d0, half-width t(0.975, 1) × |d0 − d1| / 2.
      const d0 = share0(run) - share0('after'), d1 = 2 * d.difference - d0;
      const h = 12.706204736174707 * Math.abs(d0 - d1) / 2;
      expect(d.ci95[0]).toBeCloseTo(d.difference - h, 9);
      expect(d.ci95[1]).toBeCloseTo(d.difference + h, 9);
    }
  });

  it('agrees with patrolsim coverage on the key sites: both place points by the same rule', () => {
    // Coverage used to snap sites to any node, the demo only inside the largest strongly connected
    // part: circle-3min read 4/6 in coverage and 6/6 in the demo for the same posts.
    const sc = 'scenarios/shenzhen-futian';
    const cov = runCli(['coverage', '--network', 'scenarios/data/shenzhen-futian-sumo/FuTian.nod.xml', '--posts', `${sc}/posts.csv`, '--demand', `${sc}/sites.csv`,
      '--class-tiers', `${sc}/class-tiers.json`, '--response-factor', '1.2', '--json', '--per-node']);
    expect(cov.code, cov.stderr).toBe(0);
    const classTiers = JSON.parse(readFileSync(`${sc}/class-tiers.json`, 'utf8')) as Record<string, { targetS: number; units: number }[]>;
    const met = new Map<string, { met: number; count: number }>();
    for (const n of JSON.parse(cov.stdout).nodes as { class: string; arrivalS: (number | null)[] }[]) {
      const e = met.get(n.class) ?? { met: 0, count: 0 };
      e.count++;
      if (classTiers[n.class].every((t) => (n.arrivalS[t.units - 1] ?? Infinity) <= t.targetS)) e.met++;
      met.set(n.class, e);
    }
    const cmp = JSON.parse(readFileSync(join(out, 'compare.json'), 'utf8'));
    expect(cmp.before.sitesMet).toEqual([...met].sort(([a], [b]) => a.localeCompare(b)).map(([c, e]) => ({ class: c, ...e })));
  });

  it('reports simulated tier compliance as shares with confidence intervals', () => {
    const cmp = JSON.parse(readFileSync(join(out, 'compare.json'), 'utf8'));
    const serious = cmp.before.simulated.find((c: { class: string }) => c.class === 'serious');
    expect(serious.tiers.map((t: { targetS: number }) => t.targetS)).toEqual([60, 180, 300]);
    for (const t of serious.tiers) {
      expect(t.metShare).toBeGreaterThanOrEqual(0);
      expect(t.metShare).toBeLessThanOrEqual(1);
    }
  });
});
