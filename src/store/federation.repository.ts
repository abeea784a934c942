import type { Agreement, AgreementTlp } from '../domain/federation/sharing-policy.ts';
import type { Kysely } from 'kysely';
import type { RecordKind } from '../domain/records/bodies.ts';
import { recordFromRow, type SavedRecord } from './records.repository.ts';
import { RECORD_TABLES, type AgreementsTable, type FedOutgoingTable, type PeersTable, type RecordColumns } from './schema.ts';
import type { Executor, Trx } from './transaction.ts';

// ---- node keys --------------------------------------------------------------------------

export interface StoredNodeKeys {
  nodeId: string;
  publicKey: string;
  privateKeyPem: string;
}

export async function getNodeKeys(db: Executor, nodeId: string): Promise<StoredNodeKeys | null> {
  const r = await db.selectFrom('node_keys').selectAll().where('node_id', '=', nodeId).executeTakeFirst();
  return r ? { nodeId: r.node_id, publicKey: r.public_key, privateKeyPem: r.private_key_pem } : null;
}

export async function insertNodeKeys(trx: Trx, keys: StoredNodeKeys, at: string): Promise<void> {
  await trx
    .insertInto('node_keys')
    .values({ node_id: keys.nodeId, public_key: keys.publicKey, private_key_pem: keys.privateKeyPem, created_at: at })
    .execute();
}

// ---- peers ------------------------------------------------------------------------------

export interface Peer {
  id: string;
  nodeId: string;
  name: string;
  stateCode: string;
  url: string;
  publicKey: string;
  pullCursor: number;
  lastPullAt: string | null;
  remoteAgreementId: string | null;
  createdAt: string;
  /** Sender side: how far the outbox has been evaluated for this peer. */
  outCursor: number;
  /** Fingerprint of the effective agreement the walk was evaluated under. */
  outTerms: string | null;
  /** The peer's own signed agreement terms for us, as it last sent them (JSON). */
  remoteAgreementJson: string | null;
  lastContactAt: string | null;
  /** What the peer last said it still had for us. */
  remoteBacklog: number | null;
}

const peerFromRow = (r: Omit<PeersTable, 'out_cursor' | 'failures'> & { out_cursor: number | string }): Peer => ({
  id: r.id,
  nodeId: r.node_id,
  name: r.name,
  stateCode: r.state_code,
  url: r.url,
  publicKey: r.public_key,
  pullCursor: Number(r.pull_cursor),
  lastPullAt: r.last_pull_at,
  remoteAgreementId: r.remote_agreement_id,
  createdAt: r.created_at,
  outCursor: Number(r.out_cursor ?? 0),
  outTerms: r.out_terms ?? null,
  remoteAgreementJson: r.remote_agreement_json ?? null,
  lastContactAt: r.last_contact_at ?? null,
  remoteBacklog: r.remote_backlog === null || r.remote_backlog === undefined ? null : Number(r.remote_backlog),
});

export async function insertPeer(
  trx: Trx,
  p: Omit<Peer, 'pullCursor' | 'lastPullAt' | 'remoteAgreementId' | 'outCursor' | 'outTerms' | 'remoteAgreementJson' | 'lastContactAt' | 'remoteBacklog'>,
): Promise<void> {
  await trx
    .insertInto('peers')
    .values({
      id: p.id,
      node_id: p.nodeId,
      name: p.name,
      state_code: p.stateCode,
      url: p.url,
      public_key: p.publicKey,
      pull_cursor: 0,
      last_pull_at: null,
      remote_agreement_id: null,
      created_at: p.createdAt,
      updated_at: p.createdAt,
    })
    .execute();
}

export async function listPeers(db: Executor): Promise<Peer[]> {
  return (await db.selectFrom('peers').selectAll().orderBy('name').execute()).map(peerFromRow);
}

export async function findPeer(db: Executor, by: { id?: string; nodeId?: string; name?: string }): Promise<Peer | null> {
  let q = db.selectFrom('peers').selectAll();
  if (by.id !== undefined) q = q.where('id', '=', by.id);
  if (by.nodeId !== undefined) q = q.where('node_id', '=', by.nodeId);
  if (by.name !== undefined) q = q.where('name', '=', by.name);
  const r = await q.executeTakeFirst();
  return r ? peerFromRow(r) : null;
}

