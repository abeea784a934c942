import { lastAuditSeq, latestCheckpoints } from '../store/audit-checkpoints.repository.ts';
import { writeCheckpoint } from './audit-checkpoints.service.ts';
import type { AppContext } from './context.ts';

export interface CheckpointLoopOptions {
  /** A checkpoint at least this often while the chain grows; 0 turns the time trigger off. */
  intervalMs: number;
  /** ...and as soon as this many entries were appended since the last one; 0 turns it off. */
  everyEntries: number;
  /** How often the triggers are looked at. */
  tickMs?: number;
}

/**
 * Signs checkpoints of the audit chain while `sarhad start` runs: when `everyEntries` new
 * entries have been appended, or `intervalMs` after the last checkpoint if anything was
 * appended since, and once more on a graceful stop. An idle chain is not checkpointed again.
 */
export function startCheckpointLoop(ctx: AppContext, opts: CheckpointLoopOptions): { stop(): Promise<void>; runNow(): Promise<void> } {
  let running: Promise<void> | null = null;

  // Only reads here: deciding must not wait for the write lock (writeCheckpoint does, once due).
  const due = async (force: boolean): Promise<boolean> => {
    const last = (await latestCheckpoints(ctx.db.kysely, 1))[0];
    const head = (await lastAuditSeq(ctx.db.kysely)) + ctx.reads.pending;
    if (!last) return head > 0;
    const grown = head - last.seq;
    if (grown <= 0) return false;
    if (force) return true;
    if (opts.everyEntries > 0 && grown >= opts.everyEntries) return true;
    return opts.intervalMs > 0 && Date.now() - Date.parse(last.at) >= opts.intervalMs;
  };

  const round = (force: boolean) => {
    running ??= (async () => {
      if (await due(force)) {
        const c = await writeCheckpoint(ctx, 'system:checkpoint');
        ctx.log.info({ seq: c.seq, headHash: c.headHash }, 'audit: checkpoint signed');
      }
    })()
      .catch((err: unknown) => ctx.log.error({ err }, 'audit: checkpoint failed; will retry'))
      .finally(() => {
        running = null;
      });
    return running;
  };

  const tickMs = opts.tickMs ?? Math.max(1000, Math.min(opts.intervalMs || 10_000, 10_000));
  const timer = setInterval(() => void round(false), tickMs);
  timer.unref();
  return {
    runNow: () => round(false),
    stop: async () => {
      clearInterval(timer);
      await running;
      await round(true);
    },
  };
}
