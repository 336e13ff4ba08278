import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, tempDir } from '../../test/support/run-cli.ts';

// The hand instance of test/optimize/verification.test.ts as CSV files.
const files = {
  'costs.csv': 'demand,candidate,cost\na,A,10\nb,A,50\nb,B,20\nc,B,30\nc,C,5\nd,C,100\n',
  'demand.csv': 'id,weight\na,1\nb,2\nc,3\nd,4\n',
  'cands.csv': 'id,cost,fixed\nA,1,0\nB,2,0\nC,1,1\n',
};

describe('patrolsim optimize', () => {
  it('prints the JSON summary of an MCLP solved from CSV files, and writes the same deployment twice byte for byte', () => {
    const dir = tempDir(files);
    const args = ['optimize', '--model', 'mclp', '--target', '30', '--facilities', '2', '--costs', join(dir, 'costs.csv'),
      '--demand', join(dir, 'demand.csv'), '--candidates', join(dir, 'cands.csv'), '--json'];
    const r = runCli([...args, '--out', join(dir, 'd1.json')]);
    expect(r.code).toBe(0);
    const s = JSON.parse(r.stdout);
    expect(Object.keys(s).slice(0, 8)).toEqual(['model', 'status', 'objective', 'bound', 'gap', 'selected', 'solver', 'seconds']);
    expect(s).toMatchObject({ model: 'mclp', status: 'optimal', objective: 5, bound: 5, gap: 0, selected: ['B', 'C'], solver: 'branch-and-bound' });
    runCli([...args, '--out', join(dir, 'd2.json')]);
    expect(readFileSync(join(dir, 'd1.json'), 'utf8')).toBe(readFileSync(join(dir, 'd2.json'), 'utf8'));
  });

  it('writes a run directory of the proposal that the viewer and the report read', async () => {
    const dir = tempDir({ 'roads.csv': 'from,to,time_s\na,b,30\nb,c,30\nc,d,30\n', 'nodes.csv': 'id,x,y\na,0,0\nb,300,0\nc,600,0\nd,900,0\n' });
    const run = join(dir, 'run');
    const r = runCli(['optimize', '--model', 'tiered', '--network', join(dir, 'roads.csv'), '--nodes', join(dir, 'nodes.csv'), '--undirected', '--facilities', '2',
      '--targets', '30,60', '--units', '1,2', '--run-dir', run]);
    expect(r.code).toBe(0);
    const posts = JSON.parse(readFileSync(join(run, 'posts.json'), 'utf8')).posts;
    expect(posts.map((p: { id: string; units: number }) => [p.id, p.units])).toEqual([['b', 1], ['c', 1]]);
    const cov = JSON.parse(readFileSync(join(run, 'coverage.json'), 'utf8'));
    expect(cov.tiers.map((t: { coveredCount: number }) => t.coveredCount)).toEqual([4, 4]);
    const { readRunDir } = await import('../../viewer/report/build-report.ts');
    expect(() => readRunDir(run)).not.toThrow();
    const noNet = runCli(['optimize', '--model', 'mclp', '--target', '30', '--facilities', '1', '--costs', join(tempDir(files), 'costs.csv'), '--run-dir', run]);
    expect(noNet.code).toBe(2);
    expect(noNet.stderr).toMatch(/--run-dir: needs --network/);
  });

  it('solves the tiered model on a network and agrees with the coverage engine', () => {
    // A line a - b - c - d, 30 s per edge, both ways.
    const dir = tempDir({ 'roads.csv': 'from,to,time_s\na,b,30\nb,c,30\nc,d,30\n' });
    const r = runCli(['optimize', '--model', 'tiered', '--network', join(dir, 'roads.csv'), '--undirected', '--facilities', '2',
      '--targets', '30,60', '--units', '1,2', '--json']);
    expect(r.code).toBe(0);
    const s = JSON.parse(r.stdout);
    // One unit at b and one at c: every node has a unit within 30 s and both within 60 s: 4 + 4 = 8, the
    // most possible. (Two units stacked at b would miss d in both tiers: 3 + 3.)
    expect(s.objective).toBe(8);
    expect(s.units).toEqual({ b: 1, c: 1 });
    expect(s.status).toBe('optimal');
  });

  it('exits 2 naming the file, line and field of a bad CSV value, without a stack trace', () => {
    const dir = tempDir({ ...files, 'demand.csv': 'id,weight\na,1\nb,-2\n' });
    const r = runCli(['optimize', '--model', 'lscp', '--target', '100', '--costs', join(dir, 'costs.csv'), '--demand', join(dir, 'demand.csv')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`${join(dir, 'demand.csv')}:3: weight: expected a number >= 0, got "-2"`);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it('exits 1 and names an uncoverable demand point when the LSCP is infeasible', () => {
    const dir = tempDir(files);
    const r = runCli(['optimize', '--model', 'lscp', '--target', '50', '--costs', join(dir, 'costs.csv'), '--json']);
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout)).toMatchObject({ status: 'infeasible' });
  });

  it('the heuristic takes --seed and --rounds: the same seed writes the same deployment, a bad count exits 2', () => {
    const dir = tempDir(files);
    const args = ['optimize', '--model', 'tiered', '--targets', '30,60', '--units', '1,2', '--facilities', '3', '--costs', join(dir, 'costs.csv'),
      '--demand', join(dir, 'demand.csv'), '--solver', 'heuristic', '--seed', 's1', '--rounds', '20', '--json'];
    const r1 = runCli([...args, '--out', join(dir, 'h1.json')]);
    expect(r1.code).toBe(0);
    const s = JSON.parse(r1.stdout);
    expect(s.solver).toBe('heuristic');
    expect(s.message).toContain('20 perturbation rounds');
    runCli([...args, '--out', join(dir, 'h2.json')]);
    expect(readFileSync(join(dir, 'h1.json'), 'utf8')).toBe(readFileSync(join(dir, 'h2.json'), 'utf8'));
    const bad = runCli([...args, '--rounds', '2.5']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--rounds');
    expect(bad.stderr).not.toMatch(/\n\s+at /);
  });
});
