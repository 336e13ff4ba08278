import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, tempDir } from '../../test/support/run-cli.ts';

describe('patrolsim demo input errors', () => {
  it('names a bad field of the class-tiers file instead of crashing', () => {
    const dir = tempDir({ 'tiers.json': '{"circle-1min": [{"targetS": -5, "units": 1}]}', 'broken.json': '{"circle-1min": [' });
    const bad = runCli(['demo', '--class-tiers', join(dir, 'tiers.json'), '--out', join(dir, 'out')]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/tiers\.json: circle-1min\[0\]\.targetS: expected seconds >= 0, got -5/);
    const broken = runCli(['demo', '--class-tiers', join(dir, 'broken.json'), '--out', join(dir, 'out')]);
    expect(broken.code).toBe(2);
    expect(broken.stderr).toMatch(/broken\.json:1:\d+: invalid JSON/);
    expect(broken.stderr).not.toMatch(/\n\s+at /);
  });
});
