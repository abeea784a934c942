import type { Kysely } from 'kysely';

// Federation: this node's signing key, its peers, sharing agreements and what was received.
export async function up(db: Kysely<any>): Promise<void> {
  // The private key never leaves this table (PKCS#8 PEM); the public key is raw Ed25519 in base64.
  await db.schema
    .createTable('node_keys')
    .addColumn('node_id', 'text', (c) => c.primaryKey())
    .addColumn('public_key', 'text', (c) => c.notNull())
    .addColumn('private_key_pem', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('peers')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('node_id', 'text', (c) => c.notNull().unique())
    .addColumn('name', 'text', (c) => c.notNull().unique())
    .addColumn('state_code', 'text', (c) => c.notNull())
    .addColumn('url', 'text', (c) => c.notNull())
    .addColumn('public_key', 'text', (c) => c.notNull())
    // How far we have pulled from this peer's feed (its outbox seq).
    .addColumn('pull_cursor', 'integer', (c) => c.notNull())
    .addColumn('last_pull_at', 'text')
    // The peer's agreement id for us as last seen in its feed: when it changes, we pull again from 0.
    .addColumn('remote_agreement_id', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('agreements')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('peer_id', 'text', (c) => c.notNull().references('peers.id'))
    .addColumn('types_json', 'text', (c) => c.notNull())
    .addColumn('max_tlp', 'text', (c) => c.notNull())
    .addColumn('personal_data', 'integer', (c) => c.notNull())
    .addColumn('redact_json', 'text', (c) => c.notNull())
    .addColumn('active', 'integer', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('superseded_at', 'text')
    .execute();
  await db.schema.createIndex('agreements_peer').on('agreements').columns(['peer_id', 'created_at']).execute();

  // What each peer holds from us (latest version sent, or withdrawn): a record that stops being
  // shareable with a peer that holds it is withdrawn from that peer by a signed tombstone.
  await db.schema
    .createTable('federation_sent')
    .addColumn('peer_id', 'text', (c) => c.notNull())
    .addColumn('record_id', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('withdrawn', 'integer', (c) => c.notNull())
    .addColumn('sent_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('federation_sent_pk', ['peer_id', 'record_id'])
    .execute();

  // The signed envelope of every version received, kept as proof of what the owner said.
  await db.schema
    .createTable('received_envelopes')
    .addColumn('record_id', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('op', 'text', (c) => c.notNull())
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('peer_id', 'text', (c) => c.notNull())
    .addColumn('envelope_json', 'text', (c) => c.notNull())
    .addColumn('received_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('received_envelopes_pk', ['record_id', 'version', 'op'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of ['federation_sent', 'received_envelopes', 'agreements', 'peers', 'node_keys']) await db.schema.dropTable(t).ifExists().execute();
}
