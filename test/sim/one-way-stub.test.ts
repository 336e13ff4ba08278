import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadScenario, runSimulation } from '../../engine/sim/index.ts';
import { incidentRows, writeLineScenario } from './helpers.ts';

// The line a-b-c-d (two-way) plus a one-way stub c -> s: a unit sent to s could never drive back,
// and would stay stranded there for the rest of the run.
const STUB_NETWORK = 'from,to,time_s\na,b,10\nb,a,10\nb,c,50\nc,b,50\nc,d,100\nd,c,100\nc,s,5\n';

function withStub(path: string): string {
  writeFileSync(join(dirname(path), 'line.csv'), STUB_NETWORK);
  return path;
}

describe('demand outside the largest strongly connected part', () => {
  it('drops Poisson weight on a one-way stub and says so', () => {
    const path = withStub(writeLineScenario({
      demand: { kind: 'poisson', incidentsPerDay: 500, classMix: { high: 0.5, low: 0.5 }, spatial: { kind: 'nodes', weights: { s: 3, b: 1 } } },
      horizonS: 86_400,
    }, incidentRows([])));
    const sc = loadScenario(path);
    if (sc.demand.kind !== 'poisson') throw new Error('expected Poisson demand');
    const s = sc.graph.indexOf('s');
    expect(sc.demand.nodeWeight[s]).toBe(0);
    expect(sc.notes.join('\n')).toMatch(/75\.0% of the spatial weight sat outside the largest strongly connected part/);
    // No incident lands on the stub, so no unit is ever stranded there.
    const result = runSimulation(sc, { replications: 1 });
    expect(result.first.incidents.node.every((v: number) => v !== s)).toBe(true);
  });

  it('skips replayed incidents on the stub, counted with their reason', () => {
    const path = withStub(writeLineScenario({}, incidentRows([[10, 's', 'low', 50], [20, 'b', 'low', 50]])));
    const sc = loadScenario(path);
    if (sc.demand.kind !== 'replay') throw new Error('expected replay demand');
    expect(sc.demand.incidents.node.length).toBe(1);
    expect(sc.demand.incidents.skipped).toEqual([{ reason: 'node outside the largest strongly connected part of the network', rows: 1 }]);
  });
});
