import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient, type ApiResponse } from '../server/testing/api-client.ts';
import { runCli, spawnNode, type ChildNode } from '../server/testing/child-node.ts';
import { createPgDatabase, testDialects } from '../server/testing/databases.ts';

const PASSWORD = 'process-test-pass-1';
const UN_LIST = path.resolve('datasets/un/consolidated-2025-08-02.xml');

const alertFor = (name: string) => ({
  subject: { kind: 'person', names: [{ name, quality: 'good' }], birthDates: [{ kind: 'exact', date: '1979-05-04' }], nationalities: ['TJ'], documents: [] },
  reason: 'Cross-process test',
  action: 'discreet_check',
});

async function login(url: string, username: string) {
  const c = new ApiClient(url);
  await c.login(username, PASSWORD);
  return c;
}

describe('SQLite: a second process writing the same file', { timeout: 240_000 }, () => {
  let dataDir: string;
  let node: ChildNode | null = null;
  beforeAll(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sarhad-lock-'));
    node = await spawnNode(['demo'], { SARHAD_DATA_DIR: dataDir, SARHAD_DEMO_PASSWORD: PASSWORD }, { timeoutMs: 180_000 });
  }, 200_000);
  afterAll(async () => {
    await node?.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }, 120_000);

  it('a CLI UN import beside the server: every read and write over HTTP is answered, none with 5xx', async () => {
    const analyst = await login(node!.url, 'tj.analyst');
    const customs = await login(node!.url, 'tj.customs');
    const importing = runCli(['import', 'un', UN_LIST], { SARHAD_DATA_DIR: dataDir });
    // Beside the import's one long transaction, a writer that commits many short ones: the
    // case where a deferred BEGIN that read first cannot upgrade and fails at once.
    const churn = churnWriter(path.join(dataDir, 'sarhad.db'));
    let done = false;
    void importing.then(() => (done = true));
    const answers: ApiResponse[] = [];
    let rounds = 0;
    // Keep hammering for the whole import, and at least a few rounds.
    while (!done || rounds < 5) {
      rounds += 1;
      answers.push(
        ...(await Promise.all([
          analyst.get('/api/alerts'),
          analyst.post('/api/alerts', alertFor(`Hammer Testov ${rounds}`)),
          customs.post('/api/screen', { name: 'Hammer Testov' }),
          customs.get('/api/sections'),
        ])),
      );
    }
    const imported = await importing;
    const churned = await churn.stop();
    const failures = answers.filter((a) => a.status >= 500).map((a) => `${a.status} ${a.text.slice(0, 200)}`);
    expect(failures).toEqual([]);
    expect(imported.code, imported.stderr).toBe(0);
    expect(churned.commits).toBeGreaterThan(10);
    expect(imported.stdout).toMatch(/added 684/);
    expect(answers.every((a) => a.status === 200 || a.status === 201)).toBe(true);
    expect(rounds).toBeGreaterThanOrEqual(5);
    // The server's screening index, warmed during the import, sees what the other process wrote.
    const un = await customs.post('/api/screen', { name: 'Gaston Iyamuremye' });
    expect(un.status).toBe(200);
    expect(un.body.hits.map((h: { alert: { source: string } }) => h.alert.source)).toContain('un_sc');
  });
});

/**
 * Another process committing short write transactions on the file in a tight loop, into a
 * scratch table of its own (like `peers sync`, which commits once per received record).
 */
function churnWriter(file: string) {
  const script = `
    const Sqlite = require('better-sqlite3');
    const db = new Sqlite(${JSON.stringify(file)});
    db.pragma('busy_timeout = 10000');
    db.exec('create table if not exists lock_probe (n integer)');
    let commits = 0;
    const insert = db.prepare('insert into lock_probe values (?)');
    const tick = () => {
      db.exec('begin immediate');
      const until = Date.now() + 3;
      while (Date.now() < until) insert.run(commits);
      db.exec('commit');
      commits += 1;
      setTimeout(tick, 2);
    };
    process.on('SIGTERM', () => { process.stdout.write(String(commits)); process.exit(0); });
    tick();`;
  const child = spawn(process.execPath, ['-e', script], { stdio: ['ignore', 'pipe', 'inherit'] });
  let out = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  return {
    stop: () =>
      new Promise<{ commits: number }>((resolve) => {
        child.once('exit', () => resolve({ commits: Number(out) || 0 }));
        child.kill('SIGTERM');
      }),
  };
}

const pgOnly = (await testDialects()).includes('postgres') ? describe : describe.skip;

