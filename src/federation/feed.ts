import { takeUnknownCallerRow } from './unknown-callers.ts';
import { randomUUID } from 'node:crypto';
import { canonicalParts, digestTextOf, envelopeDigest, publicKeyFromBase64, signingText, signingTextOf, type CanonicalParts, type Envelope, type EnvelopeOp, type SignedEnvelope } from '../domain/federation/envelope.ts';
import { sha256Hex } from '../domain/records/content-hash.ts';
import { signMany } from './crypto-pool.ts';
import { isRecordKind } from '../domain/federation/bodies.ts';
import {
  agreementTerms,
  agreementTermsSchema,
  effectiveAgreement,
  envelopesDigest,
  receiptSchema,
  signObject,
  termsFingerprint,
  verifyObject,
  type SignedAgreementTerms,
  type SignedPageHeader,
} from '../domain/federation/protocol.ts';
import { checkSignedRequest, DATE_HEADER, MAX_CLOCK_SKEW_MS, NODE_HEADER, NONCE_HEADER, SIGNATURE_HEADER } from '../domain/federation/request-signing.ts';
import { decideOutbound, redact, type Agreement } from '../domain/federation/sharing-policy.ts';
import type { RecordKind } from '../domain/records/bodies.ts';
import type { Marking } from '../domain/records/marking.ts';
import { AppError } from '../errors.ts';
import type { AppContext } from '../services/context.ts';
import { appendAudit } from '../store/audit.repository.ts';
import { batchDigest } from '../store/received-batch.repository.ts';
import {
  applyReceiptItems,
  countOutboxAfter,
  countPending,
  currentAgreement,
  currentRecords,
  findPeer,
  insertReceipt,
  insertRejection,
  markSigned,
  outboxAfter,
  outgoingFor,
  pendingOutgoing,
  setOutWalk,
  touchPeer,
  upsertDesired,
  useNonce,
  versionsOf,
  type OutgoingRow,
  type Peer,
} from '../store/federation.repository.ts';
import type { SavedRecord } from '../store/records.repository.ts';
import { inWriteTransaction } from '../store/transaction.ts';
import { verifiedByPeer } from './key-rotation.ts';
import { nodeSigner } from './keys.ts';
import { onwardByPeer, onwardFingerprint, relayDesired, relaySources, signRelay, type RelaySource } from './relay.ts';
import { itemSignature, type RelayedItem } from '../domain/federation/relay.ts';

export const FEED_DEFAULT_LIMIT = 200;
export const FEED_MAX_LIMIT = 1000;
/** Outbox rows examined per feed request at most (the rest on the next request). */
const WALK_MAX = 5000;

export interface FeedPage {
  /** Our own records' envelopes, and records we pass on as relayed items (the owner's envelope with our hop). */
  envelopes: (SignedEnvelope | RelayedItem)[];
  /** Signed by the sender: who it is for, the request nonce it answers, a digest of the envelopes, backlog, the sender's agreement terms. */
  page: SignedPageHeader;
}

const header = (headers: Record<string, string | string[] | undefined>, name: string) => {
  const v = headers[name];
  return typeof v === 'string' ? v : undefined;
};

/** A refusal worth showing on the peer page (and in the audit for envelopes). */
export async function recordRejection(
  ctx: AppContext,
  r: { peerId: string | null; nodeId?: string | null; kind: 'request' | 'envelope' | 'page' | 'receipt' | 'contact'; code: string; recordId?: string | null; version?: number | null; detail?: string | null },
): Promise<void> {
  try {
    await insertRejection(ctx.db.kysely, {
      id: randomUUID(),
      peerId: r.peerId,
      nodeId: r.nodeId ?? null,
      kind: r.kind,
      code: r.code,
      recordId: r.recordId ?? null,
      version: r.version ?? null,
      detail: r.detail ?? null,
      at: new Date().toISOString(),
    });
  } catch (err) {
    ctx.log.warn({ err: (err as Error).message }, 'federation: could not record a rejection');
  }
}

/**
 * Who is calling: a registered peer that signed "METHOD\npath?query\ndate\nnonce\nsha256(body)"
 * with its key, dated within ±5 minutes, with a nonce it has not used before (nonces are kept
 * for the validity window). Anything else is 401 with a stable code, and recorded.
 */
