import type { Kysely } from 'kysely';

/**
 * The rules and markets editor (docs/trade.md): a border market can be switched off without
 * losing its history of market days. Selectivity rules need no column: they are stored as JSON
 * (their optional `rate` travels inside it) with an `active` flag since 0015.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('border_markets')
    .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('border_markets').dropColumn('active').execute();
}
