import type { Kysely } from 'kysely';

const DEFAULT_TOKEN_DAYS = 90;

// Logins and API tokens: atomic login counters, attempts without usernames in clear, token expiry.
export async function up(db: Kysely<any>): Promise<void> {
  // Random per-node secrets (e.g. the key of the username HMAC), created on first use; never leave the node.
  await db.schema
    .createTable('auth_secrets')
    .addColumn('name', 'text', (c) => c.primaryKey())
    .addColumn('secret', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();

  // One row per keyed hash of a username or a client address. `failures` counts failed and
  // in-flight attempts; it is changed only by compare-and-set on `rev`, so concurrent logins
  // from several API processes cannot both take the last free attempt.
  await db.schema
    .createTable('login_throttle')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('failures', 'integer', (c) => c.notNull())
    .addColumn('not_before', 'text', (c) => c.notNull())
    .addColumn('rev', 'integer', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('login_throttle_updated_at').on('login_throttle').column('updated_at').execute();

  // The old rows only served a 15-minute window and held usernames in clear: dropped, not converted.
  await db.schema.dropTable('login_attempts').execute();
  await db.schema
    .createTable('login_attempts')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('username_hmac', 'text', (c) => c.notNull())
    .addColumn('ip', 'text', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('success', 'integer', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('login_attempts_at').on('login_attempts').column('at').execute();

  await db.schema.alterTable('api_tokens').addColumn('expires_at', 'text').execute();
  await db.schema.alterTable('api_tokens').addColumn('revoked_reason', 'text').execute();
  // Tokens issued before expiry existed get the default lifetime from today rather than dying at once.
  const expires = new Date(Date.now() + DEFAULT_TOKEN_DAYS * 86_400_000).toISOString();
  await db.updateTable('api_tokens').set({ expires_at: expires }).where('expires_at', 'is', null).execute();
  await db.schema.createIndex('api_tokens_user').on('api_tokens').column('user_id').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('api_tokens_user').ifExists().execute();
  await db.schema.alterTable('api_tokens').dropColumn('revoked_reason').execute();
  await db.schema.alterTable('api_tokens').dropColumn('expires_at').execute();
  await db.schema.dropTable('login_attempts').execute();
  await db.schema
    .createTable('login_attempts')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('username', 'text', (c) => c.notNull())
    .addColumn('ip', 'text', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('success', 'integer', (c) => c.notNull())
    .execute();
  for (const t of ['login_throttle', 'auth_secrets']) await db.schema.dropTable(t).ifExists().execute();
}
