import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiClient, ApiResponse } from '../../testing/api-client.ts';
import { testDialects } from '../../testing/databases.ts';
import { startTestNode, type TestNode } from '../../testing/test-node.ts';

const name = (en: string) => ({ en, ru: en, tg: en, fa: en, ps: en });
const SQLISH = ["admin' OR '1'='1", "'; DROP TABLE users; --", 'Robert"); DELETE FROM audit_log; --'];

/** Sends a request with one huge header over a raw socket; stops writing once the server answers. */
function hugeHeaderRequest(port: number, size: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1');
    let answer = '';
    let answered = false;
    socket.on('data', (d) => {
      answered = true;
      answer += d.toString('utf8');
    });
    socket.on('error', (err) => (answer ? resolve(answer) : reject(err)));
    socket.on('close', () => resolve(answer));
    socket.on('connect', async () => {
      socket.write('GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Huge: ');
      const chunk = 'a'.repeat(64 * 1024);
      for (let sent = 0; sent < size && !answered && !socket.destroyed; sent += chunk.length) {
        if (!socket.write(chunk)) await new Promise((r) => socket.once('drain', r).once('close', r));
      }
      if (!answered && !socket.destroyed) socket.write('\r\n\r\n');
    });
  });
}

describe.each(await testDialects())('bad input over HTTP (%s)', (dialect) => {
  let node: TestNode;
  let admin: ApiClient;
  let agencyId: string;
  const responses: string[] = [];
  const track = <T>(res: ApiResponse<T>) => {
    responses.push(res.text);
    return res;
  };

  beforeAll(async () => {
    node = await startTestNode(dialect);
    admin = await node.as('admin');
    agencyId = ((await admin.get('/api/agencies')).body.items as { id: string; ref: string }[]).find((a) => a.ref === 'tj-border-troops')!.id;
  });
  afterAll(async () => node?.close());

  const counts = async () => {
    // Earlier reads' audit entries are chained in the background: settle them before counting.
    await node.ctx.reads.flush();
    const k = node.ctx.db.kysely;
    const n = async (t: 'users' | 'units' | 'sections' | 'audit_log' | 'outbox' | 'record_versions' | 'sessions') =>
      Number((await k.selectFrom(t).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
    return { users: await n('users'), units: await n('units'), sections: await n('sections'), audit: await n('audit_log'), outbox: await n('outbox'), versions: await n('record_versions'), sessions: await n('sessions') };
  };
  /** Runs a request that must be refused and asserts that nothing at all was written. */
  const refused = async (send: () => Promise<ApiResponse>, status: number, code: string) => {
    const before = await counts();
    const res = track(await send());
    expect(res.status).toBe(status);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    expect(res.body.error.code).toBe(code);
    expect(typeof res.body.error.message).toBe('string');
    expect(await counts()).toEqual(before);
    return res;
  };
  const unit = (extra: Record<string, unknown> = {}) => ({ agencyId, kind: 'border_post', name: name('Post'), location: [69.5, 37.3], ...extra });

  it('malformed JSON is 400 MALFORMED_JSON', async () => {
    for (const raw of ['{"username": "admin", "password":', '{bad json}', "{'username':'admin'}", '']) {
      await refused(() => admin.request('POST', '/api/units', undefined, { rawBody: raw, headers: { 'content-type': 'application/json' } }), 400, 'MALFORMED_JSON');
    }
    await refused(() => node.anonymous().request('POST', '/api/auth/login', undefined, { rawBody: '{"username":', headers: { 'content-type': 'application/json' } }), 400, 'MALFORMED_JSON');
  });

  it('wrong types are 400 VALIDATION_FAILED naming the field paths', async () => {
    const res = await refused(() => admin.post('/api/units', unit({ agencyId: 42, location: ['69.5', '37.3'], approximate: 'yes' })), 400, 'VALIDATION_FAILED');
    const paths = (res.body.error.details as { path: string }[]).map((d) => d.path);
    expect(paths).toEqual(expect.arrayContaining(['body.agencyId', 'body.approximate']));
    expect(paths.some((p) => p.startsWith('body.location'))).toBe(true);
    const login = await refused(() => node.anonymous().post('/api/auth/login', { username: 123, password: ['x'] }), 400, 'VALIDATION_FAILED');
    expect((login.body.error.details as { path: string }[]).map((d) => d.path)).toEqual(expect.arrayContaining(['body.username', 'body.password']));
    await refused(() => admin.post('/api/units', [unit()]), 400, 'VALIDATION_FAILED');
    await refused(() => admin.post('/api/units', 'just a string'), 400, 'VALIDATION_FAILED');
    await refused(() => admin.post('/api/units', null), 400, 'VALIDATION_FAILED');
  });

  it('unknown fields are 400 VALIDATION_FAILED', async () => {
    await refused(() => admin.post('/api/units', unit({ isAdmin: true })), 400, 'VALIDATION_FAILED');
    await refused(() => admin.post('/api/units', unit({ name: { ...name('Post'), de: 'Posten' } })), 400, 'VALIDATION_FAILED');
    await refused(() => node.anonymous().post('/api/auth/login', { username: 'admin', password: 'x', remember: true }), 400, 'VALIDATION_FAILED');
    await refused(() => admin.get('/api/units?kind=border_post&limit=5'), 400, 'VALIDATION_FAILED');
  });

  it('a body over 1 MiB is 413 PAYLOAD_TOO_LARGE', async () => {
    await refused(() => admin.post('/api/units', unit({ name: name('x'.repeat(1024 * 1024 + 10)) })), 413, 'PAYLOAD_TOO_LARGE');
  });

  it('a 10 MB header is 431 HEADERS_TOO_LARGE in the JSON error shape, and the server keeps answering', async () => {
    const before = await counts();
    const port = Number(new URL(node.url).port);
    const raw = await hugeHeaderRequest(port, 10 * 1024 * 1024);
    responses.push(raw);
    expect(raw).toMatch(/^HTTP\/1\.1 431 /);
    const bodyText = raw.slice(raw.indexOf('\r\n\r\n') + 4);
    expect(JSON.parse(bodyText)).toEqual({ error: { code: 'HEADERS_TOO_LARGE', message: expect.any(String) } });
    const health = track(await node.anonymous().get('/healthz'));
    expect(health.status).toBe(200);
    expect(health.body.status).toBe('ok');
    expect(await counts()).toEqual(before);
  });

  it('a text/plain body is 415 UNSUPPORTED_MEDIA_TYPE', async () => {
    await refused(() => admin.request('POST', '/api/units', undefined, { rawBody: JSON.stringify(unit()), headers: { 'content-type': 'text/plain' } }), 415, 'UNSUPPORTED_MEDIA_TYPE');
    await refused(() => node.anonymous().request('POST', '/api/auth/login', undefined, { rawBody: 'username=admin&password=x', headers: { 'content-type': 'application/x-www-form-urlencoded' } }), 415, 'UNSUPPORTED_MEDIA_TYPE');
  });

  it('SQL-looking usernames at login are just wrong credentials', async () => {
    for (const username of SQLISH) {
      const before = await counts();
      const res = track(await node.anonymous().post('/api/auth/login', { username, password: "' OR '1'='1" }));
      expect(res.status).toBe(401);
      expect(res.body.error.code).toBe('INVALID_CREDENTIALS');
      // Only the failed-login audit entry is written; no session, no user.
      expect(await counts()).toEqual({ ...before, audit: before.audit + 1 });
      const last = await node.ctx.db.kysely.selectFrom('audit_log').select(['action', 'detail_json']).orderBy('seq', 'desc').limit(1).executeTakeFirstOrThrow();
      expect(last.action).toBe('auth.login_failed');
      expect(last.detail_json).not.toContain(username);
    }
  });

  it('SQL-looking display names are stored verbatim and the tables stay intact', async () => {
    for (const [i, displayName] of SQLISH.entries()) {
      const before = await counts();
      const res = track(await admin.post('/api/users', { username: `sql.user${i}`, displayName, password: 'long-enough-password', roles: ['reporter'], agencyId, unitId: null, locale: 'en' }));
      expect(res.status).toBe(201);
      expect(res.body.displayName).toBe(displayName);
      const row = await node.ctx.db.kysely.selectFrom('users').select('display_name').where('id', '=', res.body.id).executeTakeFirstOrThrow();
      expect(row.display_name).toBe(displayName);
      expect(await counts()).toEqual({ ...before, users: before.users + 1, audit: before.audit + 1 });
    }
    const users = track(await admin.get('/api/users'));
    expect(users.body.items.map((u: { displayName: string }) => u.displayName)).toEqual(expect.arrayContaining(SQLISH));
    expect((await admin.get('/api/sections')).body.features.length).toBeGreaterThan(0);
  });

  it('an unknown route is 404 NOT_FOUND in JSON', async () => {
    const get = await refused(() => node.anonymous().get('/api/nope'), 404, 'NOT_FOUND');
    expect(get.body.error.message).toContain('/api/nope');
    await refused(() => admin.post('/api/units/123/explode', {}), 404, 'NOT_FOUND');
    await refused(() => node.anonymous().get('/definitely/not/here'), 404, 'NOT_FOUND');
  });

  it('a non-UUID id in the path is 400, not a server error', async () => {
    await refused(() => admin.patch("/api/users/1' OR '1'='1", { displayName: 'x' }), 400, 'VALIDATION_FAILED');
  });

  it('no response ever carries a stack trace', () => {
    expect(responses.length).toBeGreaterThan(25);
    for (const text of responses) {
      expect(text).not.toMatch(/\n\s+at /);
      expect(text).not.toMatch(/at .*\.(ts|js):\d+/);
      expect(text).not.toMatch(/node_modules|\/work\//);
    }
  });
});
