import type { Kysely } from 'kysely';
import { recordColumns } from './record-columns.ts';

/** Liaison channels and their messages (RFIs, answers, closes) as shareable records (docs/liaison.md). */
export async function up(db: Kysely<any>): Promise<void> {
  await recordColumns(db.schema.createTable('liaison_channels'))
    .addColumn('ref', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('pair_key', 'text', (c) => c.notNull())
    .addColumn('body_json', 'text', (c) => c.notNull())
    .execute();
  await recordColumns(db.schema.createTable('liaison_messages'))
    .addColumn('channel_id', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('template_id', 'text')
    .addColumn('reply_to', 'text')
    .addColumn('sent_at', 'text', (c) => c.notNull())
    .addColumn('deadline', 'text')
    .addColumn('body_json', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('liaison_messages_channel').on('liaison_messages').columns(['channel_id', 'sent_at']).execute();
  await db.schema.createIndex('liaison_messages_sent').on('liaison_messages').columns(['sent_at']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of ['liaison_messages', 'liaison_channels']) await db.schema.dropTable(t).ifExists().execute();
}
