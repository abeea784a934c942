import type { RecordMeta } from '../records/record.ts';
import type { Policy } from './policy.ts';
import { and, markingVisibleTo, or, roleHolds, sameOwnerNode, sameOwningAgency, type Predicate, type RecordTarget } from './predicates.ts';

/**
 * Trade records (crossing-point profiles, declarations, transits, crossings). The declaring
 * side's customs own a declaration; the other side's customs receive a read-only copy before
 * the truck comes and record its arrival against it (a `crossing` record of their own).
 */
export interface TradeTarget extends RecordTarget {
  resource: 'trade';
  /** The state the goods go to (declarations, transits); null for other trade records. */
  destinationState: string | null;
  /** For a crossing-point profile: the state the crossing point is in. */
  pointState?: string;
}

export function tradeTarget(localNode: string, r: RecordMeta, destinationState: string | null = null): TradeTarget {
  return { resource: 'trade', localNode, record: { owner: r.owner, marking: r.marking, createdBy: r.createdBy }, destinationState };
}

/** A crossing-point profile, with the state of the point it describes (not of who wrote it). */
export function crossingPointTarget(localNode: string, r: RecordMeta, pointState: string): TradeTarget {
  return { ...tradeTarget(localNode, r), pointState };
}

export type TradeAbilities = { update: boolean; arrive: boolean };

const owningSide = and<TradeTarget>(sameOwnerNode, sameOwningAgency);
/** The crossing point is in the subject's state. */
const ownPoint: Predicate<TradeTarget> = (s, t) => t.pointState !== undefined && t.pointState === s.stateCode;
/** The customs of the state the goods go to, or of the declaring state, at the crossing. */
const atTheBorder: Predicate<TradeTarget> = (s, t) => s.stateCode === t.destinationState || s.stateCode === t.record.owner.state;

export const tradePolicy: Policy<TradeTarget, TradeAbilities> = {
  visible: markingVisibleTo,
  rules: {
    'trade:read': and(roleHolds('trade:read'), markingVisibleTo),
    // Changing the record itself (status, cancel, transit start/termination by the owner):
    // the owning customs on the owning node. Recording an arrival or an inspection against a
    // declaration is done by customs at either end (it writes their own record).
    'trade:write': and(roleHolds('trade:write'), markingVisibleTo, or(owningSide, atTheBorder)),
    // A crossing point's profile (hours, lanes, UN/LOCODE): its own state's configurers, on the
    // node that holds the record; each node keeps only an indicative copy of the other bank's.
    'trade:configure': and<TradeTarget>(roleHolds('trade:configure'), markingVisibleTo, sameOwnerNode, ownPoint),
  },
  abilities: (allows, t) => ({
    update: allows('trade:write') && t.record.owner.node === t.localNode,
    arrive: allows('trade:write'),
  }),
};
