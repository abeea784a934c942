import type { Logger } from 'pino';
import type { Config } from '../config.ts';
import { migrateToLatest } from '../store/migrate.ts';
import { openDb } from '../store/db.ts';
import { ensureNodeKeys } from '../federation/keys.ts';
import { ensureNodeIdentity } from './bootstrap.service.ts';
import type { AppContext } from './context.ts';
import { attachPgRelay } from './change-relay.ts';
import { EventBus } from './events.ts';
import { ReadAuditLog } from './read-audit.ts';

/** Opens the database, brings its schema up to date and loads the node identity. */
export async function openNode(config: Config, log: Logger): Promise<AppContext> {
  const db = openDb({
    dataDir: config.dataDir,
    databaseUrl: config.databaseUrl,
    busyTimeoutMs: config.dbBusyTimeoutMs,
    onConnectionLost: (err) => log.warn({ err: err.message }, 'database: an idle connection was lost; the next query opens a new one'),
  });
  try {
    const applied = await migrateToLatest(db);
    for (const m of applied) log.info({ migration: m.migrationName, status: m.status }, 'migration');
    const node = await ensureNodeIdentity(db, config);
    await ensureNodeKeys(db, node.id);
    const events = new EventBus((err) => log.warn({ err: (err as Error).message }, 'change channel: notify failed'));
    if (db.dialect === 'postgres' && config.databaseUrl) await attachPgRelay(events, db, config.databaseUrl, log);
    const reads = new ReadAuditLog(db, log);
    // Every caller (server, CLI, test) closes the node through db.close(): queued read entries
    // are appended and changes still being relayed go out first.
    const closeDb = db.close;
    db.close = async () => {
      try {
        await reads.close();
        await events.close();
      } finally {
        await closeDb();
      }
    };
    return { config, db, node, events, log, reads };
  } catch (err) {
    await db.close();
    throw err;
  }
}
