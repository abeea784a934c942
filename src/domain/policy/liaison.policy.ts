import { isMember, type ChannelMember } from '../liaison/liaison.ts';
import type { RecordMeta } from '../records/record.ts';
import type { Policy } from './policy.ts';
import { and, markingVisibleTo, roleHolds, sameOwnerNode, type Predicate, type RecordTarget } from './predicates.ts';

/**
 * Liaison channels and their messages (docs/liaison.md). A channel is seen only by the units
 * in it, on both sides; the marking (AMBER to both states) is checked too. Units are compared
 * by scenario ref, because unit ids differ from node to node.
 */
export interface LiaisonTarget extends RecordTarget {
  resource: 'liaison';
  /** The channel's member units (for a message: its channel's). */
  members: readonly ChannelMember[];
  /** The subject's unit ref, resolved by the caller (the domain does no I/O). */
  subjectUnitRef: string | null;
}

export function liaisonTarget(localNode: string, r: Pick<RecordMeta, 'owner' | 'marking' | 'createdBy'>, members: readonly ChannelMember[], subjectUnitRef: string | null): LiaisonTarget {
  return { resource: 'liaison', localNode, record: { owner: r.owner, marking: r.marking, createdBy: r.createdBy }, members, subjectUnitRef };
}

export type LiaisonAbilities = { write: boolean; manage: boolean };

/** The subject's unit is one of the channel's units (the subject's own state's side). */
export const inChannel: Predicate<LiaisonTarget> = (s, t) => isMember(t.members, s.stateCode, t.subjectUnitRef);
/** The owning side: this node's record, and the subject works for the state that created the channel. */
const owningSide: Predicate<LiaisonTarget> = (s, t) => sameOwnerNode(s, t) && s.stateCode === t.record.owner.state;

export const liaisonPolicy: Policy<LiaisonTarget, LiaisonAbilities> = {
  // Those in neither state (and not released) must not learn the channel exists: 404.
  visible: markingVisibleTo,
  rules: {
    'liaison:read': and(roleHolds('liaison:read'), inChannel),
    // Writing a message, an RFI, an answer or a close: a record of one's own, in the channel.
    'liaison:write': and(roleHolds('liaison:write'), inChannel),
    // Agreed procedures and contacts: the side that owns the channel record.
    'liaison:manage': and(roleHolds('liaison:manage'), inChannel, owningSide),
  },
  abilities: (allows) => ({ write: allows('liaison:write'), manage: allows('liaison:manage') }),
};
