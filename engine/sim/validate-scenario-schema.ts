import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import schema from '../../scenarios/scenario.schema.json' with { type: 'json' };

let compiled: ValidateFunction | undefined;

/** The scenario JSON Schema (scenarios/scenario.schema.json). */
export const SCENARIO_SCHEMA: unknown = schema;

/**
 * Check a parsed scenario against the JSON Schema. Returns every problem as
 * `/json/path: expected ..., got ...` (empty when valid), in document order.
 */
export function validateScenarioSchema(data: unknown): string[] {
  if (!compiled) {
    const ajv = new Ajv({ allErrors: true, verbose: true, discriminator: true, strict: false });
    compiled = ajv.compile(schema as object);
  }
  if (compiled(data)) return [];
  const seen = new Set<string>();
  const out: string[] = [];
  for (const e of compiled.errors ?? []) {
    const line = formatError(e);
    if (line !== undefined && !seen.has(line)) { seen.add(line); out.push(line); }
  }
  return out;
}

function show(v: unknown): string {
  const s = JSON.stringify(v);
  return s === undefined ? String(v) : s.length > 60 ? `${s.slice(0, 57)}...` : s;
}

function formatError(e: ErrorObject): string | undefined {
  const path = e.instancePath || '/';
  const p = e.params as Record<string, unknown>;
  const join = (a: string, b: string) => (a === '/' ? `/${b}` : `${a}/${b}`);
  switch (e.keyword) {
    case 'required': return `${join(path, String(p.missingProperty))}: required field is missing`;
    case 'additionalProperties': {
      const allowed = Object.keys((e.parentSchema as { properties?: object })?.properties ?? {});
      return `${join(path, String(p.additionalProperty))}: unknown field${allowed.length ? ` (expected one of ${allowed.join(', ')})` : ''}`;
    }
    case 'type': return `${path}: expected ${String(p.type).replace(',', ' or ')}, got ${show(e.data)}`;
    case 'const': return `${path}: expected ${show(p.allowedValue)}, got ${show(e.data)}`;
    case 'enum': return `${path}: expected one of ${(p.allowedValues as unknown[]).map(show).join(', ')}, got ${show(e.data)}`;
    case 'minimum': case 'maximum': case 'exclusiveMinimum': case 'exclusiveMaximum':
      return `${path}: expected a number ${String(p.comparison)} ${String(p.limit)}, got ${show(e.data)}`;
    case 'minItems': return `${path}: expected at least ${String(p.limit)} items, got ${Array.isArray(e.data) ? e.data.length : show(e.data)}`;
    case 'maxItems': return `${path}: expected at most ${String(p.limit)} items, got ${Array.isArray(e.data) ? e.data.length : show(e.data)}`;
    case 'minLength': return `${path}: expected a non-empty string, got ${show(e.data)}`;
    case 'minProperties': return `${path}: expected at least ${String(p.limit)} entries`;
    case 'discriminator': {
      const tag = String(p.tag);
      const options = ((e.parentSchema as { oneOf?: { properties?: Record<string, { const?: unknown }> }[] })?.oneOf ?? [])
        .map((b) => b.properties?.[tag]?.const).filter((v) => v !== undefined).map(show);
      const got = (e.data as Record<string, unknown> | undefined)?.[tag];
      return `${join(path, tag)}: expected one of ${options.join(', ')}, got ${show(got)}`;
    }
    case 'oneOf': return undefined; // the failing branch's own errors say what is wrong
    case 'integer': return `${path}: expected an integer, got ${show(e.data)}`;
    default: return `${path}: ${e.message ?? e.keyword}`;
  }
}
