import { createHash } from 'node:crypto';
import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../../logger.ts';
import { openNode } from '../../../services/node.ts';
import { buildApp } from '../../app.ts';
import { MAX_FAILURES_PER_ADDRESS, MAX_FAILURES_PER_USERNAME } from '../../../services/auth.service.ts';
import { testDialects } from '../../testing/databases.ts';
import { startTestNode, TEST_PASSWORD, type TestNode } from '../../testing/test-node.ts';

// The test node trusts 127.0.0.2 as its reverse proxy; requests from 127.0.0.1 come "directly".
const PROXY = '127.0.0.2';

interface Answer {
  status: number;
  retryAfter: number | null;
  code: string | null;
}

/** POST /api/auth/login from a chosen local address, optionally with X-Forwarded-For. */
function rawLogin(url: string, username: string, password: string, opts: { from?: string; forwardedFor?: string } = {}): Promise<Answer> {
  const payload = JSON.stringify({ username, password });
  const target = new URL('/api/auth/login', url);
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: target.hostname,
        port: target.port,
        path: target.pathname,
        method: 'POST',
        localAddress: opts.from ?? '127.0.0.1',
        agent: false,
        headers: {
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(payload),
          ...(opts.forwardedFor ? { 'x-forwarded-for': opts.forwardedFor } : {}),
        },
      },
      (res) => {
        let text = '';
        res.on('data', (c) => (text += c));
        res.on('end', () => {
          const retry = res.headers['retry-after'];
          const body = text ? (JSON.parse(text) as { error?: { code: string } }) : null;
          resolve({ status: res.statusCode ?? 0, retryAfter: retry === undefined ? null : Number(retry), code: body?.error?.code ?? null });
        });
      },
    );
    req.on('error', reject);
    req.end(payload);
  });
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
let addressSeq = 0;
/** A documentation-range client address no other test uses. */
const freshAddress = () => `198.51.100.${++addressSeq}`;

// Each wrong password costs a real scrypt check: on a busy machine a burst of 30 takes a while.
describe.each(await testDialects())('login limits over HTTP (%s)', { timeout: 120_000 }, (dialect) => {
  let node: TestNode;
  beforeAll(async () => {
    // A long back-off: the burst below is judged on counting alone, never on timing.
    node = await startTestNode(dialect, { trustedProxies: [PROXY], loginBackoffBaseMs: 60_000 });
  }, 120_000);
  afterAll(async () => node?.close());

  const attemptRows = () => node.ctx.db.kysely.selectFrom('login_attempts').selectAll().execute();

  it('a parallel burst of 40 wrong passwords gets at most the limit (5) through to password checking; the rest are 429 with Retry-After', async () => {
    const before = (await attemptRows()).length;
    const address = freshAddress();
    const answers = await Promise.all(
      Array.from({ length: 40 }, (_, i) => rawLogin(node.url, 'tj.analyst', `guess-${i}`, { from: PROXY, forwardedFor: address })),
    );
    const checked = answers.filter((a) => a.status === 401);
    const refused = answers.filter((a) => a.status === 429);
    expect(checked.length).toBeLessThanOrEqual(MAX_FAILURES_PER_USERNAME);
    expect(checked.length).toBeGreaterThan(0);
    expect(checked.length + refused.length).toBe(40);
    for (const a of checked) expect(a.code).toBe('INVALID_CREDENTIALS');
    for (const a of refused) {
      expect(a.code).toBe('RATE_LIMITED');
      expect(a.retryAfter).toBeGreaterThanOrEqual(1);
    }
    // Only the attempts whose password was checked are recorded.
    expect((await attemptRows()).length - before).toBe(checked.length);
    // The right password from elsewhere waits out the back-off too: the limit is per username.
    const right = await rawLogin(node.url, 'tj.analyst', TEST_PASSWORD, { from: PROXY, forwardedFor: freshAddress() });
    expect(right.status).toBe(429);
    expect(right.retryAfter).toBeGreaterThan(50);
    // Another user is not slowed by it.
    expect((await rawLogin(node.url, 'tj.commander', TEST_PASSWORD, { from: PROXY, forwardedFor: freshAddress() })).status).toBe(200);
  });

  // Two API processes on one PostgreSQL: each has its own pool, so only the database can keep
  // the count. (Two SQLite writers in one Node process would block each other's event loop.)
  it.runIf(dialect === 'postgres')('a burst split across two API servers on one database still gets at most 5 through', async () => {
    const second = await openNode(node.config, createLogger('silent'));
    const app = await buildApp(second);
    await app.listen({ port: 0, host: '127.0.0.1' });
    const address = app.server.address();
    const secondUrl = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
    try {
      const answers = await Promise.all(
        Array.from({ length: 40 }, (_, i) =>
          rawLogin(i % 2 ? secondUrl : node.url, 'tj.reporter', `guess-${i}`, { from: PROXY, forwardedFor: freshAddress() }),
        ),
      );
      expect(answers.filter((a) => a.status === 401).length).toBeLessThanOrEqual(MAX_FAILURES_PER_USERNAME);
      expect(answers.filter((a) => a.status === 429).length).toBeGreaterThanOrEqual(40 - MAX_FAILURES_PER_USERNAME);
    } finally {
      await app.close();
      await second.db.close();
    }
  });

  it('counts failures by client address across usernames; X-Forwarded-For is believed only from the trusted proxy', async () => {
    const spraying = freshAddress();
    const names = Array.from({ length: MAX_FAILURES_PER_ADDRESS }, (_, i) => `spray.${i}`);
    const first = await Promise.all(names.map((n) => rawLogin(node.url, n, 'wrong-password', { from: PROXY, forwardedFor: spraying })));
    expect(first.map((a) => a.status)).toEqual(Array(MAX_FAILURES_PER_ADDRESS).fill(401));
    const next = await rawLogin(node.url, 'spray.fresh', 'wrong-password', { from: PROXY, forwardedFor: spraying });
    expect(next.status).toBe(429);
    expect(next.code).toBe('RATE_LIMITED');
    // Even a real user's right password is refused from that address while its back-off runs.
    expect((await rawLogin(node.url, 'tj.validator', TEST_PASSWORD, { from: PROXY, forwardedFor: spraying })).status).toBe(429);
    // Another address behind the same proxy is not affected.
    expect((await rawLogin(node.url, 'spray.fresh', 'wrong-password', { from: PROXY, forwardedFor: freshAddress() })).status).toBe(401);
    expect((await rawLogin(node.url, 'tj.validator', TEST_PASSWORD, { from: PROXY, forwardedFor: freshAddress() })).status).toBe(200);

    // From a peer that is not a trusted proxy the header is ignored: the refused address
    // claimed there is not refused, and what is recorded is the peer's own address.
    const direct = await rawLogin(node.url, 'spray.direct', 'wrong-password', { from: '127.0.0.1', forwardedFor: spraying });
    expect(direct.status).toBe(401);
    const claimed = freshAddress();
    expect((await rawLogin(node.url, 'spray.proxied', 'wrong-password', { from: PROXY, forwardedFor: claimed })).status).toBe(401);
    const rows = await attemptRows();
    const ips = rows.sort((x, y) => x.at.localeCompare(y.at)).slice(-2).map((r) => r.ip);
    expect(ips).toEqual(['127.0.0.1', claimed]);
  });

  it('login_attempts and the audit hold no username in clear, nor its plain hash', async () => {
    const secretName = 'nobody.secretname';
    await rawLogin(node.url, secretName, 'wrong-password', { from: PROXY, forwardedFor: freshAddress() });
    await rawLogin(node.url, 'af.customs', 'wrong-password', { from: PROXY, forwardedFor: freshAddress() });
    const rows = await attemptRows();
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) expect(Object.keys(row)).not.toContain('username');
    const k = node.ctx.db.kysely;
    const dumps = [
      JSON.stringify(rows),
      JSON.stringify(await k.selectFrom('login_throttle').selectAll().execute()),
      JSON.stringify(await k.selectFrom('audit_log').selectAll().execute()),
    ];
    for (const name of [secretName, 'af.customs', 'tj.analyst']) {
      const plainHash = createHash('sha256').update(name).digest('hex');
      for (const dump of dumps) {
        expect(dump).not.toContain(name);
        expect(dump).not.toContain(plainHash);
      }
    }
    // The keyed hash still lets attempts on one name be correlated.
    const macs = rows.map((r) => r.username_hmac);
    expect(new Set(macs).size).toBeLessThan(macs.length);
    for (const mac of macs) expect(mac).toMatch(/^[0-9a-f]{64}$/);
  });
});

