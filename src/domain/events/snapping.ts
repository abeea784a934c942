import { haversineKm, nearestPointOnLine, type LonLat } from '../geo/geo.ts';

export interface BorderSection {
  id: string;
  line: readonly LonLat[];
  /** [minLon, minLat, maxLon, maxLat] of the line, for a cheap lower bound. */
  bbox: [number, number, number, number];
}

export interface BorderUnit {
  id: string;
  stateCode: string;
  location: LonLat;
}

export type SnapResult =
  | { ok: true; sectionId: string; distanceKm: number; unitId: string | null }
  | { ok: false; distanceKm: number | null };

export function sectionOf(id: string, line: readonly LonLat[]): BorderSection {
  let minLon = Infinity;
  let minLat = Infinity;
  let maxLon = -Infinity;
  let maxLat = -Infinity;
  for (const [lon, lat] of line) {
    minLon = Math.min(minLon, lon);
    maxLon = Math.max(maxLon, lon);
    minLat = Math.min(minLat, lat);
    maxLat = Math.max(maxLat, lat);
  }
  return { id, line, bbox: [minLon, minLat, maxLon, maxLat] };
}

/** Km from p to the nearest point of a bbox (0 inside): never more than the distance to the line in it. */
function bboxLowerBoundKm(p: LonLat, [minLon, minLat, maxLon, maxLat]: BorderSection['bbox']): number {
  const lon = Math.min(Math.max(p[0], minLon), maxLon);
  const lat = Math.min(Math.max(p[1], minLat), maxLat);
  // Equirectangular distances underestimate haversine slightly at these latitudes; take 0.99.
  return haversineKm(p, [lon, lat]) * 0.99;
}

/**
 * Snaps a point to the nearest border section within `maxKm`, and to the nearest unit (preferring
 * units of `preferState` — the reporter's side — when it has any). Out of range → ok false with
 * the distance to the nearest section, so the error can say how far it is.
 */
export function snapToBorder(p: LonLat, sections: readonly BorderSection[], units: readonly BorderUnit[], maxKm: number, preferState?: string): SnapResult {
  let best: { id: string; d: number } | null = null;
  const ordered = sections.map((s) => ({ s, lb: bboxLowerBoundKm(p, s.bbox) })).sort((a, b) => a.lb - b.lb);
  for (const { s, lb } of ordered) {
    if (best && lb >= best.d) break;
    const d = nearestPointOnLine(p, s.line).distanceKm;
    if (!best || d < best.d) best = { id: s.id, d };
  }
  if (!best) return { ok: false, distanceKm: null };
  if (best.d > maxKm) return { ok: false, distanceKm: best.d };
  const own = preferState ? units.filter((u) => u.stateCode === preferState) : [];
  const candidates = own.length > 0 ? own : units;
  let unit: { id: string; d: number } | null = null;
  for (const u of candidates) {
    const d = haversineKm(p, u.location);
    if (!unit || d < unit.d) unit = { id: u.id, d };
  }
  return { ok: true, sectionId: best.id, distanceKm: Math.round(best.d * 1000) / 1000, unitId: unit?.id ?? null };
}
