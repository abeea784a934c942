import { RECORD_BODY_SCHEMAS, isRecordKind } from '../domain/federation/bodies.ts';
import { publicKeyFromBase64, verifyEnvelope, type SignedEnvelope } from '../domain/federation/envelope.ts';
import { signRequest } from '../domain/federation/request-signing.ts';
import { decideInbound, type Agreement } from '../domain/federation/sharing-policy.ts';
import type { RecordBodies, RecordKind } from '../domain/records/bodies.ts';
import type { RecordChange } from '../domain/records/record.ts';
import { AppError } from '../errors.ts';
import type { AppContext } from '../services/context.ts';
import { appendAudit } from '../store/audit.repository.ts';
import { currentAgreement, findPeer, insertReceivedEnvelope, setPullCursor, type Peer } from '../store/federation.repository.ts';
import { saveReceivedRecord, withdrawReceivedRecord } from '../store/records.repository.ts';
import { inWriteTransaction } from '../store/transaction.ts';
import { NO_AGREEMENT, type FeedPage } from './feed.ts';
import { nodeSigner } from './keys.ts';

export type ReceiveOutcome =
  | { status: 'stored'; id: string; version: number }
  | { status: 'withdrawn'; id: string; version: number }
  | { status: 'ignored'; id: string; version: number }
  | { status: 'rejected'; id: string | null; version: number | null; reason: string; detail?: string };

/**
 * Receives one envelope from `peer`: verify with the peer's registered key (the owner must be
 * the peer: nothing is relayed yet), validate the body like a local write, check our own policy
 * again, then store a read-only copy idempotently by (id, version) in one transaction. A
 * rejected envelope writes no record (only an audit entry saying it was refused).
 */
