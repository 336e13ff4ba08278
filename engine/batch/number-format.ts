/**
 * Numbers in batch files: the shortest decimal string that reads back as the same double (ECMAScript
 * Number::toString, identical on every platform), so a value written by any worker or machine round-trips
 * exactly. Non-finite values are written `Infinity`, `-Infinity`, `NaN` (read by Number(), R and pandas);
 * −0 is written `0`.
 */
export function formatNumber(x: number): string {
  if (Number.isNaN(x)) return 'NaN';
  if (x === 0) return '0';
  return String(x);
}

/** Inverse of formatNumber (exact). */
export function parseNumber(s: string): number {
  if (s === 'NaN') return NaN;
  const v = Number(s);
  if (Number.isNaN(v) || s.trim() === '') throw new Error(`not a number: "${s}"`);
  return v;
}
