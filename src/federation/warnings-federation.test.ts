import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KHOROG_FLOOD } from '../server/api/warnings/fixtures.testing.ts';
import type { ApiClient } from '../server/testing/api-client.ts';
import { testDialects } from '../server/testing/databases.ts';
import { startTestNode, type TestNode } from '../server/testing/test-node.ts';
import { startSyncLoop } from './sync-loop.ts';

/**
 * Early warning to the other bank: a flood warning issued on the Tajik node reaches the Afghan
 * node through the federation (pull by the AF node's sync loop, here every 500 ms) and shows
 * there in Dari, with the Afghan posts and villages it concerns.
 */
describe.each(await testDialects())('a flood warning crosses to the other bank (%s)', { timeout: 120_000 }, (dialect) => {
  let tj: TestNode;
  let af: TestNode;
  let analyst: ApiClient;
  let afCustoms: ApiClient;
  let loop: ReturnType<typeof startSyncLoop>;

  beforeAll(async () => {
    [tj, af] = await Promise.all([startTestNode(dialect), startTestNode(dialect, { nodeState: 'AF', nodeName: 'sarhad-af' })]);
    const [tjAdmin, afAdmin] = await Promise.all([tj.as('admin'), af.as('admin')]);
    [analyst, afCustoms] = await Promise.all([tj.as('tj.analyst'), af.as('af.customs')]);
    const tjInfo = (await tj.anonymous().get('/api/federation/node')).body;
    const afInfo = (await af.anonymous().get('/api/federation/node')).body;
    const p1 = await tjAdmin.post('/api/federation/peers', { name: 'sarhad-af', url: af.url, stateCode: 'AF', publicKey: afInfo.publicKey, nodeId: afInfo.nodeId });
    const p2 = await afAdmin.post('/api/federation/peers', { name: 'sarhad-tj', url: tj.url, stateCode: 'TJ', publicKey: tjInfo.publicKey });
    expect([p1.status, p2.status]).toEqual([201, 201]);
    const agreement = { types: ['warning', 'damage', 'gauge', 'resource'], maxTlp: 'GREEN', personalData: false };
    expect((await tjAdmin.post(`/api/federation/peers/${p1.body.id}/agreements`, agreement)).status).toBe(201);
    expect((await afAdmin.post(`/api/federation/peers/${p2.body.id}/agreements`, agreement)).status).toBe(201);
    loop = startSyncLoop(af.ctx, 500);
    // The first round brings what both nodes seeded; the latency measured below is the steady state.
    await loop.runNow();
  }, 120_000);
  afterAll(async () => {
    await loop?.stop();
    await Promise.all([tj?.close(), af?.close()]);
  });

  const waitFor = async <T>(what: () => Promise<T | undefined>, ms = 10_000): Promise<T> => {
    const until = Date.now() + ms;
    for (;;) {
      const v = await what();
      if (v !== undefined) return v;
      if (Date.now() > until) throw new Error('not within the time');
      await new Promise((r) => setTimeout(r, 100));
    }
  };

  it('appears on the Afghan node in Dari within seconds, with the Afghan posts and villages it reaches', async () => {
    const issued = Date.now();
    const w = await analyst.post('/api/warnings', KHOROG_FLOOD);
    expect(w.status, w.text).toBe(201);
    expect(w.body).toMatchObject({ crossBorder: true, marking: { tlp: 'CLEAR' } });
    const seen = await waitFor(async () => {
      const list = await afCustoms.get('/api/warnings?active=true&lang=fa');
      return list.body.items.find((i: { id: string }) => i.id === w.body.id);
    });
    const elapsed = Date.now() - issued;
    console.info(`warning issued on TJ seen on AF after ${elapsed} ms (${dialect}, pull every 500 ms)`);
    expect(elapsed).toBeLessThan(5_000);
    expect(seen).toMatchObject({ ownerState: 'TJ', active: true, abilities: { update: false, cancel: false } });
    expect(seen.info).toMatchObject({ language: 'fa', headline: 'سیلاب در دریای پنج نزدیک خاروغ', instruction: 'از کنار دریا دور بمانید.' });
    const detail = await afCustoms.get(`/api/warnings/${w.body.id}?lang=fa`);
    const afVillages = detail.body.affected.communities.filter((c: { stateCode: string }) => c.stateCode === 'AF').map((c: { name: { en: string } }) => c.name.en);
    expect(afVillages).toContain('Shighnan');
    const afPosts = detail.body.affected.units.filter((u: { stateCode: string }) => u.stateCode === 'AF').map((u: { name: { en: string } }) => u.name.en);
    expect(afPosts).toEqual(expect.arrayContaining(['Shighnan border post', 'Demogan border crossing point']));
    // The received copy is read-only, and its CAP is the same message.
    expect((await afCustoms.get(`/api/warnings/${w.body.id}/cap`)).text).toBe((await analyst.get(`/api/warnings/${w.body.id}/cap`)).text);
    const afLiaison = await af.as('af.liaison');
    expect((await afLiaison.post(`/api/warnings/${w.body.id}/cancel`, { version: 1 })).status).toBe(403);
  });

  it('a cancellation travels too, and the warning leaves the active list over there', async () => {
    const w = (await analyst.post('/api/warnings', KHOROG_FLOOD)).body;
    await waitFor(async () => ((await afCustoms.get(`/api/warnings/${w.id}`)).status === 200 ? true : undefined));
    expect((await analyst.post(`/api/warnings/${w.id}/cancel`, { version: 1 })).status).toBe(200);
    const cancelled = await waitFor(async () => {
      const r = await afCustoms.get(`/api/warnings/${w.id}`);
      return r.body.version === 2 ? r.body : undefined;
    });
    expect(cancelled).toMatchObject({ active: false, cancelled: true, cap: { msgType: 'Cancel' } });
    expect((await afCustoms.get('/api/warnings?active=true')).body.items.map((i: { id: string }) => i.id)).not.toContain(w.id);
  });
});
