import type { RecordMeta } from '../records/record.ts';
import type { Policy } from './policy.ts';
import { and, markingVisibleTo, roleHolds, sameOwnerNode, type Predicate, type RecordTarget } from './predicates.ts';

/** Partners' initiatives, trainings and equipment deliveries (docs/partners.md). */
export interface PartnersTarget extends RecordTarget {
  resource: 'partners';
}

export function partnersTarget(localNode: string, r: Pick<RecordMeta, 'owner' | 'marking' | 'createdBy'>): PartnersTarget {
  return { resource: 'partners', localNode, record: { owner: r.owner, marking: r.marking, createdBy: r.createdBy } };
}

/** The subject works for the state whose node entered the record: partner coordination is national. */
const sameOwnerState: Predicate<PartnersTarget> = (s, t) => s.stateCode === t.record.owner.state;

export type PartnersAbilities = { update: boolean };

export const partnersPolicy: Policy<PartnersTarget, PartnersAbilities> = {
  visible: markingVisibleTo,
  rules: {
    'partners:read': and(roleHolds('partners:read'), markingVisibleTo),
    // Change an initiative, training or delivery: partner coordinators of the owning state, on
    // the node that holds the original (a copy from the other side is read-only).
    'partners:write': and(roleHolds('partners:write'), markingVisibleTo, sameOwnerNode, sameOwnerState),
  },
  abilities: (allows) => ({ update: allows('partners:write') }),
};