export async function authenticatePeerRequest(
  ctx: AppContext,
  req: { method: string; url: string; headers: Record<string, string | string[] | undefined>; body?: string },
  now = new Date(),
  /** One more key that may sign this request: the new key a key hand-over in the body vouches for. */
  vouched: { from: string; key: string } | null = null,
): Promise<Peer> {
  const nodeId = header(req.headers, NODE_HEADER);
  const date = header(req.headers, DATE_HEADER);
  const nonce = header(req.headers, NONCE_HEADER) ?? '';
  const signature = header(req.headers, SIGNATURE_HEADER);
  if (!nodeId || !signature) throw new AppError('SIGNATURE_INVALID', `Signed node requests need ${NODE_HEADER}, ${DATE_HEADER}, ${NONCE_HEADER} and ${SIGNATURE_HEADER}`);
  const peer = await findPeer(ctx.db.kysely, { nodeId });
  if (!peer) {
    if (takeUnknownCallerRow(ctx, now)) await recordRejection(ctx, { peerId: null, nodeId: nodeId.slice(0, 64), kind: 'request', code: 'PEER_UNKNOWN', detail: req.url.slice(0, 200) });
    throw new AppError('PEER_UNKNOWN', 'This node is not registered as a peer here');
  }
  const refuse = async (code: 'SIGNATURE_STALE' | 'SIGNATURE_INVALID' | 'REQUEST_REPLAYED', message: string): Promise<never> => {
    await recordRejection(ctx, { peerId: peer.id, nodeId, kind: 'request', code, detail: `${req.method} ${req.url.slice(0, 200)}` });
    throw new AppError(code, message);
  };
  if (!date) return refuse('SIGNATURE_STALE', `Missing ${DATE_HEADER}`);
  const input = { method: req.method, pathWithQuery: req.url, date, nonce, signature, body: req.body };
  let check = checkSignedRequest(input, publicKeyFromBase64(peer.publicKey), now);
  // After the peer rotated its key: its old key during the overlap, or the new key its hand-over vouches for.
  if (!check.ok && check.reason === 'BAD_SIGNATURE') {
    // A chain vouches only when it starts at a key we have registered for this peer (now or before).
    const vouches = async (v: { from: string; key: string }) =>
      checkSignedRequest(input, publicKeyFromBase64(v.key), now).ok &&
      (v.from === peer.publicKey || (await ctx.db.kysely.selectFrom('peer_keys').select('public_key').where('peer_id', '=', peer.id).where('public_key', '=', v.from).executeTakeFirst()) !== undefined);
    const other = (await verifiedByPeer(ctx, peer, (key) => checkSignedRequest(input, key, now).ok, now)) || (vouched !== null && (await vouches(vouched)));
    if (other) check = { ok: true };
  }
  if (!check.ok) {
    return check.reason === 'STALE'
      ? refuse('SIGNATURE_STALE', `${DATE_HEADER} must be an ISO date within 5 minutes of this node's clock`)
      : refuse('SIGNATURE_INVALID', 'The request signature does not verify with the key registered for this node');
  }
  // Kept until the signature could no longer be fresh anyway: date + window (+ a margin).
  const expires = new Date(Date.parse(date) + MAX_CLOCK_SKEW_MS + 60_000).toISOString();
  const fresh = await inWriteTransaction(ctx.db, (trx) => useNonce(trx, peer.id, nonce, expires, now.toISOString()));
  if (!fresh) return refuse('REQUEST_REPLAYED', 'This signed request was already used (same nonce): replays are refused');
  return peer;
}

/** Our agreement terms for a peer, signed: what we allow, so it can apply the stricter of both. */
export async function signedTermsFor(ctx: AppContext, peer: Peer, agreement: Agreement | null): Promise<SignedAgreementTerms> {
  const signer = await nodeSigner(ctx);
  return signObject(agreementTerms(agreement, ctx.node.id, ctx.node.stateCode, peer.nodeId, new Date().toISOString()), signer.privateKey);
}

