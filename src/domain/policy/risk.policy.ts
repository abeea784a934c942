import type { RecordMeta } from '../records/record.ts';
import type { Policy } from './policy.ts';
import { and, markingVisibleTo, roleHolds, sameOwnerNode, type Predicate, type RecordTarget } from './predicates.ts';

/**
 * A section's assessment (docs/risk-model.md). The target is the assessment record, or — before
 * one exists — the section it is about with the node as owner (`assessmentTarget`).
 */
export interface AssessmentTarget extends RecordTarget {
  resource: 'assessment';
}

export function assessmentTarget(localNode: string, r: Pick<RecordMeta, 'owner' | 'marking' | 'createdBy'>): AssessmentTarget {
  return { resource: 'assessment', localNode, record: { owner: r.owner, marking: r.marking, createdBy: r.createdBy } };
}

/** The subject works for the state that owns the assessment: a state's analysts overrule their own node's levels. */
const sameOwningState: Predicate<AssessmentTarget> = (s, t) => s.stateCode === t.record.owner.state;

export type AssessmentAbilities = { override: boolean };

export const riskPolicy: Policy<AssessmentTarget, AssessmentAbilities> = {
  visible: markingVisibleTo,
  rules: {
    'assessments:read': and(roleHolds('assessments:read'), markingVisibleTo),
    // Analysts and commanders of the owning state, on this node's own assessments (never a peer's copy).
    'assessments:override': and(roleHolds('assessments:override'), markingVisibleTo, sameOwnerNode, sameOwningState),
  },
  abilities: (allows) => ({ override: allows('assessments:override') }),
};
