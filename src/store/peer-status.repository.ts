import { sql } from 'kysely';
import type { Executor } from './transaction.ts';

/**
 * Reads and writes behind the peer status (docs/federation.md, "Peer status"). Kept apart from
 * federation.repository.ts: these are the figures an administrator looks at, not the protocol.
 */

/** Our pull from a peer failed: when, why (one line, no secrets), and one more in a row. */
export async function notePullFailure(db: Executor, peerId: string, at: string, reason: string): Promise<void> {
  await db
    .updateTable('peers')
    .set((eb) => ({ last_failure_at: at, last_failure_reason: reason.slice(0, 300), failures: eb('failures', '+', 1) }))
    .where('id', '=', peerId)
    .execute();
}

/** A pull worked: the run of failures ends (written only when there was one, so a healthy link costs nothing). */
export async function notePullSuccess(db: Executor, peerId: string): Promise<void> {
  await db.updateTable('peers').set({ failures: 0 }).where('id', '=', peerId).where('failures', '>', 0).execute();
}

export interface PeerContact {
  lastFailureAt: string | null;
  lastFailureReason: string | null;
  failures: number;
}

export async function peerContacts(db: Executor): Promise<Map<string, PeerContact>> {
  const rows = await db.selectFrom('peers').select(['id', 'last_failure_at', 'last_failure_reason', 'failures']).execute();
  return new Map(rows.map((r) => [r.id, { lastFailureAt: r.last_failure_at ?? null, lastFailureReason: r.last_failure_reason ?? null, failures: Number(r.failures ?? 0) }]));
}

/** When the oldest record still waiting for this peer's receipt was last signed (sent), or null. */
export async function oldestUnackedSentAt(db: Executor, peerId: string): Promise<string | null> {
  const r = await db
    .selectFrom('fed_outgoing')
    .select((eb) => eb.fn.min('last_signed_at').as('at'))
    .where('peer_id', '=', peerId)
    .where('pending', '=', 1)
    .where('last_signed_at', 'is not', null)
    .executeTakeFirst();
  return (r?.at as string | null | undefined) ?? null;
}

/** Refusals recorded for a peer since `since` (for the health rule). */
export async function countRefusalsSince(db: Executor, peerId: string, since: string): Promise<number> {
  const r = await db.selectFrom('fed_rejections').select((eb) => eb.fn.countAll().as('n')).where('peer_id', '=', peerId).where('at', '>=', since).executeTakeFirst();
  return Number(r?.n ?? 0);
}

/** Calls signed by node ids we do not know (PEER_UNKNOWN): per claimed node id, and the latest few. */
export async function unknownCallers(db: Executor, recent: number) {
  const byNode = await db
    .selectFrom('fed_rejections')
    .select(['node_id', (eb) => eb.fn.countAll().as('n'), (eb) => eb.fn.max('at').as('last_at')])
    .where('peer_id', 'is', null)
    .groupBy('node_id')
    .orderBy('last_at', 'desc')
    .limit(20)
    .execute();
  const latest = await db.selectFrom('fed_rejections').select(['node_id', 'code', 'detail', 'at']).where('peer_id', 'is', null).orderBy('at', 'desc').limit(recent).execute();
  const total = await db.selectFrom('fed_rejections').select((eb) => eb.fn.countAll().as('n')).where('peer_id', 'is', null).executeTakeFirst();
  return {
    total: Number(total?.n ?? 0),
    byNode: byNode.map((r) => ({ nodeId: r.node_id ?? '', count: Number(r.n), lastAt: String(r.last_at) })),
    recent: latest.map((r) => ({ nodeId: r.node_id ?? '', code: r.code, detail: r.detail, at: r.at })),
  };
}

/** This node's current key (with when it was made) and the keys it retired. */
export async function ownKeys(db: Executor, nodeId: string) {
  const current = await db.selectFrom('node_keys').select(['public_key', 'created_at']).where('node_id', '=', nodeId).executeTakeFirst();
  const retired = await db.selectFrom('node_keys_retired').select(['public_key', 'retired_at']).where('node_id', '=', nodeId).orderBy('retired_at', 'desc').execute();
  return { current: current ? { publicKey: current.public_key, since: current.created_at } : null, retired: retired.map((r) => ({ publicKey: r.public_key, retiredAt: r.retired_at })) };
}

/** A peer's earlier keys: each still verifies what the peer signed before `validUntil` (the overlap). */
export async function previousPeerKeys(db: Executor): Promise<Map<string, { publicKey: string; validUntil: string }[]>> {
  const rows = await db.selectFrom('peer_keys').select(['peer_id', 'public_key', 'valid_until']).orderBy('valid_until', 'desc').execute();
  const out = new Map<string, { publicKey: string; validUntil: string }[]>();
  for (const r of rows) out.set(r.peer_id, [...(out.get(r.peer_id) ?? []), { publicKey: r.public_key, validUntil: r.valid_until }]);
  return out;
}

export interface HandoverState {
  /** When we rotated. */
  at: string;
  /** Whether this peer accepted the hand-over of our new key. */
  delivered: boolean;
  /** Delivery attempts and the last error, where hand-overs are re-sent until accepted. */
  attempts: number | null;
  lastError: string | null;
}

/**
 * Our latest key hand-over to each peer, by peer id. Where hand-overs are re-sent until accepted
 * (table `fed_key_handovers`, from the key-rotation work) that table says it; a database without
 * it says only what the `node.key_rotate` audit entry recorded at rotation (delivered / failed
 * peer names). Read by plain SQL so this works with either schema.
 */
export async function handoverStates(db: Executor, peers: { id: string; name: string }[]): Promise<Map<string, HandoverState>> {
  const out = new Map<string, HandoverState>();
  try {
    const rows = await sql<{ peer_id: string; at: string; accepted_at: string | null; attempts: number | string; last_error: string | null }>`
      select peer_id, at, accepted_at, attempts, last_error from fed_key_handovers order by at`.execute(db);
    for (const r of rows.rows) out.set(r.peer_id, { at: r.at, delivered: r.accepted_at !== null, attempts: Number(r.attempts), lastError: r.last_error });
    return out;
  } catch (err) {
    if (!/no such table|does not exist/i.test((err as Error).message)) throw err;
  }
  const r = await db.selectFrom('audit_log').select(['at', 'detail_json']).where('action', '=', 'node.key_rotate').orderBy('seq', 'desc').limit(1).executeTakeFirst();
  if (!r) return out;
  let d: { delivered?: unknown; failed?: unknown };
  try {
    d = JSON.parse(r.detail_json) as typeof d;
  } catch {
    return out;
  }
  // The rotation's own time (the hand-over's `at`), which the retired key carries; the audit entry is a moment later.
  const retired = await db.selectFrom('node_keys_retired').select('retired_at').orderBy('retired_at', 'desc').limit(1).executeTakeFirst();
  const at = retired?.retired_at ?? r.at;
  const names = (v: unknown) => new Set(Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);
  const [delivered, failed] = [names(d.delivered), names(d.failed)];
  for (const p of peers) {
    if (delivered.has(p.name) || failed.has(p.name)) out.set(p.id, { at, delivered: delivered.has(p.name), attempts: null, lastError: null });
  }
  return out;
}
