import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import {
  CLOSE_OUTCOMES,
  createEventSchema,
  DEFAULT_EVENT_MARKING,
  EVENT_CATEGORIES,
  EVENT_STATUSES,
  eventBodySchema,
  gradingSchema,
  holdsPersonalData,
  involvedSchema,
  narrativeSchema,
  nextStatus,
  PICTURE_STATUSES,
  RELIABILITIES,
  eventLocationSchema,
  type CreateEventInput,
  type EventBody,
  type EventTransition,
} from '../domain/events/event.ts';
import { reportingDelayByUnit } from '../domain/events/reporting-delay.ts';
import { snapToBorder } from '../domain/events/snapping.ts';
import { eventTarget } from '../domain/policy/events.policy.ts';
import { allows, authorize } from '../domain/policy/authorize.ts';
import { markingChange } from '../domain/policy/marking-change.ts';
import { can, type Action } from '../domain/policy/permissions.ts';
import type { Subject } from '../domain/policy/roles.ts';
import { canonicalJson, sha256Hex } from '../domain/records/content-hash.ts';
import { markingSchema, type Marking } from '../domain/records/marking.ts';
import { AppError, notFound, validation } from '../errors.ts';
import { appendAudit } from '../store/audit.repository.ts';
import { everPublished, findIdempotency, insertIdempotency, queryEvents, type EventQuery } from '../store/events.repository.ts';
import { findRecord, recordHistory, type SavedRecord } from '../store/records.repository.ts';
import type { Trx } from '../store/transaction.ts';
import { borderSnapshot } from './border-snapshot.ts';
import type { AppContext } from './context.ts';
import { writeRecords } from './records.service.ts';

export type SavedEvent = SavedRecord<'event'>;

/** Clocks at posts drift: a time up to this far ahead of the server is still "now". */
const CLOCK_SKEW_MS = 5 * 60_000;
/** Nothing before this is an event of this system (typos such as 0226 for 2026). */
const EARLIEST = Date.parse('2000-01-01T00:00:00Z');

const utc = (iso: string) => new Date(iso).toISOString();

export function checkTimes(times: Record<string, string | null | undefined>, now: number) {
  for (const [field, value] of Object.entries(times)) {
    if (value === null || value === undefined) continue;
    const t = Date.parse(value);
    if (t > now + CLOCK_SKEW_MS) throw new AppError('DATE_IN_FUTURE', `${field} ${value} is in the future`, [{ path: field, message: 'in the future' }]);
    if (t < EARLIEST) throw validation(`${field} ${value} is before 2000`, [{ path: field, message: 'before 2000-01-01' }]);
  }
}

function checkOrder(body: Pick<EventBody, 'occurredAt' | 'detectedAt' | 'reportedAt'>) {
  if (body.detectedAt && body.detectedAt < body.occurredAt) throw validation('detectedAt is before occurredAt', [{ path: 'detectedAt', message: 'before occurredAt' }]);
  if (body.reportedAt < body.occurredAt) throw validation('reportedAt is before occurredAt', [{ path: 'reportedAt', message: 'before occurredAt' }]);
}

/** Snaps to the nearest section within the limit and the nearest unit of the reporter's state. */
export async function snap(ctx: AppContext, location: { lat: number; lon: number }, stateCode: string) {
  const border = await borderSnapshot(ctx);
  const r = snapToBorder([location.lon, location.lat], border.sections, border.units, ctx.config.eventMaxBorderKm, stateCode);
  if (!r.ok) {
    const how = r.distanceKm === null ? 'no border sections are known on this node' : `it is ${r.distanceKm.toFixed(1)} km from the nearest border section`;
    throw new AppError('LOCATION_OUT_OF_AREA', `The point ${location.lat}, ${location.lon} is not on this border: ${how} (the limit is ${ctx.config.eventMaxBorderKm} km)`, {
      distanceKm: r.distanceKm === null ? null : Math.round(r.distanceKm * 10) / 10,
      maxKm: ctx.config.eventMaxBorderKm,
    });
  }
  return { sectionId: r.sectionId, unitId: r.unitId, borderDistanceKm: r.distanceKm };
}

