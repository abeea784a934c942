import { z } from 'zod';
import { PICTURE_STATUSES } from '../../domain/events/event.ts';
import { afterActionFigures, inOperation, OPERATION_STATUSES, polygonProblem, type AfterActionFigures, type AreaPolygon, type JointOperationBody, type OperationReportBody } from '../../domain/meetings/operation.ts';
import { allows, authorize } from '../../domain/policy/authorize.ts';
import { meetingTarget, type MeetingTarget } from '../../domain/policy/meetings.policy.ts';
import type { Subject } from '../../domain/policy/roles.ts';
import { markingSchema } from '../../domain/records/marking.ts';
import { AppError, notFound, validation } from '../../errors.ts';
import { findRecord, listRecords, type SavedRecord } from '../../store/records.repository.ts';
import type { AppContext } from '../context.ts';
import { writeRecord } from '../records.service.ts';
import { participantsMarking } from './meetings.service.ts';
import { localParticipants, participantsOf, registryIndex, statesOf, type RegistryIndex } from './participants.ts';

const text = (max: number) => z.string().trim().min(1).max(max);
const day = z.iso.date();

export const createOperationSchema = z
  .object({
    name: text(200),
    aim: text(4000),
    /** Checked by polygonProblem, so that a bad area answers INVALID_AREA. */
    area: z.unknown(),
    startDate: day,
    endDate: day,
    participantUnitIds: z.array(z.uuid()).min(1).max(40),
    communicationPlan: z.string().trim().max(4000).default(''),
    marking: markingSchema.optional(),
  })
  .strict();

export const updateOperationSchema = z.object({ version: z.number().int().min(1), status: z.enum(OPERATION_STATUSES).optional(), aim: text(4000).optional(), communicationPlan: z.string().trim().max(4000).optional() }).strict();

export const createReportSchema = z
  .object({
    day,
    summary: z.string().trim().max(10_000).default(''),
    eventIds: z.array(z.uuid()).max(500).default([]),
    seizureIds: z.array(z.uuid()).max(500).default([]),
  })
  .strict();

export const afterActionSchema = z.object({ summary: z.string().trim().max(10_000).default(''), lessons: z.string().trim().max(10_000).nullable().default(null) }).strict();

export type Operation = SavedRecord<'joint_operation'>;

function checkArea(area: unknown): AreaPolygon {
  const problem = polygonProblem(area);
  if (problem) throw new AppError('INVALID_AREA', `area: ${problem}`, [{ path: 'area', message: problem }]);
  return area as AreaPolygon;
}

function checkDays(startDate: string, endDate: string) {
  if (endDate < startDate) throw new AppError('END_BEFORE_START', `the end date (${endDate}) is before the start date (${startDate})`, [{ path: 'endDate', message: 'before the start' }]);
}

export function targetOfOperation(ctx: AppContext, index: RegistryIndex, op: Operation): MeetingTarget {
  return meetingTarget(ctx.node.id, op, localParticipants(index, op.body.participants));
}

export async function createOperation(ctx: AppContext, subject: Subject, raw: z.input<typeof createOperationSchema>): Promise<Operation> {
  authorize(subject, 'operations:write');
  const input = createOperationSchema.parse(raw);
  const area = checkArea(input.area);
  checkDays(input.startDate, input.endDate);
  const participants = participantsOf(await registryIndex(ctx.db.kysely), input.participantUnitIds);
  const body: JointOperationBody = { name: input.name, aim: input.aim, area, startDate: input.startDate, endDate: input.endDate, status: 'planned', participants, communicationPlan: input.communicationPlan };
  return (await writeRecord(ctx, { kind: 'user', subject }, { type: 'joint_operation', body, marking: input.marking ?? participantsMarking(statesOf(participants)) })).record;
}

async function visibleOperation(ctx: AppContext, subject: Subject, id: string, action: 'operations:read' | 'operations:write' | 'operations:report') {
  const op = await findRecord(ctx.db.kysely, 'joint_operation', id);
  if (!op) throw notFound('joint operation');
  const index = await registryIndex(ctx.db.kysely);
  const target = targetOfOperation(ctx, index, op);
  authorize(subject, action, target);
  return { op, target };
}

export async function updateOperation(ctx: AppContext, subject: Subject, id: string, raw: z.input<typeof updateOperationSchema>): Promise<Operation> {
  const input = updateOperationSchema.parse(raw);
  const { op } = await visibleOperation(ctx, subject, id, 'operations:write');
  const body: JointOperationBody = { ...op.body, ...(input.status ? { status: input.status } : {}), ...(input.aim ? { aim: input.aim } : {}), ...(input.communicationPlan !== undefined ? { communicationPlan: input.communicationPlan } : {}) };
  return (await writeRecord(ctx, { kind: 'user', subject }, { type: 'joint_operation', id, body, marking: op.marking, expectedVersion: input.version })).record;
}

