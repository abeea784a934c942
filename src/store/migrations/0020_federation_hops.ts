import type { Kysely } from 'kysely';

/**
 * Federation, third part (docs/federation.md): onward sharing (an agreement says whether the
 * peer may pass our records on), audit checkpoints exchanged with peers and co-signed, and key
 * rotation (a peer's earlier keys, each with the time it stopped being valid).
 */
 
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('agreements').addColumn('onward', 'integer', (c) => c.notNull().defaultTo(0)).execute();

  // Signed checkpoints of a node's audit chain: ours as a peer co-signed them, and a peer's as we co-signed them.
  await db.schema
    .createTable('fed_checkpoints')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('peer_id', 'text', (c) => c.notNull())
    // 'theirs': the peer's checkpoint, which we keep and co-signed; 'ours': our checkpoint with the peer's co-signature.
    .addColumn('direction', 'text', (c) => c.notNull())
    .addColumn('node_id', 'text', (c) => c.notNull())
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('head_hash', 'text', (c) => c.notNull())
    .addColumn('checkpoint_json', 'text', (c) => c.notNull())
    .addColumn('cosignature_json', 'text', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('fed_checkpoints_peer').on('fed_checkpoints').columns(['peer_id', 'direction', 'seq']).execute();

  // Keys a peer used before it rotated: envelopes signed before `valid_until` still verify with them.
  await db.schema
    .createTable('peer_keys')
    .addColumn('peer_id', 'text', (c) => c.notNull())
    .addColumn('public_key', 'text', (c) => c.notNull())
    .addColumn('valid_until', 'text', (c) => c.notNull())
    .addColumn('handover_json', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('peer_keys_pk', ['peer_id', 'public_key'])
    .execute();

  // Our own earlier keys (kept to prove what we signed; never used to sign again).
  await db.schema
    .createTable('node_keys_retired')
    .addColumn('node_id', 'text', (c) => c.notNull())
    .addColumn('public_key', 'text', (c) => c.notNull())
    .addColumn('retired_at', 'text', (c) => c.notNull())
    .addColumn('handover_json', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('node_keys_retired_pk', ['node_id', 'public_key'])
    .execute();
}

 
export async function down(db: Kysely<any>): Promise<void> {
  for (const t of ['node_keys_retired', 'peer_keys', 'fed_checkpoints']) await db.schema.dropTable(t).ifExists().execute();
  await db.schema.alterTable('agreements').dropColumn('onward').execute();
}
