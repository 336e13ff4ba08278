/**
 * Map projections of planar networks: how WGS84 lon/lat degrees map to the network's own metres, so
 * lon/lat posts, incidents and sites land where they belong on a network in projected coordinates.
 *
 * Supported: transverse Mercator (`+proj=tmerc`, and UTM `+proj=utm +zone=Z [+south]`) on the WGS84 or
 * GRS80 ellipsoid, as PROJ strings (the `projParameter` of a SUMO `<location>`), plus a false origin
 * shift (SUMO's `netOffset`: network = projected + offset). The series are Krüger's in the third
 * flattening n (Karney 2011, "Transverse Mercator with an accuracy of a few nanometers", eqs. 7, 11, 35,
 * 36), to n⁶: far below a millimetre within a UTM zone.
 */
export interface MapProjection {
  /** The PROJ string and offset, for messages. */
  readonly description: string;
  /** Network coordinates (metres) of a WGS84 point in degrees. */
  fromLonLat(lon: number, lat: number): [x: number, y: number];
  /** WGS84 degrees of a point in network coordinates. */
  toLonLat(x: number, y: number): [lon: number, lat: number];
}

export interface TransverseMercator {
  /** Flattening of the ellipsoid (WGS84 1/298.257223563). */
  flattening: number;
  semiMajorM: number;
  lon0Deg: number;
  lat0Deg: number;
  scale: number;
  falseEastingM: number;
  falseNorthingM: number;
}

const ELLIPSOIDS: Record<string, { a: number; f: number }> = {
  WGS84: { a: 6378137, f: 1 / 298.257223563 },
  GRS80: { a: 6378137, f: 1 / 298.257222101 },
};

/** A transverse Mercator projection with network = projected + (offsetX, offsetY). */
export function transverseMercator(p: TransverseMercator, offset: { x: number; y: number } = { x: 0, y: 0 }, description = 'transverse Mercator'): MapProjection {
  const f = p.flattening;
  const n = f / (2 - f);
  const n2 = n * n, n3 = n2 * n, n4 = n3 * n, n5 = n4 * n, n6 = n5 * n;
  const e = Math.sqrt(f * (2 - f));
  // Rectifying radius A (Karney eq. 14) and the series of eqs. 35 (alpha) and 36 (beta).
  const A = (p.semiMajorM / (1 + n)) * (1 + n2 / 4 + n4 / 64 + n6 / 256);
  const alpha = [
    n / 2 - (2 / 3) * n2 + (5 / 16) * n3 + (41 / 180) * n4 - (127 / 288) * n5 + (7891 / 37800) * n6,
    (13 / 48) * n2 - (3 / 5) * n3 + (557 / 1440) * n4 + (281 / 630) * n5 - (1983433 / 1935360) * n6,
    (61 / 240) * n3 - (103 / 140) * n4 + (15061 / 26880) * n5 + (167603 / 181440) * n6,
    (49561 / 161280) * n4 - (179 / 168) * n5 + (6601661 / 7257600) * n6,
    (34729 / 80640) * n5 - (3418889 / 1995840) * n6,
    (212378941 / 319334400) * n6,
  ];
  const beta = [
    n / 2 - (2 / 3) * n2 + (37 / 96) * n3 - (1 / 360) * n4 - (81 / 512) * n5 + (96199 / 604800) * n6,
    (1 / 48) * n2 + (1 / 15) * n3 - (437 / 1440) * n4 + (46 / 105) * n5 - (1118711 / 3870720) * n6,
    (17 / 480) * n3 - (37 / 840) * n4 - (209 / 4480) * n5 + (5569 / 90720) * n6,
    (4397 / 161280) * n4 - (11 / 504) * n5 - (830251 / 7257600) * n6,
    (4583 / 161280) * n5 - (108847 / 3991680) * n6,
    (20648693 / 638668800) * n6,
  ];
  const k0A = p.scale * A;
  const rad = Math.PI / 180;
  const lon0 = p.lon0Deg * rad;

  /** Conformal latitude tangent τ' from the geographic tangent τ (Karney eq. 7). */
  const tauPrime = (tau: number) => {
    const s = Math.hypot(1, tau);
    const sig = Math.sinh(e * Math.atanh((e * tau) / s));
    return tau * Math.hypot(1, sig) - sig * s;
  };
  /** Geographic τ from τ' by Newton's method (Karney eqs. 19-21). */
  const tauOf = (tp: number) => {
    let tau = tp / (1 - e * e);
    for (let i = 0; i < 8; i++) {
      const tpi = tauPrime(tau);
      const d = ((tp - tpi) / Math.hypot(1, tpi)) * ((1 + (1 - e * e) * tau * tau) / ((1 - e * e) * Math.hypot(1, tau)));
      tau += d;
      if (Math.abs(d) < 1e-14) break;
    }
    return tau;
  };
  const forward = (lonDeg: number, latDeg: number): [number, number] => {
    const phi = latDeg * rad;
    const lam = lonDeg * rad - lon0;
    const tp = tauPrime(Math.tan(phi));
    const xiP = Math.atan2(tp, Math.cos(lam));
    const etaP = Math.asinh(Math.sin(lam) / Math.hypot(tp, Math.cos(lam)));
    let xi = xiP, eta = etaP;
    for (let j = 1; j <= 6; j++) {
      xi += alpha[j - 1] * Math.sin(2 * j * xiP) * Math.cosh(2 * j * etaP);
      eta += alpha[j - 1] * Math.cos(2 * j * xiP) * Math.sinh(2 * j * etaP);
    }
    return [k0A * eta, k0A * xi];
  };
  // Northing of the origin latitude on the central meridian, so (lon0, lat0) maps to the false origin.
  const y0 = p.lat0Deg === 0 ? 0 : forward(p.lon0Deg, p.lat0Deg)[1];

  return Object.freeze({
    description,
    fromLonLat(lon: number, lat: number): [number, number] {
      const [x, y] = forward(lon, lat);
      return [x + p.falseEastingM + offset.x, y - y0 + p.falseNorthingM + offset.y];
    },
    toLonLat(x: number, y: number): [number, number] {
      const xi = (y - offset.y - p.falseNorthingM + y0) / k0A;
      const eta = (x - offset.x - p.falseEastingM) / k0A;
      let xiP = xi, etaP = eta;
      for (let j = 1; j <= 6; j++) {
        xiP -= beta[j - 1] * Math.sin(2 * j * xi) * Math.cosh(2 * j * eta);
        etaP -= beta[j - 1] * Math.cos(2 * j * xi) * Math.sinh(2 * j * eta);
      }
      const tp = Math.sin(xiP) / Math.hypot(Math.sinh(etaP), Math.cos(xiP));
      const lam = Math.atan2(Math.sinh(etaP), Math.cos(xiP));
      return [(lon0 + lam) / rad, Math.atan(tauOf(tp)) / rad];
    },
  });
}

