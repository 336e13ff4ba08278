import { createSchemaValidator } from '../io/json-schema.ts';
import schema from '../../scenarios/sweep.schema.json' with { type: 'json' };

/** The sweep JSON Schema (scenarios/sweep.schema.json). */
export const SWEEP_SCHEMA: unknown = schema;

/**
 * Check a parsed sweep against the JSON Schema. Returns every problem as `/json/path: expected ..., got ...`
 * (empty when valid), in document order.
 */
export const validateSweepSchema: (data: unknown) => string[] = createSchemaValidator(schema as object, {
  patterns: { '^[A-Za-z0-9_.-]+$': 'a name of letters, digits, "_", "." or "-"' },
});
