/**
 * Numbers for people, as every command prints them. A share that is not a number (a share of zero
 * incidents or of zero weight) is never printed as "NaN%": the caller's words say why it is missing.
 */

/** "42.9%" (digits after the point), or `missing` when the share is not a finite number. */
export function percent(share: number, digits = 1, missing = 'n/a'): string {
  return Number.isFinite(share) ? `${(share * 100).toFixed(digits)}%` : missing;
}

/** "76.9% [74.9, 78.9]": a share with its 95% interval (in percent), or the share alone without one. */
export function percentWithInterval(share: number, ci: readonly [number, number] | null | undefined, missing = 'n/a'): string {
  if (!Number.isFinite(share)) return missing;
  return `${percent(share)}${ci && Number.isFinite(ci[0]) && Number.isFinite(ci[1]) ? ` [${(ci[0] * 100).toFixed(1)}, ${(ci[1] * 100).toFixed(1)}]` : ''}`;
}
