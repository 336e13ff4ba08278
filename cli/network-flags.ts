import type { RoadGraph } from '../engine/graph/road-graph.ts';
import { createPointPlacer, DEFAULT_MAX_SNAP_M, type PointPlacer } from '../engine/graph/snap.ts';
import { edgeTravelTimesS, validateTravelTimeModel, type TravelTimeModel } from '../engine/graph/travel-time-model.ts';
import { readInputText } from '../engine/io/files.ts';
import { InputError, throwProblems } from '../engine/io/input-error.ts';
import { parseJsonText } from '../engine/io/json-text.ts';
import { loadNetwork, NETWORK_FORMATS, type LoadNetworkOptions, type NetworkFormat } from '../engine/io/network/load-network.ts';
import { numberFlag } from './args.ts';

/** The flags that steer the network loader (see loadOptionsFromFlags). */
export const LOADER_FLAGS = {
  format: { type: 'string' },
  nodes: { type: 'string' },
  undirected: { type: 'boolean' },
  'time-unit': { type: 'string' },
  'all-classes': { type: 'boolean' },
  coords: { type: 'string' },
} as const;

/** The flags every command that reads a network with travel times shares (pass to parseCommandArgs). */
export const NETWORK_FLAGS = {
  network: { type: 'string', multiple: true },
  ...LOADER_FLAGS,
  'travel-model': { type: 'string' },
  'response-factor': { type: 'string' },
  hour: { type: 'string' },
  'max-snap-m': { type: 'string' },
} as const;

export const NETWORK_FLAGS_HELP = `Network:
  --network FILES...     road network file(s): TNTP _net.tntp, SUMO .nod.xml + .edg.xml, OSM .osm/.osm.bz2,
                         GeoJSON, or a CSV edge list (from,to with time_s, or length_m and speed_kph)
  --format F             tntp|sumo|osm|geojson|csv (default: guessed from the file names)
  --nodes FILE           node coordinates (TNTP _node.tntp, CSV id + lon,lat or x,y, or GeoJSON Points)
  --undirected           CSV/GeoJSON rows are two-way roads
  --time-unit U          TNTP free_flow_time unit: min (default), s or h
  --all-classes          SUMO/OSM: keep non-drivable ways too (footways, rail...)
  --coords lonlat|planar node coordinates are degrees or metres (default: guessed; local grids near
                         (0, 0) or with integer coordinates read as planar)
Travel times:
  --travel-model FILE    JSON {"classSpeedKph":{"residential":25,...}, "responseSpeedFactor":1.2,
                         "hourlySpeedFactor":[24 numbers]}; speeds per road class override the network's
  --response-factor F    response vehicles drive F times faster than free flow (overrides the file)
  --hour H               hour of day 0..23 for hourly speed factors (default 0)
Placing points (posts, demand, incidents given by coordinates):
  --max-snap-m M         a point lands on the nearest road node (not a zone, in the largest strongly
                         connected part) within M metres (default 500); a post farther away is an
                         error naming its row, a demand row farther away is skipped and counted.
                         lat/lon columns are WGS84 degrees (projected on planar networks that carry
                         a projection, e.g. SUMO <location>; refused on those without); x/y columns
                         are the network's own coordinates`;

export interface NetworkValues {
  network?: string[];
  format?: string;
  nodes?: string;
  undirected?: boolean;
  'time-unit'?: string;
  'all-classes'?: boolean;
  coords?: string;
  'travel-model'?: string;
  'response-factor'?: string;
  hour?: string;
  'max-snap-m'?: string;
}

/** The loader options the shared flags ask for (format and time unit checked). */
export function loadOptionsFromFlags(values: NetworkValues): LoadNetworkOptions {
  if (values.format !== undefined && !NETWORK_FORMATS.includes(values.format as NetworkFormat)) {
    throw new InputError(`--format: expected one of ${NETWORK_FORMATS.join(', ')}, got "${values.format}"`);
  }
  const timeUnit = values['time-unit'];
  if (timeUnit !== undefined && !['min', 's', 'h'].includes(timeUnit)) throw new InputError(`--time-unit: expected min, s or h, got "${timeUnit}"`);
  if (values.coords !== undefined && values.coords !== 'lonlat' && values.coords !== 'planar') throw new InputError(`--coords: expected lonlat or planar, got "${values.coords}"`);
  return {
    coordKind: values.coords as LoadNetworkOptions['coordKind'],
    format: values.format as NetworkFormat | undefined,
    nodesFile: values.nodes,
    undirected: values.undirected,
    timeUnit: timeUnit as LoadNetworkOptions['timeUnit'],
    allClasses: values['all-classes'],
  };
}

/** Load the network the flags name, and the edge travel times under the travel-time model. */
export function loadNetworkFromFlags(values: NetworkValues): { graph: RoadGraph; edgeTimeS: Float64Array; model: TravelTimeModel } {
  if (!values.network || values.network.length === 0) throw new InputError('--network: expected at least one network file');
  const options = loadOptionsFromFlags(values);
  const graph = loadNetwork(values.network, options);
  let model: TravelTimeModel = {};
  const modelFile = values['travel-model'];
  if (modelFile !== undefined) {
    const parsed = parseJsonText(readInputText(modelFile, 'travel-model file'), modelFile);
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new InputError(`${modelFile}: expected a JSON object`);
    const known = ['classSpeedKph', 'responseSpeedFactor', 'hourlySpeedFactor'];
    const unknown = Object.keys(parsed).filter((k) => !known.includes(k));
    throwProblems(unknown.map((k) => `${modelFile}: ${k}: unknown field (expected ${known.join(', ')})`));
    model = parsed as TravelTimeModel;
    throwProblems(validateTravelTimeModel(model).map((p) => `${modelFile}: ${p}`));
  }
  const factor = numberFlag('response-factor', values['response-factor'], { min: 0, exclusiveMin: true });
  if (factor !== undefined) model = { ...model, responseSpeedFactor: factor };
  const hour = numberFlag('hour', values.hour, { min: 0, max: 23, integer: true }) ?? 0;
  return { graph, edgeTimeS: edgeTravelTimesS(graph, model, hour), model };
}

/** The placement rule (engine/graph/snap.ts) with the flags' maximum snap distance. */
export function placerFromFlags(values: NetworkValues, graph: RoadGraph): PointPlacer {
  return createPointPlacer(graph, { maxSnapM: numberFlag('max-snap-m', values['max-snap-m'], { min: 0 }) ?? DEFAULT_MAX_SNAP_M });
}
