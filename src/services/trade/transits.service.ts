import { z } from 'zod';
import { allows, authorize } from '../../domain/policy/authorize.ts';
import type { Subject } from '../../domain/policy/roles.ts';
import { tradeTarget } from '../../domain/policy/trade.policy.ts';
import { markingSchema, type Marking } from '../../domain/records/marking.ts';
import { canMove, dueAt, isOverdue, transitBodySchema, type TransitBody, type TransitStatus } from '../../domain/trade/transit.ts';
import { AppError, notFound, validation } from '../../errors.ts';
import { findRecord, listRecords, type SavedRecord } from '../../store/records.repository.ts';
import { transitsInStatus } from '../../store/trade.repository.ts';
import type { AppContext } from '../context.ts';
import { writeRecords } from '../records.service.ts';
import type { Actor } from '../users.service.ts';

export const transitInputSchema = transitBodySchema
  .pick({ ref: true, declarationId: true, guarantee: true, holder: true, vehiclePlate: true, seals: true, departureOffice: true, crossingPointIds: true, destinationOffice: true, timeLimitHours: true })
  .extend({ releasableTo: z.array(z.string().regex(/^[A-Z]{2}$/)).min(1).max(10), marking: markingSchema.optional() })
  .strict();

/** Declared with its guarantee; the record itself is the advance data the other side receives. */
export async function createTransit(ctx: AppContext, subject: Subject, raw: unknown, now = new Date()) {
  authorize(subject, 'trade:write');
  const input = transitInputSchema.parse(raw);
  const { releasableTo, marking, ...fields } = input;
  const body = transitBodySchema.parse({ ...fields, advanceDataAt: now.toISOString(), status: 'declared', startedAt: null, terminatedAt: null, terminatedAtPointId: null, dischargedAt: null, overdueSince: null });
  const m: Marking = marking ?? { tlp: 'AMBER', releasableTo: { states: releasableTo, agencies: [], units: [] }, hops: 1 };
  const [r] = await writeRecords(ctx, { kind: 'user', subject }, [{ type: 'transit', body, marking: m }]);
  return r!.record;
}

export const transitMoveSchema = z
  .object({ to: z.enum(['started', 'terminated', 'discharged', 'cancelled']), at: z.iso.datetime({ offset: true }).optional(), crossingPointId: z.uuid().optional(), version: z.number().int().min(1).optional() })
  .strict();

/** Start at departure, termination at exit/entry, discharge of the guarantee — by the owning customs. */
export async function moveTransit(ctx: AppContext, subject: Subject, id: string, expectedVersion: number | undefined, raw: unknown) {
  authorize(subject, 'trade:write');
  const input = transitMoveSchema.parse(raw);
  const [r] = await writeRecords(ctx, { kind: 'user', subject }, async (trx) => {
    const t = await findRecord(trx, 'transit', id);
    if (!t) throw notFound('transit');
    authorize(subject, 'trade:write', tradeTarget(ctx.node.id, t));
    if (t.owner.node !== ctx.node.id || t.owner.agencyId !== subject.agencyId) throw new AppError('FORBIDDEN', 'only the customs that declared the transit move it');
    if (expectedVersion === undefined) throw new AppError('PRECONDITION_REQUIRED', 'Say which version you change: If-Match with the transit\'s ETag, or "version" in the body');
    if (!canMove(t.body.status, input.to as TransitStatus)) throw validation(`a ${t.body.status} transit cannot become ${input.to}`);
    const at = input.at ?? new Date().toISOString();
    const body: TransitBody = { ...t.body, status: input.to };
    if (input.to === 'started') body.startedAt = at;
    if (input.to === 'terminated') {
      if (!input.crossingPointId || !t.body.crossingPointIds.includes(input.crossingPointId)) throw validation('terminate at one of the crossing points of the itinerary', [{ path: 'crossingPointId', message: 'required, on the itinerary' }]);
      body.terminatedAt = at;
      body.terminatedAtPointId = input.crossingPointId;
    }
    if (input.to === 'discharged') body.dischargedAt = at;
    return [{ type: 'transit' as const, id, body: transitBodySchema.parse(body), marking: t.marking, expectedVersion }];
  });
  return r!.record;
}

const CHECKER: Actor = { kind: 'system', name: 'transit-overdue' };

/**
 * Marks this node's started transits that are past their time limit as overdue: a new signed
 * version that travels to the other side, where it raises the same alert. Idempotent.
 */
export async function checkOverdueTransits(ctx: AppContext, now = new Date()): Promise<string[]> {
  const started = (await transitsInStatus(ctx.db.kysely, 'started')).filter((t) => t.owner.node === ctx.node.id && t.body.overdueSince === null && isOverdue(t.body, now));
  if (started.length === 0) return [];
  await writeRecords(ctx, CHECKER, started.map((t) => ({ type: 'transit' as const, id: t.id, body: { ...t.body, overdueSince: now.toISOString() }, marking: t.marking })));
  ctx.log.warn({ transits: started.map((t) => t.id) }, 'transits overdue');
  return started.map((t) => t.id);
}

export interface TransitView {
  record: SavedRecord<'transit'>;
  dueAt: string | null;
  /** Either the owner flagged it, or this side computes it from the time limit. */
  overdue: boolean;
}

export async function listTransits(ctx: AppContext, subject: Subject, now = new Date()): Promise<TransitView[]> {
  authorize(subject, 'trade:read');
  await checkOverdueTransits(ctx, now);
  const all = (await listRecords(ctx.db.kysely, 'transit')).filter((t) => allows(subject, 'trade:read', tradeTarget(ctx.node.id, t)));
  return all.map((record) => ({ record, dueAt: dueAt(record.body)?.toISOString() ?? null, overdue: record.body.overdueSince !== null || isOverdue(record.body, now) }));
}

/** Runs the overdue check every `intervalMs` (started with the node). */
export function startTransitOverdueLoop(ctx: AppContext, intervalMs: number): () => void {
  const timer = setInterval(() => {
    checkOverdueTransits(ctx).catch((err: unknown) => ctx.log.error({ err }, 'transit overdue check failed'));
  }, intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}
