import type { RecordMeta } from '../records/record.ts';
import { onSide, type HitReportBody } from '../screening/hit-report.ts';
import type { Policy } from './policy.ts';
import { and, markingVisibleTo, roleHolds, type Predicate, type RecordTarget } from './predicates.ts';

/**
 * A hit report or its answer (docs/screening.md "After a hit"). Only the two sides of the
 * exchange know it exists: the agency that reported the hit and the agency that owns the alert.
 */
export interface HitReportTarget extends RecordTarget {
  resource: 'hit_report';
  body: Pick<HitReportBody, 'type' | 'alertOwnerNode' | 'alertOwnerState' | 'alertOwnerAgencyId' | 'reporterState' | 'reporterAgencyId'>;
}

export function hitReportTarget(localNode: string, r: Pick<RecordMeta, 'owner' | 'marking' | 'createdBy'> & { body: HitReportTarget['body'] }): HitReportTarget {
  return { resource: 'hit_report', localNode, record: { owner: r.owner, marking: r.marking, createdBy: r.createdBy }, body: r.body };
}

const eitherSide: Predicate<HitReportTarget> = (s, t) => onSide(s, 'reporter', t.body) || onSide(s, 'owner', t.body);
/** The alert's owners answer, on their own node, a report (never an answer). */
const ownerOfTheAlertHere: Predicate<HitReportTarget> = (s, t) => t.body.type === 'report' && t.body.alertOwnerNode === t.localNode && onSide(s, 'owner', t.body);

export const hitReportPolicy: Policy<HitReportTarget, { answer: boolean }> = {
  visible: and(markingVisibleTo, eitherSide),
  rules: {
    'hit_reports:read': and(roleHolds('hit_reports:read'), markingVisibleTo, eitherSide),
    'hit_reports:answer': and(roleHolds('hit_reports:answer'), markingVisibleTo, ownerOfTheAlertHere),
  },
  abilities: (allows) => ({ answer: allows('hit_reports:answer') }),
};
