import { envelopeDigest, type EnvelopeOp, type SignedEnvelope } from '../domain/federation/envelope.ts';
import { effectiveAgreement, agreementTermsSchema } from '../domain/federation/protocol.ts';
import { decideRelay, isRelayedItem, signHop, type Hop, type RelayedItem } from '../domain/federation/relay.ts';
import type { Agreement } from '../domain/federation/sharing-policy.ts';
import type { AppContext } from '../services/context.ts';
import { currentAgreements, listPeers, receivedSources, type IncomingState, type OutgoingRow, type Peer } from '../store/federation.repository.ts';
import type { NodeSigner } from './keys.ts';

/**
 * Sending side of onward sharing: a record this node holds from another node is passed on as
 * the owner's envelope unchanged with our signed hop added (src/domain/federation/relay.ts).
 * What a peer should hold of it is decided like our own records — a put while the relay rules
 * allow it and we hold it, else a withdrawal if the peer was ever offered it — so the owner's
 * withdrawals and revocations, and any change of the onward permission, follow the same path.
 */

export interface RelaySource {
  state: IncomingState;
  origin: SignedEnvelope;
  hopsBefore: Hop[];
}

/** Per peer id: whether the link with that peer lets us pass its records on (both sides agreed). */
export async function onwardByPeer(ctx: AppContext): Promise<Map<string, boolean>> {
  const [peers, agreements] = await Promise.all([listPeers(ctx.db.kysely), currentAgreements(ctx.db.kysely)]);
  const out = new Map<string, boolean>();
  for (const p of peers) {
    const theirs = p.remoteAgreementJson ? agreementTermsSchema.safeParse(JSON.parse(p.remoteAgreementJson)) : null;
    out.set(p.id, effectiveAgreement(agreements.get(p.id) ?? null, theirs?.success ? theirs.data : null)?.onward ?? false);
  }
  return out;
}

/** A fingerprint of the onward permissions: when one changes, every relayed copy is re-evaluated. */
export const onwardFingerprint = (m: Map<string, boolean>) =>
  [...m.entries()]
    .filter(([, v]) => v)
    .map(([k]) => k)
    .sort()
    .join(',');

export async function relaySources(ctx: AppContext, recordIds: string[]): Promise<Map<string, RelaySource>> {
  const out = new Map<string, RelaySource>();
  if (recordIds.length === 0) return out;
  for (const [id, { state, json }] of await receivedSources(ctx.db.kysely, recordIds)) {
    if (state.ownerNode === ctx.node.id) continue;
    const item = JSON.parse(json) as SignedEnvelope | RelayedItem;
    out.set(id, isRelayedItem(item) ? { state, origin: item.relayed, hopsBefore: item.hops } : { state, origin: item, hopsBefore: [] });
  }
  return out;
}

const base = (o: SignedEnvelope) => ({ id: o.id, type: o.type, version: o.version, owner: o.owner, marking: o.marking });

/** What `peer` should hold of a record we relay: a put of the owner's envelope, a withdrawal, or nothing. */
export function relayDesired(
  ctx: AppContext,
  peer: Peer,
  agreement: Agreement | null,
  src: RelaySource,
  existing: OutgoingRow | undefined,
  onward: Map<string, boolean>,
): { version: number; op: EnvelopeOp; digest: string } | null {
  const o = src.origin;
  const held = src.state.state === 'held' && o.op === 'put';
  const decision = held
    ? decideRelay(
        { type: o.type, owner: o.owner, marking: o.marking, body: o.body },
        { agreement, peerState: peer.stateCode, peerNode: peer.nodeId, onward: onward.get(src.state.peerId) ?? false, hopsUsed: src.hopsBefore.length + 1, chain: src.hopsBefore.map((h) => h.by) },
      )
    : null;
  if (decision?.share) return { version: o.version, op: 'put', digest: envelopeDigest(o) };
  if (!existing || (existing.ackedOp === 'withdraw' && existing.op === 'withdraw')) return null;
  return { version: o.version, op: 'withdraw', digest: envelopeDigest({ ...base(o), op: 'withdraw', body: null, redacted: [] }) };
}

export function signRelay(signer: NodeSigner, peer: Peer, src: RelaySource, op: EnvelopeOp, signedAt: string): RelayedItem {
  return signHop(src.origin, src.hopsBefore, { by: signer.nodeId, to: peer.nodeId, op, signedAt }, signer.privateKey);
}