/**
 * The projection a PROJ string names, shifted by `offset` (network = projected + offset), or a reason
 * it can't be used. Accepted: `+proj=utm +zone=1..60 [+south]` and `+proj=tmerc [+lat_0] [+lon_0]
 * [+k|+k_0] [+x_0] [+y_0]`, with `+ellps` or `+datum` WGS84 (the default) or GRS80, units metres.
 *
 * @example
 * const p = parseProjString('+proj=utm +zone=49 +ellps=WGS84 +datum=WGS84 +units=m +no_defs', { x: -796231.36, y: -2495307.88 });
 * if (typeof p !== 'string') p.toLonLat(5000, 4000); // a point in Nanshan, Shenzhen
 */
export function parseProjString(text: string, offset: { x: number; y: number } = { x: 0, y: 0 }): MapProjection | string {
  const params = new Map<string, string>();
  for (const token of text.trim().split(/\s+/)) {
    const m = /^\+([A-Za-z_0-9]+)(?:=(.*))?$/.exec(token);
    if (!m) return `"${token}" is not a PROJ parameter (expected +name or +name=value)`;
    params.set(m[1].toLowerCase(), m[2] ?? '');
  }
  const proj = params.get('proj');
  const ellpsName = (params.get('ellps') ?? params.get('datum') ?? 'WGS84').toUpperCase();
  const ellps = ELLIPSOIDS[ellpsName];
  if (!ellps) return `ellipsoid ${ellpsName} is not supported (WGS84 or GRS80)`;
  const units = params.get('units');
  if (units !== undefined && units !== 'm') return `units ${units} are not supported (metres only)`;
  const num = (key: string, fallback: number) => {
    const v = params.get(key);
    return v === undefined ? fallback : Number.parseFloat(v);
  };
  const offsetText = offset.x !== 0 || offset.y !== 0 ? ` with offset (${offset.x}, ${offset.y})` : '';
  if (proj === 'utm') {
    const zone = Number(params.get('zone'));
    if (!(Number.isInteger(zone) && zone >= 1 && zone <= 60)) return `utm needs +zone=1..60, got ${JSON.stringify(params.get('zone') ?? '')}`;
    const south = params.has('south');
    return transverseMercator({
      flattening: ellps.f, semiMajorM: ellps.a, lon0Deg: zone * 6 - 183, lat0Deg: 0, scale: 0.9996,
      falseEastingM: 500000, falseNorthingM: south ? 10000000 : 0,
    }, offset, `UTM zone ${zone}${south ? 'S' : 'N'} (${ellpsName})${offsetText}`);
  }
  if (proj === 'tmerc') {
    const values = { lat0Deg: num('lat_0', 0), lon0Deg: num('lon_0', 0), scale: num('k_0', num('k', 1)), falseEastingM: num('x_0', 0), falseNorthingM: num('y_0', 0) };
    if (!Object.values(values).every(Number.isFinite)) return 'tmerc: lat_0, lon_0, k, x_0 and y_0 must be numbers';
    return transverseMercator({ flattening: ellps.f, semiMajorM: ellps.a, ...values }, offset, `transverse Mercator lon_0=${values.lon0Deg} (${ellpsName})${offsetText}`);
  }
  return `projection ${JSON.stringify(proj ?? '')} is not supported (utm or tmerc)`;
}
