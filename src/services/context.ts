import type { Logger } from 'pino';
import type { Config } from '../config.ts';
import type { Db } from '../store/db.ts';
import type { NodeIdentity } from '../store/node.repository.ts';
import type { EventBus } from './events.ts';
import type { ReadAuditLog } from './read-audit.ts';

/** What every service needs, built once at start-up and passed down explicitly. */
export interface AppContext {
  config: Config;
  db: Db;
  node: NodeIdentity;
  events: EventBus;
  log: Logger;
  /** Audit entries of reads, appended off the request path (never takes the write lock inline). */
  reads: ReadAuditLog;
}
