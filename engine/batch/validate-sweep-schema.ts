import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import schema from '../../scenarios/sweep.schema.json' with { type: 'json' };

let compiled: ValidateFunction | undefined;

/** The sweep JSON Schema (scenarios/sweep.schema.json). */
export const SWEEP_SCHEMA: unknown = schema;

/**
 * Check a parsed sweep against the JSON Schema. Returns every problem as `/json/path: expected ..., got ...`
 * (empty when valid), in document order.
 */
export function validateSweepSchema(data: unknown): string[] {
  if (!compiled) compiled = new Ajv({ allErrors: true, verbose: true, strict: false }).compile(schema as object);
  if (compiled(data)) return [];
  const seen = new Set<string>();
  const out: string[] = [];
  for (const e of compiled.errors ?? []) {
    const line = formatSchemaError(e);
    if (!seen.has(line)) { seen.add(line); out.push(line); }
  }
  return out;
}

function show(v: unknown): string {
  const s = JSON.stringify(v);
  return s === undefined ? String(v) : s.length > 60 ? `${s.slice(0, 57)}...` : s;
}

function formatSchemaError(e: ErrorObject): string {
  const path = e.instancePath || '/';
  const p = e.params as Record<string, unknown>;
  const child = (name: string) => (path === '/' ? `/${name}` : `${path}/${name}`);
  switch (e.keyword) {
    case 'required': return `${child(String(p.missingProperty))}: required field is missing`;
    case 'additionalProperties': {
      const allowed = Object.keys((e.parentSchema as { properties?: object })?.properties ?? {});
      return `${child(String(p.additionalProperty))}: unknown field${allowed.length ? ` (expected one of ${allowed.join(', ')})` : ''}`;
    }
    case 'type': return `${path}: expected ${String(p.type).replace(',', ' or ')}, got ${show(e.data)}`;
    case 'enum': return `${path}: expected one of ${(p.allowedValues as unknown[]).map(show).join(', ')}, got ${show(e.data)}`;
    case 'minimum': case 'maximum': case 'exclusiveMinimum': case 'exclusiveMaximum':
      return `${path}: expected a number ${String(p.comparison)} ${String(p.limit)}, got ${show(e.data)}`;
    case 'minItems': return `${path}: expected at least ${String(p.limit)} items, got ${Array.isArray(e.data) ? e.data.length : show(e.data)}`;
    case 'minLength': return `${path}: expected a non-empty string, got ${show(e.data)}`;
    case 'maxLength': return `${path}: expected at most ${String(p.limit)} characters, got ${show(e.data)}`;
    case 'pattern': return `${path}: expected a name of letters, digits, "_", "." or "-", got ${show(e.data)}`;
    case 'minProperties': return `${path}: expected at least ${String(p.limit)} entries`;
    default: return `${path}: ${e.message ?? e.keyword}`;
  }
}