export async function setPullCursor(trx: Trx, peerId: string, cursor: number, remoteAgreementId: string | null, at: string): Promise<void> {
  await trx
    .updateTable('peers')
    .set({ pull_cursor: cursor, remote_agreement_id: remoteAgreementId, last_pull_at: at, updated_at: at })
    .where('id', '=', peerId)
    .execute();
}

/** Our own agreement with a peer changed: pull its feed again from the start (receiving is idempotent). */
export async function resetPullCursor(trx: Trx, peerId: string, at: string): Promise<void> {
  await trx.updateTable('peers').set({ pull_cursor: 0, updated_at: at }).where('id', '=', peerId).execute();
}

// ---- agreements -------------------------------------------------------------------------

export interface StoredAgreement extends Agreement {
  createdBy: string;
  createdAt: string;
}

const agreementFromRow = (r: AgreementsTable): StoredAgreement => ({
  id: r.id,
  peerId: r.peer_id,
  types: JSON.parse(r.types_json) as string[],
  maxTlp: r.max_tlp as AgreementTlp,
  personalData: Boolean(r.personal_data),
  redact: JSON.parse(r.redact_json) as string[],
  active: Boolean(r.active),
  onward: Boolean(r.onward),
  createdBy: r.created_by,
  createdAt: r.created_at,
});

/** A new agreement supersedes the one in force for that peer (kept for the record). */
export async function insertAgreement(trx: Trx, a: StoredAgreement): Promise<void> {
  await trx.updateTable('agreements').set({ superseded_at: a.createdAt }).where('peer_id', '=', a.peerId).where('superseded_at', 'is', null).execute();
  await trx
    .insertInto('agreements')
    .values({
      id: a.id,
      peer_id: a.peerId,
      types_json: JSON.stringify(a.types),
      max_tlp: a.maxTlp,
      personal_data: a.personalData ? 1 : 0,
      redact_json: JSON.stringify(a.redact),
      active: a.active ? 1 : 0,
      onward: a.onward ? 1 : 0,
      created_by: a.createdBy,
      created_at: a.createdAt,
      superseded_at: null,
    })
    .execute();
}

/** The agreement in force with a peer (possibly inactive), or null. */
export async function currentAgreement(db: Executor, peerId: string): Promise<StoredAgreement | null> {
  const r = await db.selectFrom('agreements').selectAll().where('peer_id', '=', peerId).where('superseded_at', 'is', null).executeTakeFirst();
  return r ? agreementFromRow(r) : null;
}

export async function currentAgreements(db: Executor): Promise<Map<string, StoredAgreement>> {
  const rows = await db.selectFrom('agreements').selectAll().where('superseded_at', 'is', null).execute();
  return new Map(rows.map((r) => [r.peer_id, agreementFromRow(r)]));
}

// ---- feed (sending side) ----------------------------------------------------------------

export interface OutboxItem {
  seq: number;
  recordId: string;
  type: string;
  version: number;
  op: string;
}

/** Index first: outbox rows after the cursor, by primary key; limit+1 tells whether there is more. */
export async function outboxAfter(db: Executor, after: number, limit: number): Promise<OutboxItem[]> {
  const rows = await db
    .selectFrom('outbox')
    .select(['seq', 'record_id', 'type', 'version', 'op'])
    .where('seq', '>', after)
    .orderBy('seq')
    .limit(limit)
    .execute();
  return rows.map((r) => ({ seq: Number(r.seq), recordId: r.record_id, type: r.type, version: Number(r.version), op: r.op }));
}

/** Stored versions (body and marking) for (record, version) pairs, keyed "id@version". */
export async function versionsOf(db: Executor, pairs: { recordId: string; version: number }[]) {
  const out = new Map<string, { body: unknown; marking: unknown }>();
  if (pairs.length === 0) return out;
  const rows = await db
    .selectFrom('record_versions')
    .select(['record_id', 'version', 'body_json', 'marking_json'])
    .where((eb) => eb.or(pairs.map((p) => eb.and([eb('record_id', '=', p.recordId), eb('version', '=', p.version)]))))
    .execute();
  for (const r of rows) out.set(`${r.record_id}@${Number(r.version)}`, { body: JSON.parse(r.body_json), marking: JSON.parse(r.marking_json) });
  return out;
}

