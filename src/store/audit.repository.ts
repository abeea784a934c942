import { randomUUID } from 'node:crypto';
import {
  ChainVerifier,
  GENESIS_HASH,
  hashAuditEntry,
  type AuditEntry,
  type ChainProblem,
  type StoredAuditEntry,
} from '../domain/audit/chain.ts';
import type { Db } from './db.ts';
import type { Executor, Trx } from './transaction.ts';

export interface AuditInput {
  actor: string;
  action: string;
  entityType: string;
  entityId: string | null;
  /** Never personal data in clear: ids, versions, hashes, counts. */
  detail?: Record<string, unknown>;
}

const HEAD = 'head';

/**
 * The chain's head as this write transaction last left it. The transaction holds the node's
 * write lock, so no one else moves the head until it ends: a report's two entries read it once
 * instead of twice. Keyed by the transaction object, which is new for every transaction.
 * `stored` says whether the head row exists; `pending` that the row still has to be moved.
 */
const headOf = new WeakMap<Trx, { seq: number; hash: string; stored: boolean; pending: boolean }>();
/** Transactions that write the head row once, at their end (flushAuditHead), not per entry. */
const deferred = new WeakSet<Trx>();

/** Appends one entry to the hash chain. Call inside a write transaction. */
export async function appendAudit(trx: Trx, input: AuditInput, now = new Date()): Promise<StoredAuditEntry> {
  let head = headOf.get(trx);
  if (!head) {
    const row = await trx.selectFrom('audit_head').select(['seq', 'hash']).where('id', '=', HEAD).executeTakeFirst();
    head = row ? { seq: row.seq, hash: row.hash, stored: true, pending: false } : { seq: 0, hash: GENESIS_HASH, stored: false, pending: false };
    headOf.set(trx, head);
  }
  const entry: AuditEntry = {
    seq: head.seq + 1,
    id: randomUUID(),
    at: now.toISOString(),
    actor: input.actor,
    action: input.action,
    entityType: input.entityType,
    entityId: input.entityId,
    detail: input.detail ?? {},
    prevHash: head.hash,
  };
  const hash = hashAuditEntry(entry);
  await trx
    .insertInto('audit_log')
    .values({
      seq: entry.seq,
      id: entry.id,
      at: entry.at,
      actor: entry.actor,
      action: entry.action,
      entity_type: entry.entityType,
      entity_id: entry.entityId,
      detail_json: JSON.stringify(entry.detail),
      prev_hash: entry.prevHash,
      hash,
    })
    .execute();
  head.seq = entry.seq;
  head.hash = hash;
  head.pending = true;
  if (!deferred.has(trx)) await flushAuditHead(trx);
  return { ...entry, hash };
}

/** Moves the head row to the last entry this transaction appended (nothing appended: nothing). */
export async function flushAuditHead(trx: Trx): Promise<void> {
  const head = headOf.get(trx);
  if (!head?.pending) return;
  if (head.stored) {
    await trx.updateTable('audit_head').set({ seq: head.seq, hash: head.hash }).where('id', '=', HEAD).execute();
  } else {
    await trx.insertInto('audit_head').values({ id: HEAD, seq: head.seq, hash: head.hash }).execute();
  }
  head.stored = true;
  head.pending = false;
}

/**
 * Runs fn with the head row written once, after fn, instead of after every entry: for the
 * transaction helpers (transaction.ts), which call this around all the work before committing.
 */
export async function withDeferredAuditHead<T>(trx: Trx, fn: (trx: Trx) => Promise<T>): Promise<T> {
  deferred.add(trx);
  const value = await fn(trx);
  await flushAuditHead(trx);
  return value;
}

export interface AuditVerification {
  ok: boolean;
  checked: number;
  problem: ChainProblem | null;
}

const PAGE = 5_000;

/** Re-reads the whole chain in pages and checks every link. */
export async function verifyAuditChain(db: Db): Promise<AuditVerification> {
  const verifier = new ChainVerifier();
  let after = 0;
  for (;;) {
    const rows = await db.kysely
      .selectFrom('audit_log')
      .selectAll()
      .where('seq', '>', after)
      .orderBy('seq')
      .limit(PAGE)
      .execute();
    for (const row of rows) {
      const ok = verifier.push({
        seq: row.seq,
        id: row.id,
        at: row.at,
        actor: row.actor,
        action: row.action,
        entityType: row.entity_type,
        entityId: row.entity_id,
        detail: JSON.parse(row.detail_json) as Record<string, unknown>,
        prevHash: row.prev_hash,
        hash: row.hash,
      });
      if (!ok) return { ok: false, checked: verifier.count, problem: verifier.problem };
    }
    if (rows.length < PAGE) break;
    after = rows[rows.length - 1]!.seq;
  }
  const head = await db.kysely.selectFrom('audit_head').select(['seq', 'hash']).where('id', '=', HEAD).executeTakeFirst();
  const problem = verifier.finish(head ?? null);
  return { ok: problem === null, checked: verifier.count, problem };
}

export async function listAudit(db: Executor, limit: number, beforeSeq?: number) {
  let q = db.selectFrom('audit_log').selectAll().orderBy('seq', 'desc').limit(limit);
  if (beforeSeq !== undefined) q = q.where('seq', '<', beforeSeq);
  return q.execute();
}
