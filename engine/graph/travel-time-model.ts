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

/** How a responding vehicle drives: its speed relative to free flow and its top speed. */
export interface ResponseVehicle {
  /** This many times faster than free flow (1 = free flow). */
  readonly responseSpeedFactor: number;
  /** Top speed in km/h on every edge with a length (Infinity: none). A foot officer's 6 km/h holds at any hour. */
  readonly maxResponseSpeedKph: number;
}

/** The vehicle of a model with no unit types: free flow times the model's response factor, no top speed. */
const MODEL_VEHICLE: readonly ResponseVehicle[] = Object.freeze([Object.freeze({ responseSpeedFactor: 1, maxResponseSpeedKph: Infinity })]);

/**
 * Response edge travel times in seconds: the one rule that coverage, the optimizer, the simulator and
 * the demo all use.
 *
 *   time(e, h) = max over vehicles v of max( base(e) / (responseSpeedFactor * hourlySpeedFactor[h]) / f_v,
 *                                            lengthM(e) / maxResponseSpeedKph_v )
 *
 * base(e) is the model's class speed (lengthM / classSpeedKph) where the edge's class has one and the
 * edge a length, else the network's free-flow time; `responseSpeedFactor` is the model's (default 1),
 * f_v the vehicle's; the top-speed term applies only where the edge has a length. With several vehicles
 * (a layout of mixed unit types scored statically) each edge takes the slowest of them. `hour` is the
 * hour of day 0..23 (ignored without hourly factors). Without vehicles: one vehicle with f = 1 and no
 * top speed. Non-finite times (closed roads) stay non-finite.
 *
 * @example
 * edgeTravelTimesS(graph, { hourlySpeedFactor }, 8, [{ responseSpeedFactor: 1.2, maxResponseSpeedKph: Infinity }]);
 */
export function edgeTravelTimesS(graph: RoadGraph, model: TravelTimeModel = {}, hour = 0, vehicles: readonly ResponseVehicle[] = MODEL_VEHICLE): Float64Array {
  const problems = validateTravelTimeModel(model);
  vehicles.forEach((v, i) => {
    if (!(v.responseSpeedFactor > 0 && Number.isFinite(v.responseSpeedFactor))) problems.push(`vehicle ${i}: responseSpeedFactor: expected a number > 0, got ${v.responseSpeedFactor}`);
    if (!(v.maxResponseSpeedKph > 0)) problems.push(`vehicle ${i}: maxResponseSpeedKph: expected a speed > 0 km/h, got ${v.maxResponseSpeedKph}`);
  });
  if (vehicles.length === 0) problems.push('expected at least one vehicle');
  if (problems.length) throw new Error(`travel-time model: ${problems.join('; ')}`);
  const base = baseTimesS(graph, model, hour);
  if (vehicles === MODEL_VEHICLE) return base;
  const out = new Float64Array(graph.edgeCount);
  for (let e = 0; e < graph.edgeCount; e++) {
    const len = graph.lengthM[e];
    let worst = -Infinity;
    for (const v of vehicles) {
      let t = base[e] / v.responseSpeedFactor;
      if (Number.isFinite(v.maxResponseSpeedKph) && Number.isFinite(len)) t = Math.max(t, len / (v.maxResponseSpeedKph / 3.6));
      if (t > worst || Number.isNaN(t)) worst = t;
    }
    out[e] = worst;
  }
  return out;
}

/** base(e) / (responseSpeedFactor * hourlySpeedFactor[hour]) of {@link edgeTravelTimesS}. */
function baseTimesS(graph: RoadGraph, model: TravelTimeModel, hour: number): Float64Array {
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

/** How a patrolling unit drives: its patrol speed in km/h (NaN: unknown), else a factor of free flow. */
export interface PatrolVehicle {
  readonly patrolSpeedKph: number;
  readonly patrolSpeedFactor: number;
}

/**
 * Patrol edge travel times in seconds: lengthM / patrolSpeedKph, never faster than the hour-0 base time
 * of {@link edgeTravelTimesS}, where the edge has a length and the speed is known; else base / patrolSpeedFactor.
 * At least 1 s per edge, so a patrol walk always advances.
 */
export function patrolEdgeTimesS(graph: RoadGraph, model: TravelTimeModel, vehicle: PatrolVehicle): Float64Array {
  const base = edgeTravelTimesS(graph, model, 0);
  const out = new Float64Array(graph.edgeCount);
  for (let e = 0; e < graph.edgeCount; e++) {
    const len = graph.lengthM[e];
    const v = Number.isFinite(len) && Number.isFinite(vehicle.patrolSpeedKph) ? Math.max(base[e], len / (vehicle.patrolSpeedKph / 3.6)) : base[e] / vehicle.patrolSpeedFactor;
    out[e] = Number.isFinite(v) ? Math.max(1, v) : v;
  }
  return out;
}