/** Current rows (not deleted) of one record type by id. */
export async function currentRecords<T extends RecordKind>(db: Executor, type: T, ids: string[]): Promise<Map<string, SavedRecord<T>>> {
  const out = new Map<string, SavedRecord<T>>();
  if (ids.length === 0) return out;
  // The table is chosen at run time, which Kysely's typed builder cannot express.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  const rows = (await (db as unknown as Kysely<any>)
    .selectFrom(RECORD_TABLES[type])
    .selectAll()
    .where('id', 'in', ids)
    .where('deleted_at', 'is', null)
    .execute()) as RecordColumns[];
  for (const row of rows) out.set(row.id, recordFromRow(type, row));
  return out;
}

/** Records this peer currently holds from us (sent and not withdrawn), among `recordIds`. */
export async function heldByPeer(db: Executor, peerId: string, recordIds: string[]): Promise<Set<string>> {
  if (recordIds.length === 0) return new Set();
  const rows = await db
    .selectFrom('federation_sent')
    .select('record_id')
    .where('peer_id', '=', peerId)
    .where('record_id', 'in', recordIds)
    .where('withdrawn', '=', 0)
    .execute();
  return new Set(rows.map((r) => r.record_id));
}

export async function markSent(trx: Trx, peerId: string, recordId: string, version: number, withdrawn: boolean, at: string): Promise<void> {
  const values = { version, withdrawn: withdrawn ? 1 : 0, sent_at: at };
  await trx
    .insertInto('federation_sent')
    .values({ peer_id: peerId, record_id: recordId, ...values })
    .onConflict((oc) => oc.columns(['peer_id', 'record_id']).doUpdateSet(values))
    .execute();
}

// ---- received envelopes -----------------------------------------------------------------

export async function insertReceivedEnvelope(
  trx: Trx,
  e: { recordId: string; version: number; op: string; type: string; peerId: string; envelopeJson: string },
  at: string,
): Promise<void> {
  await trx
    .insertInto('received_envelopes')
    .values({ record_id: e.recordId, version: e.version, op: e.op, type: e.type, peer_id: e.peerId, envelope_json: e.envelopeJson, received_at: at })
    // The same version can arrive again after a withdrawal; keep the latest signed proof.
    .onConflict((oc) => oc.columns(['record_id', 'version', 'op']).doUpdateSet({ envelope_json: e.envelopeJson, peer_id: e.peerId, received_at: at }))
    .execute();
}

export async function countReceivedEnvelopes(db: Executor): Promise<number> {
  const r = await db.selectFrom('received_envelopes').select((eb) => eb.fn.countAll().as('n')).executeTakeFirst();
  return Number(r?.n ?? 0);
}

// ---- delivery with receipts (sender side) -----------------------------------------------

export interface OutgoingRow {
  peerId: string;
  recordId: string;
  type: string;
  seq: number;
  version: number;
  op: string;
  digest: string;
  pending: boolean;
  lastSignedAt: string | null;
  sends: number;
  ackedVersion: number | null;
  ackedOp: string | null;
  ackedDigest: string | null;
  ackedStatus: string | null;
  ackedReason: string | null;
  ackedAt: string | null;
}

const outgoingFromRow = (r: FedOutgoingTable): OutgoingRow => ({
  peerId: r.peer_id,
  recordId: r.record_id,
  type: r.type,
  seq: Number(r.seq),
  version: Number(r.version),
  op: r.op,
  digest: r.digest,
  pending: Number(r.pending) === 1,
  lastSignedAt: r.last_signed_at,
  sends: Number(r.sends),
  ackedVersion: r.acked_version === null ? null : Number(r.acked_version),
  ackedOp: r.acked_op,
  ackedDigest: r.acked_digest,
  ackedStatus: r.acked_status,
  ackedReason: r.acked_reason,
  ackedAt: r.acked_at,
});

const CHUNK = 400;
function chunks<T>(items: T[], size = CHUNK): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

export async function outgoingFor(db: Executor, peerId: string, recordIds: string[]): Promise<Map<string, OutgoingRow>> {
  const out = new Map<string, OutgoingRow>();
  for (const ids of chunks([...new Set(recordIds)])) {
    const rows = await db.selectFrom('fed_outgoing').selectAll().where('peer_id', '=', peerId).where('record_id', 'in', ids).execute();
    for (const r of rows) out.set(r.record_id, outgoingFromRow(r));
  }
  return out;
}

