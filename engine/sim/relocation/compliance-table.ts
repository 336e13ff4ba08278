import type { SimulationModel } from '../model.ts';
import type { RelocationPolicy } from '../scenario.ts';
import type { Relocator } from './relocator.ts';

export function createComplianceTableRelocator(_model: SimulationModel, _policy: Extract<RelocationPolicy, { policy: 'compliance-table' }>): Relocator {
  throw new Error('compliance-table: not yet');
}
