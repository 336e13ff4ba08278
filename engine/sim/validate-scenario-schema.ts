import { createSchemaValidator } from '../io/json-schema.ts';
import schema from '../../scenarios/scenario.schema.json' with { type: 'json' };

/** The scenario JSON Schema (scenarios/scenario.schema.json). */
export const SCENARIO_SCHEMA: unknown = schema;

/**
 * Check a parsed scenario against the JSON Schema. Returns every problem as
 * `/json/path: expected ..., got ...` (empty when valid), in document order.
 */
export const validateScenarioSchema: (data: unknown) => string[] = createSchemaValidator(schema as object);
