import type { RecordMeta } from '../records/record.ts';
import type { Policy } from './policy.ts';
import { and, markingVisibleTo, or, roleHolds, sameOwnerNode, type Predicate, type RecordTarget } from './predicates.ts';

/**
 * Meetings, action items and joint operations (docs/meetings.md). Only the participating units'
 * people see one: those posted at a participating unit, commanders of a participating agency,
 * and its author — always within what the marking allows.
 */
export interface MeetingTarget extends RecordTarget {
  resource: 'meeting';
  /** The meeting's (or operation's) participants, resolved to this node's registry ids. */
  participants: { unitIds: readonly string[]; agencyIds: readonly string[] };
  /** For an action item: the state whose unit or officer answers for it. */
  responsibleState: string | null;
}

export function meetingTarget(localNode: string, r: Pick<RecordMeta, 'owner' | 'marking' | 'createdBy'>, participants: MeetingTarget['participants'], responsibleState: string | null = null): MeetingTarget {
  return { resource: 'meeting', localNode, record: { owner: r.owner, marking: r.marking, createdBy: r.createdBy }, participants, responsibleState };
}

export type MeetingAbilities = { edit: boolean; addAction: boolean; changeStatus: boolean; report: boolean };

const author: Predicate<MeetingTarget> = (s, t) => t.record.createdBy === s.userId;
const postedAtParticipant: Predicate<MeetingTarget> = (s, t) => s.unitId !== null && t.participants.unitIds.includes(s.unitId);
const overseesParticipant: Predicate<MeetingTarget> = (s, t) => roleHolds('meetings:oversee')(s, t) && t.participants.agencyIds.includes(s.agencyId);
const participates = or<MeetingTarget>(author, postedAtParticipant, overseesParticipant);
const visible = and<MeetingTarget>(markingVisibleTo, participates);
/** The recording side: the record is this node's own and the subject is of the owner's state. */
const recordingSide = and<MeetingTarget>(sameOwnerNode, (s, t) => s.stateCode === t.record.owner.state);
/** The side that answers for an action item, or the side that recorded it. */
const responsibleSide: Predicate<MeetingTarget> = (s, t) => s.stateCode === t.responsibleState || s.stateCode === t.record.owner.state;

export const meetingsPolicy: Policy<MeetingTarget, MeetingAbilities> = {
  visible,
  rules: {
    'meetings:read': and(roleHolds('meetings:read'), visible),
    // Schedule changes, minutes, decisions, new action items: the recording side on its node.
    'meetings:write': and(roleHolds('meetings:write'), visible, recordingSide),
    // Close or drop an action item: either side that answers for it, as a record of its own.
    'actions:update': and(roleHolds('actions:update'), visible, responsibleSide),
    'operations:read': and(roleHolds('operations:read'), visible),
    'operations:write': and(roleHolds('operations:write'), visible, recordingSide),
    // Daily and after-action reports: any participating side writes its own.
    'operations:report': and(roleHolds('operations:report'), visible),
  },
  abilities: (allows) => ({
    edit: allows('meetings:write') || allows('operations:write'),
    addAction: allows('meetings:write'),
    changeStatus: allows('actions:update'),
    report: allows('operations:report'),
  }),
};