async function checkUnit(ctx: AppContext, unitId: string | null | undefined) {
  if (!unitId) return;
  const border = await borderSnapshot(ctx);
  if (!border.unitIds.has(unitId)) throw validation(`reporting unit ${unitId} does not exist`, [{ path: 'reportingUnitId', message: 'unknown unit' }]);
}

export const idempotencyKeySchema = z
  .string()
  .min(8, 'an Idempotency-Key of at least 8 characters (a UUID)')
  .max(200)
  .regex(/^[\x21-\x7e]+$/, 'printable ASCII without spaces');

/** Where a follow-up points: the first report of the event (a follow-up of a follow-up points at the same first report). */
async function followUpRoot(ctx: AppContext, subject: Subject, id: string | null): Promise<string | null> {
  if (!id) return null;
  const parent = await findRecord(ctx.db.kysely, 'event', id);
  if (!parent || !allows(subject, 'events:read', eventTarget(ctx.node.id, parent))) {
    throw validation(`followUpOf: event ${id} not found`, [{ path: 'followUpOf', message: 'unknown event' }]);
  }
  return parent.body.followUpOf ?? parent.id;
}

export interface BuildOptions {
  source?: EventBody['source'];
  communityReportId?: string | null;
  sharedPrecisionKm?: number | null;
  now?: Date;
}

/** The stored body for a new report: times in UTC, snapped, validated. Throws clear errors. */
export async function buildEventBody(ctx: AppContext, subject: Subject, input: CreateEventInput, options: BuildOptions = {}): Promise<EventBody> {
  const now = options.now ?? new Date();
  checkTimes({ occurredAt: input.occurredAt, detectedAt: input.detectedAt, reportedAt: input.reportedAt }, now.getTime());
  const times = {
    occurredAt: utc(input.occurredAt),
    detectedAt: input.detectedAt ? utc(input.detectedAt) : null,
    reportedAt: input.reportedAt ? utc(input.reportedAt) : now.toISOString(),
  };
  checkOrder(times);
  await checkUnit(ctx, input.reportingUnitId);
  const snapped = await snap(ctx, input.location, subject.stateCode);
  return eventBodySchema.parse({
    category: input.category,
    severity: input.severity,
    status: input.submit ? 'submitted' : 'draft',
    ...times,
    location: input.location,
    ...snapped,
    reportingUnitId: input.reportingUnitId ?? subject.unitId,
    narrative: input.narrative,
    involved: input.involved,
    grading: input.grading,
    source: options.source ?? 'officer',
    communityReportId: options.communityReportId ?? null,
    sharedPrecisionKm: options.sharedPrecisionKm ?? null,
    followUpOf: await followUpRoot(ctx, subject, input.followUpOf),
    returnComment: null,
    validatedBy: null,
    firstPublishedAt: null,
    closure: null,
  });
}

/**
 * A new report. With an Idempotency-Key (per user) a retry of the same request answers the
 * event the first one created (replayed: true) and writes nothing; the same key with another
 * body is refused with IDEMPOTENCY_KEY_REUSED. The check and the write share one transaction.
 */
export async function createEvent(
  ctx: AppContext,
  subject: Subject,
  input: CreateEventInput,
  idempotencyKey?: string,
): Promise<{ event: SavedEvent; replayed: boolean }> {
  authorize(subject, 'events:report');
  const key = idempotencyKey === undefined ? undefined : idempotencyKeySchema.parse(idempotencyKey);
  const requestHash = sha256Hex(canonicalJson(input));
  if (key) {
    const earlier = await replay(ctx, subject, key, requestHash);
    if (earlier) return { event: earlier, replayed: true };
  }
  const body = await buildEventBody(ctx, subject, input);
  const id = randomUUID();
  let replayedId: string | null = null;
  const [result] = await writeRecords(ctx, { kind: 'user', subject }, async (trx) => {
    if (key) {
      const row = await findIdempotency(trx, subject.userId, key);
      if (row) {
        if (row.request_hash !== requestHash) throw keyReused();
        replayedId = row.event_id;
        return [];
      }
      await insertIdempotency(trx, { userId: subject.userId, key, requestHash, eventId: id, at: new Date().toISOString() });
    }
    if (body.status === 'submitted') await auditTransition(trx, subject, id, 'submit', 'draft', 'submitted', 1);
    return [{ type: 'event' as const, id, body, marking: input.marking ?? DEFAULT_EVENT_MARKING }];
  });
  if (replayedId) return { event: (await findRecord(ctx.db.kysely, 'event', replayedId))!, replayed: true };
  return { event: result!.record, replayed: false };
}

