import { inPicture, type EventStatus } from '../events/event.ts';
import type { RecordMeta } from '../records/record.ts';
import type { Policy } from './policy.ts';
import { and, markingVisibleTo, or, roleHolds, sameOwnerNode, sameOwningAgency, type Predicate, type RecordTarget } from './predicates.ts';

export interface EventTarget extends RecordTarget {
  resource: 'event';
  record: RecordTarget['record'] & { status: EventStatus };
}

/** The policy's view of a stored event, on the node `localNode`. */
export function eventTarget(localNode: string, e: RecordMeta & { body: { status: EventStatus } }): EventTarget {
  return { resource: 'event', localNode, record: { owner: e.owner, marking: e.marking, createdBy: e.createdBy, status: e.body.status } };
}

export type EventAbilities = {
  update: boolean;
  submit: boolean;
  validate: boolean;
  return: boolean;
  publish: boolean;
  close: boolean;
};

const owningSide = and<EventTarget>(sameOwnerNode, sameOwningAgency);
const isAuthor: Predicate<EventTarget> = (s, t) => t.record.createdBy === s.userId;
const notAuthor: Predicate<EventTarget> = (s, t) => t.record.createdBy !== s.userId;
const shared: Predicate<EventTarget> = (_s, t) => inPicture(t.record.status);
const editable: Predicate<EventTarget> = (_s, t) => t.record.status === 'draft' || t.record.status === 'returned';

/**
 * Events (docs/events.md):
 * - seen: the marking lets the subject see it AND it is published/closed — or it is still in
 *   the workflow and the subject is its author or works for its owning agency on this node.
 *   So partner observers and officers of the other state see only published, releasable events.
 * - report: create; the author changes and submits their own draft or returned report.
 * - validate/return: a validator of the owning agency who is not the author (four eyes).
 * - publish and corrections of a report in the workflow or already published: the owning
 *   agency's validators.
 * - close: the author or the owning agency's validators.
 */
const visible: Predicate<EventTarget> = and(markingVisibleTo, or(shared, isAuthor, owningSide));

export const eventPolicy: Policy<EventTarget, EventAbilities> = {
  visible,
  rules: {
    'events:read': and(roleHolds('events:read'), visible),
    'events:report': and(roleHolds('events:report'), visible, owningSide, isAuthor, editable),
    'events:validate': and(roleHolds('events:validate'), visible, owningSide, notAuthor),
    'events:publish': and(roleHolds('events:publish'), visible, owningSide),
    // Photos and documents: the author, or the owning agency's validators, until it is closed.
    'events:attach': and(roleHolds('events:attach'), visible, owningSide, or(isAuthor, roleHolds('events:publish')), (_s, t) => t.record.status !== 'closed'),
    // Seizures: anyone of the owning agency who reports.
    'seizures:write': and(roleHolds('seizures:write'), visible, owningSide),
    'events:close': and(roleHolds('events:close'), visible, owningSide, or(isAuthor, roleHolds('events:publish'))),
  },
  abilities: (allows, t) => {
    const s = t.record.status;
    return {
      update: (allows('events:report') && (s === 'draft' || s === 'returned')) || (allows('events:publish') && s !== 'closed'),
      submit: allows('events:report') && (s === 'draft' || s === 'returned'),
      validate: allows('events:validate') && s === 'submitted',
      return: allows('events:validate') && (s === 'submitted' || s === 'validated'),
      publish: allows('events:publish') && s === 'validated',
      close: allows('events:close') && s === 'published',
    };
  },
};
