import { isIP } from 'node:net';
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
  /** Peers whose X-Forwarded-For is believed (IPs or CIDRs); anyone else is the client itself. */
  trustedProxies: string[];
  /** First back-off after too many failed logins; it doubles with each further failure. */
  loginBackoffBaseMs: number;
}

function parseTrustedProxies(raw: string | undefined): string[] {
  const list = (raw ?? '').split(',').map((s) => s.trim()).filter(Boolean);
  for (const entry of list) {
    const [address, bits, ...rest] = entry.split('/');
    const ok = rest.length === 0 && isIP(address ?? '') !== 0 && (bits === undefined || (/^\d{1,3}$/.test(bits) && Number(bits) <= (isIP(address!) === 4 ? 32 : 128)));
    if (!ok) throw new Error(`SARHAD_TRUSTED_PROXIES: "${entry}" is not an IP address or CIDR range`);
  }
  return list;
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
  const nodeState = (env.SARHAD_NODE_STATE ?? 'TJ').toUpperCase();
  if (!/^[A-Z]{2}$/.test(nodeState)) throw new Error('SARHAD_NODE_STATE must be an ISO 3166-1 alpha-2 code');
  const loginBackoffBaseMs = Number(env.SARHAD_LOGIN_BACKOFF_MS ?? 1000);
  if (!Number.isInteger(loginBackoffBaseMs) || loginBackoffBaseMs < 1) throw new Error('SARHAD_LOGIN_BACKOFF_MS must be a whole number of milliseconds');
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
    trustedProxies: parseTrustedProxies(env.SARHAD_TRUSTED_PROXIES),
    loginBackoffBaseMs,
  };
}
