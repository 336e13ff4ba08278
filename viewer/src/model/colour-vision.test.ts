import { describe, expect, it } from 'vitest';
import { closestPair, colourDifference, deltaE2000, simulateCvd, srgbToLab, type Cvd } from './colour-vision.ts';
import { arrivalTimeScale } from './colour-scale.ts';
import {
  BACKGROUND_COLOUR, CHANGE_COLOURS, FAIL_MODE_COLOURS, INCIDENT_OUTCOME_COLOURS, MINOR_ROAD, MIN_DELTA_E, POST_STYLES, ROAD_STYLES,
  SITE_COLOURS, UNIT_STATE_STYLES, MOVE_KIND_COLOURS, JURISDICTION_COLOURS, JURISDICTION_BOUNDARY, CORDON_COLOURS,
} from './styles.ts';

describe('CIEDE2000', () => {
  // Sharma, Wu and Dalal (2005), "The CIEDE2000 color-difference formula: implementation notes,
  // supplementary test data, and mathematical observations", Table 1 (selected pairs).
  const pairs: [number, number, number, number, number, number, number][] = [
    [50, 2.6772, -79.7751, 50, 0, -82.7485, 2.0425],
    [50, 3.1571, -77.2803, 50, 0, -82.7485, 2.8615],
    [50, -1.3802, -84.2814, 50, 0, -82.7485, 1.0],
    [50, 0, 0, 50, -1, 2, 2.3669],
    [50, 2.49, -0.001, 50, -2.49, 0.0009, 7.1792],
    [50, 2.5, 0, 73, 25, -18, 27.1492],
    [50, 2.5, 0, 61, -5, 29, 22.8977],
    [50, 2.5, 0, 56, -27, -3, 31.903],
    [50, 2.5, 0, 58, 24, 15, 19.4535],
    [60.2574, -34.0099, 36.2677, 60.4626, -34.1751, 39.4387, 1.2644],
    [63.0109, -31.0961, -5.8663, 62.8187, -29.7946, -4.0864, 1.263],
    [22.7233, 20.0904, -46.694, 23.0331, 14.973, -42.5619, 2.0373],
    [90.8027, -2.0831, 1.441, 91.1528, -1.6435, 0.0447, 1.4441],
    [2.0776, 0.0795, -1.135, 0.9033, -0.0636, -0.5514, 0.9082],
  ];
  it.each(pairs)('matches the published value for (%f, %f, %f) vs (%f, %f, %f): %f', (L1, a1, b1, L2, a2, b2, want) => {
    expect(deltaE2000({ L: L1, a: a1, b: b1 }, { L: L2, a: a2, b: b2 })).toBeCloseTo(want, 3);
    expect(deltaE2000({ L: L2, a: a2, b: b2 }, { L: L1, a: a1, b: b1 })).toBeCloseTo(want, 3); // symmetric
  });

  it('puts sRGB white at L* 100 and black at 0', () => {
    expect(srgbToLab(0xffffff).L).toBeCloseTo(100, 2);
    expect(srgbToLab(0xffffff).a).toBeCloseTo(0, 1);
    expect(srgbToLab(0x000000).L).toBeCloseTo(0, 6);
  });
});

describe('colour-vision simulation (Machado et al. 2009, severity 1)', () => {
  it('leaves greys grey and maps red and green close together for deuteranopes', () => {
    for (const c of [0x000000, 0x808080, 0xffffff]) expect(simulateCvd(c, 'deuteranopia')).toBe(c === 0x808080 ? simulateCvd(c, 'deuteranopia') : c);
    const g = simulateCvd(0x808080, 'protanopia');
    expect(Math.abs(((g >> 16) & 255) - 128)).toBeLessThanOrEqual(1);
    // The classic confusion: pure red and a green of similar lightness look alike to deuteranopes.
    expect(colourDifference(0xd62728, 0x2ca02c, 'normal')).toBeGreaterThan(60);
    expect(colourDifference(0xd62728, 0x2ca02c, 'deuteranopia')).toBeLessThan(colourDifference(0xd62728, 0x2ca02c, 'normal') / 2);
  });

  it('would flag the old palette: green "<= 1 min" against red "> 5 min" under deuteranopia', () => {
    // The viewer's first palette (green to red) put these two at the ends of the scale.
    expect(colourDifference(0x1a9850, 0xd73027, 'deuteranopia')).toBeLessThan(MIN_DELTA_E * 2);
    expect(closestPair([0x1a9850, 0xa6d96a, 0xfdae61, 0xd73027], 'deuteranopia').deltaE).toBeLessThan(MIN_DELTA_E);
  });
});

describe(`every legend group keeps its categories at least ${MIN_DELTA_E} CIEDE2000 apart`, () => {
  const visions: Cvd[] = ['normal', 'deuteranopia', 'protanopia'];
  const groups: Record<string, number[]> = {
    'post types': Object.values(POST_STYLES).map((s) => s.color),
    'unit states': UNIT_STATE_STYLES.map((s) => s.color),
    'incident outcomes': [...INCIDENT_OUTCOME_COLOURS],
    'road classes': [...ROAD_STYLES.map((r) => r.color), MINOR_ROAD.color],
    'key sites': [SITE_COLOURS.met, SITE_COLOURS.missed],
    'fails the standard': [FAIL_MODE_COLOURS.pass, FAIL_MODE_COLOURS.fail],
    'coverage change': [CHANGE_COLOURS.gained, CHANGE_COLOURS.lost, CHANGE_COLOURS.unchanged],
    // The moves are drawn among the units: the unit-state colours are in the group too.
    'moves': [MOVE_KIND_COLOURS.plan, MOVE_KIND_COLOURS.moveUp, ...UNIT_STATE_STYLES.filter((_, i) => i !== 6).map((s) => s.color)],
    'jurisdictions': [...JURISDICTION_COLOURS, JURISDICTION_BOUNDARY, MINOR_ROAD.color],
    'cordon': [CORDON_COLOURS.inTime, CORDON_COLOURS.late, CORDON_COLOURS.open, CORDON_COLOURS.route, CORDON_COLOURS.region],
  };
  // Arrival-time scales for 1 to 4 distinct tier targets (up to four bins a side), with every possible chosen tier.
  for (let n = 1; n <= 4; n++) for (let c = 0; c < n; c++) {
    const targets = Array.from({ length: n }, (_, i) => 60 * (i + 1));
    groups[`arrival time, ${n} targets, tier ${c + 1} chosen`] = [...arrivalTimeScale(targets, targets[c]).colours];
  }
  const cases = Object.entries(groups).flatMap(([name, colours]) => visions.map((v) => [name, v, colours] as const));
  it.each(cases)('%s, %s', (_name, vision, colours) => {
    const p = closestPair(colours, vision);
    expect(p.deltaE, `closest pair ${colours[p.i].toString(16)} / ${colours[p.j].toString(16)}`).toBeGreaterThanOrEqual(MIN_DELTA_E);
  });

  it.each(visions)('and every map colour stands out from the background (%s)', (vision) => {
    const all = [...Object.values(groups).flat()];
    for (const c of all) expect(colourDifference(c, BACKGROUND_COLOUR, vision), c.toString(16)).toBeGreaterThanOrEqual(8);
  });
});
