import fs from 'node:fs';
import path from 'node:path';
import Sqlite from 'better-sqlite3';
import pg from 'pg';
import { CompiledQuery, Kysely, PostgresDialect, SqliteDialect, sql, type DatabaseConnection, type Driver, type TransactionSettings } from 'kysely';
import type { Database } from './schema.ts';

export type Dialect = 'sqlite' | 'postgres';

export interface Db {
  kysely: Kysely<Database>;
  dialect: Dialect;
  close(): Promise<void>;
}

export interface DbOptions {
  dataDir: string;
  databaseUrl: string | null;
  /** How long a statement waits for a lock held by another connection or process (ms). */
  busyTimeoutMs?: number;
  /** Told when PostgreSQL drops an idle pooled connection (server restart, admin command). */
  onConnectionLost?: (err: Error) => void;
}

export const DEFAULT_BUSY_TIMEOUT_MS = 10_000;

/**
 * SQLite transactions that will write start with BEGIN IMMEDIATE. A plain (deferred) BEGIN
 * reads first and upgrades to the write lock later; if another process committed in between,
 * SQLite answers SQLITE_BUSY at once without calling the busy handler ("database is locked"),
 * because waiting could deadlock. Taking the lock up front makes every writer wait its turn
 * within the busy timeout. Transactions marked `read only` keep the deferred BEGIN.
 */
class ImmediateSqliteDialect extends SqliteDialect {
  override createDriver(): Driver {
    const driver = super.createDriver();
    driver.beginTransaction = async (connection: DatabaseConnection, settings: TransactionSettings) => {
      await connection.executeQuery(CompiledQuery.raw(settings.accessMode === 'read only' ? 'begin' : 'begin immediate'));
    };
    return driver;
  }
}

// PostgreSQL returns int8/numeric as strings; our counters fit in a JS number.
pg.types.setTypeParser(20, (v) => Number(v));
pg.types.setTypeParser(1700, (v) => Number(v));

const STATEMENT_CACHE = 500;

/**
 * Kysely prepares every query anew; better-sqlite3 statements can be reused, and compiling the
 * SQL was a large share of a sync's receiving time. Statements are kept by SQL text (bounded,
 * least recently used out); one still iterating (a stream) is never handed out twice.
 */
function cachingStatements(database: Sqlite.Database): Sqlite.Database {
  const cache = new Map<string, Sqlite.Statement>();
  const prepare = database.prepare.bind(database);
  // Bound once: binding on every property read made a new function per statement run.
  const bound = new Map<PropertyKey, unknown>();
  const cachedPrepare = (source: string) => {
    const hit = cache.get(source);
    if (hit && !hit.busy) {
      cache.delete(source);
      cache.set(source, hit);
      return hit;
    }
    const stmt = prepare(source);
    if (hit) return stmt;
    cache.set(source, stmt);
    if (cache.size > STATEMENT_CACHE) cache.delete(cache.keys().next().value!);
    return stmt;
  };
  return new Proxy(database, {
    get(target, prop, receiver) {
      if (prop === 'prepare') return cachedPrepare;
      const v = Reflect.get(target, prop, receiver) as unknown;
      if (typeof v !== 'function') return v;
      let fn = bound.get(prop);
      if (fn === undefined) bound.set(prop, (fn = (v as (...a: unknown[]) => unknown).bind(target)));
      return fn;
    },
  });
}

export function openDb(options: DbOptions): Db {
  const busyTimeout = options.busyTimeoutMs ?? DEFAULT_BUSY_TIMEOUT_MS;
  if (options.databaseUrl) {
    const pool = new pg.Pool({ connectionString: options.databaseUrl, max: 10 });
    // Without a listener, pg re-throws an idle connection's error and the whole node dies; the pool
    // has already discarded that connection and opens a new one on the next query.
    pool.on('error', (err) => options.onConnectionLost?.(err));
    const kysely = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
    return { kysely, dialect: 'postgres', close: () => kysely.destroy() };
  }
  fs.mkdirSync(options.dataDir, { recursive: true });
  const database = new Sqlite(path.join(options.dataDir, 'sarhad.db'));
  database.pragma('journal_mode = WAL');
  database.pragma('synchronous = NORMAL');
  database.pragma('foreign_keys = ON');
  database.pragma(`busy_timeout = ${Math.trunc(busyTimeout)}`);
  const kysely = new Kysely<Database>({ dialect: new ImmediateSqliteDialect({ database: cachingStatements(database) }) });
  return { kysely, dialect: 'sqlite', close: () => kysely.destroy() };
}

/** Cheap liveness check used by /healthz. */
export async function ping(db: Db): Promise<void> {
  await sql`select 1`.execute(db.kysely);
}

/**
 * SQLite's counter of commits made by *other* connections to the file (our own commits
 * leave it unchanged): a cache compares it to tell whether another process wrote.
 * Null on PostgreSQL, where the change channel does this job.
 */
export async function externalWriteMark(db: Db): Promise<number | null> {
  if (db.dialect !== 'sqlite') return null;
  const { rows } = await sql<{ data_version: number }>`pragma data_version`.execute(db.kysely);
  return rows[0]?.data_version ?? null;
}
