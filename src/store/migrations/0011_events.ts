import type { Kysely } from 'kysely';
import { recordColumns } from './record-columns.ts';

// Events (incidents): the record header, the columns the picture and the risk model filter on,
// and the whole body as JSON (read back as one value; never queried inside).
export async function up(db: Kysely<any>): Promise<void> {
  await recordColumns(db.schema.createTable('events'))
    .addColumn('status', 'text', (c) => c.notNull())
    /** 1 when published or closed: the picture's one-column filter that keeps index order. */
    .addColumn('in_picture', 'integer', (c) => c.notNull())
    .addColumn('category', 'text', (c) => c.notNull())
    .addColumn('severity', 'text', (c) => c.notNull())
    .addColumn('occurred_at', 'text', (c) => c.notNull())
    .addColumn('reported_at', 'text', (c) => c.notNull())
    .addColumn('first_published_at', 'text')
    .addColumn('lat', 'double precision', (c) => c.notNull())
    .addColumn('lon', 'double precision', (c) => c.notNull())
    .addColumn('section_id', 'text')
    .addColumn('unit_id', 'text')
    .addColumn('reporting_unit_id', 'text')
    .addColumn('reliability', 'text', (c) => c.notNull())
    .addColumn('credibility', 'integer', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('follow_up_of', 'text')
    .addColumn('body_json', 'text', (c) => c.notNull())
    .execute();
  // The picture: published events in a time window (newest first, keyset on occurred_at, id),
  // then the viewport; lon/lat in the index so the bbox is checked without reading the row.
  await db.schema.createIndex('events_picture').on('events').columns(['in_picture', 'occurred_at', 'id', 'lon', 'lat']).execute();
  await db.schema.createIndex('events_status').on('events').columns(['status', 'occurred_at']).execute();
  await db.schema.createIndex('events_section').on('events').columns(['section_id', 'occurred_at']).execute();
  await db.schema.createIndex('events_follow_up').on('events').column('follow_up_of').execute();

  // Idempotency-Key of POST /api/events: per user, the request's hash and the event it made.
  await db.schema
    .createTable('event_idempotency')
    .addColumn('user_id', 'text', (c) => c.notNull())
    .addColumn('key', 'text', (c) => c.notNull())
    .addColumn('request_hash', 'text', (c) => c.notNull())
    .addColumn('event_id', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('event_idempotency_pk', ['user_id', 'key'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of ['event_idempotency', 'events']) await db.schema.dropTable(t).ifExists().execute();
}
