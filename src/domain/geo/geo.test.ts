import { describe, expect, it } from 'vitest';
import {
  type LonLat,
  haversineKm,
  isValidLonLat,
  lineLengthKm,
  nearestPointOnLine,
  pointInPolygon,
  pointToLineDistanceKm,
  pointToSegmentDistanceKm,
  roundLonLat,
  simplifyDouglasPeucker,
} from './geo.ts';

describe('haversineKm', () => {
  it('is zero for the same point and symmetric', () => {
    const a: LonLat = [68.78, 38.56];
    const b: LonLat = [69.17, 34.53];
    expect(haversineKm(a, a)).toBe(0);
    expect(haversineKm(a, b)).toBeCloseTo(haversineKm(b, a), 9);
  });
  it('one degree of latitude is ~111.2 km', () => {
    expect(haversineKm([70, 37], [70, 38])).toBeCloseTo(111.195, 2);
  });
  it('Dushanbe – Kabul is ~450 km', () => {
    const d = haversineKm([68.78, 38.56], [69.17, 34.53]);
    expect(d).toBeGreaterThan(440);
    expect(d).toBeLessThan(460);
  });
});

describe('lineLengthKm', () => {
  it('sums segments', () => {
    expect(lineLengthKm([[70, 37], [70, 38], [70, 39]])).toBeCloseTo(2 * 111.195, 1);
    expect(lineLengthKm([[70, 37]])).toBe(0);
  });
});

describe('point to line distance', () => {
  const seg: [LonLat, LonLat] = [[70, 37], [71, 37]];
  it('measures perpendicular distance inside the segment', () => {
    expect(pointToSegmentDistanceKm([70.5, 37.1], ...seg)).toBeCloseTo(11.12, 1);
  });
  it('clamps to the end points', () => {
    expect(pointToSegmentDistanceKm([69, 37], ...seg)).toBeCloseTo(haversineKm([69, 37], [70, 37]), 6);
  });
  it('handles degenerate segments', () => {
    expect(pointToSegmentDistanceKm([70, 38], [70, 37], [70, 37])).toBeCloseTo(111.195, 2);
  });
  it('finds the nearest segment of a polyline', () => {
    const line: LonLat[] = [[70, 37], [71, 37], [71, 38]];
    const r = nearestPointOnLine([71.1, 37.5], line);
    expect(r.segmentIndex).toBe(1);
    expect(r.point[0]).toBeCloseTo(71, 9);
    expect(r.point[1]).toBeCloseTo(37.5, 9);
    expect(pointToLineDistanceKm([71.1, 37.5], line)).toBeCloseTo(r.distanceKm, 9);
    expect(pointToLineDistanceKm([70.5, 37], line)).toBeCloseTo(0, 9);
  });
  it('rejects an empty line', () => {
    expect(() => nearestPointOnLine([0, 0], [])).toThrow();
  });
});

describe('isValidLonLat', () => {
  it('accepts valid positions and rejects out-of-range ones', () => {
    expect(isValidLonLat([180, -90])).toBe(true);
    expect(isValidLonLat([181, 0])).toBe(false);
    expect(isValidLonLat([0, 91])).toBe(false);
    expect(isValidLonLat([Number.NaN, 0])).toBe(false);
    expect(isValidLonLat([0])).toBe(false);
  });
});

describe('simplifyDouglasPeucker', () => {
  it('drops points within tolerance and keeps the ends', () => {
    const line: LonLat[] = [[0, 0], [1, 0.0001], [2, -0.0001], [3, 0], [3, 1]];
    expect(simplifyDouglasPeucker(line, 0.002)).toEqual([[0, 0], [3, 0], [3, 1]]);
  });
  it('keeps short lines as they are', () => {
    expect(simplifyDouglasPeucker([[0, 0], [1, 1]], 0.1)).toEqual([[0, 0], [1, 1]]);
  });
});

describe('pointInPolygon', () => {
  const square: LonLat[] = [[0, 0], [10, 0], [10, 10], [0, 10], [0, 0]];
  const hole: LonLat[] = [[4, 4], [6, 4], [6, 6], [4, 6], [4, 4]];
  it('honours the outer ring and holes', () => {
    expect(pointInPolygon([1, 1], [square])).toBe(true);
    expect(pointInPolygon([11, 1], [square])).toBe(false);
    expect(pointInPolygon([5, 5], [square, hole])).toBe(false);
    expect(pointInPolygon([3, 5], [square, hole])).toBe(true);
  });
});

describe('roundLonLat', () => {
  it('rounds to 5 decimals by default', () => {
    expect(roundLonLat([68.123456789, 37.987654321])).toEqual([68.12346, 37.98765]);
  });
});
