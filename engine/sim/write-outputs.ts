import { join } from 'node:path';
import { writeFileAtomic } from '../io/files.ts';
import { simulationFiles } from './outputs.ts';
import type { SimulationResult } from './run-simulation.ts';

/** Write the run directory (summary.json, incidents.csv, units.csv, trace.json, network.json, posts.json), each atomically. Returns the paths written, sorted. */
export function writeSimulationOutputs(dir: string, result: SimulationResult): string[] {
  const files = simulationFiles(result);
  const names = Object.keys(files).sort() as (keyof typeof files)[];
  for (const name of names) writeFileAtomic(join(dir, name), files[name]);
  return names.map((n) => join(dir, n));
}
