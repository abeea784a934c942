import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../config.ts';
import { createLogger } from '../logger.ts';
import { buildApp } from '../server/app.ts';
import { ApiClient } from '../server/testing/api-client.ts';
import { openNode } from '../services/node.ts';

const MAIN = path.resolve('src/cli/main.ts');
const FIXTURE = path.resolve('src/cli/fixtures/tj-uz-mini.json');

function sarhad(dataDir: string, args: string[], env: Record<string, string> = {}) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', MAIN, ...args], {
    env: { ...process.env, SARHAD_DATA_DIR: dataDir, SARHAD_LOG_LEVEL: 'warn', DATABASE_URL: '', ...env },
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('the sarhad command (SQLite)', { timeout: 180_000 }, () => {
  let dataDir: string;
  beforeAll(() => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sarhad-cli-'));
  });
  afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

  it('migrates, seeds the Tajik–Afghan scenario, and seeding again changes nothing', () => {
    expect(sarhad(dataDir, ['migrate']).code).toBe(0);
    const first = sarhad(dataDir, ['seed']);
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(/scenario tj-af: \d+ created, 0 updated, 0 unchanged/);
    const again = sarhad(dataDir, ['seed']);
    expect(again.stdout).toMatch(/scenario tj-af: 0 created, 0 updated, \d+ unchanged/);
  });

  it('adds a second border pair from a data file alone', () => {
    const r = sarhad(dataDir, ['seed', '--scenario', FIXTURE]);
    expect(r.code, r.stderr).toBe(0);
    // 1 new state, 1 new agency, 2 sections, 2 units; the shared TJ state and agency are unchanged.
    expect(r.stdout).toContain('scenario tj-uz-mini: 6 created, 0 updated, 2 unchanged');
  });

  it('refuses a scenario with a dangling reference, naming it, and writes nothing', () => {
    const bad = JSON.parse(fs.readFileSync(FIXTURE, 'utf8'));
    bad.id = 'tj-uz-bad';
    bad.units[0].agency = 'no-such-agency';
    const file = path.join(dataDir, 'bad.json');
    fs.writeFileSync(file, JSON.stringify(bad));
    const r = sarhad(dataDir, ['seed', '--scenario', file]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('no-such-agency');
    const missing = sarhad(dataDir, ['seed', '--scenario', path.join(dataDir, 'missing.json')]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/scenario not found/);
  });

  it('user add creates a user who can log in; bad roles and taken names are refused', async () => {
    const ok = sarhad(dataDir, ['user', 'add', '--username', 'k.rahimov', '--roles', 'analyst,reporter', '--agency', 'tj-border-troops', '--password', 'analyst-password-1'], {});
    expect(ok.code, ok.stderr).toBe(0);
    expect(ok.stdout).toMatch(/created user k\.rahimov/);
    expect(ok.stdout).not.toContain('analyst-password-1');
    const badRole = sarhad(dataDir, ['user', 'add', '--username', 'x.y', '--roles', 'general', '--agency', 'tj-border-troops']);
    expect(badRole.code).toBe(2);
    expect(badRole.stderr).toMatch(/unknown role\(s\): general/);
    const taken = sarhad(dataDir, ['user', 'add', '--username', 'k.rahimov', '--roles', 'analyst', '--agency', 'tj-border-troops', '--password', 'another-password-1']);
    expect(taken.code).toBe(2);
    expect(taken.stderr).toMatch(/taken/);
    const generated = sarhad(dataDir, ['user', 'add', '--username', 'z.nazarova', '--roles', 'validator', '--agency', 'tj-border-troops']);
    expect(generated.stdout).toMatch(/password \(shown once\): \S{16,}/);

    const token = sarhad(dataDir, ['user', 'token', 'k.rahimov', '--name', 'qgis']);
    expect(token.code).toBe(0);
    const secret = token.stdout.trim();
    expect(secret).toMatch(/^sarhad_[A-Za-z0-9_-]{40,}$/);

    // Serve the same data directory and use both credentials over HTTP.
    const ctx = await openNode({ ...loadConfig({}), dataDir, databaseUrl: null }, createLogger('silent'));
    const app = await buildApp(ctx);
    await app.listen({ port: 0, host: '127.0.0.1' });
    const address = app.server.address();
    const url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
    try {
      const client = new ApiClient(url);
      await client.login('k.rahimov', 'analyst-password-1');
      const sections = await client.get('/api/sections');
      expect(sections.body.features.map((f: { properties: { ref: string } }) => f.properties.ref)).toContain('tj-uz-02');
      const machine = new ApiClient(url);
      machine.bearer = secret;
      const me = await machine.get('/api/auth/me');
      expect(me.status).toBe(200);
      expect(me.body.user.username).toBe('k.rahimov');
      // A machine token needs no CSRF token, but a wrong token is refused.
      machine.bearer = `${secret}x`;
      expect((await machine.get('/api/units')).status).toBe(401);
    } finally {
      await app.close();
      await ctx.db.close();
    }
  });

  it('user token --expires-in, user tokens and user token-revoke: the revoked token is refused over HTTP', async () => {
    const issued = sarhad(dataDir, ['user', 'token', 'k.rahimov', '--name', 'gis-desk', '--expires-in', '30d']);
    expect(issued.code, issued.stderr).toBe(0);
    const secret = issued.stdout.trim();
    expect(secret).toMatch(/^sarhad_[A-Za-z0-9_-]{40,}$/);
    const listed = sarhad(dataDir, ['user', 'tokens', 'k.rahimov']);
    expect(listed.code, listed.stderr).toBe(0);
    expect(listed.stdout).not.toContain(secret);
    const row = listed.stdout.split('\n').find((line) => line.includes('\tgis-desk\t'));
    expect(row).toBeTruthy();
    const [id, , created, expires, lastUsed] = row!.split('\t');
    expect(Date.parse(expires!) - Date.parse(created!)).toBe(30 * 86_400_000);
    expect(lastUsed).toBe('never');

    expect(sarhad(dataDir, ['user', 'token', 'k.rahimov', '--expires-in', '30x']).code).toBe(2);
    const tooLong = sarhad(dataDir, ['user', 'token', 'k.rahimov', '--expires-in', '400d']);
    expect(tooLong.code).toBe(2);
    expect(tooLong.stderr).toMatch(/expiresInDays/);
    expect(sarhad(dataDir, ['user', 'tokens', 'nobody.here']).code).toBe(2);
    expect(sarhad(dataDir, ['user', 'token-revoke', '00000000-0000-4000-8000-000000000000']).code).toBe(2);

    const revoked = sarhad(dataDir, ['user', 'token-revoke', id!]);
    expect(revoked.code, revoked.stderr).toBe(0);
    expect(revoked.stdout).toContain('gis-desk');
    expect(sarhad(dataDir, ['user', 'tokens', 'k.rahimov']).stdout).not.toContain('gis-desk');

    const ctx = await openNode({ ...loadConfig({}), dataDir, databaseUrl: null }, createLogger('silent'));
    const app = await buildApp(ctx);
    await app.listen({ port: 0, host: '127.0.0.1' });
    const address = app.server.address();
    try {
      const machine = new ApiClient(`http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`);
      machine.bearer = secret;
      expect((await machine.get('/api/auth/me')).status).toBe(401);
    } finally {
      await app.close();
      await ctx.db.close();
    }
  });
});
