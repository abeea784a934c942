import type { Kysely } from 'kysely';

/**
 * Peer status (docs/federation.md, "Peer status"): the outcome of our own attempts to reach a
 * peer. `last_contact_at` (0010) already says when a verified exchange last happened either way;
 * these say when and why our last pull failed, and how many pulls in a row have failed since
 * the last one that worked — the health badge is derived from them. Durable, so a restart
 * does not turn a peer that has been down for a day into "never tried".
 */

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('peers').addColumn('last_failure_at', 'text').execute();
  await db.schema.alterTable('peers').addColumn('last_failure_reason', 'text').execute();
  await db.schema.alterTable('peers').addColumn('failures', 'integer', (c) => c.notNull().defaultTo(0)).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('peers').dropColumn('failures').execute();
  await db.schema.alterTable('peers').dropColumn('last_failure_reason').execute();
  await db.schema.alterTable('peers').dropColumn('last_failure_at').execute();
}
