import { z } from 'zod';
import { HIT_ACTIONS, REQUESTED_ACTIONS } from './hit-vocabulary.ts';

/**
 * After a hit (SIRENE-like, docs/screening.md "After a hit"). Two bodies of one record kind,
 * `hit_report`, each written only by its own side (sovereignty):
 * - a **report**, written on the screening node by the officer who confirmed the hit: what was
 *   found, where, when, what was done; addressed to the node that owns the alert;
 * - an **answer**, written on the alert owner's node: supplementary information and the action
 *   it asks for; it references the report and is addressed back to the reporting node.
 * Both hold personal data (what was found on a person) and travel only to their addressee.
 */
export { HIT_ACTIONS, REQUESTED_ACTIONS, type HitAction, type RequestedAction } from './hit-vocabulary.ts';

const stateCode = z.string().regex(/^[A-Z]{2}$/);
const nodeId = z.string().min(1).max(64);
const text = (max: number) => z.string().trim().min(1).max(max);

/** The part both bodies share: which alert, whose it is, and who reported the hit on it. */
const exchange = {
  alertId: z.uuid(),
  alertOwnerNode: nodeId,
  alertOwnerState: stateCode,
  alertOwnerAgencyId: z.string().min(1).max(64).nullable(),
  reporterNode: nodeId,
  reporterState: stateCode,
  reporterAgencyId: z.string().min(1).max(64).nullable(),
};

export const hitReportBodySchema = z.discriminatedUnion('type', [
  z
    .object({
      type: z.literal('report'),
      ...exchange,
      /** The screening on the reporting node (its id only: the traveller's words were never kept). */
      screeningId: z.uuid(),
      score: z.number().min(0).max(1),
      /** What was found: the person, documents, vehicle, goods, as the officer describes them. */
      found: text(2000),
      action: z.enum(HIT_ACTIONS),
      actionDetail: z.string().trim().max(1000).nullable(),
      /** Where: the officer's unit (a registry id) and the crossing point as written. */
      unitId: z.string().min(1).max(64).nullable(),
      place: text(200),
      observedAt: z.iso.datetime({ offset: true }),
    })
    .strict(),
  z
    .object({
      type: z.literal('answer'),
      ...exchange,
      /** The report answered (a record of the other node). */
      reportId: z.uuid(),
      information: text(2000),
      requestedAction: z.enum(REQUESTED_ACTIONS),
      answeredAt: z.iso.datetime({ offset: true }),
    })
    .strict(),
]);
export type HitReportBody = z.output<typeof hitReportBodySchema>;

/** The one node a hit report (or answer) may travel to: the other side of the exchange. */
export function hitReportAddressee(body: HitReportBody): string {
  return body.type === 'report' ? body.alertOwnerNode : body.reporterNode;
}

type Sides = Pick<HitReportBody, 'alertOwnerState' | 'alertOwnerAgencyId' | 'reporterState' | 'reporterAgencyId'>;

/** Does the subject work for that side of the exchange: the reporting agency, or the alert's owning agency? */
export function onSide(subject: { stateCode: string; agencyId: string }, side: 'reporter' | 'owner', body: Sides): boolean {
  const [state, agency] = side === 'reporter' ? [body.reporterState, body.reporterAgencyId] : [body.alertOwnerState, body.alertOwnerAgencyId];
  return subject.stateCode === state && (agency === null || agency === subject.agencyId);
}
