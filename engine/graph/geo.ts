import type { CoordKind } from './road-graph.ts';

const EARTH_RADIUS_M = 6_371_008.8;

/** Great-circle distance in metres between two lon/lat points (degrees). */
export function haversineM(lon1: number, lat1: number, lon2: number, lat2: number): number {
  const toRad = Math.PI / 180;
  const dLat = (lat2 - lat1) * toRad;
  const dLon = (lon2 - lon1) * toRad;
  const a = Math.sin(dLat / 2) ** 2 + Math.cos(lat1 * toRad) * Math.cos(lat2 * toRad) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(a)));
}

/** Distance in metres between two points of the given coordinate kind (planar is Euclidean). */
export function distanceM(kind: CoordKind, x1: number, y1: number, x2: number, y2: number): number {
  if (kind === 'lonlat') return haversineM(x1, y1, x2, y2);
  return Math.hypot(x2 - x1, y2 - y1);
}

/** Length in metres of a polyline given as interleaved x,y. */
export function polylineLengthM(kind: CoordKind, xy: ArrayLike<number>): number {
  let sum = 0;
  for (let i = 2; i + 1 < xy.length; i += 2) sum += distanceM(kind, xy[i - 2], xy[i - 1], xy[i], xy[i + 1]);
  return sum;
}
