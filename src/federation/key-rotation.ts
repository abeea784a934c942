import type { KeyObject } from 'node:crypto';
import { keyFingerprint } from '../domain/federation/key-fingerprint.ts';
import { z } from 'zod';
import { generateNodeKeyPair, privateKeyFromPem, publicKeyFromBase64, verifyEnvelope, type SignedEnvelope, type VerifyResult } from '../domain/federation/envelope.ts';
import { signObject, verifyObject } from '../domain/federation/protocol.ts';
import { authorize } from '../domain/policy/authorize.ts';
import { AppError } from '../errors.ts';
import type { AppContext } from '../services/context.ts';
import { principalOf } from '../services/principal.ts';
import { actorId, type Actor } from '../services/users.service.ts';
import { appendAudit } from '../store/audit.repository.ts';
import { getNodeKeys, listPeers, type Peer } from '../store/federation.repository.ts';
import { inWriteTransaction } from '../store/transaction.ts';
import { recordRejection } from './feed.ts';
import { forgetSigner } from './keys.ts';
import { peerRequest } from './sync.ts';

/**
 * Key rotation (docs/federation.md, "Key rotation"): a node makes a new Ed25519 key and signs a
 * hand-over `{nodeId, oldKey, newKey, at, oldKeyValidUntil}` with the OLD key. Each peer checks
 * it with the key it has registered, keeps the old key until `oldKeyValidUntil` (the overlap;
 * `at` without one) and registers the new one. Until then the old key still verifies requests,
 * pages, receipts and envelopes; afterwards only envelopes signed before that time.
 *
 * Delivery is recorded per peer (`fed_key_handovers`): a peer that was down at rotation gets
 * the hand-over again on the next contact or sync round until it acknowledges it.
 */

const handoverSchema = z
  .object({
    nodeId: z.string().min(1).max(64),
    oldKey: z.string().min(1).max(100),
    newKey: z.string().min(1).max(100),
    at: z.iso.datetime(),
    oldKeyValidUntil: z.iso.datetime().optional(),
    signature: z.string().min(1).max(200),
  })
  .strict();
export type KeyHandover = z.output<typeof handoverSchema>;

/** What POST /api/federation/key takes: one hand-over, or the chain of those a peer missed (oldest first). */
export const handoverBodySchema = z.union([handoverSchema, z.object({ handovers: z.array(handoverSchema).min(1).max(16) }).strict()]);
const chainOf = (body: z.output<typeof handoverBodySchema>): KeyHandover[] => ('handovers' in body ? body.handovers : [body]);

/** At most this long may the old key stay valid after a rotation. */
export const MAX_OVERLAP_MS = 90 * 86_400_000;
const UNITS: Record<string, number> = { s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000, w: 7 * 86_400_000 };

/** "0", "90s", "30m", "12h", "7d", "2w" → milliseconds; null for anything else or beyond 90 days. */
export function parseOverlap(text: string): number | null {
  const m = /^(\d{1,6})([smhdw])?$/.exec(text.trim());
  if (!m || (m[2] === undefined && m[1] !== '0')) return null;
  const ms = Number(m[1]) * (m[2] ? UNITS[m[2]]! : 0);
  return ms <= MAX_OVERLAP_MS ? ms : null;
}

// The same "SHA256:…" form the peer status page shows (one definition for both).
export { keyFingerprint };

export interface RotationResult {
  handover: KeyHandover;
  fingerprint: string;
  delivered: string[];
  /** Peers that did not accept it now: they get it on the next contact or sync round. */
  pending: { peer: string; error: string }[];
}

/**
 * Rotates this node's key: records the hand-over for every peer, switches to the new key (the
 * old public key is kept in `node_keys_retired`; the old private key is not kept), then tries
 * to deliver it to each peer at once. Delivery needs no old key: the request is signed with the
 * new key, which the hand-over (signed by the old one) vouches for.
 */
