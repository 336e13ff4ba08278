import type { Tier } from '../coverage/tiers.ts';
import { InputError } from '../io/input-error.ts';
import { overrideScenario } from '../sim/load-scenario.ts';
import { runSimulation } from '../sim/run-simulation.ts';
import type { Scenario } from '../sim/scenario.ts';
import type { PostFile, UnitFile } from '../sim/scenario-file.ts';

/** A deployment by node id: what a proposal file holds (engine/io/proposal.ts). */
export interface NodeDeployment {
  readonly posts: readonly { id: string; node: string; units: number; type?: string; label?: string }[];
}

/** Static tier shares next to the simulated compliance of the same deployment. */
export interface SimulationCheck {
  scenario: string;
  static: { targetS: number; units: number; share: number }[];
  simulated: { class: string; incidents: number; tiers: { targetS: number; units: number; metShare: number; ci95: readonly [number, number] | null }[] }[];
}

/**
 * A scenario's posts and units replaced by a deployment: one post per deployed post (id `opt-<id>`
 * unless `keepIds`), its units of `unitType` (default the scenario's first unit type).
 */
export function deploymentScenario(base: Scenario, deployment: NodeDeployment, options: { unitType?: string; keepIds?: boolean; label?: string } = {}): Scenario {
  const type = options.unitType ?? base.file.units[0]?.type;
  if (type === undefined) throw new InputError(`${base.name}: units: the scenario defines no unit, so no unit type to deploy (name one)`);
  if (!base.unitTypes.some((t) => t.name === type)) throw new InputError(`unit type "${type}" is not one of the scenario's (${base.unitTypes.map((t) => t.name).join(', ')})`);
  const id = (p: { id: string }) => (options.keepIds ? p.id : `opt-${p.id}`);
  const used = deployment.posts.filter((p) => p.units > 0);
  const posts: PostFile[] = used.map((p) => ({ id: id(p), node: p.node, type: p.type ?? 'optimized', ...(p.label !== undefined ? { label: p.label } : {}) }));
  const units: UnitFile[] = used.map((p) => ({ id: id(p), type, post: id(p), count: p.units }));
  return overrideScenario(base, { posts, units });
}

/**
 * Simulate a deployment in a scenario (its demand, dispatch and travel model; the posts and units
 * replaced, see {@link deploymentScenario}) and return the simulated tier compliance next to the static
 * share the optimizer computed (`staticWeight[k]` of `totalWeight` per tier).
 */
export function simulateDeployment(base: Scenario, deployment: NodeDeployment, staticTiers: readonly Tier[], staticWeight: readonly number[], totalWeight: number, options: { unitType?: string; label?: string; onProgress?: (done: number, total: number) => void } = {}): SimulationCheck {
  const sim = runSimulation(deploymentScenario(base, deployment, options), { trace: false, onProgress: options.onProgress });
  return {
    scenario: options.label ?? base.name,
    static: staticTiers.map((t, k) => ({ targetS: t.targetS, units: t.units, share: totalWeight > 0 ? (staticWeight[k] ?? 0) / totalWeight : 0 })),
    simulated: sim.classes.map((c) => ({ class: c.name, incidents: c.incidents, tiers: c.tiers.map((t) => ({ targetS: t.targetS, units: t.units, metShare: t.metShare, ci95: t.ci95 })) })),
  };
}