const keyReused = () => new AppError('IDEMPOTENCY_KEY_REUSED', 'This Idempotency-Key was already used for a different report: use a new key for a new report');

async function replay(ctx: AppContext, subject: Subject, key: string, requestHash: string): Promise<SavedEvent | null> {
  const row = await findIdempotency(ctx.db.kysely, subject.userId, key);
  if (!row) return null;
  if (row.request_hash !== requestHash) throw keyReused();
  return findRecord(ctx.db.kysely, 'event', row.event_id);
}

function auditTransition(trx: Trx, subject: Subject, id: string, transition: EventTransition | 'correct', from: string, to: string, version: number, detail: Record<string, unknown> = {}) {
  return appendAudit(trx, { actor: subject.userId, action: `event.${transition}`, entityType: 'event', entityId: id, detail: { from, to, version, ...detail } });
}

// --- reading --------------------------------------------------------------------------

/** Persons' names and documents, and plates, only for roles cleared for personal data (those that read alerts). */
export function mayReadPersonalData(subject: Subject): boolean {
  return can(subject, 'alerts:read');
}

export function withoutPersonalData(body: EventBody): EventBody {
  return {
    ...body,
    involved: {
      persons: body.involved.persons.map((p) => ({ ...p, names: [], documents: [] })),
      vehicles: body.involved.vehicles.map((v) => ({ ...v, plate: null })),
      goods: body.involved.goods,
    },
  };
}

function auditPersonalReads(ctx: AppContext, subject: Subject, events: SavedEvent[], id: string | null) {
  const personal = events.filter((e) => holdsPersonalData(e.body));
  if (personal.length === 0 || !mayReadPersonalData(subject)) return;
  ctx.reads.record({ actor: subject.userId, action: 'personal_data.read', entityType: 'event', entityId: id, detail: { count: personal.length } });
}

export async function readEvent(ctx: AppContext, subject: Subject, id: string): Promise<SavedEvent> {
  authorize(subject, 'events:read');
  const event = await findRecord(ctx.db.kysely, 'event', id);
  if (!event) throw notFound('event');
  authorize(subject, 'events:read', eventTarget(ctx.node.id, event));
  auditPersonalReads(ctx, subject, [event], id);
  return event;
}

const commaList = <T extends string>(values: readonly [T, ...T[]]) =>
  z
    .union([z.string(), z.array(z.string())])
    .transform((v) => (Array.isArray(v) ? v : [v]).flatMap((s) => s.split(',')).map((s) => s.trim()).filter(Boolean))
    .pipe(z.array(z.enum(values)).max(50));

const bboxSchema = z
  .string()
  .transform((s, c) => {
    const parts = s.split(',').map((p) => Number(p.trim()));
    if (parts.length !== 4 || parts.some((n) => !Number.isFinite(n))) {
      c.addIssue({ code: 'custom', message: 'bbox is minLon,minLat,maxLon,maxLat' });
      return z.NEVER;
    }
    const [minLon, minLat, maxLon, maxLat] = parts as [number, number, number, number];
    if (minLon < -180 || maxLon > 180 || minLat < -90 || maxLat > 90 || minLat > maxLat) {
      c.addIssue({ code: 'custom', message: 'bbox out of range (lon −180…180, lat −90…90, minLat ≤ maxLat)' });
      return z.NEVER;
    }
    return [minLon, minLat, maxLon, maxLat] as [number, number, number, number];
  });

