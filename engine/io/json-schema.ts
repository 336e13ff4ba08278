import type { ErrorObject, ValidateFunction } from 'ajv';
import { lazyPackage } from '../lazy-package.ts';

const ajv = lazyPackage<typeof import('ajv')>('ajv');

/**
 * A JSON Schema check (ajv) whose problems read `/json/path: expected ..., got ...`, every problem,
 * in document order, without repeats. `patterns` words a regex pattern for people
 * (e.g. `{'^[a-z]+$': 'a lower-case word'}`); others read "text matching <pattern>".
 * The schema is compiled on first use.
 */
export function createSchemaValidator(schema: object, options: { patterns?: Readonly<Record<string, string>> } = {}): (data: unknown) => string[] {
  let compiled: ValidateFunction | undefined;
  return (data) => {
    compiled ??= new (ajv().Ajv)({ allErrors: true, verbose: true, discriminator: true, strict: false }).compile(schema);
    if (compiled(data)) return [];
    const seen = new Set<string>();
    const out: string[] = [];
    for (const e of compiled.errors ?? []) {
      const line = formatSchemaError(e, options.patterns ?? {});
      if (line !== undefined && !seen.has(line)) { seen.add(line); out.push(line); }
    }
    return out;
  };
}

function show(v: unknown): string {
  const s = JSON.stringify(v);
  return s === undefined ? String(v) : s.length > 60 ? `${s.slice(0, 57)}...` : s;
}

function formatSchemaError(e: ErrorObject, patterns: Readonly<Record<string, string>>): string | undefined {
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
    case 'maxLength': return `${path}: expected at most ${String(p.limit)} characters, got ${show(e.data)}`;
    case 'pattern': return `${path}: expected ${patterns[String(p.pattern)] ?? `text matching ${String(p.pattern)}`}, got ${show(e.data)}`;
    case 'minProperties': return `${path}: expected at least ${String(p.limit)} entries`;
    case 'discriminator': {
      const tag = String(p.tag);
      const options = ((e.parentSchema as { oneOf?: { properties?: Record<string, { const?: unknown }> }[] })?.oneOf ?? [])
        .map((b) => b.properties?.[tag]?.const).filter((v) => v !== undefined).map(show);
      const got = (e.data as Record<string, unknown> | undefined)?.[tag];
      return `${join(path, tag)}: expected one of ${options.join(', ')}, got ${show(got)}`;
    }
    case 'oneOf': return undefined; // the failing branch's own errors say what is wrong
    case 'if': return undefined; // the then/else branch's own errors say what is wrong
    case 'integer': return `${path}: expected an integer, got ${show(e.data)}`;
    default: return `${path}: ${e.message ?? e.keyword}`;
  }
}
