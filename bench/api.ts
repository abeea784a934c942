/**
 * API throughput: authenticated GET /api/sections (24 GeoJSON features, policy-filtered)
 * against a trivial GET /healthz on the same server in the same run. The ratio is what to
 * compare across machines; absolute req/s are for information.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';

const DURATION_S = Number(process.env.BENCH_DURATION ?? 8);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 20);
const PORT = 18000 + Math.floor(Math.random() * 1000);
const PASSWORD = 'bench-password-123';

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

function load(url: string, headers: Record<string, string>, label: string): Promise<autocannon.Result> {
  process.stdout.write(`  loading ${label} for ${DURATION_S} s with ${CONNECTIONS} connections…\n`);
  return new Promise((resolve, reject) => {
    const instance = autocannon({ url, connections: CONNECTIONS, duration: DURATION_S, headers }, (err, result) =>
      err ? reject(err) : resolve(result),
    );
    let ticks = 0;
    instance.on('tick', () => {
      ticks += 1;
      if (ticks % 2 === 0) process.stdout.write(`    ${ticks}/${DURATION_S} s\n`);
    });
  });
}

export default async function run(): Promise<void> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sarhad-bench-'));
  process.stdout.write(`api benchmark: starting a seeded SQLite node in a separate process (port ${PORT})\n`);
  // The server runs in its own process so the load generator does not steal its event loop.
  const server = spawn(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', 'start', '--scenario', 'tj-af'], {
    env: { ...process.env, SARHAD_PORT: String(PORT), SARHAD_HOST: '127.0.0.1', SARHAD_DATA_DIR: dataDir, SARHAD_ADMIN_PASSWORD: PASSWORD, SARHAD_LOG_LEVEL: 'warn', SARHAD_WEB_DIR: path.join(dataDir, 'none') },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const base = `http://127.0.0.1:${PORT}`;
  try {
    await waitForHealth(base, 60_000);
    const login = await fetch(`${base}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'admin', password: PASSWORD }),
    });
    if (!login.ok) throw new Error(`login failed: ${login.status}`);
    const cookie = login.headers.get('set-cookie')!.split(';')[0]!;
    const sample = await fetch(`${base}/api/sections`, { headers: { cookie } });
    const bytes = (await sample.arrayBuffer()).byteLength;

    const health = await load(`${base}/healthz`, {}, 'GET /healthz');
    const sections = await load(`${base}/api/sections`, { cookie }, 'GET /api/sections (authenticated)');
    if (sections.non2xx > 0 || health.non2xx > 0) throw new Error('non-2xx answers during the run');

    const row = (label: string, r: autocannon.Result) =>
      `  ${label.padEnd(34)} ${r.requests.average.toFixed(0).padStart(8)} req/s   p50 ${r.latency.p50} ms   p99 ${r.latency.p99} ms`;
    process.stdout.write('\nresults (same server, same run):\n');
    process.stdout.write(`${row('GET /healthz', health)}\n`);
    process.stdout.write(`${row(`GET /api/sections (${(bytes / 1024).toFixed(0)} KiB)`, sections)}\n`);
    process.stdout.write(`  ratio sections/healthz: ${(sections.requests.average / health.requests.average).toFixed(3)}\n`);
  } finally {
    server.kill('SIGTERM');
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}
