/**
 * What a number field accepts: the one reader behind every number read from text (CSV fields, XML
 * attributes, CLI flags, tier lists, on-scene times).
 *
 * - A number is decimal notation: an optional sign, digits with an optional fraction (or a fraction
 *   alone), an optional exponent; surrounding whitespace is ignored. `12`, `-0.5`, `.5`, `1e3`,
 *   `2.5E-3` are numbers.
 * - Not numbers: empty or blank text, hexadecimal, octal or binary literals (`0x10`, `0o7`, `0b1`),
 *   `Infinity`, `NaN`, digit separators (`1_000`, `1,000`), trailing units (`12s`). JavaScript's
 *   `Number()` accepts several of these (`Number('0x10')` is 16, `Number('')` is 0): never use it on input.
 * - An integer is digits with an optional sign, optionally followed by a point and zeros (`3`, `-2`,
 *   `3.0`, as spreadsheets export whole numbers). `1e3` and `2.5` are not integers.
 *
 * Both return NaN for text that is not such a number, so callers report the field with their own
 * message. Infinite results of huge exponents (`1e999`) are returned as they are; callers that need
 * finite values check `Number.isFinite`.
 *
 * @example
 * parseDecimal(' 1e3 ') // 1000
 * parseDecimal('0x10')  // NaN
 * parseInteger('1e3')   // NaN
 */
const DECIMAL = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;
const INTEGER = /^[+-]?\d+(?:\.0*)?$/;

/** The number written in decimal notation, or NaN. */
export function parseDecimal(text: string): number {
  // Fast path for the common case, a subset of DECIMAL: an optional sign, digits and at most one point
  // with a digit somewhere, nothing around it (Number() reads those exactly as the rule does).
  const n = text.length;
  let k = 0, digits = 0, point = false;
  const c0 = n > 0 ? text.charCodeAt(0) : 0;
  if (c0 === 45 || c0 === 43) k = 1; // - +
  for (; k < n; k++) {
    const c = text.charCodeAt(k);
    if (c >= 48 && c <= 57) digits++;
    else if (c === 46 && !point) point = true;
    else break;
  }
  if (k === n && digits > 0) return Number(text);
  const s = text.trim();
  return DECIMAL.test(s) ? Number(s) : NaN;
}

/** Powers of ten that are exact doubles (10^0 .. 10^22). */
const EXACT_POWERS_OF_TEN = Float64Array.from({ length: 23 }, (_, k) => 10 ** k);

/**
 * The number written in text[start .. end) when it is a plain decimal (an optional sign, digits and at
 * most one point, at least one digit, nothing else), read without cutting out a string; NaN for
 * anything else, which the caller then reads with parseDecimal. The value is exactly what `Number()`
 * gives: with at most 15 significant digits the digits form an integer M < 10^15 < 2^53, and with at
 * most 22 digits after the point 10^f is exact too, so the one division M / 10^f is correctly rounded
 * (the classic fast path of decimal-to-binary conversion). Other texts return NaN (read the slow way).
 */
export function plainDecimalAt(text: string, start: number, end: number): number {
  let k = start, m = 0, digits = 0, significant = 0, fraction = -1;
  const c0 = k < end ? text.charCodeAt(k) : 0;
  const negative = c0 === 45;
  if (negative || c0 === 43) k++;
  for (; k < end; k++) {
    const c = text.charCodeAt(k);
    const d = c - 48;
    if (d >= 0 && d <= 9) {
      m = m * 10 + d; digits++;
      if (m > 0) significant++;
      if (fraction >= 0) fraction++;
    } else if (c === 46 && fraction < 0) fraction = 0;
    else return NaN;
  }
  if (digits === 0 || significant > 15 || fraction > 22) return NaN;
  const v = fraction > 0 ? m / EXACT_POWERS_OF_TEN[fraction] : m;
  return negative ? -v : v;
}

/** The integer written in digits (optionally with a zero fraction), or NaN. */
export function parseInteger(text: string): number {
  const s = text.trim();
  return INTEGER.test(s) ? Number(s) : NaN;
}

/** How a range reads in messages: "a number >= 0", "an integer 1..10000", "a number > 0". */
export function describeNumberRange(opts: { integer?: boolean; min?: number; max?: number; exclusiveMin?: boolean }): string {
  const kind = opts.integer ? 'an integer' : 'a number';
  const { min } = opts;
  // The largest exact integer is a technical limit, not a range worth reading.
  const max = opts.max !== undefined && opts.max >= Number.MAX_SAFE_INTEGER ? undefined : opts.max;
  if (min !== undefined && max !== undefined && !opts.exclusiveMin) return `${kind} ${min}..${max}`;
  const parts = [kind];
  if (min !== undefined) parts.push(`${opts.exclusiveMin ? '>' : '>='} ${min}`);
  if (max !== undefined) parts.push(`${min !== undefined ? 'and ' : ''}<= ${max}`);
  return parts.join(' ');
}
