import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_FAILURES_PER_USERNAME } from '../../../services/auth.service.ts';
import { testDialects } from '../../testing/databases.ts';
import { startTestNode, TEST_PASSWORD, type TestNode } from '../../testing/test-node.ts';

describe.each(await testDialects())('auth over HTTP (%s)', (dialect) => {
  let node: TestNode;
  beforeAll(async () => {
    // A long back-off, so the rate-limit test below does not depend on how fast scrypt runs.
    node = await startTestNode(dialect, { loginBackoffBaseMs: 60_000 });
  });
  afterAll(async () => node?.close());

  it('logs in, sets an httpOnly SameSite=Strict cookie and answers /me', async () => {
    const client = node.anonymous();
    const res = await client.post('/api/auth/login', { username: 'tj.analyst', password: TEST_PASSWORD });
    expect(res.status).toBe(200);
    expect(res.body.user).toMatchObject({ username: 'tj.analyst', roles: ['analyst'], state: 'TJ' });
    expect(res.body.user).not.toHaveProperty('passwordHash');
    const cookie = res.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Strict/i);
    const me = await client.get('/api/auth/me');
    expect(me.status).toBe(200);
    expect(me.body.user.username).toBe('tj.analyst');
    expect(me.body.csrfToken).toBe(client.csrfToken);
  });

  it('refuses a wrong password with INVALID_CREDENTIALS and an unknown user the same way', async () => {
    const a = await node.anonymous().post('/api/auth/login', { username: 'tj.analyst', password: 'wrong-password' });
    const b = await node.anonymous().post('/api/auth/login', { username: 'nobody.here', password: 'wrong-password' });
    expect(a.status).toBe(401);
    expect(a.body.error.code).toBe('INVALID_CREDENTIALS');
    expect(b.status).toBe(401);
    expect(b.body.error.code).toBe('INVALID_CREDENTIALS');
  });

  it('rate-limits a username after repeated wrong passwords, even when the right one comes next', async () => {
    const client = node.anonymous();
    const statuses: number[] = [];
    for (let i = 0; i < 10; i++) {
      statuses.push((await client.post('/api/auth/login', { username: 'af.customs', password: `guess-${i}` })).status);
    }
    expect(statuses.slice(0, MAX_FAILURES_PER_USERNAME)).toEqual(Array(MAX_FAILURES_PER_USERNAME).fill(401));
    expect(statuses.slice(MAX_FAILURES_PER_USERNAME)).toEqual(Array(10 - MAX_FAILURES_PER_USERNAME).fill(429));
    const right = await client.post('/api/auth/login', { username: 'af.customs', password: TEST_PASSWORD });
    expect(right.status).toBe(429);
    expect(right.body.error.code).toBe('RATE_LIMITED');
    // Another user is not locked out by it.
    expect((await node.anonymous().post('/api/auth/login', { username: 'af.liaison', password: TEST_PASSWORD })).status).toBe(200);
  });

  it('requires the CSRF token for state changes made with the session cookie', async () => {
    const client = await node.as('admin');
    const token = client.csrfToken;
    client.csrfToken = null;
    const without = await client.request('POST', '/api/auth/logout', undefined, { headers: {} });
    expect(without.status).toBe(403);
    expect(without.body.error.code).toBe('CSRF_FAILED');
    const wrong = await client.request('POST', '/api/auth/logout', undefined, { headers: { 'x-csrf-token': 'x'.repeat(43) } });
    expect(wrong.body.error.code).toBe('CSRF_FAILED');
    client.csrfToken = token;
    expect((await client.post('/api/auth/logout')).status).toBe(204);
    expect((await client.get('/api/auth/me')).status).toBe(401);
  });

  it('ends the session on logout: the old cookie no longer works', async () => {
    const client = await node.as('tj.reporter');
    const oldCookie = client.cookie;
    await client.post('/api/auth/logout');
    client.cookie = oldCookie;
    const me = await client.get('/api/auth/me');
    expect(me.status).toBe(401);
    expect(me.body.error.code).toBe('UNAUTHENTICATED');
  });
});
