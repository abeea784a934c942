import type { RecordMeta } from '../records/record.ts';
import type { Policy } from './policy.ts';
import { and, markingVisibleTo, roleHolds, sameOwnerNode, sameOwningAgency, type RecordTarget } from './predicates.ts';

export interface AlertTarget extends RecordTarget {
  resource: 'alert';
  record: RecordTarget['record'] & { active: boolean };
}

/** The policy's view of a stored alert, on the node `localNode`. */
export function alertTarget(localNode: string, a: RecordMeta & { body: { active: boolean } }): AlertTarget {
  return { resource: 'alert', localNode, record: { owner: a.owner, marking: a.marking, createdBy: a.createdBy, active: a.body.active } };
}

export type AlertAbilities = {
  update: boolean;
  revoke: boolean;
  /** May lower the TLP or widen releasability (needs a reason). Raising is part of `update`. */
  lowerMarking: boolean;
};

/**
 * The owning side: the record was issued by this node (not a copy received from a peer) and
 * the subject works for its owning agency. Alerts are agency records: the owner unit is kept
 * for RED visibility, not to split an agency's desks.
 */
const owningSide = and<AlertTarget>(sameOwnerNode, sameOwningAgency);

export const alertPolicy: Policy<AlertTarget, AlertAbilities> = {
  visible: markingVisibleTo,
  rules: {
    'alerts:read': and(roleHolds('alerts:read'), markingVisibleTo),
    // Update, revoke and raising the marking: the owner's writers.
    'alerts:write': and(roleHolds('alerts:write'), markingVisibleTo, owningSide),
    // Lowering: a validator or commander of the owning agency (role table), with a reason.
    'alerts:lower_marking': and(roleHolds('alerts:lower_marking'), markingVisibleTo, owningSide),
    // A re-import changes and revokes the alerts an earlier import created: the owning side's.
    'alerts:import': and(roleHolds('alerts:import'), markingVisibleTo, owningSide),
  },
  abilities: (allows, t) => ({
    update: allows('alerts:write'),
    revoke: allows('alerts:write') && t.record.active,
    lowerMarking: allows('alerts:lower_marking'),
  }),
};
