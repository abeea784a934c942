import type { RecordMeta } from '../records/record.ts';
import type { Policy } from './policy.ts';
import { and, markingVisibleTo, roleHolds, sameOwnerNode, sameOwningAgency, type Predicate, type RecordTarget } from './predicates.ts';

/** Hazard warnings (CAP), river gauges, damage reports and resources: the disaster-risk records. */
export interface WarningTarget extends RecordTarget {
  resource: 'warning';
  record: RecordTarget['record'] & { active: boolean };
}

export function warningTarget(localNode: string, r: RecordMeta & { body: object }): WarningTarget {
  const active = 'active' in r.body ? Boolean((r.body as { active: unknown }).active) : true;
  return { resource: 'warning', localNode, record: { owner: r.owner, marking: r.marking, createdBy: r.createdBy, active } };
}

export type WarningAbilities = { update: boolean; cancel: boolean; report: boolean };

/** The owning side: this node's record, and the subject works for the owning agency (as alerts). */
const owningSide = and<WarningTarget>(sameOwnerNode, sameOwningAgency);
/** A gauge is read by its state's officers: anyone of the owner's state on the owner node may report a level. */
const sameOwnerState: Predicate<WarningTarget> = (s, t) => s.stateCode === t.record.owner.state;

export const warningPolicy: Policy<WarningTarget, WarningAbilities> = {
  visible: markingVisibleTo,
  rules: {
    'warnings:read': and(roleHolds('warnings:read'), markingVisibleTo),
    // Update and cancel a warning, change a damage report or a resource: the owner's writers.
    'warnings:write': and(roleHolds('warnings:write'), markingVisibleTo, owningSide),
    // Change a gauge (thresholds, location): the owning agency's gauge keepers.
    'gauges:write': and(roleHolds('gauges:write'), markingVisibleTo, owningSide),
    // Report a water level on a gauge: officers of the gauge's state, on the gauge's node.
    'gauges:report': and(roleHolds('gauges:report'), markingVisibleTo, sameOwnerNode, sameOwnerState),
    'damage:write': and(roleHolds('damage:write'), markingVisibleTo, owningSide),
  },
  abilities: (allows, t) => ({
    update: allows('warnings:write'),
    cancel: allows('warnings:write') && t.record.active,
    report: allows('gauges:report'),
  }),
};