export const MAX_PAGE = 10_000;
export const DEFAULT_PAGE = 1000;

export const eventsQuerySchema = z
  .object({
    bbox: bboxSchema.optional(),
    from: z.iso.datetime({ offset: true }).optional(),
    to: z.iso.datetime({ offset: true }).optional(),
    category: commaList(EVENT_CATEGORIES).optional(),
    section: z.uuid().optional(),
    /** Default: published and closed (the picture). `status=all` lists every status the reader may see. */
    status: z
      .union([z.string(), z.array(z.string())])
      .transform((v) => (Array.isArray(v) ? v : [v]).flatMap((s) => s.split(',')).map((s) => s.trim()).filter(Boolean))
      .pipe(z.array(z.enum([...EVENT_STATUSES, 'all'])).max(10))
      .optional(),
    reliability: commaList(RELIABILITIES).optional(),
    followUpOf: z.uuid().optional(),
    limit: z.coerce.number().int().min(1).max(MAX_PAGE).default(DEFAULT_PAGE),
    cursor: z.string().max(300).optional(),
  })
  .strict();
export type EventsQuery = z.output<typeof eventsQuerySchema>;

export function encodeCursor(e: { occurredAt: string; id: string }): string {
  return Buffer.from(`${e.occurredAt}|${e.id}`, 'utf8').toString('base64url');
}

function decodeCursor(cursor: string): { occurredAt: string; id: string } {
  const [occurredAt, id, ...rest] = Buffer.from(cursor, 'base64url').toString('utf8').split('|');
  if (rest.length > 0 || !occurredAt || !id || Number.isNaN(Date.parse(occurredAt)) || !z.uuid().safeParse(id).success) {
    throw validation('cursor is not one this server gave out', [{ path: 'cursor', message: 'invalid' }]);
  }
  return { occurredAt, id };
}

export interface EventPage {
  items: SavedEvent[];
  /** Cursor of the next page, null at the end. */
  next: string | null;
}

/**
 * Events the subject may see, newest first, keyset-paged. Visibility (marking, workflow) is
 * decided per event by the policy; rows the reader may not see are skipped, so a page may be
 * shorter than `limit` while `next` still points further (at most 5 × limit rows are read per page).
 */
export async function listEvents(ctx: AppContext, subject: Subject, q: EventsQuery): Promise<EventPage> {
  authorize(subject, 'events:read');
  const statuses = q.status && !q.status.includes('all') ? (q.status as EventBody['status'][]) : undefined;
  const pictureOnly = !q.status || (statuses !== undefined && statuses.every((s) => PICTURE_STATUSES.includes(s)) && statuses.length === PICTURE_STATUSES.length);
  const base: Omit<EventQuery, 'limit' | 'after'> = {
    bbox: q.bbox,
    from: q.from ? utc(q.from) : undefined,
    to: q.to ? utc(q.to) : undefined,
    categories: q.category,
    sectionId: q.section,
    statuses: pictureOnly ? undefined : statuses,
    pictureOnly,
    reliabilities: q.reliability,
    followUpOf: q.followUpOf,
  };
  let after = q.cursor ? decodeCursor(q.cursor) : undefined;
  const items: SavedEvent[] = [];
  let scanned = 0;
  let exhausted = false;
  while (items.length < q.limit && scanned < 5 * q.limit) {
    const want = q.limit - items.length;
    const batch = await queryEvents(ctx.db.kysely, { ...base, after, limit: want });
    scanned += batch.length;
    for (const e of batch) if (allows(subject, 'events:read', eventTarget(ctx.node.id, e))) items.push(e);
    if (batch.length < want) {
      exhausted = true;
      break;
    }
    const last = batch[batch.length - 1]!;
    after = { occurredAt: last.body.occurredAt, id: last.id };
  }
  auditPersonalReads(ctx, subject, items, null);
  return { items, next: exhausted || !after ? null : encodeCursor(after) };
}

