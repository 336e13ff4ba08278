import { parseArgs, type ParseArgsConfig } from 'node:util';
import { DEFAULT_TIERS, parseTierLists, type Tier } from '../engine/coverage/tiers.ts';
import { InputError } from '../engine/io/input-error.ts';

type Options = NonNullable<ParseArgsConfig['options']>;

/**
 * Parse a subcommand's arguments strictly: unknown flags and missing values are input errors naming
 * the flag. `--help` is always accepted.
 */
export function parseCommandArgs<O extends Options>(command: string, args: string[], options: O, allowPositionals = true) {
  try {
    return parseArgs({ args, options: { ...options, help: { type: 'boolean', short: 'h' } }, allowPositionals, strict: true });
  } catch (err) {
    throw new InputError(`${(err as Error).message.replace(/\. To specify a positional.*$/s, '')} (see patrolsim ${command} --help)`);
  }
}

/** A numeric flag value: finite, within [min, max], integer when asked. */
export function numberFlag(name: string, value: string | undefined, opts: { min?: number; max?: number; integer?: boolean } = {}): number | undefined {
  if (value === undefined) return undefined;
  const v = Number(value);
  const ok = value.trim() !== '' && Number.isFinite(v) && (!opts.integer || Number.isInteger(v))
    && (opts.min === undefined || v >= opts.min) && (opts.max === undefined || v <= opts.max);
  if (!ok) {
    const range = [opts.integer ? 'an integer' : 'a number', opts.min !== undefined ? `>= ${opts.min}` : '', opts.max !== undefined ? `<= ${opts.max}` : ''].filter(Boolean).join(' ');
    throw new InputError(`--${name}: expected ${range}, got "${value}"`);
  }
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
