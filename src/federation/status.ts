import { keyFingerprint } from '../domain/federation/key-fingerprint.ts';
import { healthRule, peerHealth } from '../domain/federation/peer-health.ts';
import { effectiveAgreement, type SignedAgreementTerms } from '../domain/federation/protocol.ts';
import { authorize } from '../domain/policy/authorize.ts';
import type { AppContext } from '../services/context.ts';
import { principalOf } from '../services/principal.ts';
import type { Actor } from '../services/users.service.ts';
import {
  countOutboxAfter,
  countPending,
  currentAgreements,
  deliveryStats,
  lastReceiptAt,
  listPeers,
  listRejections,
  rejectionCounts,
  type Peer,
} from '../store/federation.repository.ts';
import { countRefusalsSince, handoverStates, oldestUnackedSentAt, ownKeys, peerContacts, previousPeerKeys, unknownCallers } from '../store/peer-status.repository.ts';
import { UNKNOWN_CALLER_ROWS_PER_MINUTE, unrecordedUnknownCalls } from './unknown-callers.ts';

export interface TypeCounts {
  type: string;
  /** Sent and acknowledged by the peer's signed receipt as applied (puts). */
  delivered: number;
  /** Withdrawals acknowledged. */
  withdrawn: number;
  /** Waiting for a receipt (sent or about to be). */
  unacked: number;
  /** The peer's receipt said it refused them (its policy, a conflict). */
  refusedByPeer: number;
}

const strip = (t: { types: string[]; maxTlp: string; personalData: boolean; redact: string[]; active: boolean }) => ({
  types: t.types,
  maxTlp: t.maxTlp,
  personalData: t.personalData,
  redact: t.redact,
  active: t.active,
});

function parseTerms(json: string | null): SignedAgreementTerms | null {
  try {
    return json ? (JSON.parse(json) as SignedAgreementTerms) : null;
  } catch {
    return null;
  }
}

/** Per type: sent (delivered / withdrawn / unacknowledged / refused by the peer) and received (held / withdrawn / refused). */
async function typeCounts(ctx: AppContext, peerId: string) {
  const stats = await deliveryStats(ctx.db.kysely, peerId);
  const sent = new Map<string, TypeCounts>();
  for (const s of stats.sent) {
    const t = sent.get(s.type) ?? { type: s.type, delivered: 0, withdrawn: 0, unacked: 0, refusedByPeer: 0 };
    if (s.pending) t.unacked += s.count;
    else if (s.ackedStatus === 'rejected') t.refusedByPeer += s.count;
    else if (s.op === 'withdraw') t.withdrawn += s.count;
    else if (s.ackedStatus) t.delivered += s.count;
    sent.set(s.type, t);
  }
  const received = new Map<string, { type: string; held: number; withdrawn: number; refused: number }>();
  for (const r of stats.received) {
    const t = received.get(r.type) ?? { type: r.type, held: 0, withdrawn: 0, refused: 0 };
    if (r.state === 'held') t.held += r.count;
    else if (r.state === 'withdrawn') t.withdrawn += r.count;
    else t.refused += r.count;
    received.set(r.type, t);
  }
  const byName = <T extends { type: string }>(m: Map<string, T>) => [...m.values()].sort((a, b) => a.type.localeCompare(b.type));
  return { sent: byName(sent), received: byName(received) };
}

/**
 * How federation with each peer stands (docs/federation.md, "Peer status"): health by the
 * documented rule, last good and last failed contact, backlog both ways, records not yet
 * acknowledged, refusals with their reasons (replays, forged pages, bad signatures, wrong
 * state, expired requests…), records sent and received per type, key fingerprints with any
 * rotation overlap — and the calls refused because the caller is not a registered peer.
 */
