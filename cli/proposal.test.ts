/** What `optimize --out` writes feeds coverage, simulate, report and view (docs/optimizer.md, "The proposal file"). */
import { spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, tempDir } from '../test/support/run-cli.ts';

// a -30- b -30- c -30- d -30- e, two-way, 100 m apart.
const dir = tempDir({
  'roads.csv': 'from,to,time_s\na,b,30\nb,c,30\nc,d,30\nd,e,30\n',
  'nodes.csv': 'id,x,y\na,0,0\nb,100,0\nc,200,0\nd,300,0\ne,400,0\n',
  'demand.csv': 'node,weight\na,1\nb,1\nc,5\nd,1\ne,1\n',
});
const proposalPath = join(dir, 'plans', 'proposal.json');
const opt = runCli(['optimize', '--model', 'tiered', '--network', join(dir, 'roads.csv'), '--nodes', join(dir, 'nodes.csv'), '--undirected',
  '--demand', join(dir, 'demand.csv'), '--facilities', '2', '--targets', '30,45', '--units', '1,2', '--out', proposalPath, '--json']);

describe('a proposal feeds every other command', () => {
  it('is written with its posts by node id, its tiers and its network relative to itself', () => {
    expect(opt.code, opt.stderr).toBe(0);
    const p = JSON.parse(readFileSync(proposalPath, 'utf8'));
    expect(p).toMatchObject({ format: 'patrolsim-proposal', formatVersion: 1, model: 'tiered' });
    expect(p.network.files).toEqual(['../roads.csv']);
    expect(p.network.nodesFile).toBe('../nodes.csv');
    expect(p.posts.map((q: { node: string; units: number }) => [q.node, q.units])).toEqual(Object.entries(JSON.parse(opt.stdout).units));
  });

  it('coverage --posts reads it on its own network and tiers, and finds what the optimizer found', () => {
    const r = runCli(['coverage', '--posts', proposalPath, '--json']);
    expect(r.code, r.stderr).toBe(0);
    const cov = JSON.parse(r.stdout);
    expect(cov.tiers.map((t: { targetS: number; units: number }) => [t.targetS, t.units])).toEqual([[30, 1], [45, 2]]);
    expect(cov.tiers.map((t: { coveredWeight: number }) => t.coveredWeight)).toEqual(JSON.parse(opt.stdout).tierCoveredWeight);
    // Given a network and tiers explicitly, those win.
    const r2 = runCli(['coverage', '--network', join(dir, 'roads.csv'), '--undirected', '--posts', proposalPath, '--targets', '60', '--json']);
    expect(r2.code, r2.stderr).toBe(0);
    expect(JSON.parse(r2.stdout).tiers.map((t: { targetS: number }) => t.targetS)).toEqual([60]);
  });

  it('simulate --posts runs the scenario with the proposal\'s posts and units', () => {
    writeFileSync(join(dir, 'scenario.json'), JSON.stringify({
      network: { files: ['roads.csv'], nodesFile: 'nodes.csv', undirected: true }, horizonS: 20000, seed: 2,
      demand: { kind: 'poisson', incidentsPerDay: 50, classMix: { c1: 1 } },
      classes: [{ name: 'c1', tiers: [{ targetS: 45, units: 1 }], onScene: { kind: 'fixed', valueS: 60 } }],
      posts: [{ id: 'old', node: 'a' }], units: [{ id: 'u', type: 'car', post: 'old' }],
    }));
    const out = join(dir, 'sim');
    const r = runCli(['simulate', join(dir, 'scenario.json'), '--posts', proposalPath, '--out', out]);
    expect(r.code, r.stderr).toBe(0);
    const posts = JSON.parse(readFileSync(join(out, 'posts.json'), 'utf8')).posts;
    const planned = JSON.parse(readFileSync(proposalPath, 'utf8')).posts;
    expect(posts.map((p: { id: string; units: number }) => [p.id, p.units])).toEqual(planned.map((p: { id: string; units: number }) => [p.id, p.units]));
  });

  it('a batch sweep takes it as a deployment', () => {
    writeFileSync(join(dir, 'sweep.json'), JSON.stringify({
      seed: 1, replications: 1, scenarios: [{ name: 'line', file: 'scenario.json' }],
      deployments: [{ name: 'proposal', file: 'plans/proposal.json' }],
    }));
    const out = join(dir, 'batch');
    const r = runCli(['batch', join(dir, 'sweep.json'), '--out', out, '--workers', '0']);
    expect(r.code, r.stderr).toBe(0);
    const [header, row] = readFileSync(join(out, 'results.csv'), 'utf8').trim().split('\n').map((l) => l.split(','));
    const units = JSON.parse(readFileSync(proposalPath, 'utf8')).posts.reduce((s: number, p: { units: number }) => s + p.units, 0);
    expect(Number(row[header.indexOf('units.count')])).toBe(units);
  });

  it('report writes a briefing of it, and a post off the network is an input error naming it', () => {
    const html = join(dir, 'proposal.html');
    const r = runCli(['report', proposalPath, '--out', html]);
    expect(r.code, r.stderr).toBe(0);
    for (const q of JSON.parse(readFileSync(proposalPath, 'utf8')).posts) expect(readFileSync(html, 'utf8')).toContain(`data-post="${q.id}"`);
    const bad = JSON.parse(readFileSync(proposalPath, 'utf8'));
    bad.posts[0].node = 'nowhere';
    writeFileSync(join(dir, 'plans', 'bad.json'), JSON.stringify(bad));
    const b = runCli(['coverage', '--posts', join(dir, 'plans', 'bad.json')]);
    expect(b.code).toBe(2);
    expect(b.stderr).toMatch(/bad\.json: \/posts\/0\/node: "nowhere" is not a node of the network/);
  });

  it('view serves it as a run on its network', async () => {
    const child = spawn(process.execPath, [resolve(import.meta.dirname, '../bin/patrolsim.mjs'), 'view', proposalPath, '--no-open-hint'], { stdio: ['ignore', 'pipe', 'pipe'] });
    try {
      const url = await new Promise<string>((ok, fail) => {
        let out = '';
        child.stdout.on('data', (d) => { out += d; const m = /http:\/\/\S+/.exec(out); if (m) ok(m[0]); });
        child.once('exit', (code) => fail(new Error(`view exited ${code}`)));
      });
      const runs = await (await fetch(new URL('api/runs', url))).json() as { name: string; files: string[] }[];
      expect(runs).toEqual([{ index: 0, name: 'proposal', files: ['coverage.json', 'network.json', 'posts.json'] }]);
      const posts = await (await fetch(new URL('runs/0/posts.json', url))).json() as { posts: unknown[] };
      expect(posts.posts).toHaveLength(JSON.parse(readFileSync(proposalPath, 'utf8')).posts.length);
    } finally {
      child.kill('SIGTERM');
    }
  }, 120_000);
});
