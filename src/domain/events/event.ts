import { z } from 'zod';
import { markingSchema, type Marking } from '../records/marking.ts';
import { EVENT_CATEGORIES, EVENT_SEVERITIES, EVENT_STATUSES, PICTURE_STATUSES, RELIABILITIES, type EventStatus, type EventTransition } from './vocabulary.ts';

/**
 * Incidents reported along the border (EUROSUR events layer, Frontex JORA incidents).
 * The record kind is `event`, stored in the `events` table; this file is the shared contract
 * (docs/events.md) that the web app and the risk model build on.
 */

export {
  EVENT_CATEGORIES,
  EVENT_SEVERITIES,
  EVENT_STATUSES,
  EVENT_TRANSITIONS,
  HAZARD_CATEGORIES,
  PICTURE_STATUSES,
  RELIABILITIES,
  type EventCategory,
  type EventSeverity,
  type EventStatus,
  type EventTransition,
  type Reliability,
} from './vocabulary.ts';

export const gradingSchema = z
  .object({
    reliability: z.enum(RELIABILITIES),
    /** Information credibility: 1 confirmed … 5 improbable, 6 cannot be judged. */
    credibility: z.number().int().min(1).max(6),
  })
  .strict();
export type Grading = z.output<typeof gradingSchema>;

export const NARRATIVE_LANGUAGES = ['en', 'ru', 'tg', 'fa', 'ps'] as const;
/** How the event was closed (EUROSUR): handled, or it turned out not to have happened. */
export const CLOSE_OUTCOMES = ['resolved', 'did_not_happen'] as const;
export const EVENT_SOURCES = ['officer', 'community'] as const;

/** WGS 84 point; lat/lon named (not an array) so nobody swaps them. */
export const eventLocationSchema = z
  .object({
    lat: z.number().finite().min(-90).max(90),
    lon: z.number().finite().min(-180).max(180),
  })
  .strict();
export type EventLocation = z.output<typeof eventLocationSchema>;

const isoInstant = z.iso.datetime({ offset: true });
const shortText = (max: number) => z.string().trim().min(1).max(max);
const uuid = z.uuid();

export const PERSON_ROLES = ['suspect', 'migrant', 'victim', 'witness', 'officer', 'other'] as const;
export const VEHICLE_KINDS = ['car', 'truck', 'motorcycle', 'boat', 'animal', 'on_foot', 'other'] as const;

/**
 * Who and what was involved. Counts are always allowed; names and document numbers of persons
 * are personal data (holdsPersonalData) and travel only under agreements that allow it.
 */
export const involvedSchema = z
  .object({
    persons: z
      .array(
        z
          .object({
            role: z.enum(PERSON_ROLES),
            count: z.number().int().min(1).max(10_000),
            nationality: z.string().regex(/^[A-Z]{2}$/, 'ISO 3166-1 alpha-2').nullable().default(null),
            names: z.array(shortText(300)).max(50).default([]),
            documents: z.array(shortText(40)).max(50).default([]),
          })
          .strict(),
      )
      .max(50)
      .default([]),
    vehicles: z
      .array(
        z
          .object({
            kind: z.enum(VEHICLE_KINDS),
            count: z.number().int().min(1).max(10_000),
            plate: shortText(20).nullable().default(null),
            description: shortText(300).nullable().default(null),
          })
          .strict(),
      )
      .max(50)
      .default([]),
    goods: z
      .array(
        z
          .object({
            description: shortText(300),
            quantity: z.number().finite().positive().max(1e9).nullable().default(null),
            unit: shortText(20).nullable().default(null),
          })
          .strict(),
      )
      .max(50)
      .default([]),
  })
  .strict();
export type Involved = z.output<typeof involvedSchema>;

/**
 * The narrative is kept exactly as written (any of the five languages, any script) and is only
 * ever returned as JSON text: clients render it as text, never as HTML.
 */
