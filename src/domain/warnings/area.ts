import { haversineKm, pointInRing, pointToLineDistanceKm, type LonLat } from '../geo/geo.ts';
import type { CapArea, CapPoint } from './cap.ts';

/** How close (km) an area's edge must come to the border line to count as touching it. */
export const BORDER_TOUCH_KM = 1;

export interface BorderSection {
  id: string;
  line: readonly LonLat[];
}

const lonLat = (p: CapPoint): LonLat => [p[1], p[0]];

/** Do segments a→b and c→d cross (planar, in degrees)? */
function segmentsCross(a: LonLat, b: LonLat, c: LonLat, d: LonLat): boolean {
  const orient = (p: LonLat, q: LonLat, r: LonLat) => Math.sign((q[0] - p[0]) * (r[1] - p[1]) - (q[1] - p[1]) * (r[0] - p[0]));
  const o1 = orient(a, b, c);
  const o2 = orient(a, b, d);
  const o3 = orient(c, d, a);
  const o4 = orient(c, d, b);
  return o1 !== o2 && o3 !== o4;
}

function polygonTouches(ring: readonly LonLat[], line: readonly LonLat[], toleranceKm: number): boolean {
  // The border runs inside the polygon, crosses its edge, or passes within the tolerance.
  if (line.some((p) => pointInRing(p, ring))) return true;
  for (let i = 0; i < ring.length - 1; i++) {
    for (let j = 0; j < line.length - 1; j++) if (segmentsCross(ring[i]!, ring[i + 1]!, line[j]!, line[j + 1]!)) return true;
  }
  return ring.some((p) => pointToLineDistanceKm(p, line) <= toleranceKm);
}

/** Does one CAP area (its polygons and circles) touch this border line? */
export function areaTouchesLine(area: CapArea, line: readonly LonLat[], toleranceKm = BORDER_TOUCH_KM): boolean {
  if (line.length === 0) return false;
  if (area.polygon.some((poly) => polygonTouches(poly.map(lonLat), line, toleranceKm))) return true;
  return area.circle.some((c) => pointToLineDistanceKm(lonLat(c.center), line) <= c.radiusKm + toleranceKm);
}

/** The border sections any of the areas touches, in the order given. */
export function sectionsTouched(areas: readonly CapArea[], sections: readonly BorderSection[], toleranceKm = BORDER_TOUCH_KM): string[] {
  return sections.filter((s) => areas.some((a) => areaTouchesLine(a, s.line, toleranceKm))).map((s) => s.id);
}

/** Is a point inside (or within the tolerance of) any of the areas? For posts and villages in a warning's area. */
export function pointInAreas(p: LonLat, areas: readonly CapArea[], toleranceKm = 0): boolean {
  return areas.some(
    (a) =>
      a.polygon.some((poly) => {
        const ring = poly.map(lonLat);
        return pointInRing(p, ring) || (toleranceKm > 0 && ring.some((q) => haversineKm(p, q) <= toleranceKm));
      }) || a.circle.some((c) => haversineKm(p, lonLat(c.center)) <= c.radiusKm + toleranceKm),
  );
}
