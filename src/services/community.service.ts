import { createHmac, randomUUID } from 'node:crypto';
import { z } from 'zod';
import { createEventSchema, DEFAULT_EVENT_MARKING, EVENT_CATEGORIES, NARRATIVE_LANGUAGES, eventLocationSchema } from '../domain/events/event.ts';
import { authorize } from '../domain/policy/authorize.ts';
import type { Subject } from '../domain/policy/roles.ts';
import { markingSchema } from '../domain/records/marking.ts';
import { AppError, notFound } from '../errors.ts';
import { appendAudit } from '../store/audit.repository.ts';
import { countRecentCommunityReports, findCommunityReport, insertCommunityReport, listCommunityReports, updateCommunityReport, type CommunityReportRow } from '../store/community.repository.ts';
import { inWriteTransaction } from '../store/transaction.ts';
import type { AppContext } from './context.ts';
import { buildEventBody, checkTimes, snap, type SavedEvent } from './events.service.ts';
import { nodeSecret } from './node-secret.ts';
import { writeRecords } from './records.service.ts';

const COMMUNITY_HMAC = 'community-client-hmac';

/** The public form: what a villager can tell from a phone. No account needed. */
export const communityReportSchema = z
  .object({
    text: z.string().trim().min(3).max(4000),
    lang: z.enum(NARRATIVE_LANGUAGES),
    location: eventLocationSchema,
    occurredAt: z.iso.datetime({ offset: true }).optional(),
    category: z.enum(EVENT_CATEGORIES).optional(),
    /** How to call back (optional); never leaves the triage queue. */
    contact: z.string().trim().min(3).max(200).optional(),
  })
  .strict();
export type CommunityReportInput = z.output<typeof communityReportSchema>;

/**
 * Receives a community report: low-trust, into the triage queue. Limited per client address
 * (keyed hash, the address itself is not stored) or per focal-point account per hour.
 */
export async function receiveCommunityReport(ctx: AppContext, input: CommunityReportInput, from: { subject: Subject | null; address: string }): Promise<{ id: string }> {
  const now = new Date();
  checkTimes({ occurredAt: input.occurredAt }, now.getTime());
  const key = createHmac('sha256', await nodeSecret(ctx, COMMUNITY_HMAC))
    .update(from.subject ? `user:${from.subject.userId}` : `addr:${from.address}`)
    .digest('hex');
  const since = new Date(now.getTime() - 3_600_000).toISOString();
  if ((await countRecentCommunityReports(ctx.db.kysely, key, since)) >= ctx.config.communityReportsPerHour) {
    throw new AppError('RATE_LIMITED', 'Too many reports from here in the last hour; try again later or call the nearest border post', { retryAfterSeconds: 3600 });
  }
  const snapped = await snap(ctx, input.location, ctx.node.stateCode);
  const id = randomUUID();
  await inWriteTransaction(ctx.db, async (trx) => {
    // Counted again under the write lock, so a burst cannot slip past the limit.
    if ((await countRecentCommunityReports(trx, key, since)) >= ctx.config.communityReportsPerHour) {
      throw new AppError('RATE_LIMITED', 'Too many reports from here in the last hour; try again later', { retryAfterSeconds: 3600 });
    }
    await insertCommunityReport(trx, {
      id,
      created_at: now.toISOString(),
      channel: from.subject ? 'focal_point' : 'public',
      reporter_user_id: from.subject?.userId ?? null,
      client_key: key,
      contact: input.contact ?? null,
      category: input.category ?? null,
      text: input.text,
      lang: input.lang,
      lat: input.location.lat,
      lon: input.location.lon,
      section_id: snapped.sectionId,
      occurred_at: input.occurredAt ? new Date(input.occurredAt).toISOString() : null,
      status: 'new',
      triaged_by: null,
      triaged_at: null,
      event_id: null,
      dismiss_reason: null,
    });
    // The audit names no one: a public reporter is "community", a focal point by account.
    await appendAudit(trx, { actor: from.subject?.userId ?? 'community', action: 'community_report.receive', entityType: 'community_report', entityId: id, detail: { channel: from.subject ? 'focal_point' : 'public' } });
  });
  return { id };
}

export const communityQueueQuerySchema = z.object({ status: z.enum(['new', 'converted', 'dismissed']).default('new') }).strict();

function mayTriage(ctx: AppContext, subject: Subject) {
  authorize(subject, 'events:triage');
  // Reports received by this node belong to its state: another state's officers never see them.
  if (subject.stateCode !== ctx.node.stateCode) throw new AppError('FORBIDDEN', 'Community reports are triaged by officers of this node\'s state');
}

