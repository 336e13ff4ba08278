/**
 * Colour scales as plain functions of a value (colours are 0xRRGGBB numbers).
 * Threshold breaks use the project's one definition of covered: a value meets break T when `value <= T`.
 */
export type ColourRgb = number;

export interface ThresholdScale {
  /** Upper bounds, ascending; a value `<= breaks[i]` (and above the previous) gets `colours[i]`. */
  readonly breaks: readonly number[];
  /** `breaks.length + 1` colours: the last for values above every break (and for Infinity). */
  readonly colours: readonly ColourRgb[];
  /** Colour for a missing value (NaN). */
  readonly missing: ColourRgb;
  (value: number): ColourRgb;
  /** Index of the bin a value falls in (`breaks.length` for above all, -1 for NaN). */
  binOf(value: number): number;
}

/**
 * @example
 * const s = createThresholdScale([60, 180, 300], [0x1a9850, 0x91cf60, 0xfee08b, 0xd73027]);
 * s(60) // 0x1a9850: 60 s meets the 60 s break
 * s(61) // 0x91cf60
 */
export function createThresholdScale(breaks: readonly number[], colours: readonly ColourRgb[], missing: ColourRgb = 0x9e9e9e): ThresholdScale {
  if (colours.length !== breaks.length + 1) throw new Error(`a threshold scale with ${breaks.length} breaks needs ${breaks.length + 1} colours, got ${colours.length}`);
  for (let i = 1; i < breaks.length; i++) if (!(breaks[i] > breaks[i - 1])) throw new Error(`breaks must ascend strictly, got ${breaks.join(', ')}`);
  const b = Object.freeze([...breaks]);
  const c = Object.freeze([...colours]);
  const binOf = (value: number): number => {
    if (Number.isNaN(value)) return -1;
    for (let i = 0; i < b.length; i++) if (value <= b[i]) return i;
    return b.length;
  };
  const scale = ((value: number) => { const i = binOf(value); return i < 0 ? missing : c[i]; }) as ThresholdScale;
  return Object.freeze(Object.assign(scale, { breaks: b, colours: c, missing, binOf }));
}

/** Green (fast) to red (slow) palette for `n` bins; fixed entries for n <= 5 so legends are stable. */
export function responsePalette(n: number): ColourRgb[] {
  const fixed: Record<number, ColourRgb[]> = {
    1: [0x1a9850],
    2: [0x1a9850, 0xd73027],
    3: [0x1a9850, 0xfdae61, 0xd73027],
    4: [0x1a9850, 0xa6d96a, 0xfdae61, 0xd73027],
    5: [0x1a9850, 0xa6d96a, 0xfee08b, 0xfdae61, 0xd73027],
  };
  if (fixed[n]) return [...fixed[n]];
  return Array.from({ length: n }, (_, i) => lerpColour(0x1a9850, 0xd73027, n === 1 ? 0 : i / (n - 1)));
}

/**
 * The arrival-time scale for the 1-3-5 standard (or any tiers): breaks at the distinct tier targets,
 * seconds ascending; arrivals beyond the last target (or unreachable, Infinity) get the last colour.
 */
export function arrivalTimeScale(targetsS: readonly number[]): ThresholdScale {
  const breaks = [...new Set(targetsS.filter((t) => Number.isFinite(t)))].sort((a, b) => a - b);
  return createThresholdScale(breaks, responsePalette(breaks.length + 1));
}

export function lerpColour(a: ColourRgb, b: ColourRgb, t: number): ColourRgb {
  const u = Math.min(1, Math.max(0, t));
  const ch = (c: number, s: number) => (c >> s) & 0xff;
  const mix = (s: number) => Math.round(ch(a, s) + (ch(b, s) - ch(a, s)) * u);
  return (mix(16) << 16) | (mix(8) << 8) | mix(0);
}

/** "#rrggbb" for CSS and SVG. */
export function cssColour(c: ColourRgb): string {
  return `#${(c & 0xffffff).toString(16).padStart(6, '0')}`;
}
