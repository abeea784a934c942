import type { Logger } from 'pino';
import type { Config } from '../config.ts';
import { migrateToLatest } from '../store/migrate.ts';
import { openDb } from '../store/db.ts';
import { ensureNodeKeys } from '../federation/keys.ts';
import { ensureNodeIdentity } from './bootstrap.service.ts';
import type { AppContext } from './context.ts';
import { EventBus } from './events.ts';
import { ReadAuditLog } from './read-audit.ts';

/** Opens the database, brings its schema up to date and loads the node identity. */
export async function openNode(config: Config, log: Logger): Promise<AppContext> {
  const db = openDb({ dataDir: config.dataDir, databaseUrl: config.databaseUrl });
  try {
    const applied = await migrateToLatest(db);
    for (const m of applied) log.info({ migration: m.migrationName, status: m.status }, 'migration');
    const node = await ensureNodeIdentity(db, config);
    await ensureNodeKeys(db, node.id);
    const reads = new ReadAuditLog(db, log);
    // Whoever closes the node (server, CLI, test) appends the queued read entries first.
    const closeDb = db.close;
    db.close = async () => {
      try {
        await reads.close();
      } finally {
        await closeDb();
      }
    };
    return { config, db, node, events: new EventBus(), log, reads };
  } catch (err) {
    await db.close();
    throw err;
  }
}
