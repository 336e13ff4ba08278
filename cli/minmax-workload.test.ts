import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, tempDir } from '../test/support/run-cli.ts';

// Demand at 0, 10, 20, 30, 40 s along a two-way road; candidate sites at 0, 20 and 40.
const ROADS = 'from,to,time_s\nn0,n10,10\nn10,n20,10\nn20,n30,10\nn30,n40,10\n';

describe('patrolsim optimize --model minmax-workload', () => {
  it('finds the least largest nearest-post workload, and the fewest sites under a cap', () => {
    const dir = tempDir({ 'roads.csv': ROADS, 'cand.csv': 'id\nn0\nn20\nn40\n' });
    const base = ['optimize', '--model', 'minmax-workload', '--network', join(dir, 'roads.csv'), '--undirected', '--candidates', join(dir, 'cand.csv'), '--json'];
    const two = runCli([...base, '--facilities', '2']);
    expect(two.stderr).not.toMatch(/at .*\.ts:/);
    expect(JSON.parse(two.stdout)).toMatchObject({ status: 'optimal', objective: 3 });
    const capped = runCli([...base, '--max-workload', '2']);
    expect(JSON.parse(capped.stdout)).toMatchObject({ status: 'optimal', objective: 3, selected: ['n0', 'n20', 'n40'] });
    const tight = runCli([...base, '--facilities', '1', '--target', '15']);
    expect(tight.code).toBe(1);
    expect(JSON.parse(tight.stdout).message).toMatch(/no 1 sites .* serve every demand point within 15/);
  });

  it('wants exactly one of --facilities and --max-workload', () => {
    const dir = tempDir({ 'roads.csv': ROADS });
    const r = runCli(['optimize', '--model', 'minmax-workload', '--network', join(dir, 'roads.csv'), '--undirected']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/minmax-workload needs exactly one/);
    expect(runCli(['optimize', '--model', 'pmedian', '--network', join(dir, 'roads.csv'), '--facilities', '1', '--max-workload', '3']).stderr).toMatch(/--max-workload: only the minmax-workload model/);
  });
});
