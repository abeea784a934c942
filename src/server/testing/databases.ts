import { randomBytes } from 'node:crypto';
import pg from 'pg';

export type TestDialect = 'sqlite' | 'postgres';

export const PG_ADMIN_URL = process.env.SARHAD_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

let reachable: Promise<boolean> | null = null;

async function probe(): Promise<boolean> {
  const client = new pg.Client({ connectionString: PG_ADMIN_URL, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    await client.query('select 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

/**
 * SQLite always; PostgreSQL whenever it answers, and it must answer under CI=true —
 * a CI run that silently skipped PostgreSQL would prove nothing about it.
 */
export async function testDialects(): Promise<TestDialect[]> {
  reachable ??= probe();
  if (await reachable) return ['sqlite', 'postgres'];
  if (process.env.CI === 'true') throw new Error(`PostgreSQL is required under CI=true but ${PG_ADMIN_URL} does not answer`);
  return ['sqlite'];
}

/** A throw-away PostgreSQL database; drop() removes it with any open connections. */
export async function createPgDatabase(): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `sarhad_t_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: PG_ADMIN_URL });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(PG_ADMIN_URL);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      const c = new pg.Client({ connectionString: PG_ADMIN_URL });
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
    },
  };
}
