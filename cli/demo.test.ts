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

  it('finishes with exit 0 and writes both runs, the comparison and the report', () => {
    expect(r.stderr).toMatch(/\[6\/6\]/);
    expect(r.code).toBe(0);
    for (const f of ['before/summary.json', 'before/trace.json', 'before/network.json', 'before/coverage.json', 'after/summary.json', 'after/posts.json', 'compare.json', 'report.html']) {
      expect(existsSync(join(out, f)), f).toBe(true);
    }
  });

  it('writes complete run directories the viewer and the report read back', () => {
    expect(readRunDirectory(out).manifest.files.map((f) => f.name)).toEqual(['after/run.json', 'before/run.json', 'compare.json', 'report.html']);
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

  it('puts the before/after table into the briefing report', () => {
    const html = readFileSync(join(out, 'report.html'), 'utf8');
    expect(html).toMatch(/<h2>Before and after<\/h2>/);
    expect(html).toMatch(/simulated serious: 1 unit\(s\) &#60;= 60 s/);
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
