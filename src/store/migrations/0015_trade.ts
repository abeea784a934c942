import type { Kysely } from 'kysely';
import { recordColumns } from './record-columns.ts';

/**
 * Trade and transit (docs/trade.md): four record kinds (crossing-point profiles, declarations,
 * transits, crossings with their step timestamps) and node-local tables for the selectivity
 * rules, the decision log, inspection results and the cross-border markets.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await recordColumns(db.schema.createTable('trade_crossing_points'))
    .addColumn('unit_id', 'text', (c) => c.notNull())
    .addColumn('body_json', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('trade_crossing_points_unit').on('trade_crossing_points').column('unit_id').execute();

  await recordColumns(db.schema.createTable('declarations'))
    .addColumn('ref', 'text', (c) => c.notNull())
    .addColumn('exit_point_id', 'text', (c) => c.notNull())
    .addColumn('entry_point_id', 'text')
    .addColumn('destination_state', 'text', (c) => c.notNull())
    .addColumn('expected_arrival', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('lane', 'text')
    .addColumn('body_json', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('declarations_arrival').on('declarations').columns(['expected_arrival']).execute();
  await db.schema.createIndex('declarations_owner_ref').on('declarations').columns(['owner_node', 'ref']).execute();

  await recordColumns(db.schema.createTable('transits'))
    .addColumn('ref', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('started_at', 'text')
    .addColumn('body_json', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('transits_status').on('transits').columns(['status']).execute();

  await recordColumns(db.schema.createTable('crossings'))
    .addColumn('crossing_point_id', 'text', (c) => c.notNull())
    .addColumn('crossing_point_ref', 'text')
    .addColumn('direction', 'text', (c) => c.notNull())
    .addColumn('declaration_id', 'text')
    .addColumn('queue_arrival_at', 'text', (c) => c.notNull())
    .addColumn('body_json', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('crossings_point_time').on('crossings').columns(['crossing_point_id', 'direction', 'queue_arrival_at']).execute();
  await db.schema.createIndex('crossings_ref_time').on('crossings').columns(['crossing_point_ref', 'direction', 'queue_arrival_at']).execute();
  await db.schema.createIndex('crossings_declaration').on('crossings').columns(['declaration_id']).execute();

  await db.schema
    .createTable('selectivity_rules')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('body_json', 'text', (c) => c.notNull())
    .addColumn('active', 'integer', (c) => c.notNull())
    .addColumn('updated_by', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('selectivity_decisions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('declaration_id', 'text', (c) => c.notNull())
    .addColumn('lane', 'text', (c) => c.notNull())
    .addColumn('fired_json', 'text', (c) => c.notNull())
    .addColumn('random', 'integer', (c) => c.notNull())
    .addColumn('decided_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('selectivity_decisions_declaration').on('selectivity_decisions').column('declaration_id').execute();

  await db.schema
    .createTable('inspections')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('declaration_id', 'text', (c) => c.notNull())
    .addColumn('hit', 'integer', (c) => c.notNull())
    .addColumn('findings', 'text', (c) => c.notNull())
    .addColumn('fired_json', 'text', (c) => c.notNull())
    .addColumn('inspected_by', 'text', (c) => c.notNull())
    .addColumn('inspected_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('inspections_declaration').on('inspections').column('declaration_id').execute();

  await db.schema
    .createTable('border_markets')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('ref', 'text', (c) => c.notNull().unique())
    .addColumn('name_json', 'text', (c) => c.notNull())
    .addColumn('unit_id', 'text')
    .addColumn('weekday', 'text', (c) => c.notNull())
    .addColumn('opens', 'text', (c) => c.notNull())
    .addColumn('closes', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('market_days')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('market_id', 'text', (c) => c.notNull())
    .addColumn('day', 'text', (c) => c.notNull())
    .addColumn('traders_tj', 'integer', (c) => c.notNull())
    .addColumn('traders_af', 'integer', (c) => c.notNull())
    .addColumn('visitors', 'integer', (c) => c.notNull())
    .addColumn('turnover_usd', 'double precision', (c) => c.notNull())
    .addColumn('recorded_by', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('market_days_market_day').on('market_days').columns(['market_id', 'day']).unique().execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of ['market_days', 'border_markets', 'inspections', 'selectivity_decisions', 'selectivity_rules', 'crossings', 'transits', 'declarations', 'trade_crossing_points']) {
    await db.schema.dropTable(t).ifExists().execute();
  }
}
