import type { RunManifest } from '../io/run-directory/file-types.ts';
import { writeRunDirectory } from '../io/run-directory/run-directory.ts';
import { simulationRunContent } from './outputs.ts';
import type { SimulationResult } from './run-simulation.ts';

/**
 * Write a simulation's run directory (summary.json, incidents.csv, units.csv, trace.json, network.json,
 * posts.json and run.json) whole and atomically (engine/io/run-directory). Returns its manifest.
 */
export function writeSimulationOutputs(dir: string, result: SimulationResult): RunManifest {
  return writeRunDirectory(dir, simulationRunContent(result));
}
