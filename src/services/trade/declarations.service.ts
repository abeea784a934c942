import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { allows, authorize } from '../../domain/policy/authorize.ts';
import type { Subject } from '../../domain/policy/roles.ts';
import { tradeTarget } from '../../domain/policy/trade.policy.ts';
import { markingSchema, type Marking } from '../../domain/records/marking.ts';
import { isOpenOnDay } from '../../domain/trade/crossing-point.ts';
import { preferredProfile } from '../../domain/trade/crossing-profile.ts';
import { CROSSING_STEPS, crossingBodySchema } from '../../domain/trade/crossing-times.ts';
import { declarationBodySchema, type DeclarationBody } from '../../domain/trade/declaration.ts';
import { arrivalObservationSchema, matchArrival } from '../../domain/trade/matching.ts';
import { AppError, notFound, validation } from '../../errors.ts';
import { findRecord, idsByRef, listRecords, type SavedRecord } from '../../store/records.repository.ts';
import {
  crossingsFor,
  declarationsExpected,
  decisionsFor,
  findDeclarationByRef,
  insertDecision,
  insertInspection,
  type StoredDecision,
} from '../../store/trade.repository.ts';
import { inWriteTransaction, type Executor } from '../../store/transaction.ts';
import { appendAudit } from '../../store/audit.repository.ts';
import type { AppContext } from '../context.ts';
import { writeRecords } from '../records.service.ts';
import type { Actor } from '../users.service.ts';
import { engineOf, factsOf } from './selectivity.service.ts';

/** Declarations go to the destination state's customs before the truck: AMBER, released to it. */
export const declarationMarking = (destinationState: string): Marking => ({ tlp: 'AMBER', releasableTo: { states: [destinationState], agencies: [], units: [] }, hops: 1 });

/** What a declarant sends: the WCO-shaped body without the fields the node sets itself. */
export const declarationInputSchema = declarationBodySchema
  .omit({ status: true, lane: true, laneRules: true, standbyUntil: true, exitPointRef: true, entryPointRef: true })
  .extend({ marking: markingSchema.optional() })
  .strict();
export type DeclarationInput = z.input<typeof declarationInputSchema>;

/** Refuses a declaration whose crossing points are not crossing points or are closed that day. */
async function checkCrossing(db: Executor, localNode: string, d: Pick<DeclarationBody, 'exitPointId' | 'entryPointId' | 'expectedArrival'>, path: string): Promise<{ exitPointRef: string | null; entryPointRef: string | null }> {
  const at = new Date(d.expectedArrival);
  const refs = { exitPointRef: null as string | null, entryPointRef: null as string | null };
  for (const [field, id] of [['exitPointId', d.exitPointId], ['entryPointId', d.entryPointId]] as const) {
    if (!id) continue;
    const unit = await findRecord(db, 'unit', id);
    if (!unit || unit.body.kind !== 'crossing_point') throw validation(`${field} does not name a crossing point`, [{ path: `${path}${field}`, message: 'not a crossing point' }]);
    refs[field === 'exitPointId' ? 'exitPointRef' : 'entryPointRef'] = unit.body.ref;
    // The hours the point's own side published (after an exchange), else this node's copy.
    const profile = preferredProfile({ id, ref: unit.body.ref, stateCode: unit.body.stateCode }, await listRecords(db, 'crossing_point'), localNode);
    if (profile && !isOpenOnDay(profile.body, at)) {
      throw new AppError('CROSSING_CLOSED', `${unit.body.name.en} is closed on ${at.toISOString().slice(0, 10)} (expected arrival): choose another day or crossing point`, {
        field: `${path}${field}`,
        crossingPointId: id,
      });
    }
  }
  return refs;
}

export interface PreparedDeclaration {
  id: string;
  body: DeclarationBody;
  marking: Marking;
  decision: StoredDecision;
}

/**
 * Validates one declaration and runs selectivity on it, without writing: the lane, the rules
 * that fired and the stand-by are part of the record the other side receives.
 */
export async function prepareDeclaration(ctx: AppContext, raw: unknown, now: Date, path = ''): Promise<PreparedDeclaration> {
  const input = declarationInputSchema.parse(raw);
  const { marking, ...fields } = input;
  const base = declarationBodySchema.parse({ ...fields, status: 'lodged', lane: null, laneRules: [], standbyUntil: null });
  Object.assign(base, await checkCrossing(ctx.db.kysely, ctx.node.id, base, path));
  const id = randomUUID();
  const decision = (await engineOf(ctx)).decide(await factsOf(ctx, id, base, now), now);
  const body: DeclarationBody = { ...base, lane: decision.lane, laneRules: decision.fired.map((f) => f.ruleId), standbyUntil: decision.standbyUntil };
  return {
    id,
    body,
    marking: marking ?? declarationMarking(base.destinationState),
    decision: { id: randomUUID(), declarationId: id, lane: decision.lane, fired: decision.fired, random: decision.random, decidedAt: now.toISOString() },
  };
}

