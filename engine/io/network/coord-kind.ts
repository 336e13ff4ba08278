import type { CoordKind } from '../../graph/road-graph.ts';

/**
 * Guess whether node coordinates are lon/lat degrees or planar: lon/lat when every known point has
 * |x| <= 180 and |y| <= 90, at least one coordinate is not an integer (integer-only coordinates are a
 * hand-drawn grid), and the points do not all sit within 5 degrees of (0, 0) (local kilometre
 * coordinates, not the Gulf of Guinea). 'none' when no point has both coordinates.
 */
export function guessCoordKind(x: ArrayLike<number>, y: ArrayLike<number>): CoordKind {
  let known = 0;
  let inRange = true;
  let fractional = false;
  let nearOrigin = true;
  for (let i = 0; i < x.length; i++) {
    const a = x[i];
    const b = y[i];
    if (!Number.isFinite(a) || !Number.isFinite(b)) continue;
    known++;
    if (Math.abs(a) > 180 || Math.abs(b) > 90) inRange = false;
    if (!Number.isInteger(a) || !Number.isInteger(b)) fractional = true;
    if (Math.abs(a) > 5 || Math.abs(b) > 5) nearOrigin = false;
  }
  if (known === 0) return 'none';
  return inRange && fractional && !nearOrigin ? 'lonlat' : 'planar';
}

/**
 * Coordinate kind of a node file: as {@link guessCoordKind}, except that coordinates in columns named
 * lon/lat (or GeoJSON) are trusted to be degrees whenever they are in range.
 */
export function nodeFileCoordKind(x: ArrayLike<number>, y: ArrayLike<number>, namedLonLat: boolean): CoordKind {
  const kind = guessCoordKind(x, y);
  if (kind !== 'planar' || !namedLonLat) return kind;
  for (let k = 0; k < x.length; k++) {
    const a = x[k], b = y[k];
    if (Number.isFinite(a) && Number.isFinite(b) && (Math.abs(a) > 180 || Math.abs(b) > 90)) return kind;
  }
  return 'lonlat';
}
