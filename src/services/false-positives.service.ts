import { z } from 'zod';
import { authorize } from '../domain/policy/authorize.ts';
import type { Subject } from '../domain/policy/roles.ts';
import { mayReview } from '../domain/screening/false-positive.policy.ts';
import { AppError, notFound } from '../errors.ts';
import { appendAudit } from '../store/audit.repository.ts';
import { findFalsePositive, listFalsePositives, revokeFalsePositive, type FalsePositive } from '../store/false-positives.repository.ts';
import type { FalsePositiveStatus, FalsePositiveView } from '../domain/screening/false-positive-view.ts';
import { inWriteTransaction } from '../store/transaction.ts';
import type { AppContext } from './context.ts';

export const falsePositiveListQuery = z
  .object({
    status: z.enum(['active', 'expired', 'revoked', 'all']).default('all'),
    limit: z.coerce.number().int().min(1).max(200).default(50),
    offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
  })
  .strict();

const statusAt = (fp: Pick<FalsePositive, 'revokedAt' | 'expiresAt'>, now: string): FalsePositiveStatus =>
  fp.revokedAt !== null ? 'revoked' : fp.expiresAt > now ? 'active' : 'expired';

/** The reviewer's own agency's decisions, newest first. */
export async function listAgencyFalsePositives(ctx: AppContext, subject: Subject, q: z.output<typeof falsePositiveListQuery>) {
  authorize(subject, 'screening:review');
  const now = new Date().toISOString();
  const { total, items } = await listFalsePositives(ctx.db.kysely, { stateCode: subject.stateCode, agencyId: subject.agencyId, ...q, now });
  return {
    total,
    limit: q.limit,
    offset: q.offset,
    items: items.map(
      (fp): FalsePositiveView => ({
        id: fp.id,
        alertId: fp.alertId,
        screeningId: fp.screeningId,
        stateCode: fp.stateCode,
        agencyId: fp.agencyId,
        decidedBy: { id: fp.decidedBy, username: fp.decidedByUsername },
        decidedAt: fp.decidedAt,
        expiresAt: fp.expiresAt,
        status: statusAt(fp, now),
        revokedBy: fp.revokedBy ? { id: fp.revokedBy, username: fp.revokedByUsername } : null,
        revokedAt: fp.revokedAt,
      }),
    ),
  };
}

/** Undo: the decision stops suppressing at once; the hit is raised again on the next screening. */
export async function revokeAgencyFalsePositive(ctx: AppContext, subject: Subject, id: string) {
  authorize(subject, 'screening:review');
  return inWriteTransaction(ctx.db, async (trx) => {
    const fp = await findFalsePositive(trx, id);
    // Another agency's decisions are not the reviewer's to see, so not to find either.
    if (!fp || !mayReview(subject, fp)) throw notFound('false positive');
    const now = new Date().toISOString();
    const status = statusAt(fp, now);
    if (status !== 'active') throw new AppError('CONFLICT', `this decision is already ${status}`);
    await revokeFalsePositive(trx, id, subject.userId, now);
    await appendAudit(trx, { actor: subject.userId, action: 'false_positive.revoke', entityType: 'false_positive', entityId: id, detail: { alertId: fp.alertId, decidedBy: fp.decidedBy } });
    return { id, status: 'revoked' as const, revokedAt: now };
  });
}
