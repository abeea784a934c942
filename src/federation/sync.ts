import { randomUUID } from 'node:crypto';
import { RECORD_BODY_SCHEMAS, isRecordKind } from '../domain/federation/bodies.ts';
import { envelopeDigest, prepareEnvelope, publicKeyFromBase64, type EnvelopeOp, type SignedEnvelope } from '../domain/federation/envelope.ts';
import { hopsAllow, isRelayedItem, itemSignature, verifyRelayed, type Hop, type RelayedItem } from '../domain/federation/relay.ts';
import {
  compareToApplied,
  effectiveAgreement,
  envelopesDigest,
  pageHeaderSchema,
  signObject,
  verifyObject,
  type ReceiptItem,
  type SignedPageHeader,
} from '../domain/federation/protocol.ts';
import { newNonce, signRequest } from '../domain/federation/request-signing.ts';
import { decideInbound, type Agreement } from '../domain/federation/sharing-policy.ts';
import { canonicalJson } from '../domain/records/content-hash.ts';
import type { RecordBodies, RecordKind } from '../domain/records/bodies.ts';
import type { RecordChange } from '../domain/records/record.ts';
import { AppError } from '../errors.ts';
import type { AppContext } from '../services/context.ts';
import { appendAudit } from '../store/audit.repository.ts';
import {
  currentAgreement,
  findPeer,
  incomingStates,
  insertReceipt,
  insertReceivedEnvelopes,
  listPeers,
  setRemoteBacklog,
  touchPeer,
  upsertIncomingMany,
  type IncomingState,
  type Peer,
} from '../store/federation.repository.ts';
import { applyReceivedBatch, batchDigest, type ReceivedOp, type ReceivedResult } from '../store/received-batch.repository.ts';
import { inWriteTransaction, type Trx } from '../store/transaction.ts';
import { verifyMany } from './crypto-pool.ts';
import { checkPeerTerms, recordRejection, signedTermsFor, type FeedPage } from './feed.ts';
import { exchangeCheckpoint } from './checkpoints.ts';
import { deliverPendingHandovers, peerKeyHistory, verifiedByPeer, verifyWithHistory } from './key-rotation.ts';
import { nodeSigner } from './keys.ts';

export type ReceiveOutcome =
  | { status: 'stored'; id: string; version: number }
  | { status: 'withdrawn'; id: string; version: number }
  | { status: 'ignored'; id: string; version: number }
  | { status: 'rejected'; id: string | null; version: number | null; reason: string; detail?: string };

interface Applied {
  outcome: ReceiveOutcome;
  item: ReceiptItem | null;
  change: RecordChange | null;
  audit?: { reason: string };
}

const ownerOf = (env: SignedEnvelope) => ({ node: env.owner.node, state: env.owner.state, agencyId: env.owner.agency, unitId: env.owner.unit });

/** A verified item of a page: the owner's envelope, and the relay's hops when a peer passes on another node's record. */
interface Verified {
  env: SignedEnvelope;
  relay: { hops: Hop[]; op: EnvelopeOp; signedAt: string } | null;
  raw: unknown;
  /** envelopeDigest(env), made from the same canonicalisation as the signed text. */
  digest?: string;
}
const isVerified = (s: Applied | Verified): s is Verified => 'env' in s;

type Plan = { env: SignedEnvelope; raw: unknown; base: Omit<ReceiptItem, 'status' | 'reason'> } & (
  | { kind: 'done'; applied: Applied }
  | { kind: 'write'; op: ReceivedOp | null; state: IncomingState['state']; refusal?: { reason: string; detail?: string } }
);

/**
 * Decides one verified envelope against what we hold (in memory; `held` is updated so a later
 * envelope of the same record in the page sees it), newest wins: a higher version, or the same
 * version signed later by the owner, replaces what we hold; the same (version, op, content) is
 * a duplicate (acknowledged again, nothing written); anything older is stale and refused — so a
 * replayed put can never undo a later withdrawal. Our own policy (the stricter agreement of
 * both sides) is checked again; a refused put also drops a copy we held.
 */
