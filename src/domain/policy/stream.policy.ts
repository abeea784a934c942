import { EVENT_STATUSES, type EventStatus } from '../events/event.ts';
import type { RecordChange } from '../records/record.ts';
import { allows } from './authorize.ts';
import type { Action } from './permissions.ts';
import type { Subject } from './roles.ts';

/** Reading which record type needs which action; a type not listed is announced to no one. */
const READ_ACTION: Record<string, { action: Action; resource: 'alert' | 'registry' | 'event' | 'warning' | 'assessment' | 'trade' | 'partners' }> = {
  alert: { action: 'alerts:read', resource: 'alert' },
  event: { action: 'events:read', resource: 'event' },
  state: { action: 'registry:read', resource: 'registry' },
  agency: { action: 'registry:read', resource: 'registry' },
  unit: { action: 'registry:read', resource: 'registry' },
  section: { action: 'registry:read', resource: 'registry' },
  community: { action: 'registry:read', resource: 'registry' },
  warning: { action: 'warnings:read', resource: 'warning' },
  gauge: { action: 'warnings:read', resource: 'warning' },
  damage: { action: 'warnings:read', resource: 'warning' },
  resource: { action: 'warnings:read', resource: 'warning' },
  assessment: { action: 'assessments:read', resource: 'assessment' },
  crossing_point: { action: 'trade:read', resource: 'trade' },
  declaration: { action: 'trade:read', resource: 'trade' },
  transit: { action: 'trade:read', resource: 'trade' },
  crossing: { action: 'trade:read', resource: 'trade' },
  initiative: { action: 'partners:read', resource: 'partners' },
  training: { action: 'partners:read', resource: 'partners' },
  equipment: { action: 'partners:read', resource: 'partners' },
};

/**
 * May this subject hear of this change on the live stream? The same read rule as the API:
 * the type's read action and the record's marking. Even the id tells something (that an
 * alert on someone changed), so fail closed: no audience, or an unknown type, tells no one.
 */
export function mayHearOf(subject: Subject, change: RecordChange, localNode: string): boolean {
  const read = READ_ACTION[change.type];
  if (!read || !change.audience) return false;
  const record = change.audience;
  if (read.resource === 'event') {
    if (!record.status || !(EVENT_STATUSES as readonly string[]).includes(record.status)) return false;
    return allows(subject, read.action, { resource: 'event', localNode, record: { ...record, status: record.status as EventStatus } });
  }
  if (read.resource === 'alert') return allows(subject, read.action, { resource: 'alert', localNode, record: { ...record, active: true } });
  if (read.resource === 'warning') return allows(subject, read.action, { resource: 'warning', localNode, record: { ...record, active: true } });
  if (read.resource === 'assessment') return allows(subject, read.action, { resource: 'assessment', localNode, record });
  if (read.resource === 'trade') return allows(subject, read.action, { resource: 'trade', localNode, record, destinationState: null });
  if (read.resource === 'partners') return allows(subject, read.action, { resource: 'partners', localNode, record });
  return allows(subject, read.action, { resource: 'registry', localNode, record });
}
