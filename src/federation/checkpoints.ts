import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { signedCheckpointSchema, checkpointSigningText, type SignedCheckpoint } from '../domain/audit/checkpoint.ts';
import { publicKeyFromBase64, verifyBytes } from '../domain/federation/envelope.ts';
import { signObject, verifyObject } from '../domain/federation/protocol.ts';
import { AppError } from '../errors.ts';
import { latestSignedCheckpoint } from '../services/audit-checkpoints.service.ts';
import type { AppContext } from '../services/context.ts';
import { appendAudit } from '../store/audit.repository.ts';
import { insertPeerCheckpoint, latestPeerCheckpoint, peerCheckpointAt } from '../store/fed-checkpoints.repository.ts';
import type { Peer } from '../store/federation.repository.ts';
import { inWriteTransaction } from '../store/transaction.ts';
import { recordRejection } from './feed.ts';
import { nodeSigner } from './keys.ts';

/**
 * Audit checkpoints exchanged and co-signed (docs/federation.md, "Audit checkpoints"): a node
 * sends its newest signed checkpoint ("my chain had seq entries, the last hashed to headHash")
 * to each peer; the peer checks the signature, refuses a checkpoint that contradicts one it
 * already holds (same seq, other hash, or a lower seq than held: a rewritten history), keeps
 * it, and answers with its co-signature, which the sender keeps. Either side can later prove
 * what the other's chain said at that moment: a node that rewrites its log can no longer
 * extend the checkpoint its peer holds (`sarhad audit verify --checkpoint`).
 */

const cosignatureSchema = z
  .object({ checkpoint: z.string().min(1).max(200), nodeId: z.string().min(1).max(64), seq: z.number().int().min(0), headHash: z.string(), by: z.string().min(1).max(64), at: z.iso.datetime(), signature: z.string().min(1).max(200) })
  .strict();
export type Cosignature = z.output<typeof cosignatureSchema>;

/** Receiving side: a peer's checkpoint, checked, kept, and co-signed. */
export async function acceptPeerCheckpoint(ctx: AppContext, peer: Peer, raw: unknown): Promise<Cosignature> {
  const refuse = async (code: string, detail: string): Promise<never> => {
    await recordRejection(ctx, { peerId: peer.id, nodeId: peer.nodeId, kind: 'contact', code, detail });
    throw new AppError('VALIDATION_FAILED', `checkpoint refused: ${code}: ${detail}`, { code });
  };
  const parsed = signedCheckpointSchema.safeParse((raw as { checkpoint?: unknown } | null)?.checkpoint);
  if (!parsed.success) return refuse('CHECKPOINT_MALFORMED', parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '));
  const c = parsed.data;
  if (c.nodeId !== peer.nodeId) return refuse('CHECKPOINT_MISADDRESSED', `a checkpoint of ${c.nodeId}, not of the peer`);
  if (!verifyBytes(checkpointSigningText(c), c.signature, publicKeyFromBase64(peer.publicKey))) return refuse('CHECKPOINT_BAD_SIGNATURE', 'the checkpoint does not verify with the peer key');
  const same = await peerCheckpointAt(ctx.db.kysely, peer.id, c.seq);
  if (same && same.headHash !== c.headHash) return refuse('CHECKPOINT_FORKED', `seq ${c.seq} was vouched for with another head hash before: the peer's history was rewritten`);
  const latest = await latestPeerCheckpoint(ctx.db.kysely, peer.id, 'theirs');
  if (latest && c.seq < latest.seq) return refuse('CHECKPOINT_REGRESSED', `the peer vouched for ${latest.seq} entries before, now for ${c.seq}: its history was truncated or rewritten`);
  const signer = await nodeSigner(ctx);
  const cosig = signObject({ checkpoint: c.signature, nodeId: c.nodeId, seq: c.seq, headHash: c.headHash, by: ctx.node.id, at: new Date().toISOString() }, signer.privateKey);
  if (!same) {
    await inWriteTransaction(ctx.db, async (trx) => {
      await insertPeerCheckpoint(trx, randomUUID(), { peerId: peer.id, direction: 'theirs', nodeId: c.nodeId, seq: c.seq, headHash: c.headHash, checkpointJson: JSON.stringify(c), cosignatureJson: JSON.stringify(cosig), at: cosig.at });
      await appendAudit(trx, { actor: `peer:${peer.id}`, action: 'federation.checkpoint_cosign', entityType: 'peer', entityId: peer.id, detail: { seq: c.seq, headHash: c.headHash } });
    });
  }
  return cosig;
}

/**
 * Sending side: our newest checkpoint goes to the peer when it has not co-signed it yet; its
 * co-signature is checked with its key and kept. Best effort (the next sync tries again).
 */
export async function exchangeCheckpoint(ctx: AppContext, peer: Peer, post: (body: unknown) => Promise<string>): Promise<Cosignature | null> {
  const mine: SignedCheckpoint | null = await latestSignedCheckpoint(ctx);
  if (!mine) return null;
  const held = await latestPeerCheckpoint(ctx.db.kysely, peer.id, 'ours');
  if (held && held.seq >= mine.seq) return null;
  const parsed = cosignatureSchema.safeParse(JSON.parse(await post({ checkpoint: mine })));
  if (!parsed.success) throw new AppError('VALIDATION_FAILED', 'the peer answered no co-signature');
  const cosig = parsed.data;
  if (cosig.by !== peer.nodeId || cosig.checkpoint !== mine.signature || cosig.seq !== mine.seq || cosig.headHash !== mine.headHash || !verifyObject(cosig, publicKeyFromBase64(peer.publicKey))) {
    await recordRejection(ctx, { peerId: peer.id, nodeId: peer.nodeId, kind: 'contact', code: 'COSIGNATURE_INVALID', detail: 'the co-signature is not the peer’s for our checkpoint' });
    throw new AppError('VALIDATION_FAILED', 'the co-signature does not verify');
  }
  await inWriteTransaction(ctx.db, async (trx) => {
    await insertPeerCheckpoint(trx, randomUUID(), { peerId: peer.id, direction: 'ours', nodeId: mine.nodeId, seq: mine.seq, headHash: mine.headHash, checkpointJson: JSON.stringify(mine), cosignatureJson: JSON.stringify(cosig), at: cosig.at });
    await appendAudit(trx, { actor: `peer:${peer.id}`, action: 'federation.checkpoint_cosigned', entityType: 'peer', entityId: peer.id, detail: { seq: mine.seq } });
  });
  return cosig;
}