function planOne(ctx: AppContext, peer: Peer, v: Verified, agreement: Agreement | null, held: Map<string, IncomingState>): Plan {
  const { env, raw } = v;
  // A relay taking back what it passed: a withdrawal of the owner's version, signed by the relay's hop.
  const op = v.relay?.op ?? env.op;
  const signedAt = v.relay?.signedAt ?? env.signedAt;
  const digest = op === env.op ? (v.digest ?? envelopeDigest(env)) : envelopeDigest({ id: env.id, type: env.type, version: env.version, owner: env.owner, marking: env.marking, op, body: null, redacted: [] });
  const base = { id: env.id, version: env.version, op, digest };
  const before = held.get(env.id) ?? null;
  const cmp = compareToApplied(before, { version: env.version, op, digest, signedAt });
  if (cmp === 'duplicate' || (v.relay && op === 'withdraw' && before && before.peerId !== peer.id)) {
    // (A relay's withdrawal never removes a copy that came another way, e.g. from the owner itself.)
    const refused = before!.state === 'refused' && cmp === 'duplicate';
    return { env, raw, base, kind: 'done', applied: { outcome: { status: 'ignored', id: env.id, version: env.version }, item: { ...base, status: refused ? 'rejected' : 'duplicate', ...(refused ? { reason: 'REFUSED' } : {}) }, change: null } };
  }
  if (cmp === 'stale') {
    return {
      env,
      raw,
      base,
      kind: 'done',
      applied: {
        outcome: { status: 'rejected', id: env.id, version: env.version, reason: 'STALE_ENVELOPE', detail: `we hold version ${before!.version} (${before!.op}) signed ${before!.signedAt}` },
        item: { ...base, status: 'stale' },
        change: null,
        audit: { reason: 'STALE_ENVELOPE' },
      },
    };
  }
  const owner = ownerOf(env);
  const plan = (o: ReceivedOp | null, state: IncomingState['state'], refusal?: { reason: string; detail?: string }): Plan => {
    held.set(env.id, { recordId: env.id, type: env.type, ownerNode: env.owner.node, peerId: peer.id, version: env.version, op: base.op, digest, signedAt, state });
    return { env, raw, base, kind: 'write', op: o, state, refusal };
  };
  const refuse = (reason: string, detail?: string): Plan =>
    // What we may not hold, we do not keep: a copy of an earlier version is dropped too.
    plan(isRecordKind(env.type) && before?.state === 'held' ? { op: 'withdraw', input: { type: env.type, id: env.id, version: env.version, marking: env.marking, owner, peerId: peer.id } } : null, 'refused', { reason, detail });
  if (!isRecordKind(env.type)) return refuse('UNKNOWN_TYPE', env.type);
  // A withdrawal only removes what we hold, so it needs no policy check beyond the signature.
  if (op === 'withdraw') return plan({ op: 'withdraw', input: { type: env.type, id: env.id, version: env.version, marking: env.marking, owner, peerId: peer.id } }, 'withdrawn');
  const body = RECORD_BODY_SCHEMAS[env.type].safeParse(env.body);
  if (!body.success) return refuse('INVALID_BODY', body.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '));
  const policy = decideInbound({ type: env.type, owner: env.owner, marking: env.marking, body: body.data }, { agreement, localState: ctx.node.stateCode, localNode: ctx.node.id });
  if (!policy.accept) return refuse(policy.reason);
  // Passed on by a relay: the owner's marking must allow every transfer it made to reach us.
  if (v.relay && !hopsAllow(env.marking, v.relay.hops)) return refuse('HOPS_EXCEEDED', `${v.relay.hops.length + 1} transfers, the marking allows ${env.marking.hops}`);
  return plan(
    { op: 'save', input: { type: env.type, id: env.id, version: env.version, body: body.data as RecordBodies[RecordKind], marking: env.marking, owner, peerId: peer.id, sameVersion: before !== null && before.version === env.version } },
    'held',
  );
}

/**
 * Applies a page inside one write transaction with a fixed number of statements per page (not
 * per record): decisions in memory, then the batched store writes, the incoming states and the
 * signed envelopes as multi-row upserts, one audit entry per action for the page.
 */
async function applyPage(trx: Trx, ctx: AppContext, peer: Peer, list: (Applied | Verified)[], agreement: Agreement | null, held: Map<string, IncomingState>, at: string): Promise<Applied[]> {
  const plans = list.map((s) => (isVerified(s) ? planOne(ctx, peer, s, agreement, held) : null));
  const writes = plans.filter((p): p is Plan & { kind: 'write' } => p !== null && p.kind === 'write');
  const ops = writes.flatMap((p) => (p.op ? [p.op] : []));
  const results = await applyReceivedBatch(trx, peer.id, ops, new Date(at));
  const byPlan = new Map<Plan, ReceivedResult>();
  let i = 0;
  for (const p of writes) if (p.op) byPlan.set(p, results[i++]!);
  const remembered: IncomingState[] = [];
  const envelopes: { recordId: string; version: number; op: string; type: string; peerId: string; envelopeJson: string }[] = [];
  const out: Applied[] = list.map((s, k) => {
    const p = plans[k];
    if (!p) return s as Applied;
    if (p.kind === 'done') return p.applied;
    const { env, base } = p;
    const r = byPlan.get(p);
    if (r && !r.ok) {
      // Refused by the store before it wrote anything (e.g. another owner holds that id here).
      return { outcome: { status: 'rejected', id: env.id, version: env.version, reason: r.error.code, detail: r.error.message }, item: { ...base, status: 'rejected', reason: r.error.code }, change: null, audit: { reason: r.error.code } };
    }
    remembered.push(held.get(env.id)!);
    // Kept as received: for a relayed record, the owner's envelope with every hop (who made it, who passed it).
    envelopes.push({ recordId: env.id, version: env.version, op: base.op, type: env.type, peerId: peer.id, envelopeJson: JSON.stringify(p.raw) });
    const result = r && r.ok ? r : null;
    if (p.refusal) return { outcome: { status: 'rejected', id: env.id, version: env.version, reason: p.refusal.reason, detail: p.refusal.detail }, item: { ...base, status: 'rejected', reason: p.refusal.reason }, change: result?.change ?? null, audit: { reason: p.refusal.reason } };
    const change = result?.change ? (result.meta ? { ...result.change, audience: { owner: result.meta.owner, marking: result.meta.marking, createdBy: result.meta.createdBy } } : result.change) : null;
    const status = change ? (base.op === 'withdraw' ? 'withdrawn' : 'stored') : 'ignored';
    return { outcome: { status, id: env.id, version: env.version }, item: { ...base, status: 'applied' }, change };
  });
  await upsertIncomingMany(trx, remembered, at);
  await insertReceivedEnvelopes(trx, envelopes, at);
  const rejected = out.filter((a) => a.audit).map((a) => ({ id: a.outcome.id ?? '', version: a.outcome.version ?? 0, reason: a.audit!.reason }));
  if (rejected.length) {
    const reasons: Record<string, number> = {};
    for (const r of rejected) reasons[r.reason] = (reasons[r.reason] ?? 0) + 1;
    await appendAudit(trx, {
      actor: `peer:${peer.id}`,
      action: 'federation.reject',
      entityType: 'envelope',
      entityId: rejected.length === 1 ? rejected[0]!.id || null : null,
      detail: { peer: peer.id, count: rejected.length, ...(rejected.length === 1 ? { version: rejected[0]!.version, reason: rejected[0]!.reason } : { reasons }), idsSha256: batchDigest(rejected) },
    });
  }
  return out;
}

/**
 * Receives a page of envelopes from `peer`: verify each with the peer's registered key (the
 * owner must be the peer), then apply them all in one transaction (one per envelope if the page
 * fails as a whole). Returns each outcome and the receipt items to sign: only envelopes that
 * verified are acknowledged — anything else will be sent again.
 */
export async function receiveBatch(ctx: AppContext, peer: Peer, raws: unknown[], agreement: Agreement | null): Promise<{ outcomes: ReceiveOutcome[]; items: ReceiptItem[] }> {
  if (raws.length === 0) return { outcomes: [], items: [] };
  const at = new Date().toISOString();
  const key = new Map([[peer.nodeId, publicKeyFromBase64(peer.publicKey)]]);
  // Relayed records are checked with the owner's and every relay's key: nodes we know as peers.
  const keys = raws.some(isRelayedItem) ? new Map((await listPeers(ctx.db.kysely)).map((p) => [p.nodeId, publicKeyFromBase64(p.publicKey)])) : key;
  // Envelopes signed before the peer rotated its key still verify with the key it had then.
  const history = await peerKeyHistory(ctx, peer);
  // The peer's own envelopes: canonicalised once here (signed text and digest), their signatures
  // checked together with its current key — on several cores for a large page. One that does not
  // verify so is checked again with the peer's earlier keys (before a rotation).
  const prepared = raws.map((raw) => (isRelayedItem(raw) ? null : prepareEnvelope(raw, peer.nodeId)));
  const toCheck = prepared.flatMap((p) => (p?.ok ? [{ text: p.signing, signature: p.envelope.signature }] : []));
  const checked = await verifyMany(toCheck, key.get(peer.nodeId)!);
  let c = 0;
  const slots: (Applied | Verified)[] = raws.map((raw, i) => {
    let v: { ok: true; verified: Verified } | { ok: false; reason: string; detail: string };
    const p = prepared[i];
    if (isRelayedItem(raw)) {
      const r = verifyRelayed(raw, keys, peer.nodeId, ctx.node.id);
      v = r.ok ? { ok: true, verified: { env: r.envelope, relay: { hops: r.hops, op: r.op, signedAt: r.signedAt }, raw } } : r;
    } else if (p?.ok && checked[c++]) {
      v = { ok: true, verified: { env: p.envelope, relay: null, raw, digest: p.digest } };
    } else if (p && !p.ok) {
      v = p;
    } else {
      const r = verifyWithHistory(raw, peer, history);
      v = r.ok ? { ok: true, verified: { env: r.envelope, relay: null, raw, digest: r.digest } } : r;
    }
    if (v.ok) return v.verified;
    const anyRaw = ((isRelayedItem(raw) ? raw.relayed : raw) ?? {}) as { id?: unknown; version?: unknown };
    const id = typeof anyRaw.id === 'string' ? anyRaw.id.slice(0, 64) : null;
    const version = typeof anyRaw.version === 'number' ? anyRaw.version : null;
    return { outcome: { status: 'rejected', id, version, reason: v.reason, detail: v.detail }, item: null, change: null, audit: { reason: v.reason } } satisfies Applied;
  });
  const envs = slots.filter(isVerified).map((s) => s.env);
  const applyAll = (trx: Trx, list: (Applied | Verified)[], held: Map<string, IncomingState>) => applyPage(trx, ctx, peer, list, agreement, held, at);
  let results: Applied[];
  try {
    const held = await incomingStates(ctx.db.kysely, envs.map((e) => e.id));
    results = await inWriteTransaction(ctx.db, (trx) => applyAll(trx, slots, held));
  } catch (err) {
    ctx.log.warn({ peer: peer.name, err: (err as Error).message }, 'federation: page failed as a whole; applying envelope by envelope');
    results = [];
    for (const s of slots) {
      try {
        const held = isVerified(s) ? await incomingStates(ctx.db.kysely, [s.env.id]) : new Map<string, IncomingState>();
        results.push(...(await inWriteTransaction(ctx.db, (trx) => applyAll(trx, [s], held))));
      } catch (e) {
        const id = isVerified(s) ? s.env.id : s.outcome.id;
        const version = isVerified(s) ? s.env.version : s.outcome.version;
        results.push({ outcome: { status: 'rejected', id, version, reason: 'STORE_FAILED', detail: (e as Error).message }, item: null, change: null });
      }
    }
  }
  for (const r of results) {
    if (r.outcome.status === 'rejected') {
      ctx.log.warn({ peer: peer.name, id: r.outcome.id, version: r.outcome.version, reason: r.outcome.reason }, 'federation: envelope rejected');
      await recordRejection(ctx, { peerId: peer.id, nodeId: peer.nodeId, kind: 'envelope', code: r.outcome.reason, recordId: r.outcome.id, version: r.outcome.version, detail: r.outcome.detail ?? null });
    }
    // Listeners (screening index, SSE to users the marking allows) hear of it only after the commit.
    if (r.change) ctx.events.publish(r.change.audience ? r.change : { ...r.change, audience: undefined });
  }
  return { outcomes: results.map((r) => r.outcome), items: results.flatMap((r) => (r.item ? [r.item] : [])) };
}

/** One envelope (tests and tools): the same path as a page of one. */
export async function receiveEnvelope(ctx: AppContext, peer: Peer, raw: unknown, agreement: Agreement | null): Promise<ReceiveOutcome> {
  return (await receiveBatch(ctx, peer, [raw], agreement)).outcomes[0]!;
}

export interface PullSummary {
  peer: string;
  batches: number;
  stored: number;
  withdrawn: number;
  ignored: number;
  rejected: number;
  /** What the peer still has for us after this pull (records unacknowledged + outbox not yet examined). */
  backlog: number;
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

/** A signed request to a peer's federation API (JSON body, canonical, covered by the signature). */
export async function peerRequest(ctx: AppContext, peer: Peer, path: string, body: unknown, fetchImpl: typeof fetch = fetch, nonce = newNonce()): Promise<{ status: number; text: string }> {
  const signer = await nodeSigner(ctx);
  const text = canonicalJson(body);
  const headers = { ...signRequest(ctx.node.id, 'POST', path, signer.privateKey, new Date(), text, nonce), 'content-type': 'application/json', 'accept-encoding': 'br, gzip' };
  const res = await fetchImpl(peer.url + path, { method: 'POST', headers, body: text, signal: AbortSignal.timeout(60_000) });
  const answer = await res.text();
  if (!res.ok) {
    let code: string | null = null;
    try {
      code = (JSON.parse(answer) as { error?: { code?: string } }).error?.code ?? null;
    } catch {
      /* not our error shape */
    }
    throw new PeerRequestError(res.status, code, `peer ${peer.name} answered ${res.status}${code ? ` ${code}` : ''}`);
  }
  return { status: res.status, text: answer };
}

/**
 * Fetches one feed page and checks it before anything in it is used: the header is signed by
 * the peer's key, addressed to us, answers this request's nonce (a replayed or reordered page
 * is refused), names the state registered for the peer, and covers exactly these envelopes.
 */
export async function fetchFeedPage(
  ctx: AppContext,
  peer: Peer,
  limit: number,
  fetchImpl: typeof fetch = fetch,
  agreement?: Agreement | null,
): Promise<FeedPage & { nonce: string }> {
  const mine = agreement === undefined ? await currentAgreement(ctx.db.kysely, peer.id) : agreement;
  const nonce = newNonce();
  const res = await peerRequest(ctx, peer, '/api/federation/feed', { limit, agreement: await signedTermsFor(ctx, peer, mine) }, fetchImpl, nonce);
  const refuse = async (code: string, detail: string): Promise<never> => {
    await recordRejection(ctx, { peerId: peer.id, nodeId: peer.nodeId, kind: code === 'PEER_MISMATCH' ? 'contact' : 'page', code, detail });
    throw new PeerRequestError(res.status, code, `peer ${peer.name}: feed page refused (${code}): ${detail}`);
  };
  let data: { envelopes?: unknown; page?: unknown };
  try {
    data = JSON.parse(res.text) as typeof data;
  } catch {
    return refuse('PAGE_MALFORMED', 'not JSON');
  }
  const parsed = pageHeaderSchema.safeParse(data.page);
  if (!parsed.success || !Array.isArray(data.envelopes)) return refuse('PAGE_MALFORMED', parsed.success ? 'no envelopes' : parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '));
  const page = parsed.data;
  const envelopes = data.envelopes as (SignedEnvelope | RelayedItem)[];
  if (page.from !== peer.nodeId || page.to !== ctx.node.id || !(await verifiedByPeer(ctx, peer, (key) => verifyObject(page, key)))) return refuse('PAGE_FORGED', 'the page header is not signed by the peer for us');
  if (page.nonce !== nonce) return refuse('PAGE_REPLAYED', 'the page answers another request');
  if (page.state !== peer.stateCode) return refuse('PEER_MISMATCH', `the peer says it is ${page.state}; it was registered as ${peer.stateCode}`);
  const sigs = envelopes.map(itemSignature);
  if (page.count !== envelopes.length || page.envelopes !== envelopesDigest(sigs)) return refuse('PAGE_FORGED', 'the envelopes are not the ones the page header covers');
  const theirs = await checkPeerTerms(ctx, peer, page.agreement);
  if (!theirs) return refuse('AGREEMENT_INVALID', 'the agreement terms in the page are not signed by the peer for us');
  await touchPeer(ctx.db.kysely, peer.id, new Date().toISOString(), JSON.stringify(theirs));
  return { envelopes, page, nonce };
}

/** Signs a receipt for what we applied (or refused) from a page and posts it to the peer; keeps a copy as proof. */
export async function sendReceipt(ctx: AppContext, peer: Peer, nonce: string, items: ReceiptItem[], fetchImpl: typeof fetch = fetch): Promise<void> {
  const signer = await nodeSigner(ctx);
  const receipt = signObject({ from: ctx.node.id, to: peer.nodeId, nonce, items, signedAt: new Date().toISOString() }, signer.privateKey);
  await inWriteTransaction(ctx.db, (trx) => insertReceipt(trx, { id: randomUUID(), peerId: peer.id, direction: 'out', items: items.length, json: JSON.stringify(receipt), at: receipt.signedAt }));
  await peerRequest(ctx, peer, '/api/federation/receipts', receipt, fetchImpl);
}

/**
 * Pulls everything the peer has for us, page by page: apply, then send a signed receipt. The
 * peer keeps what we have not acknowledged and sends it again, so a crash or a lost answer on
 * either side only repeats work (applying is idempotent by (id, version, op, content)).
 */
export async function pullFromPeer(
  ctx: AppContext,
  peerRef: { id?: string; name?: string },
  opts: { fetchImpl?: typeof fetch; limit?: number; maxPages?: number } = {},
): Promise<PullSummary> {
  const peer = await findPeer(ctx.db.kysely, peerRef);
  if (!peer) throw new AppError('NOT_FOUND', 'peer not found');
  const limit = opts.limit ?? 500;
  const summary: PullSummary = { peer: peer.name, batches: 0, stored: 0, withdrawn: 0, ignored: 0, rejected: 0, backlog: 0, rejections: [] };
  const maxPages = opts.maxPages ?? 10_000;
  const mine = await currentAgreement(ctx.db.kysely, peer.id);
  // A key hand-over the peer has not acknowledged yet (it was down at rotation) goes first:
  // until it has it, it refuses everything we sign with the new key.
  await deliverPendingHandovers(ctx, peer, opts.fetchImpl);
  while (summary.batches < maxPages) {
    const { envelopes, page, nonce } = await fetchFeedPage(ctx, peer, limit, opts.fetchImpl, mine);
    summary.batches += 1;
    const theirs = page.agreement;
    const { outcomes, items } = await receiveBatch(ctx, peer, envelopes, effectiveAgreement(mine, theirs));
    for (const outcome of outcomes) {
      if (outcome.status === 'stored') summary.stored += 1;
      else if (outcome.status === 'withdrawn') summary.withdrawn += 1;
      else if (outcome.status === 'ignored') summary.ignored += 1;
      else {
        summary.rejected += 1;
        summary.rejections.push({ id: outcome.id, version: outcome.version, reason: outcome.reason });
      }
    }
    if (items.length) await sendReceipt(ctx, peer, nonce, items, opts.fetchImpl);
    summary.backlog = Math.max(0, page.backlog - items.length);
    if (peer.remoteBacklog !== summary.backlog) await setRemoteBacklog(ctx.db.kysely, peer.id, summary.backlog);
    // A page that says "more" but carried nothing we could acknowledge would keep us here.
    if (!page.more || items.length === 0) break;
  }
  // Our newest audit checkpoint, for the peer to keep and co-sign (only when it has not yet).
  await exchangeCheckpoint(ctx, peer, async (body) => (await peerRequest(ctx, peer, '/api/federation/checkpoints', body, opts.fetchImpl)).text).catch((err: Error) =>
    ctx.log.debug({ peer: peer.name, err: err.message }, 'federation: checkpoint not exchanged (next sync tries again)'),
  );
  if (summary.stored || summary.withdrawn || summary.rejected) ctx.log.info({ ...summary, rejections: undefined }, 'federation: pulled from peer');
  return summary;
}

export type { SignedEnvelope, SignedPageHeader };
