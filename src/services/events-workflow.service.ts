/**
 * The JORA workflow of an event (submit, validate, return, publish, close) and corrections as new
 * versions; every step is audited with the version the caller read.
 */
import { z } from 'zod';
import { CLOSE_OUTCOMES, createEventSchema, EVENT_CATEGORIES, eventBodySchema, gradingSchema, involvedSchema, narrativeSchema, nextStatus, eventLocationSchema, type EventBody, type EventTransition } from '../domain/events/event.ts';
import { eventTarget } from '../domain/policy/events.policy.ts';
import { allows, authorize } from '../domain/policy/authorize.ts';
import { markingChange } from '../domain/policy/marking-change.ts';
import { type Action } from '../domain/policy/permissions.ts';
import type { Subject } from '../domain/policy/roles.ts';
import { markingSchema } from '../domain/records/marking.ts';
import { AppError, notFound, validation } from '../errors.ts';
import { findRecord } from '../store/records.repository.ts';
import type { AppContext } from './context.ts';
import { writeRecords } from './records.service.ts';
import { auditTransition, checkOrder, checkTimes, checkUnit, snap, utc, type SavedEvent } from './events.service.ts';

// --- workflow -------------------------------------------------------------------------

export const transitionBodySchema = z
  .object({
    version: z.number().int().min(1).optional(),
    /** Why it is returned (required for return), or a note on validation/closing. */
    comment: z.string().trim().min(1).max(2000).optional(),
    /** close only. */
    outcome: z.enum(CLOSE_OUTCOMES).optional(),
  })
  .strict();
export type TransitionInput = z.output<typeof transitionBodySchema>;

const TRANSITION_ACTION: Record<EventTransition, Action> = {
  submit: 'events:report',
  validate: 'events:validate',
  return: 'events:validate',
  publish: 'events:publish',
  close: 'events:close',
};

function requireVersion(expected: number | undefined): number {
  if (expected === undefined) throw new AppError('PRECONDITION_REQUIRED', 'Say which version you change: If-Match with the event\'s ETag, or "version" in the body');
  return expected;
}

/** One workflow step, audited as event.<transition>, with the version the caller read. */
export async function transitionEvent(
  ctx: AppContext,
  subject: Subject,
  id: string,
  transition: EventTransition,
  expectedVersion: number | undefined,
  input: TransitionInput,
): Promise<SavedEvent> {
  const action = TRANSITION_ACTION[transition];
  authorize(subject, action);
  if (transition === 'return' && !input.comment) throw validation('A returned report needs a comment saying what to fix', [{ path: 'comment', message: 'required' }]);
  if (transition === 'close' && !input.outcome) throw validation('Closing needs an outcome: resolved or did_not_happen', [{ path: 'outcome', message: 'required' }]);
  const [result] = await writeRecords(ctx, { kind: 'user', subject }, async (trx) => {
    const current = await findRecord(trx, 'event', id);
    if (!current) throw notFound('event');
    authorize(subject, action, eventTarget(ctx.node.id, current));
    const version = requireVersion(expectedVersion);
    const from = current.body.status;
    const to = nextStatus(from, transition);
    if (!to) throw new AppError('INVALID_TRANSITION', `A ${from} event cannot be ${transition === 'return' ? 'returned' : `${transition}${transition.endsWith('e') ? 'd' : 'ed'}`}`, { status: from, transition });
    const now = new Date().toISOString();
    const body: EventBody = { ...current.body, status: to };
    if (transition === 'submit') body.returnComment = null;
    if (transition === 'validate') body.validatedBy = subject.userId;
    if (transition === 'return') {
      body.returnComment = input.comment!;
      body.validatedBy = null;
    }
    if (transition === 'publish') body.firstPublishedAt ??= now;
    if (transition === 'close') body.closure = { outcome: input.outcome!, at: now, comment: input.comment ?? null };
    await auditTransition(trx, subject, id, transition, from, to, version + 1, input.comment ? { comment: input.comment } : {});
    return [{ type: 'event' as const, id, body: eventBodySchema.parse(body), marking: current.marking, expectedVersion: version }];
  });
  return result!.record;
}

// --- corrections ----------------------------------------------------------------------

export const correctEventSchema = z
  .object({
    category: z.enum(EVENT_CATEGORIES).optional(),
    severity: createEventSchema.shape.severity.optional(),
    occurredAt: z.iso.datetime({ offset: true }).optional(),
    detectedAt: z.iso.datetime({ offset: true }).nullable().optional(),
    location: eventLocationSchema.optional(),
    narrative: narrativeSchema.optional(),
    involved: involvedSchema.optional(),
    grading: gradingSchema.optional(),
    reportingUnitId: z.uuid().nullable().optional(),
    marking: markingSchema.optional(),
    /** What was corrected and why; kept in the audit log. */
    note: z.string().trim().min(1).max(2000).optional(),
    version: z.number().int().min(1).optional(),
  })
  .strict();
export type CorrectEventInput = z.output<typeof correctEventSchema>;

/**
 * A correction is a new version (the history keeps every earlier one). The author corrects their
 * draft or returned report; the owning agency's validators correct any report not yet closed,
 * including a published one. Lowering the marking needs a validator (events:publish).
 */
export async function correctEvent(ctx: AppContext, subject: Subject, id: string, expectedVersion: number | undefined, input: CorrectEventInput): Promise<SavedEvent> {
  authorize(subject, 'events:read');
  const now = Date.now();
  checkTimes({ occurredAt: input.occurredAt, detectedAt: input.detectedAt }, now);
  await checkUnit(ctx, input.reportingUnitId);
  const snapped = input.location ? await snap(ctx, input.location, subject.stateCode) : null;
  const [result] = await writeRecords(ctx, { kind: 'user', subject }, async (trx) => {
    const current = await findRecord(trx, 'event', id);
    if (!current) throw notFound('event');
    const target = eventTarget(ctx.node.id, current);
    authorize(subject, 'events:read', target);
    const s = current.body.status;
    const asAuthor = (s === 'draft' || s === 'returned') && allows(subject, 'events:report', target);
    if (!asAuthor) {
      authorize(subject, 'events:publish', target);
      if (s === 'closed') throw new AppError('INVALID_TRANSITION', 'A closed event cannot be corrected; report a follow-up instead', { status: s, transition: 'correct' });
    }
    const version = requireVersion(expectedVersion);
    const marking = input.marking ?? current.marking;
    if (markingChange(current.marking, marking) === 'lower') authorize(subject, 'events:publish', target);
    const { marking: _m, note, version: _v, location, ...fields } = input;
    const defined = Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined));
    const body: EventBody = { ...current.body, ...defined };
    if (input.occurredAt) body.occurredAt = utc(input.occurredAt);
    if (input.detectedAt) body.detectedAt = utc(input.detectedAt);
    if (location && snapped) Object.assign(body, { location, ...snapped });
    checkOrder(body);
    await auditTransition(trx, subject, id, 'correct', s, s, version + 1, { note: note ?? null, fields: Object.keys(input).filter((k) => k !== 'version' && k !== 'note') });
    return [{ type: 'event' as const, id, body: eventBodySchema.parse(body), marking, expectedVersion: version }];
  });
  return result!.record;
}

