import type { CreateTableBuilder } from 'kysely';

// Text for JSON and ISO timestamps, integer for flags, double precision for numbers:
// the same values read back from SQLite and PostgreSQL.

/** The header columns every shareable record table has (see domain/records/record.ts). */
export function recordColumns<T extends string>(t: CreateTableBuilder<T, never>) {
  return t
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('owner_node', 'text', (c) => c.notNull())
    .addColumn('owner_state', 'text', (c) => c.notNull())
    .addColumn('owner_agency_id', 'text')
    .addColumn('owner_unit_id', 'text')
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('marking_json', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_by', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('deleted_at', 'text');
}
