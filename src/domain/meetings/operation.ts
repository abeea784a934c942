import { z } from 'zod';
import { pointInPolygon, type LonLat } from '../geo/geo.ts';
import type { EventBody } from '../events/event.ts';
import type { SeizureBody } from '../events/seizure.ts';
import { participantSchema } from './meeting.ts';

/**
 * Joint operations (docs/meetings.md): a plan drawn on the map, daily reports linking events and
 * seizures, and an after-action report whose figures are computed, never typed in.
 * Record kinds: `joint_operation`, `operation_report`.
 */

export const OPERATION_STATUSES = ['planned', 'active', 'completed', 'cancelled'] as const;
export const REPORT_KINDS = ['daily', 'after_action'] as const;

const text = (max: number) => z.string().trim().min(1).max(max);
const day = z.iso.date();

const position = z.tuple([z.number().finite(), z.number().finite()]);

/** GeoJSON Polygon as stored (checked by polygonProblem before it is written). */
export const polygonSchema = z.object({ type: z.literal('Polygon'), coordinates: z.array(z.array(position).min(4).max(2000)).min(1).max(10) }).strict();
export type AreaPolygon = z.output<typeof polygonSchema>;

/** Twice the signed area of a ring (shoelace), degrees²: zero when the ring encloses nothing. */
function ringArea2(ring: readonly (readonly number[])[]): number {
  let s = 0;
  for (let i = 0; i + 1 < ring.length; i++) s += ring[i]![0]! * ring[i + 1]![1]! - ring[i + 1]![0]! * ring[i]![1]!;
  return s;
}

function segmentsCross(a: readonly number[], b: readonly number[], c: readonly number[], d: readonly number[]): boolean {
  const o = (p: readonly number[], q: readonly number[], r: readonly number[]) => Math.sign((q[0]! - p[0]!) * (r[1]! - p[1]!) - (q[1]! - p[1]!) * (r[0]! - p[0]!));
  return o(a, b, c) * o(a, b, d) < 0 && o(c, d, a) * o(c, d, b) < 0;
}

/**
 * Why a value is not a usable area polygon, or null when it is: a GeoJSON Polygon whose rings
 * are closed, have at least 4 positions, lon/lat in range, enclose an area and do not cross
 * themselves (RFC 7946 §3.1.6).
 */
export function polygonProblem(value: unknown): string | null {
  const parsed = polygonSchema.safeParse(value);
  if (!parsed.success) return 'a GeoJSON Polygon: {"type":"Polygon","coordinates":[[[lon,lat],…]]} with rings of at least 4 positions';
  for (const ring of parsed.data.coordinates) {
    if (ring.some(([lon, lat]) => lon < -180 || lon > 180 || lat < -90 || lat > 90)) return 'positions are [longitude, latitude] within range';
    const first = ring[0]!;
    const last = ring[ring.length - 1]!;
    if (first[0] !== last[0] || first[1] !== last[1]) return 'each ring must be closed (the last position equals the first)';
    if (Math.abs(ringArea2(ring)) < 1e-12) return 'the ring encloses no area';
    for (let i = 0; i + 1 < ring.length; i++) {
      for (let j = i + 2; j + 1 < ring.length; j++) {
        if (i === 0 && j + 1 === ring.length - 1) continue;
        if (segmentsCross(ring[i]!, ring[i + 1]!, ring[j]!, ring[j + 1]!)) return 'the ring crosses itself';
      }
    }
  }
  return null;
}

export const jointOperationBodySchema = z
  .object({
    name: text(200),
    aim: text(4000),
    area: polygonSchema,
    startDate: day,
    endDate: day,
    status: z.enum(OPERATION_STATUSES),
    participants: z.array(participantSchema).min(1).max(40),
    communicationPlan: z.string().trim().max(4000),
  })
  .strict();
export type JointOperationBody = z.output<typeof jointOperationBodySchema>;

export const afterActionFiguresSchema = z
  .object({
    events: z.number().int(),
    eventsByCategory: z.record(z.string(), z.number().int()),
    seizures: z.number().int(),
    seizuresByKind: z.record(z.string(), z.object({ count: z.number().int(), kg: z.number() }).strict()),
    seizedKg: z.number(),
    illegalCrossingsPrevented: z.number().int(),
    personsDetained: z.number().int(),
  })
  .strict();
export type AfterActionFigures = z.output<typeof afterActionFiguresSchema>;

export const operationReportBodySchema = z
  .object({
    operationId: z.uuid(),
    kind: z.enum(REPORT_KINDS),
    /** The day reported on (daily), or the last day of the operation (after-action). */
    day,
    summary: z.string().trim().max(10_000),
    eventIds: z.array(z.uuid()).max(500),
    seizureIds: z.array(z.uuid()).max(500),
    /** After-action only: computed from the linked events and those in the area during the period. */
    figures: afterActionFiguresSchema.nullable(),
    lessons: z.string().trim().max(10_000).nullable(),
  })
  .strict();
export type OperationReportBody = z.output<typeof operationReportBodySchema>;

/** Is the event in the operation's area and period (whole days, UTC)? */
export function inOperation(op: Pick<JointOperationBody, 'area' | 'startDate' | 'endDate'>, e: Pick<EventBody, 'occurredAt' | 'location'>): boolean {
  const t = Date.parse(e.occurredAt);
  if (t < Date.parse(`${op.startDate}T00:00:00Z`) || t >= Date.parse(`${op.endDate}T00:00:00Z`) + 86_400_000) return false;
  return pointInPolygon([e.location.lon, e.location.lat], op.area.coordinates as LonLat[][]);
}

/** Persons detained: suspects and migrants involved in detentions and illegal crossings. */
const DETAINED_ROLES = new Set(['suspect', 'migrant']);

/**
 * The after-action figures, from the events (linked in daily reports or in the area and period)
 * and their seizures. Each event and seizure counts once.
 */
export function afterActionFigures(events: readonly { id: string; body: Pick<EventBody, 'category' | 'involved'> }[], seizures: readonly { id: string; body: Pick<SeizureBody, 'itemKind' | 'quantityKg'> }[]): AfterActionFigures {
  const uniqueEvents = [...new Map(events.map((e) => [e.id, e])).values()];
  const uniqueSeizures = [...new Map(seizures.map((s) => [s.id, s])).values()];
  const eventsByCategory: Record<string, number> = {};
  let illegalCrossingsPrevented = 0;
  let personsDetained = 0;
  for (const e of uniqueEvents) {
    eventsByCategory[e.body.category] = (eventsByCategory[e.body.category] ?? 0) + 1;
    if (e.body.category === 'illegal_crossing') illegalCrossingsPrevented += 1;
    if (e.body.category === 'illegal_crossing' || e.body.category === 'detention') {
      personsDetained += e.body.involved.persons.filter((p) => DETAINED_ROLES.has(p.role)).reduce((n, p) => n + p.count, 0);
    }
  }
  const seizuresByKind: Record<string, { count: number; kg: number }> = {};
  let seizedKg = 0;
  for (const s of uniqueSeizures) {
    const k = (seizuresByKind[s.body.itemKind] ??= { count: 0, kg: 0 });
    k.count += 1;
    k.kg = round3(k.kg + (s.body.quantityKg ?? 0));
    seizedKg = round3(seizedKg + (s.body.quantityKg ?? 0));
  }
  return { events: uniqueEvents.length, eventsByCategory, seizures: uniqueSeizures.length, seizuresByKind, seizedKg, illegalCrossingsPrevented, personsDetained };
}

const round3 = (n: number) => Math.round(n * 1000) / 1000;
