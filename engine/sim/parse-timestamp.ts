/**
 * Parse an incident timestamp to seconds since the Unix epoch, or NaN when it isn't one of:
 * - ISO 8601 `YYYY-MM-DD[T| ]HH:MM[:SS[.fff]][Z|±HH:MM]` (date only allowed);
 * - US `MM/DD/YYYY HH:MM[:SS] [AM|PM]` (as in Seattle, Chicago and SF open-data exports);
 * - a plain number: seconds since the epoch.
 * A timestamp without a zone is read as UTC, so results never depend on the machine's time zone.
 *
 * @example
 * parseTimestampS('03/25/2016 11:58:30 PM') // Date.UTC(2016, 2, 25, 23, 58, 30) / 1000
 */
export function parseTimestampS(text: string): number {
  const s = text.trim();
  if (s === '') return NaN;
  if (/^-?\d+(\.\d+)?$/.test(s)) return Number(s);
  let m = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{1,2}):(\d{2})(?::(\d{2})(?:\.(\d+))?)?)?\s*(Z|[+-]\d{2}:?\d{2})?$/i.exec(s);
  if (m) {
    const [, y, mo, d, h = '0', mi = '0', sec = '0', frac, zone] = m;
    let t = utc(+y, +mo, +d, +h, +mi, +sec);
    if (frac) t += Number(`0.${frac}`);
    if (zone && zone.toUpperCase() !== 'Z') {
      const zm = /^([+-])(\d{2}):?(\d{2})$/.exec(zone)!;
      t -= (zm[1] === '-' ? -1 : 1) * (Number(zm[2]) * 3600 + Number(zm[3]) * 60);
    }
    return t;
  }
  m = /^(\d{1,2})\/(\d{1,2})\/(\d{4})(?:\s+(\d{1,2}):(\d{2})(?::(\d{2}))?\s*(AM|PM)?)?$/i.exec(s);
  if (m) {
    const [, mo, d, y, hText = '0', mi = '0', sec = '0', ampm] = m;
    let h = Number(hText);
    if (ampm) {
      if (h < 1 || h > 12) return NaN;
      if (ampm.toUpperCase() === 'AM') h = h === 12 ? 0 : h;
      else h = h === 12 ? 12 : h + 12;
    }
    return utc(+y, +mo, +d, h, +mi, +sec);
  }
  return NaN;
}

function utc(y: number, mo: number, d: number, h: number, mi: number, s: number): number {
  if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 24 || mi > 59 || s > 60) return NaN;
  const ms = Date.UTC(y, mo - 1, d, h, mi, s);
  // Reject dates that roll over (31 February).
  const check = new Date(Date.UTC(y, mo - 1, d));
  if (check.getUTCDate() !== d) return NaN;
  return ms / 1000;
}
