import type { AppContext } from '../services/context.ts';
import { notePullFailure, notePullSuccess } from '../store/peer-status.repository.ts';
import { PeerRequestError, type PullSummary } from './sync.ts';

/** One line for the status page: the peer's error code, a refused page, or the network error. */
export function failureReason(err: unknown): string {
  if (err instanceof PeerRequestError) return err.code ? `${err.code}: ${err.message}` : err.message;
  const e = err as Error & { cause?: { code?: string; message?: string } };
  // fetch() says only "fetch failed"; the cause names it (ECONNREFUSED, ENOTFOUND, a timeout).
  const cause = e?.cause?.code ?? e?.cause?.message;
  if (e?.name === 'TimeoutError') return 'TIMEOUT: the peer did not answer in time';
  return cause ? `${e.message} (${cause})` : String(e?.message ?? err);
}

// Concurrent callers (the loop, "sync now") share one pull promise: it is noted once.
const noted = new WeakMap<Promise<PullSummary>, Promise<PullSummary>>();

/**
 * Records how a pull ended on the peer's row (durable): the health badge and "last failed
 * contact" come from it. The answer settles only once the outcome is written, so whoever
 * awaited the pull reads a status that already shows it.
 */
export function watchPull(ctx: AppContext, peerId: string, pull: Promise<PullSummary>): Promise<PullSummary> {
  let out = noted.get(pull);
  if (!out) {
    const quietly = (p: Promise<void>) => p.catch((err: Error) => ctx.log.warn({ peer: peerId, err: err.message }, 'federation: could not note how a pull ended'));
    out = pull.then(
      async (summary) => {
        await quietly(notePullSuccess(ctx.db.kysely, peerId));
        return summary;
      },
      async (err: unknown) => {
        await quietly(notePullFailure(ctx.db.kysely, peerId, new Date().toISOString(), failureReason(err)));
        throw err;
      },
    );
    noted.set(pull, out);
  }
  return out;
}
