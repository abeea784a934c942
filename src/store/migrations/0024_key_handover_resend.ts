import type { Kysely } from 'kysely';

/**
 * Key rotation, delivery (docs/federation.md, "Key rotation"): per peer, the hand-over it must
 * get and whether it has acknowledged it. A peer that was down at rotation gets it again on
 * the next contact or sync round, until it accepts.
 */

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('fed_key_handovers')
    .addColumn('peer_id', 'text', (c) => c.notNull())
    .addColumn('new_key', 'text', (c) => c.notNull())
    // The signed hand-over {nodeId, oldKey, newKey, at, oldKeyValidUntil, signature}.
    .addColumn('handover_json', 'text', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('last_attempt_at', 'text')
    .addColumn('last_error', 'text')
    .addColumn('accepted_at', 'text')
    .addPrimaryKeyConstraint('fed_key_handovers_pk', ['peer_id', 'new_key'])
    .execute();
  await db.schema.createIndex('fed_key_handovers_pending').on('fed_key_handovers').columns(['peer_id', 'accepted_at', 'at']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('fed_key_handovers').ifExists().execute();
}
