/**
 * patrolsim simulation engine: incidents, unit agents, tiered dispatch, time-of-day plans, move-up, metrics.
 *
 * Public API
 * ----------
 *   loadScenario(path, overrides?) -> Scenario
 *       Read a scenario JSON (schema: scenarios/scenario.schema.json), its network (engine/io/network) and
 *       the files it references (paths relative to the scenario file). Bad input throws one InputError that
 *       lists every problem as `<file>: /json/path: expected ..., got ...`.
 *   overrideScenario(scenario, overrides) -> Scenario
 *       The same scenario with another deployment (posts/units), dispatch policy, plan, move-up policy,
 *       demand multiplier, seed, replications or horizon — reusing the loaded network and files (cheap;
 *       for batch sweeps and `optimize --verify-sim`).
 *   resolveScenarioWithGraph(file, graph, {fileName?, baseDir?, overrides?}) -> Scenario
 *       A scenario from an in-memory file object and graph (tests, generated scenarios).
 *   runSimulation(scenario, {seed?, replications?, trace?, onProgress?}) -> SimulationResult
 *       Pure (no files, no clock): replication r draws from streams derived from (seed, r).
 *   prepareModel(scenario) -> SimulationModel; createReplication(model, r, {trace?, incidents?}) -> Replication
 *       One replication as an environment: `step()` handles one event, `run()` all; `incidents` runs it on
 *       given incidents (common random numbers across deployments and policies). runReplication = run().
 *   simulationFiles(result) -> {'summary.json', 'incidents.csv', 'units.csv', 'trace.json', 'network.json', 'posts.json'}
 *       The run-directory files as text (byte-identical for the same scenario and seed).
 *   simulationRunContent(result) -> RunContent
 *       Those files with their producer, seed and scenario hash, for engine/io/run-directory.
 *   writeSimulationOutputs(dir, result) -> RunManifest
 *       Writes the run directory whole and atomically, with its run.json (engine/io/run-directory).
 *
 * Conventions: simulation time is float seconds from the start of the run (hour of day = ⌊t/3600⌋ mod 24;
 * float, not integer, so exponential times and travel times need no rounding). Events run in
 * (time, priority, sequence) order. Entities are dense indices inside, ids in outputs.
 * Covered/met means `arrival time <= targetS with at least k units` (engine/coverage/tiers.ts).
 * See docs/simulation.md for the scenario format, the unit state machine, dispatch policies and metrics.
 *
 * @example
 * import { loadScenario, runSimulation, writeSimulationOutputs } from './engine/sim/index.ts';
 * const scenario = loadScenario('scenarios/validation/h1-infinite.json');
 * const result = runSimulation(scenario, { seed: 7, replications: 10 });
 * result.units.map((u) => u.busyShare.mean); // ≈ [0.500, 0.482, 0.518]
 * writeSimulationOutputs('runs/h1', result);
 */
export { loadScenario, overrideScenario, resolveScenarioWithGraph, applyOverrides, type ScenarioOverrides } from './load-scenario.ts';
export { resolveScenario, type ResolveContext } from './resolve-scenario.ts';
export { runSimulation, type SimulationOptions, type SimulationResult } from './run-simulation.ts';
export { simulationFiles, simulationRunContent, summaryJson, type SimulationFiles } from './outputs.ts';
export { writeSimulationOutputs } from './write-outputs.ts';
export { validateScenarioSchema, SCENARIO_SCHEMA } from './validate-scenario-schema.ts';
export { prepareModel, DRAIN_LIMIT_S, type SimulationModel } from './model.ts';
export { createReplication, runReplication, type Replication, type ReplicationOptions, type ReplicationRecord } from './replication.ts';
export { generateIncidents, type Incidents } from './incidents.ts';
export { createStreams, type RandomStream } from './random-streams.ts';
export { createSampler, distributionMoments, type DurationSpec } from './distributions.ts';
export { estimate, estimateShare, studentTQuantile, type Estimate } from './statistics.ts';
export { UnitState, UNIT_STATE_NAMES } from './unit-state.ts';
export { EventKind } from './event-queue.ts';
export type { Scenario, IncidentClass, UnitType, Post, UnitSpec, DispatchPolicy } from './scenario.ts';
export type { ScenarioFile } from './scenario-file.ts';
export type { ClassSummary, UnitSummary, TierSummary } from './metrics.ts';
