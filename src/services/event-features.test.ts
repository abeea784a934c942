import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hoursAgo, report } from '../server/api/events/fixtures.ts';
import type { ApiClient } from '../server/testing/api-client.ts';
import { testDialects } from '../server/testing/databases.ts';
import { startTestNode, type TestNode } from '../server/testing/test-node.ts';
import { findRecord, saveReceivedRecord, withdrawReceivedRecord } from '../store/records.repository.ts';
import { inWriteTransaction } from '../store/transaction.ts';
import { FeatureCache, featureCache } from './feature-cache.ts';

type Feature = { id: string; properties: Record<string, any> };

describe('the feature cache', () => {
  it('is a bounded LRU, and an entry made from another stamp of the row is a miss', () => {
    const c = new FeatureCache(2);
    const entry = (json: string) => ({ stamp: 's1', json, personal: false });
    c.set('a', entry('A'));
    c.set('b', entry('B'));
    expect(c.get('a', 's1')?.json).toBe('A'); // a is now the most recently used
    c.set('c', entry('C'));
    expect(c.size).toBe(2);
    expect(c.get('b', 's1')).toBeUndefined();
    expect(c.get('a', 's1')?.json).toBe('A');
    expect(c.get('a', 's2')).toBeUndefined();
    expect(new FeatureCache(0).get('a', 's1')).toBeUndefined();
  });
});

describe.each(await testDialects())('GET /api/events never serves a changed event from the feature cache (%s)', (dialect) => {
  let node: TestNode;
  let reporter: ApiClient;
  let validator: ApiClient;
  let observer: ApiClient;
  let hour = 1;

  const list = async (client: ApiClient) => {
    const res = await client.get('/api/events?limit=10000');
    expect(res.status, res.text).toBe(200);
    return res.body.features as Feature[];
  };
  const find = async (client: ApiClient, id: string) => (await list(client)).find((f) => f.id === id);
  const step = (client: ApiClient, id: string, transition: string, version: number, body: Record<string, unknown> = {}) =>
    client.request('POST', `/api/events/${id}/${transition}`, body, { headers: { 'if-match': `"${version}"` } });
  const correct = (id: string, version: number, body: Record<string, unknown>) =>
    validator.request('PATCH', `/api/events/${id}`, { note: 'test', ...body }, { headers: { 'if-match': `"${version}"` } });
  async function published(over: Record<string, unknown> = {}) {
    const res = await reporter.request('POST', '/api/events', report({ occurredAt: hoursAgo(hour++), submit: true, marking: { tlp: 'GREEN' }, ...over }));
    expect(res.status, res.text).toBe(201);
    const id = res.body.id as string;
    const v = res.body.properties.version as number;
    expect((await step(validator, id, 'validate', v)).status).toBe(200);
    expect((await step(validator, id, 'publish', v + 1)).status).toBe(200);
    return { id, version: v + 2 };
  }

  beforeAll(async () => {
    node = await startTestNode(dialect);
    [reporter, validator, observer] = await Promise.all([node.as('tj.reporter'), node.as('tj.validator'), node.as('partner.observer')]);
  }, 120_000);
  afterAll(async () => node?.close());

  it('a cached page is answered byte for byte as before; an edited, re-marked or closed event is listed as it now stands', async () => {
    const { id, version } = await published();
    const first = await validator.get('/api/events?limit=10000');
    const cache = featureCache(node.ctx.db);
    const hits = cache.hits;
    const again = await validator.get('/api/events?limit=10000');
    expect(cache.hits).toBeGreaterThan(hits);
    expect({ ...again.body, timeStamp: null }).toEqual({ ...first.body, timeStamp: null });
    expect((await find(observer, id))?.properties.narrative.text).toContain('inner tube');

    // edited: a new narrative, a new version
    const edited = await correct(id, version, { narrative: { text: 'Three men, not two, crossed near the post.', lang: 'en' } });
    expect(edited.status, edited.text).toBe(200);
    for (const client of [validator, observer]) {
      const f = await find(client, id);
      expect(f?.properties.narrative.text).toBe('Three men, not two, crossed near the post.');
      expect(f?.properties.version).toBe(version + 1);
    }

    // re-marked: AMBER is not released to the partner observer, who must no longer get it
    const remarked = await correct(id, version + 1, { marking: { tlp: 'AMBER' } });
    expect(remarked.status, remarked.text).toBe(200);
    expect(await find(observer, id)).toBeUndefined();
    expect((await find(validator, id))?.properties.marking.tlp).toBe('AMBER');

    // closed: the status and the abilities change
    expect((await find(reporter, id))?.properties.abilities.close).toBe(true);
    expect((await step(reporter, id, 'close', version + 2, { outcome: 'resolved' })).status).toBe(200);
    const closed = await find(reporter, id);
    expect(closed?.properties.status).toBe('closed');
    expect(closed?.properties.abilities.close).toBe(false);
  });

  it('a received copy re-sent at the same version, then withdrawn by its owner, is never served stale', async () => {
    const local = (await findRecord(node.ctx.db.kysely, 'event', (await published()).id))!;
    const id = randomUUID();
    const owner = { ...local.owner, node: 'node-peer', unitId: null };
    const receive = (text: string, sameVersion: boolean) =>
      inWriteTransaction(node.ctx.db, (trx) =>
        saveReceivedRecord(trx, { type: 'event', id, version: 2, body: { ...local.body, narrative: { text, lang: 'en' } }, marking: { ...local.marking, tlp: 'GREEN' }, owner, peerId: 'test', sameVersion }),
      );
    await receive('As the peer first sent it.', false);
    expect((await find(validator, id))?.properties.narrative.text).toBe('As the peer first sent it.');
    expect((await find(observer, id))?.properties.narrative.text).toBe('As the peer first sent it.');

    // the owner re-sends the same version, redacted differently
    await new Promise((r) => setTimeout(r, 5)); // another millisecond: updated_at is part of the row's stamp
    await receive('Re-sent at the same version.', true);
    expect((await find(validator, id))?.properties.narrative.text).toBe('Re-sent at the same version.');
    expect((await find(observer, id))?.properties.narrative.text).toBe('Re-sent at the same version.');

    await inWriteTransaction(node.ctx.db, (trx) => withdrawReceivedRecord(trx, { type: 'event', id, version: 3, marking: local.marking, owner, peerId: 'test' }));
    expect(await find(validator, id)).toBeUndefined();
    expect(await find(observer, id)).toBeUndefined();
  });
});
