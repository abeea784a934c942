import type { Kysely } from 'kysely';

/**
 * False positives scoped to the deciding agency, expiring and revocable; screened travellers'
 * identifiers kept only as keyed hashes (see docs/screening.md, "False positives and privacy").
 *
 * Existing data is cleared, not converted: the old query JSON held names in clear and the old
 * person key was an unkeyed SHA-256 of name stems and birth date (reversible by trying names),
 * and the old node-wide, never-expiring decisions are exactly what must no longer suppress.
 */
export async function up(db: Kysely<any>): Promise<void> {
  // A random secret per node and purpose, stored like the node's signing key.
  await db.schema
    .createTable('node_secrets')
    .addColumn('node_id', 'text', (c) => c.notNull())
    .addColumn('purpose', 'text', (c) => c.notNull())
    .addColumn('secret', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('node_secrets_pk', ['node_id', 'purpose'])
    .execute();

  await db.schema.alterTable('screenings').dropColumn('query_json').execute();
  await db.schema.alterTable('screenings').dropColumn('person_key').execute();
  await db.schema.alterTable('screenings').addColumn('key_birth', 'text').execute();
  await db.schema.alterTable('screenings').addColumn('key_document', 'text').execute();
  await db.schema.alterTable('screenings').addColumn('suppressed_count', 'integer', (c) => c.notNull().defaultTo(0)).execute();

  await db.schema.alterTable('screening_hits').addColumn('false_positive_id', 'text').execute();
  // The explanation names the query's parts as typed: keep how they matched, drop what they were.
  const hits = await db.selectFrom('screening_hits').select(['screening_id', 'alert_id', 'explanation_json']).execute();
  for (const h of hits as { screening_id: string; alert_id: string; explanation_json: string }[]) {
    const explanation = JSON.parse(h.explanation_json) as { parts?: { query?: unknown }[] };
    for (const p of explanation.parts ?? []) p.query = null;
    await db
      .updateTable('screening_hits')
      .set({ explanation_json: JSON.stringify(explanation) })
      .where('screening_id', '=', h.screening_id)
      .where('alert_id', '=', h.alert_id)
      .execute();
  }

  await db.schema.dropTable('false_positives').execute();
  await db.schema
    .createTable('false_positives')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('alert_id', 'text', (c) => c.notNull())
    .addColumn('state_code', 'text', (c) => c.notNull())
    .addColumn('agency_id', 'text', (c) => c.notNull())
    .addColumn('key_birth', 'text')
    .addColumn('key_document', 'text')
    .addColumn('screening_id', 'text', (c) => c.notNull())
    .addColumn('decided_by', 'text', (c) => c.notNull())
    .addColumn('decided_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addColumn('revoked_by', 'text')
    .addColumn('revoked_at', 'text')
    .execute();
  await db.schema.createIndex('false_positives_agency').on('false_positives').columns(['state_code', 'agency_id', 'decided_at']).execute();
  await db.schema.createIndex('false_positives_key_birth').on('false_positives').column('key_birth').execute();
  await db.schema.createIndex('false_positives_key_document').on('false_positives').column('key_document').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('false_positives').execute();
  await db.schema
    .createTable('false_positives')
    .addColumn('alert_id', 'text', (c) => c.notNull())
    .addColumn('person_key', 'text', (c) => c.notNull())
    .addColumn('decided_by', 'text', (c) => c.notNull())
    .addColumn('decided_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('false_positives_pk', ['alert_id', 'person_key'])
    .execute();
  await db.schema.alterTable('screening_hits').dropColumn('false_positive_id').execute();
  for (const c of ['suppressed_count', 'key_document', 'key_birth']) await db.schema.alterTable('screenings').dropColumn(c).execute();
  await db.schema.alterTable('screenings').addColumn('query_json', 'text', (c) => c.notNull().defaultTo('{}')).execute();
  await db.schema.alterTable('screenings').addColumn('person_key', 'text', (c) => c.notNull().defaultTo('')).execute();
  await db.schema.dropTable('node_secrets').ifExists().execute();
}
