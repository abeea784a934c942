import type { Subject } from './roles.ts';
import type { Policy } from './policy.ts';
import { and, or, roleHolds, type Predicate } from './predicates.ts';

/** A screening run at a desk: who ran it and in which unit. */
export interface ScreeningTarget {
  resource: 'screening';
  screening: { userId: string; unitId: string | null };
}

const ranIt: Predicate<ScreeningTarget> = (s: Subject, t) => t.screening.userId === s.userId;
const sameDesk: Predicate<ScreeningTarget> = (s: Subject, t) => t.screening.unitId !== null && t.screening.unitId === s.unitId;

export const screeningPolicy: Policy<ScreeningTarget, { decide: boolean }> = {
  // A screening's id tells nothing about the traveller: another desk's is refused, not hidden.
  visible: () => true,
  rules: {
    'screening:decide': and(roleHolds('screening:decide'), or(ranIt, sameDesk)),
    // A hit report on a confirmed hit: by those who may decide it.
    'hit_reports:write': and(roleHolds('hit_reports:write'), or(ranIt, sameDesk)),
  },
  abilities: (allows) => ({ decide: allows('screening:decide') }),
};