export async function eventHistory(ctx: AppContext, subject: Subject, id: string) {
  const event = await readEvent(ctx, subject, id);
  const rows = await recordHistory(ctx.db.kysely, event.id);
  const personal = mayReadPersonalData(subject);
  return rows.map((r) => {
    const body = JSON.parse(r.body_json) as EventBody | null;
    return {
      version: r.version,
      changedBy: r.changed_by,
      changedAt: r.changed_at,
      status: body?.status ?? null,
      marking: JSON.parse(r.marking_json) as Marking,
      body: body && !personal ? withoutPersonalData(body) : body,
    };
  });
}

// --- workflow -------------------------------------------------------------------------

export const transitionBodySchema = z
  .object({
    version: z.number().int().min(1).optional(),
    /** Why it is returned (required for return), or a note on validation/closing. */
    comment: z.string().trim().min(1).max(2000).optional(),
    /** close only. */
    outcome: z.enum(CLOSE_OUTCOMES).optional(),
  })
  .strict();
export type TransitionInput = z.output<typeof transitionBodySchema>;

const TRANSITION_ACTION: Record<EventTransition, Action> = {
  submit: 'events:report',
  validate: 'events:validate',
  return: 'events:validate',
  publish: 'events:publish',
  close: 'events:close',
};

function requireVersion(expected: number | undefined): number {
  if (expected === undefined) throw new AppError('PRECONDITION_REQUIRED', 'Say which version you change: If-Match with the event\'s ETag, or "version" in the body');
  return expected;
}

/** One workflow step, audited as event.<transition>, with the version the caller read. */
export async function transitionEvent(
  ctx: AppContext,
  subject: Subject,
  id: string,
  transition: EventTransition,
  expectedVersion: number | undefined,
  input: TransitionInput,
): Promise<SavedEvent> {
  const action = TRANSITION_ACTION[transition];
  authorize(subject, action);
  if (transition === 'return' && !input.comment) throw validation('A returned report needs a comment saying what to fix', [{ path: 'comment', message: 'required' }]);
  if (transition === 'close' && !input.outcome) throw validation('Closing needs an outcome: resolved or did_not_happen', [{ path: 'outcome', message: 'required' }]);
  const [result] = await writeRecords(ctx, { kind: 'user', subject }, async (trx) => {
    const current = await findRecord(trx, 'event', id);
    if (!current) throw notFound('event');
    authorize(subject, action, eventTarget(ctx.node.id, current));
    const version = requireVersion(expectedVersion);
    const from = current.body.status;
    const to = nextStatus(from, transition);
    if (!to) throw new AppError('INVALID_TRANSITION', `A ${from} event cannot be ${transition === 'return' ? 'returned' : `${transition}${transition.endsWith('e') ? 'd' : 'ed'}`}`, { status: from, transition });
    const now = new Date().toISOString();
    const body: EventBody = { ...current.body, status: to };
    if (transition === 'submit') body.returnComment = null;
    if (transition === 'validate') body.validatedBy = subject.userId;
    if (transition === 'return') {
      body.returnComment = input.comment!;
      body.validatedBy = null;
    }
    if (transition === 'publish') body.firstPublishedAt ??= now;
    if (transition === 'close') body.closure = { outcome: input.outcome!, at: now, comment: input.comment ?? null };
    await auditTransition(trx, subject, id, transition, from, to, version + 1, input.comment ? { comment: input.comment } : {});
    return [{ type: 'event' as const, id, body: eventBodySchema.parse(body), marking: current.marking, expectedVersion: version }];
  });
  return result!.record;
}

// --- corrections ----------------------------------------------------------------------

export const correctEventSchema = z
  .object({
    category: z.enum(EVENT_CATEGORIES).optional(),
    severity: createEventSchema.shape.severity.optional(),
    occurredAt: z.iso.datetime({ offset: true }).optional(),
    detectedAt: z.iso.datetime({ offset: true }).nullable().optional(),
    location: eventLocationSchema.optional(),
    narrative: narrativeSchema.optional(),
    involved: involvedSchema.optional(),
    grading: gradingSchema.optional(),
    reportingUnitId: z.uuid().nullable().optional(),
    marking: markingSchema.optional(),
    /** What was corrected and why; kept in the audit log. */
    note: z.string().trim().min(1).max(2000).optional(),
    version: z.number().int().min(1).optional(),
  })
  .strict();
