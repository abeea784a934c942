import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { isValidPublicKey } from '../domain/federation/envelope.ts';
import { isRecordKind } from '../domain/federation/bodies.ts';
import { AGREEMENT_TLPS } from '../domain/federation/sharing-policy.ts';
import { authorize } from '../domain/policy/authorize.ts';
import { AppError, conflict, notFound, validation } from '../errors.ts';
import type { AppContext } from '../services/context.ts';
import { principalOf } from '../services/principal.ts';
import { actorId, type Actor } from '../services/users.service.ts';
import { appendAudit } from '../store/audit.repository.ts';
import {
  currentAgreement,
  currentAgreements,
  findPeer,
  insertAgreement,
  insertPeer,
  listPeers,
  resetPullCursor,
  type Peer,
  type StoredAgreement,
} from '../store/federation.repository.ts';
import { inWriteTransaction } from '../store/transaction.ts';
import { nodeSigner } from './keys.ts';

/** What GET /api/federation/node answers: enough for a peer's administrator to register us. */
export async function nodeInfo(ctx: AppContext) {
  const signer = await nodeSigner(ctx);
  return { nodeId: ctx.node.id, state: ctx.node.stateCode, name: ctx.node.name, publicKey: signer.publicKey, publicKeyFormat: 'ed25519-raw-base64' as const };
}

export const addPeerSchema = z
  .object({
    name: z.string().trim().min(1).max(64).regex(/^[A-Za-z0-9._-]+$/, 'letters, digits, dot, dash, underscore'),
    url: z.url({ protocol: /^https?$/ }).max(500),
    stateCode: z.string().regex(/^[A-Z]{2}$/, 'ISO 3166-1 alpha-2 code'),
    /** base64 of the raw 32-byte Ed25519 key, obtained out of band (or read from the peer and compared). */
    publicKey: z.string().refine(isValidPublicKey, 'an Ed25519 public key: 32 bytes in base64'),
    /** Omit to read it from the peer's GET /api/federation/node (its key must match publicKey). */
    nodeId: z.string().min(1).max(64).regex(/^[A-Za-z0-9._:-]+$/).optional(),
  })
  .strict();
export type AddPeerInput = z.input<typeof addPeerSchema>;

export const agreementSchema = z
  .object({
    types: z.array(z.string()).min(1).max(20).refine((t) => t.every(isRecordKind), 'unknown record type'),
    maxTlp: z.enum(AGREEMENT_TLPS),
    personalData: z.boolean(),
    redact: z.array(z.string().regex(/^[A-Za-z0-9_]+(\.[A-Za-z0-9_]+)*$/, 'dot path such as subject.documents')).max(50).default([]),
    active: z.boolean().default(true),
    /** The peer may pass our records on to its own peers, within each record's hops (docs/federation.md). */
    onward: z.boolean().default(false),
  })
  .strict();
export type AgreementInput = z.input<typeof agreementSchema>;

async function readPeerNode(url: string, fetchImpl: typeof fetch): Promise<{ nodeId: string; publicKey: string; state: string }> {
  let res: Response;
  try {
    res = await fetchImpl(`${url.replace(/\/+$/, '')}/api/federation/node`, { signal: AbortSignal.timeout(10_000) });
  } catch (err) {
    throw validation(`cannot reach the peer at ${url}: ${(err as Error).message}; give nodeId explicitly`);
  }
  if (!res.ok) throw validation(`the peer at ${url} answered ${res.status} for /api/federation/node`);
  return (await res.json()) as { nodeId: string; publicKey: string; state: string };
}

export async function addPeer(ctx: AppContext, actor: Actor, raw: AddPeerInput, fetchImpl: typeof fetch = fetch): Promise<Peer> {
  authorize(principalOf(actor), 'federation:admin');
  const input = addPeerSchema.parse(raw);
  let nodeId = input.nodeId;
  // The key given by the peer's administrator is the trust anchor; the URL tells us its id, and
  // what it publishes (key, state, id) must agree with what we were told. A peer that cannot be
  // reached now is accepted only with an explicit node id; it is checked on every contact anyway.
  let info: { nodeId: string; publicKey: string; state: string } | null = null;
  try {
    info = await readPeerNode(input.url, fetchImpl);
  } catch (err) {
    if (!nodeId) throw err;
  }
  if (info) {
    if (info.publicKey !== input.publicKey) throw validation('the key published at that URL is not the key you gave: not registering it');
    if (info.state !== input.stateCode) throw new AppError('PEER_MISMATCH', `the node at that URL publishes state ${info.state}, not ${input.stateCode}: not registering it`);
    if (nodeId && info.nodeId !== nodeId) throw new AppError('PEER_MISMATCH', `the node at that URL publishes node id ${info.nodeId}, not ${nodeId}: not registering it`);
    nodeId = info.nodeId;
  }
  if (!nodeId) throw validation('give nodeId or a reachable URL');
  if (nodeId === ctx.node.id) throw validation('that is this node itself');
  const peer = { id: randomUUID(), nodeId, name: input.name, stateCode: input.stateCode, url: input.url.replace(/\/+$/, ''), publicKey: input.publicKey, createdAt: new Date().toISOString() };
  await inWriteTransaction(ctx.db, async (trx) => {
    if (await findPeer(trx, { name: peer.name })) throw conflict(`a peer named "${peer.name}" exists`);
    if (await findPeer(trx, { nodeId })) throw conflict(`node ${nodeId} is already a peer`);
    await insertPeer(trx, peer);
    await appendAudit(trx, { actor: actorId(actor), action: 'federation.peer_add', entityType: 'peer', entityId: peer.id, detail: { nodeId, state: peer.stateCode, publicKey: peer.publicKey } });
  });
  return (await findPeer(ctx.db.kysely, { id: peer.id }))!;
}

export async function setAgreement(ctx: AppContext, actor: Actor, peerRef: { id?: string; name?: string }, raw: AgreementInput): Promise<StoredAgreement> {
  authorize(principalOf(actor), 'federation:admin');
  const input = agreementSchema.parse(raw);
  return inWriteTransaction(ctx.db, async (trx) => {
    const peer = await findPeer(trx, peerRef);
    if (!peer) throw notFound('peer');
    const agreement: StoredAgreement = {
      id: randomUUID(),
      peerId: peer.id,
      types: [...new Set(input.types)],
      maxTlp: input.maxTlp,
      personalData: input.personalData,
      redact: [...new Set(input.redact)],
      active: input.active,
      onward: input.onward,
      createdBy: actorId(actor),
      createdAt: new Date().toISOString(),
    };
    await insertAgreement(trx, agreement);
    await resetPullCursor(trx, peer.id, agreement.createdAt);
    const { createdBy: _c, createdAt: _a, ...detail } = agreement;
    await appendAudit(trx, { actor: actorId(actor), action: 'federation.agreement', entityType: 'peer', entityId: peer.id, detail });
    return agreement;
  });
}

export async function peersWithAgreements(ctx: AppContext, actor: Actor) {
  authorize(principalOf(actor), 'federation:admin');
  const [peers, agreements] = await Promise.all([listPeers(ctx.db.kysely), currentAgreements(ctx.db.kysely)]);
  return peers.map((p) => ({ ...p, agreement: agreements.get(p.id) ?? null }));
}

export async function requirePeer(ctx: AppContext, ref: { id?: string; name?: string }): Promise<Peer> {
  const peer = await findPeer(ctx.db.kysely, ref);
  if (!peer) throw notFound('peer');
  return peer;
}

export { currentAgreement };
export const peerUnknown = () => new AppError('PEER_UNKNOWN', 'This node is not registered as a peer here');
