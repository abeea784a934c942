import { z } from 'zod';
import { allows, authorize } from '../domain/policy/authorize.ts';
import type { Subject } from '../domain/policy/roles.ts';
import { warningTarget } from '../domain/policy/warning.policy.ts';
import { CLEAR_MARKING, markingSchema } from '../domain/records/marking.ts';
import { damageBodySchema, damageBySection, resourceBodySchema, resourceGaps, type DamageBody } from '../domain/warnings/damage.ts';
import { AppError, notFound } from '../errors.ts';
import { findRecord, listRecords, type SavedRecord } from '../store/records.repository.ts';
import type { AppContext } from './context.ts';
import { nearestSection } from './gauges.service.ts';
import { writeRecords } from './records.service.ts';

const base = damageBodySchema;
export const createDamageSchema = z
  .object({
    warningId: z.uuid().nullable().default(null),
    /** Omitted: the nearest border section to the location (within 10 km). */
    sectionId: z.uuid().nullable().optional(),
    location: base.shape.location,
    kind: base.shape.kind,
    level: base.shape.level,
    description: base.shape.description,
    peopleAffected: base.shape.peopleAffected.default(0),
    peopleDisplaced: base.shape.peopleDisplaced.default(0),
    needs: base.shape.needs.default([]),
    observedAt: base.shape.observedAt.optional(),
    marking: markingSchema.default(CLEAR_MARKING),
  })
  .strict();

export async function createDamage(ctx: AppContext, subject: Subject, input: z.output<typeof createDamageSchema>) {
  authorize(subject, 'damage:write');
  const [r] = await writeRecords(ctx, { kind: 'user', subject }, async (trx) => {
    if (input.warningId !== null) {
      const w = await findRecord(trx, 'warning', input.warningId);
      if (!w || !allows(subject, 'warnings:read', warningTarget(ctx.node.id, w))) throw new AppError('VALIDATION_FAILED', 'warningId: no such warning', [{ path: 'warningId', message: 'unknown warning' }]);
    }
    const parsed = damageBodySchema.safeParse({
      warningId: input.warningId,
      sectionId: input.sectionId === undefined ? (input.location ? await nearestSection(trx, input.location) : null) : input.sectionId,
      stateCode: subject.stateCode,
      location: input.location,
      kind: input.kind,
      level: input.level,
      description: input.description,
      peopleAffected: input.peopleAffected,
      peopleDisplaced: input.peopleDisplaced,
      needs: [...new Set(input.needs)],
      observedAt: input.observedAt ?? new Date().toISOString(),
    });
    if (!parsed.success) throw new AppError('VALIDATION_FAILED', parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '), parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })));
    return [{ type: 'damage' as const, body: parsed.data, marking: input.marking }];
  });
  return r!.record;
}

export async function readDamage(ctx: AppContext, subject: Subject, filter: { warningId?: string } = {}): Promise<SavedRecord<'damage'>[]> {
  authorize(subject, 'warnings:read');
  return (await listRecords(ctx.db.kysely, 'damage'))
    .filter((d) => allows(subject, 'warnings:read', warningTarget(ctx.node.id, d)))
    .filter((d) => !filter.warningId || d.body.warningId === filter.warningId)
    .sort((a, b) => (a.body.observedAt < b.body.observedAt ? 1 : -1));
}

/** Damage per border section (names from this node's registry), most people affected first. */
export async function damageSummary(ctx: AppContext, subject: Subject, filter: { warningId?: string } = {}) {
  const reports = await readDamage(ctx, subject, filter);
  const sections = new Map((await listRecords(ctx.db.kysely, 'section')).map((s) => [s.id, s.body.name]));
  return damageBySection(reports.map((r) => r.body as DamageBody))
    .map((s) => ({ ...s, sectionName: s.sectionId ? sections.get(s.sectionId) ?? null : null }))
    .sort((a, b) => b.peopleAffected - a.peopleAffected);
}

export const createResourceSchema = z
  .object({
    unitId: z.uuid().nullable().default(null),
    kind: resourceBodySchema.shape.kind,
    quantity: resourceBodySchema.shape.quantity,
    note: resourceBodySchema.shape.note.default(null),
    marking: markingSchema.default(CLEAR_MARKING),
  })
  .strict();

export async function createResource(ctx: AppContext, subject: Subject, input: z.output<typeof createResourceSchema>) {
  authorize(subject, 'damage:write');
  const [r] = await writeRecords(ctx, { kind: 'user', subject }, async (trx) => {
    if (input.unitId !== null && !(await findRecord(trx, 'unit', input.unitId))) throw notFound('unit');
    const body = resourceBodySchema.parse({ stateCode: subject.stateCode, unitId: input.unitId, kind: input.kind, quantity: input.quantity, note: input.note });
    return [{ type: 'resource' as const, body, marking: input.marking }];
  });
  return r!.record;
}

/** Resources of every side this node knows, per kind, and the gaps (kinds no side has, or one side lacks). */
export async function resourcesView(ctx: AppContext, subject: Subject) {
  authorize(subject, 'warnings:read');
  const items = (await listRecords(ctx.db.kysely, 'resource')).filter((r) => allows(subject, 'warnings:read', warningTarget(ctx.node.id, r)));
  const states = [...new Set([...(await listRecords(ctx.db.kysely, 'state')).map((s) => s.body.code), ...items.map((r) => r.body.stateCode)])].sort();
  return { items, states, gaps: resourceGaps(items.map((r) => r.body), states) };
}
