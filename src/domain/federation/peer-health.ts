/**
 * The health of a link with a peer, from what this node saw (docs/federation.md, "Peer status").
 * Pure, so the rule is table-tested and the same text documents it:
 *
 * - `down`     — our latest pull failed and there has been no verified contact in either
 *                direction for `downAfterMs`, or ever (UNREACHABLE); or there has never been a
 *                verified contact and nothing was tried yet (NEVER_CONTACTED).
 * - `degraded` — our latest pull failed but the peer was heard from within `downAfterMs`
 *                (LAST_PULL_FAILED: one way works); a refusal was recorded for the peer within
 *                `recentMs` (RECENT_REFUSALS: replays, forged pages, bad signatures…); or a record
 *                sent to it has waited more than `downAfterMs` for its receipt (UNACKED_WAITING).
 * - `ok`       — none of these.
 *
 * Only attempts that were made count: with the periodic pull off and no agreement, a quiet peer
 * stays as it last was.
 */
export type PeerHealth = 'ok' | 'degraded' | 'down';
export type HealthReason = 'NEVER_CONTACTED' | 'UNREACHABLE' | 'LAST_PULL_FAILED' | 'RECENT_REFUSALS' | 'UNACKED_WAITING';

export interface HealthInput {
  now: Date;
  lastContactAt: string | null;
  /** Consecutive failed pulls since the last one that worked. */
  failures: number;
  refusalsRecent: number;
  oldestUnackedSentAt: string | null;
}

export interface HealthRule {
  downAfterMs: number;
  recentMs: number;
}

/** 15 minutes, or three sync rounds when the interval is longer; refusals count for an hour. */
export function healthRule(syncIntervalS: number): HealthRule {
  return { downAfterMs: Math.max(15 * 60_000, 3 * syncIntervalS * 1000), recentMs: 60 * 60_000 };
}

export function peerHealth(input: HealthInput, rule: HealthRule): { health: PeerHealth; reasons: HealthReason[] } {
  const now = input.now.getTime();
  const age = (at: string | null) => (at === null ? Infinity : now - Date.parse(at));
  const silent = age(input.lastContactAt) > rule.downAfterMs;
  if (input.failures > 0 && silent) return { health: 'down', reasons: ['UNREACHABLE'] };
  if (input.lastContactAt === null) return { health: 'down', reasons: ['NEVER_CONTACTED'] };
  const reasons: HealthReason[] = [];
  if (input.failures > 0) reasons.push('LAST_PULL_FAILED');
  if (input.refusalsRecent > 0) reasons.push('RECENT_REFUSALS');
  if (input.oldestUnackedSentAt !== null && age(input.oldestUnackedSentAt) > rule.downAfterMs) reasons.push('UNACKED_WAITING');
  return { health: reasons.length ? 'degraded' : 'ok', reasons };
}