export async function rotateNodeKey(
  ctx: AppContext,
  opts: { actor?: Actor; overlapMs?: number; now?: Date; fetchImpl?: typeof fetch } = {},
): Promise<RotationResult> {
  const actor: Actor = opts.actor ?? { kind: 'system', name: 'key-rotation' };
  authorize(principalOf(actor), 'federation:admin');
  const overlapMs = opts.overlapMs ?? 0;
  if (!Number.isInteger(overlapMs) || overlapMs < 0 || overlapMs > MAX_OVERLAP_MS) throw new AppError('VALIDATION_FAILED', 'the overlap must be between 0 and 90 days');
  const now = opts.now ?? new Date();
  const current = (await getNodeKeys(ctx.db.kysely, ctx.node.id))!;
  const next = generateNodeKeyPair();
  const at = now.toISOString();
  const handover = signObject(
    { nodeId: ctx.node.id, oldKey: current.publicKey, newKey: next.publicKey, at, ...(overlapMs > 0 ? { oldKeyValidUntil: new Date(now.getTime() + overlapMs).toISOString() } : {}) },
    privateKeyFromPem(current.privateKeyPem),
  );
  const peers = await listPeers(ctx.db.kysely);
  await inWriteTransaction(ctx.db, async (trx) => {
    await trx.insertInto('node_keys_retired').values({ node_id: ctx.node.id, public_key: current.publicKey, retired_at: at, handover_json: JSON.stringify(handover) }).execute();
    await trx.updateTable('node_keys').set({ public_key: next.publicKey, private_key_pem: next.privateKeyPem, created_at: at }).where('node_id', '=', ctx.node.id).execute();
    if (peers.length) await trx.insertInto('fed_key_handovers').values(peers.map((p) => ({ peer_id: p.id, new_key: next.publicKey, handover_json: JSON.stringify(handover), at }))).execute();
    await appendAudit(trx, {
      actor: actorId(actor),
      action: 'node.key_rotate',
      entityType: 'node',
      entityId: ctx.node.id,
      detail: { oldKey: current.publicKey, newKey: next.publicKey, fingerprint: keyFingerprint(next.publicKey), oldKeyValidUntil: handover.oldKeyValidUntil ?? at, peers: peers.map((p) => p.name) },
    });
  });
  forgetSigner(ctx);
  const delivered: string[] = [];
  const pending: { peer: string; error: string }[] = [];
  for (const peer of peers) {
    const r = await deliverPendingHandovers(ctx, peer, opts.fetchImpl);
    if (r.delivered) delivered.push(peer.name);
    else pending.push({ peer: peer.name, error: r.error ?? 'not delivered' });
  }
  return { handover, fingerprint: keyFingerprint(next.publicKey), delivered, pending };
}

/**
 * Sends `peer` every hand-over it has not acknowledged (oldest first, as one chain) and records
 * the outcome. Called at rotation, before each pull from the peer, before a push notice, and when
 * the peer contacts us; cheap (one indexed query) when nothing is pending.
 */
export async function deliverPendingHandovers(ctx: AppContext, peer: Peer, fetchImpl?: typeof fetch): Promise<{ delivered: boolean; error?: string; pending: number }> {
  const rows = await ctx.db.kysely.selectFrom('fed_key_handovers').select(['new_key', 'handover_json']).where('peer_id', '=', peer.id).where('accepted_at', 'is', null).orderBy('at').execute();
  if (rows.length === 0) return { delivered: false, pending: 0 };
  const chain = rows.map((r) => JSON.parse(r.handover_json) as KeyHandover);
  const keys = rows.map((r) => r.new_key);
  const at = new Date().toISOString();
  try {
    await peerRequest(ctx, peer, '/api/federation/key', { handovers: chain }, fetchImpl);
  } catch (err) {
    const error = (err as Error).message.slice(0, 500);
    await ctx.db.kysely
      .updateTable('fed_key_handovers')
      .set((eb) => ({ attempts: eb('attempts', '+', 1), last_attempt_at: at, last_error: error }))
      .where('peer_id', '=', peer.id)
      .where('new_key', 'in', keys)
      .execute();
    ctx.log.warn({ peer: peer.name, err: error }, 'federation: key hand-over not delivered (sent again on the next contact or sync round)');
    return { delivered: false, error, pending: rows.length };
  }
  await inWriteTransaction(ctx.db, async (trx) => {
    await trx
      .updateTable('fed_key_handovers')
      .set((eb) => ({ attempts: eb('attempts', '+', 1), last_attempt_at: at, last_error: null, accepted_at: at }))
      .where('peer_id', '=', peer.id)
      .where('new_key', 'in', keys)
      .execute();
    await appendAudit(trx, { actor: 'system:key-rotation', action: 'federation.key_handover_delivered', entityType: 'peer', entityId: peer.id, detail: { peer: peer.name, newKeys: keys } });
  });
  return { delivered: true, pending: 0 };
}

