import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ScenarioFile } from '../../engine/sim/scenario-file.ts';

/**
 * The hand-checkable line network used by the simulation tests (times in seconds, both directions):
 *
 *   a --10-- b --50-- c --100-- d
 */
export const LINE_NETWORK_CSV = 'from,to,time_s\na,b,10\nb,a,10\nb,c,50\nc,b,50\nc,d,100\nd,c,100\n';

/** A temp folder holding the line network, an incident CSV and the scenario; returns the scenario path. */
export function writeLineScenario(scenario: Partial<ScenarioFile>, incidentsCsv: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'patrolsim-sim-'));
  writeFileSync(join(dir, 'line.csv'), LINE_NETWORK_CSV);
  writeFileSync(join(dir, 'incidents.csv'), incidentsCsv);
  const full: ScenarioFile = {
    network: { files: ['line.csv'] },
    horizonS: 100_000,
    seed: 1,
    replications: 1,
    demand: { kind: 'replay', file: 'incidents.csv', nodeColumn: 'node', classColumn: 'class', onSceneColumn: 'onscene', timeColumn: 'time', startTime: '1970-01-01T00:00:00Z' },
    classes: [
      { name: 'high', priority: 1, tiers: [{ targetS: 60, units: 1 }, { targetS: 180, units: 2 }, { targetS: 300, units: 3 }], onScene: { kind: 'fixed', valueS: 100 } },
      { name: 'low', priority: 2, tiers: [{ targetS: 300, units: 1 }], onScene: { kind: 'fixed', valueS: 100 } },
    ],
    unitTypes: [{ name: 'car', responseSpeedFactor: 1 }],
    posts: [{ id: 'PA', node: 'a' }, { id: 'PC', node: 'c' }, { id: 'PD', node: 'd' }],
    units: [{ id: 'U1', type: 'car', post: 'PA' }, { id: 'U2', type: 'car', post: 'PC' }, { id: 'U3', type: 'car', post: 'PD' }],
    ...scenario,
  };
  const path = join(dir, 'scenario.json');
  writeFileSync(path, JSON.stringify(full, null, 2));
  return path;
}

/** Incident CSV rows: [timeS, node, class, onSceneS]. */
export function incidentRows(rows: [number, string, string, number][]): string {
  return `time,node,class,onscene\n${rows.map((r) => r.join(',')).join('\n')}\n`;
}

/**
 * A temp folder holding `network.csv` (the given edge list), an incident CSV and the scenario (the line
 * scenario's defaults, then `scenario`); returns the scenario path.
 */
export function writeNetworkScenario(networkCsv: string, scenario: Partial<ScenarioFile>, incidentsCsv: string, extraFiles: Record<string, string> = {}): string {
  const path = writeLineScenario({ network: { files: ['network.csv'] }, ...scenario }, incidentsCsv);
  const dir = path.slice(0, path.lastIndexOf('/'));
  writeFileSync(join(dir, 'network.csv'), networkCsv);
  for (const [name, text] of Object.entries(extraFiles)) writeFileSync(join(dir, name), text);
  return path;
}