export const narrativeSchema = z
  .object({
    text: z.string().trim().min(1).max(10_000),
    lang: z.enum(NARRATIVE_LANGUAGES),
  })
  .strict();

export const eventBodySchema = z
  .object({
    category: z.enum(EVENT_CATEGORIES),
    severity: z.enum(EVENT_SEVERITIES),
    status: z.enum(EVENT_STATUSES),
    /** When it happened (also when it was detected, unless detectedAt says otherwise). */
    occurredAt: isoInstant,
    detectedAt: isoInstant.nullable(),
    /** When it was first reported (written at the post; the server's clock if not given). */
    reportedAt: isoInstant,
    location: eventLocationSchema,
    /** Snapped on the server: the nearest border section within the limit, and the nearest unit. */
    sectionId: uuid.nullable(),
    unitId: uuid.nullable(),
    /** Distance from the point to the border line when snapped, km. */
    borderDistanceKm: z.number().min(0).nullable(),
    /** The unit that reports (the author's unit unless stated). */
    reportingUnitId: uuid.nullable(),
    narrative: narrativeSchema,
    involved: involvedSchema,
    grading: gradingSchema,
    source: z.enum(EVENT_SOURCES),
    /** The community report this event was made from, if any (its reporter is never shown). */
    communityReportId: uuid.nullable(),
    /** Made from a community report: the location is blurred to this grid (km) when shared with peers. */
    sharedPrecisionKm: z.number().min(0).max(50).nullable().default(null),
    /** A follow-up report points at the first report of the event. */
    followUpOf: uuid.nullable(),
    /** Validator's comment when returned; cleared on re-submission. */
    returnComment: z.string().trim().min(1).max(2000).nullable(),
    validatedBy: z.string().nullable(),
    /** First time it was published (shared): the EUROSUR reporting delay is from detection to here. */
    firstPublishedAt: isoInstant.nullable(),
    closure: z
      .object({ outcome: z.enum(CLOSE_OUTCOMES), at: isoInstant, comment: z.string().trim().max(2000).nullable() })
      .strict()
      .nullable(),
  })
  .strict();
export type EventBody = z.output<typeof eventBodySchema>;

/** Detection time: detectedAt when given, otherwise occurredAt. */
export function detectionTime(body: Pick<EventBody, 'occurredAt' | 'detectedAt'>): string {
  return body.detectedAt ?? body.occurredAt;
}

/** EUROSUR: an event should be shared within 24 hours of its detection. */
export const EUROSUR_LIMIT_HOURS = 24;

/** Hours from detection to first publication, or null when never published. */
export function reportingDelayHours(body: EventBody): number | null {
  if (!body.firstPublishedAt) return null;
  return (Date.parse(body.firstPublishedAt) - Date.parse(detectionTime(body))) / 3_600_000;
}

/** Names or documents of persons make the event personal data (federation sharing policy). */
export function holdsPersonalData(body: EventBody): boolean {
  return body.involved.persons.some((p) => p.names.length > 0 || p.documents.length > 0) || body.involved.vehicles.some((v) => v.plate !== null);
}

/** Rounds a point to a grid of about `km` kilometres (the cell's centre). */
export function blurLocation(loc: EventLocation, km: number): EventLocation {
  if (km <= 0) return loc;
  const latStep = km / 111.32;
  const lat = Math.round(loc.lat / latStep) * latStep;
  const lonStep = km / (111.32 * Math.max(0.01, Math.cos((lat * Math.PI) / 180)));
  const round6 = (n: number) => Math.round(n * 1e6) / 1e6;
  return { lat: round6(Math.min(90, Math.max(-90, lat))), lon: round6(Math.min(180, Math.max(-180, Math.round(loc.lon / lonStep) * lonStep))) };
}

/**
 * What may leave this node (federation): only events in the picture; one made from a community
 * report goes with its location blurred to sharedPrecisionKm and without the report's id, so
 * the other side can never find the reporter.
 */
export function eventForSharing(body: EventBody): EventBody | null {
  if (!inPicture(body.status)) return null;
  return communityReporterHidden(body);
}

