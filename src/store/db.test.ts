import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Sqlite from 'better-sqlite3';
import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import pg from 'pg';
import { createPgDatabase, PG_ADMIN_URL, testDialects } from '../server/testing/databases.ts';
import { openDb, type Db } from './db.ts';

describe('SQLite transactions beside another writer of the same file', () => {
  let dir: string;
  let db: Db;
  let other: Sqlite.Database;
  beforeEach(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sarhad-db-'));
    db = openDb({ dataDir: dir, databaseUrl: null, busyTimeoutMs: 300 });
    await sql`create table t (n integer)`.execute(db.kysely);
    other = new Sqlite(path.join(dir, 'sarhad.db'), { timeout: 0 });
  });
  afterEach(async () => {
    if (other.inTransaction) other.exec('rollback');
    other.close();
    await db.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('a write transaction takes the lock up front and waits the busy timeout for it', async () => {
    other.exec('begin immediate');
    const started = Date.now();
    const attempt = db.kysely.transaction().execute(async (trx) => {
      await sql`insert into t values (1)`.execute(trx);
    });
    await expect(attempt).rejects.toThrow(/locked|busy/i);
    // It waited (the busy handler ran) instead of failing at once.
    expect(Date.now() - started).toBeGreaterThanOrEqual(250);
    other.exec('rollback');
    await db.kysely.transaction().execute(async (trx) => {
      await sql`insert into t values (2)`.execute(trx);
    });
    expect(other.prepare('select count(*) as c from t').get()).toEqual({ c: 1 });
  });

  it('a transaction that reads and then writes is not failed by another process committing in between', async () => {
    let otherWrote: string = 'not tried';
    await db.kysely.transaction().execute(async (trx) => {
      await sql`select count(*) from t`.execute(trx);
      // A deferred BEGIN would let this commit land and then fail our write at once with
      // SQLITE_BUSY_SNAPSHOT ("database is locked"); we hold the lock, so the other waits.
      try {
        other.exec('insert into t values (7)');
        otherWrote = 'committed';
      } catch (err) {
        otherWrote = (err as { code?: string }).code ?? 'error';
      }
      await sql`insert into t values (1)`.execute(trx);
    });
    expect(otherWrote).toBe('SQLITE_BUSY');
    expect(other.prepare('select count(*) as c from t').get()).toEqual({ c: 1 });
  });

  it('a read-only transaction does not take the write lock', async () => {
    other.exec('begin immediate');
    other.exec('insert into t values (9)');
    const rows = await db.kysely
      .transaction()
      .setAccessMode('read only')
      .execute((trx) => sql<{ c: number }>`select count(*) as c from t`.execute(trx));
    expect(rows.rows[0]?.c).toBe(0);
  });

  it('turns on WAL and the configured busy timeout', async () => {
    const mode = await sql<{ journal_mode: string }>`pragma journal_mode`.execute(db.kysely);
    expect(mode.rows[0]?.journal_mode).toBe('wal');
    const timeout = await sql<{ timeout: number }>`pragma busy_timeout`.execute(db.kysely);
    expect(timeout.rows[0]?.timeout).toBe(300);
  });
});

describe.skipIf(!(await testDialects()).includes('postgres'))('PostgreSQL connections cut by the server', () => {
  it('an idle pooled connection killed by the server is reported, and the next query simply opens a new one', async () => {
    const pgDb = await createPgDatabase();
    const lost: Error[] = [];
    const db = openDb({ dataDir: os.tmpdir(), databaseUrl: pgDb.url, onConnectionLost: (err) => lost.push(err) });
    try {
      const first = await sql<{ pid: number }>`select pg_backend_pid() as pid`.execute(db.kysely);
      const pid = first.rows[0]!.pid;
      const admin = new pg.Client({ connectionString: PG_ADMIN_URL });
      await admin.connect();
      await admin.query('select pg_terminate_backend($1)', [pid]);
      await admin.end();
      await expect.poll(() => lost.length, { timeout: 5_000 }).toBe(1);
      expect(lost[0]!.message).toMatch(/terminat/i);
      const again = await sql<{ pid: number }>`select pg_backend_pid() as pid`.execute(db.kysely);
      expect(again.rows[0]!.pid).not.toBe(pid);
    } finally {
      await db.close();
      await pgDb.drop();
    }
  });
});