/** Writes prepared declarations and their decision log in one transaction: all or nothing. */
export async function saveDeclarations(ctx: AppContext, actor: Actor, prepared: PreparedDeclaration[]) {
  const results = await writeRecords(ctx, actor, async (trx) => {
    for (const p of prepared) {
      if (await findDeclarationByRef(trx, ctx.node.id, p.body.ref)) throw new AppError('CONFLICT', `a declaration with reference ${p.body.ref} exists already`, { ref: p.body.ref });
      await insertDecision(trx, p.decision);
    }
    return prepared.map((p) => ({ type: 'declaration' as const, id: p.id, body: p.body, marking: p.marking }));
  });
  return results.map((r) => r.record);
}

export async function createDeclaration(ctx: AppContext, subject: Subject, raw: unknown, now = new Date()) {
  authorize(subject, 'trade:write');
  const prepared = await prepareDeclaration(ctx, raw, now);
  const [record] = await saveDeclarations(ctx, { kind: 'user', subject }, [prepared]);
  return { record: record!, decision: prepared.decision };
}

const visible = (ctx: AppContext, subject: Subject) => (d: SavedRecord<'declaration'>) => allows(subject, 'trade:read', tradeTarget(ctx.node.id, d, d.body.destinationState));

export const listDeclarationsQuery = z
  .object({
    crossingPoint: z.uuid().optional(),
    /** Expected arrival from (inclusive) and to (exclusive); default: today (UTC) ± 1 day. */
    from: z.iso.datetime({ offset: true }).optional(),
    to: z.iso.datetime({ offset: true }).optional(),
  })
  .strict();

export async function listDeclarations(ctx: AppContext, subject: Subject, q: z.output<typeof listDeclarationsQuery>) {
  authorize(subject, 'trade:read');
  const day = new Date().toISOString().slice(0, 10);
  const from = q.from ? new Date(q.from).toISOString() : new Date(Date.parse(day) - 86_400_000).toISOString();
  const to = q.to ? new Date(q.to).toISOString() : new Date(Date.parse(day) + 2 * 86_400_000).toISOString();
  if (from >= to) throw validation('"from" must be before "to"');
  let rows = await declarationsExpected(ctx.db.kysely, { from, to });
  if (q.crossingPoint) {
    const unit = await findRecord(ctx.db.kysely, 'unit', q.crossingPoint);
    const ref = unit?.body.ref ?? null;
    const here = (id: string | null, r: string | null) => id === q.crossingPoint || (ref !== null && r === ref);
    rows = rows.filter((d) => here(d.body.exitPointId, d.body.exitPointRef) || here(d.body.entryPointId, d.body.entryPointRef));
  }
  const list = rows.filter(visible(ctx, subject));
  ctx.reads.record({ actor: subject.userId, action: 'personal_data.read', entityType: 'declaration', entityId: null, detail: { count: list.length } });
  return list;
}

export async function readDeclaration(ctx: AppContext, subject: Subject, id: string) {
  authorize(subject, 'trade:read');
  const d = await findRecord(ctx.db.kysely, 'declaration', id);
  if (!d) throw notFound('declaration');
  authorize(subject, 'trade:read', tradeTarget(ctx.node.id, d, d.body.destinationState));
  ctx.reads.record({ actor: subject.userId, action: 'personal_data.read', entityType: 'declaration', entityId: id, detail: { count: 1 } });
  const [arrivals, decisions] = await Promise.all([crossingsFor(ctx.db.kysely, id), decisionsFor(ctx.db.kysely, id)]);
  return { declaration: d, arrivals: arrivals.filter((c) => allows(subject, 'trade:read', tradeTarget(ctx.node.id, c))), decisions };
}

export const arrivalInputSchema = arrivalObservationSchema
  .extend({
    /** When the truck joined the queue; default now. Later steps are added with PATCH /api/crossings/:id. */
    arrivedAt: z.iso.datetime({ offset: true }).optional(),
    feesUsd: z.number().min(0).max(1e6).default(0),
  })
  .strict();

/**
 * The truck is at the crossing: match it against the pre-arrival declaration and record the
 * crossing (with any discrepancy) as this side's own record. It is released to the
 * declaration's owner state, so the discrepancies are seen on both sides.
 */
