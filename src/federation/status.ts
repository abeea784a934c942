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
} from '../store/federation.repository.ts';

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

/**
 * How federation with each peer stands: last contact, backlog both ways, records not yet
 * acknowledged, refusals with their reasons (replays, forged pages, wrong state, expired or
 * reused nonces, bad envelopes), and records sent and received per type.
 */
export async function federationStatus(ctx: AppContext, actor: Actor) {
  authorize(principalOf(actor), 'federation:admin');
  const db = ctx.db.kysely;
  const [peers, agreements] = await Promise.all([listPeers(db), currentAgreements(db)]);
  const items = [];
  for (const peer of peers) {
    const mine = agreements.get(peer.id) ?? null;
    let theirs: SignedAgreementTerms | null;
    try {
      theirs = peer.remoteAgreementJson ? (JSON.parse(peer.remoteAgreementJson) as SignedAgreementTerms) : null;
    } catch {
      theirs = null;
    }
    const pending = await countPending(db, peer.id);
    // Outbox rows not yet examined for this peer (when its terms are unchanged; else everything is re-examined).
    const unwalked = await countOutboxAfter(db, peer.outCursor);
    const stats = await deliveryStats(db, peer.id);
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
    const strip = (t: SignedAgreementTerms | null) =>
      t ? { types: t.types, maxTlp: t.maxTlp, personalData: t.personalData, redact: t.redact, active: t.active, signedAt: t.signedAt, state: t.state } : null;
    const effective = effectiveAgreement(mine, theirs);
    items.push({
      peer: { id: peer.id, name: peer.name, nodeId: peer.nodeId, stateCode: peer.stateCode, url: peer.url },
      lastContactAt: peer.lastContactAt,
      agreements: {
        ours: mine ? { types: mine.types, maxTlp: mine.maxTlp, personalData: mine.personalData, redact: mine.redact, active: mine.active } : null,
        theirs: strip(theirs),
        effective: effective ? { types: effective.types, maxTlp: effective.maxTlp, personalData: effective.personalData, redact: effective.redact, active: effective.active } : null,
      },
      outgoing: { unacked: pending, backlog: pending + unwalked, lastReceiptAt: await lastReceiptAt(db, peer.id, 'in'), byType: [...sent.values()] },
      incoming: { backlog: peer.remoteBacklog, lastReceiptAt: await lastReceiptAt(db, peer.id, 'out'), byType: [...received.values()] },
      rejections: { byCode: await rejectionCounts(db, peer.id), recent: (await listRejections(db, peer.id, 50)).map(({ peerId: _p, ...r }) => r) },
    });
  }
  return { items };
}
