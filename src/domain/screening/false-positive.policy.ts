import type { Subject } from '../policy/roles.ts';
import { allows } from '../policy/authorize.ts';

/** What a policy needs to know of a false-positive decision. */
export interface FalsePositiveScope {
  stateCode: string;
  agencyId: string;
}

/** A decision is its agency's: only that agency's officers see it suppress a hit. */
export function suppressesFor(subject: Subject, decision: FalsePositiveScope): boolean {
  return subject.stateCode === decision.stateCode && subject.agencyId === decision.agencyId;
}

/**
 * May a decision suppress hits on this alert at all? Only on an alert of the deciding officer's
 * own state: another state's alert is never silenced, not even on the decider's own desks.
 */
export function mayCreateSuppression(subject: Subject, alertOwnerState: string): boolean {
  return subject.stateCode === alertOwnerState;
}

/** Listing and undoing: validators and commanders of the deciding agency. */
export function mayReview(subject: Subject, decision: FalsePositiveScope): boolean {
  return allows(subject, 'screening:review') && suppressesFor(subject, decision);
}
