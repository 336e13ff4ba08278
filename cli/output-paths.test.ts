/**
 * Every output path is checked before any work: each case below gives an input that does not exist
 * (a network, a scenario, a sweep), so a command that did any work first would fail on that instead.
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, tempDir } from '../test/support/run-cli.ts';

const BIN = resolve(import.meta.dirname, '../bin/patrolsim.mjs');
const dir = tempDir({ 'a-file.txt': 'not a directory' });
const missing = join(dir, 'no-such-input');
const file = join(dir, 'a-file.txt');

function refused(args: string[], message: RegExp) {
  const r = runCli(args);
  expect(r.code, r.stderr).toBe(2);
  const errors = r.stderr.trim().split('\n').filter((l) => l.startsWith('patrolsim '));
  expect(errors, r.stderr).toHaveLength(1);
  expect(errors[0]).toMatch(message);
  expect(r.stderr).not.toMatch(/not found|\n\s+at /);
}

describe('output paths checked before the work', () => {
  it('refuses a run directory --out that is a file', () => {
    refused(['coverage', '--network', missing, '--posts', missing, '--out', file], /--out \S+a-file\.txt: is a file, not a directory/);
    refused(['simulate', missing, '--out', file], /--out \S+a-file\.txt: is a file, not a directory/);
  });

  it('refuses outputs under /proc, /sys and /dev', () => {
    refused(['simulate', missing, '--out', '/proc/patrolsim-run'], /--out \/proc\/patrolsim-run: is under \/proc/);
    refused(['coverage', '--network', missing, '--posts', missing, '--geojson', '/sys/kernel/cov.geojson'], /--geojson \/sys\/kernel\/cov\.geojson: is under \/sys/);
    refused(['report', missing, '--out', '/dev/null'], /--out \/dev\/null: is under \/dev/);
  });

  it('refuses an output whose directory would have to be created inside a file', () => {
    refused(['optimize', '--model', 'mclp', '--target', '30', '--facilities', '1', '--costs', missing, '--out', join(file, 'proposal.json')], /--out \S+: cannot be created: \S+a-file\.txt is a file, not a directory/);
  });

  it('refuses a file output that is a directory, and a batch --out that is a file', () => {
    refused(['report', missing, '--out', dir], /--out \S+: is a directory; expected a file name/);
    refused(['batch', missing, '--out', file], /--out \S+a-file\.txt: is a file, not a directory/);
  });

  it('refuses to replace a directory that holds other things than a run, and leaves it alone', () => {
    const mine = join(dir, 'my-stuff');
    mkdirSync(mine);
    writeFileSync(join(mine, 'thesis.tex'), 'keep');
    refused(['demo', '--scenario', missing, '--out', mine], /--out \S+my-stuff: holds other things than a run \(thesis\.tex\)/);
    expect(existsSync(join(mine, 'thesis.tex'))).toBe(true);
  });

  it('refuses two outputs on the same path', () => {
    const p = join(dir, 'same');
    refused(['coverage', '--network', missing, '--posts', missing, '--out', p, '--geojson', p], /--geojson \S+same: the same path as --out/);
  });

  it('refuses a read-only directory', () => {
    // The superuser may write into a 0555 directory (access(2) says so, and so does the kernel), so the
    // check rightly passes for root. When the tests run as root, the command runs as user "nobody"
    // (uid 65534) instead, for whom the directory is read-only.
    const ro = join(dir, 'read-only');
    mkdirSync(ro);
    chmodSync(dir, 0o755);
    chmodSync(ro, 0o555);
    const asRoot = process.getuid?.() === 0;
    const nobody = { uid: 65534, gid: 65534 };
    // As root, "nobody" must be able to read the repository (not so in a clone under /root): else skip.
    if (asRoot && spawnSync(process.execPath, ['-e', `require('fs').accessSync(${JSON.stringify(BIN)})`], nobody).status !== 0) return;
    const r = spawnSync(process.execPath, [BIN, 'simulate', missing, '--out', join(ro, 'run')], { encoding: 'utf8', ...(asRoot ? nobody : {}) });
    chmodSync(ro, 0o755);
    expect(r.status, r.stderr).toBe(2);
    expect(r.stderr).toMatch(/--out \S+run: cannot be written: \S+read-only is not writable \(permission denied\)/);
    expect(existsSync(join(ro, 'run'))).toBe(false);
  });
});