export async function receiveEnvelope(ctx: AppContext, peer: Peer, raw: unknown, agreement: Agreement | null): Promise<ReceiveOutcome> {
  const anyRaw = (raw ?? {}) as { id?: unknown; version?: unknown };
  const rawId = typeof anyRaw.id === 'string' ? anyRaw.id.slice(0, 64) : null;
  const rawVersion = typeof anyRaw.version === 'number' ? anyRaw.version : null;
  const reject = async (reason: string, detail?: string): Promise<ReceiveOutcome> => {
    await inWriteTransaction(ctx.db, (trx) =>
      appendAudit(trx, { actor: `peer:${peer.id}`, action: 'federation.reject', entityType: 'envelope', entityId: rawId, detail: { peer: peer.id, version: rawVersion, reason } }),
    );
    ctx.log.warn({ peer: peer.name, id: rawId, version: rawVersion, reason }, 'federation: envelope rejected');
    return { status: 'rejected', id: rawId, version: rawVersion, reason, detail };
  };

  const verified = verifyEnvelope(raw, new Map([[peer.nodeId, publicKeyFromBase64(peer.publicKey)]]), peer.nodeId);
  if (!verified.ok) return reject(verified.reason, verified.detail);
  const env = verified.envelope;
  if (!isRecordKind(env.type)) return reject('UNKNOWN_TYPE', env.type);
  const owner = { node: env.owner.node, state: env.owner.state, agencyId: env.owner.agency, unitId: env.owner.unit };
  if (env.op === 'withdraw') {
    // A withdrawal only removes what we hold, so it needs no policy check beyond the signature.
    let change: RecordChange | null;
    try {
      change = await inWriteTransaction(ctx.db, async (trx) => {
        const withdrawn = await withdrawReceivedRecord(trx, { type: env.type as RecordKind, id: env.id, version: env.version, marking: env.marking, owner, peerId: peer.id });
        if (withdrawn) {
          await insertReceivedEnvelope(trx, { recordId: env.id, version: env.version, op: env.op, type: env.type, peerId: peer.id, envelopeJson: JSON.stringify(env) }, new Date().toISOString());
        }
        return withdrawn;
      });
    } catch (err) {
      return reject(err instanceof AppError ? err.code : 'STORE_FAILED', (err as Error).message);
    }
    if (!change) return { status: 'ignored', id: env.id, version: env.version };
    ctx.events.publish({ ...change, audience: { owner, marking: env.marking, createdBy: `node:${owner.node}` } });
    return { status: 'withdrawn', id: env.id, version: env.version };
  }
  const body = RECORD_BODY_SCHEMAS[env.type].safeParse(env.body);
  if (!body.success) return reject('INVALID_BODY', body.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '));
  const policy = decideInbound({ type: env.type, owner: env.owner, marking: env.marking, body: body.data }, { agreement, localState: ctx.node.stateCode });
  if (!policy.accept) return reject(policy.reason);

  let change: RecordChange | null;
  try {
    change = await inWriteTransaction(ctx.db, async (trx) => {
      const saved = await saveReceivedRecord(trx, {
        type: env.type as RecordKind,
        id: env.id,
        version: env.version,
        body: body.data as RecordBodies[RecordKind],
        marking: env.marking,
        owner,
        peerId: peer.id,
      });
      if (saved.change) {
        await insertReceivedEnvelope(trx, { recordId: env.id, version: env.version, op: env.op, type: env.type, peerId: peer.id, envelopeJson: JSON.stringify(env) }, new Date().toISOString());
      }
      return saved.change && { ...saved.change, audience: { owner: saved.record.owner, marking: saved.record.marking, createdBy: saved.record.createdBy } };
    });
  } catch (err) {
    return reject(err instanceof AppError ? err.code : 'STORE_FAILED', (err as Error).message);
  }
  if (!change) return { status: 'ignored', id: env.id, version: env.version };
  // Listeners (screening index, SSE to users the marking allows) hear of it only after the commit.
  ctx.events.publish(change);
  return { status: 'stored', id: env.id, version: env.version };
}

export interface PullSummary {
  peer: string;
  batches: number;
  stored: number;
  withdrawn: number;
  ignored: number;
  rejected: number;
  cursor: number;
  rejections: { id: string | null; version: number | null; reason: string }[];
}

export class PeerRequestError extends Error {
  constructor(
    readonly status: number,
    readonly code: string | null,
    message: string,
  ) {
    super(message);
  }
}

/** Fetches one signed feed page from the peer. */
export async function fetchFeedPage(ctx: AppContext, peer: Peer, after: number, limit: number, fetchImpl: typeof fetch = fetch): Promise<FeedPage> {
  const signer = await nodeSigner(ctx);
  const known = after > 0 ? `&known=${encodeURIComponent(peer.remoteAgreementId ?? NO_AGREEMENT)}` : '';
  const path = `/api/federation/feed?after=${after}&limit=${limit}${known}`;
  const res = await fetchImpl(peer.url + path, { headers: signRequest(ctx.node.id, 'GET', path, signer.privateKey), signal: AbortSignal.timeout(30_000) });
  const text = await res.text();
  if (!res.ok) {
    let code: string | null = null;
    try {
      code = (JSON.parse(text) as { error?: { code?: string } }).error?.code ?? null;
    } catch {
      /* not our error shape */
    }
    throw new PeerRequestError(res.status, code, `peer ${peer.name} answered ${res.status}${code ? ` ${code}` : ''}`);
  }
  const page = JSON.parse(text) as FeedPage;
  if (!Array.isArray(page.envelopes) || !Number.isInteger(page.cursor) || typeof page.more !== 'boolean') {
    throw new PeerRequestError(res.status, null, `peer ${peer.name} sent a feed page of the wrong shape`);
  }
  return page;
}

/**
 * Pulls everything new from a peer, page by page, and saves the cursor after each page (a
 * crash re-pulls at most one page, which is harmless: receiving is idempotent). The peer
 * restarts us at 0 when its agreement for us changed, so newly allowed records arrive; our own
 * agreement change resets the cursor too (setAgreement).
 */
export async function pullFromPeer(
  ctx: AppContext,
  peerRef: { id?: string; name?: string },
  opts: { fetchImpl?: typeof fetch; limit?: number; maxPages?: number } = {},
): Promise<PullSummary> {
  let peer = await findPeer(ctx.db.kysely, peerRef);
  if (!peer) throw new AppError('NOT_FOUND', 'peer not found');
  const limit = opts.limit ?? 100;
  const summary: PullSummary = { peer: peer.name, batches: 0, stored: 0, withdrawn: 0, ignored: 0, rejected: 0, cursor: peer.pullCursor, rejections: [] };
  let cursor = peer.pullCursor;
  const maxPages = opts.maxPages ?? 10_000;
  const agreement = await currentAgreement(ctx.db.kysely, peer.id);
  while (summary.batches < maxPages) {
    const asked = cursor;
    const page = await fetchFeedPage(ctx, peer, cursor, limit, opts.fetchImpl);
    summary.batches += 1;
    for (const raw of page.envelopes) {
      const outcome = await receiveEnvelope(ctx, peer, raw, agreement);
      if (outcome.status === 'stored') summary.stored += 1;
      else if (outcome.status === 'withdrawn') summary.withdrawn += 1;
      else if (outcome.status === 'ignored') summary.ignored += 1;
      else {
        summary.rejected += 1;
        summary.rejections.push({ id: outcome.id, version: outcome.version, reason: outcome.reason });
      }
    }
    // The peer's cursor is taken as given: it restarts from 0 when its agreement for us changed.
    if (page.cursor !== cursor || page.agreement !== peer.remoteAgreementId) {
      cursor = page.cursor;
      const at = new Date().toISOString();
      const remote = page.agreement;
      await inWriteTransaction(ctx.db, (trx) => setPullCursor(trx, peer!.id, cursor, remote, at));
      peer = { ...peer, pullCursor: cursor, remoteAgreementId: remote };
    }
    // A peer that says "more" without moving its cursor would keep us here forever.
    if (!page.more || page.cursor === asked) break;
  }
  summary.cursor = cursor;
  if (summary.stored || summary.withdrawn || summary.rejected) ctx.log.info({ ...summary, rejections: undefined }, 'federation: pulled from peer');
  return summary;
}

export type { SignedEnvelope };