/** A community-sourced event as the other side sees it: blurred, no link to the report. */
export function communityReporterHidden(body: EventBody): EventBody {
  if (body.source !== 'community') return body;
  return { ...body, location: blurLocation(body.location, body.sharedPrecisionKm ?? 5), communityReportId: null, borderDistanceKm: null };
}

export function inPicture(status: EventStatus): boolean {
  return PICTURE_STATUSES.includes(status);
}

// --- workflow ---------------------------------------------------------------------------


/** From which statuses each transition may be taken, and where it leads. */
export const TRANSITION_RULES: Record<EventTransition, { from: readonly EventStatus[]; to: EventStatus }> = {
  submit: { from: ['draft', 'returned'], to: 'submitted' },
  validate: { from: ['submitted'], to: 'validated' },
  return: { from: ['submitted', 'validated'], to: 'returned' },
  publish: { from: ['validated'], to: 'published' },
  close: { from: ['published'], to: 'closed' },
};

/** The status after `transition`, or null when it cannot be taken from `status`. */
export function nextStatus(status: EventStatus, transition: EventTransition): EventStatus | null {
  const rule = TRANSITION_RULES[transition];
  return rule.from.includes(status) ? rule.to : null;
}

/** Events default to TLP:AMBER — the owner's state; release them (e.g. to AF, or GREEN) to share further. */
export const DEFAULT_EVENT_MARKING: Marking = { tlp: 'AMBER', releasableTo: { states: [], agencies: [], units: [] }, hops: 1 };

// --- creation input (POST /api/events) --------------------------------------------------

/** What a reporter sends: the server adds status, snapping, reportedAt default and workflow fields. */
export const createEventSchema = z
  .object({
    category: z.enum(EVENT_CATEGORIES),
    severity: z.enum(EVENT_SEVERITIES),
    occurredAt: isoInstant,
    detectedAt: isoInstant.nullable().default(null),
    reportedAt: isoInstant.optional(),
    location: eventLocationSchema,
    narrative: narrativeSchema,
    involved: involvedSchema.default({ persons: [], vehicles: [], goods: [] }),
    grading: gradingSchema,
    reportingUnitId: uuid.nullable().optional(),
    followUpOf: uuid.nullable().default(null),
    /** TLP + releasability; AMBER (the owner's state) unless said. */
    marking: markingSchema.optional(),
    /** Submit at once instead of keeping a draft (a report from a post usually is). */
    submit: z.boolean().default(false),
  })
  .strict();
export type CreateEventInput = z.output<typeof createEventSchema>;

/** CSV (RFC 4180) of events for spreadsheets; cells starting with = + - @ get a leading ' (formula injection). */
export const EVENT_CSV_COLUMNS = ['id', 'occurredAt', 'reportedAt', 'category', 'severity', 'status', 'lat', 'lon', 'sectionId', 'unitId', 'reportingUnitId', 'reliability', 'credibility', 'tlp', 'source', 'followUpOf', 'firstPublishedAt', 'narrativeLang', 'narrative'] as const;

export function eventsCsv(rows: readonly { id: string; tlp: string; body: EventBody }[]): string {
  const cell = (v: unknown) => {
    let s = v === null || v === undefined ? '' : String(v);
    if (typeof v === 'string' && /^[=+\-@\t\r]/.test(s)) s = `'${s}`;
    return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  const lines = rows.map(({ id, tlp, body: b }) =>
    [id, b.occurredAt, b.reportedAt, b.category, b.severity, b.status, b.location.lat, b.location.lon, b.sectionId, b.unitId, b.reportingUnitId, b.grading.reliability, b.grading.credibility, tlp, b.source, b.followUpOf, b.firstPublishedAt, b.narrative.lang, b.narrative.text].map(cell).join(','),
  );
  return [EVENT_CSV_COLUMNS.join(','), ...lines].join('\r\n') + '\r\n';
}
