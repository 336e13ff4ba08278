import { describe, expect, it } from 'vitest';
import { parseProjString, type MapProjection } from './map-projection.ts';

// Reference pairs computed with PROJ 9.1.1 (`cs2cs +proj=longlat +datum=WGS84 +to <projection> -f %.6f`),
// an independent implementation of the same projections.
const UTM_FORWARD: [proj: string, lon: number, lat: number, x: number, y: number][] = [
  ['+proj=utm +zone=49 +datum=WGS84', 113.93, 22.57, 801306.829462, 2498878.878865], // Nanshan, Shenzhen
  ['+proj=utm +zone=18 +datum=WGS84', -74.0445, 40.6892, 580735.870703, 4504695.165219], // Statue of Liberty
  ['+proj=utm +zone=50 +datum=WGS84', 119.9, 60, 661720.750892, 6654956.719944],
  ['+proj=utm +zone=31 +datum=WGS84', 0.5, 85, 475681.029242, 9440261.360461],
  ['+proj=utm +zone=56 +south +datum=WGS84', 151.2093, -33.8688, 334368.633648, 6250948.345385], // Sydney
  ['+proj=utm +zone=10 +south +datum=WGS84', -120.25, -70.5, 602421.550434, 2176049.094387],
  ['+proj=tmerc +lat_0=10 +lon_0=12 +k=0.9999 +x_0=400000 +y_0=-100 +ellps=GRS80', 12.5, 48.2, 437164.461676, 4234408.622780],
];

function projection(text: string, offset?: { x: number; y: number }): MapProjection {
  const p = parseProjString(text, offset);
  if (typeof p === 'string') throw new Error(p);
  return p;
}

describe('map projections', () => {
  it('transverse Mercator and UTM match PROJ to 10 micrometres (its printed precision: 1 µm), north and south, near and far from the central meridian', () => {
    for (const [text, lon, lat, x, y] of UTM_FORWARD) {
      const [px, py] = projection(text).fromLonLat(lon, lat);
      expect(Math.abs(px - x), text).toBeLessThan(1e-5);
      expect(Math.abs(py - y), text).toBeLessThan(1e-5);
    }
  });

  it('the inverse matches PROJ too (1e-9 degrees is 0.1 mm)', () => {
    // cs2cs +proj=utm +zone=49 +datum=WGS84 +to +proj=longlat +datum=WGS84 -f %.10f <<< "801032.90 2499331.49"
    const [lon, lat] = projection('+proj=utm +zone=49 +ellps=WGS84').toLonLat(801032.90, 2499331.49);
    expect(lon).toBeCloseTo(113.9274252060, 9);
    expect(lat).toBeCloseTo(22.5741320245, 9);
    // ... +proj=utm +zone=30 +south ... <<< "500000 5000000": on the central meridian.
    const [lon2, lat2] = projection('+proj=utm +zone=30 +south').toLonLat(500000, 5000000);
    expect(lon2).toBeCloseTo(-3, 9);
    expect(lat2).toBeCloseTo(-45.1534771834, 9);
    for (const [text, lon0, lat0, x, y] of UTM_FORWARD) {
      const [l, b] = projection(text).toLonLat(x, y);
      expect(Math.abs(l - lon0), text).toBeLessThan(1e-10);
      expect(Math.abs(b - lat0), text).toBeLessThan(1e-10);
    }
  });

  it('a northing on the central meridian is 0.9996 times the meridian arc (the pole: 0.9996 x 10,001,965.729 m on WGS84)', () => {
    const p = projection('+proj=utm +zone=33');
    expect(p.fromLonLat(15, 0)).toEqual([500000, 0]);
    expect(p.fromLonLat(15, 90)[1]).toBeCloseTo(0.9996 * 10_001_965.729, 2);
  });

  it('a SUMO netOffset is added to the projected coordinates', () => {
    const offset = { x: -796231.36, y: -2495307.88 };
    const [x, y] = projection('+proj=utm +zone=49 +ellps=WGS84 +datum=WGS84 +units=m +no_defs', offset).fromLonLat(113.93, 22.57);
    expect(x).toBeCloseTo(801306.829462 - 796231.36, 5);
    expect(y).toBeCloseTo(2498878.878865 - 2495307.88, 5);
  });

  it('names what it cannot use', () => {
    expect(parseProjString('+proj=lcc +lat_1=33 +lat_2=45')).toMatch(/projection "lcc" is not supported/);
    expect(parseProjString('+proj=utm')).toMatch(/zone=1\.\.60/);
    expect(parseProjString('+proj=utm +zone=49 +ellps=clrk66')).toMatch(/ellipsoid CLRK66 is not supported/);
    expect(parseProjString('+proj=utm +zone=49 +units=ft')).toMatch(/units ft/);
  });
});
