/**
 * Analysts' overrides of a section's level: the checks before one is set or withdrawn (rights,
 * section, expiry bounds) and the audited writes. The engine queues them and re-evaluates.
 */
import { randomUUID } from 'node:crypto';
import { authorize } from '../../domain/policy/authorize.ts';
import { assessmentTarget, type AssessmentTarget } from '../../domain/policy/risk.policy.ts';
import type { Subject } from '../../domain/policy/roles.ts';
import type { RiskLevel } from '../../domain/risk/config.ts';
import { DAY_MS } from '../../domain/risk/model.ts';
import { MAX_OVERRIDE_DAYS, overrideActive, type OverrideInput, type RiskOverride } from '../../domain/risk/override.ts';
import { AppError, notFound, validation } from '../../errors.ts';
import { appendAudit } from '../../store/audit.repository.ts';
import { findRecord } from '../../store/records.repository.ts';
import { clearOverrides, findOverride, insertOverride } from '../../store/risk.repository.ts';
import { inWriteTransaction } from '../../store/transaction.ts';
import type { AppContext } from '../context.ts';
import { ASSESSMENT_MARKING } from './views.ts';

/** The node's own assessment of a section (before the record exists: the section with the node as owner). */
export function assessmentTargetFor(ctx: AppContext): AssessmentTarget {
  return assessmentTarget(ctx.node.id, {
    owner: { node: ctx.node.id, state: ctx.node.stateCode, agencyId: null, unitId: null },
    marking: ASSESSMENT_MARKING,
    createdBy: 'system:risk',
  });
}

/** Checks an override request and builds it (not yet stored). */
export async function checkNewOverride(ctx: AppContext, subject: Subject, input: OverrideInput, at: number): Promise<RiskOverride> {
  authorize(subject, 'assessments:override');
  const section = await findRecord(ctx.db.kysely, 'section', input.section);
  if (!section) throw notFound('section');
  authorize(subject, 'registry:read', { resource: 'registry', localNode: ctx.node.id, record: section });
  authorize(subject, 'assessments:override', assessmentTargetFor(ctx));
  const expires = Date.parse(input.expiresAt);
  if (!(expires > at)) throw validation('expiresAt must be in the future');
  if (expires - at > MAX_OVERRIDE_DAYS * DAY_MS) throw validation(`an override lasts at most ${MAX_OVERRIDE_DAYS} days`);
  return {
    id: randomUUID(),
    sectionId: section.id,
    level: input.level,
    reason: input.reason,
    expiresAt: new Date(expires).toISOString(),
    setBy: subject.userId,
    setAt: new Date(at).toISOString(),
    clearedAt: null,
  };
}

/** Stores an override, withdrawing the section's earlier ones, audited with the computed level it overrules. */
export async function storeOverride(ctx: AppContext, subject: Subject, o: RiskOverride, computed: RiskLevel): Promise<void> {
  await inWriteTransaction(ctx.db, async (trx) => {
    const replaced = await clearOverrides(trx, o.sectionId, subject.userId, o.setAt);
    await insertOverride(trx, o);
    await appendAudit(trx, {
      actor: subject.userId,
      action: 'assessment.override_set',
      entityType: 'section',
      entityId: o.sectionId,
      detail: { override: o.id, level: o.level, computedLevel: computed, expiresAt: o.expiresAt, replaced },
    });
  });
}

/** Checks a withdrawal: the override exists, the subject may overrule, and it is still active. */
export async function checkClearOverride(ctx: AppContext, subject: Subject, id: string, at: number): Promise<RiskOverride> {
  authorize(subject, 'assessments:override');
  const o = await findOverride(ctx.db.kysely, id);
  if (!o) throw notFound('override');
  authorize(subject, 'assessments:override', assessmentTargetFor(ctx));
  if (!overrideActive(o, at)) throw new AppError('CONFLICT', 'this override has already expired or been withdrawn');
  return o;
}

export async function storeClearOverride(ctx: AppContext, subject: Subject, o: RiskOverride, at: number): Promise<void> {
  const iso = new Date(at).toISOString();
  await inWriteTransaction(ctx.db, async (trx) => {
    await trx.updateTable('risk_overrides').set({ cleared_by: subject.userId, cleared_at: iso }).where('id', '=', o.id).execute();
    await appendAudit(trx, { actor: subject.userId, action: 'assessment.override_cleared', entityType: 'section', entityId: o.sectionId, detail: { override: o.id, level: o.level } });
  });
}
