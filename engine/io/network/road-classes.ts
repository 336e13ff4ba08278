import { DEFAULT_CLASS_SPEED_KPH } from '../../graph/travel-time-model.ts';

/**
 * OSM highway classes a patrol car drives on by default (SUMO types `highway.<class>` use the same set).
 *
 * `service` is left out on purpose: in OSM it is mostly driveways, parking aisles and private access
 * (osmnx's "drive" network leaves it out too), and in SUMO exports it usually disallows passenger cars.
 * Incidents on service roads are reached by snapping to the nearest drivable road. Pass `allClasses` to
 * keep service roads (and footways, tracks, rail...). `road` (an OSM way whose class is not known yet)
 * is kept: it is a drivable road by definition.
 */
export const DRIVABLE_CLASSES: ReadonlySet<string> = new Set([
  'motorway', 'motorway_link', 'trunk', 'trunk_link', 'primary', 'primary_link', 'secondary', 'secondary_link',
  'tertiary', 'tertiary_link', 'unclassified', 'residential', 'living_street', 'road',
]);

/** Default free-flow speed in km/h for a road class; classes without a default get the `road` speed. */
export function defaultSpeedKph(roadClass: string): number {
  return DEFAULT_CLASS_SPEED_KPH[roadClass] ?? DEFAULT_CLASS_SPEED_KPH.road;
}

const MPH_KPH = 1.609344;

/**
 * Parse an OSM-style `maxspeed` value to km/h: "50", "50 km/h", "50kmh", "30 mph", "30mph". Multiple
 * values ("50;30") take the first. Returns undefined for anything else ("none", "signals", "RU:urban",
 * "walk"), so the caller falls back to the class default.
 */
export function parseMaxspeedKph(value: string | number | undefined): number | undefined {
  if (value === undefined) return undefined;
  if (typeof value === 'number') return value > 0 && Number.isFinite(value) ? value : undefined;
  const first = value.split(';')[0].trim().toLowerCase();
  const m = /^(\d+(?:\.\d+)?)\s*(km\/h|kmh|kph|mph)?$/.exec(first);
  if (!m) return undefined;
  const v = Number(m[1]);
  if (!(v > 0)) return undefined;
  return m[2] === 'mph' ? v * MPH_KPH : v;
}