/** Parses and checks a peer's signed agreement terms for us; null when absent or not genuine. */
export async function checkPeerTerms(ctx: AppContext, peer: Peer, raw: unknown): Promise<SignedAgreementTerms | null> {
  const parsed = agreementTermsSchema.safeParse(raw);
  if (!parsed.success) return null;
  const t = parsed.data;
  if (t.from !== peer.nodeId || t.to !== ctx.node.id) return null;
  return (await verifiedByPeer(ctx, peer, (key) => verifyObject(t, key))) ? t : null;
}

type Desired = { recordId: string; type: string; seq: number; version: number; op: EnvelopeOp; digest: string; body: unknown; redacted: string[]; record: SavedRecord<RecordKind> | null; relay?: RelaySource; parts?: CanonicalParts };

/** Records we hold from other nodes, and what the peer should hold of each (relay.ts). */
interface RelayView {
  sources: Map<string, RelaySource>;
  onward: Map<string, boolean>;
}

function relayFor(ctx: AppContext, peer: Peer, agreement: Agreement | null, view: RelayView, row: { recordId: string; type: string }, existing: OutgoingRow | undefined, seq: number): Desired | null {
  const src = view.sources.get(row.recordId);
  if (!src) return null;
  const d = relayDesired(ctx, peer, agreement, src, existing, view.onward);
  return d && { recordId: row.recordId, type: src.origin.type, seq, ...d, body: null, redacted: [], record: null, relay: src };
}

/** Ids among `items` that are not records of ours (held from other nodes, or gone). */
const notOwned = (ctx: AppContext, items: { recordId: string }[], current: Map<string, SavedRecord<RecordKind>>) =>
  [...new Set(items.filter((r) => current.get(r.recordId)?.owner.node !== ctx.node.id).map((r) => r.recordId))];

const ownerOf = (record: SavedRecord<RecordKind>) => ({ node: record.owner.node, state: record.owner.state, agency: record.owner.agencyId, unit: record.owner.unitId });

/** What the peer should hold of this record under the effective agreement: a put (redacted), a withdrawal, or nothing. */
function desiredFor(ctx: AppContext, peer: Peer, agreement: Agreement | null, record: SavedRecord<RecordKind>, existing: OutgoingRow | undefined, seq: number): Desired | null {
  const decision = decideOutbound(
    { type: record.type, owner: record.owner, marking: record.marking, body: record.body },
    { agreement, peerState: peer.stateCode, localNode: ctx.node.id, peerNode: peer.nodeId },
  );
  const base = { id: record.id, type: record.type, version: record.version, owner: ownerOf(record), marking: record.marking };
  if (decision.share) {
    // Canonicalised once: the digest now, the signed text from the same parts if it is sent.
    const parts = canonicalParts({ ...base, op: 'put', body: decision.body, redacted: decision.redacted });
    const digest = sha256Hex(digestTextOf(parts));
    return { recordId: record.id, type: record.type, seq, version: record.version, op: 'put', digest, body: decision.body, redacted: decision.redacted, record, parts };
  }
  // Never offered before, or its withdrawal is acknowledged already: nothing to take back.
  if (!existing || (existing.ackedOp === 'withdraw' && existing.op === 'withdraw')) return null;
  const digest = envelopeDigest({ ...base, op: 'withdraw', body: null, redacted: [] });
  return { recordId: record.id, type: record.type, seq, version: record.version, op: 'withdraw', digest, body: null, redacted: [], record };
}

async function loadCurrent(ctx: AppContext, items: { type: string; recordId: string }[]): Promise<Map<string, SavedRecord<RecordKind>>> {
  const byType = new Map<RecordKind, string[]>();
  for (const r of items) {
    if (!isRecordKind(r.type)) continue;
    byType.set(r.type, [...(byType.get(r.type) ?? []), r.recordId]);
  }
  const current = new Map<string, SavedRecord<RecordKind>>();
  for (const [type, ids] of byType) {
    const unique = [...new Set(ids)];
    for (let i = 0; i < unique.length; i += 400) for (const [id, rec] of await currentRecords(ctx.db.kysely, type, unique.slice(i, i + 400))) current.set(id, rec);
  }
  return current;
}

/**
 * Walks the outbox after this peer's sender-side cursor and records, per record, what the peer
 * should hold now (a put of the latest version as redacted for it, or a withdrawal). When the
 * effective agreement changed, the walk restarts at 0, so every copy the peer holds is
 * re-evaluated (narrowed, suspended, a redaction added → withdrawn or re-sent).
 */
