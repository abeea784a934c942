import type { Kysely } from 'kysely';

/**
 * Neighbour notices (docs/risk-model.md, "The neighbour is told"): a received assessment version
 * that carries a notice is the notice itself (record_versions); this table only remembers who
 * has read which one, so each officer of a counterpart unit has their own unread count.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('notice_reads')
    .addColumn('record_id', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('user_id', 'text', (c) => c.notNull())
    .addColumn('read_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('notice_reads_pk', ['record_id', 'version', 'user_id'])
    .execute();
  await db.schema.createIndex('notice_reads_user').on('notice_reads').column('user_id').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('notice_reads').ifExists().execute();
}
