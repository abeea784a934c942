import type { Logger } from 'pino';
import type { Config } from '../config.ts';
import { migrateToLatest } from '../store/migrate.ts';
import { openDb } from '../store/db.ts';
import { ensureNodeKeys } from '../federation/keys.ts';
import { ensureNodeIdentity } from './bootstrap.service.ts';
import type { AppContext } from './context.ts';
import { attachPgRelay } from './change-relay.ts';
import { EventBus } from './events.ts';

/** Opens the database, brings its schema up to date and loads the node identity. */
export async function openNode(config: Config, log: Logger): Promise<AppContext> {
  const db = openDb({ dataDir: config.dataDir, databaseUrl: config.databaseUrl, busyTimeoutMs: config.dbBusyTimeoutMs });
  try {
    const applied = await migrateToLatest(db);
    for (const m of applied) log.info({ migration: m.migrationName, status: m.status }, 'migration');
    const node = await ensureNodeIdentity(db, config);
    await ensureNodeKeys(db, node.id);
    const events = new EventBus((err) => log.warn({ err: (err as Error).message }, 'change channel: notify failed'));
    if (db.dialect === 'postgres' && config.databaseUrl) await attachPgRelay(events, db, config.databaseUrl, log);
    // Every caller closes the node through db.close(): changes still being relayed go out first.
    const closeDb = db.close;
    db.close = async () => {
      await events.close();
      await closeDb();
    };
    return { config, db, node, events, log };
  } catch (err) {
    await db.close();
    throw err;
  }
}
