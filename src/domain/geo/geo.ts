/**
 * Small, pure geometry helpers on WGS 84 longitude/latitude positions (RFC 7946 order: [lon, lat]).
 * Distances use a spherical Earth (mean radius 6371.0088 km); good to ~0.5 % which is plenty for
 * border sections, posts and villages.
 */

/** A position as [longitude, latitude] in decimal degrees (RFC 7946 order). */
export type LonLat = [number, number];

/** Mean Earth radius in kilometres (IUGG). */
export const EARTH_RADIUS_KM = 6371.0088;

const toRad = (deg: number): number => (deg * Math.PI) / 180;

/** Great-circle distance in km between two [lon, lat] positions. */
export function haversineKm(a: LonLat, b: LonLat): number {
  const dLat = toRad(b[1] - a[1]);
  const dLon = toRad(b[0] - a[0]);
  const h =
    Math.sin(dLat / 2) ** 2 + Math.cos(toRad(a[1])) * Math.cos(toRad(b[1])) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(h)));
}

/** Length in km of a polyline (sum of haversine distances between consecutive positions). */
export function lineLengthKm(line: readonly LonLat[]): number {
  let total = 0;
  for (let i = 1; i < line.length; i++) total += haversineKm(line[i - 1]!, line[i]!);
  return total;
}

/** True when the position is a finite lon in [-180, 180] and lat in [-90, 90]. */
export function isValidLonLat(p: unknown): p is LonLat {
  return (
    Array.isArray(p) &&
    p.length === 2 &&
    typeof p[0] === 'number' &&
    typeof p[1] === 'number' &&
    Number.isFinite(p[0]) &&
    Number.isFinite(p[1]) &&
    p[0] >= -180 &&
    p[0] <= 180 &&
    p[1] >= -90 &&
    p[1] <= 90
  );
}

export interface NearestOnLine {
  /** distance in km from the point to the line */
  distanceKm: number;
  /** closest position on the line */
  point: LonLat;
  /** index of the segment (line[i] → line[i+1]) holding the closest position */
  segmentIndex: number;
}

/**
 * Closest position on segment a→b to p, using a local equirectangular projection centred on p
 * (accurate for the short segments and distances of a border line), then measured by haversine.
 */
function nearestOnSegment(p: LonLat, a: LonLat, b: LonLat): { point: LonLat; distanceKm: number } {
  const kx = Math.cos(toRad(p[1]));
  const ax = (a[0] - p[0]) * kx;
  const ay = a[1] - p[1];
  const bx = (b[0] - p[0]) * kx;
  const by = b[1] - p[1];
  const dx = bx - ax;
  const dy = by - ay;
  const len2 = dx * dx + dy * dy;
  let t = len2 === 0 ? 0 : -(ax * dx + ay * dy) / len2;
  t = Math.max(0, Math.min(1, t));
  const point: LonLat = [a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t];
  return { point, distanceKm: haversineKm(p, point) };
}

/** Distance in km from a point to the segment a→b. */
export function pointToSegmentDistanceKm(p: LonLat, a: LonLat, b: LonLat): number {
  return nearestOnSegment(p, a, b).distanceKm;
}

/** Closest position of a polyline to p. Throws on an empty line. */
export function nearestPointOnLine(p: LonLat, line: readonly LonLat[]): NearestOnLine {
  if (line.length === 0) throw new Error('nearestPointOnLine: empty line');
  if (line.length === 1) return { distanceKm: haversineKm(p, line[0]!), point: line[0]!, segmentIndex: 0 };
  let best: NearestOnLine = { distanceKm: Infinity, point: line[0]!, segmentIndex: 0 };
  for (let i = 0; i < line.length - 1; i++) {
    const r = nearestOnSegment(p, line[i]!, line[i + 1]!);
    if (r.distanceKm < best.distanceKm) best = { distanceKm: r.distanceKm, point: r.point, segmentIndex: i };
  }
  return best;
}

/** Distance in km from a point to a polyline. */
export function pointToLineDistanceKm(p: LonLat, line: readonly LonLat[]): number {
  return nearestPointOnLine(p, line).distanceKm;
}

/**
 * Douglas–Peucker simplification in plain degrees (planar), keeping both end points.
 * `toleranceDeg` is the maximum perpendicular deviation, e.g. 0.002° (≈ 200 m).
 */
export function simplifyDouglasPeucker(line: readonly LonLat[], toleranceDeg: number): LonLat[] {
  if (line.length <= 2) return line.map((p) => [p[0], p[1]] as LonLat);
  const keep = new Array<boolean>(line.length).fill(false);
  keep[0] = true;
  keep[line.length - 1] = true;
  const stack: [number, number][] = [[0, line.length - 1]];
  while (stack.length > 0) {
    const [first, last] = stack.pop()!;
    const a = line[first]!;
    const b = line[last]!;
    let maxD = -1;
    let idx = -1;
    for (let i = first + 1; i < last; i++) {
      const d = planarSegmentDistance(line[i]!, a, b);
      if (d > maxD) {
        maxD = d;
        idx = i;
      }
    }
    if (idx !== -1 && maxD > toleranceDeg) {
      keep[idx] = true;
      stack.push([first, idx], [idx, last]);
    }
  }
  return line.filter((_, i) => keep[i]).map((p) => [p[0], p[1]] as LonLat);
}

function planarSegmentDistance(p: LonLat, a: LonLat, b: LonLat): number {
  const dx = b[0] - a[0];
  const dy = b[1] - a[1];
  const len2 = dx * dx + dy * dy;
  let t = len2 === 0 ? 0 : ((p[0] - a[0]) * dx + (p[1] - a[1]) * dy) / len2;
  t = Math.max(0, Math.min(1, t));
  return Math.hypot(p[0] - (a[0] + t * dx), p[1] - (a[1] + t * dy));
}

/** Ray-casting point-in-ring test (planar, in degrees); the ring may be open or closed. */
export function pointInRing(p: LonLat, ring: readonly LonLat[]): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i]!;
    const [xj, yj] = ring[j]!;
    if (yi > p[1] !== yj > p[1] && p[0] < ((xj - xi) * (p[1] - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

/** Point-in-polygon for GeoJSON-style polygon rings (first ring outer, the rest holes). */
export function pointInPolygon(p: LonLat, rings: readonly (readonly LonLat[])[]): boolean {
  if (rings.length === 0 || !pointInRing(p, rings[0]!)) return false;
  for (let i = 1; i < rings.length; i++) if (pointInRing(p, rings[i]!)) return false;
  return true;
}

/** Rounds a position to `decimals` decimal places (5 ≈ 1 m). */
export function roundLonLat(p: LonLat, decimals = 5): LonLat {
  const f = 10 ** decimals;
  return [Math.round(p[0] * f) / f, Math.round(p[1] * f) / f];
}