async function advanceWalk(ctx: AppContext, peer: Peer, agreement: Agreement | null, want: number, onward: Map<string, boolean>): Promise<{ cursor: number }> {
  // The onward permissions are part of it: a link that stops allowing onward sharing takes relayed copies back.
  const terms = `${termsFingerprint(agreement)}|${onwardFingerprint(onward)}`;
  let cursor = peer.outTerms === terms ? peer.outCursor : 0;
  let walked = 0;
  let pending = await countPending(ctx.db.kysely, peer.id);
  const restarted = cursor !== peer.outCursor || peer.outTerms !== terms;
  if (restarted) await inWriteTransaction(ctx.db, (trx) => setOutWalk(trx, peer.id, cursor, terms));
  while (pending < want && walked < WALK_MAX) {
    const rows = await outboxAfter(ctx.db.kysely, cursor, 500);
    if (rows.length === 0) break;
    walked += rows.length;
    const current = await loadCurrent(ctx, rows);
    const view: RelayView = { sources: await relaySources(ctx, notOwned(ctx, rows, current)), onward };
    const existing = await outgoingFor(ctx.db.kysely, peer.id, rows.map((r) => r.recordId));
    const changes = new Map<string, Desired>();
    for (const row of rows) {
      const record = current.get(row.recordId);
      const before = existing.get(row.recordId);
      const src = view.sources.get(row.recordId);
      if (src) {
        // Only the latest state travels: an outbox row for an older version is skipped.
        if (src.state.version !== row.version) continue;
        const d = relayFor(ctx, peer, agreement, view, row, before, row.seq);
        if (d && !(before && before.version === d.version && before.op === d.op && before.digest === d.digest)) changes.set(d.recordId, d);
        continue;
      }
      // Only the latest version travels: an outbox row for an older version is skipped.
      if (!record || record.version !== row.version || record.owner.node !== ctx.node.id) continue;
      const d = desiredFor(ctx, peer, agreement, record, before, row.seq);
      if (!d) continue;
      if (before && before.version === d.version && before.op === d.op && before.digest === d.digest) continue;
      changes.set(d.recordId, d);
    }
    const last = rows[rows.length - 1]!.seq;
    const list = [...changes.values()].map((d) => {
      const before = existing.get(d.recordId);
      const held = before && before.ackedVersion === d.version && before.ackedOp === d.op && before.ackedDigest === d.digest;
      return { recordId: d.recordId, type: d.type, seq: d.seq, version: d.version, op: d.op, digest: d.digest, pending: !held };
    });
    await inWriteTransaction(ctx.db, async (trx) => {
      await upsertDesired(trx, peer.id, list);
      await setOutWalk(trx, peer.id, last, terms);
    });
    pending += list.filter((l) => l.pending && !existing.get(l.recordId)?.pending).length;
    cursor = last;
    if (rows.length < 500) break;
  }
  return { cursor };
}

/**
 * One page of the feed for a peer. Everything the peer should hold and has not acknowledged
 * with a signed receipt is (re)sent, oldest change first — a put or withdrawal is delivered
 * only when the receipt says so, so lost pages, lost receipts and crashes on either side only
 * cause a re-send. Each envelope is signed for this peer (after its redactions), and the page
 * header is signed and bound to the request's nonce.
 */
