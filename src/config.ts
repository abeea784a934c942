import { isIP } from 'node:net';
import path from 'node:path';
import { isStateCode } from './domain/registry/country-names.ts';
import fs from 'node:fs';
import { riskConfig, type RiskConfig } from './domain/risk/config.ts';

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
  /** Notify peers right after a local change commits (they pull at once); the periodic pull stays the fallback. */
  federationPush: boolean;
  /** SQLite: how long a statement waits for another process's write lock before failing (ms). */
  dbBusyTimeoutMs: number;
  /** Bearer token Prometheus must send to read /metrics; null = no token accepted. */
  metricsToken: string | null;
  /** A separate listener for /metrics only (e.g. on an internal interface); null = none. */
  metricsPort: number | null;
  metricsHost: string;
  /** Days a false-positive decision suppresses its hit before it must be taken again; 0 = never suppress. */
  falsePositiveDays: number;
  /** Peers whose X-Forwarded-For is believed (IPs or CIDRs); anyone else is the client itself. */
  trustedProxies: string[];
  /** First back-off after too many failed logins; it doubles with each further failure. */
  loginBackoffBaseMs: number;
  /** Seconds between signed audit checkpoints while the chain grows; 0 = off. */
  auditCheckpointIntervalS: number;
  /** ...or after this many new audit entries, whichever comes first; 0 = off. */
  auditCheckpointEvery: number;
  /** Events farther than this from the border line (km) are refused as out of area. */
  eventMaxBorderKm: number;
  /** Largest attachment (photo, document) accepted on an event, in bytes. */
  attachmentMaxBytes: number;
  /** The progress report's PDF printer: Debian's chromium run headless (SARHAD_CHROMIUM_PATH). */
  chromiumPath: string;
  /** Largest partner sheet (XLSX or CSV) accepted by the import, in bytes (SARHAD_PARTNER_IMPORT_MAX_BYTES). */
  partnerImportMaxBytes: number;
  /** Progress-report PDFs kept in <data dir>/cache/reports, newest by last use (SARHAD_REPORT_CACHE_MAX_FILES; 0 = no cache). */
  reportCacheMaxFiles: number;
  /** GET /api/events: features kept as JSON between requests, least recently used dropped first (SARHAD_EVENT_FEATURE_CACHE; 0 = no cache). */
  eventFeatureCache: number;
  /** Community reports accepted per client address per hour on the public form. */
  communityReportsPerHour: number;
  /** Risk model weights and thresholds: the defaults with SARHAD_RISK_CONFIG's JSON patch on top (docs/risk-model.md). */
  risk: RiskConfig;
  /** Seconds between re-evaluations of every section (decay, expiring overrides, the daily snapshot); 0 = off. */
  riskTickS: number;
  /** Trade selectivity: share of declarations drawn at random for inspection (0..1). */
  selectivityRandomRate: number;
  /** Trade selectivity: minutes a green declaration stays in stand-by before release. */
  selectivityStandbyMinutes: number;
  /** Seeding a scenario also loads a year of trade history (crossings, declarations, transits). */
  seedTradeHistory: boolean;
}

/** Loopback unless told otherwise: exposing a node is a decision, not a default. */
export const DEFAULT_HOST = '127.0.0.1';

