import { parseArgs, type ParseArgsConfig } from 'node:util';
import { DEFAULT_TIERS, parseTierLists, type Tier } from '../engine/coverage/tiers.ts';
import { InputError } from '../engine/io/input-error.ts';
import { describeNumberRange, parseDecimal, parseInteger } from '../engine/io/number-text.ts';

type Options = NonNullable<ParseArgsConfig['options']>;

/**
 * Parse a subcommand's arguments strictly: unknown flags and missing values are input errors naming
 * the flag. `--help` is always accepted. A value that looks like a negative number (`--seed -1`) is
 * taken as the flag's value, so the flag's own check can say what range it expects.
 */
export function parseCommandArgs<O extends Options>(command: string, args: string[], options: O, allowPositionals = true) {
  try {
    return parseArgs({ args: joinNegativeValues(args, options), options: { ...options, help: { type: 'boolean', short: 'h' } }, allowPositionals, strict: true });
  } catch (err) {
    throw new InputError(`${(err as Error).message.replace(/\. To specify a positional.*$/s, '')} (see patrolsim ${command} --help)`);
  }
}

const NEGATIVE_NUMBER = /^-(?:\d|\.\d)/;

/** `--flag -1` becomes `--flag=-1` for string-valued flags (parseArgs would call `-1` an ambiguous flag). */
function joinNegativeValues(args: string[], options: Options): string[] {
  const out: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '--') { out.push(...args.slice(i)); break; }
    const name = a.startsWith('--') && !a.includes('=') ? a.slice(2) : undefined;
    if (name !== undefined && options[name]?.type === 'string' && i + 1 < args.length && NEGATIVE_NUMBER.test(args[i + 1])) {
      out.push(`${a}=${args[++i]}`);
    } else out.push(a);
  }
  return out;
}

/**
 * A numeric flag value, read as engine/io/number-text.ts says a number field is (decimal notation;
 * integers in digits): finite, within the range, integer when asked. `exclusiveMin` makes `min`
 * itself invalid ("> 0").
 */
export function numberFlag(name: string, value: string | undefined, opts: { min?: number; max?: number; integer?: boolean; exclusiveMin?: boolean } = {}): number | undefined {
  if (value === undefined) return undefined;
  const v = opts.integer ? parseInteger(value) : parseDecimal(value);
  const ok = Number.isFinite(v)
    && (opts.min === undefined || (opts.exclusiveMin ? v > opts.min : v >= opts.min)) && (opts.max === undefined || v <= opts.max);
  if (!ok) throw new InputError(`--${name}: expected ${describeNumberRange(opts)}, got "${value}"`);
  return v;
}

/** Print progress to stderr (never stdout, which carries results). */
export function progress(message: string): void {
  process.stderr.write(`${message}\n`);
}

/**
 * Let a flag take several values in a row: `--network a.nod.xml b.edg.xml --posts p.csv` becomes
 * `--network a.nod.xml --network b.edg.xml --posts p.csv` (values run until the next `-`-prefixed token).
 */
export function expandMultiValueFlags(args: string[], flags: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    out.push(a);
    if (!flags.includes(a.replace(/^--/, '')) || !a.startsWith('--')) continue;
    let first = true;
    while (i + 1 < args.length && !args[i + 1].startsWith('-')) {
      if (!first) out.push(a);
      out.push(args[++i]);
      first = false;
    }
  }
  return out;
}

/** The tiers `--targets` and `--units` ask for (parallel lists; the 1/3/5 default when neither is given). */
export function tiersFromFlags(targets: string | undefined, units: string | undefined): Tier[] {
  try {
    if (targets !== undefined) return parseTierLists(targets, units);
    if (units !== undefined) return parseTierLists(DEFAULT_TIERS.map((t) => t.targetS).join(','), units);
  } catch (err) {
    throw new InputError((err as Error).message);
  }
  return DEFAULT_TIERS.map((t) => ({ ...t }));
}
