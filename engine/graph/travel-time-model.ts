import type { RoadGraph } from './road-graph.ts';

/**
 * How edge travel times are derived from the network.
 *
 * time(e, hour) = baseTimeS(e) / (responseSpeedFactor * hourlySpeedFactor[hour])
 * where baseTimeS(e) = lengthM(e) / classSpeedKph[class(e)] when the class is in `classSpeedKph` and the
 * edge has a length, else the network's own free-flow time.
 */
export interface TravelTimeModel {
  /** Speed per road class in km/h, overriding the network's speeds for those classes. */
  classSpeedKph?: Readonly<Record<string, number>>;
  /** Response vehicles drive this many times faster than free flow (1 = free flow). Default 1. */
  responseSpeedFactor?: number;
  /** 24 factors (hour 0..23) applied to speed, e.g. 0.6 in rush hours. Default all 1. */
  hourlySpeedFactor?: readonly number[];
}

/** Default urban speeds in km/h by OSM highway class, used where a way has no usable maxspeed. */
export const DEFAULT_CLASS_SPEED_KPH: Readonly<Record<string, number>> = Object.freeze({
  motorway: 100, motorway_link: 60, trunk: 80, trunk_link: 50, primary: 60, primary_link: 40,
  secondary: 50, secondary_link: 40, tertiary: 40, tertiary_link: 30, unclassified: 30,
  residential: 30, living_street: 10, service: 20, road: 30,
});

/** Check a model and return every problem as `field: message`. */
export function validateTravelTimeModel(model: TravelTimeModel): string[] {
  const problems: string[] = [];
  for (const [cls, v] of Object.entries(model.classSpeedKph ?? {})) {
    if (!(typeof v === 'number' && v > 0 && Number.isFinite(v))) problems.push(`classSpeedKph.${cls}: expected a speed > 0 km/h, got ${v}`);
  }
  const f = model.responseSpeedFactor;
  if (f !== undefined && !(typeof f === 'number' && f > 0 && Number.isFinite(f))) problems.push(`responseSpeedFactor: expected a number > 0, got ${f}`);
  const h = model.hourlySpeedFactor;
  if (h !== undefined) {
    if (!Array.isArray(h) || h.length !== 24) problems.push(`hourlySpeedFactor: expected 24 numbers (hours 0..23), got ${Array.isArray(h) ? h.length : typeof h}`);
    else h.forEach((v, i) => { if (!(typeof v === 'number' && v > 0 && Number.isFinite(v))) problems.push(`hourlySpeedFactor[${i}]: expected a number > 0, got ${v}`); });
  }
  return problems;
}

/** Edge travel times in seconds under the model at an hour of day (0..23; ignored without hourly factors). */
export function edgeTravelTimesS(graph: RoadGraph, model: TravelTimeModel = {}, hour = 0): Float64Array {
  const problems = validateTravelTimeModel(model);
  if (problems.length) throw new Error(`travel-time model: ${problems.join('; ')}`);
  const factor = (model.responseSpeedFactor ?? 1) * (model.hourlySpeedFactor ? model.hourlySpeedFactor[((Math.floor(hour) % 24) + 24) % 24] : 1);
  const override = graph.classNames.map((c) => model.classSpeedKph?.[c]);
  const out = new Float64Array(graph.edgeCount);
  for (let e = 0; e < graph.edgeCount; e++) {
    const speed = override[graph.edgeClass[e]];
    const len = graph.lengthM[e];
    const base = speed !== undefined && Number.isFinite(len) ? len / (speed / 3.6) : graph.freeFlowTimeS[e];
    out[e] = base / factor;
  }
  return out;
}
