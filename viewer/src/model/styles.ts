/**
 * The domain's visual vocabulary (pure data, shared by the Pixi viewer, the SVG report and the tests):
 * road classes, post types, unit states, incident outcomes. Colours are 0xRRGGBB.
 */

/** Road classes by importance; unknown classes draw as minor roads. */
const ROAD_STYLES: { match: RegExp; color: number; widthPx: number; order: number }[] = [
  { match: /motorway|freeway|trunk/i, color: 0xb05a1e, widthPx: 3, order: 4 },
  { match: /primary/i, color: 0xc9772d, widthPx: 2.5, order: 3 },
  { match: /secondary/i, color: 0x8c7a5c, widthPx: 2, order: 2 },
  { match: /tertiary/i, color: 0x7a7a7a, widthPx: 1.5, order: 1 },
];
const MINOR_ROAD = { color: 0x8f8f8f, widthPx: 1.4, order: 0 };

export function roadStyle(className: string): { color: number; widthPx: number; order: number } {
  const s = ROAD_STYLES.find((r) => r.match.test(className));
  return s ? { color: s.color, widthPx: s.widthPx, order: s.order } : MINOR_ROAD;
}

export type PostShape = 'circle' | 'square' | 'triangle' | 'diamond';

/** Known post types (docs/run-directory.md); free-text types get the generic 'post' style. */
export const POST_STYLES: Readonly<Record<string, { color: number; shape: PostShape; radiusPx: number }>> = Object.freeze({
  station: { color: 0x1f3a93, shape: 'square', radiusPx: 7 },
  kiosk: { color: 0x6a1b9a, shape: 'diamond', radiusPx: 6 },
  mobile: { color: 0x00838f, shape: 'triangle', radiusPx: 6 },
  car: { color: 0x1565c0, shape: 'triangle', radiusPx: 6 },
  foot: { color: 0x2e7d32, shape: 'circle', radiusPx: 5 },
  post: { color: 0x37474f, shape: 'circle', radiusPx: 6 },
});

export function postStyle(type: string) { return POST_STYLES[type] ?? POST_STYLES.post; }

/** Unit state colours, index = trace state code (0 at post .. 5 off shift). */
export const UNIT_STATE_COLOURS: readonly number[] = Object.freeze([0x1565c0, 0x00acc1, 0xff1744, 0xaa00ff, 0xffa000, 0x757575, 0x2e7d32]);

/** Incident outcome colours, index = incidentOutcome code (all tiers met, some, none, no arrival). */
export const INCIDENT_OUTCOME_COLOURS: readonly number[] = Object.freeze([0x2e7d32, 0xf9a825, 0xc62828, 0x212121]);

export const BACKGROUND_COLOUR = 0xf4f1ea;
