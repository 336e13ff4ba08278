import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readReportInput, readRunDir, renderReportHtml } from './build-report.ts';
import { writeFutianComparison } from '../test/engine-runs.ts';
import { arrivalTimeScale, cssColour } from '../src/model/colour-scale.ts';
import { complianceVerdict } from '../src/model/charts.ts';
import { command } from '../../cli/commands/report.ts';
import { InputError } from '../../engine/io/input-error.ts';
import { writeRunDirectory } from '../../engine/io/run-directory/run-directory.ts';

const FIX = join(import.meta.dirname, '../test/fixtures');
const tmp = mkdtempSync(join(tmpdir(), 'patrolsim-report-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('patrolsim report on a comparison the demo wrote (engine output)', () => {
  let html = '', dir = '';
  beforeAll(async () => {
    dir = await writeFutianComparison(tmp);
    html = renderReportHtml(readReportInput(dir));
  }, 180_000);

  it('is self-contained: no script, no external URL, no stylesheet link', () => {
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/\b(src|href)=["']?https?:/i);
    expect(html).not.toMatch(/<link /i);
    expect(html).toContain('(c) OpenStreetMap contributors (ODbL)');
  });

  it('is titled with the scenario name, not the folder', () => {
    const scenario = JSON.parse(readFileSync(join(dir, 'before', 'summary.json'), 'utf8')).scenario as string;
    expect(html).toContain(`<title>${scenario}: patrol deployment briefing</title>`);
    expect(html).toContain(`<h1>${scenario}</h1>`);
    expect(html).not.toMatch(/briefing: after/);
  });

  it('puts the before/after table of compare.json first, then both maps', () => {
    const cmp = JSON.parse(readFileSync(join(dir, 'compare.json'), 'utf8'));
    const table = html.indexOf('<h2>Before and after</h2>'), maps = html.indexOf('<h2>Maps</h2>');
    expect(table).toBeGreaterThan(0);
    expect(maps).toBeGreaterThan(table);
    expect(html.slice(0, table)).not.toContain('<svg');
    expect(html).toContain(`${(cmp.before.staticTiers[0].coveredShare * 100).toFixed(1)}%`);
    expect((html.match(/<svg xmlns="http:\/\/www.w3.org\/2000\/svg" class="map"/g) ?? []).length).toBe(2);
    for (const label of ['A: current layout', 'B: proposal']) expect(html).toContain(label);
  });

  it('draws every post of both layouts, and the roads coloured by arrival time', () => {
    for (const side of ['before', 'after']) {
      const posts = JSON.parse(readFileSync(join(dir, side, 'posts.json'), 'utf8')).posts as { id: string }[];
      for (const p of posts) expect(html).toContain(`data-post="${p.id}"`);
    }
    const first = arrivalTimeScale([60, 180, 300], 60);
    expect(html).toContain(`class="coverage" data-colour="${cssColour(first(30))}"`);
  });

  it('judges compliance bars by the documented rule against the target line, not fixed 90 %/70 % colours', () => {
    expect(html).toContain('class="target"');
    expect(html).toMatch(/target 90 %/);
    expect(html).toContain('How to read the colours');
    const sum = JSON.parse(readFileSync(join(dir, 'before', 'summary.json'), 'utf8'));
    const t = sum.classes[0].tiers[0];
    const verdict = complianceVerdict(t.metShare, t.ci95, 0.9);
    expect(html).toContain(`data-verdict="${verdict}" x="`);
    expect(html).not.toContain('#fdae61');
    const lower = renderReportHtml(readReportInput(dir), { targetShare: 0.5 });
    expect(lower).toMatch(/target 50 %/);
    expect(lower).not.toContain('data-verdict="misses"');
  });

  it('gives the same bytes for the same runs', () => {
    expect(renderReportHtml(readReportInput(dir))).toBe(html);
  });
});

describe('patrolsim report', () => {
  it('works on a coverage-only directory (no trace, no summary)', () => {
    const dir = join(tmp, 'cov-only');
    writeRunDirectory(dir, { producer: 'test', files: Object.fromEntries(['network.json', 'posts.json', 'coverage.json'].map((f) => [f, readFileSync(join(FIX, 'tiny-grid', f), 'utf8')])) });
    const out = renderReportHtml(readRunDir(dir));
    expect(out).toContain('time for the first unit to reach each demand point');
    expect(out).not.toContain('simulated incidents');
  });

  it('writes the file through the CLI command, and names the file and field of bad input', async () => {
    const out = join(tmp, 'r.html');
    expect(await command.run([join(FIX, 'tiny-grid'), '--out', out])).toBe(0);
    expect(readFileSync(out, 'utf8')).toContain('<svg');
    const bad = join(tmp, 'bad');
    writeRunDirectory(bad, { producer: 'test', files: { 'network.json': readFileSync(join(FIX, 'tiny-grid', 'network.json'), 'utf8'), 'posts.json': JSON.stringify({ posts: [{ id: 'x', node: 99, units: 1, type: 'station' }] }) } });
    await expect(command.run([bad, '--out', out])).rejects.toThrow(InputError);
    await expect(command.run([bad, '--out', out])).rejects.toThrow('bad/posts.json: posts[0].node: expected a node index 0..11, got 99');
    await expect(command.run([bad])).rejects.toThrow(/--out: required/);
  });

  it('refuses a run directory with a file changed or copied in from another run, in one line', async () => {
    const mixed = join(tmp, 'mixed');
    cpSync(join(FIX, 'tiny-grid'), mixed, { recursive: true });
    cpSync(join(FIX, 'futian-current', 'summary.json'), join(mixed, 'summary.json'));
    await expect(command.run([mixed, '--out', join(tmp, 'm.html')])).rejects.toThrow(/^\S+mixed: incomplete or mixed run directory: summary\.json: not part of this run[^\n]*$/);
    cpSync(join(FIX, 'futian-current', 'posts.json'), join(mixed, 'posts.json'));
    await expect(command.run([mixed, '--out', join(tmp, 'm.html')])).rejects.toThrow(/posts\.json: changed since fixture wrote the directory/);
  });
});
