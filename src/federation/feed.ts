import { envelopeDigest, publicKeyFromBase64, signEnvelope, type Envelope, type EnvelopeOp, type SignedEnvelope } from '../domain/federation/envelope.ts';
import { isRecordKind } from '../domain/federation/bodies.ts';
import { checkSignedRequest, DATE_HEADER, NODE_HEADER, SIGNATURE_HEADER } from '../domain/federation/request-signing.ts';
import { decideOutbound, redact } from '../domain/federation/sharing-policy.ts';
import type { RecordKind } from '../domain/records/bodies.ts';
import type { Marking } from '../domain/records/marking.ts';
import { AppError } from '../errors.ts';
import type { AppContext } from '../services/context.ts';
import { appendAudit } from '../store/audit.repository.ts';
import { currentAgreement, currentRecords, findPeer, heldByPeer, markSent, outboxAfter, versionsOf, type Peer } from '../store/federation.repository.ts';
import type { SavedRecord } from '../store/records.repository.ts';
import { inWriteTransaction } from '../store/transaction.ts';
import { nodeSigner } from './keys.ts';

export const FEED_DEFAULT_LIMIT = 100;
export const FEED_MAX_LIMIT = 500;
/** Value of `known` for a caller whose cursor was built while we had no agreement for it. */
export const NO_AGREEMENT = 'none';

export interface FeedPage {
  envelopes: SignedEnvelope[];
  /** The last outbox seq examined: pass it as `after` next time. */
  cursor: number;
  more: boolean;
  /** Id of the sender's agreement in force for the caller (null: none); send it back as `known`. */
  agreement: string | null;
}

const header = (headers: Record<string, string | string[] | undefined>, name: string) => {
  const v = headers[name];
  return typeof v === 'string' ? v : undefined;
};

/**
 * Who is calling: a registered peer that signed "METHOD\npath?query\ndate" with its key,
 * dated within ±5 minutes. Anything else is 401 with a stable code.
 */
export async function authenticatePeerRequest(
  ctx: AppContext,
  req: { method: string; url: string; headers: Record<string, string | string[] | undefined> },
  now = new Date(),
): Promise<Peer> {
  const nodeId = header(req.headers, NODE_HEADER);
  const date = header(req.headers, DATE_HEADER);
  const signature = header(req.headers, SIGNATURE_HEADER);
  if (!nodeId || !signature) throw new AppError('SIGNATURE_INVALID', `Signed node requests need ${NODE_HEADER}, ${DATE_HEADER} and ${SIGNATURE_HEADER}`);
  const peer = await findPeer(ctx.db.kysely, { nodeId });
  if (!peer) throw new AppError('PEER_UNKNOWN', 'This node is not registered as a peer here');
  if (!date) throw new AppError('SIGNATURE_STALE', `Missing ${DATE_HEADER}`);
  const check = checkSignedRequest({ method: req.method, pathWithQuery: req.url, date, signature }, publicKeyFromBase64(peer.publicKey), now);
  if (!check.ok) {
    throw check.reason === 'STALE'
      ? new AppError('SIGNATURE_STALE', `${DATE_HEADER} must be an ISO date within 5 minutes of this node's clock`)
      : new AppError('SIGNATURE_INVALID', 'The request signature does not verify with the key registered for this node');
  }
  return peer;
}

/**
 * One page of the feed for a peer: walks the outbox after the cursor (index first, one query
 * when there is nothing new), keeps only the latest version of each record, applies the
 * sending-side policy, redacts, signs a separate envelope for this peer and audits each send.
 * A record the peer holds that is no longer shareable with it (marking tightened, agreement
 * narrowed) goes as a signed withdrawal instead.
 */