export async function buildFeed(
  ctx: AppContext,
  peer: Peer,
  req: { limit: number; nonce: string; terms: unknown },
): Promise<FeedPage> {
  const limit = Math.min(Math.max(1, req.limit), FEED_MAX_LIMIT);
  const theirs = await checkPeerTerms(ctx, peer, req.terms);
  const now = new Date().toISOString();
  if (theirs && theirs.state !== peer.stateCode) {
    await recordRejection(ctx, { peerId: peer.id, nodeId: peer.nodeId, kind: 'contact', code: 'PEER_MISMATCH', detail: `the peer says it is ${theirs.state}; it was registered as ${peer.stateCode}` });
    throw new AppError('PEER_MISMATCH', `this node registered you as ${peer.stateCode}, you say you are ${theirs.state}: nothing is sent`);
  }
  if (!theirs) await recordRejection(ctx, { peerId: peer.id, nodeId: peer.nodeId, kind: 'request', code: 'AGREEMENT_INVALID', detail: 'feed request without valid signed agreement terms' });
  await touchPeer(ctx.db.kysely, peer.id, now, theirs ? JSON.stringify(theirs) : undefined);
  const mine = await currentAgreement(ctx.db.kysely, peer.id);
  // Nothing crosses until both sides' terms are known: then the stricter of the two applies.
  const agreement = effectiveAgreement(mine, theirs);
  const onward = await onwardByPeer(ctx);
  const { cursor } = await advanceWalk(ctx, peer, agreement, limit, onward);

  const rows = await pendingOutgoing(ctx.db.kysely, peer.id, limit);
  const current = await loadCurrent(ctx, rows);
  const view: RelayView = { sources: await relaySources(ctx, notOwned(ctx, rows, current)), onward };
  const signer = await nodeSigner(ctx);
  const picked: Desired[] = [];
  const fixes: { recordId: string; type: string; seq: number; version: number; op: string; digest: string; pending: boolean }[] = [];
  for (const row of rows) {
    const record = current.get(row.recordId);
    if (view.sources.has(row.recordId)) {
      const d = relayFor(ctx, peer, agreement, view, row, row, row.seq);
      if (!d) fixes.push({ recordId: row.recordId, type: row.type, seq: row.seq, version: row.version, op: row.op, digest: row.digest, pending: false });
      else {
        if (d.version !== row.version || d.op !== row.op || d.digest !== row.digest) fixes.push({ recordId: d.recordId, type: d.type, seq: row.seq, version: d.version, op: d.op, digest: d.digest, pending: true });
        picked.push(d);
      }
      continue;
    }
    if (!record || record.owner.node !== ctx.node.id) {
      // The local record is gone: nothing can be signed for it any more.
      fixes.push({ recordId: row.recordId, type: row.type, seq: row.seq, version: row.version, op: row.op, digest: row.digest, pending: false });
      continue;
    }
    // Decided again on the current record: it may have changed since the walk (its newer outbox row comes later and finds it settled).
    const d = desiredFor(ctx, peer, agreement, record, row, row.seq);
    if (!d) {
      fixes.push({ recordId: row.recordId, type: row.type, seq: row.seq, version: row.version, op: row.op, digest: row.digest, pending: false });
      continue;
    }
    if (d.version !== row.version || d.op !== row.op || d.digest !== row.digest) fixes.push({ recordId: d.recordId, type: d.type, seq: row.seq, version: d.version, op: d.op, digest: d.digest, pending: true });
    picked.push(d);
  }
  const previous = await versionsOf(
    ctx.db.kysely,
    picked.filter((p) => p.op === 'put' && p.version > 1 && p.record).map((p) => ({ recordId: p.recordId, version: p.version - 1 })),
  );
  const nowMs = Date.now();
  const lastSigned = new Map(rows.map((r) => [r.recordId, r.lastSignedAt ? Date.parse(r.lastSignedAt) : 0]));
  const unsigned = picked.map((p): { relayed: RelayedItem } | { envelope: Envelope; text: string } => {
    // Strictly later than anything signed before for this record and peer: the receiver orders same-version states by it.
    const signedAt = new Date(Math.max(nowMs, (lastSigned.get(p.recordId) ?? 0) + 1)).toISOString();
    if (p.relay || !p.record) return { relayed: signRelay(signer, peer, p.relay!, p.op, signedAt) };
    const owner = ownerOf(p.record);
    const before = previous.get(`${p.recordId}@${p.version - 1}`);
    // prev: digest of the previous version as this peer would have received it (same redactions).
    const prev =
      p.op === 'put' && before
        ? envelopeDigest({ id: p.recordId, type: p.type, version: p.version - 1, op: 'put', owner, marking: before.marking as Marking, ...redact(before.body, agreement?.redact ?? []) })
        : null;
    const envelope: Envelope = { id: p.recordId, type: p.type, version: p.version, op: p.op, owner, prev, marking: p.record.marking, body: p.body, redacted: p.redacted, signedAt };
    return { envelope, text: p.parts ? signingTextOf(p.parts, prev, signedAt) : signingText(envelope) };
  });
  // Signed together: on several cores for a large page (crypto-pool.ts).
  const own = unsigned.flatMap((u) => ('text' in u ? [u] : []));
  const signatures = await signMany(own.map((u) => u.text), signer.privateKey);
  let k = 0;
  const envelopes = unsigned.map((u): SignedEnvelope | RelayedItem => ('text' in u ? { ...u.envelope, signature: signatures[k++]! } : u.relayed));
  if (fixes.length || envelopes.length) await inWriteTransaction(ctx.db, async (trx) => {
    if (fixes.length) await upsertDesired(trx, peer.id, fixes);
    const metas = picked.map((p) => ({ id: p.recordId, type: p.type, version: p.version, op: p.op }));
    if (envelopes.length) await markSigned(trx, peer.id, metas.map((e) => e.id), new Date(Math.max(nowMs, ...picked.map((p) => (lastSigned.get(p.recordId) ?? 0) + 1))).toISOString());
    // One audit entry per action and page: the count and the sha256 of its "id@version" lines.
    for (const [action, op] of [['federation.send', 'put'], ['federation.withdraw', 'withdraw']] as const) {
      const list = metas.filter((e) => e.op === op);
      if (list.length === 0) continue;
      const types = [...new Set(list.map((e) => e.type))];
      await appendAudit(trx, {
        actor: `peer:${peer.id}`,
        action,
        entityType: types.length === 1 ? types[0]! : 'records',
        entityId: list.length === 1 ? list[0]!.id : null,
        detail: { peer: peer.id, count: list.length, ...(list.length === 1 ? { version: list[0]!.version } : {}), idsSha256: batchDigest(list) },
      });
    }
  });
  const pendingNow = await countPending(ctx.db.kysely, peer.id);
  const unwalked = await countOutboxAfter(ctx.db.kysely, cursor);
  const backlog = pendingNow + unwalked;
  const page = signObject(
    {
      from: ctx.node.id,
      to: peer.nodeId,
      state: ctx.node.stateCode,
      nonce: req.nonce,
      count: envelopes.length,
      envelopes: envelopesDigest(envelopes.map(itemSignature)),
      more: pendingNow > envelopes.length || unwalked > 0,
      backlog,
      agreement: await signedTermsFor(ctx, peer, mine),
      signedAt: new Date().toISOString(),
    },
    signer.privateKey,
  );
  return { envelopes, page };
}

