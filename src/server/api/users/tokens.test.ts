import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient } from '../../testing/api-client.ts';
import { testDialects } from '../../testing/databases.ts';
import { startTestNode, TEST_PASSWORD, type TestNode } from '../../testing/test-node.ts';

const NEW_PASSWORD = 'a-brand-new-password-7';
const UNKNOWN = '00000000-0000-4000-8000-000000000000';
const DAY_MS = 86_400_000;

describe.each(await testDialects())('API tokens over HTTP (%s)', { timeout: 60_000 }, (dialect) => {
  let node: TestNode;
  let admin: ApiClient;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    node = await startTestNode(dialect);
    admin = await node.as('admin');
    for (const u of (await admin.get('/api/users')).body.items as { id: string; username: string }[]) ids[u.username] = u.id;
  });
  afterAll(async () => node?.close());

  const k = () => node.ctx.db.kysely;
  const bearer = (secret: string) => {
    const c = new ApiClient(node.url);
    c.bearer = secret;
    return c;
  };
  const del = (client: ApiClient, path: string) => client.request('DELETE', path);
  // Token and user actions only: the node's background work (threat assessments, transit checks) audits too.
  const auditActions = async (since: number) =>
    (await k().selectFrom('audit_log').select('action').where('seq', '>', since).where((eb) => eb.or([eb('action', 'like', 'token.%'), eb('action', 'like', 'user.%')])).orderBy('seq').execute()).map((r) => r.action);
  const auditHead = async () => Number((await k().selectFrom('audit_log').select((eb) => eb.fn.max('seq').as('m')).executeTakeFirstOrThrow()).m);

  it('an administrator issues a token for a user: shown once, listed without its secret, expiring when asked', async () => {
    const since = await auditHead();
    const res = await admin.post(`/api/users/${ids['tj.analyst']}/tokens`, { name: 'qgis', expiresInDays: 30 });
    expect(res.status).toBe(201);
    expect(res.body.secret).toMatch(/^sarhad_[A-Za-z0-9_-]{40,}$/);
    expect(res.body.token).toMatchObject({ name: 'qgis', userId: ids['tj.analyst'], lastUsedAt: null, expired: false });
    const lifetime = Date.parse(res.body.token.expiresAt) - Date.parse(res.body.token.createdAt);
    expect(lifetime).toBe(30 * DAY_MS);

    const listed = await admin.get(`/api/users/${ids['tj.analyst']}/tokens`);
    expect(listed.status).toBe(200);
    expect(listed.body.items.map((t: { id: string }) => t.id)).toEqual([res.body.token.id]);
    expect(listed.text).not.toContain(res.body.secret);
    expect(Object.keys(listed.body.items[0]).sort()).toEqual(['createdAt', 'expired', 'expiresAt', 'id', 'lastUsedAt', 'name', 'userId']);
    const stored = await k().selectFrom('api_tokens').select('token_hash').where('id', '=', res.body.token.id).executeTakeFirstOrThrow();
    expect(listed.text).not.toContain(stored.token_hash);
    expect(await auditActions(since)).toEqual(['token.create']);

    // The default lifetime is 90 days.
    const plain = await admin.post(`/api/users/${ids['tj.analyst']}/tokens`, { name: 'default' });
    expect(Date.parse(plain.body.token.expiresAt) - Date.parse(plain.body.token.createdAt)).toBe(90 * DAY_MS);
  });

  it('keeps last_used_at, writing it at most once a minute', async () => {
    const { body } = await admin.post(`/api/users/${ids['tj.reporter']}/tokens`, { name: 'touch' });
    const machine = bearer(body.secret);
    expect((await machine.get('/api/auth/me')).body.user.username).toBe('tj.reporter');
    const first = (await admin.get(`/api/users/${ids['tj.reporter']}/tokens`)).body.items.find((t: { id: string }) => t.id === body.token.id);
    expect(first.lastUsedAt).not.toBeNull();
    expect(Date.now() - Date.parse(first.lastUsedAt)).toBeLessThan(60_000);
    await new Promise((r) => setTimeout(r, 20));
    await machine.get('/api/sections');
    const second = (await admin.get(`/api/users/${ids['tj.reporter']}/tokens`)).body.items.find((t: { id: string }) => t.id === body.token.id);
    expect(second.lastUsedAt).toBe(first.lastUsedAt);
    // Once the last use is more than a minute old, the next use records itself again.
    const old = new Date(Date.now() - 2 * 60_000).toISOString();
    await k().updateTable('api_tokens').set({ last_used_at: old }).where('id', '=', body.token.id).execute();
    await machine.get('/api/sections');
    const third = (await admin.get(`/api/users/${ids['tj.reporter']}/tokens`)).body.items.find((t: { id: string }) => t.id === body.token.id);
    expect(Date.parse(third.lastUsedAt)).toBeGreaterThan(Date.parse(old));
  });

  it('an expired token is 401 and is listed as expired', async () => {
    const { body } = await admin.post(`/api/users/${ids['tj.validator']}/tokens`, { name: 'short', expiresInDays: 1 });
    expect((await bearer(body.secret).get('/api/auth/me')).status).toBe(200);
    // A day passes: the stored expiry is moved instead of the clock.
    await k().updateTable('api_tokens').set({ expires_at: new Date(Date.now() - 1000).toISOString() }).where('id', '=', body.token.id).execute();
    const res = await bearer(body.secret).get('/api/auth/me');
    expect(res.status).toBe(401);
    expect(res.body.error.code).toBe('UNAUTHENTICATED');
    const listed = (await admin.get(`/api/users/${ids['tj.validator']}/tokens`)).body.items.find((t: { id: string }) => t.id === body.token.id);
    expect(listed.expired).toBe(true);
  });

  it('a revoked token is 401 at once; revoking is audited and disappears from the list', async () => {
    const { body } = await admin.post(`/api/users/${ids['tj.commander']}/tokens`, { name: 'to-revoke' });
    expect((await bearer(body.secret).get('/api/auth/me')).status).toBe(200);
    const since = await auditHead();
    const res = await del(admin, `/api/users/${ids['tj.commander']}/tokens/${body.token.id}`);
    expect(res.status).toBe(204);
    expect((await bearer(body.secret).get('/api/auth/me')).status).toBe(401);
    expect((await admin.get(`/api/users/${ids['tj.commander']}/tokens`)).body.items).toEqual([]);
    expect(await auditActions(since)).toEqual(['token.revoke']);
    // Revoking again changes nothing.
    expect((await del(admin, `/api/users/${ids['tj.commander']}/tokens/${body.token.id}`)).status).toBe(204);
    expect(await auditActions(since)).toEqual(['token.revoke']);
  });

  it('a user lists, creates and revokes their own tokens under /api/me/tokens', async () => {
    const customs = await node.as('tj.customs');
    const created = await customs.post('/api/me/tokens', { name: 'scanner', expiresInDays: 7 });
    expect(created.status).toBe(201);
    expect((await bearer(created.body.secret).get('/api/auth/me')).body.user.username).toBe('tj.customs');
    const mine = await customs.get('/api/me/tokens');
    expect(mine.body.items.map((t: { name: string }) => t.name)).toEqual(['scanner']);
    // The same through /api/users/<own id>/tokens.
    expect((await customs.get(`/api/users/${ids['tj.customs']}/tokens`)).body.items).toHaveLength(1);
    expect((await del(customs, `/api/me/tokens/${created.body.token.id}`)).status).toBe(204);
    expect((await bearer(created.body.secret).get('/api/auth/me')).status).toBe(401);
    expect((await customs.get('/api/me/tokens')).body.items).toEqual([]);
  });

  it("another user's tokens are 403 to anyone but an administrator, and a token id of another user is 404", async () => {
    const { body } = await admin.post(`/api/users/${ids['af.liaison']}/tokens`, { name: 'liaison' });
    const customs = await node.as('tj.customs');
    const before = await auditHead();
    expect((await customs.get(`/api/users/${ids['af.liaison']}/tokens`)).status).toBe(403);
    expect((await customs.post(`/api/users/${ids['af.liaison']}/tokens`, { name: 'mine-now' })).status).toBe(403);
    expect((await del(customs, `/api/users/${ids['af.liaison']}/tokens/${body.token.id}`)).status).toBe(403);
    // Through one's own path, another user's token id is simply not found.
    const viaMe = await del(customs, `/api/me/tokens/${body.token.id}`);
    expect(viaMe.status).toBe(404);
    expect(viaMe.body.error.code).toBe('NOT_FOUND');
    expect((await del(admin, `/api/users/${ids['tj.customs']}/tokens/${body.token.id}`)).status).toBe(404);
    expect(await auditHead()).toBe(before);
    expect((await bearer(body.secret).get('/api/auth/me')).status).toBe(200);
    expect((await node.anonymous().get('/api/me/tokens')).status).toBe(401);
  });

  it('a token cannot mint tokens', async () => {
    const { body } = await admin.post(`/api/users/${ids['admin']}/tokens`, { name: 'ci' });
    const machine = bearer(body.secret);
    expect((await machine.get('/api/me/tokens')).status).toBe(200);
    const res = await machine.post('/api/me/tokens', { name: 'forever' });
    expect(res.status).toBe(403);
    expect((await machine.post(`/api/users/${ids['tj.analyst']}/tokens`, { name: 'forever' })).status).toBe(403);
  });

  it.each([
    ['no name', { expiresInDays: 5 }],
    ['an empty name', { name: '  ' }],
    ['zero days', { name: 'x', expiresInDays: 0 }],
    ['more than a year', { name: 'x', expiresInDays: 366 }],
    ['a fraction of a day', { name: 'x', expiresInDays: 1.5 }],
    ['an unknown field', { name: 'x', secret: 'mine' }],
  ])('creating a token with %s is 400 and writes nothing', async (_label, payload) => {
    const before = Number((await k().selectFrom('api_tokens').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
    const res = await admin.post(`/api/users/${ids['tj.analyst']}/tokens`, payload);
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('VALIDATION_FAILED');
    expect(Number((await k().selectFrom('api_tokens').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n)).toBe(before);
  });

  it('unknown users and tokens are 404, malformed ids 400', async () => {
    expect((await admin.get(`/api/users/${UNKNOWN}/tokens`)).status).toBe(404);
    expect((await admin.post(`/api/users/${UNKNOWN}/tokens`, { name: 'x' })).status).toBe(404);
    expect((await del(admin, `/api/users/${ids['tj.analyst']}/tokens/${UNKNOWN}`)).status).toBe(404);
    expect((await del(admin, `/api/users/${ids['tj.analyst']}/tokens/not-a-uuid`)).status).toBe(400);
    expect((await admin.get('/api/users/not-a-uuid/tokens')).status).toBe(400);
  });

  it("changing one's password ends their tokens and other sessions, keeps this session, and is audited", async () => {
    const here = await node.as('af.customs');
    const elsewhere = await node.as('af.customs');
    const token = (await here.post('/api/me/tokens', { name: 'laptop' })).body.secret as string;
    expect((await bearer(token).get('/api/auth/me')).status).toBe(200);

    const wrong = await here.post('/api/me/password', { currentPassword: 'not-my-password', newPassword: NEW_PASSWORD });
    expect(wrong.status).toBe(400);
    expect(wrong.body.error.code).toBe('VALIDATION_FAILED');
    expect((await bearer(token).get('/api/auth/me')).status).toBe(200);
    expect((await here.post('/api/me/password', { currentPassword: TEST_PASSWORD, newPassword: 'short' })).status).toBe(400);
    expect((await here.post('/api/me/password', { currentPassword: TEST_PASSWORD, newPassword: TEST_PASSWORD })).status).toBe(400);

    const since = await auditHead();
    const ok = await here.post('/api/me/password', { currentPassword: TEST_PASSWORD, newPassword: NEW_PASSWORD });
    expect(ok.status).toBe(204);
    expect((await here.get('/api/auth/me')).status).toBe(200);
    expect((await elsewhere.get('/api/auth/me')).status).toBe(401);
    expect((await bearer(token).get('/api/auth/me')).status).toBe(401);
    expect(await auditActions(since)).toEqual(['token.revoke_all', 'user.password_change']);
    expect((await node.anonymous().post('/api/auth/login', { username: 'af.customs', password: TEST_PASSWORD })).status).toBe(401);
    expect((await node.anonymous().post('/api/auth/login', { username: 'af.customs', password: NEW_PASSWORD })).status).toBe(200);
  });

  it("an administrator's password reset ends the user's tokens and sessions", async () => {
    const session = await node.as('partner.observer');
    const { body } = await admin.post(`/api/users/${ids['partner.observer']}/tokens`, { name: 'dashboard' });
    expect((await bearer(body.secret).get('/api/auth/me')).status).toBe(200);
    expect((await admin.patch(`/api/users/${ids['partner.observer']}`, { password: NEW_PASSWORD })).status).toBe(200);
    expect((await bearer(body.secret).get('/api/auth/me')).status).toBe(401);
    expect((await session.get('/api/auth/me')).status).toBe(401);
    expect((await admin.get(`/api/users/${ids['partner.observer']}/tokens`)).body.items).toEqual([]);
  });

  it("a disabled user's token is 401, and stays dead when the user is enabled again", async () => {
    const created = await admin.post('/api/users', {
      username: 'tj.temporary',
      displayName: 'Temporary Officer',
      password: NEW_PASSWORD,
      roles: ['reporter'],
      agencyId: (await admin.get('/api/auth/me')).body.user.agencyId,
      unitId: null,
    });
    const id = created.body.id as string;
    const { body } = await admin.post(`/api/users/${id}/tokens`, { name: 'sensor' });
    expect((await bearer(body.secret).get('/api/auth/me')).status).toBe(200);
    expect((await admin.patch(`/api/users/${id}`, { disabled: true })).status).toBe(200);
    expect((await bearer(body.secret).get('/api/auth/me')).status).toBe(401);
    // A disabled user gets no new token either.
    expect((await admin.post(`/api/users/${id}/tokens`, { name: 'again' })).status).toBe(400);
    expect((await admin.patch(`/api/users/${id}`, { disabled: false })).status).toBe(200);
    expect((await bearer(body.secret).get('/api/auth/me')).status).toBe(401);
  });

  it('guessing the current password through /api/me/password is limited like logins (429 with Retry-After)', async () => {
    const client = await node.as('tj.validator');
    for (let i = 0; i < 5; i++) {
      expect((await client.post('/api/me/password', { currentPassword: `guess-${i}`, newPassword: NEW_PASSWORD })).status).toBe(400);
    }
    const refused = await client.post('/api/me/password', { currentPassword: TEST_PASSWORD, newPassword: NEW_PASSWORD });
    expect(refused.status).toBe(429);
    expect(refused.body.error.code).toBe('RATE_LIMITED');
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
  });
});
