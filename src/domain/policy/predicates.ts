import type { Marking } from '../records/marking.ts';
import type { RecordOwner } from '../records/record.ts';
import { canSee } from './access.ts';
import { can, type Action } from './permissions.ts';
import type { Subject } from './roles.ts';

/**
 * A record as policies see it: who owns it, how it is marked, who created it. `localNode` is
 * the node asking (passed in by the caller: the domain does no I/O), so "owned here" is a
 * comparison, not a look-up.
 */
export interface RecordTarget {
  localNode: string;
  record: { owner: RecordOwner; marking: Marking; createdBy: string };
}

export type Predicate<T> = (subject: Subject, target: T) => boolean;

export const and =
  <T>(...all: Predicate<T>[]): Predicate<T> =>
  (s, t) =>
    all.every((p) => p(s, t));

export const or =
  <T>(...any: Predicate<T>[]): Predicate<T> =>
  (s, t) =>
    any.some((p) => p(s, t));

/** The subject holds a role that grants `action` (the role table in permissions.ts). */
export const roleHolds =
  (action: Action): Predicate<unknown> =>
  (s) =>
    can(s, action);

/** The record's TLP marking and releasability let the subject see it (access.ts). */
export const markingVisibleTo: Predicate<RecordTarget> = (s, t) => canSee(s, t.record);

/** The record is this node's own, not a read-only copy received from a peer. */
export const sameOwnerNode: Predicate<RecordTarget> = (_s, t) => t.record.owner.node === t.localNode;

/** The subject works for the agency that owns the record (a record without one has no owning agency). */
export const sameOwningAgency: Predicate<RecordTarget> = (s, t) => t.record.owner.agencyId !== null && s.agencyId === t.record.owner.agencyId;
