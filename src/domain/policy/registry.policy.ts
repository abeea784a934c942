import type { RecordMeta } from '../records/record.ts';
import type { Policy } from './policy.ts';
import { and, markingVisibleTo, roleHolds, sameOwnerNode, type RecordTarget } from './predicates.ts';

/** States, agencies, units, sections, communities: the shared map of the border. */
export interface RegistryTarget extends RecordTarget {
  resource: 'registry';
}

export function registryTarget(localNode: string, r: RecordMeta): RegistryTarget {
  return { resource: 'registry', localNode, record: { owner: r.owner, marking: r.marking, createdBy: r.createdBy } };
}

export const registryPolicy: Policy<RegistryTarget, { update: boolean }> = {
  visible: markingVisibleTo,
  rules: {
    'registry:read': and(roleHolds('registry:read'), markingVisibleTo),
    // Administrators keep this node's registry; received registry records stay read-only.
    'registry:write': and(roleHolds('registry:write'), markingVisibleTo, sameOwnerNode),
  },
  abilities: (allows) => ({ update: allows('registry:write') }),
};
