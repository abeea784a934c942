/**
 * Reporting events (issue #10): building a report's body (times, snapping to the border, the
 * reporting unit, follow-ups), creating it idempotently, and reading one event with the personal
 * data only cleared roles see. Listing is in events-query.service.ts, the workflow and
 * corrections in events-workflow.service.ts.
 */
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { DEFAULT_EVENT_MARKING, eventBodySchema, holdsPersonalData, type CreateEventInput, type EventBody, type EventTransition } from '../domain/events/event.ts';
import { snapToBorder } from '../domain/events/snapping.ts';
import { eventTarget } from '../domain/policy/events.policy.ts';
import { allows, authorize } from '../domain/policy/authorize.ts';
import { can } from '../domain/policy/permissions.ts';
import type { Subject } from '../domain/policy/roles.ts';
import { canonicalJson, sha256Hex } from '../domain/records/content-hash.ts';
import { AppError, notFound, validation } from '../errors.ts';
import { appendAudit } from '../store/audit.repository.ts';
import { claimIdempotency, findIdempotency } from '../store/events.repository.ts';
import { findRecord, type SavedRecord } from '../store/records.repository.ts';
import type { Trx } from '../store/transaction.ts';
import { borderSnapshot } from './border-snapshot.ts';
import type { AppContext } from './context.ts';
import { writeRecords } from './records.service.ts';

export type SavedEvent = SavedRecord<'event'>;

/** Clocks at posts drift: a time up to this far ahead of the server is still "now". */
export const CLOCK_SKEW_MS = 5 * 60_000;
/** Nothing before this is an event of this system (typos such as 0226 for 2026). */
const EARLIEST = Date.parse('2000-01-01T00:00:00Z');

export const utc = (iso: string) => new Date(iso).toISOString();

export function checkTimes(times: Record<string, string | null | undefined>, now: number) {
  for (const [field, value] of Object.entries(times)) {
    if (value === null || value === undefined) continue;
    const t = Date.parse(value);
    if (t > now + CLOCK_SKEW_MS) throw new AppError('DATE_IN_FUTURE', `${field} ${value} is in the future`, [{ path: field, message: 'in the future' }]);
    if (t < EARLIEST) throw validation(`${field} ${value} is before 2000`, [{ path: field, message: 'before 2000-01-01' }]);
  }
}

export function checkOrder(body: Pick<EventBody, 'occurredAt' | 'detectedAt' | 'reportedAt'>) {
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

export async function checkUnit(ctx: AppContext, unitId: string | null | undefined) {
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
    // Claimed inside the write transaction: two requests with one key cannot both create.
    if (key && !(await claimIdempotency(trx, { userId: subject.userId, key, requestHash, eventId: id, at: new Date().toISOString() }))) {
      const row = (await findIdempotency(trx, subject.userId, key))!;
      if (row.request_hash !== requestHash) throw keyReused();
      replayedId = row.event_id;
      return [];
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

export function auditTransition(trx: Trx, subject: Subject, id: string, transition: EventTransition | 'correct', from: string, to: string, version: number, detail: Record<string, unknown> = {}) {
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

export function auditPersonalReads(ctx: AppContext, subject: Subject, events: SavedEvent[], id: string | null) {
  auditPersonalReadCount(ctx, subject, events.filter((e) => holdsPersonalData(e.body)).length, id);
}

/** The same, when the caller has counted the events that hold personal data (the cached list). */
export function auditPersonalReadCount(ctx: AppContext, subject: Subject, count: number, id: string | null) {
  if (count === 0 || !mayReadPersonalData(subject)) return;
  ctx.reads.record({ actor: subject.userId, action: 'personal_data.read', entityType: 'event', entityId: id, detail: { count } });
}

export async function readEvent(ctx: AppContext, subject: Subject, id: string): Promise<SavedEvent> {
  authorize(subject, 'events:read');
  const event = await findRecord(ctx.db.kysely, 'event', id);
  if (!event) throw notFound('event');
  authorize(subject, 'events:read', eventTarget(ctx.node.id, event));
  auditPersonalReads(ctx, subject, [event], id);
  return event;
}

