/**
 * Reading the picture: events as a filtered, keyset-paged list (GET /api/events, /ogc), an
 * event's version history, and the EUROSUR reporting delay per unit.
 */
import { z } from 'zod';
import { EVENT_CATEGORIES, EVENT_STATUSES, PICTURE_STATUSES, RELIABILITIES, type EventBody } from '../domain/events/event.ts';
import { reportingDelayByUnit } from '../domain/events/reporting-delay.ts';
import { authorize } from '../domain/policy/authorize.ts';
import type { Subject } from '../domain/policy/roles.ts';
import type { Marking } from '../domain/records/marking.ts';
import { validation } from '../errors.ts';
import { everPublished, queryEvents, type EventQuery } from '../store/events.repository.ts';
import { recordHistory } from '../store/records.repository.ts';
import type { AppContext } from './context.ts';
import { EventDecisions } from './event-decisions.ts';
import { auditPersonalReads, CLOCK_SKEW_MS, mayReadPersonalData, readEvent, utc, withoutPersonalData, type SavedEvent } from './events.service.ts';

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

export function decodeCursor(cursor: string): { occurredAt: string; id: string } {
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
  /** The reader's decisions made for this page: presenting its events reuses them. */
  decisions: EventDecisions;
}

/**
 * Events the subject may see, newest first, keyset-paged. Visibility (marking, workflow) is
 * decided by the policy once per decision key (owner, marking, status, authorship:
 * event-decisions.ts), which is the same as deciding per event; rows the reader may not see are skipped, so a page may be
 * shorter than `limit` while `next` still points further (at most 5 × limit rows are read per page).
 */
/** The store's query for these filters (without paging). */
export function eventQueryOf(q: EventsQuery): Omit<EventQuery, 'limit' | 'after'> {
  const statuses = q.status && !q.status.includes('all') ? (q.status as EventBody['status'][]) : undefined;
  const pictureOnly = !q.status || (statuses !== undefined && statuses.every((s) => PICTURE_STATUSES.includes(s)) && statuses.length === PICTURE_STATUSES.length);
  return {
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
}

export async function listEvents(ctx: AppContext, subject: Subject, q: EventsQuery): Promise<EventPage> {
  authorize(subject, 'events:read');
  const base = eventQueryOf(q);
  let after = q.cursor ? decodeCursor(q.cursor) : undefined;
  const items: SavedEvent[] = [];
  const decisions = new EventDecisions(subject, ctx.node.id);
  let scanned = 0;
  let exhausted = false;
  while (items.length < q.limit && scanned < 5 * q.limit) {
    const want = q.limit - items.length;
    const batch = await queryEvents(ctx.db.kysely, { ...base, after, limit: want });
    scanned += batch.length;
    for (const e of batch) if (decisions.of(e).read) items.push(e);
    if (batch.length < want) {
      exhausted = true;
      break;
    }
    const last = batch[batch.length - 1]!;
    after = { occurredAt: last.body.occurredAt, id: last.id };
  }
  auditPersonalReads(ctx, subject, items, null);
  return { items, next: exhausted || !after ? null : encodeCursor(after), decisions };
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
  const decisions = new EventDecisions(subject, ctx.node.id);
  const events = (await everPublished(ctx.db.kysely, from, to)).filter((e) => decisions.of(e).read);
  const stats = reportingDelayByUnit(
    events.map((e) => ({ eventId: e.id, unitId: e.body.reportingUnitId ?? e.owner.unitId, detectedAt: e.body.detectedAt ?? e.body.occurredAt, firstPublishedAt: e.body.firstPublishedAt! })),
  );
  return { from, to, ...stats };
}
