import { z } from 'zod';
import { alertBodySchema, type AlertBody } from '../domain/alerts/alert.ts';
import { canSee } from '../domain/policy/access.ts';
import { can } from '../domain/policy/permissions.ts';
import type { Subject } from '../domain/policy/roles.ts';
import { markingSchema, type Marking } from '../domain/records/marking.ts';
import { forbidden, notFound } from '../errors.ts';
import { findRecord, listRecords, type SavedRecord } from '../store/records.repository.ts';
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
  ctx.reads.record({ actor: subject.userId, action: 'personal_data.read', entityType: 'alert', entityId: null, detail: { count: visible.length } });
  return visible;
}

export const updateAlertSchema = z
  .object({
    subject: alertBodySchema.shape.subject.optional(),
    reason: alertBodySchema.shape.reason.optional(),
    action: alertBodySchema.shape.action.optional(),
    validFrom: alertBodySchema.shape.validFrom.optional(),
    validUntil: alertBodySchema.shape.validUntil.optional(),
    marking: markingSchema.optional(),
  })
  .strict();
export type UpdateAlertInput = z.output<typeof updateAlertSchema>;

async function changeAlert(ctx: AppContext, subject: Subject, id: string, change: (a: SavedRecord<'alert'>) => { body: AlertBody; marking: Marking }) {
  if (!can(subject, 'alerts:write')) throw forbidden();
  const current = await findRecord(ctx.db.kysely, 'alert', id);
  if (!current || !canSee(subject, current)) throw notFound('alert');
  // Received copies are read-only: only the owner node issues versions (saveRecord refuses too).
  if (current.owner.node !== ctx.node.id) throw forbidden(`This alert is a read-only copy owned by node ${current.owner.node}; only its owner can change it`);
  const next = change(current);
  return (await writeRecord(ctx, { kind: 'user', subject }, { type: 'alert', id, body: alertBodySchema.parse(next.body), marking: next.marking })).record;
}

/** A new version of a local alert (unchanged content writes nothing). */
export function updateAlert(ctx: AppContext, subject: Subject, id: string, input: UpdateAlertInput) {
  return changeAlert(ctx, subject, id, (a) => {
    const { marking, ...fields } = input;
    const defined = Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined));
    return { body: { ...a.body, ...defined }, marking: marking ?? a.marking };
  });
}

/**
 * Revocation is a new signed version with active=false: it travels to peers like any other
 * version, and every node stops raising the alert (isInForce is false).
 */
export function revokeAlert(ctx: AppContext, subject: Subject, id: string) {
  return changeAlert(ctx, subject, id, (a) => ({ body: { ...a.body, active: false }, marking: a.marking }));
}
