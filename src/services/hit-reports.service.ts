import { z } from 'zod';
import { HIT_ACTIONS, REQUESTED_ACTIONS, type HitReportBody } from '../domain/screening/hit-report.ts';
import { alertTarget } from '../domain/policy/alert.policy.ts';
import { allows, authorize, serialize } from '../domain/policy/authorize.ts';
import { hitReportTarget } from '../domain/policy/hit-report.policy.ts';
import type { Subject } from '../domain/policy/roles.ts';
import type { Marking } from '../domain/records/marking.ts';
import { AppError, notFound } from '../errors.ts';
import { findRecord, listRecords, type SavedRecord } from '../store/records.repository.ts';
import { findScreening } from '../store/screening.repository.ts';
import type { AppContext } from './context.ts';
import { writeRecords } from './records.service.ts';

/** What the officer writes after confirming a hit (docs/screening.md "After a hit"). */
export const hitReportInputSchema = z
  .object({
    found: z.string().trim().min(1).max(2000),
    action: z.enum(HIT_ACTIONS),
    actionDetail: z.string().trim().max(1000).nullable().optional(),
    place: z.string().trim().min(1).max(200),
    observedAt: z.iso.datetime({ offset: true }).optional(),
  })
  .strict();
export type HitReportInput = z.output<typeof hitReportInputSchema>;

export const hitAnswerInputSchema = z
  .object({
    information: z.string().trim().min(1).max(2000),
    requestedAction: z.enum(REQUESTED_ACTIONS),
  })
  .strict();
export type HitAnswerInput = z.output<typeof hitAnswerInputSchema>;

/** A clock a minute ahead of ours is tolerated; a time later than that is a typing error. */
const FUTURE_SLACK_MS = 60_000;

/**
 * AMBER for the two states of the exchange, one hop: it holds personal data, goes to the other
 * side's node only (the addressee rule in sharing-policy.ts) and no further.
 */
function exchangeMarking(otherState: string, ownState: string): Marking {
  return { tlp: 'AMBER', releasableTo: { states: otherState === ownState ? [] : [otherState], agencies: [], units: [] }, hops: 1 };
}

export type HitReportRecord = SavedRecord<'hit_report'>;

/**
 * Files the hit report of a confirmed hit. Only whoever may decide the screening's hits files it,
 * only on a confirmed hit, only on an alert they may still see, once per hit.
 */
export async function fileHitReport(ctx: AppContext, subject: Subject, screeningId: string, alertId: string, input: HitReportInput): Promise<HitReportRecord> {
  authorize(subject, 'hit_reports:write');
  const now = Date.now();
  const observedAt = input.observedAt ? new Date(input.observedAt).toISOString() : new Date(now).toISOString();
  if (Date.parse(observedAt) > now + FUTURE_SLACK_MS) throw new AppError('DATE_IN_FUTURE', 'observedAt is in the future');
  const [result] = await writeRecords(ctx, { kind: 'user', subject }, async (trx) => {
    const screening = await findScreening(trx, screeningId);
    if (!screening) throw notFound('screening');
    authorize(subject, 'hit_reports:write', { resource: 'screening', screening: { userId: screening.userId, unitId: screening.unitId } });
    const hit = screening.hits.find((h) => h.alertId === alertId);
    if (!hit) throw notFound('hit');
    // The alert as it is now: an alert the officer may no longer see is not confirmed to exist.
    const alert = await findRecord(trx, 'alert', alertId);
    if (!alert || !allows(subject, 'alerts:read', alertTarget(ctx.node.id, alert))) throw notFound('alert');
    if (hit.decision !== 'confirmed') throw new AppError('HIT_NOT_CONFIRMED', `a hit report needs a confirmed hit; this one is ${hit.decision}`);
    const existing = await listRecords(trx, 'hit_report', { screening_id: screeningId, alert_id: alertId });
    if (existing.some((r) => r.body.type === 'report')) throw new AppError('HIT_REPORT_EXISTS', 'this hit was reported already');
    const body: HitReportBody = {
      type: 'report',
      alertId,
      alertOwnerNode: alert.owner.node,
      alertOwnerState: alert.owner.state,
      alertOwnerAgencyId: alert.owner.agencyId,
      reporterNode: ctx.node.id,
      reporterState: subject.stateCode,
      reporterAgencyId: subject.agencyId,
      screeningId,
      score: hit.score,
      found: input.found,
      action: input.action,
      actionDetail: input.actionDetail ?? null,
      unitId: subject.unitId,
      place: input.place,
      observedAt,
    };
    return [{ type: 'hit_report' as const, body, marking: exchangeMarking(alert.owner.state, subject.stateCode) }];
  });
  return result!.record;
}

