import path from 'node:path';

/** Runtime settings of one node, read once from the environment. */
export interface Config {
  port: number;
  host: string;
  dataDir: string;
  databaseUrl: string | null;
  adminPassword: string | null;
  nodeState: string;
  nodeName: string;
  logLevel: string;
  webDir: string;
  secureCookies: boolean;
  /** Seconds between pulls from federation peers; 0 turns the loop off. */
  syncIntervalS: number;
  /** Seconds between signed audit checkpoints while the chain grows; 0 = off. */
  auditCheckpointIntervalS: number;
  /** ...or after this many new audit entries, whichever comes first; 0 = off. */
  auditCheckpointEvery: number;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const port = Number(env.SARHAD_PORT ?? 8080);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(`SARHAD_PORT must be a port number, got "${env.SARHAD_PORT}"`);
  }
  const databaseUrl = env.DATABASE_URL?.trim() || null;
  if (databaseUrl && !/^postgres(ql)?:\/\//.test(databaseUrl)) {
    throw new Error('DATABASE_URL must start with postgres:// (leave it unset for embedded SQLite)');
  }
  const syncIntervalS = Number(env.SARHAD_SYNC_INTERVAL ?? 60);
  if (!Number.isFinite(syncIntervalS) || syncIntervalS < 0) throw new Error('SARHAD_SYNC_INTERVAL must be a number of seconds (0 = off)');
  const auditCheckpointIntervalS = Number(env.SARHAD_AUDIT_CHECKPOINT_INTERVAL ?? 300);
  if (!Number.isFinite(auditCheckpointIntervalS) || auditCheckpointIntervalS < 0) throw new Error('SARHAD_AUDIT_CHECKPOINT_INTERVAL must be a number of seconds (0 = off)');
  const auditCheckpointEvery = Number(env.SARHAD_AUDIT_CHECKPOINT_EVERY ?? 1000);
  if (!Number.isInteger(auditCheckpointEvery) || auditCheckpointEvery < 0) throw new Error('SARHAD_AUDIT_CHECKPOINT_EVERY must be a whole number of entries (0 = off)');
  const nodeState = (env.SARHAD_NODE_STATE ?? 'TJ').toUpperCase();
  if (!/^[A-Z]{2}$/.test(nodeState)) throw new Error('SARHAD_NODE_STATE must be an ISO 3166-1 alpha-2 code');
  return {
    port,
    host: env.SARHAD_HOST ?? '0.0.0.0',
    dataDir: path.resolve(env.SARHAD_DATA_DIR ?? './data'),
    databaseUrl,
    adminPassword: env.SARHAD_ADMIN_PASSWORD || null,
    nodeState,
    nodeName: env.SARHAD_NODE_NAME ?? `sarhad-${nodeState.toLowerCase()}`,
    logLevel: env.SARHAD_LOG_LEVEL ?? 'info',
    webDir: path.resolve(env.SARHAD_WEB_DIR ?? 'dist/web'),
    secureCookies: env.SARHAD_SECURE_COOKIES === 'true',
    syncIntervalS,
    auditCheckpointIntervalS,
    auditCheckpointEvery,
  };
}
