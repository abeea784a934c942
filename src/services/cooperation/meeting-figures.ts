import { closedOnTime, mergedStatus, pairKey } from '../../domain/meetings/meeting.ts';
import { listRecords } from '../../store/records.repository.ts';
import type { PairMeetingFigures } from '../../domain/liaison/dashboard-types.ts';
import type { AppContext } from '../context.ts';

export type { PairMeetingFigures };

/**
 * Meetings, action items and joint operations per border pair ("AF-TJ": the participating states'
 * codes sorted) for the co-operation dashboard. Counts only — no names — over every record this
 * node holds, both sides' (docs/meetings.md "Figures"):
 * - meetingsHeld: not cancelled, started in [from, to) and either marked held or already over;
 * - actionItemsDue: items whose due day falls in [from, to);
 * - actionItemsClosedOnTime: of those, done (merged status) by the end of the due day;
 * - jointOperations: not cancelled, their period overlapping [from, to).
 * `from`/`to` are ISO days or instants (UTC).
 */
export async function meetingFigures(ctx: AppContext, range: { from: string; to: string }, now = new Date()): Promise<Record<string, PairMeetingFigures>> {
  const from = Date.parse(range.from);
  const to = Date.parse(range.to);
  const inRange = (t: number) => t >= from && t < to;
  const db = ctx.db.kysely;
  const [meetings, items, updates, operations] = await Promise.all([listRecords(db, 'meeting'), listRecords(db, 'action_item'), listRecords(db, 'action_update'), listRecords(db, 'joint_operation')]);
  const out: Record<string, PairMeetingFigures> = {};
  const at = (key: string) => (out[key] ??= { meetingsHeld: 0, actionItemsDue: 0, actionItemsClosedOnTime: 0, jointOperations: 0 });
  const keyOf = new Map<string, string>();
  for (const m of meetings) {
    const key = pairKey(m.body.participants.map((p) => p.stateCode));
    keyOf.set(m.id, key);
    if (m.body.status === 'cancelled' || !inRange(Date.parse(m.body.startsAt))) continue;
    if (m.body.status === 'held' || Date.parse(m.body.endsAt) <= now.getTime()) at(key).meetingsHeld += 1;
  }
  for (const item of items) {
    const key = keyOf.get(item.body.meetingId);
    if (!key || !inRange(Date.parse(`${item.body.dueDate}T00:00:00Z`))) continue;
    at(key).actionItemsDue += 1;
    const merged = mergedStatus(item.body, updates.filter((u) => u.body.actionItemId === item.id));
    if (closedOnTime(merged.status, merged.at, item.body.dueDate)) at(key).actionItemsClosedOnTime += 1;
  }
  for (const op of operations) {
    if (op.body.status === 'cancelled') continue;
    const start = Date.parse(`${op.body.startDate}T00:00:00Z`);
    const end = Date.parse(`${op.body.endDate}T00:00:00Z`) + 86_400_000;
    if (start < to && end > from) at(pairKey(op.body.participants.map((p) => p.stateCode))).jointOperations += 1;
  }
  return out;
}
