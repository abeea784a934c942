import type { KeyObject } from 'node:crypto';
import { z } from 'zod';
import { generateNodeKeyPair, privateKeyFromPem, publicKeyFromBase64, verifyEnvelope, type SignedEnvelope, type VerifyResult } from '../domain/federation/envelope.ts';
import { signObject, verifyObject } from '../domain/federation/protocol.ts';
import { AppError } from '../errors.ts';
import type { AppContext } from '../services/context.ts';
import { appendAudit } from '../store/audit.repository.ts';
import { getNodeKeys, listPeers, type Peer } from '../store/federation.repository.ts';
import { inWriteTransaction } from '../store/transaction.ts';
import { recordRejection } from './feed.ts';
import { forgetSigner } from './keys.ts';

/**
 * Key rotation (docs/federation.md, "Key rotation"): a node makes a new Ed25519 key and signs a
 * hand-over `{nodeId, oldKey, newKey, at}` with the OLD key. Each peer checks it with the key it
 * has registered, keeps the old key with `validUntil = at` and registers the new one. From then
 * on the old key is refused for anything signed after `at` (requests, pages, receipts,
 * envelopes), while envelopes the node signed before still verify with the old key.
 */

const handoverSchema = z.object({ nodeId: z.string().min(1).max(64), oldKey: z.string().min(1).max(100), newKey: z.string().min(1).max(100), at: z.iso.datetime(), signature: z.string().min(1).max(200) }).strict();
export type KeyHandover = z.output<typeof handoverSchema>;

/** Rotates this node's key: the hand-over is delivered to every peer (signed with the old key, which they still hold), then the new key signs. */
export async function rotateNodeKey(ctx: AppContext, deliver: (peer: Peer, handover: KeyHandover) => Promise<void>, now = new Date()): Promise<{ handover: KeyHandover; delivered: string[]; failed: string[] }> {
  const current = (await getNodeKeys(ctx.db.kysely, ctx.node.id))!;
  const next = generateNodeKeyPair();
  const handover = signObject({ nodeId: ctx.node.id, oldKey: current.publicKey, newKey: next.publicKey, at: now.toISOString() }, privateKeyFromPem(current.privateKeyPem));
  const delivered: string[] = [];
  const failed: string[] = [];
  for (const peer of await listPeers(ctx.db.kysely)) {
    try {
      await deliver(peer, handover);
      delivered.push(peer.name);
    } catch (err) {
      failed.push(peer.name);
      ctx.log.warn({ peer: peer.name, err: (err as Error).message }, 'federation: key hand-over not delivered');
    }
  }
  await inWriteTransaction(ctx.db, async (trx) => {
    await trx.insertInto('node_keys_retired').values({ node_id: ctx.node.id, public_key: current.publicKey, retired_at: handover.at, handover_json: JSON.stringify(handover) }).execute();
    await trx.updateTable('node_keys').set({ public_key: next.publicKey, private_key_pem: next.privateKeyPem, created_at: handover.at }).where('node_id', '=', ctx.node.id).execute();
    await appendAudit(trx, { actor: 'system:key-rotation', action: 'node.key_rotate', entityType: 'node', entityId: ctx.node.id, detail: { oldKey: current.publicKey, newKey: next.publicKey, delivered, failed } });
  });
  forgetSigner(ctx);
  return { handover, delivered, failed };
}

/** A peer's hand-over, checked with the key registered for it: the new key replaces it, the old one is kept for what it signed before. */
export async function acceptKeyHandover(ctx: AppContext, peer: Peer, raw: unknown): Promise<{ accepted: boolean }> {
  const refuse = async (code: string, detail: string): Promise<never> => {
    await recordRejection(ctx, { peerId: peer.id, nodeId: peer.nodeId, kind: 'contact', code, detail });
    throw new AppError('VALIDATION_FAILED', `key hand-over refused: ${code}`, { code });
  };
  const parsed = handoverSchema.safeParse(raw);
  if (!parsed.success) return refuse('HANDOVER_MALFORMED', parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '));
  const h = parsed.data;
  if (h.nodeId !== peer.nodeId || h.oldKey !== peer.publicKey) return refuse('HANDOVER_MISMATCH', 'the hand-over is not from the key registered for this peer');
  if (!verifyObject(h, publicKeyFromBase64(h.oldKey))) return refuse('HANDOVER_BAD_SIGNATURE', 'the hand-over is not signed by the old key');
  try {
    publicKeyFromBase64(h.newKey);
  } catch {
    return refuse('HANDOVER_MALFORMED', 'the new key is not an Ed25519 public key');
  }
  await inWriteTransaction(ctx.db, async (trx) => {
    await trx.insertInto('peer_keys').values({ peer_id: peer.id, public_key: h.oldKey, valid_until: h.at, handover_json: JSON.stringify(h) }).onConflict((oc) => oc.columns(['peer_id', 'public_key']).doNothing()).execute();
    await trx.updateTable('peers').set({ public_key: h.newKey, updated_at: new Date().toISOString() }).where('id', '=', peer.id).execute();
    await appendAudit(trx, { actor: `peer:${peer.id}`, action: 'federation.peer_key_rotated', entityType: 'peer', entityId: peer.id, detail: { oldKey: h.oldKey, newKey: h.newKey, at: h.at } });
  });
  return { accepted: true };
}

/** A peer's keys for checking what it signed: the current one, and earlier ones each valid until its hand-over. */
export async function peerKeyHistory(ctx: AppContext, peer: Peer): Promise<{ key: KeyObject; validUntil: string | null }[]> {
  const old = await ctx.db.kysely.selectFrom('peer_keys').selectAll().where('peer_id', '=', peer.id).execute();
  return [{ key: publicKeyFromBase64(peer.publicKey), validUntil: null }, ...old.map((o) => ({ key: publicKeyFromBase64(o.public_key), validUntil: o.valid_until }))];
}

/** Verifies an envelope of `peer` with its current key, or with an earlier key when it was signed before that key was handed over. */
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