/**
 * A signed receipt from the peer for what we sent: verified with its key, kept as proof, and
 * every item that matches what the peer should hold is no longer pending.
 */
export async function acceptReceipt(ctx: AppContext, peer: Peer, raw: unknown): Promise<{ cleared: number; items: number }> {
  const parsed = receiptSchema.safeParse(raw);
  const refuse = async (code: string, detail: string): Promise<never> => {
    await recordRejection(ctx, { peerId: peer.id, nodeId: peer.nodeId, kind: 'receipt', code, detail });
    throw new AppError('VALIDATION_FAILED', `receipt refused: ${code}`, { code });
  };
  if (!parsed.success) return refuse('RECEIPT_MALFORMED', parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '));
  const receipt = parsed.data;
  if (receipt.from !== peer.nodeId || receipt.to !== ctx.node.id) return refuse('RECEIPT_MISADDRESSED', `from ${receipt.from} to ${receipt.to}`);
  if (!(await verifiedByPeer(ctx, peer, (key) => verifyObject(receipt, key)))) return refuse('RECEIPT_BAD_SIGNATURE', 'the receipt does not verify with the peer key');
  const at = new Date().toISOString();
  const cleared = await inWriteTransaction(ctx.db, async (trx) => {
    const n = await applyReceiptItems(trx, peer.id, receipt.items, at);
    await insertReceipt(trx, { id: randomUUID(), peerId: peer.id, direction: 'in', items: receipt.items.length, json: JSON.stringify(receipt), at });
    await appendAudit(trx, { actor: `peer:${peer.id}`, action: 'federation.receipt', entityType: 'peer', entityId: peer.id, detail: { items: receipt.items.length, cleared: n, nonce: receipt.nonce } });
    return n;
  });
  await touchPeer(ctx.db.kysely, peer.id, at);
  return { cleared, items: receipt.items.length };
}
