import { forbidden, notFound } from '../../errors.ts';
import { alertPolicy, type AlertAbilities, type AlertTarget } from './alert.policy.ts';
import { eventPolicy, type EventTarget } from './events.policy.ts';
import { liaisonPolicy, type LiaisonTarget } from './liaison.policy.ts';
import { hitReportPolicy, type HitReportTarget } from './hit-report.policy.ts';
import { can, type Action } from './permissions.ts';
import type { Policy } from './policy.ts';
import { partnersPolicy, type PartnersTarget } from './partners.policy.ts';
import { registryPolicy, type RegistryTarget } from './registry.policy.ts';
import { meetingsPolicy, type MeetingTarget } from './meetings.policy.ts';
import { riskPolicy, type AssessmentTarget } from './risk.policy.ts';
import type { Subject } from './roles.ts';
import { screeningPolicy, type ScreeningTarget } from './screening.policy.ts';
import { tradePolicy, type TradeTarget } from './trade.policy.ts';
import { warningPolicy, type WarningTarget } from './warning.policy.ts';

/** A record an action is aimed at, tagged with the policy that governs it. */
export type Target = AlertTarget | RegistryTarget | ScreeningTarget | EventTarget | WarningTarget | AssessmentTarget | TradeTarget | LiaisonTarget | MeetingTarget | HitReportTarget | PartnersTarget;

/**
 * Node-local system work (the `sarhad` CLI, seeding, bootstrap) runs with the node's full
 * authority — the operator already holds the database — but it still never rewrites a
 * record received from a peer.
 */
export interface SystemPrincipal {
  system: string;
}
export type Principal = Subject | SystemPrincipal;

const POLICIES: { [K in Target['resource']]: Policy<Extract<Target, { resource: K }>> } = {
  alert: alertPolicy,
  registry: registryPolicy,
  screening: screeningPolicy,
  event: eventPolicy,
  warning: warningPolicy,
  assessment: riskPolicy,
  trade: tradePolicy,
  liaison: liaisonPolicy,
  meeting: meetingsPolicy,
  hit_report: hitReportPolicy,
  partners: partnersPolicy,
};

const isSystem = (p: Principal): p is SystemPrincipal => 'system' in p;
const isRead = (action: Action) => action.endsWith(':read');

function policyOf<T extends Target>(target: T): Policy<T> {
  return POLICIES[target.resource] as unknown as Policy<T>;
}

type Verdict = 'allow' | 'forbidden' | 'not_found';

function decide(principal: Principal, action: Action, target?: Target): Verdict {
  if (isSystem(principal)) {
    if (target && 'localNode' in target && !isRead(action) && target.record.owner.node !== target.localNode) return 'forbidden';
    return 'allow';
  }
  // Role first: someone whose role never allows the action learns nothing about the record.
  if (!can(principal, action)) return 'forbidden';
  if (!target) return 'allow';
  const policy = policyOf(target);
  if (!policy.visible(principal, target)) return 'not_found';
  const rule = policy.rules[action];
  return rule && rule(principal, target) ? 'allow' : 'forbidden';
}

/**
 * The one authorisation point. Every route, service, stream and CLI path asks here.
 * Without a target: may this principal perform this action at all (by role)?
 * With a target: the resource's policy decides (ownership, marking, agency, desk).
 */
export function allows(principal: Principal, action: Action, target?: Target): boolean {
  return decide(principal, action, target) === 'allow';
}

/** Throws FORBIDDEN unless allowed — or NOT_FOUND when the target is not visible to the subject. */
export function authorize(principal: Principal, action: Action, target?: Target): void {
  const verdict = decide(principal, action, target);
  if (verdict === 'not_found') throw notFound(target!.resource);
  if (verdict === 'forbidden') throw forbidden();
}

/** What the subject may do with this record, sent with it so the client shows only those buttons. */
export function serialize(subject: Subject, target: AlertTarget): AlertAbilities;
export function serialize(subject: Subject, target: Target): Record<string, boolean>;
export function serialize(subject: Subject, target: Target): Record<string, boolean> {
  return policyOf(target).abilities((action) => allows(subject, action, target), target);
}
