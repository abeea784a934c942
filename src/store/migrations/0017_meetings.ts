import type { Kysely } from 'kysely';
import { recordColumns } from './record-columns.ts';

/** BLO meetings, action items and their status updates, joint operations and their reports (docs/meetings.md). */
export async function up(db: Kysely<any>): Promise<void> {
  await recordColumns(db.schema.createTable('meetings'))
    .addColumn('starts_at', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('body_json', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('meetings_starts_at').on('meetings').column('starts_at').execute();

  await recordColumns(db.schema.createTable('action_items'))
    .addColumn('meeting_id', 'text', (c) => c.notNull())
    .addColumn('due_date', 'text', (c) => c.notNull())
    .addColumn('body_json', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('action_items_meeting').on('action_items').column('meeting_id').execute();

  await recordColumns(db.schema.createTable('action_updates'))
    .addColumn('action_item_id', 'text', (c) => c.notNull())
    .addColumn('body_json', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('action_updates_item').on('action_updates').column('action_item_id').execute();

  await recordColumns(db.schema.createTable('joint_operations'))
    .addColumn('start_date', 'text', (c) => c.notNull())
    .addColumn('body_json', 'text', (c) => c.notNull())
    .execute();

  await recordColumns(db.schema.createTable('operation_reports'))
    .addColumn('operation_id', 'text', (c) => c.notNull())
    .addColumn('body_json', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('operation_reports_operation').on('operation_reports').column('operation_id').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of ['operation_reports', 'joint_operations', 'action_updates', 'action_items', 'meetings']) await db.schema.dropTable(t).ifExists().execute();
}
