import { z } from 'zod';
import { alertBodySchema, type AlertBody } from '../domain/alerts/alert.ts';
import { canSee } from '../domain/policy/access.ts';
import { can } from '../domain/policy/permissions.ts';
import type { Subject } from '../domain/policy/roles.ts';
import { markingSchema, type Marking } from '../domain/records/marking.ts';
import { forbidden } from '../errors.ts';
import { appendAudit } from '../store/audit.repository.ts';
import { listRecords, type SavedRecord } from '../store/records.repository.ts';
import { inWriteTransaction } from '../store/transaction.ts';
import type { AppContext } from './context.ts';
import { writeRecord } from './records.service.ts';

/** Alerts default to TLP:AMBER — shared with the owner's state unless released further. */
export const DEFAULT_ALERT_MARKING: Marking = { tlp: 'AMBER', releasableTo: { states: [], agencies: [], units: [] }, hops: 1 };

export const createAlertSchema = z
  .object({
    subject: alertBodySchema.shape.subject,
    reason: alertBodySchema.shape.reason,
    action: alertBodySchema.shape.action,
    validFrom: alertBodySchema.shape.validFrom.optional(),
    validUntil: alertBodySchema.shape.validUntil.default(null),
    marking: markingSchema.default(DEFAULT_ALERT_MARKING),
  })
  .strict();
export type CreateAlertInput = z.output<typeof createAlertSchema>;

export async function createAlert(ctx: AppContext, subject: Subject, input: CreateAlertInput): Promise<SavedRecord<'alert'>> {
  if (!can(subject, 'alerts:write')) throw forbidden();
  const body: AlertBody = alertBodySchema.parse({
    subject: input.subject,
    reason: input.reason,
    action: input.action,
    validFrom: input.validFrom ?? new Date().toISOString().slice(0, 10),
    validUntil: input.validUntil,
    source: 'local',
    sourceRef: null,
    active: true,
  });
  return (await writeRecord(ctx, { kind: 'user', subject }, { type: 'alert', body, marking: input.marking })).record;
}

/** Alerts the subject may see. Reading them is reading personal data, so it is audited. */
export async function readAlerts(ctx: AppContext, subject: Subject): Promise<SavedRecord<'alert'>[]> {
  if (!can(subject, 'alerts:read')) throw forbidden();
  const visible = (await listRecords(ctx.db.kysely, 'alert')).filter((a) => canSee(subject, a));
  await inWriteTransaction(ctx.db, (trx) =>
    appendAudit(trx, { actor: subject.userId, action: 'personal_data.read', entityType: 'alert', entityId: null, detail: { count: visible.length } }),
  );
  return visible;
}
