import type { Kysely } from 'kysely';
import { recordColumns } from './record-columns.ts';

/**
 * After a hit (issue #8, docs/screening.md): the shareable `hit_report` record kind — a report
 * filed on the screening node and the alert owner's answer, each owned by its own side. The
 * columns are what lists filter on; the body is kept whole.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await recordColumns(db.schema.createTable('hit_reports'))
    .addColumn('report_type', 'text', (c) => c.notNull())
    .addColumn('alert_id', 'text', (c) => c.notNull())
    .addColumn('report_id', 'text')
    .addColumn('screening_id', 'text')
    .addColumn('body_json', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('hit_reports_alert').on('hit_reports').column('alert_id').execute();
  await db.schema.createIndex('hit_reports_report').on('hit_reports').column('report_id').execute();
  await db.schema.createIndex('hit_reports_screening').on('hit_reports').columns(['screening_id', 'alert_id']).execute();
  // Screening history per unit reads screenings newest first.
  await db.schema.createIndex('screenings_unit_at').on('screenings').columns(['unit_id', 'at']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('screenings_unit_at').ifExists().execute();
  await db.schema.dropTable('hit_reports').ifExists().execute();
}
