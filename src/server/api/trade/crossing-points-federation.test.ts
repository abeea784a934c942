import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiClient } from '../../testing/api-client.ts';
import { testDialects } from '../../testing/databases.ts';
import { startTestNode, type TestNode } from '../../testing/test-node.ts';
import { crossingPoints, declaration, nextWeekday } from './trade-fixtures.ts';

/**
 * A crossing-point profile edited by its own side travels as a signed record; the other node
 * shows it for its own unit of that point (matched by ref) instead of its indicative copy, so
 * both banks compute the aligned hours from the hours each side actually set.
 */
describe.each(await testDialects())('an edited crossing-point profile reaches the other bank (%s)', (dialect) => {
  let tj: TestNode;
  let af: TestNode;
  let tjAdmin: ApiClient;
  let afAdmin: ApiClient;
  let tjPeerOnAf: string;

  beforeAll(async () => {
    [tj, af] = await Promise.all([startTestNode(dialect), startTestNode(dialect, { nodeState: 'AF', nodeName: 'sarhad-af' })]);
    [tjAdmin, afAdmin] = await Promise.all([tj.as('admin'), af.as('admin')]);
    const tjInfo = (await tj.anonymous().get('/api/federation/node')).body;
    const afInfo = (await af.anonymous().get('/api/federation/node')).body;
    const afPeerOnTj = (await tjAdmin.post('/api/federation/peers', { name: 'sarhad-af', url: af.url, stateCode: 'AF', publicKey: afInfo.publicKey, nodeId: afInfo.nodeId })).body.id;
    tjPeerOnAf = (await afAdmin.post('/api/federation/peers', { name: 'sarhad-tj', url: tj.url, stateCode: 'TJ', publicKey: tjInfo.publicKey })).body.id;
    const agreement = { types: ['crossing_point'], maxTlp: 'AMBER', personalData: false };
    expect((await tjAdmin.post(`/api/federation/peers/${afPeerOnTj}/agreements`, agreement)).status).toBe(201);
    expect((await afAdmin.post(`/api/federation/peers/${tjPeerOnAf}/agreements`, agreement)).status).toBe(201);
  }, 180_000);
  afterAll(async () => {
    await Promise.all([tj?.close(), af?.close()]);
  });

  it('the Tajik edit of Panji Poyon is what the Afghan node shows and aligns with', async () => {
    const tjPanji = (await crossingPoints(tjAdmin)).get('tj-bcp-panji-poyon')!;
    const afPanji = (await crossingPoints(afAdmin)).get('tj-bcp-panji-poyon')!;
    expect(afPanji).not.toBe(tjPanji);
    // Before: the Afghan node's own indicative copy, 42.5 h a week both open.
    expect((await afAdmin.get(`/api/crossing-points/${afPanji}/aligned-hours`)).body.minutes.both).toBe(42.5 * 60);

    const current = await tjAdmin.get(`/api/crossing-points/${tjPanji}`);
    // Tuesday to Saturday now: the Tajik side no longer opens on Mondays.
    const hours = Object.fromEntries(['tue', 'wed', 'thu', 'fri', 'sat'].map((d) => [d, { open: '10:00', close: '20:00' }]));
    const edit = await tjAdmin.request('PUT', `/api/crossing-points/${tjPanji}`, { hours, lanes: { cargo: 5, passenger: 2 }, capacityTrucksPerDay: 350, locode: null, holidays: ['03-21'] }, { headers: { 'if-match': current.headers.get('etag')! } });
    expect(edit.status, edit.text).toBe(200);

    const sync = await afAdmin.post(`/api/federation/peers/${tjPeerOnAf}/sync`);
    expect(sync.status, sync.text).toBe(200);
    expect(sync.body.rejected, JSON.stringify(sync.body.rejections)).toBe(0);

    const shown = await afAdmin.get(`/api/crossing-points/${afPanji}`);
    expect(shown.body.profile).toMatchObject({ ownerState: 'TJ', ownerNode: tj.ctx.node.id, capacityTrucksPerDay: 350, holidays: ['03-21'] });
    expect(shown.body.profile.hours.tue).toEqual({ open: '10:00', close: '20:00' });
    expect(shown.body.profile.hours.mon).toBeUndefined();
    expect(shown.body.abilities.configure).toBe(false);
    // TJ 05:00–15:00 UTC Tue–Sat against AF 03:30–12:00 UTC Sat–Thu: Tue, Wed, Thu, Sat × 7 h.
    const aligned = (await afAdmin.get(`/api/crossing-points/${afPanji}/aligned-hours`)).body;
    expect(aligned.minutes.both).toBe(28 * 60);
    expect(aligned.point.publishedBy).toBe('TJ');
    // The Afghan node's declarations check the published hours too: Panji Poyon is shut on Mondays.
    const afCustoms = await af.as('af.customs');
    const monday = await afCustoms.post('/api/declarations', declaration((await crossingPoints(afCustoms)), { expectedArrival: nextWeekday(1) }));
    expect(monday.status, monday.text).toBe(409);
    expect(monday.body.error.code).toBe('CROSSING_CLOSED');
    expect(monday.body.error.details).toMatchObject({ crossingPointId: afPanji });
    // The Afghan node's own Sher Khan Bandar profile is still its own.
    const skb = (await crossingPoints(afAdmin)).get('af-bcp-sher-khan-bandar')!;
    expect((await afAdmin.get(`/api/crossing-points/${skb}`)).body.profile).toMatchObject({ ownerState: 'AF', ownerNode: af.ctx.node.id });
  });
});
