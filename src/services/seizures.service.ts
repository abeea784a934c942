import { z } from 'zod';
import {
  normalisedKg,
  seizureBodySchema,
  seizureInputSchema,
  seizureStatRow,
  seizureWithoutPersonalData,
  type SeizureBody,
  type SeizureInput,
  type SeizureStatRow,
} from '../domain/events/seizure.ts';
import { inPicture } from '../domain/events/event.ts';
import { eventTarget } from '../domain/policy/events.policy.ts';
import { allows, authorize } from '../domain/policy/authorize.ts';
import type { Subject } from '../domain/policy/roles.ts';
import { AppError, notFound } from '../errors.ts';
import { findRecord, listRecords, type SavedRecord } from '../store/records.repository.ts';
import { seizuresBetween } from '../store/seizures.repository.ts';
import type { AppContext } from './context.ts';
import { mayReadPersonalData, readEvent } from './events.service.ts';
import { writeRecords } from './records.service.ts';

export type SavedSeizure = SavedRecord<'seizure'>;
export { seizureInputSchema };

/** A seizure on an event, marked like its event; anyone of the owning agency who reports adds it. */
export async function addSeizure(ctx: AppContext, subject: Subject, eventId: string, input: SeizureInput): Promise<SavedSeizure> {
  authorize(subject, 'seizures:write');
  const [result] = await writeRecords(ctx, { kind: 'user', subject }, async (trx) => {
    const event = await findRecord(trx, 'event', eventId);
    if (!event) throw notFound('event');
    authorize(subject, 'seizures:write', eventTarget(ctx.node.id, event));
    const seizedAt = input.seizedAt ? new Date(input.seizedAt).toISOString() : event.body.occurredAt;
    if (Date.parse(seizedAt) > Date.now() + 5 * 60_000) throw new AppError('DATE_IN_FUTURE', `seizedAt ${seizedAt} is in the future`);
    const body: SeizureBody = seizureBodySchema.parse({
      eventId,
      itemKind: input.itemKind,
      substance: input.substance,
      description: input.description,
      quantity: input.quantity,
      quantityKg: normalisedKg(input.substance, input.quantity.value, input.quantity.unit),
      concealment: input.concealment,
      concealmentDetail: input.concealmentDetail,
      conveyance: input.conveyance,
      route: input.route,
      detectionMethod: input.detectionMethod,
      seizedAt,
      persons: input.persons,
    });
    return [{ type: 'seizure' as const, body, marking: event.marking }];
  });
  return result!.record;
}

/** Seizures of an event the subject may read; persons' names and documents only for roles cleared for them. */
export async function eventSeizures(ctx: AppContext, subject: Subject, eventId: string): Promise<SavedSeizure[]> {
  await readEvent(ctx, subject, eventId);
  const list = await listRecords(ctx.db.kysely, 'seizure', { event_id: eventId });
  return mayReadPersonalData(subject) ? list : list.map((s) => ({ ...s, body: seizureWithoutPersonalData(s.body) }));
}

export const seizureExportQuerySchema = z
  .object({
    format: z.enum(['csv', 'json']).default('json'),
    from: z.iso.datetime({ offset: true }).optional(),
    to: z.iso.datetime({ offset: true }).optional(),
  })
  .strict();

/**
 * Statistics for international returns (UNODC IDS, WCO CEN): seizures of published events the
 * subject may see, without anything personal — no names, documents, narratives or user ids;
 * persons only as counts by nationality.
 */
export async function exportSeizures(ctx: AppContext, subject: Subject, q: z.output<typeof seizureExportQuerySchema>): Promise<SeizureStatRow[]> {
  authorize(subject, 'seizures:export');
  const to = q.to ? new Date(q.to).toISOString() : new Date(Date.now() + 86_400_000).toISOString();
  const from = q.from ? new Date(q.from).toISOString() : '2000-01-01T00:00:00.000Z';
  const rows = await seizuresBetween(ctx.db.kysely, from, to);
  const out: SeizureStatRow[] = [];
  for (const { seizure, event } of rows) {
    if (!inPicture(event.body.status) || !allows(subject, 'events:read', eventTarget(ctx.node.id, event))) continue;
    out.push(seizureStatRow(seizure.id, seizure.body, { reportingState: event.owner.state, sectionId: event.body.sectionId }));
  }
  ctx.reads.record({ actor: subject.userId, action: 'seizures.export', entityType: 'seizure', entityId: null, detail: { count: out.length, from, to } });
  return out;
}
