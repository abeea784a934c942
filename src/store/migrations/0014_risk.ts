import type { Kysely } from 'kysely';
import { recordColumns } from './record-columns.ts';

/**
 * Risk model (docs/risk-model.md): the shareable assessment per section, its history
 * (snapshots daily and on every change of level), analysts' overrides, and two registry
 * attributes the model reads (known informal crossing points of a section; staffing of a unit).
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('sections').addColumn('crossing_points', 'integer').execute();
  await db.schema.alterTable('units').addColumn('staffing', 'double precision').execute();

  await recordColumns(db.schema.createTable('assessments'))
    .addColumn('section_id', 'text', (c) => c.notNull())
    .addColumn('section_ref', 'text')
    .addColumn('level', 'text', (c) => c.notNull())
    .addColumn('computed_level', 'text', (c) => c.notNull())
    .addColumn('score', 'double precision', (c) => c.notNull())
    .addColumn('override_json', 'text')
    .addColumn('explanation_json', 'text', (c) => c.notNull())
    .addColumn('computed_at', 'text', (c) => c.notNull())
    .addColumn('notice_json', 'text')
    .execute();
  await db.schema.createIndex('assessments_section').on('assessments').columns(['section_id', 'owner_node']).execute();

  await db.schema
    .createTable('assessment_snapshots')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('section_id', 'text', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('level', 'text', (c) => c.notNull())
    .addColumn('computed_level', 'text', (c) => c.notNull())
    .addColumn('score', 'double precision', (c) => c.notNull())
    .addColumn('override_id', 'text')
    .addColumn('explanation_json', 'text', (c) => c.notNull())
    .addColumn('cause', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('assessment_snapshots_section_at').on('assessment_snapshots').columns(['section_id', 'at']).execute();
  await db.schema.createIndex('assessment_snapshots_at').on('assessment_snapshots').column('at').execute();

  await db.schema
    .createTable('risk_overrides')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('section_id', 'text', (c) => c.notNull())
    .addColumn('level', 'text', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addColumn('set_by', 'text', (c) => c.notNull())
    .addColumn('set_at', 'text', (c) => c.notNull())
    .addColumn('cleared_by', 'text')
    .addColumn('cleared_at', 'text')
    .execute();
  await db.schema.createIndex('risk_overrides_section').on('risk_overrides').columns(['section_id', 'expires_at']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of ['risk_overrides', 'assessment_snapshots', 'assessments']) await db.schema.dropTable(t).ifExists().execute();
  await db.schema.alterTable('units').dropColumn('staffing').execute();
  await db.schema.alterTable('sections').dropColumn('crossing_points').execute();
}
