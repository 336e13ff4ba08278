/**
 * The domain's visual vocabulary (pure data, shared by the Pixi viewer, the SVG report, the legends and
 * the tests): road classes, post types, unit states, incident outcomes, key sites, coverage ramps.
 * Colours are 0xRRGGBB.
 *
 * Colour rules (docs/viewer.md, "Colours"):
 * - Blue means "meets the standard", orange means "misses it", everywhere (coverage, incidents, sites,
 *   gained/lost). Blue against orange survives deuteranopia and protanopia; within each side the
 *   steps differ in lightness.
 * - Roads are greys by class (width carries the class too), so nothing else on the map is mistaken for
 *   a road.
 * - Every legend group (the categories shown together) keeps each pair of colours at least
 *   `MIN_DELTA_E` CIEDE2000 apart for normal vision and under simulated deuteranopia and protanopia
 *   (Machado et al. 2009); colour-vision.test.ts checks it. Post types and unit states also differ in
 *   shape.
 */

/** The smallest CIEDE2000 difference between two categories of one legend group, in every vision. */
export const MIN_DELTA_E = 12;

export const BACKGROUND_COLOUR = 0xf4f1ea;

export type MarkerShape = 'circle' | 'square' | 'diamond' | 'triangle' | 'triangle-down' | 'hexagon' | 'cross' | 'ring' | 'target';

export interface RoadStyle { readonly name: string; readonly color: number; readonly widthPx: number; readonly order: number }

/** Road classes by importance, matched on the class name; unknown classes draw as minor roads. */
export const ROAD_STYLES: readonly (RoadStyle & { match: RegExp })[] = Object.freeze([
  { name: 'motorway / trunk', match: /motorway|freeway|trunk/i, color: 0x3a3a3a, widthPx: 3, order: 3 },
  { name: 'primary', match: /primary/i, color: 0x666666, widthPx: 2.4, order: 2 },
  { name: 'secondary / tertiary', match: /secondary|tertiary/i, color: 0x939393, widthPx: 1.8, order: 1 },
]);
export const MINOR_ROAD: RoadStyle = Object.freeze({ name: 'minor', color: 0xbdbdbd, widthPx: 1.4, order: 0 });

export function roadStyle(className: string): RoadStyle {
  return ROAD_STYLES.find((r) => r.match.test(className)) ?? MINOR_ROAD;
}

export interface MarkerStyle { readonly color: number; readonly shape: MarkerShape; readonly radiusPx: number }

/** Known post types (docs/run-directory.md); free-text types get the generic 'post' style. */
export const POST_STYLES: Readonly<Record<string, MarkerStyle>> = Object.freeze({
  station: { color: 0x111111, shape: 'square', radiusPx: 7 },
  kiosk: { color: 0x762a83, shape: 'diamond', radiusPx: 7 },
  mobile: { color: 0x4393c3, shape: 'triangle', radiusPx: 7 },
  car: { color: 0x8c510a, shape: 'triangle-down', radiusPx: 7 },
  foot: { color: 0x5aae61, shape: 'circle', radiusPx: 6 },
  post: { color: 0x9e9e9e, shape: 'hexagon', radiusPx: 7 },
});

export function postStyle(type: string): MarkerStyle { return POST_STYLES[type] ?? POST_STYLES.post; }

/** Unit state styles, index = trace state code (0 at post .. 5 off shift, 6 moving to a new station). */
export const UNIT_STATE_STYLES: readonly MarkerStyle[] = Object.freeze([
  { color: 0x1f4e9c, shape: 'square', radiusPx: 4.5 },
  { color: 0x6baed6, shape: 'circle', radiusPx: 4.5 },
  { color: 0xe15500, shape: 'triangle', radiusPx: 5.5 },
  { color: 0x7a1f5c, shape: 'diamond', radiusPx: 5.5 },
  { color: 0xf2b701, shape: 'triangle-down', radiusPx: 5 },
  { color: 0xa3a3a3, shape: 'cross', radiusPx: 4.5 },
  { color: 0x225533, shape: 'hexagon', radiusPx: 5 },
]);
export const UNIT_STATE_COLOURS: readonly number[] = Object.freeze(UNIT_STATE_STYLES.map((s) => s.color));