describe.each(await testDialects())('login back-off (%s)', { timeout: 120_000 }, (dialect) => {
  const BASE_MS = 2000;
  let node: TestNode;
  beforeAll(async () => {
    node = await startTestNode(dialect, { trustedProxies: [PROXY], loginBackoffBaseMs: BASE_MS });
  }, 120_000);
  afterAll(async () => node?.close());

  it('a locked-out user logs in after a short back-off that grows; success resets the count', async () => {
    const from = { from: PROXY, forwardedFor: '203.0.113.9' };
    const failures = await Promise.all(Array.from({ length: MAX_FAILURES_PER_USERNAME }, (_, i) => rawLogin(node.url, 'tj.customs', `guess-${i}`, from)));
    expect(failures.map((a) => a.status)).toEqual(Array(MAX_FAILURES_PER_USERNAME).fill(401));

    const early = await rawLogin(node.url, 'tj.customs', TEST_PASSWORD, from);
    expect(early.status).toBe(429);
    expect(early.retryAfter).toBeGreaterThanOrEqual(1);
    expect(early.retryAfter).toBeLessThanOrEqual(BASE_MS / 1000);
    await sleep(early.retryAfter! * 1000 + 100);

    // After the back-off one more try is allowed; failing it doubles the wait.
    expect((await rawLogin(node.url, 'tj.customs', 'guess-again', from)).status).toBe(401);
    const longer = await rawLogin(node.url, 'tj.customs', TEST_PASSWORD, from);
    expect(longer.status).toBe(429);
    expect(longer.retryAfter).toBeGreaterThan(BASE_MS / 1000);
    expect(longer.retryAfter).toBeLessThanOrEqual((2 * BASE_MS) / 1000);
    await sleep(longer.retryAfter! * 1000 + 100);

    expect((await rawLogin(node.url, 'tj.customs', TEST_PASSWORD, from)).status).toBe(200);
    // The success cleared the username's counter: the full allowance is back.
    for (let i = 0; i < MAX_FAILURES_PER_USERNAME - 1; i++) {
      expect((await rawLogin(node.url, 'tj.customs', `after-${i}`, from)).status).toBe(401);
    }
    expect((await rawLogin(node.url, 'tj.customs', TEST_PASSWORD, from)).status).toBe(200);
  });
});
