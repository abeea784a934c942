import { z } from 'zod';
import { allows, authorize, serialize } from '../../domain/policy/authorize.ts';
import { partnersTarget } from '../../domain/policy/partners.policy.ts';
import type { Subject } from '../../domain/policy/roles.ts';
import { findGaps } from '../../domain/partners/gaps.ts';
import { equipmentBodySchema, initiativeBodySchema, traineeTotal, trainingBodySchema, type Place } from '../../domain/partners/records.ts';
import { CLEAR_MARKING, markingSchema } from '../../domain/records/marking.ts';
import { AppError, notFound } from '../../errors.ts';
import { findRecord, listRecords, type SavedRecord } from '../../store/records.repository.ts';
import type { Executor } from '../../store/transaction.ts';
import type { AppContext } from '../context.ts';
import { writeRecords } from '../records.service.ts';

/** The partners' 3W (docs/partners.md): initiatives, trainings, equipment, the gaps and the partner view. */

export type PartnerKind = 'initiative' | 'training' | 'equipment';
const SCHEMAS = { initiative: initiativeBodySchema, training: trainingBodySchema, equipment: equipmentBodySchema } as const;

const placeInput = z.object({ type: z.enum(['unit', 'section']), id: z.uuid() }).strict();
const stateInput = z.string().regex(/^[A-Z]{2}$/).optional();

export const createInitiativeSchema = z
  .object({
    ref: z.string(),
    partner: z.string(),
    title: z.string(),
    description: z.string().optional(),
    beneficiaries: z.array(z.string()).default([]),
    places: z.array(placeInput).max(100).default([]),
    stateCode: stateInput,
    start: z.string(),
    end: z.string().nullable().default(null),
    budget: z.number().nullable().default(null),
    currency: z.string().nullable().default(null),
    status: z.string(),
    outputs: z.array(z.string()).default([]),
    marking: markingSchema.default(CLEAR_MARKING),
  })
  .strict();
export const updateInitiativeSchema = createInitiativeSchema.omit({ marking: true }).partial().extend({ version: z.number().int().optional() }).strict();

export const createTrainingSchema = z
  .object({
    ref: z.string(),
    initiativeId: z.uuid().nullable().default(null),
    partner: z.string(),
    course: z.string(),
    stateCode: stateInput,
    place: placeInput.nullable().default(null),
    start: z.string(),
    end: z.string(),
    trainees: z.array(z.object({ agency: z.string(), female: z.number(), male: z.number() }).strict()).default([]),
    marking: markingSchema.default(CLEAR_MARKING),
  })
  .strict();

export const createEquipmentSchema = z
  .object({
    ref: z.string(),
    initiativeId: z.uuid().nullable().default(null),
    partner: z.string(),
    kind: z.string(),
    quantity: z.number(),
    unit: z.string().default('piece'),
    condition: z.string().default('new'),
    stateCode: stateInput,
    place: placeInput.nullable().default(null),
    agency: z.string().nullable().default(null),
    deliveredOn: z.string(),
    marking: markingSchema.default(CLEAR_MARKING),
  })
  .strict();

/** A body that fails its schema: 400 VALIDATION_FAILED with every problem by path. */
export function parseBody<K extends PartnerKind>(kind: K, body: unknown): z.output<(typeof SCHEMAS)[K]> {
  const parsed = SCHEMAS[kind].safeParse(body);
  if (!parsed.success) {
    const details = parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
    throw new AppError('VALIDATION_FAILED', details.map((d) => `${d.path}: ${d.message}`).join('; '), details);
  }
  return parsed.data as z.output<(typeof SCHEMAS)[K]>;
}

/** Registry places by id, with their ref (ids are per node; the ref lets the other side place it). */
export async function resolvePlace(db: Executor, p: { type: 'unit' | 'section'; id: string }): Promise<Place> {
  const r = p.type === 'unit' ? await findRecord(db, 'unit', p.id) : await findRecord(db, 'section', p.id);
  if (!r) throw new AppError('VALIDATION_FAILED', `${p.type} ${p.id} is not in the registry`, [{ path: 'places', message: `unknown ${p.type}` }]);
  return { type: p.type, id: r.id, ref: r.body.ref ?? null };
}

