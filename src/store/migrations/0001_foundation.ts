import type { Kysely } from 'kysely';
import { recordColumns } from './record-columns.ts';

// Types chosen to read back the same from SQLite and PostgreSQL (see record-columns.ts).
const DOUBLE = 'double precision';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('node_info')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('state_code', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();

  await recordColumns(db.schema.createTable('states'))
    .addColumn('code', 'text', (c) => c.notNull().unique())
    .addColumn('name_json', 'text', (c) => c.notNull())
    .execute();

  await recordColumns(db.schema.createTable('agencies'))
    .addColumn('ref', 'text', (c) => c.unique())
    .addColumn('state_code', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('name_json', 'text', (c) => c.notNull())
    .execute();

  await recordColumns(db.schema.createTable('sections'))
    .addColumn('ref', 'text', (c) => c.unique())
    .addColumn('scenario', 'text', (c) => c.notNull())
    .addColumn('ord', 'integer', (c) => c.notNull())
    .addColumn('name_json', 'text', (c) => c.notNull())
    .addColumn('terrain', 'text', (c) => c.notNull())
    .addColumn('river_name', 'text')
    .addColumn('provinces_json', 'text', (c) => c.notNull())
    .addColumn('patrol_coverage', DOUBLE, (c) => c.notNull())
    .addColumn('length_km', DOUBLE, (c) => c.notNull())
    .addColumn('geometry_json', 'text', (c) => c.notNull())
    .addColumn('impact_level', 'text')
    .execute();

  await recordColumns(db.schema.createTable('units'))
    .addColumn('ref', 'text', (c) => c.unique())
    .addColumn('agency_id', 'text', (c) => c.notNull().references('agencies.id'))
    .addColumn('state_code', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('name_json', 'text', (c) => c.notNull())
    .addColumn('lon', DOUBLE, (c) => c.notNull())
    .addColumn('lat', DOUBLE, (c) => c.notNull())
    .addColumn('approximate', 'integer', (c) => c.notNull())
    .addColumn('locode', 'text')
    .addColumn('section_id', 'text', (c) => c.references('sections.id'))
    .addColumn('paired_with_id', 'text')
    .execute();

  await recordColumns(db.schema.createTable('communities'))
    .addColumn('ref', 'text', (c) => c.unique())
    .addColumn('state_code', 'text', (c) => c.notNull())
    .addColumn('name_json', 'text', (c) => c.notNull())
    .addColumn('lon', DOUBLE, (c) => c.notNull())
    .addColumn('lat', DOUBLE, (c) => c.notNull())
    .addColumn('section_id', 'text', (c) => c.references('sections.id'))
    .addColumn('population', 'integer')
    .execute();

  await db.schema
    .createTable('record_versions')
    .addColumn('record_id', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('body_json', 'text', (c) => c.notNull())
    .addColumn('marking_json', 'text', (c) => c.notNull())
    .addColumn('content_hash', 'text', (c) => c.notNull())
    .addColumn('changed_by', 'text', (c) => c.notNull())
    .addColumn('changed_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('record_versions_pk', ['record_id', 'version'])
    .execute();

  await db.schema
    .createTable('outbox')
    .addColumn('seq', 'integer', (c) => c.primaryKey())
    .addColumn('id', 'text', (c) => c.notNull().unique())
    .addColumn('record_id', 'text', (c) => c.notNull())
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('op', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('sent_at', 'text')
    .execute();

  await db.schema
    .createTable('audit_log')
    .addColumn('seq', 'integer', (c) => c.primaryKey())
    .addColumn('id', 'text', (c) => c.notNull().unique())
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('actor', 'text', (c) => c.notNull())
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('entity_type', 'text', (c) => c.notNull())
    .addColumn('entity_id', 'text')
    .addColumn('detail_json', 'text', (c) => c.notNull())
    .addColumn('prev_hash', 'text', (c) => c.notNull())
    .addColumn('hash', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('audit_head')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('hash', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('users')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('username', 'text', (c) => c.notNull().unique())
    .addColumn('display_name', 'text', (c) => c.notNull())
    .addColumn('password_hash', 'text', (c) => c.notNull())
    .addColumn('roles_json', 'text', (c) => c.notNull())
    .addColumn('agency_id', 'text', (c) => c.notNull().references('agencies.id'))
    .addColumn('unit_id', 'text', (c) => c.references('units.id'))
    .addColumn('state_code', 'text', (c) => c.notNull())
    .addColumn('locale', 'text', (c) => c.notNull())
    .addColumn('disabled', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('sessions')
    .addColumn('id_hash', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('csrf_token', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('api_tokens')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('last_used_at', 'text')
    .addColumn('revoked_at', 'text')
    .execute();

  await db.schema
    .createTable('login_attempts')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('username', 'text', (c) => c.notNull())
    .addColumn('ip', 'text', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('success', 'integer', (c) => c.notNull())
    .execute();

  await db.schema.createIndex('login_attempts_username_at').on('login_attempts').columns(['username', 'at']).execute();
  await db.schema.createIndex('login_attempts_ip_at').on('login_attempts').columns(['ip', 'at']).execute();
  await db.schema.createIndex('outbox_record').on('outbox').columns(['record_id', 'version']).execute();
  await db.schema.createIndex('units_kind').on('units').column('kind').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of [
    'login_attempts', 'api_tokens', 'sessions', 'users', 'audit_head', 'audit_log', 'outbox',
    'record_versions', 'communities', 'units', 'sections', 'agencies', 'states', 'node_info',
  ]) {
    await db.schema.dropTable(table).ifExists().execute();
  }
}
