import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, tempDir } from '../../test/support/run-cli.ts';
import { incidentRows, writeLineScenario } from '../../test/sim/helpers.ts';

const FUTIAN = resolve(import.meta.dirname, '../../scenarios/shenzhen-futian');

/** Every case: exit 2 naming the problem, no stack trace, and nothing written (checked before any work). */
function refused(args: string[], message: RegExp) {
  const dir = tempDir();
  const out = join(dir, 'out');
  const r = runCli(['demo', ...args, '--out', out]);
  expect(r.code, r.stderr).toBe(2);
  expect(r.stderr).toMatch(message);
  expect(r.stderr).not.toMatch(/\n\s+at /);
  expect(r.stderr).not.toMatch(/\[2\/6\]/);
  expect(existsSync(out)).toBe(false);
}

describe('patrolsim demo input errors, found before any work', () => {
  it('names a bad field of the class-tiers file, and a file that is not JSON', () => {
    const dir = tempDir({ 'tiers.json': '{"circle-1min": [{"targetS": -5, "units": 1}]}', 'broken.json': '{"circle-1min": [' });
    refused(['--class-tiers', join(dir, 'tiers.json')], /tiers\.json: circle-1min\[0\]\.targetS: expected seconds >= 0, got -5/);
    refused(['--class-tiers', join(dir, 'broken.json')], /broken\.json:1:\d+: invalid JSON/);
  });

  it('refuses key sites whose class has no tiers', () => {
    const tiers = JSON.parse(readFileSync(join(FUTIAN, 'class-tiers.json'), 'utf8'));
    delete tiers['circle-3min'];
    const dir = tempDir({ 'tiers.json': JSON.stringify(tiers) });
    refused(['--class-tiers', join(dir, 'tiers.json')], /sites\.csv: class "circle-3min" has no tiers in \S+tiers\.json/);
  });

  it('refuses a scenario whose demand is not Poisson, and one that does not exist', () => {
    const replay = writeLineScenario({}, incidentRows([[100, 'b', 'high', 100]]));
    refused(['--scenario', replay], /demand: the demo needs a Poisson demand model.*got "replay"/);
    refused(['--scenario', join(tempDir(), 'nope.json')], /nope\.json: scenario file not found/);
  });
});