export type CorrectEventInput = z.output<typeof correctEventSchema>;

/**
 * A correction is a new version (the history keeps every earlier one). The author corrects their
 * draft or returned report; the owning agency's validators correct any report not yet closed,
 * including a published one. Lowering the marking needs a validator (events:publish).
 */
export async function correctEvent(ctx: AppContext, subject: Subject, id: string, expectedVersion: number | undefined, input: CorrectEventInput): Promise<SavedEvent> {
  authorize(subject, 'events:read');
  const now = Date.now();
  checkTimes({ occurredAt: input.occurredAt, detectedAt: input.detectedAt }, now);
  await checkUnit(ctx, input.reportingUnitId);
  const snapped = input.location ? await snap(ctx, input.location, subject.stateCode) : null;
  const [result] = await writeRecords(ctx, { kind: 'user', subject }, async (trx) => {
    const current = await findRecord(trx, 'event', id);
    if (!current) throw notFound('event');
    const target = eventTarget(ctx.node.id, current);
    authorize(subject, 'events:read', target);
    const s = current.body.status;
    const asAuthor = (s === 'draft' || s === 'returned') && allows(subject, 'events:report', target);
    if (!asAuthor) {
      authorize(subject, 'events:publish', target);
      if (s === 'closed') throw new AppError('INVALID_TRANSITION', 'A closed event cannot be corrected; report a follow-up instead', { status: s, transition: 'correct' });
    }
    const version = requireVersion(expectedVersion);
    const marking = input.marking ?? current.marking;
    if (markingChange(current.marking, marking) === 'lower') authorize(subject, 'events:publish', target);
    const { marking: _m, note, version: _v, location, ...fields } = input;
    const defined = Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined));
    const body: EventBody = { ...current.body, ...defined };
    if (input.occurredAt) body.occurredAt = utc(input.occurredAt);
    if (input.detectedAt) body.detectedAt = utc(input.detectedAt);
    if (location && snapped) Object.assign(body, { location, ...snapped });
    checkOrder(body);
    await auditTransition(trx, subject, id, 'correct', s, s, version + 1, { note: note ?? null, fields: Object.keys(input).filter((k) => k !== 'version' && k !== 'note') });
    return [{ type: 'event' as const, id, body: eventBodySchema.parse(body), marking, expectedVersion: version }];
  });
  return result!.record;
}

// --- EUROSUR reporting delay ------------------------------------------------------------

export const reportingDelayQuerySchema = z
  .object({
    from: z.iso.datetime({ offset: true }).optional(),
    to: z.iso.datetime({ offset: true }).optional(),
  })
  .strict();

/**
 * Time from detection to the first shared (published) report, per reporting unit, over the
 * events the subject may see that occurred in [from, to) — by default the last 90 days.
 */
export async function reportingDelay(ctx: AppContext, subject: Subject, q: z.output<typeof reportingDelayQuerySchema>) {
  authorize(subject, 'events:read');
  const to = q.to ? utc(q.to) : new Date(Date.now() + CLOCK_SKEW_MS).toISOString();
  const from = q.from ? utc(q.from) : new Date(Date.parse(to) - 90 * 86_400_000).toISOString();
  if (from >= to) throw validation('from must be before to', [{ path: 'from', message: 'not before to' }]);
  const events = (await everPublished(ctx.db.kysely, from, to)).filter((e) => allows(subject, 'events:read', eventTarget(ctx.node.id, e)));
  const stats = reportingDelayByUnit(
    events.map((e) => ({ eventId: e.id, unitId: e.body.reportingUnitId ?? e.owner.unitId, detectedAt: e.body.detectedAt ?? e.body.occurredAt, firstPublishedAt: e.body.firstPublishedAt! })),
  );
  return { from, to, ...stats };
}
