import type { Kysely } from 'kysely';


// Federation with receipts: the sender keeps, per peer and record, what the peer should hold
// (desired) and what the peer's signed receipts say it applied (acked); the receiver keeps the
// newest state it applied per record; signed requests carry nonces; refusals are recorded.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('fed_outgoing')
    .addColumn('peer_id', 'text', (c) => c.notNull())
    .addColumn('record_id', 'text', (c) => c.notNull())
    .addColumn('type', 'text', (c) => c.notNull())
    // Outbox seq at which the desired state last changed: pending rows go out in this order.
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('op', 'text', (c) => c.notNull())
    .addColumn('digest', 'text', (c) => c.notNull())
    // 1 while (version, op, digest) differs from what the peer acknowledged.
    .addColumn('pending', 'integer', (c) => c.notNull())
    .addColumn('last_signed_at', 'text')
    .addColumn('sends', 'integer', (c) => c.notNull())
    .addColumn('acked_version', 'integer')
    .addColumn('acked_op', 'text')
    .addColumn('acked_digest', 'text')
    .addColumn('acked_status', 'text')
    .addColumn('acked_reason', 'text')
    .addColumn('acked_at', 'text')
    .addPrimaryKeyConstraint('fed_outgoing_pk', ['peer_id', 'record_id'])
    .execute();
  await db.schema.createIndex('fed_outgoing_pending').on('fed_outgoing').columns(['peer_id', 'pending', 'seq']).execute();

  await db.schema
    .createTable('fed_incoming')
    .addColumn('record_id', 'text', (c) => c.primaryKey())
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('owner_node', 'text', (c) => c.notNull())
    .addColumn('peer_id', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('op', 'text', (c) => c.notNull())
    .addColumn('digest', 'text', (c) => c.notNull())
    .addColumn('signed_at', 'text', (c) => c.notNull())
    // 'held' (put applied), 'withdrawn', or 'refused' (our policy refused it; no copy held).
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('received_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('fed_incoming_peer').on('fed_incoming').columns(['peer_id', 'type']).execute();

  await db.schema
    .createTable('fed_nonces')
    .addColumn('node_id', 'text', (c) => c.notNull())
    .addColumn('nonce', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('fed_nonces_pk', ['node_id', 'nonce'])
    .execute();
  await db.schema.createIndex('fed_nonces_expiry').on('fed_nonces').column('expires_at').execute();

  await db.schema
    .createTable('fed_receipts')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('peer_id', 'text', (c) => c.notNull())
    // 'in': a receipt the peer signed for what we sent; 'out': one we signed for what we received.
    .addColumn('direction', 'text', (c) => c.notNull())
    .addColumn('items', 'integer', (c) => c.notNull())
    .addColumn('receipt_json', 'text', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('fed_receipts_peer').on('fed_receipts').columns(['peer_id', 'at']).execute();

  await db.schema
    .createTable('fed_rejections')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('peer_id', 'text')
    .addColumn('node_id', 'text')
    // 'request': a signed request refused here; 'envelope': an envelope we refused; 'page': a feed page we refused.
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('record_id', 'text')
    .addColumn('version', 'integer')
    .addColumn('detail', 'text')
    .addColumn('at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('fed_rejections_peer').on('fed_rejections').columns(['peer_id', 'at']).execute();

  // Sender-side walk of the outbox per peer (the receiver no longer holds a cursor we trust),
  // the agreement terms the walk was evaluated under, the peer's own signed agreement for us,
  // and when we last heard from it.
  await db.schema.alterTable('peers').addColumn('out_cursor', 'integer', (c) => c.notNull().defaultTo(0)).execute();
  await db.schema.alterTable('peers').addColumn('out_terms', 'text').execute();
  await db.schema.alterTable('peers').addColumn('remote_agreement_json', 'text').execute();
  await db.schema.alterTable('peers').addColumn('last_contact_at', 'text').execute();
  // What the peer last said it still has for us (its signed page header's backlog).
  await db.schema.alterTable('peers').addColumn('remote_backlog', 'integer').execute();

  // What was marked sent before receipts existed is re-confirmed: pending, re-evaluated from 0.
  const sent = await db.selectFrom('federation_sent').selectAll().execute();
  for (const s of sent as { peer_id: string; record_id: string; version: number; withdrawn: number; sent_at: string }[]) {
    const outbox = await db.selectFrom('outbox').select(['seq', 'type']).where('record_id', '=', s.record_id).orderBy('seq', 'desc').limit(1).executeTakeFirst();
    await db
      .insertInto('fed_outgoing')
      .values({
        peer_id: s.peer_id,
        record_id: s.record_id,
        type: (outbox as { type?: string } | undefined)?.type ?? 'alert',
        seq: Number((outbox as { seq?: number } | undefined)?.seq ?? 0),
        version: s.version,
        op: s.withdrawn ? 'withdraw' : 'put',
        digest: '',
        pending: 1,
        last_signed_at: s.sent_at,
        sends: 1,
      })
      .execute();
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of ['fed_outgoing', 'fed_incoming', 'fed_nonces', 'fed_receipts', 'fed_rejections']) await db.schema.dropTable(t).ifExists().execute();
  for (const c of ['out_cursor', 'out_terms', 'remote_agreement_json', 'last_contact_at', 'remote_backlog']) await db.schema.alterTable('peers').dropColumn(c).execute();
}