/** Refuses a (partner, ref) that another record of this kind on this node already uses. */
async function assertFreeRef(db: Executor, kind: PartnerKind, partner: string, ref: string, except?: string) {
  const taken = (await listRecords(db, kind, { partner, ref })).find((r) => r.id !== except);
  if (taken) throw new AppError('CONFLICT', `${kind} ${partner}/${ref} exists already (id ${taken.id})`);
}

export async function createInitiative(ctx: AppContext, subject: Subject, input: z.output<typeof createInitiativeSchema>) {
  authorize(subject, 'partners:write');
  const [r] = await writeRecords(ctx, { kind: 'user', subject }, async (trx) => {
    const places = await Promise.all(input.places.map((p) => resolvePlace(trx, p)));
    const { marking, ...rest } = input;
    const body = parseBody('initiative', { ...rest, stateCode: input.stateCode ?? subject.stateCode, places });
    await assertFreeRef(trx, 'initiative', body.partner, body.ref);
    return [{ type: 'initiative' as const, body, marking }];
  });
  return r!.record;
}

export async function updateInitiative(ctx: AppContext, subject: Subject, id: string, expectedVersion: number | undefined, patch: z.output<typeof updateInitiativeSchema>) {
  authorize(subject, 'partners:write'); // by role first: others learn nothing of the record
  const current = await findRecord(ctx.db.kysely, 'initiative', id);
  if (!current) throw notFound('initiative');
  authorize(subject, 'partners:write', partnersTarget(ctx.node.id, current));
  if (expectedVersion === undefined) throw new AppError('PRECONDITION_REQUIRED', 'Say which version you change: If-Match or "version"');
  const [r] = await writeRecords(ctx, { kind: 'user', subject }, async (trx) => {
    const { version: _v, places, ...rest } = patch;
    const body = parseBody('initiative', { ...current.body, ...rest, ...(places ? { places: await Promise.all(places.map((p) => resolvePlace(trx, p))) } : {}) });
    await assertFreeRef(trx, 'initiative', body.partner, body.ref, id);
    return [{ type: 'initiative' as const, id, body, marking: current.marking, expectedVersion }];
  });
  return r!.record;
}

export async function createTraining(ctx: AppContext, subject: Subject, input: z.output<typeof createTrainingSchema>) {
  authorize(subject, 'partners:write');
  const [r] = await writeRecords(ctx, { kind: 'user', subject }, async (trx) => {
    const { marking, ...rest } = input;
    const body = parseBody('training', { ...rest, stateCode: input.stateCode ?? subject.stateCode, place: input.place ? await resolvePlace(trx, input.place) : null });
    if (body.initiativeId && !(await findRecord(trx, 'initiative', body.initiativeId))) throw new AppError('VALIDATION_FAILED', 'initiativeId: no such initiative', [{ path: 'initiativeId', message: 'unknown initiative' }]);
    await assertFreeRef(trx, 'training', body.partner, body.ref);
    return [{ type: 'training' as const, body, marking }];
  });
  return r!.record;
}

export async function createEquipment(ctx: AppContext, subject: Subject, input: z.output<typeof createEquipmentSchema>) {
  authorize(subject, 'partners:write');
  const [r] = await writeRecords(ctx, { kind: 'user', subject }, async (trx) => {
    const { marking, ...rest } = input;
    const body = parseBody('equipment', { ...rest, stateCode: input.stateCode ?? subject.stateCode, place: input.place ? await resolvePlace(trx, input.place) : null });
    if (body.initiativeId && !(await findRecord(trx, 'initiative', body.initiativeId))) throw new AppError('VALIDATION_FAILED', 'initiativeId: no such initiative', [{ path: 'initiativeId', message: 'unknown initiative' }]);
    await assertFreeRef(trx, 'equipment', body.partner, body.ref);
    return [{ type: 'equipment' as const, body, marking }];
  });
  return r!.record;
}