pgOnly('PostgreSQL: two API processes on one database', { timeout: 240_000 }, () => {
  let db: { url: string; drop(): Promise<void> };
  let first: ChildNode | null = null;
  let second: ChildNode | null = null;
  beforeAll(async () => {
    db = await createPgDatabase();
    const env = { DATABASE_URL: db.url, SARHAD_DEMO_PASSWORD: PASSWORD, SARHAD_DATA_DIR: os.tmpdir() };
    // One after the other: the first migrates and seeds, the second finds it done.
    first = await spawnNode(['demo'], env, { timeoutMs: 180_000 });
    second = await spawnNode(['start'], env, { timeoutMs: 180_000 });
  }, 400_000);
  afterAll(async () => {
    await first?.stop();
    await second?.stop();
    await db?.drop();
  }, 120_000);

  it('an alert created on one process is found by screening on the other right after, and its stream hears it', async () => {
    const analyst = await login(first!.url, 'tj.analyst');
    const customs = await login(second!.url, 'tj.customs');
    const name = 'Bakhtiyor Crossprocessov';
    // Warm the second process's index so that a stale cache would show.
    const before = await customs.post('/api/screen', { name });
    expect(before.status).toBe(200);
    expect(before.body.hits).toEqual([]);

    const heard = listenForRecord(second!.url, customs);
    const created = await analyst.post('/api/alerts', alertFor(name));
    expect(created.status).toBe(201);

    const deadline = Date.now() + 2000;
    let found = false;
    while (!found && Date.now() < deadline) {
      const res = await customs.post('/api/screen', { name });
      expect(res.status).toBe(200);
      found = res.body.hits.some((h: { alertId: string }) => h.alertId === created.body.id);
      if (!found) await new Promise((r) => setTimeout(r, 50));
    }
    expect(found).toBe(true);
    expect(await heard).toMatchObject({ type: 'alert', id: created.body.id, version: 1 });
  });
});

/** Opens the SSE stream as the client and resolves with the first `record` event (or null after 5 s). */
async function listenForRecord(url: string, client: ApiClient): Promise<unknown> {
  const controller = new AbortController();
  const res = await fetch(`${url}/api/stream`, { headers: { cookie: client.cookie ?? '' }, signal: controller.signal });
  const reader = res.body!.getReader();
  const timer = setTimeout(() => controller.abort(), 5000);
  let buffer = '';
  try {
    for (;;) {
      const { value, done } = await reader.read();
      if (done) return null;
      buffer += new TextDecoder().decode(value);
      const m = /event: record\ndata: (.+)\n/.exec(buffer);
      if (m) return JSON.parse(m[1]!);
    }
  } catch {
    return null;
  } finally {
    clearTimeout(timer);
    controller.abort();
  }
}

describe('a node of any state', { timeout: 180_000 }, () => {
  const dirs: string[] = [];
  const nodes: ChildNode[] = [];
  afterAll(async () => {
    for (const n of nodes) await n.stop();
    for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
  }, 120_000);
  const start = async (env: Record<string, string>) => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sarhad-state-'));
    dirs.push(dataDir);
    const n = await spawnNode(['start'], { SARHAD_DATA_DIR: dataDir, SARHAD_ADMIN_PASSWORD: PASSWORD, ...env }, { timeoutMs: 150_000 });
    nodes.push(n);
    return n;
  };

  it('UZ starts with only its own state and a national agency, answers /healthz and login, and holds no TJ–AF demo data', async () => {
    const uz = await start({ SARHAD_NODE_STATE: 'UZ', SARHAD_NODE_NAME: 'sarhad-uz' });
    expect((await new ApiClient(uz.url).get('/healthz')).status).toBe(200);
    const admin = await login(uz.url, 'admin');
    const states = await admin.get('/api/states');
    expect(states.status).toBe(200);
    expect(states.body.items.map((s: { code: string }) => s.code)).toEqual(['UZ']);
    const agencies = await admin.get('/api/agencies');
    expect(agencies.body.items).toHaveLength(1);
    expect(agencies.body.items[0]).toMatchObject({ stateCode: 'UZ', kind: 'border_guard' });
    const demo = await new ApiClient(uz.url).request('POST', '/api/auth/login', { username: 'tj.customs', password: PASSWORD });
    expect(demo.status).toBe(401);
  });

  it('TJ without a scenario starts with no demo users and no demo border', async () => {
    const tj = await start({});
    const demo = await new ApiClient(tj.url).request('POST', '/api/auth/login', { username: 'tj.analyst', password: 'sarhad-demo-2026' });
    expect(demo.status).toBe(401);
    const admin = await login(tj.url, 'admin');
    expect((await admin.get('/api/states')).body.items.map((s: { code: string }) => s.code)).toEqual(['TJ']);
    const units = await admin.get('/api/units');
    expect(units.body.items).toEqual([]);
  });

  it('refuses a state code that is not an ISO 3166-1 code', async () => {
    const r = await runCli(['start'], { SARHAD_NODE_STATE: 'XX', SARHAD_DATA_DIR: os.tmpdir() }, 30_000);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toMatch(/SARHAD_NODE_STATE/);
  });
});
