import type { Kysely } from 'kysely';
import { recordColumns } from './record-columns.ts';

// Seizures (a shareable record kind, linked to events), community reports (local only: their
// reporters never leave this node) and event attachments (files under <data dir>/files).
export async function up(db: Kysely<any>): Promise<void> {
  await recordColumns(db.schema.createTable('seizures'))
    .addColumn('event_id', 'text', (c) => c.notNull())
    .addColumn('item_kind', 'text', (c) => c.notNull())
    .addColumn('substance', 'text', (c) => c.notNull())
    .addColumn('seized_at', 'text', (c) => c.notNull())
    .addColumn('quantity_kg', 'double precision')
    .addColumn('body_json', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('seizures_event').on('seizures').column('event_id').execute();
  await db.schema.createIndex('seizures_seized_at').on('seizures').columns(['seized_at', 'id']).execute();

  await db.schema
    .createTable('community_reports')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('created_at', 'text', (c) => c.notNull())
    /** public form, or a community focal point's account */
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('reporter_user_id', 'text')
    /** keyed hash of the client address, for the hourly limit only */
    .addColumn('client_key', 'text', (c) => c.notNull())
    .addColumn('contact', 'text')
    .addColumn('category', 'text')
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('lang', 'text', (c) => c.notNull())
    .addColumn('lat', 'double precision', (c) => c.notNull())
    .addColumn('lon', 'double precision', (c) => c.notNull())
    .addColumn('section_id', 'text')
    .addColumn('occurred_at', 'text')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('triaged_by', 'text')
    .addColumn('triaged_at', 'text')
    .addColumn('event_id', 'text')
    .addColumn('dismiss_reason', 'text')
    .execute();
  await db.schema.createIndex('community_reports_status').on('community_reports').columns(['status', 'created_at']).execute();
  await db.schema.createIndex('community_reports_client').on('community_reports').columns(['client_key', 'created_at']).execute();

  await db.schema
    .createTable('event_attachments')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('event_id', 'text', (c) => c.notNull())
    .addColumn('file_name', 'text', (c) => c.notNull())
    .addColumn('media_type', 'text', (c) => c.notNull())
    .addColumn('size', 'integer', (c) => c.notNull())
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('event_attachments_event').on('event_attachments').column('event_id').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of ['event_attachments', 'community_reports', 'seizures']) await db.schema.dropTable(t).ifExists().execute();
}