/** The triage queue. Contacts are personal data: the read is audited. */
export async function communityQueue(ctx: AppContext, subject: Subject, status: 'new' | 'converted' | 'dismissed'): Promise<CommunityReportRow[]> {
  mayTriage(ctx, subject);
  const rows = await listCommunityReports(ctx.db.kysely, status);
  ctx.reads.record({ actor: subject.userId, action: 'personal_data.read', entityType: 'community_report', entityId: null, detail: { count: rows.length, status } });
  return rows;
}

export const convertSchema = z
  .object({
    category: z.enum(EVENT_CATEGORIES).optional(),
    severity: createEventSchema.shape.severity,
    /** Low trust by default: F6 (reliability cannot be judged, truth cannot be judged). */
    grading: createEventSchema.shape.grading.default({ reliability: 'F', credibility: 6 }),
    narrative: createEventSchema.shape.narrative.optional(),
    occurredAt: z.iso.datetime({ offset: true }).optional(),
    /** Grid (km) the location is blurred to when the event is shared with peers. */
    sharedPrecisionKm: z.number().min(0.5).max(50).default(5),
    marking: markingSchema.optional(),
    submit: z.boolean().default(true),
  })
  .strict();

async function triaged(ctx: AppContext, subject: Subject, id: string) {
  const report = await findCommunityReport(ctx.db.kysely, id);
  if (!report) throw notFound('community report');
  if (report.status !== 'new') throw new AppError('CONFLICT', `This report was already ${report.status}`);
  return report;
}

/**
 * Makes an event of a community report: the officer is its author (the reporter is never named
 * in it), source "community", low-trust grading unless the officer judged otherwise, and the
 * location blurred to sharedPrecisionKm when shared.
 */
export async function convertCommunityReport(ctx: AppContext, subject: Subject, id: string, input: z.output<typeof convertSchema>): Promise<SavedEvent> {
  mayTriage(ctx, subject);
  authorize(subject, 'events:report');
  const report = await triaged(ctx, subject, id);
  const category = input.category ?? (report.category as (typeof EVENT_CATEGORIES)[number] | null);
  if (!category) throw new AppError('VALIDATION_FAILED', 'Say which category the event is (the reporter did not)', [{ path: 'category', message: 'required' }]);
  const body = await buildEventBody(
    ctx,
    subject,
    {
      category,
      severity: input.severity,
      occurredAt: input.occurredAt ?? report.occurred_at ?? report.created_at,
      detectedAt: null,
      reportedAt: report.created_at,
      location: { lat: report.lat, lon: report.lon },
      narrative: input.narrative ?? { text: report.text, lang: report.lang as (typeof NARRATIVE_LANGUAGES)[number] },
      involved: { persons: [], vehicles: [], goods: [] },
      grading: input.grading,
      followUpOf: null,
      submit: input.submit,
    },
    { source: 'community', communityReportId: id, sharedPrecisionKm: input.sharedPrecisionKm },
  );
  const eventId = randomUUID();
  const [result] = await writeRecords(ctx, { kind: 'user', subject }, async (trx) => {
    const current = await findCommunityReport(trx, id);
    if (current?.status !== 'new') throw new AppError('CONFLICT', `This report was already ${current?.status ?? 'removed'}`);
    await updateCommunityReport(trx, id, { status: 'converted', triaged_by: subject.userId, triaged_at: new Date().toISOString(), event_id: eventId });
    await appendAudit(trx, { actor: subject.userId, action: 'community_report.convert', entityType: 'community_report', entityId: id, detail: { eventId } });
    return [{ type: 'event' as const, id: eventId, body, marking: input.marking ?? DEFAULT_EVENT_MARKING }];
  });
  return result!.record;
}

export const dismissSchema = z.object({ reason: z.string().trim().min(3).max(500) }).strict();

export async function dismissCommunityReport(ctx: AppContext, subject: Subject, id: string, reason: string): Promise<void> {
  mayTriage(ctx, subject);
  await triaged(ctx, subject, id);
  await inWriteTransaction(ctx.db, async (trx) => {
    const current = await findCommunityReport(trx, id);
    if (current?.status !== 'new') throw new AppError('CONFLICT', `This report was already ${current?.status ?? 'removed'}`);
    await updateCommunityReport(trx, id, { status: 'dismissed', triaged_by: subject.userId, triaged_at: new Date().toISOString(), dismiss_reason: reason });
    await appendAudit(trx, { actor: subject.userId, action: 'community_report.dismiss', entityType: 'community_report', entityId: id, detail: { reason } });
  });
}
