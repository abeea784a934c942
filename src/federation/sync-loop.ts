import type { AppContext } from '../services/context.ts';
import { currentAgreements, listPeers } from '../store/federation.repository.ts';
import { pullSerialised } from './push.ts';

/**
 * Pulls from every peer with an active agreement, every `intervalMs`. Runs never overlap (a
 * slow satellite link just delays the next round) and one failing peer does not stop the others.
 */
export function startSyncLoop(ctx: AppContext, intervalMs: number): { stop(): Promise<void>; runNow(): Promise<void> } {
  let running: Promise<void> | null = null;
  let stopped = false;

  const round = async () => {
    const agreements = await currentAgreements(ctx.db.kysely);
    for (const peer of await listPeers(ctx.db.kysely)) {
      if (stopped) return;
      if (!agreements.get(peer.id)?.active) continue;
      try {
        await pullSerialised(ctx, peer.id);
      } catch (err) {
        ctx.log.warn({ peer: peer.name, err: (err as Error).message }, 'federation: pull failed; will retry next round');
      }
    }
  };
  const runNow = () => {
    running ??= round()
      .catch((err) => ctx.log.error({ err }, 'federation: sync round failed'))
      .finally(() => {
        running = null;
      });
    return running;
  };
  const timer = setInterval(() => void runNow(), intervalMs);
  timer.unref();
  return {
    runNow,
    stop: async () => {
      stopped = true;
      clearInterval(timer);
      await running;
    },
  };
}