function portOf(name: string, value: string): number {
  const port = Number(value);
  if (value.trim() === '' || !Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`${name} must be a port number, got "${value}"`);
  return port;
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
  const port = portOf('SARHAD_PORT', env.SARHAD_PORT ?? '8080');
  const metricsToken = env.SARHAD_METRICS_TOKEN?.trim() || null;
  if (metricsToken !== null && metricsToken.length < 16) throw new Error('SARHAD_METRICS_TOKEN must be at least 16 characters');
  const metricsPort = env.SARHAD_METRICS_PORT ? portOf('SARHAD_METRICS_PORT', env.SARHAD_METRICS_PORT) : null;
  const databaseUrl = env.DATABASE_URL?.trim() || null;
  if (databaseUrl && !/^postgres(ql)?:\/\//.test(databaseUrl)) {
    throw new Error('DATABASE_URL must start with postgres:// (leave it unset for embedded SQLite)');
  }
  const syncIntervalS = Number(env.SARHAD_SYNC_INTERVAL ?? 60);
  if (!Number.isFinite(syncIntervalS) || syncIntervalS < 0) throw new Error('SARHAD_SYNC_INTERVAL must be a number of seconds (0 = off)');
  const dbBusyTimeoutMs = Number(env.SARHAD_DB_BUSY_TIMEOUT_MS ?? 10_000);
  if (!Number.isInteger(dbBusyTimeoutMs) || dbBusyTimeoutMs < 0) throw new Error('SARHAD_DB_BUSY_TIMEOUT_MS must be a whole number of milliseconds');
  const falsePositiveDays = Number(env.SARHAD_FALSE_POSITIVE_DAYS?.trim() || 180);
  if (!Number.isInteger(falsePositiveDays) || falsePositiveDays < 0 || falsePositiveDays > 3650) {
    throw new Error('SARHAD_FALSE_POSITIVE_DAYS must be a whole number of days from 0 to 3650');
  }
  const auditCheckpointIntervalS = Number(env.SARHAD_AUDIT_CHECKPOINT_INTERVAL ?? 300);
  if (!Number.isFinite(auditCheckpointIntervalS) || auditCheckpointIntervalS < 0) throw new Error('SARHAD_AUDIT_CHECKPOINT_INTERVAL must be a number of seconds (0 = off)');
  const auditCheckpointEvery = Number(env.SARHAD_AUDIT_CHECKPOINT_EVERY ?? 1000);
  if (!Number.isInteger(auditCheckpointEvery) || auditCheckpointEvery < 0) throw new Error('SARHAD_AUDIT_CHECKPOINT_EVERY must be a whole number of entries (0 = off)');
  const selectivityRandomRate = Number(env.SARHAD_SELECTIVITY_RANDOM_RATE?.trim() || 0.03);
  if (!Number.isFinite(selectivityRandomRate) || selectivityRandomRate < 0 || selectivityRandomRate > 1) throw new Error('SARHAD_SELECTIVITY_RANDOM_RATE must be a share from 0 to 1 (e.g. 0.03)');
  const selectivityStandbyMinutes = Number(env.SARHAD_SELECTIVITY_STANDBY_MINUTES?.trim() || 30);
  if (!Number.isInteger(selectivityStandbyMinutes) || selectivityStandbyMinutes < 0 || selectivityStandbyMinutes > 1440) throw new Error('SARHAD_SELECTIVITY_STANDBY_MINUTES must be a whole number of minutes from 0 to 1440');
  const nodeState = (env.SARHAD_NODE_STATE ?? 'TJ').toUpperCase();
  if (!isStateCode(nodeState)) throw new Error(`SARHAD_NODE_STATE must be an ISO 3166-1 alpha-2 code, got "${env.SARHAD_NODE_STATE}"`);
  const loginBackoffBaseMs = Number(env.SARHAD_LOGIN_BACKOFF_MS ?? 1000);
  if (!Number.isInteger(loginBackoffBaseMs) || loginBackoffBaseMs < 1) throw new Error('SARHAD_LOGIN_BACKOFF_MS must be a whole number of milliseconds');
  const eventMaxBorderKm = Number(env.SARHAD_EVENT_MAX_BORDER_KM ?? 50);
  if (!Number.isFinite(eventMaxBorderKm) || eventMaxBorderKm <= 0) throw new Error('SARHAD_EVENT_MAX_BORDER_KM must be a positive number of kilometres');
  const partnerImportMaxBytes = Number(env.SARHAD_PARTNER_IMPORT_MAX_BYTES ?? 5 * 1024 * 1024);
  if (!Number.isInteger(partnerImportMaxBytes) || partnerImportMaxBytes < 1024) throw new Error('SARHAD_PARTNER_IMPORT_MAX_BYTES must be a whole number of bytes (at least 1024)');
  const reportCacheMaxFiles = Number(env.SARHAD_REPORT_CACHE_MAX_FILES ?? 100);
  if (!Number.isInteger(reportCacheMaxFiles) || reportCacheMaxFiles < 0) throw new Error('SARHAD_REPORT_CACHE_MAX_FILES must be a whole number of files (0 = no cache)');
  const eventFeatureCache = Number(env.SARHAD_EVENT_FEATURE_CACHE ?? 25_000);
  if (!Number.isInteger(eventFeatureCache) || eventFeatureCache < 0) throw new Error('SARHAD_EVENT_FEATURE_CACHE must be a whole number of features (0 = no cache)');
  const attachmentMaxBytes = Number(env.SARHAD_ATTACHMENT_MAX_BYTES ?? 10 * 1024 * 1024);
  if (!Number.isInteger(attachmentMaxBytes) || attachmentMaxBytes < 1024) throw new Error('SARHAD_ATTACHMENT_MAX_BYTES must be a whole number of bytes (at least 1024)');
  const communityReportsPerHour = Number(env.SARHAD_COMMUNITY_REPORTS_PER_HOUR ?? 10);
  if (!Number.isInteger(communityReportsPerHour) || communityReportsPerHour < 1) throw new Error('SARHAD_COMMUNITY_REPORTS_PER_HOUR must be a whole number (at least 1)');
  const riskTickS = Number(env.SARHAD_RISK_TICK_SECONDS ?? 300);
  if (!Number.isFinite(riskTickS) || riskTickS < 0) throw new Error('SARHAD_RISK_TICK_SECONDS must be a number of seconds (0 = off)');
  let risk: RiskConfig;
  try {
    risk = riskConfig(env.SARHAD_RISK_CONFIG ? (JSON.parse(fs.readFileSync(env.SARHAD_RISK_CONFIG, 'utf8')) as unknown) : {});
  } catch (err) {
    throw new Error(`SARHAD_RISK_CONFIG: ${err instanceof Error ? err.message : String(err)}`, { cause: err });
  }
  return {
    port,
    host: env.SARHAD_HOST?.trim() || DEFAULT_HOST,
    dataDir: path.resolve(env.SARHAD_DATA_DIR ?? './data'),
    databaseUrl,
    adminPassword: env.SARHAD_ADMIN_PASSWORD || null,
    nodeState,
    nodeName: env.SARHAD_NODE_NAME ?? `sarhad-${nodeState.toLowerCase()}`,
    logLevel: env.SARHAD_LOG_LEVEL ?? 'info',
    webDir: path.resolve(env.SARHAD_WEB_DIR ?? 'dist/web'),
    secureCookies: env.SARHAD_SECURE_COOKIES === 'true',
    syncIntervalS,
    federationPush: env.SARHAD_FEDERATION_PUSH !== 'false',
    dbBusyTimeoutMs,
    metricsToken,
    metricsPort,
    metricsHost: env.SARHAD_METRICS_HOST?.trim() || DEFAULT_HOST,
    falsePositiveDays,
    trustedProxies: parseTrustedProxies(env.SARHAD_TRUSTED_PROXIES),
    loginBackoffBaseMs,
    auditCheckpointIntervalS,
    auditCheckpointEvery,
    eventMaxBorderKm,
    attachmentMaxBytes,
    chromiumPath: env.SARHAD_CHROMIUM_PATH?.trim() || '/usr/bin/chromium',
    partnerImportMaxBytes,
    reportCacheMaxFiles,
    eventFeatureCache,
    communityReportsPerHour,
    risk,
    riskTickS,
    selectivityRandomRate,
    selectivityStandbyMinutes,
    seedTradeHistory: env.SARHAD_SEED_TRADE_HISTORY?.trim() !== 'false',
  };
}
