import type { Kysely } from 'kysely';
import { recordColumns } from './record-columns.ts';

export async function up(db: Kysely<any>): Promise<void> {
  await recordColumns(db.schema.createTable('alerts'))
    .addColumn('subject_kind', 'text', (c) => c.notNull())
    .addColumn('subject_json', 'text', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('valid_from', 'text', (c) => c.notNull())
    .addColumn('valid_until', 'text')
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('source_ref', 'text')
    .addColumn('active', 'integer', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('alerts_source_ref').on('alerts').columns(['source', 'source_ref']).execute();

  await db.schema
    .createTable('screenings')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('user_id', 'text', (c) => c.notNull())
    .addColumn('unit_id', 'text')
    .addColumn('query_json', 'text', (c) => c.notNull())
    .addColumn('person_key', 'text', (c) => c.notNull())
    .addColumn('hit_count', 'integer', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('screening_hits')
    .addColumn('screening_id', 'text', (c) => c.notNull().references('screenings.id'))
    .addColumn('alert_id', 'text', (c) => c.notNull())
    .addColumn('score', 'double precision', (c) => c.notNull())
    .addColumn('explanation_json', 'text', (c) => c.notNull())
    .addColumn('decision', 'text', (c) => c.notNull())
    .addColumn('decided_by', 'text')
    .addColumn('decided_at', 'text')
    .addPrimaryKeyConstraint('screening_hits_pk', ['screening_id', 'alert_id'])
    .execute();

  // A confirmed false positive: this person (by key) is not this alert's subject.
  await db.schema
    .createTable('false_positives')
    .addColumn('alert_id', 'text', (c) => c.notNull())
    .addColumn('person_key', 'text', (c) => c.notNull())
    .addColumn('decided_by', 'text', (c) => c.notNull())
    .addColumn('decided_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('false_positives_pk', ['alert_id', 'person_key'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of ['false_positives', 'screening_hits', 'screenings', 'alerts']) await db.schema.dropTable(t).ifExists().execute();
}