/** Sets what the peer should hold now; pending unless its receipts already say it holds exactly that. */
export async function upsertDesired(trx: Trx, peerId: string, rows: { recordId: string; type: string; seq: number; version: number; op: string; digest: string; pending: boolean }[]): Promise<void> {
  for (const batch of chunks(rows, 200)) {
    await trx
      .insertInto('fed_outgoing')
      .values(batch.map((r) => ({ peer_id: peerId, record_id: r.recordId, type: r.type, seq: r.seq, version: r.version, op: r.op, digest: r.digest, pending: r.pending ? 1 : 0, sends: 0 })))
      .onConflict((oc) =>
        oc.columns(['peer_id', 'record_id']).doUpdateSet((eb) => ({
          type: eb.ref('excluded.type'),
          seq: eb.ref('excluded.seq'),
          version: eb.ref('excluded.version'),
          op: eb.ref('excluded.op'),
          digest: eb.ref('excluded.digest'),
          pending: eb.ref('excluded.pending'),
        })),
      )
      .execute();
  }
}

/** Records waiting for the peer's receipt, oldest change first. */
export async function pendingOutgoing(db: Executor, peerId: string, limit: number): Promise<OutgoingRow[]> {
  const rows = await db.selectFrom('fed_outgoing').selectAll().where('peer_id', '=', peerId).where('pending', '=', 1).orderBy('seq').orderBy('record_id').limit(limit).execute();
  return rows.map(outgoingFromRow);
}

export async function countPending(db: Executor, peerId: string): Promise<number> {
  const r = await db.selectFrom('fed_outgoing').select((eb) => eb.fn.countAll().as('n')).where('peer_id', '=', peerId).where('pending', '=', 1).executeTakeFirst();
  return Number(r?.n ?? 0);
}

export async function countOutboxAfter(db: Executor, after: number): Promise<number> {
  const r = await db.selectFrom('outbox').select((eb) => eb.fn.countAll().as('n')).where('seq', '>', after).executeTakeFirst();
  return Number(r?.n ?? 0);
}

/** Records that these were signed (and sent) now: `at` is the latest signedAt of the page, so it never moves back. */
export async function markSigned(trx: Trx, peerId: string, recordIds: string[], at: string): Promise<void> {
  for (const ids of chunks(recordIds)) {
    await trx
      .updateTable('fed_outgoing')
      .set((eb) => ({ last_signed_at: at, sends: eb('sends', '+', 1) }))
      .where('peer_id', '=', peerId)
      .where('record_id', 'in', ids)
      .execute();
  }
}

export async function setOutWalk(trx: Trx, peerId: string, cursor: number, terms: string): Promise<void> {
  await trx.updateTable('peers').set({ out_cursor: cursor, out_terms: terms }).where('id', '=', peerId).execute();
}

/**
 * What the peer's signed receipt says it holds: an item that matches the desired state clears
 * `pending`. A receipt for an older state (late or reordered) never moves `acked` backwards.
 */
export async function applyReceiptItems(
  trx: Trx,
  peerId: string,
  items: { id: string; version: number; op: string; digest: string; status: string; reason?: string }[],
  at: string,
): Promise<number> {
  const current = await outgoingFor(trx, peerId, items.map((i) => i.id));
  let cleared = 0;
  for (const it of items) {
    const row = current.get(it.id);
    if (!row) continue;
    // 'stale' means the peer holds something newer than this item: it says nothing we can count on.
    if (it.status === 'stale') continue;
    if (row.ackedVersion !== null && it.version < row.ackedVersion) continue;
    const matches = it.version === row.version && it.op === row.op && it.digest === row.digest;
    if (matches && row.pending) cleared += 1;
    await trx
      .updateTable('fed_outgoing')
      .set({
        acked_version: it.version,
        acked_op: it.op,
        acked_digest: it.digest,
        acked_status: it.status === 'rejected' ? 'rejected' : 'applied',
        acked_reason: it.reason ?? null,
        acked_at: at,
        pending: matches ? 0 : row.pending ? 1 : 0,
      })
      .where('peer_id', '=', peerId)
      .where('record_id', '=', it.id)
      .execute();
  }
  return cleared;
}

// ---- delivery (receiver side) -----------------------------------------------------------

export interface IncomingState {
  recordId: string;
  type: string;
  ownerNode: string;
  peerId: string;
  version: number;
  op: 'put' | 'withdraw';
  digest: string;
  signedAt: string;
  state: 'held' | 'withdrawn' | 'refused';
}

