import type { AppContext } from '../services/context.ts';
import { currentAgreements, listPeers } from '../store/federation.repository.ts';
import { watchPull } from './contact.ts';
import { deliverPendingHandovers } from './key-rotation.ts';
import { peerRequest, pullFromPeer, type PullSummary } from './sync.ts';

/**
 * Pulls from one peer at a time per node: the periodic loop, a push notice and an operator's
 * "sync now" (API and CLI) share it. A notice that arrives while a pull runs makes it run once
 * more after. Every pull's outcome is noted for the peer status page (contact.ts).
 */
const running = new WeakMap<AppContext, Map<string, { pull: Promise<PullSummary>; again: boolean }>>();

export function pullSerialised(ctx: AppContext, peerId: string, opts?: Parameters<typeof pullFromPeer>[2]): Promise<PullSummary> {
  let perNode = running.get(ctx);
  if (!perNode) running.set(ctx, (perNode = new Map()));
  const current = perNode.get(peerId);
  if (current) {
    current.again = true;
    return current.pull;
  }
  const entry = { pull: null as unknown as Promise<PullSummary>, again: false };
  entry.pull = (async () => {
    try {
      let summary = await pullFromPeer(ctx, { id: peerId }, opts);
      while (entry.again) {
        entry.again = false;
        summary = await pullFromPeer(ctx, { id: peerId }, opts);
      }
      return summary;
    } finally {
      perNode.delete(peerId);
    }
  })();
  entry.pull = watchPull(ctx, peerId, entry.pull);
  perNode.set(peerId, entry);
  return entry.pull;
}

/** A peer told us it has something new: pull from it now (in the background). */
export function onPushNotice(ctx: AppContext, peerId: string): void {
  pullSerialised(ctx, peerId).catch((err) => ctx.log.warn({ peer: peerId, err: (err as Error).message }, 'federation: pull after a push notice failed; the periodic pull will retry'));
}

/**
 * Push for low latency: after a local record change commits, every peer with an active
 * agreement gets a signed notice (POST /api/federation/notify) and pulls at once. Notices are
 * coalesced (one per peer per `debounceMs`) and best effort — the periodic pull stays the
 * fallback, and nothing about delivery depends on a notice arriving.
 */
export function startPushNotifier(ctx: AppContext, { debounceMs = 5 }: { debounceMs?: number } = {}): { stop(): void } {
  let timer: NodeJS.Timeout | null = null;
  let stopped = false;
  let local = false;
  const foreignOwners = new Set<string>();
  const notifyAll = async () => {
    timer = null;
    const [wasLocal, owners] = [local, [...foreignOwners]];
    local = false;
    foreignOwners.clear();
    const [peers, agreements] = await Promise.all([listPeers(ctx.db.kysely), currentAgreements(ctx.db.kysely)]);
    // A received copy that changed matters only to peers we may relay to (onward sharing), never to its owner.
    const relaying = [...agreements.values()].some((a) => a.onward);
    await Promise.all(
      peers
        .filter((p) => agreements.get(p.id)?.active && (wasLocal || (relaying && owners.some((o) => o !== p.nodeId))))
        .map((p) =>
          // A peer still owed our key hand-over would refuse the notice (signed with the new key).
          deliverPendingHandovers(ctx, p)
            .then(() => peerRequest(ctx, p, '/api/federation/notify', { at: new Date().toISOString() }))
            .catch((err) =>
            ctx.log.debug({ peer: p.name, err: (err as Error).message }, 'federation: push notice not delivered (the peer pulls later)'),
          ),
        ),
    );
  };
  const off = ctx.events.subscribe((change) => {
    if (stopped) return;
    if (change.audience && change.audience.owner.node !== ctx.node.id) foreignOwners.add(change.audience.owner.node);
    else local = true;
    timer ??= setTimeout(() => void notifyAll().catch((err) => ctx.log.warn({ err }, 'federation: push failed')), debounceMs);
  });
  return {
    stop: () => {
      stopped = true;
      off();
      if (timer) clearTimeout(timer);
    },
  };
}