export async function readOperations(ctx: AppContext, subject: Subject): Promise<{ op: Operation; target: MeetingTarget }[]> {
  authorize(subject, 'operations:read');
  const index = await registryIndex(ctx.db.kysely);
  return (await listRecords(ctx.db.kysely, 'joint_operation'))
    .map((op) => ({ op, target: targetOfOperation(ctx, index, op) }))
    .filter(({ target }) => allows(subject, 'operations:read', target))
    .sort((a, b) => (a.op.body.startDate < b.op.body.startDate ? 1 : -1));
}

async function reportsOf(ctx: AppContext, operationId: string) {
  return (await listRecords(ctx.db.kysely, 'operation_report', { operation_id: operationId })).sort((a, b) => (a.body.day === b.body.day ? (a.body.kind < b.body.kind ? 1 : -1) : a.body.day < b.body.day ? -1 : 1));
}

/**
 * Figures from the events linked in the daily reports and the events in the area during the
 * period (published ones: what both sides' picture holds), with their seizures and any linked ones.
 */
export async function computeFigures(ctx: AppContext, op: Operation, reports: readonly SavedRecord<'operation_report'>[]): Promise<AfterActionFigures> {
  const daily = reports.filter((r) => r.body.kind === 'daily');
  const linked = new Set(daily.flatMap((r) => r.body.eventIds));
  const events = (await listRecords(ctx.db.kysely, 'event')).filter((e) => linked.has(e.id) || ((PICTURE_STATUSES as readonly string[]).includes(e.body.status) && inOperation(op.body, e.body)));
  const eventIds = new Set(events.map((e) => e.id));
  const linkedSeizures = new Set(daily.flatMap((r) => r.body.seizureIds));
  const seizures = (await listRecords(ctx.db.kysely, 'seizure')).filter((s) => eventIds.has(s.body.eventId) || linkedSeizures.has(s.id));
  return afterActionFigures(events, seizures);
}

export async function readOperation(ctx: AppContext, subject: Subject, id: string) {
  const { op, target } = await visibleOperation(ctx, subject, id, 'operations:read');
  const reports = await reportsOf(ctx, id);
  return { op, target, reports, figures: await computeFigures(ctx, op, reports) };
}

async function checkLinks(ctx: AppContext, eventIds: readonly string[], seizureIds: readonly string[]) {
  for (const [i, eid] of eventIds.entries()) if (!(await findRecord(ctx.db.kysely, 'event', eid))) throw validation(`eventIds.${i}: unknown event`, [{ path: `eventIds.${i}`, message: 'unknown event' }]);
  for (const [i, sid] of seizureIds.entries()) if (!(await findRecord(ctx.db.kysely, 'seizure', sid))) throw validation(`seizureIds.${i}: unknown seizure`, [{ path: `seizureIds.${i}`, message: 'unknown seizure' }]);
}

export async function addDailyReport(ctx: AppContext, subject: Subject, operationId: string, raw: z.input<typeof createReportSchema>) {
  const input = createReportSchema.parse(raw);
  const { op } = await visibleOperation(ctx, subject, operationId, 'operations:report');
  if (input.day < op.body.startDate || input.day > op.body.endDate) throw validation(`day: ${input.day} is outside the operation (${op.body.startDate} – ${op.body.endDate})`, [{ path: 'day', message: 'outside the operation' }]);
  await checkLinks(ctx, input.eventIds, input.seizureIds);
  const body: OperationReportBody = { operationId, kind: 'daily', day: input.day, summary: input.summary, eventIds: input.eventIds, seizureIds: input.seizureIds, figures: null, lessons: null };
  return (await writeRecord(ctx, { kind: 'user', subject }, { type: 'operation_report', body, marking: op.marking })).record;
}

/** The after-action report: the figures are computed now and kept with the report. */
export async function addAfterAction(ctx: AppContext, subject: Subject, operationId: string, raw: z.input<typeof afterActionSchema>) {
  const input = afterActionSchema.parse(raw);
  const { op } = await visibleOperation(ctx, subject, operationId, 'operations:report');
  const reports = await reportsOf(ctx, operationId);
  const figures = await computeFigures(ctx, op, reports);
  const body: OperationReportBody = { operationId, kind: 'after_action', day: op.body.endDate, summary: input.summary, eventIds: [], seizureIds: [], figures, lessons: input.lessons };
  return (await writeRecord(ctx, { kind: 'user', subject }, { type: 'operation_report', body, marking: op.marking })).record;
}
