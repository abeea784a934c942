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
  let s = db.selectFrom('events').selectAll().where('deleted_at', 'is', null);
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
  const rows = (await s.orderBy('occurred_at', 'desc').orderBy('id', 'desc').limit(q.limit).execute()) as EventsTable[];
  return rows.map((row) => recordFromRow('event', row));
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