export async function federationStatus(ctx: AppContext, actor: Actor, opts: { recent?: number; now?: Date } = {}) {
  authorize(principalOf(actor), 'federation:admin');
  const db = ctx.db.kysely;
  const now = opts.now ?? new Date();
  const recent = opts.recent ?? 10;
  const rule = healthRule(ctx.config.syncIntervalS);
  const since = new Date(now.getTime() - rule.recentMs).toISOString();
  const [peers, agreements, contacts, oldKeys, mine, unknown] = await Promise.all([
    listPeers(db),
    currentAgreements(db),
    peerContacts(db),
    previousPeerKeys(db),
    ownKeys(db, ctx.node.id),
    unknownCallers(db, recent),
  ]);
  const handovers = await handoverStates(db, peers);

  const item = async (peer: Peer) => {
    const ours = agreements.get(peer.id) ?? null;
    const theirs = parseTerms(peer.remoteAgreementJson);
    const effective = effectiveAgreement(ours, theirs);
    const pending = await countPending(db, peer.id);
    // Outbox rows not yet examined for this peer (when its terms are unchanged; else everything is re-examined).
    const unwalked = await countOutboxAfter(db, peer.outCursor);
    const counts = await typeCounts(ctx, peer.id);
    const contact = contacts.get(peer.id) ?? { lastFailureAt: null, lastFailureReason: null, failures: 0 };
    const oldestUnacked = await oldestUnackedSentAt(db, peer.id);
    const byCode = await rejectionCounts(db, peer.id);
    const health = peerHealth({ now, lastContactAt: peer.lastContactAt, failures: contact.failures, refusalsRecent: await countRefusalsSince(db, peer.id, since), oldestUnackedSentAt: oldestUnacked }, rule);
    return {
      peer: { id: peer.id, name: peer.name, nodeId: peer.nodeId, stateCode: peer.stateCode, url: peer.url },
      health: { state: health.health, reasons: health.reasons },
      /** The last verified exchange in either direction: a signed request of theirs we accepted, or a page of theirs we checked. */
      lastContactAt: peer.lastContactAt,
      lastFailure: contact.lastFailureAt ? { at: contact.lastFailureAt, reason: contact.lastFailureReason ?? '', consecutive: contact.failures } : null,
      agreements: {
        ours: ours ? strip(ours) : null,
        theirs: theirs ? { ...strip(theirs), signedAt: theirs.signedAt, state: theirs.state } : null,
        effective: effective ? strip(effective) : null,
      },
      outgoing: { unacked: pending, backlog: pending + unwalked, oldestUnackedSentAt: oldestUnacked, lastReceiptAt: await lastReceiptAt(db, peer.id, 'in'), byType: counts.sent },
      incoming: { backlog: peer.remoteBacklog, lastReceiptAt: await lastReceiptAt(db, peer.id, 'out'), byType: counts.received },
      rejections: {
        total: Object.values(byCode).reduce((a, b) => a + b, 0),
        byCode,
        recent: (await listRejections(db, peer.id, recent)).map(({ peerId: _p, ...r }) => r),
      },
      keys: {
        fingerprint: keyFingerprint(peer.publicKey),
        publicKey: peer.publicKey,
        // Earlier keys still verify what the peer signed before each hand-over: the overlap.
        previous: (oldKeys.get(peer.id) ?? []).map((k) => ({ fingerprint: keyFingerprint(k.publicKey), validUntil: k.validUntil })),
        // Our own latest rotation: did this peer get the hand-over? (null: never rotated, or the peer came later.)
        handover: handovers.get(peer.id) ?? null,
      },
    };
  };

  const items = [];
  for (const peer of peers) items.push(await item(peer));
  return {
    generatedAt: now.toISOString(),
    rule: { downAfterMinutes: rule.downAfterMs / 60_000, recentMinutes: rule.recentMs / 60_000 },
    node: {
      nodeId: ctx.node.id,
      state: ctx.node.stateCode,
      name: ctx.node.name,
      key: mine.current
        ? { fingerprint: keyFingerprint(mine.current.publicKey), publicKey: mine.current.publicKey, since: mine.current.since, retired: mine.retired.map((r) => ({ fingerprint: keyFingerprint(r.publicKey), retiredAt: r.retiredAt })) }
        : null,
    },
    unknownCallers: { ...unknown, unrecorded: unrecordedUnknownCalls(ctx), recordedPerMinute: UNKNOWN_CALLER_ROWS_PER_MINUTE },
    items,
  };
}