export async function incomingStates(db: Executor, recordIds: string[]): Promise<Map<string, IncomingState>> {
  const out = new Map<string, IncomingState>();
  for (const ids of chunks([...new Set(recordIds)])) {
    const rows = await db.selectFrom('fed_incoming').selectAll().where('record_id', 'in', ids).execute();
    for (const r of rows) {
      out.set(r.record_id, {
        recordId: r.record_id,
        type: r.type,
        ownerNode: r.owner_node,
        peerId: r.peer_id,
        version: Number(r.version),
        op: r.op as 'put' | 'withdraw',
        digest: r.digest,
        signedAt: r.signed_at,
        state: r.state as IncomingState['state'],
      });
    }
  }
  return out;
}

export async function upsertIncoming(trx: Trx, s: IncomingState, at: string): Promise<void> {
  const values = { type: s.type, owner_node: s.ownerNode, peer_id: s.peerId, version: s.version, op: s.op, digest: s.digest, signed_at: s.signedAt, state: s.state, received_at: at };
  await trx
    .insertInto('fed_incoming')
    .values({ record_id: s.recordId, ...values })
    .onConflict((oc) => oc.column('record_id').doUpdateSet(values))
    .execute();
}

/** Many incoming states at once (a page): one upsert per chunk; the last state of a record wins. */
export async function upsertIncomingMany(trx: Trx, list: IncomingState[], at: string): Promise<void> {
  const last = new Map(list.map((s) => [s.recordId, s]));
  const rows = [...last.values()].map((s) => ({ record_id: s.recordId, type: s.type, owner_node: s.ownerNode, peer_id: s.peerId, version: s.version, op: s.op, digest: s.digest, signed_at: s.signedAt, state: s.state, received_at: at }));
  for (const part of chunks(rows, 200)) {
    await trx
      .insertInto('fed_incoming')
      .values(part)
      .onConflict((oc) =>
        oc.column('record_id').doUpdateSet((eb) => ({
          type: eb.ref('excluded.type'),
          owner_node: eb.ref('excluded.owner_node'),
          peer_id: eb.ref('excluded.peer_id'),
          version: eb.ref('excluded.version'),
          op: eb.ref('excluded.op'),
          digest: eb.ref('excluded.digest'),
          signed_at: eb.ref('excluded.signed_at'),
          state: eb.ref('excluded.state'),
          received_at: eb.ref('excluded.received_at'),
        })),
      )
      .execute();
  }
}

/** The signed envelopes of a page, kept as proof (the latest signed copy of each (id, version, op)). */
export async function insertReceivedEnvelopes(trx: Trx, list: { recordId: string; version: number; op: string; type: string; peerId: string; envelopeJson: string }[], at: string): Promise<void> {
  const last = new Map(list.map((e) => [`${e.recordId}@${e.version}@${e.op}`, e]));
  const rows = [...last.values()].map((e) => ({ record_id: e.recordId, version: e.version, op: e.op, type: e.type, peer_id: e.peerId, envelope_json: e.envelopeJson, received_at: at }));
  for (const part of chunks(rows, 200)) {
    await trx
      .insertInto('received_envelopes')
      .values(part)
      .onConflict((oc) =>
        oc.columns(['record_id', 'version', 'op']).doUpdateSet((eb) => ({ envelope_json: eb.ref('excluded.envelope_json'), peer_id: eb.ref('excluded.peer_id'), received_at: eb.ref('excluded.received_at') })),
      )
      .execute();
  }
}

/** For records held from other nodes: what we applied last and the item (envelope or relayed item) as it was received. */
export async function receivedSources(db: Executor, recordIds: string[]): Promise<Map<string, { state: IncomingState; json: string }>> {
  const out = new Map<string, { state: IncomingState; json: string }>();
  const states = await incomingStates(db, recordIds);
  const wanted = [...states.values()].filter((s) => s.state !== 'refused');
  for (const part of chunks(wanted, 200)) {
    const rows = await db
      .selectFrom('received_envelopes')
      .select(['record_id', 'version', 'op', 'envelope_json'])
      .where('record_id', 'in', part.map((s) => s.recordId))
      .execute();
    for (const r of rows) {
      const s = states.get(r.record_id)!;
      if (Number(r.version) === s.version && r.op === s.op) out.set(r.record_id, { state: s, json: r.envelope_json });
    }
  }
  return out;
}

// ---- nonces, receipts, refusals, contact ------------------------------------------------

