import type { CommunityReportsTable } from './schema.ts';
import type { Executor } from './transaction.ts';

export type CommunityReportRow = CommunityReportsTable;

export async function insertCommunityReport(db: Executor, row: CommunityReportRow): Promise<void> {
  await db.insertInto('community_reports').values(row).execute();
}

export async function countRecentCommunityReports(db: Executor, clientKey: string, since: string): Promise<number> {
  const r = await db
    .selectFrom('community_reports')
    .select((eb) => eb.fn.countAll().as('n'))
    .where('client_key', '=', clientKey)
    .where('created_at', '>=', since)
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

export async function findCommunityReport(db: Executor, id: string): Promise<CommunityReportRow | undefined> {
  return db.selectFrom('community_reports').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function listCommunityReports(db: Executor, status: string, limit = 500): Promise<CommunityReportRow[]> {
  return db.selectFrom('community_reports').selectAll().where('status', '=', status).orderBy('created_at', 'desc').limit(limit).execute();
}

export async function updateCommunityReport(db: Executor, id: string, set: Partial<Omit<CommunityReportRow, 'id'>>): Promise<void> {
  await db.updateTable('community_reports').set(set).where('id', '=', id).execute();
}
