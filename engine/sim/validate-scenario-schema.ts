import { createSchemaValidator } from '../io/json-schema.ts';
import schema from '../../scenarios/scenario.schema.json' with { type: 'json' };

/** The scenario JSON Schema (scenarios/scenario.schema.json). */
export const SCENARIO_SCHEMA: unknown = schema;

/**
 * Check a parsed scenario against the JSON Schema. Returns every problem as
 * `/json/path: expected ..., got ...` (empty when valid), in document order.
 */
export const validateScenarioSchema: (data: unknown) => string[] = createSchemaValidator(schema as object);

/** Check a parsed plan file against the scenario schema's `plan` definition (paths relative to the plan file). */
export const validatePlanSchema: (data: unknown) => string[] = createSchemaValidator({
  $ref: '#/definitions/plan', definitions: (schema as { definitions: object }).definitions,
});
