import { recordFromRow, type SavedRecord } from './records.repository.ts';
import type { EventsTable, SeizuresTable } from './schema.ts';
import type { Executor } from './transaction.ts';

/** Seizures made in [from, to) with their events, oldest first. */
export async function seizuresBetween(db: Executor, from: string, to: string): Promise<{ seizure: SavedRecord<'seizure'>; event: SavedRecord<'event'> }[]> {
  const seizures = (await db
    .selectFrom('seizures')
    .selectAll()
    .where('deleted_at', 'is', null)
    .where('seized_at', '>=', from)
    .where('seized_at', '<', to)
    .orderBy('seized_at')
    .orderBy('id')
    .execute()) as SeizuresTable[];
  if (seizures.length === 0) return [];
  const eventIds = [...new Set(seizures.map((s) => s.event_id))];
  const events = new Map<string, SavedRecord<'event'>>();
  for (let i = 0; i < eventIds.length; i += 500) {
    const rows = (await db.selectFrom('events').selectAll().where('deleted_at', 'is', null).where('id', 'in', eventIds.slice(i, i + 500)).execute()) as EventsTable[];
    for (const row of rows) events.set(row.id, recordFromRow('event', row));
  }
  return seizures.flatMap((row) => {
    const event = events.get(row.event_id);
    return event ? [{ seizure: recordFromRow('seizure', row), event }] : [];
  });
}
