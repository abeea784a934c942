import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDialects } from '../server/testing/databases.ts';
import { startTestNode, type TestNode } from '../server/testing/test-node.ts';
import { startSyncLoop } from './sync-loop.ts';

async function until<T>(probe: () => Promise<T | undefined>, ms: number): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe.each(await testDialects())('periodic federation sync (%s)', (dialect) => {
  let tj: TestNode;
  let af: TestNode;
  let loop: ReturnType<typeof startSyncLoop> | null = null;

  beforeAll(async () => {
    [tj, af] = await Promise.all([startTestNode(dialect), startTestNode(dialect, { nodeState: 'AF', nodeName: 'sarhad-af' })]);
    const [tjAdmin, afAdmin] = await Promise.all([tj.as('admin'), af.as('admin')]);
    const tjInfo = (await tj.anonymous().get('/api/federation/node')).body;
    const afInfo = (await af.anonymous().get('/api/federation/node')).body;
    const onTj = await tjAdmin.post('/api/federation/peers', { name: 'sarhad-af', url: af.url, stateCode: 'AF', publicKey: afInfo.publicKey, nodeId: afInfo.nodeId });
    const onAf = await afAdmin.post('/api/federation/peers', { name: 'sarhad-tj', url: tj.url, stateCode: 'TJ', publicKey: tjInfo.publicKey, nodeId: tjInfo.nodeId });
    // A third peer that is down must not stop the loop from reaching TJ.
    const down = await afAdmin.post('/api/federation/peers', { name: 'down', url: 'http://127.0.0.1:9/', stateCode: 'UZ', publicKey: tjInfo.publicKey, nodeId: '00000000-0000-4000-8000-000000000009' });
    const agreement = { types: ['alert'], maxTlp: 'AMBER', personalData: true };
    for (const [client, id] of [[tjAdmin, onTj.body.id], [afAdmin, onAf.body.id], [afAdmin, down.body.id]] as const) {
      expect((await client.post(`/api/federation/peers/${id}/agreements`, agreement)).status).toBe(201);
    }
  }, 180_000);
  afterAll(async () => {
    await loop?.stop();
    await Promise.all([tj?.close(), af?.close()]);
  });

  it('brings a newly released alert to the peer without anyone asking', async () => {
    loop = startSyncLoop(af.ctx, 200);
    const analyst = await tj.as('tj.analyst');
    const created = await analyst.post('/api/alerts', {
      subject: { kind: 'vehicle', plate: '02 AB 7777', description: null },
      reason: 'Truck seen loading precursors at night',
      action: 'discreet_check',
      marking: { tlp: 'AMBER', releasableTo: { states: ['AF'] } },
    });
    expect(created.status).toBe(201);
    const received = await until(
      async () => af.ctx.db.kysely.selectFrom('alerts').select(['id', 'owner_node', 'version']).where('id', '=', created.body.id).executeTakeFirst(),
      15_000,
    );
    expect(received).toMatchObject({ owner_node: tj.ctx.node.id, version: 1 });
    const afCustoms = await af.as('af.customs');
    const hits = await afCustoms.post('/api/screen', { plate: '02AB7777' });
    expect(hits.body.hits.map((h: { alertId: string }) => h.alertId)).toContain(created.body.id);
  });
});

describe('push: a change on TJ is pulled by AF at once, without waiting for a round (sqlite)', () => {
  // No periodic loop runs here: only the push notice can bring it. (About 0.1–0.7 s on an idle
  // machine; the bound leaves room for a loaded CI runner. The bench measures p95.)
  it('arrives at once after the commit', async () => {
    const { startPair } = await import('../server/testing/federation-pair.ts');
    const { startPushNotifier } = await import('./push.ts');
    const pair = await startPair('sqlite');
    const push = startPushNotifier(pair.tj.ctx);
    try {
      const analyst = await pair.tj.as('tj.analyst');
      const created = await analyst.post('/api/alerts', {
        subject: { kind: 'vehicle', plate: '03 AB 1234', description: null },
        reason: 'Pushed to the peer at once',
        action: 'discreet_check',
        marking: { tlp: 'GREEN' },
      });
      expect(created.status).toBe(201);
      const t0 = Date.now();
      await until(async () => pair.af.ctx.db.kysely.selectFrom('alerts').select('id').where('id', '=', created.body.id).executeTakeFirst(), 5_000);
      expect(Date.now() - t0).toBeLessThan(3_000);
    } finally {
      push.stop();
      await pair.close();
    }
  }, 120_000);
});