/** Peers whose hand-over is still owed, for a background delivery when they contact us. */
const delivering = new WeakMap<AppContext, Set<string>>();
export function deliverHandoversInBackground(ctx: AppContext, peer: Peer): void {
  let set = delivering.get(ctx);
  if (!set) delivering.set(ctx, (set = new Set()));
  if (set.has(peer.id)) return;
  set.add(peer.id);
  void deliverPendingHandovers(ctx, peer)
    .catch((err: Error) => ctx.log.warn({ peer: peer.name, err: err.message }, 'federation: key hand-over delivery failed'))
    .finally(() => set.delete(peer.id));
}

/**
 * The key a hand-over chain vouches for (its last new key), when every link is signed by the
 * key it replaces and follows on the one before; null otherwise. Used to accept the hand-over
 * request signed with the new key, from a node whose new key we do not know yet.
 */
export function vouchedKey(raw: unknown): { from: string; key: string } | null {
  const parsed = handoverBodySchema.safeParse(raw);
  if (!parsed.success) return null;
  const chain = chainOf(parsed.data);
  for (let i = 0; i < chain.length; i++) {
    const h = chain[i]!;
    if (i > 0 && h.oldKey !== chain[i - 1]!.newKey) return null;
    try {
      if (!verifyObject(h, publicKeyFromBase64(h.oldKey))) return null;
      publicKeyFromBase64(h.newKey);
    } catch {
      return null;
    }
  }
  return { from: chain[0]!.oldKey, key: chain[chain.length - 1]!.newKey };
}

/**
 * A peer's hand-over (or the chain of those it missed), each link checked with the key
 * registered for it then: the new key replaces it, the old one is kept until its
 * `oldKeyValidUntil` (or `at`). A link already accepted (its old key is in the history and its
 * new key registered or retired since) is skipped, so a re-sent hand-over is answered alike.
 */
