import type { AssessmentBody } from '../domain/risk/assessment-record.ts';
import type { Marking } from '../domain/records/marking.ts';
import type { Executor } from './transaction.ts';

/** A received assessment version that carries a notice to the units across the river. */
export interface ReceivedNotice {
  recordId: string;
  version: number;
  ownerNode: string;
  ownerState: string;
  marking: Marking;
  body: AssessmentBody & { notice: NonNullable<AssessmentBody['notice']> };
  receivedAt: string;
}

/**
 * Every version of another node's assessments that carried a notice, newest first. Versions are
 * kept as received (record_versions), so a notice stays in the inbox after the level moves on.
 */
export async function receivedNotices(db: Executor, localNode: string, limit: number): Promise<ReceivedNotice[]> {
  const rows = await db
    .selectFrom('record_versions as v')
    .innerJoin('assessments as a', 'a.id', 'v.record_id')
    .select(['v.record_id', 'v.version', 'v.body_json', 'v.marking_json', 'v.changed_at', 'a.owner_node', 'a.owner_state'])
    .where('v.type', '=', 'assessment')
    .where('a.owner_node', '<>', localNode)
    .where('v.body_json', 'like', '%"notice":{%')
    .orderBy('v.changed_at', 'desc')
    .orderBy('v.version', 'desc')
    .limit(limit)
    .execute();
  return rows.flatMap((r) => {
    const body = JSON.parse(r.body_json) as AssessmentBody | null;
    if (!body?.notice) return [];
    return [
      {
        recordId: r.record_id,
        version: r.version,
        ownerNode: r.owner_node,
        ownerState: r.owner_state,
        marking: JSON.parse(r.marking_json) as Marking,
        body: body as ReceivedNotice['body'],
        receivedAt: r.changed_at,
      },
    ];
  });
}

/** `recordId:version` of the notices this user has read. */
export async function readNoticeKeys(db: Executor, userId: string): Promise<Set<string>> {
  const rows = await db.selectFrom('notice_reads').select(['record_id', 'version']).where('user_id', '=', userId).execute();
  return new Set(rows.map((r) => `${r.record_id}:${r.version}`));
}

/** Marks one notice read for one user; reading it again changes nothing. Returns whether it was new. */
export async function markNoticeRead(db: Executor, recordId: string, version: number, userId: string, at: string): Promise<boolean> {
  const existing = await db.selectFrom('notice_reads').select('read_at').where('record_id', '=', recordId).where('version', '=', version).where('user_id', '=', userId).executeTakeFirst();
  if (existing) return false;
  await db.insertInto('notice_reads').values({ record_id: recordId, version, user_id: userId, read_at: at }).execute();
  return true;
}