/** The alert owner's answer to a report received on its node: a record of its own, sent back. */
export async function answerHitReport(ctx: AppContext, subject: Subject, reportId: string, input: HitAnswerInput): Promise<HitReportRecord> {
  authorize(subject, 'hit_reports:answer');
  const [result] = await writeRecords(ctx, { kind: 'user', subject }, async (trx) => {
    const report = await findRecord(trx, 'hit_report', reportId);
    if (!report) throw notFound('hit_report');
    // NOT_FOUND outside the two sides, FORBIDDEN for the reporting side or on an answer.
    authorize(subject, 'hit_reports:answer', hitReportTarget(ctx.node.id, report));
    const r = report.body;
    const body: HitReportBody = {
      type: 'answer',
      alertId: r.alertId,
      alertOwnerNode: r.alertOwnerNode,
      alertOwnerState: r.alertOwnerState,
      alertOwnerAgencyId: r.alertOwnerAgencyId,
      reporterNode: r.reporterNode,
      reporterState: r.reporterState,
      reporterAgencyId: r.reporterAgencyId,
      reportId,
      information: input.information,
      requestedAction: input.requestedAction,
      answeredAt: new Date().toISOString(),
    };
    return [{ type: 'hit_report' as const, body, marking: exchangeMarking(report.owner.state, subject.stateCode) }];
  });
  return result!.record;
}

export interface HitReportView {
  id: string;
  version: number;
  ownerState: string;
  ownerNode: string;
  createdAt: string;
  /** Written here (true) or a copy received from the other side (false). */
  local: boolean;
  body: HitReportBody;
  abilities: { answer: boolean };
}

const view = (ctx: AppContext, subject: Subject, r: HitReportRecord): HitReportView => ({
  id: r.id,
  version: r.version,
  ownerState: r.owner.state,
  ownerNode: r.owner.node,
  createdAt: r.createdAt,
  local: r.owner.node === ctx.node.id,
  body: r.body,
  abilities: serialize(subject, hitReportTarget(ctx.node.id, r)) as { answer: boolean },
});

/**
 * Reports the subject may see (their side of each exchange), newest first, each with its
 * answers. Reading them is a read of personal data: audited with the count, never the content.
 */
export async function listHitReports(ctx: AppContext, subject: Subject, filter: { alertId?: string; screeningId?: string }) {
  authorize(subject, 'hit_reports:read');
  const where: Record<string, string> = {};
  if (filter.alertId) where.alert_id = filter.alertId;
  const all = (await listRecords(ctx.db.kysely, 'hit_report', where)).filter((r) => allows(subject, 'hit_reports:read', hitReportTarget(ctx.node.id, r)));
  const reports = all.filter((r) => r.body.type === 'report' && (!filter.screeningId || r.body.screeningId === filter.screeningId));
  const answers = all.filter((r) => r.body.type === 'answer');
  const items = reports
    .sort((a, b) => b.createdAt.localeCompare(a.createdAt))
    .map((r) => ({
      ...view(ctx, subject, r),
      answers: answers.filter((a) => a.body.type === 'answer' && a.body.reportId === r.id).sort((a, b) => a.createdAt.localeCompare(b.createdAt)).map((a) => view(ctx, subject, a)),
    }));
  ctx.reads.record({ actor: subject.userId, action: 'personal_data.read', entityType: 'hit_report', entityId: null, detail: { count: items.length } });
  return { items };
}

export async function getHitReport(ctx: AppContext, subject: Subject, id: string) {
  authorize(subject, 'hit_reports:read');
  const r = await findRecord(ctx.db.kysely, 'hit_report', id);
  if (!r) throw notFound('hit_report');
  authorize(subject, 'hit_reports:read', hitReportTarget(ctx.node.id, r));
  const answers = r.body.type === 'report' ? (await listRecords(ctx.db.kysely, 'hit_report', { report_id: id })).filter((a) => allows(subject, 'hit_reports:read', hitReportTarget(ctx.node.id, a))) : [];
  ctx.reads.record({ actor: subject.userId, action: 'personal_data.read', entityType: 'hit_report', entityId: id, detail: { count: 1 } });
  return { ...view(ctx, subject, r), answers: answers.map((a) => view(ctx, subject, a)) };
}