export async function recordArrival(ctx: AppContext, subject: Subject, declarationId: string, raw: unknown) {
  authorize(subject, 'trade:write');
  const input = arrivalInputSchema.parse(raw);
  const [result] = await writeRecords(ctx, { kind: 'user', subject }, async (trx) => {
    const d = await findRecord(trx, 'declaration', declarationId);
    if (!d) throw notFound('declaration');
    authorize(subject, 'trade:write', tradeTarget(ctx.node.id, d, d.body.destinationState));
    const inbound = subject.stateCode === d.body.destinationState && subject.stateCode !== d.owner.state;
    // Unit ids are the issuing node's: find this node's own unit by the scenario ref.
    const ref = inbound ? d.body.entryPointRef : d.body.exitPointRef;
    const localId = ref ? (await idsByRef(trx, 'unit')).get(ref) : undefined;
    const pointId = localId ?? (inbound ? d.body.entryPointId : d.body.exitPointId);
    if (!pointId) throw validation('the declaration names no crossing point of entry');
    const discrepancies = matchArrival(d.body, input);
    const body = crossingBodySchema.parse({
      crossingPointId: pointId,
      crossingPointRef: ref,
      direction: inbound ? 'inbound' : 'outbound',
      declarationId,
      vehiclePlate: input.plate,
      steps: { queue_arrival: input.arrivedAt ?? new Date().toISOString() },
      feesUsd: input.feesUsd,
      discrepancies,
    });
    const owners = [...new Set([d.owner.state, d.body.destinationState])].filter((s) => s !== subject.stateCode);
    const marking: Marking = { tlp: 'AMBER', releasableTo: { states: owners, agencies: [], units: [] }, hops: 1 };
    return [{ type: 'crossing' as const, body, marking }];
  });
  return result!.record;
}

export const crossingStepsInputSchema = z
  .object({
    steps: z.partialRecord(z.enum(CROSSING_STEPS), z.iso.datetime({ offset: true })).default({}),
    feesUsd: z.number().min(0).max(1e6).optional(),
    version: z.number().int().min(1).optional(),
  })
  .strict();

/** Adds step timestamps (entry, document check, inspection, payment, exit) and fees to a crossing. */
export async function updateCrossingSteps(ctx: AppContext, subject: Subject, id: string, expectedVersion: number | undefined, input: z.output<typeof crossingStepsInputSchema>) {
  authorize(subject, 'trade:write');
  const [result] = await writeRecords(ctx, { kind: 'user', subject }, async (trx) => {
    const c = await findRecord(trx, 'crossing', id);
    if (!c) throw notFound('crossing');
    authorize(subject, 'trade:write', tradeTarget(ctx.node.id, c));
    if (c.owner.node !== ctx.node.id) throw new AppError('FORBIDDEN', 'this crossing is a read-only copy from the other side');
    if (expectedVersion === undefined) throw new AppError('PRECONDITION_REQUIRED', 'Say which version you change: If-Match with the crossing\'s ETag, or "version" in the body');
    const body = crossingBodySchema.parse({ ...c.body, steps: { ...c.body.steps, ...input.steps }, feesUsd: input.feesUsd ?? c.body.feesUsd });
    return [{ type: 'crossing' as const, id, body, marking: c.marking, expectedVersion }];
  });
  return result!.record;
}

export const inspectionInputSchema = z.object({ hit: z.boolean(), findings: z.string().trim().max(2000).default('') }).strict();

/** The inspection result, fed back to the rules that sent the declaration to inspection. */
export async function recordInspection(ctx: AppContext, subject: Subject, declarationId: string, raw: unknown) {
  authorize(subject, 'trade:write');
  const input = inspectionInputSchema.parse(raw);
  const d = await findRecord(ctx.db.kysely, 'declaration', declarationId);
  if (!d) throw notFound('declaration');
  authorize(subject, 'trade:write', tradeTarget(ctx.node.id, d, d.body.destinationState));
  const decisions = await decisionsFor(ctx.db.kysely, declarationId);
  // The declaring node holds the decision log; the other side credits the lane rules it received.
  const fired = decisions.length ? decisions[decisions.length - 1]!.fired.map((f) => f.ruleId) : d.body.laneRules;
  const inspection = { id: randomUUID(), declarationId, hit: input.hit, findings: input.findings, firedRuleIds: fired, inspectedBy: subject.userId, inspectedAt: new Date().toISOString() };
  await inWriteTransaction(ctx.db, async (trx) => {
    await insertInspection(trx, inspection);
    await appendAudit(trx, { actor: subject.userId, action: 'declaration.inspected', entityType: 'declaration', entityId: declarationId, detail: { hit: input.hit, rules: fired } });
  });
  return inspection;
}
