import { describe, expect, it } from 'vitest';
import type { LonLat } from '../geo/geo.ts';
import { areaTouchesLine, pointInAreas, sectionsTouched } from './area.ts';
import { capAreaSchema } from './cap.ts';

// The Panj near Khorog, as in the scenario (lon, lat).
const PANJ: LonLat[] = [[71.56692, 37.92769], [71.51292, 37.48528], [71.43371, 37.0547]];
const area = (a: object) => capAreaSchema.parse({ areaDesc: 'test', ...a });

describe('does a warning area touch the border?', () => {
  it('a polygon across the river touches it; one inland does not', () => {
    expect(areaTouchesLine(area({ polygon: [[[37.55, 71.45], [37.55, 71.65], [37.4, 71.65], [37.4, 71.45], [37.55, 71.45]]] }), PANJ)).toBe(true);
    expect(areaTouchesLine(area({ polygon: [[[38.5, 68.7], [38.6, 68.7], [38.6, 68.9], [38.5, 68.9], [38.5, 68.7]]] }), PANJ)).toBe(false);
  });

  it('a polygon on one bank whose edge comes within a kilometre touches it; 5 km away does not', () => {
    // A box east of the line at lat 37.485, its west edge ~0.5 km from the river (Tajik bank).
    const near = area({ polygon: [[[37.49, 71.519], [37.49, 71.6], [37.48, 71.6], [37.48, 71.519], [37.49, 71.519]]] });
    const far = area({ polygon: [[[37.49, 71.57], [37.49, 71.6], [37.48, 71.6], [37.48, 71.57], [37.49, 71.57]]] });
    expect(areaTouchesLine(near, PANJ)).toBe(true);
    expect(areaTouchesLine(far, PANJ)).toBe(false);
  });

  it('a circle touches when the river is within its radius', () => {
    expect(areaTouchesLine(area({ circle: [{ center: [37.49, 71.6], radiusKm: 10 }] }), PANJ)).toBe(true);
    expect(areaTouchesLine(area({ circle: [{ center: [37.49, 71.7], radiusKm: 2 }] }), PANJ)).toBe(false);
  });

  it('sectionsTouched names the sections in order; pointInAreas finds villages inside', () => {
    const sections = [
      { id: 'a', line: PANJ.slice(0, 2) },
      { id: 'b', line: PANJ.slice(1) },
      { id: 'c', line: [[68, 37], [68.2, 37.1]] as LonLat[] },
    ];
    const flood = [area({ circle: [{ center: [37.485, 71.513], radiusKm: 3 }] })];
    expect(sectionsTouched(flood, sections)).toEqual(['a', 'b']);
    expect(pointInAreas([71.55, 37.49], flood)).toBe(false); // Khorog town, ~3.3 km
    expect(pointInAreas([71.55, 37.49], flood, 2)).toBe(true);
    expect(pointInAreas([71.52, 37.48], flood)).toBe(true);
  });
});
