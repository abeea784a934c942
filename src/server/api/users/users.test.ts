import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiClient } from '../../testing/api-client.ts';
import { testDialects } from '../../testing/databases.ts';
import { startTestNode, TEST_PASSWORD, type TestNode } from '../../testing/test-node.ts';

const NEW_PASSWORD = 'a-new-user-password-42';

/** Every object key anywhere in a parsed JSON value. */
function keysOf(value: unknown): string[] {
  if (Array.isArray(value)) return value.flatMap(keysOf);
  if (value && typeof value === 'object') return Object.entries(value).flatMap(([k, v]) => [k, ...keysOf(v)]);
  return [];
}

describe.each(await testDialects())('users API over HTTP (%s)', (dialect) => {
  let node: TestNode;
  let admin: ApiClient;
  let bg: { id: string };
  let customs: { id: string };
  let bgPost: { id: string };
  let customsUnit: { id: string };
  /** Every response body seen in this file, checked at the end for password material. */
  const seen: string[] = [];
  const track = <T extends { text: string }>(res: T) => {
    seen.push(res.text);
    return res;
  };

  beforeAll(async () => {
    node = await startTestNode(dialect);
    admin = await node.as('admin');
    const agencies = (await admin.get('/api/agencies')).body.items as { id: string; ref: string }[];
    bg = agencies.find((a) => a.ref === 'tj-border-troops')!;
    customs = agencies.find((a) => a.ref === 'tj-customs')!;
    const units = (await admin.get('/api/units')).body.items as { id: string; agencyId: string; kind: string }[];
    bgPost = units.find((u) => u.agencyId === bg.id && u.kind === 'border_post')!;
    customsUnit = units.find((u) => u.agencyId === customs.id)!;
  });
  afterAll(async () => node?.close());

  const k = () => node.ctx.db.kysely;
  const count = async (table: 'users' | 'audit_log' | 'sessions') => {
    // Earlier reads' audit entries are chained in the background: settle them before counting.
    await node.ctx.reads.flush();
    return Number((await k().selectFrom(table).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
  };
  const newUser = (username: string, extra: Record<string, unknown> = {}) => ({
    username,
    displayName: 'Nodira Usmonova',
    password: NEW_PASSWORD,
    roles: ['reporter'],
    agencyId: bg.id,
    unitId: bgPost.id,
    locale: 'tg',
    ...extra,
  });

  it('an administrator creates a user (201) who can then log in', async () => {
    const res = track(await admin.post('/api/users', newUser('tj.nodira')));
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ username: 'tj.nodira', displayName: 'Nodira Usmonova', roles: ['reporter'], agencyId: bg.id, unitId: bgPost.id, state: 'TJ', locale: 'tg', disabled: false });
    const login = track(await node.anonymous().post('/api/auth/login', { username: 'tj.nodira', password: NEW_PASSWORD }));
    expect(login.status).toBe(200);
    expect(login.body.user.id).toBe(res.body.id);
    const listed = track(await admin.get('/api/users'));
    expect(listed.body.items.map((u: { username: string }) => u.username)).toContain('tj.nodira');
  });

  it('a duplicate username is 409 CONFLICT and writes nothing', async () => {
    const before = { users: await count('users'), audit: await count('audit_log') };
    const res = track(await admin.post('/api/users', newUser('tj.reporter')));
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('CONFLICT');
    expect({ users: await count('users'), audit: await count('audit_log') }).toEqual(before);
  });

  it('an unknown agency is 400', async () => {
    const before = await count('users');
    const res = track(await admin.post('/api/users', newUser('tj.ghost', { agencyId: '00000000-0000-4000-8000-000000000000', unitId: null })));
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('VALIDATION_FAILED');
    expect(await count('users')).toBe(before);
  });

  it('a unit of another agency is 400', async () => {
    const before = await count('users');
    const res = track(await admin.post('/api/users', newUser('tj.mixed', { agencyId: bg.id, unitId: customsUnit.id })));
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('VALIDATION_FAILED');
    expect(await count('users')).toBe(before);
    const patch = track(await admin.patch(`/api/users/${(await k().selectFrom('users').select('id').where('username', '=', 'tj.reporter').executeTakeFirstOrThrow()).id}`, { unitId: customsUnit.id }));
    expect(patch.status).toBe(400);
  });

  it('a short password or an unknown role is 400', async () => {
    expect(track(await admin.post('/api/users', newUser('tj.short', { password: 'short' }))).status).toBe(400);
    expect(track(await admin.post('/api/users', newUser('tj.king', { roles: ['king'] }))).status).toBe(400);
  });

  it.each(['tj.commander', 'tj.reporter', 'partner.observer', 'af.liaison'])('%s gets 403 for GET, POST and PATCH /api/users', async (username) => {
    const client = await node.as(username);
    const before = { users: await count('users'), audit: await count('audit_log') };
    const target = (await k().selectFrom('users').select('id').where('username', '=', 'tj.analyst').executeTakeFirstOrThrow()).id;
    const get = track(await client.get('/api/users'));
    const post = track(await client.post('/api/users', newUser(`x.${username}`)));
    const patch = track(await client.patch(`/api/users/${target}`, { roles: ['administrator'] }));
    for (const res of [get, post, patch]) {
      expect(res.status).toBe(403);
      expect(res.body.error.code).toBe('FORBIDDEN');
    }
    expect({ users: await count('users'), audit: await count('audit_log') }).toEqual(before);
    const analyst = await k().selectFrom('users').select('roles_json').where('id', '=', target).executeTakeFirstOrThrow();
    expect(JSON.parse(analyst.roles_json)).toEqual(['analyst']);
  });

  it('anonymous requests to /api/users are 401', async () => {
    expect(track(await node.anonymous().get('/api/users')).status).toBe(401);
    expect(track(await node.anonymous().post('/api/users', newUser('anon.user'))).status).toBe(401);
  });

  it('GET /api/users is audited as personal_data.read by the reader', async () => {
    const adminId = (await admin.get('/api/auth/me')).body.user.id;
    const before = await count('audit_log');
    const res = track(await admin.get('/api/users'));
    expect(res.status).toBe(200);
    // Read entries are chained off the request path (services/read-audit.ts): flush as a checkpoint would.
    await node.ctx.reads.flush();
    const entries = await k().selectFrom('audit_log').selectAll().where('seq', '>', before).execute();
    expect(entries.map((e) => [e.action, e.actor])).toEqual([['personal_data.read', adminId]]);
    expect(JSON.parse(entries[0]!.detail_json)).toEqual({ count: res.body.items.length });
  });

  it('disabling a user ends their sessions: their cookie is 401 at once, and they cannot log in', async () => {
    track(await admin.post('/api/users', newUser('tj.leaving')));
    const leaving = await node.anonymous();
    await leaving.login('tj.leaving', NEW_PASSWORD);
    expect((await leaving.get('/api/auth/me')).status).toBe(200);
    const id = (await leaving.get('/api/auth/me')).body.user.id;
    const res = track(await admin.patch(`/api/users/${id}`, { disabled: true }));
    expect(res.status).toBe(200);
    expect(res.body.disabled).toBe(true);
    const me = track(await leaving.get('/api/auth/me'));
    expect(me.status).toBe(401);
    expect(me.body.error.code).toBe('UNAUTHENTICATED');
    expect((await leaving.get('/api/sections')).status).toBe(401);
    expect(await k().selectFrom('sessions').select('id_hash').where('user_id', '=', id).execute()).toEqual([]);
    const again = track(await node.anonymous().post('/api/auth/login', { username: 'tj.leaving', password: NEW_PASSWORD }));
    expect(again.status).toBe(401);
    expect(again.body.error.code).toBe('INVALID_CREDENTIALS');
  });

  it('an administrator cannot disable themselves', async () => {
    const id = (await admin.get('/api/auth/me')).body.user.id;
    const res = track(await admin.patch(`/api/users/${id}`, { disabled: true }));
    expect(res.status).toBe(400);
    expect((await admin.get('/api/auth/me')).status).toBe(200);
  });

  it('PATCH of an unknown user id is 404', async () => {
    const res = track(await admin.patch('/api/users/00000000-0000-4000-8000-000000000000', { displayName: 'x' }));
    expect(res.status).toBe(404);
    expect(res.body.error.code).toBe('NOT_FOUND');
  });

  it('passwords and their hashes never appear in any response', async () => {
    track(await admin.patch(`/api/users/${(await admin.get('/api/auth/me')).body.user.id}`, { displayName: 'Admin' }));
    const hashes = (await k().selectFrom('users').select('password_hash').execute()).map((r) => r.password_hash);
    expect(seen.length).toBeGreaterThan(15);
    for (const text of seen) {
      expect(text).not.toContain(NEW_PASSWORD);
      expect(text).not.toContain(TEST_PASSWORD);
      expect(text).not.toMatch(/scrypt\$/);
      expect(keysOf(JSON.parse(text || 'null')).filter((key) => /password/i.test(key))).toEqual([]);
      for (const h of hashes) expect(text).not.toContain(h.split('$').at(-1)!);
    }
  });
});