/** Incident outcome colours, index = incidentOutcome code (every tier met, some, none, no arrival). Drawn as rings. */
export const INCIDENT_OUTCOME_COLOURS: readonly number[] = Object.freeze([0x2171b5, 0xfdae6b, 0xa63603, 0x111111]);

/** Key sites: met every tier of their circle, or missed one. Drawn as a target (ring and dot). */
export const SITE_COLOURS = Object.freeze({ met: 0x2171b5, missed: 0xd94801 });

/**
 * Arrival-time ramps: MEET_RAMP dark (fastest) to light, MISS_RAMP light (just late) to dark (latest).
 * A scale with m bins on a side takes m colours spread over that side's ramp (see coverageColours).
 */
export const MEET_RAMP: readonly number[] = Object.freeze([0x08306b, 0x1c64ad, 0x4f9bd4, 0xa3cdec]);
export const MISS_RAMP: readonly number[] = Object.freeze([0xfdd49e, 0xf99a4a, 0xd5550b, 0x7a2a05]);
/** The entry a side with a single bin takes. */
export const MEET_SINGLE = 1;
export const MISS_SINGLE = 2;

/** "Fails the standard" mode: what passes is grey, what misses the chosen tier is one strong colour. */
export const FAIL_MODE_COLOURS = Object.freeze({ pass: 0xc4c4c4, fail: 0xe66100 });

/** Comparison: coverage of the chosen tier gained, lost, unchanged (B against A). */
export const CHANGE_COLOURS = Object.freeze({ gained: 0x2171b5, lost: 0xd94801, unchanged: 0xcfcfcf });

/** Post moves in a comparison: the arrow and the ghost of the old place. */
export const MOVE_COLOUR = 0x111111;

/**
 * `n` colours from a ramp, evenly spread from its first to its last entry (n <= ramp length; one bin
 * takes entry `single`); longer requests interpolate. The colour-vision test checks up to four per side.
 */
export function pickFromRamp(ramp: readonly number[], n: number, single = 1): number[] {
  if (n <= 0) return [];
  if (n === 1) return [ramp[Math.min(single, ramp.length - 1)]];
  if (n <= ramp.length) return Array.from({ length: n }, (_, i) => ramp[Math.round((i * (ramp.length - 1)) / (n - 1))]);
  return Array.from({ length: n }, (_, i) => interpolateRamp(ramp, i / (n - 1)));
}

function interpolateRamp(ramp: readonly number[], t: number): number {
  const x = t * (ramp.length - 1), i = Math.min(ramp.length - 2, Math.floor(x)), u = x - i;
  const a = ramp[i], b = ramp[i + 1];
  const ch = (c: number, s: number) => (c >> s) & 0xff;
  const mix = (s: number) => Math.round(ch(a, s) + (ch(b, s) - ch(a, s)) * u);
  return (mix(16) << 16) | (mix(8) << 8) | mix(0);
}

/**
 * Moves of the replay, drawn from the moving unit to where it drives: a plan move (a block boundary
 * gave the unit another place; the moving-unit green) and a move-up (covering for busy units).
 * Plan layer: posts at their place of the active block, with a shaft from their base place.
 */
export const MOVE_KIND_COLOURS = Object.freeze({ plan: 0x225533, moveUp: 0x111111 });

/**
 * Jurisdictions: six colours given to posts so that neighbouring jurisdictions differ (a greedy
 * colouring of the jurisdictions' adjacency; model/jurisdiction-colours.ts), the boundary between two
 * jurisdictions dark, nodes no unit reaches the minor-road grey. No blue/orange pair: here colour names
 * a post, not a verdict.
 */
export const JURISDICTION_COLOURS: readonly number[] = Object.freeze([0x7570b3, 0xffed6f, 0x01665e, 0x40004b, 0x5aae61, 0x1b7837]);
export const JURISDICTION_BOUNDARY = 0x111111;

/**
 * Cordon and containment points: closed in time (blue, meets) or too late (orange, misses: after the
 * suspect can be there, or after the blockade's latest time), an exit left open (a black cross), the
 * units' routes (grey), the region (ring: inside; containment: where the suspect can still be).
 */
export const CORDON_COLOURS = Object.freeze({ inTime: 0x2171b5, late: 0xd94801, open: 0x111111, route: 0x6b6b6b, region: 0xc2a5cf });
