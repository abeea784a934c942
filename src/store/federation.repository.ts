import type { Agreement, AgreementTlp } from '../domain/federation/sharing-policy.ts';
import type { Kysely } from 'kysely';
import type { RecordKind } from '../domain/records/bodies.ts';
import { recordFromRow, type SavedRecord } from './records.repository.ts';
import { RECORD_TABLES, type AgreementsTable, type PeersTable, type RecordColumns } from './schema.ts';
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
}

const peerFromRow = (r: PeersTable): Peer => ({
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
});

export async function insertPeer(trx: Trx, p: Omit<Peer, 'pullCursor' | 'lastPullAt' | 'remoteAgreementId'>): Promise<void> {
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
