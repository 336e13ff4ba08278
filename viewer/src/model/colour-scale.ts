/**
 * Colour scales as plain functions of a value (colours are 0xRRGGBB numbers).
 * Threshold breaks use the project's one definition of covered: a value meets break T when `value <= T`.
 */
import { FAIL_MODE_COLOURS, MEET_RAMP, MEET_SINGLE, MISS_RAMP, MISS_SINGLE, pickFromRamp } from './styles.ts';

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
 * const s = createThresholdScale([60, 180, 300], [0x08306b, 0x2171b5, 0xfdd0a2, 0x7f2704]);
 * s(60) // 0x08306b: 60 s meets the 60 s break
 * s(61) // 0x2171b5
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

/**
 * The arrival-time scale for a chosen tier: breaks at the distinct tier targets of the run (seconds
 * ascending, from the data); bins up to the chosen target take the "meets" ramp (dark = fastest), bins
 * beyond it the "misses" ramp (dark = latest). Arrivals beyond the last target, or beyond the search
 * horizon (Infinity), fall in the last bin, which reads "> <largest target>".
 *
 * @example
 * const s = arrivalTimeScale([60, 180, 300], 60);
 * s.binOf(60) // 0: meets the 60 s tier
 * s.binOf(Infinity) // 3: "> 5 min"
 */
export function arrivalTimeScale(targetsS: readonly number[], chosenTargetS?: number): ThresholdScale {
  const breaks = [...new Set(targetsS.filter((t) => Number.isFinite(t) && t > 0))].sort((a, b) => a - b);
  if (breaks.length === 0) throw new Error('an arrival-time scale needs at least one finite tier target');
  const chosen = chosenTargetS ?? breaks[0];
  const meetBins = breaks.filter((b) => b <= chosen).length;
  if (meetBins === 0) throw new Error(`the chosen target ${chosen} s is below every tier target (${breaks.join(', ')})`);
  return createThresholdScale(breaks, [...pickFromRamp(MEET_RAMP, meetBins, MEET_SINGLE), ...pickFromRamp(MISS_RAMP, breaks.length + 1 - meetBins, MISS_SINGLE)]);
}

/** Two bins: meets the target (grey) or misses it (the one strong colour). */
export function failScale(targetS: number): ThresholdScale {
  return createThresholdScale([targetS], [FAIL_MODE_COLOURS.pass, FAIL_MODE_COLOURS.fail]);
}

/** Bin labels of a threshold scale of seconds: "<= 1 min", "1-3 min", ..., "> 5 min" (never "unreachable"). */
export function binLabels(scale: ThresholdScale, format: (s: number) => string): string[] {
  const b = scale.breaks;
  return [...b.map((v, i) => (i === 0 ? `\u2264 ${format(v)}` : `${format(b[i - 1])} \u2013 ${format(v)}`)), `> ${format(b[b.length - 1])}`];
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