/** Records a request nonce; false when that node already used it (a replay). Expired ones are purged. */
export async function useNonce(trx: Trx, nodeId: string, nonce: string, expiresAt: string, now: string): Promise<boolean> {
  const seen = await trx.selectFrom('fed_nonces').select('nonce').where('node_id', '=', nodeId).where('nonce', '=', nonce).executeTakeFirst();
  if (seen) return false;
  await trx.insertInto('fed_nonces').values({ node_id: nodeId, nonce, expires_at: expiresAt }).execute();
  if (nonce.charCodeAt(0) % 16 === 0) await trx.deleteFrom('fed_nonces').where('expires_at', '<', now).execute();
  return true;
}

export async function insertReceipt(trx: Trx, r: { id: string; peerId: string; direction: 'in' | 'out'; items: number; json: string; at: string }): Promise<void> {
  await trx.insertInto('fed_receipts').values({ id: r.id, peer_id: r.peerId, direction: r.direction, items: r.items, receipt_json: r.json, at: r.at }).execute();
}

export interface Rejection {
  id: string;
  peerId: string | null;
  nodeId: string | null;
  kind: 'request' | 'envelope' | 'page' | 'receipt' | 'contact';
  code: string;
  recordId: string | null;
  version: number | null;
  detail: string | null;
  at: string;
}

export async function insertRejection(db: Executor, r: Rejection): Promise<void> {
  await db
    .insertInto('fed_rejections')
    .values({ id: r.id, peer_id: r.peerId, node_id: r.nodeId, kind: r.kind, code: r.code, record_id: r.recordId, version: r.version, detail: r.detail?.slice(0, 500) ?? null, at: r.at })
    .execute();
}

export async function listRejections(db: Executor, peerId: string, limit: number): Promise<Rejection[]> {
  const rows = await db.selectFrom('fed_rejections').selectAll().where('peer_id', '=', peerId).orderBy('at', 'desc').orderBy('id').limit(limit).execute();
  return rows.map((r) => ({
    id: r.id,
    peerId: r.peer_id,
    nodeId: r.node_id,
    kind: r.kind as Rejection['kind'],
    code: r.code,
    recordId: r.record_id,
    version: r.version === null ? null : Number(r.version),
    detail: r.detail,
    at: r.at,
  }));
}

export async function rejectionCounts(db: Executor, peerId: string): Promise<Record<string, number>> {
  const rows = await db.selectFrom('fed_rejections').select(['code', (eb) => eb.fn.countAll().as('n')]).where('peer_id', '=', peerId).groupBy('code').execute();
  return Object.fromEntries(rows.map((r) => [r.code, Number(r.n)]));
}

export async function touchPeer(db: Executor, peerId: string, at: string, remoteAgreementJson?: string): Promise<void> {
  await db
    .updateTable('peers')
    .set({ last_contact_at: at, ...(remoteAgreementJson !== undefined ? { remote_agreement_json: remoteAgreementJson } : {}) })
    .where('id', '=', peerId)
    .execute();
}

/** Per record type: sent (acked applied / pending / rejected by the peer) and received (held / withdrawn / refused). */
export async function deliveryStats(db: Executor, peerId: string) {
  const out = await db
    .selectFrom('fed_outgoing')
    .select(['type', 'pending', 'acked_status', 'op', (eb) => eb.fn.countAll().as('n')])
    .where('peer_id', '=', peerId)
    .groupBy(['type', 'pending', 'acked_status', 'op'])
    .execute();
  const inc = await db
    .selectFrom('fed_incoming')
    .select(['type', 'state', (eb) => eb.fn.countAll().as('n')])
    .where('peer_id', '=', peerId)
    .groupBy(['type', 'state'])
    .execute();
  return {
    sent: out.map((r) => ({ type: r.type, pending: Number(r.pending) === 1, ackedStatus: r.acked_status, op: r.op, count: Number(r.n) })),
    received: inc.map((r) => ({ type: r.type, state: r.state, count: Number(r.n) })),
  };
}

export async function setRemoteBacklog(db: Executor, peerId: string, backlog: number): Promise<void> {
  await db.updateTable('peers').set({ remote_backlog: backlog }).where('id', '=', peerId).execute();
}

export async function lastReceiptAt(db: Executor, peerId: string, direction: 'in' | 'out'): Promise<string | null> {
  const r = await db.selectFrom('fed_receipts').select('at').where('peer_id', '=', peerId).where('direction', '=', direction).orderBy('at', 'desc').limit(1).executeTakeFirst();
  return r?.at ?? null;
}
