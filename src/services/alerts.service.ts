import { z } from 'zod';
import { alertBodySchema, type AlertBody } from '../domain/alerts/alert.ts';
import { alertTarget } from '../domain/policy/alert.policy.ts';
import { allows, authorize } from '../domain/policy/authorize.ts';
import { markingChange } from '../domain/policy/marking-change.ts';
import type { Subject } from '../domain/policy/roles.ts';
import { markingSchema, type Marking } from '../domain/records/marking.ts';
import { AppError, notFound, validation } from '../errors.ts';
import { appendAudit } from '../store/audit.repository.ts';
import { findRecord, listRecords, type SavedRecord } from '../store/records.repository.ts';
import type { AppContext } from './context.ts';
import { writeRecord, writeRecords } from './records.service.ts';

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
  authorize(subject, 'alerts:write');
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
  authorize(subject, 'alerts:read');
  const visible = (await listRecords(ctx.db.kysely, 'alert')).filter((a) => allows(subject, 'alerts:read', alertTarget(ctx.node.id, a)));
  ctx.reads.record({ actor: subject.userId, action: 'personal_data.read', entityType: 'alert', entityId: null, detail: { count: visible.length } });
  return visible;
}

/** One alert, NOT_FOUND unless the subject may see it; an audited read like the list. */
export async function readAlert(ctx: AppContext, subject: Subject, id: string): Promise<SavedRecord<'alert'>> {
  authorize(subject, 'alerts:read');
  const alert = await findRecord(ctx.db.kysely, 'alert', id);
  if (!alert) throw notFound('alert');
  authorize(subject, 'alerts:read', alertTarget(ctx.node.id, alert));
  ctx.reads.record({ actor: subject.userId, action: 'personal_data.read', entityType: 'alert', entityId: id, detail: { count: 1 } });
  return alert;
}

const versionField = z.number().int().min(1).optional().meta({ description: 'The version this change applies to (or send If-Match: "<version>")' });

export const updateAlertSchema = z
  .object({
    subject: alertBodySchema.shape.subject.optional(),
    reason: alertBodySchema.shape.reason.optional(),
    action: alertBodySchema.shape.action.optional(),
    validFrom: alertBodySchema.shape.validFrom.optional(),
    validUntil: alertBodySchema.shape.validUntil.optional(),
    marking: markingSchema.optional(),
    /** Why the marking is lowered or released further; required then, and kept in the audit log. */
    markingReason: z.string().trim().min(3).max(500).optional(),
    version: versionField,
  })
  .strict();
export type UpdateAlertInput = z.output<typeof updateAlertSchema>;

export const revokeAlertSchema = z.object({ version: versionField }).strict();

interface Change {
  body: AlertBody;
  marking: Marking;
  markingReason?: string;
}

/**
 * Every change to an alert: read, authorise against its owner and marking, and write with the
 * version the caller read — all in one write transaction, so the check and the write cannot be
 * separated by another writer. Authorisation comes before the precondition so that a caller
 * who may not change the alert learns nothing about its version.
 */
async function changeAlert(ctx: AppContext, subject: Subject, id: string, expectedVersion: number | undefined, change: (a: SavedRecord<'alert'>) => Change) {
  authorize(subject, 'alerts:write');
  const [result] = await writeRecords(ctx, { kind: 'user', subject }, async (trx) => {
    const current = await findRecord(trx, 'alert', id);
    if (!current) throw notFound('alert');
    const target = alertTarget(ctx.node.id, current);
    authorize(subject, 'alerts:write', target);
    if (expectedVersion === undefined) {
      throw new AppError('PRECONDITION_REQUIRED', 'Say which version you change: If-Match with the alert\'s ETag, or "version" in the body');
    }
    const next = change(current);
    if (markingChange(current.marking, next.marking) === 'lower') {
      authorize(subject, 'alerts:lower_marking', target);
      if (!next.markingReason) throw validation('lowering the marking or releasing the alert further needs a reason', [{ path: 'markingReason', message: 'required when the marking is lowered' }]);
      await appendAudit(trx, {
        actor: subject.userId,
        action: 'alert.marking_lowered',
        entityType: 'alert',
        entityId: id,
        detail: { fromVersion: current.version, from: current.marking, to: next.marking, reason: next.markingReason },
      });
    }
    return [{ type: 'alert' as const, id, body: alertBodySchema.parse(next.body), marking: next.marking, expectedVersion }];
  });
  return result!.record;
}

/** A new version of a local alert (unchanged content writes nothing). */
export function updateAlert(ctx: AppContext, subject: Subject, id: string, expectedVersion: number | undefined, input: UpdateAlertInput) {
  return changeAlert(ctx, subject, id, expectedVersion, (a) => {
    const { marking, markingReason, version: _v, ...fields } = input;
    const defined = Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined));
    return { body: { ...a.body, ...defined }, marking: marking ?? a.marking, markingReason };
  });
}

/**
 * Revocation is a new signed version with active=false: it travels to peers like any other
 * version, and every node stops raising the alert (isInForce is false).
 */
export function revokeAlert(ctx: AppContext, subject: Subject, id: string, expectedVersion: number | undefined) {
  return changeAlert(ctx, subject, id, expectedVersion, (a) => ({ body: { ...a.body, active: false }, marking: a.marking }));
}