/** Records of one kind this subject may read (both sides' copies included), with what they may do. */
export async function readPartnerRecords<K extends PartnerKind>(ctx: AppContext, subject: Subject, kind: K, filter: { partner?: string; state?: string } = {}) {
  authorize(subject, 'partners:read');
  return (await listRecords(ctx.db.kysely, kind))
    .filter((r) => allows(subject, 'partners:read', partnersTarget(ctx.node.id, r)))
    .filter((r) => (!filter.partner || r.body.partner === filter.partner) && (!filter.state || r.body.stateCode === filter.state))
    .map((r) => ({ record: r as SavedRecord<K>, can: serialize(subject, partnersTarget(ctx.node.id, r)) as { update: boolean } }));
}

export async function readInitiative(ctx: AppContext, subject: Subject, id: string) {
  const r = await findRecord(ctx.db.kysely, 'initiative', id);
  if (!r) throw notFound('initiative');
  authorize(subject, 'partners:read', partnersTarget(ctx.node.id, r));
  return { record: r, can: serialize(subject, partnersTarget(ctx.node.id, r)) as { update: boolean } };
}

/** The gaps view: registry places lacking working equipment, by the rules of domain/partners/gaps.ts. */
export async function gapsView(ctx: AppContext, subject: Subject, locale = 'en') {
  authorize(subject, 'partners:read');
  const db = ctx.db.kysely;
  const [units, sections, states, equipment] = await Promise.all([listRecords(db, 'unit'), listRecords(db, 'section'), listRecords(db, 'state'), readPartnerRecords(ctx, subject, 'equipment')]);
  const nameOf = (n: Record<string, string>) => n[locale] ?? n.en ?? '';
  const gaps = findGaps({
    units: units.map((u) => ({ id: u.id, ref: u.body.ref ?? null, kind: u.body.kind, stateCode: u.body.stateCode, sectionId: u.body.sectionId, name: nameOf(u.body.name) })),
    sections: sections.map((s) => ({ id: s.id, ref: s.body.ref ?? null, name: nameOf(s.body.name) })),
    states: states.map((s) => s.body.code).sort(),
    equipment: equipment.map((e) => e.record.body),
  });
  return { gaps, byRule: Object.fromEntries([...new Set(gaps.map((g) => g.rule))].map((r) => [r, gaps.filter((g) => g.rule === r).length])) };
}

/** Per partner, across both states (copies received from the other node included): what it does where. */
export async function partnerView(ctx: AppContext, subject: Subject) {
  const [inits, trainings, equipment] = await Promise.all([readPartnerRecords(ctx, subject, 'initiative'), readPartnerRecords(ctx, subject, 'training'), readPartnerRecords(ctx, subject, 'equipment')]);
  const out = new Map<string, { partner: string; states: Set<string>; initiatives: number; ongoing: number; budget: Record<string, number>; trainings: number; trainees: number; equipment: Record<string, number> }>();
  const row = (p: string) => {
    if (!out.has(p)) out.set(p, { partner: p, states: new Set(), initiatives: 0, ongoing: 0, budget: {}, trainings: 0, trainees: 0, equipment: {} });
    return out.get(p)!;
  };
  for (const { record: r } of inits) {
    const x = row(r.body.partner);
    x.states.add(r.body.stateCode);
    x.initiatives += 1;
    if (r.body.status === 'ongoing') x.ongoing += 1;
    if (r.body.budget !== null && r.body.currency) x.budget[r.body.currency] = (x.budget[r.body.currency] ?? 0) + r.body.budget;
  }
  for (const { record: r } of trainings) {
    const x = row(r.body.partner);
    x.states.add(r.body.stateCode);
    x.trainings += 1;
    x.trainees += traineeTotal(r.body);
  }
  for (const { record: r } of equipment) {
    const x = row(r.body.partner);
    x.states.add(r.body.stateCode);
    x.equipment[r.body.kind] = (x.equipment[r.body.kind] ?? 0) + r.body.quantity;
  }
  return [...out.values()].map((x) => ({ ...x, states: [...x.states].sort() })).sort((a, b) => a.partner.localeCompare(b.partner));
}
