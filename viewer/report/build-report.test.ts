import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readRunDir, renderReportHtml } from './build-report.ts';
import { command } from '../../cli/commands/report.ts';
import { InputError } from '../../engine/io/input-error.ts';
import { writeRunDirectory } from '../../engine/io/run-directory/run-directory.ts';

const FIX = join(import.meta.dirname, '../test/fixtures');
const tmp = mkdtempSync(join(tmpdir(), 'patrolsim-report-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('patrolsim report', () => {
  const html = renderReportHtml(readRunDir(join(FIX, 'futian-current')));

  it('is self-contained: no script, no external URL, no stylesheet link', () => {
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/\b(src|href)=["']?https?:/i);
    expect(html).not.toMatch(/<link /i);
    expect(html).toContain('(c) OpenStreetMap contributors (ODbL)');
  });

  it('draws every post of posts.json in the map SVG, and the roads', () => {
    const posts = JSON.parse(readFileSync(join(FIX, 'futian-current/posts.json'), 'utf8')).posts as { id: string }[];
    for (const p of posts) expect(html).toContain(`data-post="${p.id}"`);
    expect((html.match(/class="roads"/g) ?? []).length).toBeGreaterThan(1);
    expect(html).toMatch(/class="coverage" data-colour="#1a9850"/);
  });

  it('prints the coverage shares of coverage.json in the compliance table', () => {
    const cov = JSON.parse(readFileSync(join(FIX, 'futian-current/coverage.json'), 'utf8')) as { tiers: { coveredShare: number }[] };
    for (const t of cov.tiers) expect(html).toContain(`${(t.coveredShare * 100).toFixed(1)} %`);
    expect(html).toContain('coverage: 1 unit within 1 min');
  });

  it('gives the same bytes for the same run', () => {
    expect(renderReportHtml(readRunDir(join(FIX, 'futian-current')))).toBe(html);
  });

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
