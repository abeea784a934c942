/**
 * The query parameters of OGC API – Features Part 1 (OGC 17-069r4, §7.15): `bbox`, `datetime`
 * and `limit`, parsed strictly so that a bad value is a 400 with a stable code, never a silently
 * empty or unfiltered answer. Coordinates are CRS84 (longitude, latitude).
 */

export type Bbox = [minLon: number, minLat: number, maxLon: number, maxLat: number];

/** `[start, end]` in epoch ms, both inclusive; null = open ("..") on that side. */
export type Interval = [start: number | null, end: number | null];

export type ParamError = { code: 'INVALID_BBOX' | 'INVALID_DATETIME' | 'INVALID_LIMIT'; message: string };
export type Parsed<T> = { ok: true; value: T } | { ok: false; error: ParamError };

const fail = (code: ParamError['code'], message: string): { ok: false; error: ParamError } => ({ ok: false, error: { code, message } });

/** `minLon,minLat,maxLon,maxLat` (or the 6-number 3D form, heights ignored). */
export function parseBbox(raw: string): Parsed<Bbox> {
  const parts = raw.split(',').map((p) => p.trim());
  if ((parts.length !== 4 && parts.length !== 6) || parts.some((p) => p === '' || !Number.isFinite(Number(p)))) {
    return fail('INVALID_BBOX', 'bbox is minLon,minLat,maxLon,maxLat (4 or 6 numbers)');
  }
  const n = parts.map(Number);
  const [minLon, minLat, maxLon, maxLat] = parts.length === 4 ? n : [n[0]!, n[1]!, n[3]!, n[4]!];
  if (minLon! < -180 || maxLon! > 180 || minLat! < -90 || maxLat! > 90) return fail('INVALID_BBOX', 'bbox out of range (longitude −180…180, latitude −90…90)');
  if (minLat! > maxLat!) return fail('INVALID_BBOX', 'bbox has its southern edge north of its northern edge');
  // A box across the antimeridian (minLon > maxLon) is allowed by the standard but nothing of ours lies there.
  if (minLon! > maxLon!) return fail('INVALID_BBOX', 'bbox across the antimeridian is not supported');
  return { ok: true, value: [minLon!, minLat!, maxLon!, maxLat!] };
}

/** RFC 3339 date-time with a time zone, as the standard requires. */
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/i;

function instant(s: string): number | null | undefined {
  if (s === '..' || s === '') return null;
  if (!DATE_TIME.test(s)) return undefined;
  const t = Date.parse(s);
  return Number.isNaN(t) ? undefined : t;
}

/** An instant (`2026-01-02T03:04:05Z`) or an interval (`a/b`, `../b`, `a/..`, open ends may be empty). */
export function parseDatetime(raw: string): Parsed<Interval> {
  const parts = raw.split('/');
  if (parts.length === 1) {
    const t = instant(parts[0]!);
    if (t === undefined || t === null) return fail('INVALID_DATETIME', 'datetime is an RFC 3339 date-time (with Z or an offset) or an interval start/end with ".." for an open end');
    return { ok: true, value: [t, t] };
  }
  if (parts.length !== 2) return fail('INVALID_DATETIME', 'an interval has one "/"');
  const [a, b] = [instant(parts[0]!), instant(parts[1]!)];
  if (a === undefined || b === undefined) return fail('INVALID_DATETIME', 'each end of the interval is an RFC 3339 date-time or ".."');
  if (a === null && b === null) return fail('INVALID_DATETIME', 'an interval needs at least one end');
  if (a !== null && b !== null && a > b) return fail('INVALID_DATETIME', 'the interval ends before it starts');
  return { ok: true, value: [a, b] };
}

export const DEFAULT_LIMIT = 100;
export const MAX_LIMIT = 10_000;

/** A whole number 1…10,000 (a larger limit is refused rather than cut, so a client knows). */
export function parseLimit(raw: string | undefined): Parsed<number> {
  if (raw === undefined) return { ok: true, value: DEFAULT_LIMIT };
  if (!/^\d{1,6}$/.test(raw.trim())) return fail('INVALID_LIMIT', `limit is a whole number from 1 to ${MAX_LIMIT}`);
  const n = Number(raw);
  if (n < 1 || n > MAX_LIMIT) return fail('INVALID_LIMIT', `limit is a whole number from 1 to ${MAX_LIMIT}`);
  return { ok: true, value: n };
}

/** The bounding box of a GeoJSON geometry's coordinates (any nesting). */
export function geometryBbox(coordinates: unknown): Bbox | null {
  let box: Bbox | null = null;
  const walk = (c: unknown) => {
    if (Array.isArray(c) && c.length >= 2 && typeof c[0] === 'number' && typeof c[1] === 'number') {
      const [x, y] = c as [number, number];
      box = box ? [Math.min(box[0], x), Math.min(box[1], y), Math.max(box[2], x), Math.max(box[3], y)] : [x, y, x, y];
    } else if (Array.isArray(c)) for (const x of c) walk(x);
  };
  walk(coordinates);
  return box;
}

export function bboxesIntersect(a: Bbox, b: Bbox): boolean {
  return a[0] <= b[2] && b[0] <= a[2] && a[1] <= b[3] && b[1] <= a[3];
}
