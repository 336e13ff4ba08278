import type { SimulationModel } from '../model.ts';
import type { RelocationPolicy } from '../scenario.ts';
import type { Relocator } from './relocator.ts';

export function createTierGreedyRelocator(_model: SimulationModel, _policy: Extract<RelocationPolicy, { policy: 'tier-greedy' }>): Relocator {
  throw new Error('tier-greedy: not yet');
}
