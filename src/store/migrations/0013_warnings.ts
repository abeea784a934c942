import type { Kysely } from 'kysely';
import { recordColumns } from './record-columns.ts';

/** Hazard warnings (CAP 1.2), river gauges and their readings, damage reports, resources (docs/warnings.md). */
export async function up(db: Kysely<any>): Promise<void> {
  await recordColumns(db.schema.createTable('warnings'))
    .addColumn('identifier', 'text', (c) => c.notNull())
    .addColumn('sender', 'text', (c) => c.notNull())
    .addColumn('sent', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('msg_type', 'text', (c) => c.notNull())
    .addColumn('event', 'text', (c) => c.notNull())
    .addColumn('severity', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text')
    .addColumn('active', 'integer', (c) => c.notNull())
    .addColumn('cross_border', 'integer', (c) => c.notNull())
    .addColumn('origin', 'text', (c) => c.notNull())
    .addColumn('gauge_id', 'text')
    .addColumn('cap_json', 'text', (c) => c.notNull())
    .addColumn('section_ids_json', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('warnings_identifier').on('warnings').columns(['sender', 'identifier']).execute();

  await recordColumns(db.schema.createTable('gauges'))
    .addColumn('ref', 'text')
    .addColumn('name_json', 'text', (c) => c.notNull())
    .addColumn('river', 'text', (c) => c.notNull())
    .addColumn('state_code', 'text', (c) => c.notNull())
    .addColumn('lon', 'double precision', (c) => c.notNull())
    .addColumn('lat', 'double precision', (c) => c.notNull())
    .addColumn('section_id', 'text')
    .addColumn('thresholds_json', 'text', (c) => c.notNull())
    .addColumn('active', 'integer', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('gauge_readings')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('gauge_id', 'text', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('level_cm', 'integer', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('recorded_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  // One reading per gauge and instant: a re-sent automatic batch changes nothing.
  await db.schema.createIndex('gauge_readings_gauge_at').unique().on('gauge_readings').columns(['gauge_id', 'at']).execute();

  await db.schema
    .createTable('gauge_alarms')
    .addColumn('gauge_id', 'text', (c) => c.primaryKey())
    .addColumn('armed', 'integer', (c) => c.notNull())
    .addColumn('last_at', 'text')
    .addColumn('warning_id', 'text')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  await recordColumns(db.schema.createTable('damage_reports'))
    .addColumn('warning_id', 'text')
    .addColumn('section_id', 'text')
    .addColumn('state_code', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('level', 'text', (c) => c.notNull())
    .addColumn('people_affected', 'integer', (c) => c.notNull())
    .addColumn('people_displaced', 'integer', (c) => c.notNull())
    .addColumn('observed_at', 'text', (c) => c.notNull())
    .addColumn('body_json', 'text', (c) => c.notNull())
    .execute();

  await recordColumns(db.schema.createTable('resources'))
    .addColumn('state_code', 'text', (c) => c.notNull())
    .addColumn('unit_id', 'text')
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('quantity', 'integer', (c) => c.notNull())
    .addColumn('note', 'text')
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of ['resources', 'damage_reports', 'gauge_alarms', 'gauge_readings', 'gauges', 'warnings']) await db.schema.dropTable(t).ifExists().execute();
}
