import { describe, expect, it } from 'vitest';
import { createRoadGraphBuilder } from './road-graph.ts';
import { edgeTravelTimesS, validateTravelTimeModel } from './travel-time-model.ts';

function twoRoads() {
  const b = createRoadGraphBuilder('planar');
  b.addNode({ id: 'a', x: 0, y: 0 }); b.addNode({ id: 'b', x: 1000, y: 0 }); b.addNode({ id: 'c', x: 2000, y: 0 });
  b.addEdge({ from: 'a', to: 'b', lengthM: 1000, speedKph: 36, roadClass: 'primary' });   // 100 s
  b.addEdge({ from: 'b', to: 'c', lengthM: 1000, speedKph: 18, roadClass: 'residential' }); // 200 s
  b.addEdge({ from: 'c', to: 'a', timeS: 300, roadClass: 'tntp-1' });                     // no length
  return b.build({ format: 'test', files: [] });
}

describe('travel-time model', () => {
  const g = twoRoads();

  it('uses the network free-flow times by default', () => {
    expect(Array.from(edgeTravelTimesS(g))).toEqual([100, 200, 300]);
  });

  it('overrides speeds per road class where the edge has a length', () => {
    // residential at 36 km/h -> 100 s; the TNTP edge without a length keeps its own time.
    expect(Array.from(edgeTravelTimesS(g, { classSpeedKph: { residential: 36, 'tntp-1': 10 } }))).toEqual([100, 100, 300]);
  });

  it('divides times by the response speed factor and the hourly factor', () => {
    const hourly = Array.from({ length: 24 }, (_, h) => (h === 8 ? 0.5 : 1));
    expect(Array.from(edgeTravelTimesS(g, { responseSpeedFactor: 1.25, hourlySpeedFactor: hourly }, 3))).toEqual([80, 160, 240]);
    // Rush hour at half speed: twice the time, on top of the response factor.
    expect(Array.from(edgeTravelTimesS(g, { responseSpeedFactor: 1.25, hourlySpeedFactor: hourly }, 8))).toEqual([160, 320, 480]);
  });

  it('names every bad field', () => {
    const problems = validateTravelTimeModel({ classSpeedKph: { primary: 0 }, responseSpeedFactor: -1, hourlySpeedFactor: [1, 2] });
    expect(problems).toEqual([
      'classSpeedKph.primary: expected a speed > 0 km/h, got 0',
      'responseSpeedFactor: expected a number > 0, got -1',
      'hourlySpeedFactor: expected 24 numbers (hours 0..23), got 2',
    ]);
    expect(() => edgeTravelTimesS(g, { responseSpeedFactor: 0 })).toThrow(/responseSpeedFactor/);
  });
});

describe('response vehicles (the one rule for coverage, optimizer and simulator)', () => {
  const g = twoRoads();
  const hourly = Array.from({ length: 24 }, (_, h) => (h === 8 ? 0.5 : 1));

  it('divides by the vehicle factor after the hourly factor, and caps by the top speed where edges have a length', () => {
    // A 36 km/h top speed: 1000 m takes at least 100 s; the TNTP edge has no length, so no cap.
    const t = edgeTravelTimesS(g, { hourlySpeedFactor: hourly }, 3, [{ responseSpeedFactor: 2, maxResponseSpeedKph: 36 }]);
    expect(Array.from(t)).toEqual([100, 100, 150]);
  });

  it('does not slow the top speed by the hourly factor: a walking officer is as slow at 8 as at 3', () => {
    const foot = [{ responseSpeedFactor: 1, maxResponseSpeedKph: 3.6 }];
    expect(Array.from(edgeTravelTimesS(g, { hourlySpeedFactor: hourly }, 8, foot)).slice(0, 2)).toEqual([1000, 1000]);
    expect(Array.from(edgeTravelTimesS(g, { hourlySpeedFactor: hourly }, 8, foot))[2]).toBe(600);
  });

  it('takes the slowest vehicle on every edge for a mixed layout', () => {
    const t = edgeTravelTimesS(g, {}, 0, [{ responseSpeedFactor: 2, maxResponseSpeedKph: Infinity }, { responseSpeedFactor: 1, maxResponseSpeedKph: 18 }]);
    // car: 50, 100, 150; bicycle (18 km/h cap): 200, 200, 300 → the slower each time.
    expect(Array.from(t)).toEqual([200, 200, 300]);
  });
});
