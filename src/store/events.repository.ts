import type { EventBody } from '../domain/events/event.ts';
import { recordFromRow, type SavedRecord } from './records.repository.ts';
import type { EventsTable } from './schema.ts';
import type { Executor } from './transaction.ts';

export interface EventQuery {
  /** [minLon, minLat, maxLon, maxLat] */
  bbox?: [number, number, number, number];
  /** occurred_at >= from (ISO, UTC) */
  from?: string;
  /** occurred_at < to (ISO, UTC) */
  to?: string;
  categories?: string[];
  sectionId?: string;
  statuses?: string[];
  /** true: only published/closed (the picture). */
  pictureOnly?: boolean;
  reliabilities?: string[];
  followUpOf?: string;
  /** Keyset: rows strictly after this (occurred_at desc, id desc). */
  after?: { occurredAt: string; id: string };
  limit: number;
}

/**
 * Events newest first (occurred_at, id descending), keyset-paged. The picture's common case —
 * published events in a time window and a viewport — walks the events_picture index in order
 * and checks the bbox on the index entries.
 */
export async function queryEvents(db: Executor, q: EventQuery): Promise<SavedRecord<'event'>[]> {
  const rows = (await filtered(db, q).selectAll().orderBy('occurred_at', 'desc').orderBy('id', 'desc').limit(q.limit).execute()) as EventsTable[];
  return rows.map((row) => recordFromRow('event', row));
}

/** What the list decides and caches on, without the body (event-features.ts). */
export const EVENT_HEADER_COLUMNS = ['id', 'version', 'owner_node', 'owner_state', 'owner_agency_id', 'owner_unit_id', 'marking_json', 'created_by', 'created_at', 'updated_by', 'updated_at', 'status', 'occurred_at'] as const;
export type EventHeaderRow = Pick<EventsTable, (typeof EVENT_HEADER_COLUMNS)[number]>;

/** The same rows as queryEvents, header columns only: the page's bodies are read only for features not cached. */
export async function queryEventHeaders(db: Executor, q: EventQuery): Promise<EventHeaderRow[]> {
  return (await filtered(db, q)
    .select([...EVENT_HEADER_COLUMNS])
    .orderBy('occurred_at', 'desc')
    .orderBy('id', 'desc')
    .limit(q.limit)
    .execute()) as EventHeaderRow[];
}

/** Whole rows of these events (not deleted), by id. */
export async function eventRowsByIds(db: Executor, ids: string[]): Promise<Map<string, EventsTable>> {
  const out = new Map<string, EventsTable>();
  for (let i = 0; i < ids.length; i += 500) {
    const rows = (await db.selectFrom('events').selectAll().where('deleted_at', 'is', null).where('id', 'in', ids.slice(i, i + 500)).execute()) as EventsTable[];
    for (const r of rows) out.set(r.id, r);
  }
  return out;
}

function filtered(db: Executor, q: EventQuery) {
  let s = db.selectFrom('events').where('deleted_at', 'is', null);
  if (q.pictureOnly) s = s.where('in_picture', '=', 1);
  if (q.statuses?.length) s = s.where('status', 'in', q.statuses);
  if (q.from) s = s.where('occurred_at', '>=', q.from);
  if (q.to) s = s.where('occurred_at', '<', q.to);
  if (q.bbox) {
    const [minLon, minLat, maxLon, maxLat] = q.bbox;
    s = s.where('lat', '>=', minLat).where('lat', '<=', maxLat);
    // A bbox across the antimeridian (minLon > maxLon) is two ranges (RFC 7946 §5.2).
    s = minLon <= maxLon ? s.where('lon', '>=', minLon).where('lon', '<=', maxLon) : s.where((eb) => eb.or([eb('lon', '>=', minLon), eb('lon', '<=', maxLon)]));
  }
  if (q.categories?.length) s = s.where('category', 'in', q.categories);
  if (q.sectionId) s = s.where('section_id', '=', q.sectionId);
  if (q.reliabilities?.length) s = s.where('reliability', 'in', q.reliabilities);
  if (q.followUpOf) s = s.where('follow_up_of', '=', q.followUpOf);
  if (q.after) {
    const { occurredAt, id } = q.after;
    s = s.where((eb) => eb.or([eb('occurred_at', '<', occurredAt), eb.and([eb('occurred_at', '=', occurredAt), eb('id', '<', id)])]));
  }
  return s;
}

export async function findIdempotency(db: Executor, userId: string, key: string) {
  return db.selectFrom('event_idempotency').selectAll().where('user_id', '=', userId).where('key', '=', key).executeTakeFirst();
}

/**
 * Takes the key for this request in one statement: true when it was free (and is now this
 * request's), false when the user already used it (nothing written; read it with findIdempotency).
 */
export async function claimIdempotency(db: Executor, row: { userId: string; key: string; requestHash: string; eventId: string; at: string }): Promise<boolean> {
  const taken = await db
    .insertInto('event_idempotency')
    .values({ user_id: row.userId, key: row.key, request_hash: row.requestHash, event_id: row.eventId, created_at: row.at })
    .onConflict((oc) => oc.columns(['user_id', 'key']).doNothing())
    .returning('key')
    .executeTakeFirst();
  return taken !== undefined;
}

/** Events that were ever published, occurred in [from, to): for the reporting delay. */
export async function everPublished(db: Executor, from: string, to: string): Promise<SavedRecord<'event'>[]> {
  const rows = (await db
    .selectFrom('events')
    .selectAll()
    .where('deleted_at', 'is', null)
    .where('in_picture', '=', 1)
    .where('occurred_at', '>=', from)
    .where('occurred_at', '<', to)
    .where('first_published_at', 'is not', null)
    .execute()) as EventsTable[];
  return rows.map((row) => recordFromRow('event', row));
}

export type EventRow = EventsTable;
export type { EventBody };
