/**
 * A seeded SQLite node in its own process (so the load generator does not steal its event loop),
 * with an officer who may report events and an API token for them: shared by the ingest and
 * picture benches.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export const PASSWORD = 'bench-password-123';

export interface BenchNode {
  base: string;
  dataDir: string;
  dbFile: string;
  /** CPU seconds (user + system) the node process has used so far; null where /proc is missing. */
  cpuSeconds(): number | null;
  stop(): Promise<void>;
}

async function waitForHealth(url: string, timeoutMs: number) {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    try {
      if ((await fetch(`${url}/healthz`)).ok) return;
    } catch {
      /* not up yet */
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error('server did not come up');
}

export function newDataDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'sarhad-bench-'));
}

/** Starts `sarhad start --scenario tj-af` on `dataDir` (kept after stop, so a second start reuses it). */
export async function startNode(dataDir: string, env: Record<string, string> = {}, upWithinMs = 180_000): Promise<BenchNode> {
  const port = 18000 + Math.floor(Math.random() * 1000);
  // SARHAD_BENCH_NODE_ARGS: extra node flags for the server only, e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof"
  const extra = (process.env.SARHAD_BENCH_NODE_ARGS ?? '').split(' ').filter(Boolean);
  const server: ChildProcess = spawn(process.execPath, [...extra, '--import', 'tsx', 'src/cli/main.ts', 'start', '--scenario', 'tj-af'], {
    env: {
      ...process.env,
      SARHAD_PORT: String(port),
      SARHAD_HOST: '127.0.0.1',
      SARHAD_DATA_DIR: dataDir,
      SARHAD_ADMIN_PASSWORD: PASSWORD,
      SARHAD_LOG_LEVEL: 'warn',
      SARHAD_WEB_DIR: path.join(dataDir, 'none'),
      SARHAD_SYNC_INTERVAL: '0',
      ...env,
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const base = `http://127.0.0.1:${port}`;
  try {
    await waitForHealth(base, upWithinMs);
  } catch (err) {
    server.kill('SIGKILL'); // never leave a half-started node behind
    throw err;
  }
  return {
    base,
    dataDir,
    dbFile: path.join(dataDir, 'sarhad.db'),
    cpuSeconds: () => processCpuSeconds(server.pid),
    stop: () =>
      new Promise<void>((resolve) => {
        if (server.exitCode !== null) return resolve();
        server.once('exit', () => resolve());
        server.kill('SIGTERM');
      }),
  };
}

/**
 * utime + stime of a process from /proc (Linux), in seconds. On a shared machine wall-clock
 * rates swing with the load; the CPU a request costs the server varies much less.
 */
export function processCpuSeconds(pid: number | undefined): number | null {
  if (pid === undefined) return null;
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' '); // fields from the 3rd (state) on
    return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS;
  } catch {
    return null;
  }
}
/** USER_HZ: 100 on every Linux build that matters (sysconf(_SC_CLK_TCK)). */
const CLOCK_TICKS = 100;

async function login(base: string, username: string): Promise<{ cookie: string; csrf: string }> {
  const res = await fetch(`${base}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password: PASSWORD }) });
  if (!res.ok) throw new Error(`login ${username}: ${res.status} ${await res.text()}`);
  const body = (await res.json()) as { csrfToken: string };
  return { cookie: res.headers.get('set-cookie')!.split(';')[0]!, csrf: body.csrfToken };
}

async function call(base: string, s: { cookie: string; csrf: string }, method: string, p: string, body?: unknown) {
  const res = await fetch(`${base}${p}`, { method, headers: { cookie: s.cookie, 'x-csrf-token': s.csrf, 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await res.text();
  if (!res.ok) throw new Error(`${method} ${p}: ${res.status} ${text}`);
  return JSON.parse(text) as Record<string, unknown>;
}

/** A reporter at a TJ border post (created by the admin), and an API token for them. */
export async function reporterToken(base: string): Promise<string> {
  const admin = await login(base, 'admin');
  const units = (await call(base, admin, 'GET', '/api/units?kind=border_post')).items as { id: string; agencyId: string; stateCode: string }[];
  const post = units.find((u) => u.stateCode === 'TJ')!;
  await call(base, admin, 'POST', '/api/users', { username: 'bench.reporter', displayName: 'Bench Reporter', password: PASSWORD, roles: ['reporter', 'validator'], agencyId: post.agencyId, unitId: post.id });
  const me = await login(base, 'bench.reporter');
  return (await call(base, me, 'POST', '/api/me/tokens', { name: 'bench', expiresInDays: 1 })).secret as string;
}

/** Points on the border line (from the sections' geometry): valid event locations. */
export async function borderPoints(base: string, token: string): Promise<[number, number][]> {
  const res = await fetch(`${base}/api/sections`, { headers: { authorization: `Bearer ${token}` } });
  const fc = (await res.json()) as { features: { geometry: { coordinates: [number, number][] } }[] };
  return fc.features.flatMap((f) => f.geometry.coordinates);
}

export function loadAverage(): string {
  return `load average ${os.loadavg().map((x) => x.toFixed(1)).join(' ')} on ${os.cpus().length} cores`;
}