export async function buildFeed(ctx: AppContext, peer: Peer, requestedAfter: number, limit = FEED_DEFAULT_LIMIT, known?: string): Promise<FeedPage> {
  const agreement = await currentAgreement(ctx.db.kysely, peer.id);
  // The caller says which of our agreements its cursor was built under: if ours changed since,
  // what was refused before may be allowed now, so the walk starts again from 0 (idempotent).
  const after = known !== undefined && known !== (agreement?.id ?? NO_AGREEMENT) ? 0 : requestedAfter;
  const rows = await outboxAfter(ctx.db.kysely, after, limit + 1);
  if (rows.length === 0) return { envelopes: [], cursor: after, more: false, agreement: agreement?.id ?? null };
  const more = rows.length > limit;
  const examined = rows.slice(0, limit);
  const cursor = examined[examined.length - 1]!.seq;
  if (!agreement?.active) return { envelopes: [], cursor, more, agreement: agreement?.id ?? null };

  // Records this peer holds from us: if one stops being shareable, it gets a withdrawal.
  const held = await heldByPeer(ctx.db.kysely, peer.id, [...new Set(examined.map((r) => r.recordId))]);
  // Current state of every record that may matter, one query per type.
  const byType = new Map<RecordKind, string[]>();
  for (const r of examined) {
    if (!isRecordKind(r.type) || !(agreement.types.includes(r.type) || held.has(r.recordId))) continue;
    byType.set(r.type, [...(byType.get(r.type) ?? []), r.recordId]);
  }
  const current = new Map<string, SavedRecord<RecordKind>>();
  for (const [type, ids] of byType) for (const [id, rec] of await currentRecords(ctx.db.kysely, type, [...new Set(ids)])) current.set(id, rec);

  const picked: { record: SavedRecord<RecordKind>; op: EnvelopeOp; body: unknown; redacted: string[] }[] = [];
  for (const row of examined) {
    const record = current.get(row.recordId);
    // Only the latest version travels: an outbox row for an older version is skipped.
    if (!record || record.version !== row.version) continue;
    const decision = decideOutbound(
      { type: record.type, owner: record.owner, marking: record.marking, body: record.body },
      { agreement, peerState: peer.stateCode, localNode: ctx.node.id },
    );
    if (decision.share) picked.push({ record, op: 'put', body: decision.body, redacted: decision.redacted });
    else if (held.has(record.id)) picked.push({ record, op: 'withdraw', body: null, redacted: [] });
  }
  if (picked.length === 0) return { envelopes: [], cursor, more, agreement: agreement.id };

  const previous = await versionsOf(
    ctx.db.kysely,
    picked.filter((p) => p.record.version > 1).map((p) => ({ recordId: p.record.id, version: p.record.version - 1 })),
  );
  const signer = await nodeSigner(ctx);
  const signedAt = new Date().toISOString();
  const envelopes = picked.map(({ record, op, body, redacted }) => {
    const owner = { node: record.owner.node, state: record.owner.state, agency: record.owner.agencyId, unit: record.owner.unitId };
    const before = previous.get(`${record.id}@${record.version - 1}`);
    // prev: digest of the previous version as this peer would have received it (same redactions).
    const prev = before
      ? envelopeDigest({ id: record.id, type: record.type, version: record.version - 1, op: 'put', owner, marking: before.marking as Marking, ...redact(before.body, agreement.redact) })
      : null;
    const envelope: Envelope = { id: record.id, type: record.type, version: record.version, op, owner, prev, marking: record.marking, body, redacted, signedAt };
    return signEnvelope(envelope, signer.privateKey);
  });
  await inWriteTransaction(ctx.db, async (trx) => {
    for (const e of envelopes) {
      const action = e.op === 'put' ? 'federation.send' : 'federation.withdraw';
      await appendAudit(trx, { actor: `peer:${peer.id}`, action, entityType: e.type, entityId: e.id, detail: { peer: peer.id, version: e.version } });
      await markSent(trx, peer.id, e.id, e.version, e.op === 'withdraw', signedAt);
    }
  });
  return { envelopes, cursor, more, agreement: agreement.id };
}
