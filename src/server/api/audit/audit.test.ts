import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { publicKeyFromBase64 } from '../../../domain/federation/envelope.ts';
import { verifyCheckpoint } from '../../../domain/audit/checkpoint.ts';
import { writeCheckpoint } from '../../../services/audit-checkpoints.service.ts';
import { appendAudit } from '../../../store/audit.repository.ts';
import { getNodeKeys } from '../../../store/federation.repository.ts';
import { inWriteTransaction } from '../../../store/transaction.ts';
import type { ApiClient } from '../../testing/api-client.ts';
import { testDialects } from '../../testing/databases.ts';
import { startTestNode, type TestNode } from '../../testing/test-node.ts';

interface Entry {
  seq: number;
  at: string;
  actor: { id: string; username: string | null };
  action: string;
  entityType: string;
  entityId: string | null;
  detail: Record<string, unknown>;
}

describe.each(await testDialects())('audit viewer over HTTP (%s)', (dialect) => {
  let node: TestNode;
  let commander: ApiClient;
  let commanderId: string;
  let analystId: string;
  const k = () => node.ctx.db.kysely;

  beforeAll(async () => {
    node = await startTestNode(dialect);
    commander = await node.as('tj.commander');
    commanderId = (await commander.get('/api/auth/me')).body.user.id;
    const analyst = await node.as('tj.analyst');
    analystId = (await analyst.get('/api/auth/me')).body.user.id;
    // A person alert and a user with a real name: neither name may show in the viewer.
    expect((await analyst.post('/api/alerts', { subject: { kind: 'person', names: [{ name: 'Gulnora Yusupova' }] }, reason: 'smuggling', action: 'arrest' })).status).toBe(201);
    await analyst.get('/api/alerts');
    // Details are written to hold ids and counts; an entry that broke that rule must still not leak.
    await inWriteTransaction(node.ctx.db, (trx) =>
      appendAudit(trx, {
        actor: analystId,
        action: 'test.careless',
        entityType: 'alert',
        entityId: 'alert-x',
        detail: { name: 'Ivanov', birthDate: '1980-01-01', note: 'met Ivan Petrov at the bridge', free: 'Иван Петров', nested: { surname: 'Petrov', count: 2 }, version: 3, hash: 'a'.repeat(64) },
      }),
    );
    for (let i = 0; i < 12; i++) {
      await inWriteTransaction(node.ctx.db, (trx) => appendAudit(trx, { actor: commanderId, action: 'test.page', entityType: 'unit', entityId: `unit-${i % 3}`, detail: { i } }));
    }
    await node.ctx.reads.flush();
  });
  afterAll(async () => node?.close());

  const page = async (query: string) => {
    const res = await commander.get(`/api/audit${query}`);
    expect(res.status, res.text).toBe(200);
    return res.body as { items: Entry[]; total: number; limit: number; offset: number; actions: string[] };
  };

  it.each(['tj.reporter', 'tj.analyst', 'tj.customs', 'af.liaison', 'partner.observer'])('%s gets 403 FORBIDDEN on every audit endpoint', async (username) => {
    const client = await node.as(username);
    for (const path of ['/api/audit', '/api/audit/status', '/api/audit/checkpoints/latest']) {
      const res = await client.get(path);
      expect(res.status, path).toBe(403);
      expect(res.body.error.code).toBe('FORBIDDEN');
    }
  });

  it('anonymous is 401', async () => {
    expect((await node.anonymous().get('/api/audit')).status).toBe(401);
  });

  it('a commander and an administrator read the log, newest first, with the total', async () => {
    const body = await page('');
    expect(body.limit).toBe(50);
    expect(body.offset).toBe(0);
    const count = Number((await k().selectFrom('audit_log').select((eb) => eb.fn.countAll().as('n')).where('seq', '<=', body.items[0]!.seq).executeTakeFirstOrThrow()).n);
    expect(body.total).toBe(count);
    expect(body.items.map((e) => e.seq)).toEqual([...body.items.map((e) => e.seq)].sort((a, b) => b - a));
    expect(body.actions).toContain('node.create');
    const admin = await node.as('admin');
    expect((await admin.get('/api/audit?limit=1')).status).toBe(200);
  });

  it('filters by action, actor (user name or id), entity type and id', async () => {
    const byAction = await page('?action=test.page');
    expect(byAction.total).toBe(12);
    expect(byAction.items.every((e) => e.action === 'test.page')).toBe(true);
    expect(byAction.items[0]!.actor).toEqual({ id: commanderId, username: 'tj.commander' });

    const byUser = await page('?actor=tj.analyst');
    expect(byUser.total).toBeGreaterThan(0);
    expect(byUser.items.every((e) => e.actor.id === analystId)).toBe(true);
    expect((await page(`?actor=${analystId}`)).total).toBe(byUser.total);
    expect((await page('?actor=system:bootstrap')).items.map((e) => e.action)).toContain('node.create');

    const byEntity = await page('?action=test.page&entityType=unit&entityId=unit-1');
    expect(byEntity.total).toBe(4);
    expect(byEntity.items.every((e) => e.entityId === 'unit-1')).toBe(true);
    expect((await page('?entityType=nothing-here')).total).toBe(0);
  });

  it('filters by time: a day, an instant, and a window that excludes everything', async () => {
    const today = new Date().toISOString().slice(0, 10);
    const top = (await page('?limit=1')).items[0]!.seq;
    const all = (await page(`?maxSeq=${top}`)).total;
    expect((await page(`?from=${today}&to=${today}&maxSeq=${top}`)).total).toBe(all);
    expect((await page('?to=2000-01-01')).total).toBe(0);
    const newest = (await page('?limit=1')).items[0]!;
    const after = await page(`?from=${encodeURIComponent(newest.at)}`);
    expect(after.items.map((e) => e.seq)).toContain(newest.seq);
    expect(after.items.every((e) => e.at >= newest.at)).toBe(true);
  });

  it('pages with limit and offset without gaps or repeats', async () => {
    const p1 = await page('?action=test.page&limit=5');
    const p2 = await page('?action=test.page&limit=5&offset=5');
    const p3 = await page('?action=test.page&limit=5&offset=10');
    expect([p1, p2, p3].map((p) => p.items.length)).toEqual([5, 5, 2]);
    expect(p3.total).toBe(12);
    const seqs = [...p1.items, ...p2.items, ...p3.items].map((e) => e.seq);
    expect(new Set(seqs).size).toBe(12);
    expect(seqs).toEqual([...seqs].sort((a, b) => b - a));
  });

  it('maxSeq keeps the pages of a growing log stable', async () => {
    const first = await page('?limit=5');
    const top = first.items[0]!.seq;
    await node.ctx.reads.flush(); // the read above is now in the log
    expect((await page('?limit=5')).items[0]!.seq).toBeGreaterThan(top);
    const stable = await page(`?limit=5&offset=5&maxSeq=${top}`);
    expect(stable.total).toBe(first.total);
    expect(stable.items[0]!.seq).toBe(top - 5);
  });

  it.each([
    ['limit=0'],
    ['limit=201'],
    ['offset=-1'],
    ['maxSeq=x'],
    ['from=yesterday'],
    ['to=2026-13-45'],
    ['from=2026-02-01&to=2026-01-01'],
    ['colour=red'],
    [`actor=${'x'.repeat(201)}`],
  ])('a bad query (%s) is 400 VALIDATION_FAILED', async (query) => {
    const res = await commander.get(`/api/audit?${query}`);
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('VALIDATION_FAILED');
  });

  it('never shows a name, birth date or free text: only user names as actors, ids, counts and hashes', async () => {
    const res = await commander.get('/api/audit?limit=200');
    for (const clear of ['Gulnora', 'Yusupova', 'Ivanov', 'Petrov', 'Иван', '1980-01-01', 'bridge', 'Davlat Karimov', 'Zarina Rahimova']) {
      expect(res.text).not.toContain(clear);
    }
    const careless = (res.body.items as Entry[]).find((e) => e.action === 'test.careless')!;
    expect(careless.detail).toEqual({
      name: '[withheld]', birthDate: '[withheld]', note: '[withheld]', free: '[withheld]', nested: { surname: '[withheld]', count: 2 }, version: 3, hash: 'a'.repeat(64),
    });
    expect(careless.actor.username).toBe('tj.analyst');
    const alertRead = (res.body.items as Entry[]).find((e) => e.action === 'personal_data.read' && e.entityType === 'alert')!;
    expect(alertRead.detail).toEqual({ count: 1 });
  });

  it('reading the audit log is itself audited (after the read, off the request path)', async () => {
    await page('?action=test.page&limit=3');
    await node.ctx.reads.flush();
    const last = await k().selectFrom('audit_log').selectAll().where('action', '=', 'audit.read').orderBy('seq', 'desc').limit(1).executeTakeFirstOrThrow();
    expect(last.actor).toBe(commanderId);
    expect(JSON.parse(last.detail_json)).toEqual({ count: 3, total: 12 });
  });

  it('status: the chain is intact up to the newest seq; the latest checkpoint appears once signed and verifies with the node key', async () => {
    await node.ctx.reads.flush();
    expect((await commander.get('/api/audit/checkpoints/latest')).status).toBe(404);
    const before = (await commander.get('/api/audit/status')).body;
    expect(before).toMatchObject({ intact: true, problem: null, firstBadSeq: null, lastCheckpoint: null });
    expect(before.verified).toBe(before.lastSeq);

    const signed = await writeCheckpoint(node.ctx, 'system:test');
    const latest = await commander.get('/api/audit/checkpoints/latest');
    expect(latest.status).toBe(200);
    expect(latest.body).toEqual(signed);
    const key = publicKeyFromBase64((await getNodeKeys(k(), node.ctx.node.id))!.publicKey);
    const hash = (await k().selectFrom('audit_log').select('hash').where('seq', '=', signed.seq).executeTakeFirstOrThrow()).hash;
    expect(verifyCheckpoint(latest.body, { nodeId: node.ctx.node.id, publicKey: key, verified: signed.seq, problem: null, lastSeq: signed.seq, hashAtSeq: hash }).ok).toBe(true);

    const after = (await commander.get('/api/audit/status')).body;
    expect(after.intact).toBe(true);
    expect(after.lastCheckpoint).toEqual({ seq: signed.seq, at: signed.at, extended: true, reason: null });
  });

  it('status names the first bad entry when a row is edited', async () => {
    await k().updateTable('audit_log').set({ actor: 'someone-else' }).where('seq', '=', 3).execute();
    const status = (await commander.get('/api/audit/status')).body;
    expect(status).toMatchObject({ intact: false, verified: 2, firstBadSeq: 3, problem: 'altered' });
    expect(status.lastCheckpoint).toMatchObject({ extended: false, reason: 'CHAIN_BROKEN' });
  });
});
