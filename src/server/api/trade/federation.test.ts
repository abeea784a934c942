import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiClient } from '../../testing/api-client.ts';
import { testDialects } from '../../testing/databases.ts';
import { startTestNode, type TestNode } from '../../testing/test-node.ts';
import { crossingPoints, declaration, nextWeekday } from './trade-fixtures.ts';

/**
 * Pre-arrival exchange between a Tajik and an Afghan node (WTO TFA Art. 7.1): the export
 * declaration travels as a signed record to the importing side before the truck; the arrival
 * is matched there and the discrepancy travels back, so both sides see it. An overdue transit
 * alerts both sides.
 */
describe.each(await testDialects())('trade between a TJ and an AF node (%s)', (dialect) => {
  let tj: TestNode;
  let af: TestNode;
  let tjAdmin: ApiClient;
  let afAdmin: ApiClient;
  let tjCustoms: ApiClient;
  let afCustoms: ApiClient;
  let afPeerOnTj: string;
  let tjPeerOnAf: string;
  let tjPoints: Map<string, string>;
  let afPoints: Map<string, string>;
  const state = { declarationId: '', transitId: '' };

  const afPullsFromTj = async () => {
    const res = await afAdmin.post(`/api/federation/peers/${tjPeerOnAf}/sync`);
    expect(res.status, res.text).toBe(200);
    expect(res.body.rejected, JSON.stringify(res.body.rejections)).toBe(0);
    return res.body as { stored: number };
  };
  const tjPullsFromAf = async () => {
    const res = await tjAdmin.post(`/api/federation/peers/${afPeerOnTj}/sync`);
    expect(res.status, res.text).toBe(200);
    expect(res.body.rejected, JSON.stringify(res.body.rejections)).toBe(0);
    return res.body as { stored: number };
  };

  beforeAll(async () => {
    [tj, af] = await Promise.all([startTestNode(dialect), startTestNode(dialect, { nodeState: 'AF', nodeName: 'sarhad-af' })]);
    [tjAdmin, afAdmin, tjCustoms, afCustoms] = await Promise.all([tj.as('admin'), af.as('admin'), tj.as('tj.customs'), af.as('af.customs')]);
    const tjInfo = (await tj.anonymous().get('/api/federation/node')).body;
    const afInfo = (await af.anonymous().get('/api/federation/node')).body;
    afPeerOnTj = (await tjAdmin.post('/api/federation/peers', { name: 'sarhad-af', url: af.url, stateCode: 'AF', publicKey: afInfo.publicKey, nodeId: afInfo.nodeId })).body.id;
    tjPeerOnAf = (await afAdmin.post('/api/federation/peers', { name: 'sarhad-tj', url: tj.url, stateCode: 'TJ', publicKey: tjInfo.publicKey })).body.id;
    const agreement = { types: ['declaration', 'crossing', 'transit'], maxTlp: 'AMBER', personalData: true };
    expect((await tjAdmin.post(`/api/federation/peers/${afPeerOnTj}/agreements`, agreement)).status).toBe(201);
    expect((await afAdmin.post(`/api/federation/peers/${tjPeerOnAf}/agreements`, agreement)).status).toBe(201);
    [tjPoints, afPoints] = await Promise.all([crossingPoints(tjCustoms), crossingPoints(afCustoms)]);
  }, 180_000);
  afterAll(async () => {
    await Promise.all([tj?.close(), af?.close()]);
  });

  it('the Tajik export declaration reaches the Afghan node before the truck, signed and read-only', async () => {
    const res = await tjCustoms.post('/api/declarations', declaration(tjPoints, { ref: 'TJ-EXP-FED-0001', expectedArrival: nextWeekday(1) }));
    expect(res.status, res.text).toBe(201);
    state.declarationId = res.body.id;
    expect((await afPullsFromTj()).stored).toBe(1);

    // On the AF node: unit ids differ per node, so AF finds it at its own Sher Khan Bandar by ref.
    const skb = afPoints.get('af-bcp-sher-khan-bandar')!;
    expect(skb).not.toBe(tjPoints.get('af-bcp-sher-khan-bandar'));
    const window = `from=${new Date().toISOString()}&to=${new Date(Date.now() + 12 * 86_400_000).toISOString()}`;
    const expected = await afCustoms.get(`/api/declarations?crossingPoint=${skb}&${window}`);
    expect(expected.status, expected.text).toBe(200);
    const copy = expected.body.items.find((d: { id: string }) => d.id === state.declarationId);
    expect(copy).toMatchObject({ ref: 'TJ-EXP-FED-0001', ownerState: 'TJ', ownerNode: tj.ctx.node.id, lane: res.body.lane, abilities: { update: false, arrive: true } });
    // Before the truck: the expected arrival is still ahead and no crossing exists yet.
    expect(Date.parse(copy.expectedArrival)).toBeGreaterThan(Date.now());
    expect((await afCustoms.get(`/api/declarations/${state.declarationId}`)).body.arrivals).toEqual([]);
    // The envelope was verified and stored; the copy cannot be changed here.
    const received = await af.ctx.db.kysely.selectFrom('received_envelopes').select(['record_id', 'type']).where('record_id', '=', state.declarationId).execute();
    expect(received).toEqual([{ record_id: state.declarationId, type: 'declaration' }]);
  });

  it('a weight mismatch on arrival is flagged on the Afghan side and, after sync, on the Tajik side', async () => {
    const arrival = await afCustoms.post(`/api/declarations/${state.declarationId}/arrival`, { plate: '4471 TJ 03', grossMassKg: 26_000, seals: ['S-1001', 'S-1002'], feesUsd: 80 });
    expect(arrival.status, arrival.text).toBe(201);
    expect(arrival.body).toMatchObject({ direction: 'inbound', crossingPointId: afPoints.get('af-bcp-sher-khan-bandar'), crossingPointRef: 'af-bcp-sher-khan-bandar', ownerState: 'AF' });
    expect(arrival.body.discrepancies).toEqual([{ kind: 'weight', declared: '20000 kg', found: '26000 kg', message: 'gross mass differs by 30.0 % (tolerance 5 %)' }]);

    const onAf = await afCustoms.get(`/api/declarations/${state.declarationId}`);
    expect(onAf.body.arrivals).toHaveLength(1);
    expect(onAf.body.arrivals[0].discrepancies[0].kind).toBe('weight');

    expect((await tjPullsFromAf()).stored).toBe(1);
    const onTj = await tjCustoms.get(`/api/declarations/${state.declarationId}`);
    expect(onTj.status).toBe(200);
    expect(onTj.body.arrivals).toHaveLength(1);
    expect(onTj.body.arrivals[0]).toMatchObject({ ownerState: 'AF', direction: 'inbound', discrepancies: [{ kind: 'weight', found: '26000 kg' }] });
    // The Tajik side counts the Afghan crossing at its own unit for Sher Khan Bandar (by ref).
    const times = await tjCustoms.get(`/api/crossing-times?crossingPoint=${tjPoints.get('af-bcp-sher-khan-bandar')}&direction=inbound&from=2020-01-01&to=2100-01-01`);
    expect(times.status).toBe(200);
    expect(times.body.baseline).toMatchObject({ year: 2020, hours: 17.3 });
  });

  it('an overdue transit alerts both sides', async () => {
    const created = await tjCustoms.post('/api/transits', {
      ref: 'TJ-TIR-FED-1',
      declarationId: state.declarationId,
      guarantee: { reference: 'XF61000999', issuer: 'TIR Carnet (IRU guarantee chain)', amountUsd: 100_000 },
      holder: { name: 'Talco Trade', id: 'TJ-TIN-410552', country: 'TJ' },
      vehiclePlate: '4471 TJ 03',
      seals: ['T-77'],
      departureOffice: 'Dushanbe customs terminal',
      crossingPointIds: [tjPoints.get('tj-bcp-panji-poyon')],
      destinationOffice: 'Kunduz customs',
      timeLimitHours: 2,
      releasableTo: ['AF'],
    });
    expect(created.status, created.text).toBe(201);
    state.transitId = created.body.id;
    const started = await tjCustoms.request('POST', `/api/transits/${state.transitId}/move`, { to: 'started', at: new Date(Date.now() - 3 * 3_600_000).toISOString() }, { headers: { 'if-match': '"1"' } });
    expect(started.status, started.text).toBe(200);

    // The owner's check marks it overdue (a new signed version) …
    const onTj = (await tjCustoms.get('/api/transits')).body.items.find((t: { id: string }) => t.id === state.transitId);
    expect(onTj).toMatchObject({ status: 'started', overdue: true, version: 3 });
    expect(onTj.overdueSince).not.toBeNull();
    // … which travels to the Afghan side, where it is flagged too.
    await afPullsFromTj();
    const onAf = (await afCustoms.get('/api/transits')).body.items.find((t: { id: string }) => t.id === state.transitId);
    expect(onAf).toMatchObject({ status: 'started', overdue: true, version: 3, overdueSince: onTj.overdueSince, ownerState: 'TJ' });
    // The Afghan side cannot move the Tajik transit.
    expect((await afCustoms.request('POST', `/api/transits/${state.transitId}/move`, { to: 'terminated', crossingPointId: tjPoints.get('tj-bcp-panji-poyon') }, { headers: { 'if-match': '"3"' } })).status).toBe(403);
    // Terminated at exit: no longer overdue anywhere.
    const done = await tjCustoms.request('POST', `/api/transits/${state.transitId}/move`, { to: 'terminated', crossingPointId: tjPoints.get('tj-bcp-panji-poyon') }, { headers: { 'if-match': '"3"' } });
    expect(done.status, done.text).toBe(200);
    await afPullsFromTj();
    const after = (await afCustoms.get('/api/transits')).body.items.find((t: { id: string }) => t.id === state.transitId);
    expect(after).toMatchObject({ status: 'terminated', overdue: true });
  });
});
