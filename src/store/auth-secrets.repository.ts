import type { Executor } from './transaction.ts';

export async function findAuthSecret(db: Executor, name: string): Promise<string | null> {
  const r = await db.selectFrom('auth_secrets').select('secret').where('name', '=', name).executeTakeFirst();
  return r?.secret ?? null;
}

/** Stores the secret unless one of that name exists already (another process may have won). */
export async function insertAuthSecretIfMissing(db: Executor, name: string, secret: string, at: string): Promise<void> {
  await db
    .insertInto('auth_secrets')
    .values({ name, secret, created_at: at })
    .onConflict((oc) => oc.column('name').doNothing())
    .execute();
}