export async function acceptKeyHandover(ctx: AppContext, peerIn: Peer, raw: unknown): Promise<{ accepted: boolean; key: string }> {
  let peer = peerIn;
  const refuse = async (code: string, detail: string): Promise<never> => {
    await recordRejection(ctx, { peerId: peer.id, nodeId: peer.nodeId, kind: 'contact', code, detail });
    throw new AppError('VALIDATION_FAILED', `key hand-over refused: ${code}`, { code });
  };
  const parsed = handoverBodySchema.safeParse(raw);
  if (!parsed.success) return refuse('HANDOVER_MALFORMED', parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '));
  for (const h of chainOf(parsed.data)) {
    const known = await ctx.db.kysely.selectFrom('peer_keys').select('public_key').where('peer_id', '=', peer.id).execute();
    const retired = new Set(known.map((k) => k.public_key));
    if (h.nodeId === peer.nodeId && retired.has(h.oldKey) && (h.newKey === peer.publicKey || retired.has(h.newKey))) continue;
    if (h.nodeId !== peer.nodeId || h.oldKey !== peer.publicKey) return refuse('HANDOVER_MISMATCH', 'the hand-over is not from the key registered for this peer');
    if (!verifyObject(h, publicKeyFromBase64(h.oldKey))) return refuse('HANDOVER_BAD_SIGNATURE', 'the hand-over is not signed by the old key');
    try {
      publicKeyFromBase64(h.newKey);
    } catch {
      return refuse('HANDOVER_MALFORMED', 'the new key is not an Ed25519 public key');
    }
    if (h.oldKeyValidUntil !== undefined && (h.oldKeyValidUntil < h.at || Date.parse(h.oldKeyValidUntil) - Date.parse(h.at) > MAX_OVERLAP_MS)) return refuse('HANDOVER_MALFORMED', 'the overlap must be between 0 and 90 days');
    const validUntil = h.oldKeyValidUntil ?? h.at;
    await inWriteTransaction(ctx.db, async (trx) => {
      await trx.insertInto('peer_keys').values({ peer_id: peer.id, public_key: h.oldKey, valid_until: validUntil, handover_json: JSON.stringify(h) }).onConflict((oc) => oc.columns(['peer_id', 'public_key']).doNothing()).execute();
      await trx.updateTable('peers').set({ public_key: h.newKey, updated_at: new Date().toISOString() }).where('id', '=', peer.id).execute();
      await appendAudit(trx, { actor: `peer:${peer.id}`, action: 'federation.peer_key_rotated', entityType: 'peer', entityId: peer.id, detail: { oldKey: h.oldKey, newKey: h.newKey, at: h.at, oldKeyValidUntil: validUntil } });
    });
    forgetPeerKeys(ctx, peer.id);
    peer = { ...peer, publicKey: h.newKey };
  }
  return { accepted: true, key: peer.publicKey };
}

/** A peer's keys for checking what it signed: the current one, and earlier ones each valid until its hand-over (plus the overlap). */
export async function peerKeyHistory(ctx: AppContext, peer: Peer): Promise<{ key: KeyObject; validUntil: string | null }[]> {
  const old = await ctx.db.kysely.selectFrom('peer_keys').selectAll().where('peer_id', '=', peer.id).execute();
  return [{ key: publicKeyFromBase64(peer.publicKey), validUntil: null }, ...old.map((o) => ({ key: publicKeyFromBase64(o.public_key), validUntil: o.valid_until }))];
}

/** Earlier keys of a peer still inside their overlap, cached briefly (looked up only when the current key fails). */
const overlapCache = new WeakMap<AppContext, Map<string, { until: number; keys: { key: KeyObject; validUntil: string }[] }>>();
function forgetPeerKeys(ctx: AppContext, peerId: string): void {
  overlapCache.get(ctx)?.delete(peerId);
}

/**
 * Checks something the peer signed now (a request, a page header, terms, a receipt): with its
 * registered key, or with an earlier key whose overlap has not ended yet.
 */
export async function verifiedByPeer(ctx: AppContext, peer: Peer, check: (key: KeyObject) => boolean, now = new Date()): Promise<boolean> {
  if (check(publicKeyFromBase64(peer.publicKey))) return true;
  let cache = overlapCache.get(ctx);
  if (!cache) overlapCache.set(ctx, (cache = new Map()));
  let entry = cache.get(peer.id);
  if (!entry || entry.until < Date.now()) {
    const rows = await ctx.db.kysely.selectFrom('peer_keys').select(['public_key', 'valid_until']).where('peer_id', '=', peer.id).where('valid_until', '>', now.toISOString()).execute();
    entry = { until: Date.now() + 5000, keys: rows.map((r) => ({ key: publicKeyFromBase64(r.public_key), validUntil: r.valid_until })) };
    cache.set(peer.id, entry);
  }
  const at = now.toISOString();
  return entry.keys.some((k) => k.validUntil > at && check(k.key));
}

/** Verifies an envelope of `peer` with its current key, or with an earlier key when it was signed before that key stopped being valid. */
export function verifyWithHistory(raw: unknown, peer: Peer, keys: { key: KeyObject; validUntil: string | null }[]): VerifyResult {
  let last: VerifyResult = { ok: false, reason: 'UNKNOWN_SIGNER', detail: 'no key' };
  for (const k of keys) {
    const r = verifyEnvelope(raw, new Map([[peer.nodeId, k.key]]), peer.nodeId);
    if (r.ok && (k.validUntil === null || r.envelope.signedAt < k.validUntil)) return r;
    if (r.ok) return { ok: false, reason: 'BAD_SIGNATURE', detail: `signed with a key retired at ${k.validUntil}` };
    last = r;
  }
  return last;
}

export type { SignedEnvelope };
